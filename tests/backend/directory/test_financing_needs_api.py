"""/api/financing-needs: scope per role, members write, status through actions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.accounts.models import Role
from backend.directory.models import FinancingNeed
from backend.directory.serializers import DEADLINE_IN_PAST
from backend.directory.services import NEED_NOT_EDITABLE, NOT_YOUR_STARTUP

pytestmark = pytest.mark.django_db

URL = "/api/financing-needs"


@pytest.fixture
def make_need(make_startup):
    def make(startup=None, **fields):
        fields.setdefault("amount", Decimal("2000000"))
        fields.setdefault("kind", "debt")
        fields.setdefault("purpose", "扩大生产线")
        return FinancingNeed.objects.create(startup=startup or make_startup(), **fields)

    return make


@pytest.fixture
def setting(make_startup, make_need, founder):
    """The founder's startup has an open and a withdrawn need; another startup an open and a fulfilled one."""
    own = make_startup(owner=founder)
    other = make_startup()
    return {
        "own_open": make_need(own),
        "own_withdrawn": make_need(own, status="withdrawn"),
        "other_open": make_need(other),
        "other_fulfilled": make_need(other, status="fulfilled"),
        "own": own,
        "other": other,
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.data
    return {row["id"] for row in response.data["results"]}


def test_anonymous_gets_401(api, setting):
    assert api.get(URL).status_code == 401
    assert api.get(f"{URL}/{setting['own_open'].pk}").status_code == 401


def test_member_sees_all_needs_of_own_startups_only(client_for, founder, setting):
    assert ids(client_for(founder).get(URL)) == {setting["own_open"].pk, setting["own_withdrawn"].pk}


@pytest.mark.parametrize("role", [Role.BANK, Role.ORGANIZER, Role.ADMIN])
def test_banks_organizers_and_admins_also_see_every_open_need(client_for, make_user, setting, role):
    assert ids(client_for(make_user(role)).get(URL)) == {setting["own_open"].pk, setting["other_open"].pk}


@pytest.mark.parametrize("role", [Role.INVESTOR, Role.MENTOR, Role.STARTUP])
def test_other_roles_see_an_empty_list(client_for, make_user, setting, role):
    assert ids(client_for(make_user(role)).get(URL)) == set()


def test_detail_outside_scope_is_404(client_for, founder, make_user, setting):
    assert client_for(founder).get(f"{URL}/{setting['other_open'].pk}").status_code == 404
    bank = client_for(make_user(Role.BANK))
    assert bank.get(f"{URL}/{setting['other_open'].pk}").status_code == 200
    assert bank.get(f"{URL}/{setting['other_fulfilled'].pk}").status_code == 404


def test_filters_and_ordering(client_for, founder, make_need, setting):
    big = make_need(setting["own"], amount=Decimal("9000000"), kind="equity")
    client = client_for(founder)
    assert ids(client.get(f"{URL}?status=open")) == {setting["own_open"].pk, big.pk}
    assert ids(client.get(f"{URL}?kind=equity")) == {big.pk}
    assert ids(client.get(f"{URL}?min_amount=5000000")) == {big.pk}
    ordered = client.get(f"{URL}?ordering=-amount").data["results"]
    assert ordered[0]["id"] == big.pk
    assert client.get(f"{URL}?status=lost").status_code == 400
    assert client.get(f"{URL}?min_amount=0").status_code == 400


def test_list_costs_the_same_queries_for_one_and_three_rows(client_for, make_user, make_need, queries_for):
    client = client_for(make_user(Role.BANK))
    make_need()
    one = queries_for(client, URL)
    make_need()
    make_need()
    assert one == queries_for(client, URL) == 2  # count, page (startup joined)


def need_payload(startup, /, **extra):
    return {"startup": startup.pk, "amount": "3000000", "kind": "debt", "purpose": "研发投入", **extra}


def test_member_creates_a_need_for_own_startup(client_for, founder, make_startup):
    startup = make_startup(owner=founder)
    response = client_for(founder).post(URL, need_payload(startup, collateral_offered=["patent_pledge", "credit"]))
    assert response.status_code == 201, response.data
    assert response.data["status"] == "open"
    assert response.data["startup_name"] == startup.name
    assert response.data["collateral_offered"] == ["credit", "patent_pledge"]


def test_status_cannot_be_set_on_create(client_for, founder, make_startup):
    response = client_for(founder).post(URL, need_payload(make_startup(owner=founder), status="fulfilled"))
    assert response.status_code == 201
    assert FinancingNeed.objects.get().status == "open"


@pytest.mark.parametrize("who", ["stranger", "admin", "bank"])
def test_needs_only_for_own_startups(client_for, make_startup, make_user, admin_user, stranger, who):
    user = {"stranger": stranger, "admin": admin_user, "bank": make_user(Role.BANK)}[who]
    response = client_for(user).post(URL, need_payload(make_startup()))
    assert response.status_code == 400
    assert response.data["errors"]["startup"] == [str(NOT_YOUR_STARTUP)]
    assert not FinancingNeed.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "-100"}, "amount"),
        ({"amount": "1000000000000"}, "amount"),
        ({"kind": "gift"}, "kind"),
        ({"collateral_offered": ["goodwill"]}, "collateral_offered.0"),
        ({"term_months": 0}, "term_months"),
        ({"purpose": ""}, "purpose"),
        ({"startup": 999999}, "startup"),
    ],
)
def test_bad_input_is_a_field_error(client_for, founder, make_startup, extra, field):
    response = client_for(founder).post(URL, need_payload(make_startup(owner=founder), **extra))
    assert response.status_code == 400
    assert field in response.data["errors"], response.data


