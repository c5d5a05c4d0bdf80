"""Mentoring commands: each one transaction, rules checked here, the database as backstop.

Locking (after events/services/locking.py): a command that can add an active
mentorship locks its own row first (the request or the programme), then the
mentor's profile row with ``SELECT … FOR NO KEY UPDATE`` (:func:`_lock_mentor`),
then counts the mentor's active mentorships and writes. The capacity trigger
takes the same lock, so the order is the same whether or not Python locked.
``settings.MENTORING_LOCKING = False`` switches the Python lock off; only the
control tests of the acceptance race do that, to show what the trigger decides.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.core.errors import ApplicationError, Conflict, NotFound
from backend.directory.models import Membership, MentorProfile, Organisation, OrgKind
from backend.mentoring import assign, rules
from backend.mentoring.models import (
    MentoringRequest,
    MentoringSession,
    Mentorship,
    Programme,
    ProgrammeMentor,
    ProgrammeStartup,
    Proposal,
)
from backend.notifications.models import Notification
from backend.notifications.services import notify_on_commit

LOCK_TIMEOUT = "5s"
CAPACITY_CONSTRAINT = "mentorship_within_mentor_capacity"
KIND = Notification.Kind.GENERAL


class Forbidden(ApplicationError):
    status_code = 403
    default_code = "permission_denied"


def _forbidden() -> Forbidden:
    return Forbidden(_("无权执行此操作 · You may not do this."))


def _startup_member_ids(startup_id: int) -> list[int]:
    return list(Membership.objects.filter(organisation=startup_id).values_list("user_id", flat=True))


def _clean_topics(topics) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in topics or () if t and t.strip()))


# --- mentor capacity --------------------------------------------------------------------------------


def _lock_mentor(mentor_id: int) -> MentorProfile:
    """Lock the mentor's profile row until the transaction ends (waits at most LOCK_TIMEOUT)."""
    if not getattr(settings, "MENTORING_LOCKING", True):
        return MentorProfile.objects.select_related("user").get(pk=mentor_id)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
            mentor = MentorProfile.objects.select_for_update(no_key=True, of=("self",)).select_related("user")
            mentor = mentor.get(pk=mentor_id)
            cursor.execute("SELECT set_config('lock_timeout', '0', true)")
    except OperationalError:
        raise Conflict(_("系统繁忙，请稍后重试 · Busy, please try again."), code="busy")
    return mentor


def active_count(mentor_id: int) -> int:
    return Mentorship.objects.filter(mentor=mentor_id, status=Mentorship.Status.ACTIVE).count()


def _full(mentor: MentorProfile, held: int) -> Conflict:
    return Conflict(
        _("导师名额已满（%(held)d/%(capacity)d）· The mentor has no free place (%(held)d of %(capacity)d).")
        % {"held": held, "capacity": mentor.capacity},
        code="mentor_full",
        extra={"capacity": mentor.capacity, "active": held},
    )


def _mentorship_start(*, startup_id: int, mentor_id: int, **links) -> Mentorship:
    """Start an active mentorship within the mentor's capacity (409 otherwise). Caller holds a transaction."""
    mentor = _lock_mentor(mentor_id)
    held = active_count(mentor_id)
    if held >= mentor.capacity:
        raise _full(mentor, held)
    if Mentorship.objects.filter(startup=startup_id, mentor=mentor_id, status=Mentorship.Status.ACTIVE).exists():
        raise Conflict(_("双方已在辅导关系中 · This mentorship is already active."), code="already_mentoring")
    try:
        with transaction.atomic():
            return Mentorship.objects.create(startup_id=startup_id, mentor_id=mentor_id, **links)
    except IntegrityError as exc:
        name = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
        if name == CAPACITY_CONSTRAINT:
            raise _full(mentor, active_count(mentor_id)) from exc
        if name == "mentorship_one_active_per_pair":
            raise Conflict(_("双方已在辅导关系中 · This mentorship is already active."), code="already_mentoring")
        raise


