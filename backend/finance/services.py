"""Financing rules: publishing needs (through the directory's services) and banks' answers.

A bank answers a need once: intent (with an amount) → approved (≤ intent) →
disbursed (≤ approval, with the date), or declined. Each step locks the
answer row and checks its status, so two clerks clicking at once get one
change and one 409. The startup's members hear of every answer, and the
staff of banks whose products fit hear of a new need.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.core.errors import ApplicationError, Conflict
from backend.directory import services as directory_services
from backend.directory.models import FinancingNeed, LoanProduct, Membership, Organisation
from backend.finance import selectors
from backend.finance.models import BankResponse
from backend.notifications.services import notify_on_commit

NOT_BANK_STAFF = _("您不是该银行的工作人员 · You are not staff of this bank.")
NO_BANK = _("请先加入银行机构 · Join a bank organisation first.")
NEED_NOT_LIVE = _("该需求已关闭 · This need is closed.")
NEED_NOT_DEBT = _("股权融资需求请对接投资机构 · Equity needs are for investors, not banks.")
ALREADY_ANSWERED = _("贵行已答复该需求 · Your bank has already answered this need.")
PRODUCT_NOT_YOURS = _("请选择贵行的贷款产品 · Choose one of your bank's loan products.")
ABOVE_NEED = _("意向金额不能超过需求金额 · The intended amount cannot exceed the amount needed.")
ABOVE_INTENT = _("审批金额不能超过意向金额 · The approved amount cannot exceed the intended amount.")
ABOVE_APPROVAL = _("放款金额不能超过审批金额 · The disbursed amount cannot exceed the approved amount.")
DATE_IN_FUTURE = _("放款日期不能晚于今天 · The disbursement date cannot be in the future.")
WRONG_STATUS = _("当前状态下不能进行此操作 · Not possible in the answer's current status.")


def _members(organisation_id: int) -> list[int]:
    return list(Membership.objects.filter(organisation=organisation_id).values_list("user_id", flat=True))


# --- needs ---------------------------------------------------------------------------------------


@transaction.atomic
def need_publish(*, user, data: Mapping[str, Any]) -> FinancingNeed:
    """Publish a need for one of the user's startups; banks whose products fit are told."""
    need = directory_services.financing_need_create(user=user, data=data)
    staff = selectors.bank_notification_targets(need)
    notify_on_commit(
        staff,
        "finance_need_published",
        title_zh=f"{need.startup.name}发布了融资需求（{need.amount / 10000:.0f}万元）",
        title_en=f"{need.startup.name} needs financing (CNY {need.amount:,.0f})",
        link="/finance/bank",
        target_type="financing_need",
        target_id=need.pk,
    )
    return need


def need_update(*, need: FinancingNeed, data: Mapping[str, Any]) -> FinancingNeed:
    return directory_services.financing_need_update(need=need, data=data)


@transaction.atomic
def need_withdraw(*, need: FinancingNeed) -> FinancingNeed:
    """Withdraw a need; banks that answered it are told."""
    need = directory_services.financing_need_set_status(need=need, status=FinancingNeed.Status.WITHDRAWN)
    notify_on_commit(
        selectors.responded_bank_staff(need),
        "finance_need_withdrawn",
        title_zh=f"{need.startup.name}撤回了融资需求",
        title_en=f"{need.startup.name} withdrew its financing need",
        link="/finance/bank",
        target_type="financing_need",
        target_id=need.pk,
    )
    return need


# --- bank answers --------------------------------------------------------------------------------


def acting_bank(*, user, bank_id: int | None = None) -> Organisation:
    banks = selectors.bank_orgs(user)
    if bank_id is not None:
        bank = banks.filter(pk=bank_id).first()
        if bank is None:
            raise ApplicationError(str(NOT_BANK_STAFF), code="not_bank_staff", status_code=403)
        return bank
    bank = banks.first()
    if bank is None:
        raise ApplicationError(str(NO_BANK), code="not_bank_staff", status_code=403)
    return bank


def _notify_startup(response: BankResponse, kind: str, zh: str, en: str) -> None:
    need = response.need
    notify_on_commit(
        _members(need.startup_id),
        kind,
        title_zh=f"{response.bank.name}{zh}",
        title_en=f"{response.bank.name} {en}",
        link=f"/finance/needs/{need.pk}",
        target_type="bank_response",
        target_id=response.pk,
    )


