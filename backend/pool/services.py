"""The pool's rules: listing, the deck, access requests and grants, the log, pipelines.

Every function takes keyword arguments, runs in one transaction, locks the
row it changes (``select_for_update``) before checking its state, and tells
people after commit. A second active request for the same pair is refused by
a partial unique index too, so a race ends in a 409, never in two rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.core.errors import ApplicationError, Conflict, NotFound
from backend.directory.models import Membership, Organisation, OrgKind
from backend.notifications.services import notify_on_commit
from backend.pool.models import (
    DECK_MAX_BYTES,
    AccessLog,
    AccessRequest,
    PipelineEntry,
    PipelineStage,
    PipelineStep,
    PoolEntry,
)
from backend.pool.selectors import Access, confidential_access, is_startup_member

NOT_YOUR_STARTUP = _("只能为本人所在的企业操作 · Only members of the startup may do this.")
NOT_AN_INVESTOR = _("请先加入或创建投资机构 · Join or create an investor organisation first.")
NOT_YOUR_INVESTOR = _("您不是该投资机构的成员 · You are not a member of this investor organisation.")
NOT_IN_POOL = _("该企业不在项目库中 · This startup is not in the pool.")
OWN_STARTUP = _("不能向本人所在的企业申请 · You cannot ask your own startup.")
REQUEST_ACTIVE = _("已有待处理或已授权的申请 · A pending or granted request already exists.")
REQUEST_NOT_PENDING = _("该申请已处理 · This request has already been answered.")
REQUEST_NOT_GRANTED = _("该申请未处于授权状态 · This request is not granted.")
DECK_NOT_PDF = _("请上传 PDF 文件 · Upload a PDF file.")
DECK_TOO_LARGE = _("文件不能超过 10 MB · The file must not exceed 10 MB.")
DECK_MISSING = _("尚未上传商业计划书 · No deck has been uploaded.")
PIPELINE_EXISTS = _("该企业已在您的项目跟进中 · This startup is already in your pipeline.")
SAME_STAGE = _("已处于该阶段 · Already at this stage.")
DATE_IN_FUTURE = _("日期不能晚于今天 · The date cannot be in the future.")
DATE_BEFORE_STAGE = _("日期不能早于当前阶段的日期 · The date cannot precede the current stage's date.")
NOT_A_STARTUP = _("请选择科技企业 · Choose a startup.")

PDF_MAGIC = b"%PDF-"


def _members(organisation_id: int) -> list[int]:
    return list(Membership.objects.filter(organisation=organisation_id).values_list("user_id", flat=True))


def _require_startup_member(user, startup: Organisation) -> None:
    if startup.kind != OrgKind.STARTUP:
        raise ApplicationError(str(NOT_A_STARTUP), errors={"startup": [str(NOT_A_STARTUP)]})
    if not is_startup_member(user, startup.pk):
        raise ApplicationError(str(NOT_YOUR_STARTUP), code="not_member", status_code=403)


def acting_investor(*, user, investor_id: int | None = None) -> Organisation:
    """The investor organisation *user* acts for: the one named, else their first (by name)."""
    memberships = Organisation.objects.filter(kind=OrgKind.INVESTOR, memberships__user=user.pk).order_by("name", "pk")
    if investor_id is not None:
        investor = memberships.filter(pk=investor_id).first()
        if investor is None:
            raise ApplicationError(str(NOT_YOUR_INVESTOR), errors={"investor": [str(NOT_YOUR_INVESTOR)]})
        return investor
    investor = memberships.first()
    if investor is None:
        raise ApplicationError(str(NOT_AN_INVESTOR), code="not_investor", errors={"investor": [str(NOT_AN_INVESTOR)]})
    return investor


# --- the pool entry ------------------------------------------------------------------------------

ENTRY_FIELDS = ("summary", "funding_sought", "use_of_funds")


@transaction.atomic
def pool_entry_opt_in(*, user, startup: Organisation, data: Mapping[str, Any]) -> PoolEntry:
    """List the startup with its pitch (create, or update and list again)."""
    _require_startup_member(user, startup)
    entry = PoolEntry.objects.select_for_update().filter(pk=startup.pk).first() or PoolEntry(startup=startup)
    for name in ENTRY_FIELDS:
        if name in data:
            setattr(entry, name, data[name])
    if not entry.listed or entry.listed_at is None:
        entry.listed_at = timezone.now()
    entry.listed = True
    entry.save()
    return entry


@transaction.atomic
def pool_entry_update(*, entry: PoolEntry, data: Mapping[str, Any]) -> PoolEntry:
    entry = PoolEntry.objects.select_for_update().get(pk=entry.pk)
    for name in ENTRY_FIELDS:
        if name in data:
            setattr(entry, name, data[name])
    entry.save()
    return entry


@transaction.atomic
def pool_entry_set_listed(*, entry: PoolEntry, listed: bool) -> PoolEntry:
    """Opt in or out; opting out hides the pitch but keeps grants, log and pipelines."""
    entry = PoolEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.listed != listed:
        entry.listed = listed
        if listed:
            entry.listed_at = timezone.now()
        entry.save()
    return entry


def _check_deck(upload: UploadedFile) -> None:
    if upload.size is not None and upload.size > DECK_MAX_BYTES:
        raise ApplicationError(str(DECK_TOO_LARGE), code="too_large", errors={"deck": [str(DECK_TOO_LARGE)]})
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    # The content, not the name or the browser's content type, says whether it is a PDF.
    if head != PDF_MAGIC:
        raise ApplicationError(str(DECK_NOT_PDF), code="not_pdf", errors={"deck": [str(DECK_NOT_PDF)]})


@transaction.atomic
def pool_deck_upload(*, entry: PoolEntry, upload: UploadedFile) -> PoolEntry:
    """Store the deck (a PDF of at most 10 MB) in place of the previous one."""
    _check_deck(upload)
    entry = PoolEntry.objects.select_for_update().get(pk=entry.pk)
    old = entry.deck.name
    entry.deck.save("deck.pdf", upload, save=False)
    entry.deck_name = (upload.name or "deck.pdf")[-200:]
    entry.deck_size = upload.size
    entry.deck_uploaded_at = timezone.now()
    entry.save()
    if old:
        # Only once the new row is committed: a rollback must not lose the old deck.
        transaction.on_commit(lambda: default_storage.delete(old))
    return entry


@transaction.atomic
def pool_deck_delete(*, entry: PoolEntry) -> PoolEntry:
    entry = PoolEntry.objects.select_for_update().get(pk=entry.pk)
    if not entry.deck:
        raise NotFound(str(DECK_MISSING))
    old = entry.deck.name
    entry.deck = ""
    entry.deck_name, entry.deck_size, entry.deck_uploaded_at = "", 0, None
    entry.save()
    transaction.on_commit(lambda: default_storage.delete(old))
    return entry


# --- access requests -----------------------------------------------------------------------------


def _notify_investor(request: AccessRequest, kind: str, zh: str, en: str) -> None:
    notify_on_commit(
        _members(request.investor_id),
        kind,
        title_zh=f"{request.startup.name}{zh}",
        title_en=f"{request.startup.name} {en}",
        link=f"/pool/startups/{request.startup_id}",
        target_type="pool_access",
        target_id=request.pk,
    )


@transaction.atomic
def access_request_create(
    *, user, startup: Organisation, investor_id: int | None = None, message: str = ""
) -> AccessRequest:
    """An investor asks to see a listed startup's confidential figures (409 while one is active)."""
    investor = acting_investor(user=user, investor_id=investor_id)
    if startup.kind != OrgKind.STARTUP or not PoolEntry.objects.filter(pk=startup.pk, listed=True).exists():
        raise ApplicationError(str(NOT_IN_POOL), code="not_in_pool", errors={"startup": [str(NOT_IN_POOL)]})
    if is_startup_member(user, startup.pk):
        raise ApplicationError(str(OWN_STARTUP), code="own_startup", errors={"startup": [str(OWN_STARTUP)]})
    # Lock the startup row: concurrent requests for it queue here and the loser sees the winner.
    Organisation.objects.select_for_update().get(pk=startup.pk)
    if AccessRequest.objects.filter(startup=startup, investor=investor, status__in=AccessRequest.ACTIVE).exists():
        raise Conflict(str(REQUEST_ACTIVE), code="request_active")
    try:
        with transaction.atomic():
            request = AccessRequest.objects.create(
                startup=startup, investor=investor, requested_by=user, message=message
            )
    except IntegrityError:
        raise Conflict(str(REQUEST_ACTIVE), code="request_active")
    notify_on_commit(
        _members(startup.pk),
        "pool_access_requested",
        title_zh=f"{investor.name}申请查看贵公司的保密数据",
        title_en=f"{investor.name} asks to see your confidential figures",
        link="/pool/mine",
        target_type="pool_access",
        target_id=request.pk,
    )
    return request


