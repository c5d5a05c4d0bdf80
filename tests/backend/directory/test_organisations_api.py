"""/api/organisations and their members: who sees and manages memberships, the last-owner rule."""

import pytest

from backend.accounts.models import Role
from backend.directory.models import Membership, Organisation, OrgKind
from backend.directory.services import ALREADY_MEMBER, LAST_OWNER, NO_SUCH_USER

pytestmark = pytest.mark.django_db


def test_list_filters_by_kind(api, make_organisation, make_startup):
    make_organisation(OrgKind.BUREAU, name="长春市科技局")
    make_organisation(OrgKind.INSTITUTE, name="中科院长春光机所")
    make_startup(org={"name": "某科技"})
    response = api.get("/api/organisations?kind=bureau&kind=institute")
    assert [row["name"] for row in response.data["results"]] == ["中科院长春光机所", "长春市科技局"]
    assert api.get("/api/organisations?kind=club").status_code == 400


def test_list_costs_the_same_queries_for_one_and_three_rows(api, make_organisation, industries, queries_for):
    make_organisation(industries=[industries.chips])
    one = queries_for(api, "/api/organisations")
    for _ in range(2):
        make_organisation(industries=[industries.biomed, industries.chips])
    assert one == queries_for(api, "/api/organisations") == 3


def test_organizer_creates_a_bureau_and_owns_it(client_for, make_user, regions):
    organizer = make_user(Role.ORGANIZER)
    response = client_for(organizer).post(
        "/api/organisations", {"kind": "bureau", "name": "邢台市科学技术局", "region": regions.xingtai.pk}
    )
    assert response.status_code == 201, response.data
    assert Membership.objects.get(organisation_id=response.data["id"]).user == organizer


def test_kinds_with_profiles_are_created_through_their_own_endpoints(client_for, admin_user, regions):
    response = client_for(admin_user).post(
        "/api/organisations", {"kind": "startup", "name": "某科技", "region": regions.xingtai.pk}
    )
    assert response.status_code == 400
    assert "kind" in response.data["errors"]


@pytest.mark.parametrize("role", [Role.STARTUP, Role.BANK])
def test_other_roles_cannot_create_organisations(client_for, make_user, regions, role):
    response = client_for(make_user(role)).post(
        "/api/organisations", {"kind": "institute", "name": "某所", "region": regions.xingtai.pk}
    )
    assert response.status_code == 403


def test_member_patches_but_kind_is_fixed(client_for, make_organisation, make_user):
    member = make_user()
    organisation = make_organisation(OrgKind.INSTITUTE, members=[member])
    response = client_for(member).patch(
        f"/api/organisations/{organisation.pk}", {"kind": "bank", "website": "https://a.cn"}
    )
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert (organisation.kind, organisation.website) == ("institute", "https://a.cn")


def test_non_member_cannot_patch(client_for, make_organisation, stranger):
    organisation = make_organisation()
    assert client_for(stranger).patch(f"/api/organisations/{organisation.pk}", {"name": "x"}).status_code == 403


# --- members -------------------------------------------------------------------------------------


@pytest.fixture
def team(make_organisation, make_user):
    owner, member = make_user(name="负责人"), make_user(name="成员")
    return make_organisation(OrgKind.INSTITUTE, owner=owner, members=[member]), owner, member


def members_url(organisation) -> str:
    return f"/api/organisations/{organisation.pk}/members"


def test_members_see_the_member_list_without_contact_details(client_for, team):
    organisation, owner, member = team
    response = client_for(member).get(members_url(organisation))
    assert response.status_code == 200
    rows = response.data["results"]
    assert [(row["user"], row["name"], row["role"]) for row in rows] == [
        (owner.pk, "负责人", "owner"),
        (member.pk, "成员", "member"),
    ]
    assert set(rows[0]) == {"id", "user", "name", "role", "created_at"}


def test_non_members_get_404_and_anonymous_401(api, client_for, team, stranger):
    organisation, _owner, _member = team
    assert client_for(stranger).get(members_url(organisation)).status_code == 404
    assert api.get(members_url(organisation)).status_code == 401


def test_admin_sees_members(client_for, admin_user, team):
    assert client_for(admin_user).get(members_url(team[0])).data["count"] == 2


def test_member_list_costs_the_same_queries_for_one_and_three_rows(
    client_for, make_organisation, make_user, queries_for
):
    owner = make_user()
    organisation = make_organisation(owner=owner)
    client = client_for(owner)
    one = queries_for(client, members_url(organisation))
    for _ in range(2):
        Membership.objects.create(organisation=organisation, user=make_user())
    # organisation, membership check, count, page
    assert one == queries_for(client, members_url(organisation)) == 4


