from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STARTUP = "startup", _("创业企业成员 · Startup member")
    MENTOR = "mentor", _("创业导师 · Mentor")
    INVESTOR = "investor", _("投资人 · Investor")
    BANK = "bank", _("银行人员 · Bank staff")
    ORGANIZER = "organizer", _("组织者 · Organizer")
    ADMIN = "admin", _("平台管理员 · Platform admin")


# Mainland China mobile numbers, optionally with +86.
phone_validator = RegexValidator(r"^(\+86)?1[3-9]\d{9}$", _("请输入有效的手机号 · Enter a valid mobile number."))


def normalize_phone(phone: str | None) -> str | None:
    if not phone:
        return None
    phone = phone.strip().replace(" ", "").replace("-", "")
    return phone.removeprefix("+86")


def normalize_email(email: str | None) -> str | None:
    if not email:
        return None
    return email.strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, *, email=None, phone=None, password=None, **extra) -> User:
        email, phone = normalize_email(email), normalize_phone(phone)
        if not email and not phone:
            raise ValueError("A user needs an email or a phone number.")
        user = self.model(email=email, phone=phone, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email=email, password=password, **extra)

    def create_superuser(self, email=None, password=None, **extra) -> User:
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("roles", [Role.ADMIN])
        return self._create(email=email, password=password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with email or phone; may hold several roles."""

    email = models.EmailField(_("邮箱 · email"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("手机号 · phone"), max_length=16, unique=True, null=True, blank=True, validators=[phone_validator]
    )
    name = models.CharField(_("姓名 · name"), max_length=100)
    roles = ArrayField(models.CharField(max_length=16, choices=Role.choices), default=list, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the Django admin site.")
    date_joined = models.DateTimeField(default=timezone.now)
    # Secret for the private calendar feed; rotating it revokes old subscriptions.
    calendar_token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("用户 · user")
        verbose_name_plural = _("用户 · users")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False), name="user_has_email_or_phone"
            ),
            models.CheckConstraint(condition=Q(roles__contained_by=Role.values), name="user_roles_known"),
        ]
        indexes = [models.Index(fields=["roles"], name="user_roles_idx")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email or self.phone}>"

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        self.phone = normalize_phone(self.phone)
        self.roles = sorted(set(self.roles))
        super().save(*args, **kwargs)

    def has_role(self, role: str) -> bool:
        return role in self.roles or (role == Role.ADMIN and self.is_superuser)

    @property
    def is_platform_admin(self) -> bool:
        return self.is_superuser or Role.ADMIN in self.roles
