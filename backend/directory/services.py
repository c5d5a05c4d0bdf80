"""Writes to the directory: each rule once, inside a transaction.

Views pass a serializer's ``validated_data``; services set plain fields, then
many-to-many relations, then refresh the row's search document (which names
related industries, so it can only be computed once they are set).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError, QuerySet, RestrictedError
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User, normalize_email, normalize_phone
from backend.core.errors import ApplicationError, Conflict, NotFound
from backend.core.permissions import is_platform_admin
from backend.core.search import Searchable, search_document
from backend.directory.models import (
    BankProfile,
    Carrier,
    CarrierEvaluation,
    FinancingNeed,
    InvestorProfile,
    LoanProduct,
    Membership,
    MentorProfile,
    Organisation,
    OrgKind,
    StartupProfile,
)
from backend.directory.selectors import is_member

IN_USE = _("仍被其他数据引用，无法删除 · Still referenced by other records; cannot delete.")
LAST_OWNER = _("机构至少需要一位负责人 · An organisation needs at least one owner.")
ALREADY_MEMBER = _("该用户已是成员 · This person is already a member.")
NO_SUCH_USER = _("未找到该用户 · No user with this email or phone.")
NO_SUCH_MEMBER = _("该用户不是成员 · This person is not a member.")
NOT_YOUR_STARTUP = _("只能为本人所在的企业提交 · Choose one of your own startups.")
NOT_YOUR_BANK = _("只能为本人所在的银行发布产品 · Choose a bank you belong to.")
MENTOR_PROFILE_EXISTS = _("导师资料已存在 · You already have a mentor profile.")
NEED_NOT_EDITABLE = _("该需求已结束，不能修改 · This need is closed and cannot be changed.")
NEED_STATUS_CHANGE = _("当前状态下不能执行此操作 · Not possible in the need's current status.")

PROFILES: dict[str, tuple[str, type[models.Model]]] = {
    OrgKind.STARTUP: ("startup", StartupProfile),
    OrgKind.INVESTOR: ("investor", InvestorProfile),
    OrgKind.BANK: ("bank", BankProfile),
}

# Which model's search document mentions which relations (for bulk refreshes).
SEARCH_JOINS: dict[type[models.Model], tuple[list[str], list[str]]] = {
    Organisation: ([], ["industries"]),
    Carrier: ([], ["focus_industries"]),
    LoanProduct: (["bank"], ["industries"]),
    MentorProfile: (["user"], ["industries"]),
}


def _assign(instance: models.Model, data: Mapping[str, Any]) -> None:
    """Set plain fields, save, then set many-to-many relations."""
    relations = {}
    for name, value in data.items():
        if instance._meta.get_field(name).many_to_many:
            relations[name] = value
        else:
            setattr(instance, name, value)
    instance.save()
    for name, value in relations.items():
        getattr(instance, name).set(value)


def _refresh_search(instance: Searchable) -> None:
    document = search_document(*instance.search_text())
    type(instance).objects.filter(pk=instance.pk).update(search_document=document)
    instance.search_document = document


def search_documents_refresh(*, queryset: QuerySet) -> int:
    """Recompute the search documents of *queryset*'s rows; write and count those that changed.

    For bulk loaders (``bulk_create`` skips ``save()`` and many-to-many links
    come after the row) and after renames that other documents mention (a
    bank's name is in its products' documents).
    """
    joins, prefetches = SEARCH_JOINS.get(queryset.model, ([], []))
    changed = []
    for row in queryset.select_related(*joins).prefetch_related(*prefetches):
        document = search_document(*row.search_text())
        if document != row.search_document:
            row.search_document = document
            changed.append(row)
    queryset.model.objects.bulk_update(changed, ["search_document"], batch_size=500)
    return len(changed)


# --- regions and industries ----------------------------------------------------------------------


@transaction.atomic
def tree_node_save(*, node: models.Model, data: Mapping[str, Any]) -> models.Model:
    """Create or change a region or industry; moving a node moves its subtree (TreeNode.save)."""
    _assign(node, data)
    return node


def instance_delete(*, instance: models.Model) -> None:
    """Delete a row that others may still reference: a conflict (409), not a 500."""
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError):
        raise Conflict(str(IN_USE), code="in_use")


# --- carriers ------------------------------------------------------------------------------------


@transaction.atomic
def carrier_save(*, carrier: Carrier, data: Mapping[str, Any]) -> Carrier:
    _assign(carrier, data)
    _refresh_search(carrier)
    return carrier


@transaction.atomic
def carrier_evaluation_record(*, carrier: Carrier, year: int, grade: str) -> tuple[CarrierEvaluation, bool]:
    """Record the grade of one year (a second record for the year replaces the grade)."""
    return CarrierEvaluation.objects.update_or_create(carrier=carrier, year=year, defaults={"grade": grade})


# --- organisations -------------------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, user: User, kind: str, data: Mapping[str, Any]) -> Organisation:
    """Create an organisation (with the profile of its kind) and make *user* its owner."""
    data = dict(data)
    profile_data = None
    if kind in PROFILES:
        key, _model = PROFILES[kind]
        profile_data = data.pop(key, {})
    data.pop("kind", None)
    organisation = Organisation(kind=kind)
    _assign(organisation, data)
    if kind in PROFILES:
        _key, model = PROFILES[kind]
        _assign(model(organisation=organisation), profile_data)
    Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.OWNER)
    _refresh_search(organisation)
    return organisation


def startup_create(*, user: User, data: Mapping[str, Any]) -> Organisation:
    return organisation_create(user=user, kind=OrgKind.STARTUP, data=data)


def investor_create(*, user: User, data: Mapping[str, Any]) -> Organisation:
    return organisation_create(user=user, kind=OrgKind.INVESTOR, data=data)


def bank_create(*, user: User, data: Mapping[str, Any]) -> Organisation:
    return organisation_create(user=user, kind=OrgKind.BANK, data=data)


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: Mapping[str, Any]) -> Organisation:
    data = dict(data)
    data.pop("kind", None)  # the kind decides the profile; it never changes
    renamed = "name" in data and data["name"] != organisation.name
    if organisation.kind in PROFILES:
        key, _model = PROFILES[organisation.kind]
        profile_data = data.pop(key, None)
        if profile_data:
            _assign(getattr(organisation, key), profile_data)
    _assign(organisation, data)
    _refresh_search(organisation)
    if renamed and organisation.kind == OrgKind.BANK:
        search_documents_refresh(queryset=organisation.loan_products.all())
    return organisation


def _lock(organisation: Organisation) -> None:
    """Serialise membership changes of one organisation (the last-owner rule reads then writes)."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk").get()


