"""Assignment runs: build inputs, solve optimally with :func:`matching.assign`, store, edit, publish.

For other apps (a mentoring programme assigns its startups to its mentors)::

    from backend.engine.services import assignment_run

    run = assignment_run(
        kind="startup_mentor", organisation=org, user=organizer, title="2025 春季导师配对",
        left_ids=[...startup organisation ids], right_ids=[...mentor profile ids],
        context_type="mentoring.programme", context_id=programme.pk,
    )
    # run.status is "solved" (small runs solve at once) or "queued" (run.job tracks it);
    # run.items.all() are the pairs with score and reasons; listen to assignment_published.

Runs with more than ``ENGINE_SYNC_MAX_PARTIES`` parties (default 400, both
sides together) go through the job queue (``backend.jobs``) with progress.
The solver is exact (min-cost flow), so a solved run is optimal for its
candidates: each startup's ``ENGINE_CANDIDATES_PER_LEFT`` best-scoring
counterparts (default 50). Locked items are kept by every re-run; an edit
locks its item and clears ``optimal`` until the next run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import django.dispatch
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

import matching as m
from backend.accounts.models import User
from backend.core.errors import ApplicationError, Conflict
from backend.directory.models import Membership, MentorProfile, Organisation, OrgKind
from backend.engine.models import AssignmentItem, AssignmentRun
from backend.engine.parties import Inputs, org_node, user_nodes
from backend.engine.recommend import reason_dict
from backend.notifications.models import Notification
from backend.notifications.services import notify_on_commit

Report = Callable[[int, str], None]

DEFAULT_SYNC_MAX_PARTIES = 400
DEFAULT_CANDIDATES_PER_LEFT = 50
MAX_DEMAND = 20

#: Sent when a run is published (``sender=AssignmentRun``, ``run=…``), inside the transaction.
assignment_published = django.dispatch.Signal()

Kind = AssignmentRun.Kind
Status = AssignmentRun.Status


def _sync_max_parties() -> int:
    return int(getattr(settings, "ENGINE_SYNC_MAX_PARTIES", DEFAULT_SYNC_MAX_PARTIES))


def _candidates_per_left() -> int:
    return int(getattr(settings, "ENGINE_CANDIDATES_PER_LEFT", DEFAULT_CANDIDATES_PER_LEFT))


def _invalid(field: str, message: str) -> ApplicationError:
    return ApplicationError(message, errors={field: [message]})


def _unique_ints(values: Sequence[Any] | None, field: str) -> list[int] | None:
    if values is None:
        return None
    out: list[int] = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise _invalid(field, f"无效的编号 {value!r} · Invalid id {value!r}.")
        if value not in out:
            out.append(value)
    return out


# --- the parties of a run ------------------------------------------------------------


def _resolve_parties(
    kind: str, *, left_ids: list[int] | None, right_ids: list[int] | None, event
) -> tuple[list[int], list[int]]:
    """Validate the ids of both sides (default: everyone eligible); 400 for unknown ids."""
    if kind == Kind.STARTUP_MENTOR:
        if not left_ids:
            raise _invalid("left_ids", "请选择企业 · Choose the startups.")
        known = set(
            Organisation.objects.filter(pk__in=left_ids, kind=OrgKind.STARTUP, startup__isnull=False).values_list(
                "pk", flat=True
            )
        )
        mentors = MentorProfile.objects.filter(active=True)
        if right_ids is not None:
            mentors = mentors.filter(pk__in=right_ids)
        known_right = set(mentors.values_list("pk", flat=True))
        lefts, rights = left_ids, right_ids if right_ids is not None else sorted(known_right)
        right_label = "导师 · mentor"
    else:
        from events.models import Booking, Judge

        pitching = list(
            Booking.objects.filter(event=event, status=Booking.Status.APPROVED)
            .order_by("slot__starts", "pk")
            .values_list("startup_id", flat=True)
        )
        judges = list(Judge.objects.filter(event=event).order_by("pk").values_list("user_id", flat=True))
        known, known_right = set(pitching), set(judges)
        lefts = left_ids if left_ids is not None else pitching
        rights = right_ids if right_ids is not None else judges
        right_label = "评委 · judge"
        if not lefts:
            raise _invalid("left_ids", "该活动没有已通过的路演项目 · The event has no approved pitches.")
    unknown = [x for x in lefts if x not in known]
    if unknown:
        raise _invalid("left_ids", f"不是可分配的企业：{unknown} · Not startups of this run: {unknown}")
    unknown = [x for x in rights if x not in known_right]
    if unknown:
        raise _invalid("right_ids", f"不是可分配的{right_label}：{unknown} · Unknown: {unknown}")
    if not rights:
        raise _invalid("right_ids", f"没有可分配的{right_label} · There is no {right_label.split(' · ')[1]} to assign.")
    return list(lefts), list(rights)


def _judges(user_ids: list[int], inputs: Inputs) -> list[m.Mentor]:
    """Judges as mentor-like parties: a mentor profile's expertise, else their organisations' (3–5 queries)."""
    profiles = dict(MentorProfile.objects.filter(user_id__in=user_ids).values_list("user_id", "pk"))
    mentors = {x.id: x for x in inputs.mentors(list(profiles.values()))} if profiles else {}
    names = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "name"))
    orgs: dict[int, list[int]] = {}
    for user_id, org_id in Membership.objects.filter(user_id__in=user_ids).values_list("user_id", "organisation_id"):
        orgs.setdefault(user_id, []).append(org_id)
    org_rows = {
        row["pk"]: row
        for row in Organisation.objects.filter(pk__in=[o for ids in orgs.values() for o in ids]).values(
            "pk", "region_id", "description"
        )
    }
    org_industries: dict[int, list[str]] = {}
    through = Organisation.industries.through
    for org_id, industry_id in through.objects.filter(organisation_id__in=list(org_rows)).values_list(
        "organisation_id", "industry_id"
    ):
        org_industries.setdefault(org_id, []).append(str(industry_id))
    out = []
    for user_id in user_ids:
        profile = mentors.get(str(profiles.get(user_id)))
        if profile is not None:
            industries, region, text = profile.industries, profile.region, profile.description
        else:
            own = orgs.get(user_id, [])
            industries = sorted({i for o in own for i in org_industries.get(o, [])})
            region = next((inputs.regions.get(org_rows[o]["region_id"], ()) for o in own if o in org_rows), ())
            text = "\n".join(org_rows[o]["description"] for o in own if o in org_rows)
        out.append(
            m.Mentor(
                id=user_id,
                name=names.get(user_id, str(user_id)),
                industries=industries,
                region=region,
                description=text,
                capacity=1_000_000,  # capacities are the run's, given to the solver
            )
        )
    return out


def _capacity_of(run: AssignmentRun, right: m.Mentor) -> int:
    """Places of a right party in this run: the run's, a mentor's own places left, or a judge's even share."""
    if run.right_capacity is not None:
        return run.right_capacity
    if run.kind == Kind.STARTUP_MENTOR:
        return right.capacity
    return math.ceil(len(run.left_ids) * run.left_demand / max(len(run.right_ids), 1))


