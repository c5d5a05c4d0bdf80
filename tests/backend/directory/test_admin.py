"""The Django admin pages of the directory render (lists, search, forms with inlines)."""

import pytest
from django.apps import apps
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user) -> Client:
    client = Client()
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", [m._meta.model_name for m in apps.get_app_config("directory").get_models()])
def test_changelist_search_and_add_pages_render(staff, model, regions):
    assert staff.get(f"/admin/directory/{model}/?q=长春").status_code == 200
    assert staff.get(f"/admin/directory/{model}/add/").status_code == 200


def test_bank_change_page_shows_profile_products_and_members(staff, make_bank, make_product, make_user):
    bank = make_bank(owner=make_user(name="行长"), org={"name": "吉林银行"})
    make_product(bank=bank, name="创客贷")
    response = staff.get(f"/admin/directory/organisation/{bank.pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "创客贷" in body
    assert "科技支行" in body  # BankProfile.is_tech_branch label


def test_startup_change_page_renders(staff, make_startup):
    assert staff.get(f"/admin/directory/organisation/{make_startup().pk}/change/").status_code == 200
