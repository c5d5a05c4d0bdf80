"""/api/carriers: filters, detail, who may change carriers and their evaluations."""

from decimal import Decimal

import pytest

from backend.accounts.models import Role
from backend.directory.models import Carrier, CarrierEvaluation, OrgKind
from backend.directory.serializers import DEMO_BASE_TYPE_MISMATCH

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [row["name"] for row in response.data["results"]]


def test_detail_has_evaluations_industries_operator_and_startup_counts(
    api, make_carrier, make_organisation, make_startup, industries
):
    operator = make_organisation(OrgKind.CARRIER_OPERATOR, name="长春光机所")
    carrier = make_carrier(name="吉林省光电子产业孵化器", operator=operator, industries=[industries.optoelectronics])
    CarrierEvaluation.objects.create(carrier=carrier, year=2022, grade="B")
    CarrierEvaluation.objects.create(carrier=carrier, year=2023, grade="A")
    make_startup(carrier=carrier)
    make_startup(carrier=carrier)
    make_startup(carrier=carrier, graduated=True)
    data = api.get(f"/api/carriers/{carrier.pk}").data
    assert data["operator"] == operator.pk
    assert data["operator_name"] == "长春光机所"
    assert data["focus_industries"] == [industries.optoelectronics.pk]
    assert data["evaluations"] == [{"year": 2023, "grade": "A"}, {"year": 2022, "grade": "B"}]
    assert data["latest_grade"] == "A"
    assert data["startups_count"] == 2
    assert data["graduated_count"] == 1
    assert data["region_name"] == "长春市"


def test_carrier_without_operator_or_evaluations(api, make_carrier):
    data = api.get(f"/api/carriers/{make_carrier().pk}").data
    assert data["operator"] is None
    assert data["operator_name"] is None
    assert data["latest_grade"] is None
    assert data["startups_count"] == 0


def test_filters_kind_level_region_industry(api, make_carrier, regions, industries):
    make_carrier(name="甲", kind="incubator", level="national", region=regions.chaoyang, industries=[industries.chips])
    make_carrier(name="乙", kind="maker_space", level="municipal", region=regions.xingtai)
    make_carrier(name="丙", kind="incubator", level="provincial", region=regions.jilin_city)
    assert names(api.get("/api/carriers?kind=incubator")) == ["丙", "甲"]
    assert names(api.get("/api/carriers?kind=maker_space&kind=incubator&level=national")) == ["甲"]
    assert names(api.get(f"/api/carriers?region={regions.jilin.pk}")) == ["丙", "甲"]
    assert names(api.get(f"/api/carriers?industry={industries.electronics.pk}")) == ["甲"]


def test_grade_filter_uses_the_latest_evaluation(api, make_carrier):
    improved = make_carrier(name="进步")
    CarrierEvaluation.objects.create(carrier=improved, year=2022, grade="C")
    CarrierEvaluation.objects.create(carrier=improved, year=2023, grade="A")
    slipped = make_carrier(name="退步")
    CarrierEvaluation.objects.create(carrier=slipped, year=2022, grade="A")
    CarrierEvaluation.objects.create(carrier=slipped, year=2023, grade="C")
    make_carrier(name="未评")
    assert names(api.get("/api/carriers?grade=A")) == ["进步"]
    assert names(api.get("/api/carriers?grade=C")) == ["退步"]


def test_ordering(api, make_carrier):
    make_carrier(name="甲", level="municipal", workstations=10, area_m2=Decimal("500"))
    make_carrier(name="乙", level="national", workstations=None, area_m2=Decimal("9000"))
    make_carrier(name="丙", level="provincial", workstations=200, area_m2=Decimal("100"))
    assert names(api.get("/api/carriers?ordering=level")) == ["乙", "丙", "甲"]
    assert names(api.get("/api/carriers?ordering=-workstations")) == ["丙", "甲", "乙"]  # unknown last
    assert names(api.get("/api/carriers?ordering=area_m2")) == ["丙", "甲", "乙"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("region=999999", "region"), ("industry=0", "industry"), ("grade=E", "grade"), ("kind=zoo", "kind")],
)
def test_bad_filters_are_field_errors(api, query, field):
    response = api.get(f"/api/carriers?{query}")
    assert response.status_code == 400
    assert field in response.data["errors"]


def test_search_finds_the_optoelectronics_incubator(api, make_carrier):
    make_carrier(name="吉林省光电子产业孵化器")
    make_carrier(name="邢台市众创空间")
    assert names(api.get("/api/carriers?q=光电")) == ["吉林省光电子产业孵化器"]


def test_list_costs_the_same_queries_for_one_and_three_rows(
    api, make_carrier, make_organisation, industries, queries_for
):
    operator = make_organisation(OrgKind.CARRIER_OPERATOR)
    make_carrier(operator=operator, industries=[industries.chips])
    one = queries_for(api, "/api/carriers")
    for _ in range(2):
        carrier = make_carrier(operator=make_organisation(OrgKind.CARRIER_OPERATOR), industries=[industries.biomed])
        CarrierEvaluation.objects.create(carrier=carrier, year=2023, grade="B")
    assert one == queries_for(api, "/api/carriers") == 3  # count, page, focus industries


def carrier_payload(regions, **extra):
    return {
        "name": "长春新区众创空间",
        "kind": "maker_space",
        "level": "municipal",
        "region": regions.changchun.pk,
        **extra,
    }