# --- requests ---------------------------------------------------------------------------------------


@transaction.atomic
def request_create(
    *, user, startup: Organisation, mentor: MentorProfile, message: str = "", needs=()
) -> MentoringRequest:
    if startup.kind != OrgKind.STARTUP:
        raise ApplicationError(
            _("只有科技企业可以申请导师辅导 · Only startups ask for mentoring."),
            errors={"startup": [_("不是科技企业 · Not a startup.")]},
        )
    if not rules.is_startup_member(user, startup.pk):
        raise Forbidden(_("只有企业成员可以为企业申请辅导 · Only the startup's members may ask on its behalf."))
    if mentor.user_id == user.pk or rules.is_startup_member(mentor.user, startup.pk):
        raise ApplicationError(
            _("不能向自己申请辅导 · You cannot ask yourself for mentoring."),
            code="self_request",
            errors={"mentor": [_("不能选择自己或本企业成员 · Not yourself or a member of the startup.")]},
        )
    if not mentor.active:
        raise ApplicationError(
            _("该导师暂不接受辅导申请 · This mentor takes no requests at the moment."),
            errors={"mentor": [_("导师未启用 · The mentor is not active.")]},
        )
    if Mentorship.objects.filter(startup=startup, mentor=mentor, status=Mentorship.Status.ACTIVE).exists():
        raise Conflict(_("该导师已在辅导本企业 · This mentor already mentors the startup."), code="already_mentoring")
    if MentoringRequest.objects.filter(startup=startup, mentor=mentor, status=MentoringRequest.Status.PENDING).exists():
        raise Conflict(_("已有待答复的申请 · A request to this mentor is already open."), code="request_open")
    try:
        with transaction.atomic():
            request = MentoringRequest.objects.create(
                startup=startup, mentor=mentor, requested_by=user, message=message.strip(), needs=_clean_topics(needs)
            )
    except IntegrityError:  # a concurrent request for the same pair won
        raise Conflict(_("已有待答复的申请 · A request to this mentor is already open."), code="request_open")
    notify_on_commit(
        [mentor.user_id],
        KIND,
        title_zh=f"{startup.name} 申请您的创业辅导",
        title_en=f"{startup.name} asks you for mentoring",
        body=request.message,
        link="/mentoring/incoming",
        target_type="mentoring_request",
        target_id=request.pk,
    )
    return request


def _pending_request_for_update(request_id: int) -> MentoringRequest:
    request = (
        MentoringRequest.objects.select_for_update(of=("self",))
        .select_related("startup", "mentor__user")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise NotFound(_("申请不存在 · No such request."))
    if request.status != MentoringRequest.Status.PENDING:
        raise Conflict(
            _("该申请已处理 · This request has already been answered."),
            code="request_decided",
            extra={"status": request.status},
        )
    return request


@transaction.atomic
def request_accept(*, user, request_id: int) -> MentoringRequest:
    request = _pending_request_for_update(request_id)
    if not rules.is_mentor(user, request.mentor):
        raise _forbidden()
    _mentorship_start(startup_id=request.startup_id, mentor_id=request.mentor_id, request=request)
    request.status = MentoringRequest.Status.ACCEPTED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    notify_on_commit(
        _startup_member_ids(request.startup_id),
        KIND,
        title_zh=f"导师 {request.mentor.user.name} 接受了辅导申请",
        title_en=f"Mentor {request.mentor.user.name} accepted your request",
        link="/mentoring/mine",
        target_type="mentoring_request",
        target_id=request.pk,
    )
    return request


@transaction.atomic
def request_decline(*, user, request_id: int, reason: str) -> MentoringRequest:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("请说明婉拒原因 · Please give a reason."), errors={"reason": [_("必填 · Required.")]})
    request = _pending_request_for_update(request_id)
    if not rules.is_mentor(user, request.mentor):
        raise _forbidden()
    request.status = MentoringRequest.Status.DECLINED
    request.decline_reason = reason
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decline_reason", "decided_at"])
    notify_on_commit(
        _startup_member_ids(request.startup_id),
        KIND,
        title_zh=f"导师 {request.mentor.user.name} 婉拒了辅导申请",
        title_en=f"Mentor {request.mentor.user.name} declined your request",
        body=reason,
        link="/mentoring/requests",
        target_type="mentoring_request",
        target_id=request.pk,
    )
    return request


