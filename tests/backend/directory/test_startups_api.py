"""/api/startups: public directory, owner-created, members edit, confidential figures for members only."""

from decimal import Decimal

import pytest

from backend.accounts.models import Role
from backend.directory.models import Membership, Organisation, StartupProfile
from backend.directory.serializers import GRADUATED_YEAR_WITHOUT_GRADUATION

pytestmark = pytest.mark.django_db

CONFIDENTIAL = set(StartupProfile.CONFIDENTIAL_FIELDS)


def startup_payload(region_tree, industry_tree, /, **extra):
    return {
        "name": "长春光芯科技有限公司",
        "region": region_tree.changchun.pk,
        "industries": [industry_tree.optoelectronics.pk],
        "description": "专注光电子芯片研发",
        "stage": "startup",
        "employees": 12,
        "certifications": ["tech_sme"],
        "revenue": "1200000.00",
        **extra,
    }


# --- reading -------------------------------------------------------------------------------------


def test_anonymous_reads_public_fields_without_confidential_ones(api, make_startup):
    startup = make_startup(revenue=Decimal("5000000"), valuation=Decimal("80000000"), cap_table_notes="创始人 60%")
    response = api.get(f"/api/startups/{startup.pk}")
    assert response.status_code == 200
    assert response.data["name"] == startup.name
    assert response.data["stage"] == "seed"
    assert CONFIDENTIAL.isdisjoint(response.data)


def test_members_see_confidential_fields(client_for, make_startup, founder, make_user):
    colleague = make_user(Role.STARTUP)
    startup = make_startup(owner=founder, members=[colleague], revenue=Decimal("5000000"))
    for user in (founder, colleague):
        response = client_for(user).get(f"/api/startups/{startup.pk}")
        assert response.data["revenue"] == "5000000.00"
        assert set(response.data) >= CONFIDENTIAL


def test_admin_sees_confidential_fields(client_for, make_startup, admin_user):
    startup = make_startup(valuation=Decimal("1"))
    response = client_for(admin_user).get(f"/api/startups/{startup.pk}")
    assert response.data["valuation"] == "1.00"


@pytest.mark.parametrize("role", [Role.STARTUP, Role.INVESTOR, Role.BANK, Role.ORGANIZER, Role.MENTOR])
def test_non_members_of_any_role_do_not_see_confidential_fields(client_for, make_startup, make_user, role):
    startup = make_startup(owner=make_user(Role.STARTUP), revenue=Decimal("5000000"))
    response = client_for(make_user(role)).get(f"/api/startups/{startup.pk}")
    assert response.status_code == 200
    assert CONFIDENTIAL.isdisjoint(response.data)


def test_list_shows_confidential_fields_only_on_own_rows(client_for, make_startup, founder):
    own = make_startup(owner=founder, revenue=Decimal("10"))
    other = make_startup(revenue=Decimal("20"))
    rows = {row["id"]: row for row in client_for(founder).get("/api/startups").data["results"]}
    assert rows[own.pk]["revenue"] == "10.00"
    assert CONFIDENTIAL.isdisjoint(rows[other.pk])


# --- creating ------------------------------------------------------------------------------------


def test_startup_role_creates_a_startup_and_becomes_its_owner(client_for, founder, regions, industries):
    response = client_for(founder).post("/api/startups", startup_payload(regions, industries))
    assert response.status_code == 201, response.data
    organisation = Organisation.objects.get(pk=response.data["id"])
    assert organisation.kind == "startup"
    assert organisation.startup.stage == "startup"
    assert list(organisation.industries.all()) == [industries.optoelectronics]
    assert Membership.objects.get(organisation=organisation).user == founder
    assert Membership.objects.get(organisation=organisation).role == "owner"
    assert response.data["revenue"] == "1200000.00"  # the creator is a member
    assert response.data["kind"] == "startup"


def test_admin_creates_a_startup(client_for, admin_user, regions, industries):
    response = client_for(admin_user).post("/api/startups", startup_payload(regions, industries))
    assert response.status_code == 201


def test_anonymous_cannot_create_a_startup(api, regions, industries):
    response = api.post("/api/startups", startup_payload(regions, industries))
    assert response.status_code == 401
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("role", [Role.INVESTOR, Role.BANK, Role.MENTOR, Role.ORGANIZER])
def test_other_roles_cannot_create_a_startup(client_for, make_user, regions, industries, role):
    response = client_for(make_user(role)).post("/api/startups", startup_payload(regions, industries))
    assert response.status_code == 403
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"stage": "unicorn"}, "stage"),
        ({"industries": [999999]}, "industries"),
        ({"region": 999999}, "region"),
        ({"certifications": ["nobel_prize"]}, "certifications.0"),
        ({"employees": -1}, "employees"),
        ({"revenue": "-5"}, "revenue"),
        ({"graduated_year": 2020}, "graduated_year"),
        ({"carrier": 999999}, "carrier"),
        ({"name": ""}, "name"),
    ],
)
def test_create_rejects_bad_input_with_field_errors(client_for, founder, regions, industries, extra, field):
    response = client_for(founder).post("/api/startups", startup_payload(regions, industries, **extra))
    assert response.status_code == 400
    assert field in response.data["errors"], response.data
    assert not Organisation.objects.exists()