def _conflicts(run: AssignmentRun, inputs: Inputs) -> dict[tuple[str, str], m.Reason]:
    """(startup id, judge id) -> the conflict of interest, found through the ecosystem graph."""
    if run.kind != Kind.JUDGE_PITCH:
        return {}
    keys = user_nodes(run.right_ids)
    judge_of = {keys[j]: str(j) for j in run.right_ids}
    startup_of = {org_node(s, OrgKind.STARTUP): str(s) for s in run.left_ids}
    found = m.conflicts_of_interest(inputs.graph, judge_of, startup_of)
    return {(startup_of[s], judge_of[j]): reason for (j, s), reason in found.items()}


# --- solving ----------------------------------------------------------------------


def _noop(progress: int, message: str = "") -> None:
    return None


def solve(run: AssignmentRun, *, report: Report = _noop) -> AssignmentRun:
    """Solve ``run`` (keeping its locked items) and store the items; marks the run failed on an error."""
    try:
        return _solve(run, report)
    except Exception as exc:
        AssignmentRun.objects.filter(pk=run.pk).update(status=Status.FAILED, error=str(exc)[:2000])
        run.status, run.error = Status.FAILED, str(exc)[:2000]
        raise


def _solve(run: AssignmentRun, report: Report) -> AssignmentRun:
    started = time.perf_counter()
    AssignmentRun.objects.filter(pk=run.pk).update(status=Status.RUNNING)
    report(5, "读取数据 · reading the parties")
    inputs = Inputs(startup_amounts=False)
    lefts = inputs.startups(run.left_ids)
    if run.kind == Kind.STARTUP_MENTOR:
        rights = inputs.mentors(run.right_ids)
    else:
        rights = _judges(list(run.right_ids), inputs)
    capacity = {r.id: _capacity_of(run, r) for r in rights}
    # The solver owns capacities; the scorer must not exclude a mentor whose places are the run's.
    scored_rights = [replace(r, capacity=max(capacity[r.id], 1)) for r in rights]
    report(15, "构建生态网络 · building the ecosystem graph")
    index = inputs.social_index
    built = time.perf_counter()
    scorer = m.Scorer(m.PairKind.STARTUP_MENTOR, lefts, scored_rights, industries=inputs.industries, graph=index)
    report(30, "评分 · scoring candidate pairs")
    n = min(len(scored_rights), _candidates_per_left())
    items, scores = m.top_candidates(scorer, n, side="left")
    candidates: dict[tuple[str, str], float] = {}
    for i, (row, row_scores) in enumerate(zip(items.tolist(), scores.tolist(), strict=True)):
        for j, score in zip(row, row_scores, strict=True):
            if j >= 0 and score == score and score >= run.min_score:
                candidates[scorer.left_ids[i], scorer.right_ids[j]] = round(score, 6)
    conflicts = _conflicts(run, inputs)
    with transaction.atomic():
        run = AssignmentRun.objects.select_for_update().get(pk=run.pk)
        locked = list(run.items.filter(locked=True))
        locked_pairs = [(str(x.left_id), str(x.right_id)) for x in locked]
        for item, pair in zip(locked, locked_pairs, strict=True):
            candidates[pair] = round(item.score, 6)
        scored = time.perf_counter()
        report(70, "求解最优分配 · solving the optimal assignment")
        known = {r.id for r in rights}
        result = m.assign(
            [m.Party(s.id, run.left_demand) for s in scorer.left],
            [m.Party(r.id, capacity[r.id]) for r in sorted(rights, key=lambda r: r.id)],
            [(a, b, s) for (a, b), s in candidates.items() if b in known],
            forbidden=[pair for pair in conflicts if pair in candidates],
            locked=[pair for pair in locked_pairs if pair[1] in known],
        )
        solved = time.perf_counter()
        report(85, "保存结果 · storing the result")
        keep = set(locked_pairs)
        new_pairs = [(a, b, s) for a, b, s in result.pairs if (a, b) not in keep]
        matches = scorer.matches([(a, b) for a, b, _ in new_pairs])
        names_left = {s.id: s.name for s in lefts}
        names_right = {r.id: r.name for r in rights}
        run.items.filter(locked=False).delete()
        AssignmentItem.objects.bulk_create(
            AssignmentItem(
                run=run,
                left_id=int(a),
                left_name=names_left[a][:200],
                right_id=int(b),
                right_name=names_right[b][:200],
                score=min(1.0, max(0.0, score)),
                reasons=[reason_dict(r) for r in match.reasons] if match is not None else [],
            )
            for (a, b, score), match in zip(new_pairs, matches, strict=True)
        )
        run.optimum_score = result.total_score
        run.total_score = result.total_score
        run.optimal = True
        run.unassigned = [int(x) for x in result.unassigned]
        run.status = Status.SOLVED
        run.error = ""
        run.solved_at = timezone.now()
        run.stats = {
            "lefts": len(lefts),
            "rights": len(rights),
            "candidates": len(candidates),
            "forbidden": len(conflicts),
            "conflicts": [
                {"left_id": int(a), "right_id": int(b), **reason_dict(reason)}
                for (a, b), reason in sorted(conflicts.items())
            ][:200],
            "assigned": len(result.pairs),
            "locked": len(locked_pairs),
            "seconds": {
                "inputs": round(built - started, 3),
                "scoring": round(scored - built, 3),
                "solving": round(solved - scored, 3),
                "total": round(time.perf_counter() - started, 3),
            },
        }
        run.save()
    report(100, "完成 · done")
    return run


