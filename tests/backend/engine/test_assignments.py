"""Assignment runs: optimal within capacities, conflicts of interest never assigned, edits, re-runs, publishing."""

from __future__ import annotations

import itertools

import pytest

import matching as m
from backend.accounts.models import Role
from backend.core.errors import ApplicationError, Conflict
from backend.directory.models import Membership, OrgKind
from backend.engine import parties, services
from backend.engine.models import AssignmentRun
from backend.engine.parties import Inputs
from backend.notifications.models import Notification
from events.models import Judge


@pytest.fixture
def mentors(eco, make_mentor, industries, regions):
    """Five mentors with one or two places, of varied fit."""
    extra = [
        make_mentor(industries=[industries.chips], region=regions.changchun, bio="集成电路设计", capacity=1),
        make_mentor(industries=[industries.electronics], region=regions.jilin, bio="电子信息产业", capacity=1),
        make_mentor(industries=[industries.biomed], region=regions.changchun, bio="医药", capacity=1),
    ]
    return [eco.optics_mentor, eco.bio_mentor, *extra]


def _run(eco, organizer, mentors, **kwargs):
    kwargs.setdefault("left_ids", [eco.guangji.pk, eco.biotech.pk, eco.chipco.pk])
    kwargs.setdefault("right_ids", [x.pk for x in mentors])
    return services.assignment_run(
        kind="startup_mentor", organisation=eco.bureau, user=organizer, title="春季导师配对", **kwargs
    )


def _brute_force(startups, mentors, capacity, demand):
    """The best total over every assignment (each startup up to ``demand`` distinct mentors)."""
    inputs = Inputs()
    scorer = m.Scorer("startup_mentor", startups, mentors, industries=inputs.industries, graph=inputs.social_index)
    scores = {
        (s, r): round(float(scorer.score_pairs([scorer.left_index[s]], [scorer.right_index[r]])[0]), 6)
        for s in scorer.left_ids
        for r in scorer.right_ids
    }
    options = [
        [c for k in range(demand + 1) for c in itertools.combinations(scorer.right_ids, k)] for _ in scorer.left_ids
    ]
    best = 0.0
    for choice in itertools.product(*options):
        used = {}
        for chosen in choice:
            for r in chosen:
                used[r] = used.get(r, 0) + 1
        if any(used[r] > capacity[r] for r in used):
            continue
        total = sum(scores[s, r] for s, chosen in zip(scorer.left_ids, choice, strict=True) for r in chosen)
        best = max(best, total)
    return round(best, 6)


def test_startup_mentor_run_is_optimal_within_capacities(eco, organizer, mentors):
    run = _run(eco, organizer, mentors, left_demand=2)
    assert run.status == AssignmentRun.Status.SOLVED and run.optimal
    items = list(run.items.all())
    per_mentor = {}
    for item in items:
        per_mentor[item.right_id] = per_mentor.get(item.right_id, 0) + 1
        assert item.reasons and item.reasons[0]["zh"]
    capacity = {x.pk: x.capacity for x in mentors}
    assert all(per_mentor[r] <= capacity[r] for r in per_mentor)
    assert all(sum(1 for i in items if i.left_id == s) <= 2 for s in run.left_ids)
    assert run.total_score == pytest.approx(sum(i.score for i in items), abs=1e-6)
    # The same optimum as an exhaustive search over all feasible assignments.
    inputs = Inputs(startup_amounts=False)
    startups, ms = inputs.startups(run.left_ids), inputs.mentors(run.right_ids)
    assert run.optimum_score == pytest.approx(_brute_force(startups, ms, {x.id: x.capacity for x in ms}, 2), abs=1e-5)
    assert run.stats["assigned"] == len(items) and run.stats["seconds"]["total"] >= 0
    guangji = next(i for i in items if i.left_id == eco.guangji.pk and i.right_id == eco.optics_mentor.pk)
    assert guangji.left_name == eco.guangji.name and guangji.right_name == "周明哲"


def test_mentors_without_places_left_get_nobody(eco, organizer, mentors, monkeypatch):
    monkeypatch.setattr(parties, "_mentor_load_providers", [lambda ids: {eco.optics_mentor.pk: 2}])
    run = _run(eco, organizer, mentors)
    assert not run.items.filter(right_id=eco.optics_mentor.pk).exists()


