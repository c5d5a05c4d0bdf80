"""Account rules: registration, roles."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from backend.accounts.models import Role, User, normalize_email, normalize_phone
from backend.core.errors import ApplicationError, Conflict

# Roles a person may claim when signing up; organizer and admin are granted by admins.
SELF_SERVICE_ROLES = frozenset({Role.STARTUP, Role.MENTOR, Role.INVESTOR, Role.BANK})


@transaction.atomic
def user_register(
    *, name: str, password: str, email: str | None = None, phone: str | None = None, roles: list[str] | None = None
) -> User:
    email, phone = normalize_email(email), normalize_phone(phone)
    if not email and not phone:
        raise ApplicationError(
            _("请填写邮箱或手机号 · Give an email or a phone number."),
            errors={"email": [_("邮箱或手机号必填其一 · Email or phone is required.")]},
        )
    roles = list(roles or [])
    forbidden = [r for r in roles if r not in SELF_SERVICE_ROLES]
    if forbidden:
        message = _("不可自行选择的角色 · Not self-assignable: ") + ", ".join(forbidden)
        raise ApplicationError(
            _("该角色需由管理员授予 · This role is granted by an administrator."), errors={"roles": [message]}
        )
    user = User(name=name, email=email, phone=phone, roles=roles)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(_("密码不符合要求 · The password is too weak."), errors={"password": exc.messages})
    user.set_password(password)
    taken = {}
    if email and User.objects.filter(email=email).exists():
        taken["email"] = [_("该邮箱已注册 · This email is already registered.")]
    if phone and User.objects.filter(phone=phone).exists():
        taken["phone"] = [_("该手机号已注册 · This phone number is already registered.")]
    if taken:
        raise Conflict(_("账号已存在 · An account already exists."), errors=taken)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # A concurrent registration with the same email or phone won the race.
        raise Conflict(_("账号已存在 · An account already exists."), code="exists")
    return user
