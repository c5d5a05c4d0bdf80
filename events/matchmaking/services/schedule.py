"""The day's schedule: the adapter between the database and :mod:`matching.schedule`.

Flow (DESIGN.md): :func:`schedule_input` builds plain inputs from the rows
(participants are the parties, slots and tables are indices), the engine
solves, and :func:`_write` puts the result back, in one transaction holding the
event's lock, after checking that nothing the solution depends on changed
while the engine ran (the scheduler runs as a job, outside any transaction).

* :func:`schedule_start` queues a run (a tracked job, see :mod:`..tasks`);
  :func:`schedule_compute` is the run itself and reports progress.
* :func:`meeting_lock` fixes one meeting to a slot (an agreed time); a re-run
  keeps it there, at its table.
* :func:`schedule_publish` sends everyone their agenda and sets up the
  follow-up questions.
* :func:`schedule_repair` re-plans after a change on the day with as few moved
  meetings as possible (:func:`matching.schedule.repair_schedule`);
  :func:`place_late_meeting` puts a meeting accepted after publishing into a
  free place (a backfilled slot first).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from backend.core.errors import ApplicationError, Conflict
from events.matchmaking.models import (
    MatchmakingDay,
    Meeting,
    MeetingSlot,
    MeetingTable,
    Participant,
    Preference,
)
from events.matchmaking.services.common import day_for, link, tell
from events.services.locking import lock_events
from matching.schedule import ScheduleInfeasible, check_schedule, lower_bound, repair_schedule, schedule_meetings

MSG_NO_SLOTS = "请先设置时段和桌位 · Set the day's slots and tables first."
MSG_CHANGED = (
    "排程期间会谈或设置发生了变化，请重新运行 · Meetings or settings changed while the scheduler ran; run it again."
)
MSG_UNPLACED = "还有 {n} 场会谈未排定，请先运行排程 · {n} meetings are not placed yet; run the scheduler first."
MSG_PROBLEMS = "当前排程有冲突，请先修复 · The schedule has conflicts; repair it first."
MSG_NOT_ACTIVE = "该会谈已取消 · The meeting was cancelled."
MSG_NOT_PLACED = "该会谈尚未排定，请指定时段 · The meeting is not placed yet; choose a slot."
MSG_UNAVAILABLE = "一方在该时段不可用 · One side is unavailable in that slot."
MSG_LOCKED_CLASH = "该时段已有锁定的会谈冲突 · A locked meeting clashes in that slot."
MSG_NO_TABLE = "该时段没有空桌 · No table is free in that slot."
MSG_WRONG_DAY = "时段或桌位不属于本场对接 · The slot or table is not of this day."

Report = Callable[[int, str], None]


def _noop(progress: int, message: str) -> None:
    return None


# --------------------------------------------------------------------------- input


@dataclass
class ScheduleInput:
    """The day as the engine sees it: parties are participant ids, slots and tables are indices."""

    slot_ids: list[int]
    table_ids: list[int]
    meeting_ids: list[int]
    meetings: list[tuple[int, int]]
    preferences: list[str]
    previous: list[tuple[int, int] | None]
    locked: dict[int, int]
    unavailable: dict[int, list[int]]
    parties: list[int]
    sequences: list[int] = field(default_factory=list)

    @property
    def slots(self) -> int:
        return len(self.slot_ids)

    @property
    def tables(self) -> int:
        return len(self.table_ids)

    def fingerprint(self) -> str:
        """What a solution depends on (not where meetings sit now)."""
        blob = json.dumps(
            [
                self.slot_ids,
                self.table_ids,
                self.meeting_ids,
                self.meetings,
                sorted(self.locked.items()),
                sorted(self.unavailable.items()),
            ]
        )
        return hashlib.sha256(blob.encode()).hexdigest()

    def kwargs(self) -> dict[str, Any]:
        return {
            "tables": self.tables,
            "slots": self.slots,
            "unavailable": self.unavailable,
            "locked": self.locked,
            "parties": self.parties,
        }


def schedule_input(day: MatchmakingDay) -> ScheduleInput:
    slot_ids = list(MeetingSlot.objects.filter(day=day).order_by("starts", "id").values_list("id", flat=True))
    table_ids = list(MeetingTable.objects.filter(day=day).order_by("number").values_list("id", flat=True))
    slot_index = {pk: i for i, pk in enumerate(slot_ids)}
    table_index = {pk: i for i, pk in enumerate(table_ids)}
    rows = list(
        Meeting.objects.filter(day=day, status=Meeting.Status.ACTIVE)
        .order_by("id")
        .values("id", "enterprise_id", "partner_id", "preference", "slot_id", "table_id", "locked", "sequence")
    )
    previous: list[tuple[int, int] | None] = []
    locked: dict[int, int] = {}
    for m, row in enumerate(rows):
        if row["slot_id"] is not None:
            previous.append((slot_index[row["slot_id"]], table_index[row["table_id"]]))
            if row["locked"]:
                locked[m] = slot_index[row["slot_id"]]
        else:
            previous.append(None)
    parties = sorted(Participant.objects.filter(day=day).values_list("id", flat=True))
    unavailable: dict[int, list[int]] = defaultdict(list)
    for participant_id, slot_id in Participant.unavailable.through.objects.filter(participant__day=day).values_list(
        "participant_id", "meetingslot_id"
    ):
        unavailable[participant_id].append(slot_index[slot_id])
    return ScheduleInput(
        slot_ids=slot_ids,
        table_ids=table_ids,
        meeting_ids=[r["id"] for r in rows],
        meetings=[(r["enterprise_id"], r["partner_id"]) for r in rows],
        preferences=[r["preference"] for r in rows],
        previous=previous,
        locked=locked,
        unavailable={p: sorted(s) for p, s in sorted(unavailable.items())},
        parties=parties,
        sequences=[r["sequence"] for r in rows],
    )


def problems(inp: ScheduleInput) -> list[str]:
    """Rules the current placements break (the engine's words), e.g. after new unavailability."""
    placed = [m for m, p in enumerate(inp.previous) if p is not None]
    if not placed or not inp.tables:
        return []
    position = {m: i for i, m in enumerate(placed)}
    return check_schedule(
        [inp.meetings[m] for m in placed],
        [inp.previous[m] for m in placed],  # type: ignore[misc]
        tables=inp.tables,
        slots=inp.slots,
        unavailable=inp.unavailable,
        locked={position[m]: s for m, s in inp.locked.items()},
        parties=inp.parties,
    )


# --------------------------------------------------------------------------- summary


def summary(
    inp: ScheduleInput,
    *,
    feasible: bool,
    slots_used: int | None,
    bound: int,
    optimal: bool,
    method: str,
    reason: str = "",
) -> dict[str, Any]:
    """The figures the organizer sees, with the verdict in both languages."""
    e, s, t = len(inp.meetings), inp.slots, inp.tables
    nice = sum(1 for p in inp.preferences if p == Preference.NICE)
    if e == 0:
        zh, en = "还没有已接受的会谈。", "No accepted meetings yet."
    elif not feasible and bound > s:
        zh = (
            f"当天时段不足：{e} 场会谈至少需要 {bound} 个时段，但只设置了 {s} 个（{t} 张桌）。"
            f"请增加 {bound - s} 个时段或更多桌位，或减少“希望见”的会谈（共 {nice} 场）。"
        )
        en = (
            f"The day is too short: {e} meetings need at least {bound} slots, but only {s} are set ({t} tables). "
            f"Add {bound - s} slot(s) or more tables, or drop 'would like to meet' meetings ({nice} of them)."
        )
    elif not feasible:
        zh = (
            f"在现有的不可用时段和锁定安排下无法排完 {e} 场会谈（下界 {bound} 个时段，可用 {s} 个）。"
            "请减少不可用时段、解除锁定或增加时段。"
        )
        en = (
            f"The {e} meetings do not fit with the current unavailability and locks "
            f"(lower bound {bound} slots, {s} available). Free slots, unlock meetings or add slots."
        )
    elif optimal:
        zh = f"已排定 {e} 场会谈，用时 {slots_used} 个时段，已证明为最少（下界 {bound}，可用 {s}）。"
        en = f"{e} meetings scheduled in {slots_used} slots, proven minimal (lower bound {bound}, {s} available)."
    else:
        zh = (
            f"已排定 {e} 场会谈，用时 {slots_used} 个时段；下界为 {bound}，"
            f"最多可能还能少 {slots_used - bound} 个（可用 {s}）。"
        )
        en = (
            f"{e} meetings scheduled in {slots_used} slots; the lower bound is {bound}, "
            f"so at most {slots_used - bound} fewer may be possible ({s} available)."
        )
    return {
        "feasible": feasible,
        "too_short": bool(e) and not feasible and bound > s,
        "slots_used": slots_used,
        "lower_bound": bound,
        "slots_available": s,
        "tables": t,
        "optimal": optimal,
        "gap": (slots_used - bound) if slots_used is not None else None,
        "method": method,
        "meetings": e,
        "must": e - nice,
        "nice": nice,
        "locked": len(inp.locked),
        "message_zh": zh,
        "message_en": en,
        "reason": reason,
        "ran_at": timezone.now().isoformat(),
    }


def current_bound(inp: ScheduleInput) -> int:
    try:
        return lower_bound(
            inp.meetings, tables=max(inp.tables, 1), unavailable=inp.unavailable, locked=inp.locked, parties=inp.parties
        )
    except ValueError:
        return 0


# --------------------------------------------------------------------------- writing


def _stable_tables(inp: ScheduleInput, slots: list[int], tables: list[int]) -> list[int]:
    """Tables within each slot, keeping locked meetings and meetings that stay in their slot at their table.

    Tables within one slot are interchangeable, so any permutation stays valid.
    """
    out = list(tables)
    by_slot: dict[int, list[int]] = defaultdict(list)
    for m, s in enumerate(slots):
        by_slot[s].append(m)
    for s, members in by_slot.items():
        used: set[int] = set()
        chosen: dict[int, int] = {}
        stays = sorted(
            (m for m in members if inp.previous[m] is not None and inp.previous[m][0] == s),
            key=lambda m: (m not in inp.locked, m),
        )
        for m in stays:
            t = inp.previous[m][1]  # type: ignore[index]
            if t not in used:
                chosen[m] = t
                used.add(t)
        for m in members:
            if m in chosen:
                continue
            t = tables[m] if tables[m] not in used else next(x for x in range(inp.tables) if x not in used)
            chosen[m] = t
            used.add(t)
        for m, t in chosen.items():
            out[m] = t
    return out


def _write(day: MatchmakingDay, inp: ScheduleInput, slots: list[int], tables: list[int]) -> list[int]:
    """Put meetings at (slot, table) by index; returns the indices of meetings whose slot changed.

    Called with the event locked. Moved meetings leave their places first, so
    the partial unique indexes never see two meetings in one place mid-way.
    """
    tables = _stable_tables(inp, slots, tables)
    changed = [
        m for m in range(len(inp.meetings)) if inp.previous[m] is None or inp.previous[m] != (slots[m], tables[m])
    ]
    if not changed:
        return []
    Meeting.objects.filter(pk__in=[inp.meeting_ids[m] for m in changed]).update(slot=None, table=None)
    moved = []
    for m in changed:
        slot_moved = inp.previous[m] is not None and inp.previous[m][0] != slots[m]
        Meeting.objects.filter(pk=inp.meeting_ids[m]).update(
            slot_id=inp.slot_ids[slots[m]],
            table_id=inp.table_ids[tables[m]],
            sequence=F("sequence") + (1 if slot_moved else 0),
        )
        if inp.previous[m] is None or slot_moved:
            moved.append(m)
    return moved


def _after_change(day: MatchmakingDay, inp: ScheduleInput, moved: list[int]) -> None:
    """After publishing, a moved meeting is news for both sides; new placements get follow-ups."""
    if day.published_at is None or not moved:
        return
    from events.matchmaking.services.dayof import follow_ups_ensure

    day.changed_since_publish = True
    day.save(update_fields=["changed_since_publish", "updated_at"])
    meetings = Meeting.objects.filter(pk__in=[inp.meeting_ids[m] for m in moved]).select_related(
        "slot", "table", "enterprise__organisation", "partner__organisation"
    )
    follow_ups_ensure(day=day, meetings=list(meetings))
    for meeting in meetings:
        when = timezone.localtime(meeting.slot.starts).strftime("%H:%M")
        for mine, other in ((meeting.enterprise, meeting.partner), (meeting.partner, meeting.enterprise)):
            tell(
                [mine],
                "mm_moved",
                zh=f"与 {other.organisation.name} 的会谈安排在 {when}，{meeting.table.label}",
                en=f"Your meeting with {other.organisation.name} is at {when}, table {meeting.table.number}",
                link=link(day.pk, "agenda"),
                target=meeting,
            )


# --------------------------------------------------------------------------- runs


def schedule_start(*, actor, event, time_limit: float = 10.0):
    """Queue a scheduler run as a job; the browser follows it at /api/jobs/<id>."""
    from backend.jobs.services import job_start
    from events.matchmaking.tasks import run_schedule

    day = day_for(event)
    if not MeetingSlot.objects.filter(day=day).exists() or not MeetingTable.objects.filter(day=day).exists():
        raise Conflict(MSG_NO_SLOTS, code="no_slots")
    return job_start(
        kind="matchmaking.schedule",
        task=run_schedule,
        user=actor,
        params={"event_id": event.pk, "time_limit": float(time_limit)},
    )


def schedule_compute(*, event_id: int, time_limit: float = 10.0, report: Report = _noop, job_id=None) -> dict:
    """Solve the day and write the result; returns the summary (also kept on the day).

    Solving runs outside a transaction (it may take seconds); writing checks
    that the input did not change meanwhile, else nothing is written (409).
    A day that is too short is a result, not an error: the summary says so and
    the placements stay as they were.
    """
    day = MatchmakingDay.objects.select_related("event").get(pk=event_id)
    report(5, "读取会谈 · loading meetings")
    inp = schedule_input(day)
    if not inp.slots or not inp.tables:
        raise Conflict(MSG_NO_SLOTS, code="no_slots")
    report(20, f"排程 {len(inp.meetings)} 场会谈 · scheduling {len(inp.meetings)} meetings")
    result = None
    try:
        result = schedule_meetings(inp.meetings, time_limit=time_limit, **inp.kwargs())
    except ScheduleInfeasible as exc:
        info = summary(
            inp, feasible=False, slots_used=None, bound=current_bound(inp), optimal=False, method="", reason=exc.reason
        )
    else:
        info = summary(
            inp,
            feasible=True,
            slots_used=result.slots_used,
            bound=result.lower_bound,
            optimal=result.optimal,
            method=result.method,
        )
    report(80, "写入排程 · writing the schedule")
    with transaction.atomic():
        lock_events(day.pk)
        day = MatchmakingDay.objects.select_related("event").get(pk=day.pk)
        if schedule_input(day).fingerprint() != inp.fingerprint():
            raise Conflict(MSG_CHANGED, code="changed")
        moved = _write(day, inp, result.slots, result.tables) if result is not None else []
        day.schedule_info = info
        day.scheduled_at = timezone.now()
        if job_id is not None:
            day.schedule_job_id = job_id
        day.save(update_fields=["schedule_info", "scheduled_at", "schedule_job", "updated_at"])
        _after_change(day, inp, moved)
    return info


# --------------------------------------------------------------------------- single meetings


@transaction.atomic
def meeting_lock(*, actor, meeting: Meeting, slot: MeetingSlot | None = None, table: MeetingTable | None = None):
    """Fix *meeting* to *slot* (default: where it is) and *table*.

    Unlocked meetings of either side in the way lose their place (the next run
    or repair places them again); a locked one in the way is a 409.
    Returns ``(meeting, unplaced meeting ids)``.
    """
    lock_events(meeting.day_id)
    meeting = Meeting.objects.select_related("day").get(pk=meeting.pk)
    if meeting.status != Meeting.Status.ACTIVE:
        raise Conflict(MSG_NOT_ACTIVE, code="cancelled")
    for thing in (slot, table):
        if thing is not None and thing.day_id != meeting.day_id:
            raise ApplicationError(MSG_WRONG_DAY, errors={"slot": [MSG_WRONG_DAY]})
    slot = slot or meeting.slot
    if slot is None:
        raise Conflict(MSG_NOT_PLACED, code="not_placed")
    parties = [meeting.enterprise_id, meeting.partner_id]
    if Participant.unavailable.through.objects.filter(participant_id__in=parties, meetingslot_id=slot.pk).exists():
        raise Conflict(MSG_UNAVAILABLE, code="unavailable")
    others = Meeting.objects.filter(day_id=meeting.day_id, status=Meeting.Status.ACTIVE, slot=slot).exclude(
        pk=meeting.pk
    )
    in_the_way = [m for m in others if m.enterprise_id in parties or m.partner_id in parties]
    if table is None:
        if meeting.slot_id == slot.pk:
            table = meeting.table
        else:
            busy = {m.table_id for m in others if m not in in_the_way}
            table = MeetingTable.objects.filter(day_id=meeting.day_id).exclude(pk__in=busy).first()
            if table is None:
                raise Conflict(MSG_NO_TABLE, code="no_table")
    in_the_way += [m for m in others if m.table_id == table.pk and m not in in_the_way]
    if any(m.locked for m in in_the_way):
        raise Conflict(MSG_LOCKED_CLASH, code="locked_clash")
    unplaced = [m.pk for m in in_the_way]
    Meeting.objects.filter(pk__in=unplaced).update(slot=None, table=None)
    moved = meeting.slot_id is not None and meeting.slot_id != slot.pk
    Meeting.objects.filter(pk=meeting.pk).update(
        slot=slot, table=table, locked=True, sequence=F("sequence") + (1 if moved else 0)
    )
    day = meeting.day
    if day.published_at is not None and (moved or unplaced or meeting.slot_id is None):
        day.changed_since_publish = True
        day.save(update_fields=["changed_since_publish", "updated_at"])
    meeting.refresh_from_db()
    if day.published_at is not None and moved:
        when = timezone.localtime(slot.starts).strftime("%H:%M")
        for mine, other in ((meeting.enterprise, meeting.partner), (meeting.partner, meeting.enterprise)):
            tell(
                [mine],
                "mm_moved",
                zh=f"与 {other.organisation.name} 的会谈改到 {when}，{table.label}",
                en=f"Your meeting with {other.organisation.name} moved to {when}, table {table.number}",
                link=link(day.pk, "agenda"),
                target=meeting,
            )
    return meeting, unplaced


@transaction.atomic
def meeting_unlock(*, actor, meeting: Meeting) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(locked=False)
    meeting.refresh_from_db()
    return meeting


# --------------------------------------------------------------------------- publish and repair


@transaction.atomic
def schedule_publish(*, actor, event) -> MatchmakingDay:
    """Send every participant their personal agenda; needs every active meeting placed, without conflicts."""
    from events.matchmaking.services.dayof import follow_ups_ensure

    day = day_for(event)
    lock_events(day.pk)
    inp = schedule_input(day)
    if not inp.slots or not inp.tables:
        raise Conflict(MSG_NO_SLOTS, code="no_slots")
    unplaced = sum(1 for p in inp.previous if p is None)
    if unplaced:
        raise Conflict(MSG_UNPLACED.format(n=unplaced), code="unplaced", extra={"unplaced": unplaced})
    if problems(inp):
        raise Conflict(MSG_PROBLEMS, code="conflicts")
    again = day.published_at is not None
    day.published_at = timezone.now()
    day.published_by = actor
    day.changed_since_publish = False
    day.save(update_fields=["published_at", "published_by", "changed_since_publish", "updated_at"])
    meetings = list(Meeting.objects.filter(day=day, status=Meeting.Status.ACTIVE))
    follow_ups_ensure(day=day, meetings=meetings)
    count: dict[int, int] = defaultdict(int)
    for meeting in meetings:
        count[meeting.enterprise_id] += 1
        count[meeting.partner_id] += 1
    title = event.title
    for participant in Participant.objects.filter(day=day):
        n = count[participant.pk]
        tell(
            [participant],
            "mm_agenda",
            zh=f"{'日程已更新' if again else '日程已发布'}：{title}，您有 {n} 场会谈",
            en=f"{'Agenda updated' if again else 'Agenda published'}: {title}, {n} meeting(s) for you",
            link=link(day.pk, "agenda"),
            target=event,
        )
    return day


def _repair(day: MatchmakingDay, inp: ScheduleInput, time_limit: float):
    fix = repair_schedule(inp.meetings, inp.previous, time_limit=time_limit, **inp.kwargs())
    moved = _write(day, inp, fix.schedule.slots, fix.schedule.tables)
    return fix, moved


@transaction.atomic
def schedule_repair(*, actor, event, time_limit: float = 5.0) -> dict[str, Any]:
    """Re-plan the day after changes (unavailability, unplaced or late meetings), moving as few as possible."""
    day = day_for(event)
    lock_events(day.pk)
    inp = schedule_input(day)
    if not inp.slots or not inp.tables:
        raise Conflict(MSG_NO_SLOTS, code="no_slots")
    new = [inp.meeting_ids[m] for m, p in enumerate(inp.previous) if p is None]
    try:
        fix, moved = _repair(day, inp, time_limit)
    except ScheduleInfeasible as exc:
        info = summary(
            inp, feasible=False, slots_used=None, bound=current_bound(inp), optimal=False, method="", reason=exc.reason
        )
        raise Conflict(f"{info['message_zh']} · {info['message_en']}", code="too_short", extra={"schedule": info})
    info = summary(
        inp,
        feasible=True,
        slots_used=fix.schedule.slots_used,
        bound=max(fix.schedule.lower_bound, current_bound(inp)),
        optimal=fix.schedule.slots_used == fix.schedule.lower_bound,
        method="repair",
    )
    day.schedule_info = info
    day.scheduled_at = timezone.now()
    day.save(update_fields=["schedule_info", "scheduled_at", "updated_at"])
    _after_change(day, inp, moved)
    moved_ids = [inp.meeting_ids[m] for m in fix.moved]
    return {"moved": moved_ids, "placed": new, "minimal": fix.minimal, "schedule": info}


def place_late_meeting(*, day: MatchmakingDay, meeting: Meeting, offered_slot_id: int | None = None) -> bool:
    """Place a meeting accepted after publishing (the caller holds the event lock).

    A slot offered by backfill is taken if both sides and a table are free
    there; otherwise the day is repaired around the new meeting, which moves
    nobody when a free place exists. Returns whether the meeting got a place.
    """
    inp = schedule_input(day)
    if not inp.slots or not inp.tables:
        return False
    m = inp.meeting_ids.index(meeting.pk)
    slots_now = [p[0] if p is not None else -1 for p in inp.previous]
    tables_now = [p[1] if p is not None else -1 for p in inp.previous]
    if offered_slot_id in inp.slot_ids:
        s = inp.slot_ids.index(offered_slot_id)
        a, b = inp.meetings[m]
        busy = {party for k, (x, y) in enumerate(inp.meetings) if slots_now[k] == s for party in (x, y)}
        taken = {tables_now[k] for k in range(len(inp.meetings)) if slots_now[k] == s}
        free_tables = [t for t in range(inp.tables) if t not in taken]
        away = s in inp.unavailable.get(a, []) or s in inp.unavailable.get(b, [])
        if a not in busy and b not in busy and free_tables and not away:
            slots_now[m], tables_now[m] = s, free_tables[0]
            moved = _write(day, inp, slots_now, tables_now)
            _after_change(day, inp, moved)
            return True
    try:
        _fix, moved = _repair(day, inp, time_limit=1.0)
    except ScheduleInfeasible:
        day.changed_since_publish = True
        day.save(update_fields=["changed_since_publish", "updated_at"])
        return False
    _after_change(day, inp, moved)
    return True