def test_owner_adds_members_by_email_or_phone(client_for, team, make_user):
    organisation, owner, _member = team
    by_email = make_user(email="new@example.com")
    by_phone = make_user(phone="13900001111", email=None)
    client = client_for(owner)
    response = client.post(members_url(organisation), {"email": "NEW@example.com"})
    assert response.status_code == 201, response.data
    assert response.data["role"] == "member"
    response = client.post(members_url(organisation), {"phone": "+86 139-0000-1111", "role": "owner"})
    assert response.status_code == 201, response.data
    assert Membership.objects.get(organisation=organisation, user=by_phone).role == "owner"
    assert Membership.objects.filter(organisation=organisation, user=by_email).exists()


def test_adding_an_unknown_person_or_a_member_again(client_for, team):
    organisation, owner, member = team
    client = client_for(owner)
    unknown = client.post(members_url(organisation), {"email": "nobody@example.com"})
    assert unknown.status_code == 400
    assert unknown.data["errors"]["email"] == [str(NO_SUCH_USER)]
    again = client.post(members_url(organisation), {"email": member.email})
    assert again.status_code == 409
    assert again.data["message"] == str(ALREADY_MEMBER)
    neither = client.post(members_url(organisation), {"role": "member"})
    assert neither.status_code == 400
    assert "email" in neither.data["errors"]


def test_plain_members_cannot_add_or_remove_others(client_for, team, make_user):
    organisation, owner, member = team
    newcomer = make_user()
    client = client_for(member)
    assert client.post(members_url(organisation), {"email": newcomer.email}).status_code == 403
    assert client.delete(f"{members_url(organisation)}/{owner.pk}").status_code == 403
    assert client.patch(f"{members_url(organisation)}/{member.pk}", {"role": "owner"}).status_code == 403
    assert Membership.objects.filter(organisation=organisation).count() == 2


def test_non_members_cannot_add_themselves(client_for, team, stranger):
    organisation = team[0]
    response = client_for(stranger).post(members_url(organisation), {"email": stranger.email})
    assert response.status_code == 404


def test_owner_removes_a_member_and_a_member_may_leave(client_for, team, make_user):
    organisation, owner, member = team
    leaver = make_user()
    Membership.objects.create(organisation=organisation, user=leaver)
    assert client_for(owner).delete(f"{members_url(organisation)}/{member.pk}").status_code == 204
    assert client_for(leaver).delete(f"{members_url(organisation)}/{leaver.pk}").status_code == 204
    assert list(Membership.objects.filter(organisation=organisation).values_list("user", flat=True)) == [owner.pk]


def test_the_last_owner_cannot_leave_or_be_demoted(client_for, team, admin_user):
    organisation, owner, _member = team
    leave = client_for(owner).delete(f"{members_url(organisation)}/{owner.pk}")
    assert leave.status_code == 409
    assert leave.data["message"] == str(LAST_OWNER)
    demote = client_for(admin_user).patch(f"{members_url(organisation)}/{owner.pk}", {"role": "member"})
    assert demote.status_code == 409
    assert Membership.objects.get(organisation=organisation, user=owner).role == "owner"


def test_with_two_owners_one_may_go(client_for, team):
    organisation, owner, member = team
    client = client_for(owner)
    assert client.patch(f"{members_url(organisation)}/{member.pk}", {"role": "owner"}).status_code == 200
    assert client.delete(f"{members_url(organisation)}/{owner.pk}").status_code == 204
    assert Membership.objects.get(organisation=organisation).user == member


def test_admin_manages_members_of_any_organisation(client_for, admin_user, team, make_user):
    organisation, _owner, member = team
    client = client_for(admin_user)
    assert client.post(members_url(organisation), {"email": make_user().email}).status_code == 201
    assert client.delete(f"{members_url(organisation)}/{member.pk}").status_code == 204


def test_removing_a_non_member_is_404(client_for, team, stranger):
    organisation, owner, _member = team
    assert client_for(owner).delete(f"{members_url(organisation)}/{stranger.pk}").status_code == 404


def test_bad_role_is_a_field_error(client_for, team):
    organisation, owner, member = team
    response = client_for(owner).patch(f"{members_url(organisation)}/{member.pk}", {"role": "king"})
    assert response.status_code == 400
    assert "role" in response.data["errors"]


def test_unknown_organisation_is_404(client_for, admin_user):
    assert client_for(admin_user).get("/api/organisations/424242/members").status_code == 404
    assert Organisation.objects.count() == 0
