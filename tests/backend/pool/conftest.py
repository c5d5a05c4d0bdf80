"""A pool world: one listed startup with a deck, and a person for every role of the permission matrix."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.accounts.models import Role
from backend.pool import services
from backend.pool.models import AccessRequest
from tests.backend.directory.conftest import *  # noqa: F403 - the directory's trees and factories

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_upload(name: str = "pitch.pdf", content: bytes = PDF, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(make_user, make_startup, make_investor, make_bank, make_product, industries, regions, admin_user):
    """Every role of the matrix around one listed startup (光迹) whose deck is uploaded."""
    owner = make_user(Role.STARTUP, name="林晓光")
    startup = make_startup(
        owner=owner,
        org={"name": "长春光迹光电科技有限公司", "description": "微型光谱仪与激光测距模组"},
        industries=[industries.optoelectronics],
        region=regions.chaoyang,
        stage="startup",
        certifications=["tech_sme"],
        revenue=Decimal("4200000"),
        valuation=Decimal("60000000"),
        cap_table_notes="创始团队持股72%",
    )
    other_owner = make_user(Role.STARTUP, name="别家创始人")
    other_startup = make_startup(owner=other_owner, industries=[industries.biomed], stage="seed")
    granted_user = make_user(Role.INVESTOR, name="陈思远")
    granted_investor = make_investor(
        owner=granted_user,
        org={"name": "深圳湾科创"},
        industries=[industries.electronics],
        stages=["seed", "startup"],
    )
    plain_user = make_user(Role.INVESTOR, name="无授权投资人")
    plain_investor = make_investor(owner=plain_user, org={"name": "吉林天使"})
    bank_user = make_user(Role.BANK, name="王海燕")
    bank = make_bank(owner=bank_user, org={"name": "吉林银行"})
    other_bank_user = make_user(Role.BANK, name="别家银行")
    other_bank = make_bank(owner=other_bank_user, org={"name": "邢台银行"})
    entry = services.pool_entry_opt_in(
        user=owner,
        startup=startup,
        data={"summary": "面向工业检测的微型光谱仪", "funding_sought": Decimal("5000000"), "use_of_funds": "量产线"},
    )
    services.pool_deck_upload(entry=entry, upload=pdf_upload())
    grant = services.access_request_create(user=granted_user, startup=startup, message="希望了解财务数据")
    services.access_request_decide(user=owner, request=grant, grant=True)
    return SimpleNamespace(
        owner=owner,
        startup=startup,
        entry=entry,
        other_owner=other_owner,
        other_startup=other_startup,
        mentor=make_user(Role.MENTOR, name="周明哲"),
        granted_user=granted_user,
        granted_investor=granted_investor,
        grant=AccessRequest.objects.get(pk=grant.pk),
        plain_user=plain_user,
        plain_investor=plain_investor,
        bank_user=bank_user,
        bank=bank,
        other_bank_user=other_bank_user,
        other_bank=other_bank,
        organizer=make_user(Role.ORGANIZER, name="赵立新"),
        admin=admin_user,
    )
