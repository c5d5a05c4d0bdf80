"""The pool's journeys through the API, bad input, filters, recommendations and the roadshow hook."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.accounts.models import Role
from backend.directory.models import Membership
from backend.notifications.models import Notification
from backend.pool import services
from backend.pool.models import DECK_MAX_BYTES, AccessLog, AccessRequest, PipelineEntry, PoolEntry
from tests.backend.pool.conftest import PDF, pdf_upload

pytestmark = pytest.mark.django_db

ENTRIES = "/api/pool/entries"
REQUESTS = "/api/pool/access-requests"


def detail(client, startup):
    response = client.get(f"{ENTRIES}/{startup.pk}")
    assert response.status_code == 200, response.data
    return response.data


# --- access: request, grant, read, log, revoke ---------------------------------------------------


def test_request_grant_read_log_revoke(client_for, world, make_user, make_investor, django_capture_on_commit_callbacks):
    user = make_user(Role.INVESTOR, name="新投资人")
    investor = make_investor(owner=user, org={"name": "长春创投"})
    client, owner = client_for(user), client_for(world.owner)
    assert detail(client, world.startup)["confidential"] is None
    assert client.get(f"{ENTRIES}/{world.startup.pk}/deck").status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUESTS, {"startup": world.startup.pk, "message": "想看财务"}, format="json")
    assert response.status_code == 201, response.data
    assert response.data["investor_name"] == "长春创投" and response.data["status"] == "pending"
    assert Notification.objects.filter(user=world.owner, kind="pool_access_requested").count() == 1
    assert detail(client, world.startup)["viewer"]["access"] == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        granted = owner.post(f"{REQUESTS}/{response.data['id']}/grant")
    assert granted.status_code == 200 and granted.data["status"] == "granted"
    assert Notification.objects.filter(user=user, kind="pool_access_granted").count() == 1

    before = AccessLog.objects.count()
    data = detail(client, world.startup)
    assert data["viewer"]["access"] == "granted"
    assert data["confidential"]["valuation"] == "60000000.00"
    deck = client.get(f"{ENTRIES}/{world.startup.pk}/deck")
    assert deck.status_code == 200 and deck["Content-Type"] == "application/pdf"
    assert b"".join(deck.streaming_content) == PDF
    assert AccessLog.objects.count() == before + 2

    log = owner.get("/api/pool/access-log").data["results"]
    assert [(row["investor_name"], row["user_name"], row["what"]) for row in log[:2]] == [
        ("长春创投", "新投资人", "deck"),
        ("长春创投", "新投资人", "figures"),
    ]
    assert investor.pk == log[0]["investor"]

    assert owner.post(f"{REQUESTS}/{response.data['id']}/revoke").status_code == 200
    assert detail(client, world.startup)["confidential"] is None
    assert client.get(f"{ENTRIES}/{world.startup.pk}/deck").status_code == 403
    # Revoked: the investor may ask again.
    assert client.post(REQUESTS, {"startup": world.startup.pk}, format="json").status_code == 201


def test_members_read_without_a_log_entry_and_admins_are_logged(client_for, world):
    assert detail(client_for(world.owner), world.startup)["confidential"]["revenue"] == "4200000.00"
    assert not AccessLog.objects.exists()
    assert detail(client_for(world.admin), world.startup)["viewer"]["access"] == "admin"
    row = AccessLog.objects.get()
    assert (row.user, row.investor, row.what) == (world.admin, None, "figures")


def test_declined_request_shows_nothing(client_for, world):
    request = services.access_request_create(user=world.plain_user, startup=world.startup)
    assert client_for(world.owner).post(f"{REQUESTS}/{request.pk}/decline").data["status"] == "declined"
    assert detail(client_for(world.plain_user), world.startup)["confidential"] is None
    # Answered already: a second answer is a conflict.
    assert client_for(world.owner).post(f"{REQUESTS}/{request.pk}/grant").status_code == 409


def test_second_active_request_for_the_same_pair_is_409(client_for, world):
    client = client_for(world.plain_user)
    assert client.post(REQUESTS, {"startup": world.startup.pk}, format="json").status_code == 201
    second = client.post(REQUESTS, {"startup": world.startup.pk}, format="json")
    assert second.status_code == 409 and second.data["code"] == "request_active"
    # And for a granted pair.
    assert client_for(world.granted_user).post(REQUESTS, {"startup": world.startup.pk}).status_code == 409


def test_request_to_own_startup_unknown_or_unlisted_is_400(client_for, world, make_investor):
    make_investor(owner=world.owner)  # the founder also runs a fund
    world.owner.roles = [Role.STARTUP, Role.INVESTOR]
    world.owner.save()
    own = client_for(world.owner).post(REQUESTS, {"startup": world.startup.pk}, format="json")
    assert own.status_code == 400 and "startup" in own.data["errors"]
    client = client_for(world.plain_user)
    assert client.post(REQUESTS, {"startup": 999999}, format="json").status_code == 400
    unlisted = client.post(REQUESTS, {"startup": world.other_startup.pk}, format="json")
    assert unlisted.status_code == 400 and unlisted.data["code"] == "not_in_pool"
    assert (
        client.post(REQUESTS, {"startup": world.startup.pk, "investor": world.granted_investor.pk}).status_code == 400
    )
    assert client.post(f"{REQUESTS}/999999/withdraw").status_code == 404


def test_investor_role_without_an_investor_organisation_gets_400(client_for, make_user, world):
    lone = client_for(make_user(Role.INVESTOR))
    response = lone.post(REQUESTS, {"startup": world.startup.pk}, format="json")
    assert response.status_code == 400 and response.data["code"] == "not_investor"
    assert lone.get("/api/pool/recommended").status_code == 400


# --- the entry and the deck ----------------------------------------------------------------------


def test_opt_in_out_and_relist(client_for, world):
    owner = client_for(world.other_owner)
    body = {"startup": world.other_startup.pk, "summary": "创新药研发", "funding_sought": "3000000.00"}
    created = owner.post(ENTRIES, body, format="json")
    assert created.status_code == 201 and created.data["listed"] is True
    investor = client_for(world.plain_user)
    assert world.other_startup.pk in {row["startup"] for row in investor.get(ENTRIES).data["results"]}
    assert owner.post(f"{ENTRIES}/{world.other_startup.pk}/opt-out").data["listed"] is False
    assert world.other_startup.pk not in {row["startup"] for row in investor.get(ENTRIES).data["results"]}
    assert investor.get(f"{ENTRIES}/{world.other_startup.pk}").status_code == 404
    # The owner still sees it under "mine", and opting in again lists it.
    assert [row["listed"] for row in owner.get(f"{ENTRIES}/mine").data] == [False]
    again = owner.post(ENTRIES, {**body, "summary": "创新药研发（更新）"}, format="json")
    assert again.status_code == 200 and again.data["listed"] is True and again.data["summary"] == "创新药研发（更新）"


@pytest.mark.parametrize(
    "amount",
    ["0", "-5", "0.001", "100000000000.01", "1e30", "abc"],
    ids=["zero", "negative", "digits", "huge", "e30", "text"],
)
def test_bad_funding_amounts_are_400(client_for, world, amount):
    response = client_for(world.owner).patch(f"{ENTRIES}/{world.startup.pk}", {"funding_sought": amount}, format="json")
    assert response.status_code == 400 and "funding_sought" in response.data["errors"]


def test_deck_must_be_a_pdf_by_its_content(client_for, world):
    client = client_for(world.owner)
    url = f"{ENTRIES}/{world.startup.pk}/deck"
    fake = pdf_upload("pitch.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(url, {"deck": fake}, format="multipart")
    assert response.status_code == 400 and response.data["code"] == "not_pdf" and "deck" in response.data["errors"]
    empty = client.post(url, {"deck": pdf_upload("e.pdf", b"")}, format="multipart")
    assert empty.status_code == 400
    assert client.post(url, {}, format="multipart").status_code == 400
    # A PDF under another name is still a PDF.
    ok = client.post(url, {"deck": pdf_upload("deck.bin", PDF, "application/octet-stream")}, format="multipart")
    assert ok.status_code == 200 and ok.data["confidential"]["deck_name"] == "deck.bin"


def test_deck_over_10_mb_is_400_and_the_old_deck_stays(client_for, world):
    old = PoolEntry.objects.get(pk=world.startup.pk).deck.name
    big = pdf_upload("big.pdf", PDF + b"0" * (DECK_MAX_BYTES + 1 - len(PDF)))
    response = client_for(world.owner).post(f"{ENTRIES}/{world.startup.pk}/deck", {"deck": big}, format="multipart")
    assert response.status_code == 400 and response.data["code"] == "too_large"
    assert PoolEntry.objects.get(pk=world.startup.pk).deck.name == old


def test_replacing_and_deleting_the_deck_removes_old_files(
    client_for, world, media_root, django_capture_on_commit_callbacks
):
    client = client_for(world.owner)
    url = f"{ENTRIES}/{world.startup.pk}/deck"
    old = media_root / PoolEntry.objects.get(pk=world.startup.pk).deck.name
    assert old.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"deck": pdf_upload()}, format="multipart").status_code == 200
    new = media_root / PoolEntry.objects.get(pk=world.startup.pk).deck.name
    assert new.exists() and not old.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(url).status_code == 204
    assert not new.exists()
    assert client.delete(url).status_code == 404
    assert client_for(world.granted_user).get(url).status_code == 404


def test_a_deck_whose_file_is_gone_is_404(client_for, world, media_root):
    (media_root / PoolEntry.objects.get(pk=world.startup.pk).deck.name).unlink()
    assert client_for(world.granted_user).get(f"{ENTRIES}/{world.startup.pk}/deck").status_code == 404


def test_decks_are_not_served_as_media(client, world):
    name = PoolEntry.objects.get(pk=world.startup.pk).deck.name
    assert client.get(f"/media/{name}").status_code == 404


# --- browsing ------------------------------------------------------------------------------------


@pytest.fixture
def browse(world, make_startup, make_carrier, industries, regions):
    """Three more listed startups with differing industries, regions, stages and amounts."""
    carrier = make_carrier(name="吉林省光电子产业孵化器")
    chips = make_startup(
        owner=world.other_owner,
        org={"name": "吉林芯片设计有限公司"},
        industries=[industries.chips],
        region=regions.jilin_city,
        stage="growth",
        carrier=carrier,
        certifications=["high_tech", "tech_sme"],
    )
    bio = make_startup(
        org={"name": "邢台生物医药"}, industries=[industries.biomed], region=regions.xingtai, stage="seed"
    )
    for startup, amount, summary in (
        (chips, "20000000", "车规级芯片设计"),
        (bio, "1000000", "创新药临床前研究"),
    ):
        PoolEntry.objects.create(
            startup=startup, summary=summary, funding_sought=Decimal(amount), listed_at=timezone.now()
        )
    return {"guangji": world.startup.pk, "chips": chips.pk, "bio": bio.pk, "carrier": carrier}


def names(response, ids) -> list[str]:
    assert response.status_code == 200, response.data
    by_id = {v: k for k, v in ids.items() if k != "carrier"}
    return [by_id[row["startup"]] for row in response.data["results"]]


def test_filters_by_subtrees_stage_amount_certification_carrier_and_search(
    client_for, world, browse, industries, regions
):
    client = client_for(world.plain_user)
    get = lambda query: names(client.get(f"{ENTRIES}?{query}"), browse)  # noqa: E731
    assert sorted(get(f"industry={industries.electronics.pk}")) == ["chips", "guangji"]
    assert get(f"industry={industries.optoelectronics.pk}") == ["guangji"]
    assert sorted(get(f"region={regions.jilin.pk}")) == ["chips", "guangji"]
    assert get("stage=seed") == ["bio"]
    assert sorted(get("stage=seed&stage=growth")) == ["bio", "chips"]
    assert get("min_amount=2000000&max_amount=10000000") == ["guangji"]
    assert get("certification=high_tech&certification=tech_sme") == ["chips"]
    assert get(f"carrier={browse['carrier'].pk}") == ["chips"]
    assert get("q=光谱仪") == ["guangji"]
    assert get("q=芯片") == ["chips"]
    assert get("ordering=-funding_sought") == ["chips", "guangji", "bio"]
    assert get("ordering=funding_sought") == ["bio", "guangji", "chips"]


@pytest.mark.parametrize(
    "query",
    [
        "industry=999999",
        "region=abc",
        "stage=unicorn",
        "carrier=999999",
        "min_amount=0",
        "max_amount=1e40",
        "ordering=revenue",
    ],
)
def test_bad_filters_are_400(client_for, world, query):
    response = client_for(world.plain_user).get(f"{ENTRIES}?{query}")
    assert response.status_code == 400, response.data


def test_list_shows_the_viewers_access_and_stage_and_never_confidential_figures(client_for, world, browse):
    services.pipeline_entry_create(user=world.granted_user, startup=world.startup, stage="meeting")
    rows = {row["startup"]: row for row in client_for(world.granted_user).get(ENTRIES).data["results"]}
    assert rows[world.startup.pk]["viewer"] == {"access": "granted", "pipeline_stage": "meeting"}
    assert rows[browse["bio"]]["viewer"] == {"access": "none", "pipeline_stage": None}
    assert "confidential" not in rows[world.startup.pk]
    assert "revenue" not in str(rows)


def test_list_query_count_does_not_grow_with_rows(client_for, world, browse, queries_for):
    client = client_for(world.plain_user)
    three = queries_for(client, ENTRIES)
    PoolEntry.objects.exclude(pk=world.startup.pk).delete()
    assert queries_for(client, ENTRIES) == three


def test_recommendations_rank_with_reasons_and_skip_unlisted(client_for, world, browse):
    response = client_for(world.granted_user).get("/api/pool/recommended?k=5")
    assert response.status_code == 200, response.data
    ranked = [row["entry"]["startup"] for row in response.data]
    # 深圳湾科创 invests in 电子信息 at seed/startup stage: 光迹 (光电子, startup) comes first.
    assert ranked[0] == world.startup.pk
    reasons = response.data[0]["reasons"]
    assert {"industry", "stage"} <= {r["code"] for r in reasons}
    assert all(r["zh"] and r["en"] for r in reasons)
    scores = [row["score"] for row in response.data]
    assert scores == sorted(scores, reverse=True)
    PoolEntry.objects.filter(pk=world.startup.pk).update(listed=False)
    again = client_for(world.granted_user).get("/api/pool/recommended?k=5").data
    assert world.startup.pk not in [row["entry"]["startup"] for row in again]
    assert client_for(world.granted_user).get("/api/pool/recommended?k=0").status_code == 400


# --- pipelines -----------------------------------------------------------------------------------


def test_pipeline_moves_with_history_and_the_startup_sees_interest_without_notes(client_for, world):
    client = client_for(world.granted_user)
    week_ago = (timezone.localdate() - timedelta(days=7)).isoformat()
    body = {"startup": world.startup.pk, "notes": "团队强，估值偏高", "note": "路演后跟进", "date": week_ago}
    created = client.post("/api/pool/pipeline", body)
    assert created.status_code == 201, created.data
    url = f"/api/pool/pipeline/{created.data['id']}"
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    moved = client.post(f"{url}/move", {"stage": "meeting", "date": yesterday, "note": "见了CEO"})
    assert moved.status_code == 200
    assert [(s["stage"], s["note"]) for s in moved.data["steps"]] == [
        ("interested", "路演后跟进"),
        ("meeting", "见了CEO"),
    ]
    assert moved.data["stage_date"] == yesterday
    earlier = (timezone.localdate() - timedelta(days=8)).isoformat()
    assert client.post(f"{url}/move", {"stage": "contacted", "date": earlier}).status_code == 400
    assert client.post(f"{url}/move", {"stage": "meeting"}).status_code == 409
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert client.post(f"{url}/move", {"stage": "invested", "date": tomorrow}).status_code == 400
    assert client.post(f"{url}/move", {"stage": "acquired"}).status_code == 400
    assert client.post("/api/pool/pipeline", {"startup": world.startup.pk}).status_code == 409
    assert client.post("/api/pool/pipeline", {"startup": 999999}).status_code == 400

    interested = client_for(world.owner).get(f"{ENTRIES}/{world.startup.pk}/interested")
    assert interested.data == [
        {
            "investor": world.granted_investor.pk,
            "investor_name": "深圳湾科创",
            "stage": "meeting",
            "stage_date": yesterday,
            "created_at": interested.data[0]["created_at"],
        }
    ]
    assert "估值偏高" not in str(interested.data)
    client.post(f"{url}/move", {"stage": "passed"})
    assert client_for(world.owner).get(f"{ENTRIES}/{world.startup.pk}/interested").data == []


def test_filter_pipeline_by_stage(client_for, world, browse):
    client = client_for(world.granted_user)
    client.post("/api/pool/pipeline", {"startup": world.startup.pk, "stage": "due_diligence"})
    client.post("/api/pool/pipeline", {"startup": browse["bio"]})
    rows = client.get("/api/pool/pipeline?stage=due_diligence").data["results"]
    assert [row["startup"] for row in rows] == [world.startup.pk]
    assert rows[0]["in_pool"] is True


@pytest.fixture
def pitched(world, make_organisation):
    """A past roadshow at which 光迹 pitched (approved booking)."""
    from events.models import Booking, Event, EventStatus, EventType, PitchSlot

    starts = timezone.now() - timedelta(days=3)
    event = Event.objects.create(
        title="光电子项目路演",
        type=EventType.ROADSHOW,
        organisation=make_organisation(),
        starts=starts,
        ends=starts + timedelta(hours=3),
        capacity=50,
        status=EventStatus.PUBLISHED,
    )
    slot = PitchSlot.objects.create(event=event, starts=starts, ends=starts + timedelta(minutes=12), label="#1")
    Booking.objects.create(
        event=event, slot=slot, startup=world.startup, applicant=world.owner, status=Booking.Status.APPROVED
    )
    return event


def test_roadshow_interest_arrives_in_the_pipeline_once(client_for, world, pitched, django_capture_on_commit_callbacks):
    url = f"/api/events/{pitched.pk}/interests"
    client = client_for(world.plain_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"startup_id": world.startup.pk, "note": "约尽调"}, format="json").status_code == 201
    entry = PipelineEntry.objects.get(investor=world.plain_investor, startup=world.startup)
    assert entry.stage == "interested"
    assert [(s.stage, s.event_id, s.note) for s in entry.steps.all()] == [("interested", pitched.pk, "约尽调")]
    assert Notification.objects.filter(user=world.owner, kind="pool_investor_interested").count() == 1
    # Marked again: still one step; the roadshow record stays in events.
    client.post(url, {"startup_id": world.startup.pk, "note": "再次标记"}, format="json")
    assert entry.steps.count() == 1
    data = client.get(f"/api/pool/pipeline/{entry.pk}").data
    assert data["steps"][0]["event_title"] == "光电子项目路演"


def test_roadshow_interest_keeps_a_further_stage(client_for, world, pitched):
    entry = services.pipeline_entry_create(user=world.granted_user, startup=world.startup, stage="term_sheet")
    url = f"/api/events/{pitched.pk}/interests"
    assert client_for(world.granted_user).post(url, {"startup_id": world.startup.pk}, format="json").status_code == 201
    entry.refresh_from_db()
    assert entry.stage == "term_sheet"
    assert [s.stage for s in entry.steps.all()] == ["term_sheet", "interested"]


def test_roadshow_interest_of_an_investor_without_organisation_has_no_pipeline(client_for, world, pitched, make_user):
    lone = make_user(Role.INVESTOR)
    response = client_for(lone).post(f"/api/events/{pitched.pk}/interests", {"startup_id": world.startup.pk})
    assert response.status_code == 201
    assert not PipelineEntry.objects.exists()


def test_member_of_two_investors_acts_for_the_one_named(client_for, world):
    Membership.objects.create(organisation=world.plain_investor, user=world.granted_user)
    client = client_for(world.granted_user)
    response = client.post(
        "/api/pool/pipeline", {"startup": world.startup.pk, "investor": world.plain_investor.pk}, format="json"
    )
    assert response.status_code == 201 and response.data["investor_name"] == "吉林天使"
    assert AccessRequest.objects.filter(status="granted").count() == 1
