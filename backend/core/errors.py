"""One error shape for the whole API.

Every error answer is ``{"message": str, "code": str, "errors": {field: [str]}}``
plus optional extra data (for example the conflicting event of a 409). Service
functions raise :class:`ApplicationError` (or Django's ``ValidationError``);
views never build error responses themselves.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"


class ApplicationError(Exception):
    """A broken business rule, with the HTTP status it answers to."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        errors: dict[str, list[str]] | None = None,
        extra: dict[str, Any] | None = None,
        status_code: int | None = None,
    ):
        super().__init__(message)
        self.message = str(message)
        self.code = code or self.default_code
        self.errors = errors or {}
        self.extra = extra or {}
        if status_code is not None:
            self.status_code = status_code


class Conflict(ApplicationError):
    """The request is valid but collides with the current state (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class NotFound(ApplicationError):
    status_code = status.HTTP_404_NOT_FOUND
    default_code = "not_found"


def _flatten(detail: Any) -> dict[str, list[str]]:
    """DRF error detail (nested dicts/lists) -> {"field": ["msg", ...]} with dotted paths."""
    out: dict[str, list[str]] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), sub)
        elif isinstance(value, list):
            if all(not isinstance(v, dict | list) for v in value):
                out.setdefault(prefix or NON_FIELD, []).extend(str(v) for v in value)
            else:
                for index, sub in enumerate(value):
                    walk(f"{prefix}.{index}" if prefix else str(index), sub)
        else:
            out.setdefault(prefix or NON_FIELD, []).append(str(value))

    walk("", detail)
    return out


def _body(message: str, code: str, errors: dict[str, list[str]] | None = None, **extra: Any) -> dict[str, Any]:
    return {"message": str(message), "code": code, "errors": errors or {}, **extra}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, ApplicationError):
        return Response(_body(exc.message, exc.code, exc.errors, **exc.extra), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, IntegrityError):
        # A database constraint refused the write: report a conflict, not a 500.
        return Response(
            _body(_("该操作与现有数据冲突 · The request conflicts with existing data."), "constraint"),
            status=status.HTTP_409_CONFLICT,
        )

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        response.data = _body(_("输入有误 · Invalid input."), "invalid", errors)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        message = detail if isinstance(detail, str) else _("请求失败 · Request failed.")
        errors = {} if isinstance(detail, str) else _flatten(detail)
        response.data = _body(message, code if isinstance(code, str) else "error", errors)
    return response