def _locked(request: AccessRequest) -> AccessRequest:
    return AccessRequest.objects.select_for_update().select_related("startup", "investor").get(pk=request.pk)


@transaction.atomic
def access_request_decide(*, user, request: AccessRequest, grant: bool) -> AccessRequest:
    """The startup grants or declines a pending request."""
    request = _locked(request)
    if request.status != AccessRequest.Status.PENDING:
        raise Conflict(str(REQUEST_NOT_PENDING), code="not_pending", extra={"status": request.status})
    request.status = AccessRequest.Status.GRANTED if grant else AccessRequest.Status.DECLINED
    request.decided_by, request.decided_at = user, timezone.now()
    request.save()
    if grant:
        _notify_investor(request, "pool_access_granted", "已授权您查看保密数据", "granted you access to its figures")
    else:
        _notify_investor(request, "pool_access_declined", "未同意您的查看申请", "declined your request")
    return request


@transaction.atomic
def access_request_revoke(*, user, request: AccessRequest) -> AccessRequest:
    """The startup takes a grant back; the investor may ask again later."""
    request = _locked(request)
    if request.status != AccessRequest.Status.GRANTED:
        raise Conflict(str(REQUEST_NOT_GRANTED), code="not_granted", extra={"status": request.status})
    request.status = AccessRequest.Status.REVOKED
    request.revoked_at = timezone.now()
    request.save()
    _notify_investor(request, "pool_access_revoked", "已撤销您的查看权限", "revoked your access")
    return request