def test_run_capacity_overrides_places(eco, organizer, mentors):
    run = _run(eco, organizer, mentors[:1], right_capacity=3)
    assert run.items.filter(right_id=eco.optics_mentor.pk).count() == 3


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"left_ids": []}, "left_ids"),
        ({"left_ids": [999999]}, "left_ids"),
        ({"right_ids": [999999]}, "right_ids"),
        ({"left_demand": 0}, "left_demand"),
        ({"min_score": 2}, "min_score"),
    ],
)
def test_bad_input_raises_field_errors(eco, organizer, mentors, kwargs, field):
    with pytest.raises(ApplicationError) as raised:
        _run(eco, organizer, mentors, **kwargs)
    assert field in raised.value.errors


def test_a_bank_is_not_a_startup_to_assign(eco, organizer, mentors):
    with pytest.raises(ApplicationError):
        _run(eco, organizer, mentors, left_ids=[eco.bank.pk])


# --- judges and conflicts of interest ---------------------------------------------------


@pytest.fixture
def panel(eco, make_user, make_organisation, pitch, monkeypatch):
    """The roadshow with three pitches and three judges, two of them with a conflict."""
    operator = make_organisation(OrgKind.CARRIER_OPERATOR, name="孵化器运营公司")
    eco.carrier.operator = operator
    eco.carrier.save()
    incubator_staff = make_user(Role.ORGANIZER, name="孵化器员工")
    Membership.objects.create(organisation=operator, user=incubator_staff)
    pitch(eco.roadshow, eco.biotech, eco.bio_founder)
    pitch(eco.roadshow, eco.chipco, eco.founder)
    neutral = make_user(Role.INVESTOR, name="中立评委")
    Judge.objects.create(event=eco.roadshow, user=incubator_staff)
    Judge.objects.create(event=eco.roadshow, user=neutral)
    Judge.objects.create(event=eco.roadshow, user=eco.mentor_user)
    # The mentoring app says 周明哲 mentors the biotech startup.
    relation = (parties.mentor_node(eco.optics_mentor.pk), parties.org_node(eco.biotech.pk, "startup"), "mentors")
    monkeypatch.setattr(parties, "_relation_providers", [lambda: [relation]])
    return {"staff": incubator_staff, "neutral": neutral, "mentor": eco.mentor_user, "investor": eco.investor_user}


def test_judges_with_a_conflict_are_never_assigned(eco, organizer, panel):
    run = services.assignment_run(
        kind="judge_pitch", organisation=eco.bureau, user=organizer, title="评委分配", event=eco.roadshow, left_demand=2
    )
    assert run.status == AssignmentRun.Status.SOLVED
    pairs = set(run.items.values_list("left_id", "right_id"))
    assert (eco.guangji.pk, panel["staff"].pk) not in pairs  # the incubator's staff
    assert (eco.biotech.pk, panel["mentor"].pk) not in pairs  # its mentor
    conflicts = {(c["left_id"], c["right_id"]): c["code"] for c in run.stats["conflicts"]}
    assert conflicts[eco.guangji.pk, panel["staff"].pk] == "conflict.organisation"
    assert conflicts[eco.biotech.pk, panel["mentor"].pk] == "conflict.mentors"
    assert set(run.left_ids) == {eco.guangji.pk, eco.biotech.pk, eco.chipco.pk}
    # 4 judges (with the investor judge of the fixture), 3 pitches x 2 = 6 places: each judge up to 2.
    per_judge = {}
    for _, judge in pairs:
        per_judge[judge] = per_judge.get(judge, 0) + 1
    assert max(per_judge.values()) <= 2
    assert all(sum(1 for s, _ in pairs if s == left) == 2 for left in run.left_ids)


def test_moving_a_pitch_to_a_conflicted_judge_is_a_409(eco, organizer, panel):
    run = services.assignment_run(
        kind="judge_pitch", organisation=eco.bureau, user=organizer, title="评委分配", event=eco.roadshow
    )
    item = run.items.get(left_id=eco.guangji.pk)
    with pytest.raises(Conflict) as raised:
        services.assignment_item_update(item=item, user=organizer, right_id=panel["staff"].pk)
    assert raised.value.code == "conflict_of_interest"
    assert raised.value.extra["reason"]["code"] == "conflict.organisation"


def test_judge_run_needs_an_event(eco, organizer):
    with pytest.raises(ApplicationError) as raised:
        services.assignment_run(kind="judge_pitch", organisation=eco.bureau, user=organizer, title="x")
    assert "event" in raised.value.errors