@transaction.atomic
def request_withdraw(*, user, request_id: int) -> MentoringRequest:
    request = _pending_request_for_update(request_id)
    if not rules.is_startup_member(user, request.startup_id):
        raise _forbidden()
    request.status = MentoringRequest.Status.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    return request


# --- mentorships and sessions ------------------------------------------------------------------------


def _active_for_update(mentorship_id: int) -> Mentorship:
    mentorship = (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("startup", "mentor__user")
        .filter(pk=mentorship_id)
        .first()
    )
    if mentorship is None:
        raise NotFound(_("辅导关系不存在 · No such mentorship."))
    return mentorship


def _other_side(user, mentorship: Mentorship) -> list[int]:
    if rules.is_mentor(user, mentorship.mentor):
        return _startup_member_ids(mentorship.startup_id)
    return [mentorship.mentor.user_id]


@transaction.atomic
def mentorship_end(*, user, mentorship_id: int, note: str = "") -> Mentorship:
    mentorship = _active_for_update(mentorship_id)
    if not rules.is_party(user, mentorship):
        raise _forbidden()
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise Conflict(_("辅导关系已结束 · This mentorship has already ended."), code="mentorship_ended")
    mentorship.status = Mentorship.Status.ENDED
    mentorship.ended_at = timezone.now()
    mentorship.ended_by = user
    mentorship.end_note = (note or "").strip()
    mentorship.save(update_fields=["status", "ended_at", "ended_by", "end_note"])
    notify_on_commit(
        _other_side(user, mentorship),
        KIND,
        title_zh=f"{user.name} 结束了辅导关系（{mentorship.startup.name}）",
        title_en=f"{user.name} ended the mentorship ({mentorship.startup.name})",
        body=mentorship.end_note,
        link=f"/mentoring/mentorships/{mentorship.pk}",
        target_type="mentorship",
        target_id=mentorship.pk,
    )
    return mentorship


def _today() -> date:
    return timezone.localdate()


@transaction.atomic
def session_log(
    *,
    user,
    mentorship_id: int,
    date: date,
    duration_minutes: int,
    topics=(),
    notes: str = "",
    follow_ups: str = "",
) -> MentoringSession:
    mentorship = _active_for_update(mentorship_id)
    if not rules.is_party(user, mentorship):
        raise _forbidden()
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise Conflict(_("辅导关系已结束，不能再记录 · The mentorship has ended."), code="mentorship_ended")
    if date > _today() + timedelta(days=1):
        raise ApplicationError(
            _("不能记录未来的辅导 · A session cannot lie in the future."),
            errors={"date": [_("日期不能晚于今天 · Not after today.")]},
        )
    started = timezone.localdate(mentorship.started_at)
    if date < started - timedelta(days=366):
        raise ApplicationError(
            _("日期早于辅导开始 · The date is before the mentorship began."),
            errors={"date": [_("日期过早 · Too early.")]},
        )
    session = MentoringSession.objects.create(
        mentorship=mentorship,
        date=date,
        duration_minutes=duration_minutes,
        topics=_clean_topics(topics),
        notes=(notes or "").strip(),
        follow_ups=(follow_ups or "").strip(),
        logged_by=user,
    )
    notify_on_commit(
        _other_side(user, mentorship),
        KIND,
        title_zh=f"{user.name} 记录了一次辅导（{date:%Y-%m-%d}，{duration_minutes} 分钟）",
        title_en=f"{user.name} logged a session ({date:%Y-%m-%d}, {duration_minutes} min)",
        link=f"/mentoring/mentorships/{mentorship.pk}",
        target_type="mentorship",
        target_id=mentorship.pk,
    )
    return session