def _dispatch(run: AssignmentRun, *, user, background: bool | None) -> AssignmentRun:
    """Solve now, or queue the job when the run is large (or ``background`` says so)."""
    size = len(run.left_ids) + len(run.right_ids)
    if background is None:
        background = size > _sync_max_parties()
    if not background:
        try:
            return solve(run)
        except ValueError as exc:  # e.g. locked pairs over a capacity that has shrunk since
            raise Conflict(f"无法求解：{exc} · The run cannot be solved: {exc}", code="unsolvable") from exc
    from backend.engine.tasks import solve_assignment
    from backend.jobs.services import job_start

    job = job_start(kind="engine.assignment", task=solve_assignment, user=user, params={"run_id": run.pk})
    AssignmentRun.objects.filter(pk=run.pk).update(job=job, status=Status.QUEUED)
    run.job, run.status = job, Status.QUEUED
    return run


# --- service functions -------------------------------------------------------------------


def assignment_run(
    *,
    kind: str,
    organisation: Organisation,
    user,
    title: str,
    left_ids: Sequence[int] | None = None,
    right_ids: Sequence[int] | None = None,
    event=None,
    left_demand: int = 1,
    right_capacity: int | None = None,
    min_score: float = 0.0,
    context_type: str = "",
    context_id: int | None = None,
    background: bool | None = None,
) -> AssignmentRun:
    """Create an assignment run and solve it (at once, or in the job queue when large).

    ``startup_mentor``: ``left_ids`` startup organisations (required),
    ``right_ids`` mentor profiles (default: every active mentor); a mentor
    takes ``right_capacity`` startups, default their own places left.
    ``judge_pitch``: ``event`` required; left = startups with an approved
    pitch (default all), right = the event's judges (default all); each
    pitch gets ``left_demand`` judges, each judge at most ``right_capacity``
    pitches (default an even share); conflicts of interest are forbidden.
    Permission checks are the caller's (the API lets the organisation's
    organizers in). Bad input raises :class:`ApplicationError` (400).
    """
    if kind not in Kind.values:
        raise _invalid("kind", f"未知类型 {kind!r} · Unknown kind {kind!r}.")
    if kind == Kind.JUDGE_PITCH and event is None:
        raise _invalid("event", "评委分配需要指定活动 · Judge assignment needs an event.")
    if not 1 <= int(left_demand) <= MAX_DEMAND:
        raise _invalid("left_demand", f"应在 1 到 {MAX_DEMAND} 之间 · Must be between 1 and {MAX_DEMAND}.")
    if right_capacity is not None and not 1 <= int(right_capacity) <= 1000:
        raise _invalid("right_capacity", "应在 1 到 1000 之间 · Must be between 1 and 1000.")
    if not 0.0 <= float(min_score) <= 1.0:
        raise _invalid("min_score", "应在 0 到 1 之间 · Must be between 0 and 1.")
    lefts, rights = _resolve_parties(
        kind,
        left_ids=_unique_ints(left_ids, "left_ids"),
        right_ids=_unique_ints(right_ids, "right_ids"),
        event=event,
    )
    run = AssignmentRun.objects.create(
        kind=kind,
        title=title,
        organisation=organisation,
        event=event if kind == Kind.JUDGE_PITCH else None,
        context_type=context_type,
        context_id=context_id,
        left_ids=lefts,
        right_ids=rights,
        left_demand=left_demand,
        right_capacity=right_capacity,
        min_score=min_score,
        created_by=user,
    )
    return _dispatch(run, user=user, background=background)


