"""The investors' project pool (投融资项目库).

A startup lists itself with a pitch (:class:`PoolEntry`); its confidential
figures (the ``StartupProfile.CONFIDENTIAL_FIELDS`` and the deck) are shown
only to investors it granted access (:class:`AccessRequest` in ``granted``),
and every such read is written to :class:`AccessLog`. Each investor
organisation keeps a :class:`PipelineEntry` per startup with its stage
history (:class:`PipelineStep`); interest marked at roadshows arrives there.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from backend.core.search import Searchable
from backend.directory.models import MAX_AMOUNT, MONEY, Organisation

DECK_MAX_BYTES = 10 * 1024 * 1024  # 10 MB
TEXT_MAX = 4000


def deck_path(entry: PoolEntry, filename: str) -> str:
    # Random names: the storage path never reveals the original file name or guesses another's.
    return f"pool/decks/{entry.startup_id}/{uuid.uuid4().hex}.pdf"


class PoolEntry(Searchable):
    """A startup's pitch in the pool; ``listed`` is the opt-in (opting out keeps the row)."""

    startup = models.OneToOneField(Organisation, primary_key=True, on_delete=models.CASCADE, related_name="pool_entry")
    summary = models.TextField(_("项目简介 · summary"), max_length=TEXT_MAX)
    funding_sought = models.DecimalField(_("拟融资金额 · funding sought"), **MONEY)
    use_of_funds = models.TextField(_("资金用途 · use of funds"), max_length=TEXT_MAX, blank=True)
    deck = models.FileField(_("商业计划书 · deck"), upload_to=deck_path, blank=True, max_length=200)
    deck_name = models.CharField(max_length=200, blank=True)
    deck_size = models.PositiveIntegerField(default=0)
    deck_uploaded_at = models.DateTimeField(null=True, blank=True)
    listed = models.BooleanField(_("在库 · listed"), default=True)
    listed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-listed_at", "startup_id"]
        verbose_name = _("项目库条目 · pool entry")
        verbose_name_plural = _("项目库条目 · pool entries")
        indexes = [
            GinIndex(fields=["search_vector"], name="pool_entry_search_idx"),
            models.Index(fields=["listed", "-listed_at"], name="pool_entry_listed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(funding_sought__gt=0) & Q(funding_sought__lte=MAX_AMOUNT),
                name="pool_entry_funding_sought_sane",
            ),
            models.CheckConstraint(condition=Q(deck_size__lte=DECK_MAX_BYTES), name="pool_entry_deck_size_limited"),
            models.CheckConstraint(
                condition=Q(listed=False) | Q(listed_at__isnull=False), name="pool_entry_listed_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.startup_id}: {self.summary[:30]}"

    def search_text(self):
        startup = self.startup
        industries = [i.name for i in startup.industries.all()] if startup.pk else []
        return [startup.name, startup.description, self.summary, self.use_of_funds, *industries]


class AccessRequest(models.Model):
    """An investor's request to see a startup's confidential figures, and the startup's answer.

    At most one *active* (pending or granted) request per pair, by a partial
    unique index; declined, revoked and withdrawn ones stay as history.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待处理 · pending")
        GRANTED = "granted", _("已授权 · granted")
        DECLINED = "declined", _("已拒绝 · declined")
        REVOKED = "revoked", _("已撤销 · revoked")
        WITHDRAWN = "withdrawn", _("已撤回 · withdrawn")

    ACTIVE = (Status.PENDING, Status.GRANTED)

    startup = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="access_requests_received")
    investor = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="access_requests_sent")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="access_requests"
    )
    message = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "investor"],
                condition=Q(status__in=["pending", "granted"]),
                name="pool_access_one_active_per_pair",
            ),
            models.CheckConstraint(condition=~Q(startup=F("investor")), name="pool_access_not_to_oneself"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "granted", "declined", "revoked", "withdrawn"]),
                name="pool_access_status_known",
            ),
        ]
        indexes = [models.Index(fields=["investor", "startup", "status"], name="pool_access_pair_idx")]

    def __str__(self) -> str:
        return f"{self.investor_id} → {self.startup_id}: {self.status}"


class AccessLog(models.Model):
    """One read of a startup's confidential data by someone outside it."""

    class What(models.TextChoices):
        FIGURES = "figures", _("查看保密数据 · viewed confidential figures")
        DECK = "deck", _("下载商业计划书 · downloaded the deck")

    startup = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="access_log")
    investor = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_log_reads"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    what = models.CharField(max_length=12, choices=What.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["startup", "-created_at"], name="pool_access_log_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.what} of {self.startup_id}"


class PipelineStage(models.TextChoices):
    """The investor's funnel; ``passed`` ends it from any stage."""

    INTERESTED = "interested", _("有意向 · interested")
    CONTACTED = "contacted", _("已联系 · contacted")
    MEETING = "meeting", _("已会面 · meeting")
    DUE_DILIGENCE = "due_diligence", _("尽职调查 · due diligence")
    TERM_SHEET = "term_sheet", _("投资意向书 · term sheet")
    INVESTED = "invested", _("已投资 · invested")
    PASSED = "passed", _("已放弃 · passed")


class PipelineEntry(models.Model):
    """An investor organisation's deal with one startup; ``notes`` are private to the investor."""

    investor = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pipeline_entries")
    startup = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="investor_pipelines")
    stage = models.CharField(max_length=16, choices=PipelineStage.choices, default=PipelineStage.INTERESTED)
    stage_date = models.DateField(_("进入当前阶段日期 · stage reached on"))
    notes = models.TextField(_("备注（仅本机构可见）· notes (private)"), blank=True, max_length=10000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["investor", "startup"], name="pipeline_once_per_pair"),
            models.CheckConstraint(condition=~Q(startup=F("investor")), name="pipeline_not_to_oneself"),
            models.CheckConstraint(condition=Q(stage__in=PipelineStage.values), name="pipeline_stage_known"),
        ]

    def __str__(self) -> str:
        return f"{self.investor_id} → {self.startup_id}: {self.stage}"


class PipelineStep(models.Model):
    """One stage reached (the history); ``event`` is the roadshow where interest was marked."""

    entry = models.ForeignKey(PipelineEntry, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(max_length=16, choices=PipelineStage.choices)
    date = models.DateField()
    note = models.TextField(blank=True, max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="pipeline_steps"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=PipelineStage.values), name="pipeline_step_stage_known"),
            # A roadshow's interest arrives once per pipeline, however often it is marked again.
            models.UniqueConstraint(
                fields=["entry", "event"], condition=Q(event__isnull=False), name="pipeline_step_event_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.stage} on {self.date}"