@transaction.atomic
def response_intent(
    *,
    user,
    need: FinancingNeed,
    intended_amount: Decimal,
    bank_id: int | None = None,
    product: LoanProduct | None = None,
    note: str = "",
) -> BankResponse:
    """A bank states it intends to lend; an open need becomes matched (已对接)."""
    bank = acting_bank(user=user, bank_id=bank_id)
    need = FinancingNeed.objects.select_for_update().select_related("startup").get(pk=need.pk)
    if need.kind != FinancingNeed.Kind.DEBT:
        raise ApplicationError(str(NEED_NOT_DEBT), code="not_debt", errors={"need": [str(NEED_NOT_DEBT)]})
    if need.status not in selectors.LIVE_NEED:
        raise Conflict(str(NEED_NOT_LIVE), code="need_closed", extra={"status": need.status})
    if product is not None and product.bank_id != bank.pk:
        raise ApplicationError(str(PRODUCT_NOT_YOURS), errors={"product": [str(PRODUCT_NOT_YOURS)]})
    if intended_amount > need.amount:
        raise ApplicationError(str(ABOVE_NEED), errors={"intended_amount": [str(ABOVE_NEED)]})
    if BankResponse.objects.filter(need=need, bank=bank).exists():
        raise Conflict(str(ALREADY_ANSWERED), code="already_answered")
    try:
        with transaction.atomic():
            response = BankResponse.objects.create(
                need=need, bank=bank, product=product, intended_amount=intended_amount, note=note, responded_by=user
            )
    except IntegrityError:
        raise Conflict(str(ALREADY_ANSWERED), code="already_answered")
    if need.status == FinancingNeed.Status.OPEN:
        need.status = FinancingNeed.Status.MATCHED
        need.save(update_fields=["status", "updated_at"])
    amount = f"{intended_amount / 10000:g}"
    _notify_startup(response, "finance_bank_intent", f"有意向为您提供{amount}万元贷款", "intends to lend to you")
    return response


def _locked(response: BankResponse) -> BankResponse:
    return BankResponse.objects.select_for_update().select_related("need", "bank").get(pk=response.pk)


def _require_status(response: BankResponse, *allowed: str) -> None:
    if response.status not in allowed:
        raise Conflict(str(WRONG_STATUS), code="wrong_status", extra={"status": response.status})


@transaction.atomic
def response_update(*, user, response: BankResponse, data: Mapping[str, Any]) -> BankResponse:
    """Change the intent (amount, product, note) before approval."""
    response = _locked(response)
    _require_status(response, BankResponse.Status.INTENT)
    if "product" in data and data["product"] is not None and data["product"].bank_id != response.bank_id:
        raise ApplicationError(str(PRODUCT_NOT_YOURS), errors={"product": [str(PRODUCT_NOT_YOURS)]})
    if "intended_amount" in data and data["intended_amount"] > response.need.amount:
        raise ApplicationError(str(ABOVE_NEED), errors={"intended_amount": [str(ABOVE_NEED)]})
    for name in ("intended_amount", "product", "note"):
        if name in data:
            setattr(response, name, data[name])
    response.responded_by = user
    response.save()
    return response


@transaction.atomic
def response_approve(
    *, user, response: BankResponse, approved_amount: Decimal, note: str | None = None
) -> BankResponse:
    response = _locked(response)
    _require_status(response, BankResponse.Status.INTENT)
    if approved_amount > response.intended_amount:
        raise ApplicationError(str(ABOVE_INTENT), errors={"approved_amount": [str(ABOVE_INTENT)]})
    response.status = BankResponse.Status.APPROVED
    response.approved_amount, response.approved_at, response.responded_by = approved_amount, timezone.now(), user
    if note is not None:
        response.note = note
    response.save()
    amount = f"{approved_amount / 10000:g}"
    _notify_startup(response, "finance_bank_approved", f"已审批{amount}万元贷款", "approved your loan")
    return response


@transaction.atomic
def response_disburse(
    *, user, response: BankResponse, disbursed_amount: Decimal, disbursed_on: date, note: str | None = None
) -> BankResponse:
    response = _locked(response)
    _require_status(response, BankResponse.Status.APPROVED)
    if disbursed_amount > response.approved_amount:
        raise ApplicationError(str(ABOVE_APPROVAL), errors={"disbursed_amount": [str(ABOVE_APPROVAL)]})
    if disbursed_on > timezone.localdate():
        raise ApplicationError(str(DATE_IN_FUTURE), errors={"disbursed_on": [str(DATE_IN_FUTURE)]})
    response.status = BankResponse.Status.DISBURSED
    response.disbursed_amount, response.disbursed_on, response.responded_by = disbursed_amount, disbursed_on, user
    if note is not None:
        response.note = note
    response.save()
    amount = f"{disbursed_amount / 10000:g}"
    _notify_startup(response, "finance_bank_disbursed", f"已放款{amount}万元", "disbursed your loan")
    return response


@transaction.atomic
def response_decline(*, user, response: BankResponse, note: str = "") -> BankResponse:
    response = _locked(response)
    _require_status(response, BankResponse.Status.INTENT, BankResponse.Status.APPROVED)
    response.status = BankResponse.Status.DECLINED
    response.approved_amount = None
    response.note, response.responded_by = note, user
    response.save()
    _notify_startup(response, "finance_bank_declined", "暂不能支持您的融资需求", "cannot support your need")
    return response