def _owner_count(organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role=Membership.Role.OWNER).count()


@transaction.atomic
def organisation_member_add(
    *, organisation: Organisation, email: str | None = None, phone: str | None = None, role: str
) -> Membership:
    email, phone = normalize_email(email), normalize_phone(phone)
    user = User.objects.filter(email=email).first() if email else User.objects.filter(phone=phone).first()
    if user is None:
        raise ApplicationError(
            str(NO_SUCH_USER), code="no_such_user", errors={"email" if email else "phone": [str(NO_SUCH_USER)]}
        )
    _lock(organisation)
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise Conflict(str(ALREADY_MEMBER), code="already_member")
    return Membership.objects.create(organisation=organisation, user=user, role=role)


def _membership(organisation: Organisation, user_id: int) -> Membership:
    membership = Membership.objects.select_related("user").filter(organisation=organisation, user_id=user_id).first()
    if membership is None:
        raise NotFound(str(NO_SUCH_MEMBER))
    return membership


@transaction.atomic
def organisation_member_set_role(*, organisation: Organisation, user_id: int, role: str) -> Membership:
    _lock(organisation)
    membership = _membership(organisation, user_id)
    if membership.role == Membership.Role.OWNER and role != Membership.Role.OWNER and _owner_count(organisation) == 1:
        raise Conflict(str(LAST_OWNER), code="last_owner")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def organisation_member_remove(*, organisation: Organisation, user_id: int) -> None:
    _lock(organisation)
    membership = _membership(organisation, user_id)
    if membership.role == Membership.Role.OWNER and _owner_count(organisation) == 1:
        raise Conflict(str(LAST_OWNER), code="last_owner")
    membership.delete()