# --- programmes --------------------------------------------------------------------------------------


@transaction.atomic
def programme_create(*, user, organisation: Organisation, name: str, description: str = "") -> Programme:
    if not rules.may_create_programme_for(user, organisation):
        raise Forbidden(
            _("只能为本单位（科技主管部门或载体运营方）创建 · Only for your own bureau or carrier operator."),
            errors={"organisation": [_("不可选择此机构 · Not this organisation.")]},
        )
    if Programme.objects.filter(organisation=organisation, name=name.strip()).exists():
        raise Conflict(
            _("同名计划已存在 · A programme with this name exists."),
            code="duplicate",
            errors={"name": [_("名称重复 · Name taken.")]},
        )
    return Programme.objects.create(
        organisation=organisation, name=name.strip(), description=description.strip(), created_by=user
    )


def _lock_programme(programme_id: int) -> Programme:
    programme = Programme.objects.select_for_update(of=("self",)).filter(pk=programme_id).first()
    if programme is None:
        raise NotFound(_("计划不存在 · No such programme."))
    return programme


def _require_manager(user, programme: Programme) -> None:
    if not rules.may_manage_programme(user, programme):
        raise _forbidden()


def _require_open(programme: Programme) -> None:
    if programme.status == Programme.Status.CLOSED:
        raise Conflict(_("计划已结束 · The programme is closed."), code="programme_closed")


@transaction.atomic
def programme_update(*, user, programme_id: int, data: dict) -> Programme:
    programme = _lock_programme(programme_id)
    _require_manager(user, programme)
    for field in ("name", "description", "status"):
        if field in data:
            setattr(programme, field, data[field].strip() if field != "status" else data[field])
    if (
        Programme.objects.filter(organisation=programme.organisation_id, name=programme.name)
        .exclude(pk=programme.pk)
        .exists()
    ):
        raise Conflict(_("同名计划已存在 · A programme with this name exists."), code="duplicate")
    programme.save()
    return programme


@transaction.atomic
def programme_startup_add(*, user, programme_id: int, startup: Organisation) -> ProgrammeStartup:
    programme = _lock_programme(programme_id)
    _require_manager(user, programme)
    _require_open(programme)
    if startup.kind != OrgKind.STARTUP:
        raise ApplicationError(
            _("只能加入科技企业 · Only startups join."), errors={"startup": [_("不是科技企业 · Not a startup.")]}
        )
    if ProgrammeStartup.objects.filter(programme=programme, startup=startup).exists():
        raise Conflict(_("该企业已在计划中 · The startup is already in the programme."), code="duplicate")
    return ProgrammeStartup.objects.create(programme=programme, startup=startup)


@transaction.atomic
def programme_mentor_add(
    *, user, programme_id: int, mentor: MentorProfile, places: int | None = None
) -> ProgrammeMentor:
    programme = _lock_programme(programme_id)
    _require_manager(user, programme)
    _require_open(programme)
    if not mentor.active:
        raise ApplicationError(
            _("该导师未启用 · The mentor is not active."), errors={"mentor": [_("导师未启用 · Not active.")]}
        )
    if ProgrammeMentor.objects.filter(programme=programme, mentor=mentor).exists():
        raise Conflict(_("该导师已在计划中 · The mentor is already in the programme."), code="duplicate")
    return ProgrammeMentor.objects.create(programme=programme, mentor=mentor, places=places)