def assignment_rerun(*, run: AssignmentRun, user, background: bool | None = None) -> AssignmentRun:
    """Solve the run again for everything not locked (parties' data may have changed)."""
    with transaction.atomic():
        run = AssignmentRun.objects.select_for_update().get(pk=run.pk)
        _require_editable(run)
        run.status = Status.QUEUED
        run.save(update_fields=["status"])
    return _dispatch(run, user=user, background=background)


def _require_editable(run: AssignmentRun) -> None:
    if run.status == Status.PUBLISHED:
        raise Conflict("结果已发布，不能再修改 · The result is published and can no longer change.")
    if run.status in (Status.QUEUED, Status.RUNNING):
        raise Conflict("正在计算，请稍候 · The run is being solved; try again when it is done.")


@transaction.atomic
def assignment_item_update(
    *, item: AssignmentItem, user, right_id: int | None = None, locked: bool | None = None
) -> AssignmentItem:
    """Lock or unlock an item, or give its startup another counterpart (which locks it).

    A new counterpart must be one of the run's right parties, have a place
    left and not be excluded (a conflict of interest, a hard constraint):
    409 otherwise. The run's total follows; ``optimal`` is cleared.
    """
    run = AssignmentRun.objects.select_for_update().get(pk=item.run_id)
    item = AssignmentItem.objects.select_for_update().get(pk=item.pk)
    _require_editable(run)
    if right_id is not None and right_id != item.right_id:
        _move(run, item, right_id)
        run.optimal = False
    elif locked is not None:
        item.locked = locked
        if not locked:
            item.edited = False
    item.save()
    run.total_score = round(run.items.aggregate(total=Sum("score"))["total"] or 0.0, 6)
    run.save(update_fields=["total_score", "optimal"])
    return item