def test_graduated_year_needs_graduation(client_for, founder, regions, industries):
    response = client_for(founder).post("/api/startups", startup_payload(regions, industries, graduated_year=2020))
    assert response.data["errors"]["graduated_year"] == [GRADUATED_YEAR_WITHOUT_GRADUATION]
    ok = client_for(founder).post(
        "/api/startups", startup_payload(regions, industries, graduated=True, graduated_year=2020)
    )
    assert ok.status_code == 201


def test_duplicate_name_is_a_field_error(client_for, founder, regions, industries, make_startup):
    make_startup(org={"name": "长春光芯科技有限公司"})
    response = client_for(founder).post("/api/startups", startup_payload(regions, industries))
    assert response.status_code == 400
    assert "name" in response.data["errors"]


# --- changing ------------------------------------------------------------------------------------


def test_member_patches_public_and_confidential_fields(client_for, make_startup, founder, make_user, industries):
    colleague = make_user(Role.STARTUP)
    startup = make_startup(owner=founder, members=[colleague])
    response = client_for(colleague).patch(
        f"/api/startups/{startup.pk}",
        {"description": "新的简介", "valuation": "30000000", "industries": [industries.chips.pk], "stage": "growth"},
    )
    assert response.status_code == 200, response.data
    startup.refresh_from_db()
    assert startup.description == "新的简介"
    assert startup.startup.valuation == Decimal("30000000")
    assert startup.startup.stage == "growth"
    assert list(startup.industries.all()) == [industries.chips]


def test_admin_patches_any_startup(client_for, make_startup, admin_user):
    startup = make_startup()
    response = client_for(admin_user).patch(f"/api/startups/{startup.pk}", {"employees": 40})
    assert response.status_code == 200
    assert StartupProfile.objects.get(pk=startup.pk).employees == 40


def test_non_member_cannot_patch(client_for, make_startup, founder, stranger):
    startup = make_startup(owner=founder, revenue=Decimal("1"))
    response = client_for(stranger).patch(f"/api/startups/{startup.pk}", {"revenue": "999", "name": "改名"})
    assert response.status_code == 403
    startup.refresh_from_db()
    assert startup.name != "改名"
    assert startup.startup.revenue == Decimal("1")


def test_anonymous_cannot_patch(api, make_startup):
    startup = make_startup()
    assert api.patch(f"/api/startups/{startup.pk}", {"name": "改名"}).status_code == 401


def test_kind_cannot_be_changed(client_for, make_startup, founder):
    startup = make_startup(owner=founder)
    response = client_for(founder).patch(f"/api/startups/{startup.pk}", {"kind": "bank"})
    assert response.status_code == 200
    assert Organisation.objects.get(pk=startup.pk).kind == "startup"


def test_patch_graduated_year_checks_stored_graduation(client_for, make_startup, founder):
    startup = make_startup(owner=founder)
    response = client_for(founder).patch(f"/api/startups/{startup.pk}", {"graduated_year": 2022})
    assert response.status_code == 400
    assert response.data["errors"]["graduated_year"] == [GRADUATED_YEAR_WITHOUT_GRADUATION]


@pytest.mark.parametrize("who", ["founder", "stranger"])
def test_only_admins_delete_startups(client_for, make_startup, founder, stranger, who):
    startup = make_startup(owner=founder)
    user = founder if who == "founder" else stranger
    assert client_for(user).delete(f"/api/startups/{startup.pk}").status_code == 403
    assert Organisation.objects.filter(pk=startup.pk).exists()


def test_admin_deletes_a_startup(client_for, make_startup, admin_user):
    startup = make_startup()
    assert client_for(admin_user).delete(f"/api/startups/{startup.pk}").status_code == 204
    assert not Organisation.objects.filter(pk=startup.pk).exists()


def test_unknown_startup_is_404(api):
    assert api.get("/api/startups/424242").status_code == 404


def test_other_kinds_are_not_startups(api, make_organisation):
    institute = make_organisation()
    assert api.get(f"/api/startups/{institute.pk}").status_code == 404