def _withdraw_proposals(programme: Programme, condition: Q) -> list[Proposal]:
    live = list(programme.proposals.filter(condition, status__in=Proposal.LIVE).select_related("mentor"))
    if any(p.status == Proposal.Status.CONFIRMED for p in live):
        raise Conflict(_("已确认的匹配不能移除 · A confirmed match cannot be removed."), code="confirmed_match")
    now = timezone.now()
    for proposal in live:
        proposal.status, proposal.decided_at = Proposal.Status.WITHDRAWN, now
    Proposal.objects.bulk_update(live, ["status", "decided_at"])
    return live


@transaction.atomic
def programme_startup_remove(*, user, programme_id: int, startup_id: int) -> None:
    programme = _lock_programme(programme_id)
    _require_manager(user, programme)
    entry = ProgrammeStartup.objects.filter(programme=programme, startup=startup_id).first()
    if entry is None:
        raise NotFound(_("该企业不在计划中 · The startup is not in the programme."))
    _withdraw_proposals(programme, Q(startup=startup_id))
    entry.delete()


@transaction.atomic
def programme_mentor_remove(*, user, programme_id: int, mentor_id: int) -> None:
    programme = _lock_programme(programme_id)
    _require_manager(user, programme)
    entry = ProgrammeMentor.objects.filter(programme=programme, mentor=mentor_id).first()
    if entry is None:
        raise NotFound(_("该导师不在计划中 · The mentor is not in the programme."))
    _withdraw_proposals(programme, Q(mentor=mentor_id))
    entry.delete()


def _solve(programme: Programme) -> dict[str, list[Proposal]]:
    """Propose for the whole programme: confirmed pairs fixed, declined pairs (and pairs already
    mentoring) forbidden, everything else re-optimised. Writes the difference; returns it."""
    entries = list(ProgrammeMentor.objects.filter(programme=programme).select_related("mentor"))
    mentors = {e.mentor_id: e.mentor for e in entries}
    places = {e.mentor_id: e.places for e in entries}
    startup_ids = list(ProgrammeStartup.objects.filter(programme=programme).values_list("startup_id", flat=True))
    proposals = list(programme.proposals.all())
    confirmed = {(p.startup_id, p.mentor_id) for p in proposals if p.status == Proposal.Status.CONFIRMED}
    declined = {(p.startup_id, p.mentor_id) for p in proposals if p.status == Proposal.Status.DECLINED}
    active = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE, mentor__in=list(mentors))
    held = Counter(active.values_list("mentor_id", flat=True))
    mentoring = set(active.filter(startup__in=startup_ids).values_list("startup_id", "mentor_id"))
    capacities = {}
    for mentor_id, mentor in mentors.items():
        here = sum(1 for _s, m in confirmed if m == mentor_id)  # confirmed pairs use places already
        free = max(0, mentor.capacity - held[mentor_id])
        if places[mentor_id] is not None:
            free = min(free, max(0, places[mentor_id] - here))
        capacities[mentor_id] = here + free
    locked = {(s, m) for s, m in confirmed if s in set(startup_ids) and m in mentors}
    result = assign.propose(
        startup_ids,
        list(mentors),
        capacities=capacities,
        locked=locked,
        forbidden=declined | (mentoring - locked),
    )
    wanted = {(p.startup_id, p.mentor_id): p for p in result}
    by_pair = {(p.startup_id, p.mentor_id): p for p in proposals}
    now = timezone.now()
    round_ = max((p.round for p in proposals), default=0) + 1
    withdrawn = [
        p for p in proposals if p.status == Proposal.Status.PROPOSED and (p.startup_id, p.mentor_id) not in wanted
    ]
    for proposal in withdrawn:
        proposal.status, proposal.decided_at = Proposal.Status.WITHDRAWN, now
    Proposal.objects.bulk_update(withdrawn, ["status", "decided_at"])
    added: list[Proposal] = []
    for pair, found in wanted.items():
        proposal = by_pair.get(pair)
        if proposal is not None and proposal.status in Proposal.LIVE:
            if proposal.status == Proposal.Status.PROPOSED and proposal.score != found.score:
                proposal.score, proposal.reasons = found.score, found.reasons
                proposal.save(update_fields=["score", "reasons"])
            continue
        if proposal is None:
            proposal = Proposal(programme=programme, startup_id=pair[0], mentor_id=pair[1])
        proposal.status, proposal.decided_at, proposal.round = Proposal.Status.PROPOSED, None, round_
        proposal.score, proposal.reasons = found.score, found.reasons
        proposal.save()
        added.append(proposal)
    programme.status = Programme.Status.MATCHING
    programme.proposed_at = now
    programme.save(update_fields=["status", "proposed_at"])
    _notify_proposed(programme, added)
    return {"added": added, "withdrawn": withdrawn}