# --- loan products -------------------------------------------------------------------------------


@transaction.atomic
def loan_product_create(*, user: User, data: Mapping[str, Any]) -> LoanProduct:
    if not (is_platform_admin(user) or is_member(user, data["bank"].pk)):
        raise ApplicationError(str(NOT_YOUR_BANK), errors={"bank": [str(NOT_YOUR_BANK)]})
    product = LoanProduct()
    return loan_product_update(product=product, data=data)


@transaction.atomic
def loan_product_update(*, product: LoanProduct, data: Mapping[str, Any]) -> LoanProduct:
    if product.pk is not None:
        data = {key: value for key, value in data.items() if key != "bank"}
    _assign(product, data)
    _refresh_search(product)
    return product


# --- mentors -------------------------------------------------------------------------------------


@transaction.atomic
def mentor_profile_create(*, user: User, data: Mapping[str, Any]) -> MentorProfile:
    if MentorProfile.objects.filter(user=user).exists():
        raise Conflict(str(MENTOR_PROFILE_EXISTS), code="exists")
    return mentor_profile_update(profile=MentorProfile(user=user), data=data)


@transaction.atomic
def mentor_profile_update(*, profile: MentorProfile, data: Mapping[str, Any]) -> MentorProfile:
    _assign(profile, data)
    _refresh_search(profile)
    return profile


# --- financing needs -----------------------------------------------------------------------------

# status -> statuses a member may move the need to
NEED_TRANSITIONS: dict[str, Iterable[str]] = {
    FinancingNeed.Status.OPEN: {FinancingNeed.Status.WITHDRAWN, FinancingNeed.Status.FULFILLED},
    FinancingNeed.Status.MATCHED: {FinancingNeed.Status.WITHDRAWN, FinancingNeed.Status.FULFILLED},
    FinancingNeed.Status.WITHDRAWN: {FinancingNeed.Status.OPEN},
    FinancingNeed.Status.EXPIRED: {FinancingNeed.Status.OPEN},
    FinancingNeed.Status.FULFILLED: set(),
}


@transaction.atomic
def financing_need_create(*, user: User, data: Mapping[str, Any]) -> FinancingNeed:
    startup = data["startup"]
    if startup.kind != OrgKind.STARTUP or not is_member(user, startup.pk):
        raise ApplicationError(str(NOT_YOUR_STARTUP), errors={"startup": [str(NOT_YOUR_STARTUP)]})
    need = FinancingNeed()
    _assign(need, data)
    return need


@transaction.atomic
def financing_need_update(*, need: FinancingNeed, data: Mapping[str, Any]) -> FinancingNeed:
    need = FinancingNeed.objects.select_for_update().get(pk=need.pk)
    if need.status not in (FinancingNeed.Status.OPEN, FinancingNeed.Status.MATCHED):
        raise Conflict(str(NEED_NOT_EDITABLE), code="closed")
    _assign(need, {key: value for key, value in data.items() if key not in ("startup", "status")})
    return need


@transaction.atomic
def financing_need_set_status(*, need: FinancingNeed, status: str) -> FinancingNeed:
    """Move a need along its life cycle (withdraw, reopen, mark fulfilled); 409 when not allowed."""
    need = FinancingNeed.objects.select_for_update().get(pk=need.pk)
    if status not in NEED_TRANSITIONS[need.status]:
        raise Conflict(str(NEED_STATUS_CHANGE), code="status", extra={"status": need.status})
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    return need