def test_admin_creates_a_carrier(client_for, admin_user, regions, industries):
    response = client_for(admin_user).post(
        "/api/carriers", carrier_payload(regions, focus_industries=[industries.chips.pk], workstations=80)
    )
    assert response.status_code == 201, response.data
    assert response.data["evaluations"] == []
    assert Carrier.objects.get(pk=response.data["id"]).workstations == 80


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.STARTUP])
def test_non_admins_cannot_create_carriers(client_for, make_user, regions, role):
    assert client_for(make_user(role)).post("/api/carriers", carrier_payload(regions)).status_code == 403
    assert not Carrier.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"kind": "demo_base"}, "demo_base_type"),
        ({"demo_base_type": "region"}, "demo_base_type"),
        ({"area_m2": "-1"}, "area_m2"),
        ({"seed_fund": "-1"}, "seed_fund"),
        ({"level": "galactic"}, "level"),
        ({"focus_industries": [999999]}, "focus_industries"),
    ],
)
def test_create_rejects_bad_input(client_for, admin_user, regions, extra, field):
    response = client_for(admin_user).post("/api/carriers", carrier_payload(regions, **extra))
    assert response.status_code == 400
    assert field in response.data["errors"]


def test_demo_base_type_message(client_for, admin_user, regions):
    response = client_for(admin_user).post("/api/carriers", carrier_payload(regions, kind="demo_base"))
    assert response.data["errors"]["demo_base_type"] == [DEMO_BASE_TYPE_MISMATCH]


def test_operator_member_patches_but_cannot_reassign(client_for, make_carrier, make_organisation, make_user):
    staff = make_user(Role.ORGANIZER)
    operator = make_organisation(OrgKind.CARRIER_OPERATOR, members=[staff])
    other = make_organisation(OrgKind.CARRIER_OPERATOR)
    carrier = make_carrier(operator=operator)
    response = client_for(staff).patch(f"/api/carriers/{carrier.pk}", {"workstations": 120, "operator": other.pk})
    assert response.status_code == 200, response.data
    carrier.refresh_from_db()
    assert carrier.workstations == 120
    assert carrier.operator == operator


def test_non_member_cannot_patch(client_for, make_carrier, make_organisation, stranger):
    carrier = make_carrier(operator=make_organisation(OrgKind.CARRIER_OPERATOR))
    assert client_for(stranger).patch(f"/api/carriers/{carrier.pk}", {"workstations": 1}).status_code == 403


def test_admin_reassigns_the_operator(client_for, admin_user, make_carrier, make_organisation):
    operator = make_organisation(OrgKind.CARRIER_OPERATOR)
    carrier = make_carrier()
    response = client_for(admin_user).patch(f"/api/carriers/{carrier.pk}", {"operator": operator.pk})
    assert response.data["operator"] == operator.pk


def test_operator_member_cannot_delete(client_for, make_carrier, make_organisation, make_user):
    staff = make_user()
    carrier = make_carrier(operator=make_organisation(OrgKind.CARRIER_OPERATOR, owner=staff))
    assert client_for(staff).delete(f"/api/carriers/{carrier.pk}").status_code == 403


def test_search_document_follows_changes(client_for, admin_user, make_carrier, api):
    carrier = make_carrier(name="某孵化器")
    client_for(admin_user).patch(f"/api/carriers/{carrier.pk}", {"description": "聚焦光电子产业"})
    assert names(api.get("/api/carriers?q=光电子")) == ["某孵化器"]


# --- evaluations ---------------------------------------------------------------------------------


def test_anyone_reads_evaluations(api, make_carrier):
    carrier = make_carrier()
    CarrierEvaluation.objects.create(carrier=carrier, year=2023, grade="B")
    assert api.get(f"/api/carriers/{carrier.pk}/evaluations").data == [{"year": 2023, "grade": "B"}]


@pytest.mark.parametrize("who", ["organizer", "admin"])
def test_organizers_and_admins_record_evaluations(client_for, make_user, admin_user, make_carrier, who):
    user = admin_user if who == "admin" else make_user(Role.ORGANIZER)
    carrier = make_carrier()
    created = client_for(user).post(f"/api/carriers/{carrier.pk}/evaluations", {"year": 2023, "grade": "B"})
    assert created.status_code == 201
    replaced = client_for(user).post(f"/api/carriers/{carrier.pk}/evaluations", {"year": 2023, "grade": "A"})
    assert replaced.status_code == 200
    assert list(carrier.evaluations.values_list("year", "grade")) == [(2023, "A")]


def test_operator_members_cannot_grade_their_own_carrier(client_for, make_carrier, make_organisation, make_user):
    staff = make_user(Role.STARTUP)
    carrier = make_carrier(operator=make_organisation(OrgKind.CARRIER_OPERATOR, owner=staff))
    response = client_for(staff).post(f"/api/carriers/{carrier.pk}/evaluations", {"year": 2023, "grade": "A"})
    assert response.status_code == 403
    assert not CarrierEvaluation.objects.exists()


def test_anonymous_cannot_grade(api, make_carrier):
    carrier = make_carrier()
    assert api.post(f"/api/carriers/{carrier.pk}/evaluations", {"year": 2023, "grade": "A"}).status_code == 401


@pytest.mark.parametrize(
    ("payload", "field"), [({"year": 1999, "grade": "A"}, "year"), ({"year": 2023, "grade": "E"}, "grade")]
)
def test_bad_evaluations_are_field_errors(client_for, admin_user, make_carrier, payload, field):
    response = client_for(admin_user).post(f"/api/carriers/{make_carrier().pk}/evaluations", payload)
    assert response.status_code == 400
    assert field in response.data["errors"]