# --- edits, re-runs, publishing ---------------------------------------------------------------


def test_edit_locks_the_item_clears_optimal_and_a_rerun_keeps_it(eco, organizer, mentors):
    run = _run(eco, organizer, mentors)
    item = run.items.get(left_id=eco.guangji.pk)
    assert item.right_id == eco.optics_mentor.pk
    target = mentors[3]  # 电子信息, one place, probably unused
    run.items.filter(right_id=target.pk).delete()
    edited = services.assignment_item_update(item=item, user=organizer, right_id=target.pk)
    assert edited.locked and edited.edited and edited.right_id == target.pk and edited.reasons
    run.refresh_from_db()
    assert not run.optimal
    assert run.total_score == pytest.approx(sum(run.items.values_list("score", flat=True)), abs=1e-6)
    assert run.total_score < run.optimum_score

    rerun = services.assignment_rerun(run=run, user=organizer)
    assert rerun.optimal and rerun.status == AssignmentRun.Status.SOLVED
    kept = rerun.items.get(left_id=eco.guangji.pk)
    assert kept.right_id == target.pk and kept.locked and kept.edited
    assert rerun.stats["locked"] == 1


def test_edit_to_a_full_mentor_is_a_409(eco, organizer, mentors):
    run = _run(eco, organizer, mentors[:2], right_capacity=1)  # 3 startups, 2 places
    first, second = run.items.all()[:2]
    assert first.right_id != second.right_id and len(run.unassigned) == 1
    with pytest.raises(Conflict) as raised:
        services.assignment_item_update(item=first, user=organizer, right_id=second.right_id)
    assert raised.value.code == "capacity"
    with pytest.raises(ApplicationError) as raised:
        services.assignment_item_update(item=first, user=organizer, right_id=mentors[3].pk)  # not in the run
    assert "right_id" in raised.value.errors


def test_unlock(eco, organizer, mentors):
    run = _run(eco, organizer, mentors)
    item = run.items.first()
    assert services.assignment_item_update(item=item, user=organizer, locked=True).locked
    unlocked = services.assignment_item_update(item=item, user=organizer, locked=False)
    assert not unlocked.locked and not unlocked.edited
    run.refresh_from_db()
    assert run.optimal  # locking changes nothing


def test_publish_notifies_both_sides_and_freezes_the_run(eco, organizer, mentors, django_capture_on_commit_callbacks):
    run = _run(eco, organizer, mentors)
    received = []

    def listener(sender, run, **kwargs):
        received.append(run.pk)

    services.assignment_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            published = services.assignment_publish(run=run, user=organizer)
    finally:
        services.assignment_published.disconnect(listener)
    assert published.status == AssignmentRun.Status.PUBLISHED and published.published_at
    assert received == [run.pk]
    notified = set(Notification.objects.filter(target_id=run.pk).values_list("user_id", flat=True))
    assert eco.founder.pk in notified and eco.mentor_user.pk in notified
    with pytest.raises(Conflict):
        services.assignment_item_update(item=run.items.first(), user=organizer, locked=True)
    with pytest.raises(Conflict):
        services.assignment_rerun(run=run, user=organizer)
    with pytest.raises(Conflict):
        services.assignment_publish(run=run, user=organizer)


def test_locked_pairs_over_a_shrunken_capacity_make_the_rerun_a_409(eco, organizer, mentors, monkeypatch):
    run = _run(eco, organizer, mentors[:1], left_ids=[eco.guangji.pk])
    item = run.items.get()
    services.assignment_item_update(item=item, user=organizer, locked=True)
    # Meanwhile the mentor took mentees elsewhere: no places left for the locked pair.
    monkeypatch.setattr(parties, "_mentor_load_providers", [lambda ids: {eco.optics_mentor.pk: 2}])
    with pytest.raises(Conflict) as raised:
        services.assignment_rerun(run=run, user=organizer)
    assert raised.value.code == "unsolvable"
    run.refresh_from_db()
    assert run.status == AssignmentRun.Status.FAILED and run.error
    # Unlocking lets the organizer solve again.
    monkeypatch.setattr(parties, "_mentor_load_providers", [])
    services.assignment_item_update(item=item, user=organizer, locked=False)
    assert services.assignment_rerun(run=run, user=organizer).status == AssignmentRun.Status.SOLVED