def test_deadline_cannot_be_in_the_past(client_for, founder, make_startup):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client_for(founder).post(URL, need_payload(make_startup(owner=founder), deadline=str(yesterday)))
    assert response.data["errors"]["deadline"] == [DEADLINE_IN_PAST]


def test_member_edits_an_open_need_but_not_its_startup_or_status(client_for, founder, setting):
    need = setting["own_open"]
    response = client_for(founder).patch(
        f"{URL}/{need.pk}", {"amount": "2500000", "startup": setting["other"].pk, "status": "fulfilled"}
    )
    assert response.status_code == 200, response.data
    need.refresh_from_db()
    assert (need.amount, need.startup, need.status) == (Decimal("2500000"), setting["own"], "open")


def test_closed_needs_cannot_be_edited(client_for, founder, setting):
    response = client_for(founder).patch(f"{URL}/{setting['own_withdrawn'].pk}", {"amount": "1"})
    assert response.status_code == 409
    assert response.data["message"] == str(NEED_NOT_EDITABLE)


def test_banks_see_but_cannot_edit_open_needs(client_for, make_user, setting):
    bank = client_for(make_user(Role.BANK))
    assert bank.patch(f"{URL}/{setting['other_open'].pk}", {"amount": "1"}).status_code == 403
    assert bank.post(f"{URL}/{setting['other_open'].pk}/withdraw").status_code == 403
    assert FinancingNeed.objects.get(pk=setting["other_open"].pk).status == "open"


def test_admin_edits_needs_in_scope(client_for, admin_user, setting):
    response = client_for(admin_user).patch(f"{URL}/{setting['other_open'].pk}", {"purpose": "新的用途"})
    assert response.status_code == 200


def test_withdraw_reopen_and_fulfil(client_for, founder, setting):
    client = client_for(founder)
    need = setting["own_open"]
    assert client.post(f"{URL}/{need.pk}/withdraw").data["status"] == "withdrawn"
    again = client.post(f"{URL}/{need.pk}/withdraw")
    assert again.status_code == 409
    assert again.data["status"] == "withdrawn"
    assert client.post(f"{URL}/{need.pk}/reopen").data["status"] == "open"
    assert client.post(f"{URL}/{need.pk}/fulfil").data["status"] == "fulfilled"
    assert client.post(f"{URL}/{need.pk}/reopen").status_code == 409


def test_no_delete(client_for, founder, setting):
    assert client_for(founder).delete(f"{URL}/{setting['own_open'].pk}").status_code == 405