@transaction.atomic
def access_request_withdraw(*, user, request: AccessRequest) -> AccessRequest:
    """The investor withdraws a request still pending."""
    request = _locked(request)
    if request.status != AccessRequest.Status.PENDING:
        raise Conflict(str(REQUEST_NOT_PENDING), code="not_pending", extra={"status": request.status})
    request.status = AccessRequest.Status.WITHDRAWN
    request.save()
    return request


@transaction.atomic
def pool_confidential_read(*, user, entry: PoolEntry, what: str) -> Access:
    """Decide whether *user* may read *entry*'s confidential data; log the read when an outsider may."""
    access = confidential_access(user, entry.pk)
    if access.allowed and access.logged:
        access_log_record(user=user, startup_id=entry.pk, investor=access.investor, what=what)
    return access


def access_log_record(*, user, startup_id: int, investor: Organisation | None, what: str) -> AccessLog:
    """Write one read of confidential data (in the caller's transaction, before the data is sent)."""
    return AccessLog.objects.create(startup_id=startup_id, investor=investor, user=user, what=what)


# --- pipelines -----------------------------------------------------------------------------------


def _check_date(day: date | None) -> date:
    today = timezone.localdate()
    if day is None:
        return today
    if day > today:
        raise ApplicationError(str(DATE_IN_FUTURE), errors={"date": [str(DATE_IN_FUTURE)]})
    return day