def _move(run: AssignmentRun, item: AssignmentItem, right_id: int) -> None:
    if right_id not in run.right_ids:
        raise _invalid("right_id", "不是本次分配的对象 · Not one of this run's counterparts.")
    if run.items.filter(left_id=item.left_id, right_id=right_id).exists():
        raise Conflict("该企业已分配给此对象 · The startup is already assigned to them.")
    inputs = Inputs(startup_amounts=False)
    if run.kind == Kind.STARTUP_MENTOR:
        rights = inputs.mentors([right_id])
        if not rights:
            raise Conflict("该导师已停用 · The mentor is no longer active.")
    else:
        rights = _judges([right_id], inputs)
    if run.kind == Kind.JUDGE_PITCH:
        conflict = _conflicts_for(inputs, item.left_id, right_id)
        if conflict is not None:
            raise Conflict(
                f"利益冲突：{conflict.zh} · Conflict of interest: {conflict.en}",
                code="conflict_of_interest",
                extra={"reason": reason_dict(conflict)},
            )
    capacity = _capacity_of(run, rights[0])
    taken = run.items.filter(right_id=right_id).count()
    if taken >= capacity:
        raise Conflict("名额已满 · No places left.", code="capacity", extra={"capacity": capacity})
    startups = inputs.startups([item.left_id])
    party = replace(rights[0], capacity=1)
    scorer = m.Scorer(
        m.PairKind.STARTUP_MENTOR, startups, [party], industries=inputs.industries, graph=inputs.social_index
    )
    match = scorer.match(0, 0)
    if match is None:
        why = [reason_dict(r) for r in scorer.why_not(0, 0)]
        raise Conflict("该配对不符合条件 · This pair is not allowed.", code="excluded", extra={"reasons": why})
    item.right_id = right_id
    item.right_name = rights[0].name[:200]
    item.score = min(1.0, max(0.0, round(match.score, 6)))
    item.reasons = [reason_dict(r) for r in match.reasons]
    item.locked = True
    item.edited = True


def _conflicts_for(inputs: Inputs, left_id: int, right_id: int) -> m.Reason | None:
    keys = user_nodes([right_id])
    found = m.conflicts_of_interest(inputs.graph, [keys[right_id]], [org_node(left_id, OrgKind.STARTUP)])
    return next(iter(found.values()), None)


@transaction.atomic
def assignment_publish(*, run: AssignmentRun, user) -> AssignmentRun:
    """Publish a solved run: the parties are told (notifications) and listeners of ``assignment_published`` act."""
    run = AssignmentRun.objects.select_for_update().get(pk=run.pk)
    if run.status != Status.SOLVED:
        raise Conflict("只能发布已求解的分配 · Only a solved run can be published.")
    run.status = Status.PUBLISHED
    run.published_at = timezone.now()
    run.published_by = user
    run.save(update_fields=["status", "published_at", "published_by"])
    items = list(run.items.values_list("left_id", "right_id"))
    if run.kind == Kind.STARTUP_MENTOR:
        # Both sides learn whom they were matched with.
        users = [
            *Membership.objects.filter(organisation_id__in={a for a, _ in items}).values_list("user_id", flat=True),
            *MentorProfile.objects.filter(pk__in={b for _, b in items}).values_list("user_id", flat=True),
        ]
        zh, en = f"导师配对结果已发布：{run.title}", f"Mentor matching published: {run.title}"
    else:
        users = [b for _, b in items]  # only the judges: startups are not told who scores them
        zh, en = f"评委分配已发布：{run.title}", f"Judge assignment published: {run.title}"
    notify_on_commit(
        users,
        Notification.Kind.GENERAL,
        title_zh=zh,
        title_en=en,
        link="/",  # the parties are no organizers: their home shows what follows (mentoring, judging)
        target_type="engine.assignmentrun",
        target_id=run.pk,
    )
    assignment_published.send(sender=AssignmentRun, run=run)
    return run


def counterparts(*, run: AssignmentRun) -> list[dict[str, Any]]:
    """The run's right parties with their places in the run and how many are used (for editing)."""
    used = dict(run.items.values("right_id").annotate(n=Count("pk")).values_list("right_id", "n"))
    inputs = Inputs(startup_amounts=False)
    rights = inputs.mentors(run.right_ids) if run.kind == Kind.STARTUP_MENTOR else _judges(list(run.right_ids), inputs)
    return [
        {"id": int(r.id), "name": r.name, "capacity": _capacity_of(run, r), "used": used.get(int(r.id), 0)}
        for r in sorted(rights, key=lambda r: (r.name, int(r.id)))
    ]
