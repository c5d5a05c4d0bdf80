"""Financing with banks (科技金融, 银企对接): banks' answers to startups' financing needs.

A need is ``directory.FinancingNeed``; each bank answers it at most once
(:class:`BankResponse`), moving from intent to approval to disbursement, or
declining. The amounts feed the statistics, so the database keeps them sane:
positive, below the platform's ceiling, disbursed ≤ approved ≤ intended.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from backend.directory.models import MAX_AMOUNT, MONEY, FinancingNeed, LoanProduct, Organisation


class BankResponse(models.Model):
    class Status(models.TextChoices):
        INTENT = "intent", _("有意向 · intends to lend")
        APPROVED = "approved", _("已审批 · approved")
        DISBURSED = "disbursed", _("已放款 · disbursed")
        DECLINED = "declined", _("不予支持 · declined")

    need = models.ForeignKey(FinancingNeed, on_delete=models.CASCADE, related_name="bank_responses")
    bank = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="financing_responses")
    product = models.ForeignKey(
        LoanProduct, null=True, blank=True, on_delete=models.SET_NULL, related_name="financing_responses"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.INTENT)
    intended_amount = models.DecimalField(_("意向金额 · intended amount"), **MONEY)
    approved_amount = models.DecimalField(_("审批金额 · approved amount"), **MONEY, null=True, blank=True)
    disbursed_amount = models.DecimalField(_("放款金额 · disbursed amount"), **MONEY, null=True, blank=True)
    disbursed_on = models.DateField(_("放款日期 · disbursed on"), null=True, blank=True)
    note = models.TextField(_("说明 · note to the startup"), blank=True, max_length=2000)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["need", "bank"], name="bank_response_once_per_bank"),
            models.CheckConstraint(
                condition=Q(intended_amount__gt=0) & Q(intended_amount__lte=MAX_AMOUNT),
                name="bank_response_intended_positive",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | (Q(approved_amount__gt=0) & Q(approved_amount__lte=F("intended_amount"))),
                name="bank_response_approved_within_intent",
            ),
            models.CheckConstraint(
                condition=Q(disbursed_amount__isnull=True)
                | (
                    Q(approved_amount__isnull=False)
                    & Q(disbursed_amount__gt=0)
                    & Q(disbursed_amount__lte=F("approved_amount"))
                ),
                name="bank_response_disbursed_within_approval",
            ),
            models.CheckConstraint(
                condition=Q(disbursed_amount__isnull=True, disbursed_on__isnull=True)
                | Q(disbursed_amount__isnull=False, disbursed_on__isnull=False),
                name="bank_response_disbursed_with_date",
            ),
            models.CheckConstraint(
                condition=Q(status="intent", approved_amount__isnull=True, disbursed_amount__isnull=True)
                | Q(status="approved", approved_amount__isnull=False, disbursed_amount__isnull=True)
                | Q(status="disbursed", approved_amount__isnull=False, disbursed_amount__isnull=False)
                | Q(status="declined", disbursed_amount__isnull=True),
                name="bank_response_status_matches_amounts",
            ),
        ]
        indexes = [models.Index(fields=["bank", "status"], name="bank_response_bank_idx")]

    def __str__(self) -> str:
        return f"{self.bank_id} → need {self.need_id}: {self.status}"