def _notify_interest(entry: PipelineEntry) -> None:
    notify_on_commit(
        _members(entry.startup_id),
        "pool_investor_interested",
        title_zh=f"{entry.investor.name}对贵公司感兴趣",
        title_en=f"{entry.investor.name} is interested in your startup",
        link="/pool/mine",
        target_type="pipeline",
        target_id=entry.pk,
    )


@transaction.atomic
def pipeline_entry_create(
    *,
    user,
    startup: Organisation,
    investor_id: int | None = None,
    stage: str = PipelineStage.INTERESTED,
    date: date | None = None,
    note: str = "",
    notes: str = "",
) -> PipelineEntry:
    """Start following a startup (409 when the investor already does)."""
    investor = acting_investor(user=user, investor_id=investor_id)
    if startup.kind != OrgKind.STARTUP:
        raise ApplicationError(str(NOT_A_STARTUP), errors={"startup": [str(NOT_A_STARTUP)]})
    if is_startup_member(user, startup.pk):
        raise ApplicationError(str(OWN_STARTUP), code="own_startup", errors={"startup": [str(OWN_STARTUP)]})
    day = _check_date(date)
    try:
        with transaction.atomic():
            entry = PipelineEntry.objects.create(
                investor=investor, startup=startup, stage=stage, stage_date=day, notes=notes, created_by=user
            )
    except IntegrityError:
        raise Conflict(str(PIPELINE_EXISTS), code="pipeline_exists")
    PipelineStep.objects.create(entry=entry, stage=stage, date=day, note=note, by=user)
    _notify_interest(entry)
    return entry


@transaction.atomic
def pipeline_entry_update(*, entry: PipelineEntry, notes: str) -> PipelineEntry:
    entry = PipelineEntry.objects.select_for_update().get(pk=entry.pk)
    entry.notes = notes
    entry.save()
    return entry


@transaction.atomic
def pipeline_move(*, user, entry: PipelineEntry, stage: str, date: date | None = None, note: str = "") -> PipelineEntry:
    """Move a deal to another stage (any direction: deals stall and revive), with its date."""
    entry = PipelineEntry.objects.select_for_update().get(pk=entry.pk)
    if stage == entry.stage:
        raise Conflict(str(SAME_STAGE), code="same_stage")
    day = _check_date(date)
    if day < entry.stage_date:
        raise ApplicationError(str(DATE_BEFORE_STAGE), errors={"date": [str(DATE_BEFORE_STAGE)]})
    entry.stage, entry.stage_date = stage, day
    entry.save()
    PipelineStep.objects.create(entry=entry, stage=stage, date=day, note=note, by=user)
    return entry


@transaction.atomic
def pipeline_record_roadshow_interest(*, interest) -> list[PipelineEntry]:
    """Interest marked at a roadshow (``events.InvestorInterest``) arrives in the investor's pipelines.

    The interest row stays the record of the roadshow; the pipeline gets an
    ``interested`` step pointing at the event (once per event), and a new
    pipeline starts at ``interested``. A pipeline further along keeps its stage.
    Called by ``events.services.pitches.interest_mark``; an investor who acts
    for no investor organisation has no pipeline to fill.
    """
    day = timezone.localdate(interest.created_at) if interest.created_at else timezone.localdate()
    note = interest.note[:2000]
    entries = []
    for investor in Organisation.objects.filter(kind=OrgKind.INVESTOR, memberships__user=interest.investor_id):
        if investor.pk == interest.startup_id:
            continue
        entry, created = PipelineEntry.objects.select_for_update().get_or_create(
            investor=investor,
            startup_id=interest.startup_id,
            defaults={"stage": PipelineStage.INTERESTED, "stage_date": day, "created_by_id": interest.investor_id},
        )
        PipelineStep.objects.get_or_create(
            entry=entry,
            event_id=interest.event_id,
            defaults={"stage": PipelineStage.INTERESTED, "date": day, "note": note, "by_id": interest.investor_id},
        )
        if created:
            _notify_interest(entry)
        entries.append(entry)
    return entries