def _notify_proposed(programme: Programme, added: list[Proposal]) -> None:
    users = MentorProfile.objects.filter(pk__in={p.mentor_id for p in added}).values_list("user_id", flat=True)
    notify_on_commit(
        users,
        KIND,
        title_zh=f"「{programme.name}」为您推荐了辅导企业，请确认",
        title_en=f"{programme.name}: startups proposed to you, please confirm",
        link="/mentoring/incoming",
        target_type="mentoring_programme",
        target_id=programme.pk,
    )


@transaction.atomic
def programme_propose(*, user, programme_id: int) -> dict[str, list[Proposal]]:
    programme = _lock_programme(programme_id)
    _require_manager(user, programme)
    _require_open(programme)
    return _solve(programme)


def _proposal_for_update(proposal_id: int) -> tuple[Programme, Proposal]:
    programme_id = Proposal.objects.filter(pk=proposal_id).values_list("programme_id", flat=True).first()
    if programme_id is None:
        raise NotFound(_("匹配建议不存在 · No such proposal."))
    programme = _lock_programme(programme_id)  # the programme first: re-solving rewrites its proposals
    proposal = Proposal.objects.select_related("mentor__user", "startup").get(pk=proposal_id)
    return programme, proposal


def _require_proposed(proposal: Proposal) -> None:
    if proposal.status != Proposal.Status.PROPOSED:
        raise Conflict(
            _("该匹配建议已处理 · This proposal has already been answered."),
            code="proposal_decided",
            extra={"status": proposal.status},
        )


@transaction.atomic
def proposal_confirm(*, user, proposal_id: int) -> Proposal:
    programme, proposal = _proposal_for_update(proposal_id)
    if not rules.is_mentor(user, proposal.mentor):
        raise _forbidden()
    _require_proposed(proposal)
    _require_open(programme)
    _mentorship_start(startup_id=proposal.startup_id, mentor_id=proposal.mentor_id, proposal=proposal)
    proposal.status, proposal.decided_at = Proposal.Status.CONFIRMED, timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    notify_on_commit(
        _startup_member_ids(proposal.startup_id),
        KIND,
        title_zh=f"「{programme.name}」：导师 {proposal.mentor.user.name} 将为您辅导",
        title_en=f"{programme.name}: mentor {proposal.mentor.user.name} will mentor you",
        link="/mentoring/mine",
        target_type="mentoring_programme",
        target_id=programme.pk,
    )
    return proposal


@transaction.atomic
def proposal_decline(*, user, proposal_id: int, reason: str = "") -> tuple[Proposal, dict[str, list[Proposal]]]:
    """Decline; the freed place goes to the next-best proposal (the rest is re-solved)."""
    programme, proposal = _proposal_for_update(proposal_id)
    if not rules.is_mentor(user, proposal.mentor):
        raise _forbidden()
    _require_proposed(proposal)
    _require_open(programme)
    proposal.status, proposal.decided_at = Proposal.Status.DECLINED, timezone.now()
    proposal.decline_reason = (reason or "").strip()
    proposal.save(update_fields=["status", "decided_at", "decline_reason"])
    change = _solve(programme)
    return proposal, change
