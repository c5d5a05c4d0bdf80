"""load_demo: minimum volumes, demo logins, idempotence, determinism, --if-empty."""

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import models
from rest_framework.test import APIClient

from backend.accounts.models import User
from backend.demo.loader import load_demo, plan_digest
from backend.demo.logins import DEMO_LOGINS, DEMO_PASSWORD, LOGIN_BY_ROLE
from backend.directory.models import (
    BankProfile,
    Carrier,
    CarrierEvaluation,
    FinancingNeed,
    Industry,
    InvestorProfile,
    LoanProduct,
    Membership,
    MentorProfile,
    Organisation,
    Region,
    StartupProfile,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
MODELS = [
    Region,
    Industry,
    User,
    Organisation,
    Membership,
    Carrier,
    CarrierEvaluation,
    StartupProfile,
    InvestorProfile,
    BankProfile,
    LoanProduct,
    MentorProfile,
    FinancingNeed,
]
NATURAL_KEY = {Organisation: "name", Carrier: "name", User: "email", Industry: "name", Region: "name"}


def full_snapshot() -> dict[str, tuple[int, str]]:
    """Per table (including M2M tables): row count and a checksum of every column, ids and timestamps included."""
    tables = []
    for model in MODELS:
        tables.append(model)
        tables += [
            f.remote_field.through for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created
        ]
    snapshot = {}
    for model in tables:
        columns = [f.attname for f in model._meta.concrete_fields]
        rows = list(model.objects.order_by("pk").values_list(*columns))
        snapshot[model._meta.db_table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return snapshot


def _natural_columns(model) -> list[str]:
    columns = []
    for field in model._meta.concrete_fields:
        if field.is_relation:
            columns.append(f"{field.name}__{NATURAL_KEY[field.related_model]}")
            if field.related_model is Region:
                columns.append(f"{field.name}__parent__name")
        elif not field.primary_key and field.name != "path":  # ids differ between databases
            columns.append(field.name)
    return columns


# How rows with M2M fields are named in natural snapshots.
OWNER_KEY = {
    Organisation: ("name",),
    Carrier: ("name",),
    LoanProduct: ("bank__name", "name"),
    InvestorProfile: ("organisation__name",),
    MentorProfile: ("user__email",),
}


def natural_snapshot() -> dict[str, list]:
    """Every demo row by natural keys instead of ids, so that two databases can be compared."""
    snapshot = {}
    for model in MODELS[2:]:
        snapshot[model.__name__] = sorted(model.objects.values_list(*_natural_columns(model)), key=repr)
    for model, key in OWNER_KEY.items():
        for field in model._meta.many_to_many:
            target = f"{field.name}__{NATURAL_KEY[field.related_model]}"
            snapshot[f"{model.__name__}.{field.name}"] = sorted(model.objects.values_list(*key, target), key=repr)
    return snapshot


def wipe_demo_data() -> None:
    from backend.mentoring.models import Programme
    from events.models import Event, Room, Series

    # Later competition rounds protect earlier ones: delete from the last round back.
    for event in Event.objects.order_by("-starts"):
        event.delete()
    Series.objects.all().delete()
    Room.objects.all().delete()
    Programme.objects.all().delete()  # a programme protects its organising bureau
    Carrier.objects.all().delete()
    Organisation.objects.all().delete()
    User.objects.all().delete()


def test_load_demo_meets_the_minimum_volumes():
    load_demo()

    banks = Organisation.objects.filter(kind="bank").annotate(products=models.Count("loan_products"))
    assert StartupProfile.objects.count() >= 300
    assert MentorProfile.objects.count() == 60
    assert User.objects.filter(roles__contains=["mentor"]).count() == 60
    assert InvestorProfile.objects.count() >= 20
    assert banks.count() >= 8 and min(bank.products for bank in banks) >= 1
    assert Carrier.objects.count() >= 40
    assert FinancingNeed.objects.count() >= 20
    assert CarrierEvaluation.objects.values("carrier").distinct().count() == Carrier.objects.count()


def test_load_demo_holds_the_real_names_of_the_seeds():
    load_demo()

    startups = set(Organisation.objects.filter(kind="startup").values_list("name", flat=True))
    carriers = set(Carrier.objects.values_list("name", flat=True))
    assert {"希达电子", "海谱润斯"} <= {n for s in startups for n in ("希达电子", "海谱润斯") if n in s}
    assert {
        "长春技特生物技术有限公司",
        "长春中科长光时空光电技术有限公司",
        "长春长光辰英生物科学仪器有限公司",
    } <= startups
    assert {
        "淮海壹号众创空间",
        "矿山机电众创空间",
        "易创众创空间",
        "宝创众创空间",
        "淮北师范大学绘梦空间",
        "吉林省光电子产业孵化器",
        "浙大校友（长春）产业科技创新中心",
        "摆渡创新工场",
    } <= carriers
    assert Carrier.objects.filter(kind="innovation_complex", region__parent__name="邢台市").count() == 20
    assert set(Carrier.objects.filter(kind="demo_base").values_list("demo_base_type", flat=True)) == {
        "region",
        "university",
        "enterprise",
    }
    optoelectronics = Carrier.objects.get(name="吉林省光电子产业孵化器")
    assert optoelectronics.level == "national"
    assert list(optoelectronics.evaluations.values_list("grade", flat=True)).count("A") == 5
    jilin_seed_funds = Carrier.objects.filter(region__path__startswith=Region.objects.get(name="吉林省").path)
    assert all(100_0000 <= c.seed_fund <= 200_0000 for c in jilin_seed_funds)
    jilin_bank = Organisation.objects.get(name="吉林银行")
    assert set(jilin_bank.loan_products.values_list("name", flat=True)) == {
        "创客贷",
        "初创贷",
        "成长通",
        "吉翔通",
        "菁英贷",
    }
    assert BankProfile.objects.filter(parent_bank__name="邢台银行", is_tech_branch=True).count() == 2
    assert LoanProduct.objects.filter(bank__bank__parent_bank__name="邢台银行", collateral__contains=["patent_pledge"])
    fund = InvestorProfile.objects.get(organisation__name="邢台市创新创业天使投资基金")
    assert fund.investor_type == "government_fund"


def test_real_companies_get_no_invented_confidential_figures():
    load_demo()

    real = StartupProfile.objects.filter(organisation__name="长春长光辰英生物科学仪器有限公司").get()
    assert [real.revenue, real.net_profit, real.valuation, real.rd_expense] == [None, None, None, None]


def test_each_demo_login_authenticates_with_the_demo_password():
    load_demo()
    client = APIClient()

    statuses = {
        login.role: client.post("/api/auth/token", {"login": login.email, "password": DEMO_PASSWORD}).status_code
        for login in DEMO_LOGINS
    }

    assert statuses == {"startup": 201, "mentor": 201, "investor": 201, "bank": 201, "organizer": 201, "admin": 201}


def test_generated_people_cannot_log_in():
    load_demo()

    assert not User.objects.get(email="mentor-001@demo.innolink.cn").has_usable_password()
    assert (
        APIClient()
        .post("/api/auth/token", {"login": "mentor-001@demo.innolink.cn", "password": DEMO_PASSWORD})
        .status_code
        == 400
    )


def test_demo_logins_hold_their_roles_and_organisations():
    load_demo()
    user = {login.role: User.objects.get(email=login.email) for login in DEMO_LOGINS}

    assert {role: u.roles for role, u in user.items()} == {role: [role] for role in user}
    startup = Membership.objects.get(user=user["startup"], role="owner").organisation
    assert startup.startup.carrier.name == "吉林省光电子产业孵化器"
    assert "光电子" in startup.description
    assert user["mentor"].mentor_profile.appointed_year == 2022
    for role, organisation in [("investor", "深圳湾科创"), ("bank", "吉林银行"), ("organizer", "吉林省科学技术厅")]:
        assert list(user[role].organisations.values_list("name", flat=True)) == [organisation]
    assert (user["admin"].is_staff, user["admin"].is_superuser) == (True, True)
    assert not any(u.is_staff for role, u in user.items() if role != "admin")


def test_load_demo_twice_changes_nothing(django_assert_max_num_queries):
    load_demo()
    before = full_snapshot()

    with django_assert_max_num_queries(60):
        ctx = load_demo()

    assert full_snapshot() == before
    assert {k: v for k, v in ctx.stats.items() if v and not k.endswith(" ms")} == {}


def test_load_demo_restores_edited_and_removed_rows():
    load_demo()
    before = full_snapshot()
    Organisation.objects.filter(name="吉林银行").update(description="改过 · edited")
    LoanProduct.objects.filter(name="创客贷").delete()
    Carrier.objects.get(name="淮海壹号众创空间").focus_industries.clear()
    Membership.objects.filter(user__email=LOGIN_BY_ROLE["bank"].email).delete()

    load_demo()

    after = full_snapshot()
    changed = sorted(table for table in before if before[table] != after[table])
    # Recreated rows get new ids; everything else is as before.
    assert changed == ["directory_carrier_focus_industries", "directory_loanproduct", "directory_membership"]
    assert Organisation.objects.get(name="吉林银行").description.startswith("与吉林省科学技术厅")
    assert LoanProduct.objects.filter(name="创客贷", bank__name="吉林银行").exists()
    assert Membership.objects.filter(user__email=LOGIN_BY_ROLE["bank"].email, organisation__name="吉林银行").exists()
    assert natural_snapshot_counts(after) == natural_snapshot_counts(before)


def natural_snapshot_counts(snapshot: dict[str, tuple[int, str]]) -> dict[str, int]:
    return {table: count for table, (count, _checksum) in snapshot.items()}


def test_two_loads_into_empty_databases_give_identical_data():
    load_demo()
    first = natural_snapshot()
    wipe_demo_data()
    assert Organisation.objects.count() == 0

    load_demo()

    assert natural_snapshot() == first


def test_the_plan_does_not_depend_on_the_hash_seed():
    script = "import django; django.setup(); from backend.demo.loader import plan_digest; print(plan_digest())"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backend.settings_test", "PYTHONPATH": str(ROOT)}

    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**env, "PYTHONHASHSEED": seed},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }

    assert digests == {plan_digest()}


def test_if_empty_does_nothing_when_data_exists():
    load_demo()
    Organisation.objects.filter(name="吉林银行").update(description="改过 · edited")
    before = full_snapshot()
    out = io.StringIO()

    call_command("load_demo", "--if-empty", stdout=out)

    assert full_snapshot() == before
    assert "nothing loaded" in out.getvalue()


def test_if_empty_loads_into_an_empty_directory():
    out = io.StringIO()

    call_command("load_demo", "--if-empty", stdout=out)

    assert StartupProfile.objects.count() >= 300
    assert "Demo data loaded" in out.getvalue()


def test_demo_logins_command_prints_every_login_and_the_password():
    load_demo()
    out = io.StringIO()

    call_command("demo_logins", stdout=out)

    text = out.getvalue()
    assert all(login.email in text and login.name in text and login.organisation in text for login in DEMO_LOGINS)
    assert DEMO_PASSWORD in text
    assert "not loaded" not in text


def test_demo_logins_command_says_when_not_loaded():
    out = io.StringIO()

    call_command("demo_logins", stdout=out)

    assert out.getvalue().count("not loaded") == len(DEMO_LOGINS)
