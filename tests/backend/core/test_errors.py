"""One error shape for the whole API: {"message", "code", "errors"}."""

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions

from backend.core.errors import ApplicationError, Conflict, exception_handler


def handle(exc):
    return exception_handler(exc, {})


def test_application_error_keeps_fields_and_extra():
    response = handle(Conflict("名额已满 · Full.", errors={"slot": ["taken"]}, extra={"conflict": {"id": 3}}))
    assert response.status_code == 409
    assert response.data == {
        "message": "名额已满 · Full.",
        "code": "conflict",
        "errors": {"slot": ["taken"]},
        "conflict": {"id": 3},
    }


def test_nested_validation_errors_are_flattened_to_dotted_fields():
    exc = exceptions.ValidationError({"name": ["required"], "slots": [{}, {"starts": ["bad"]}], "tags": ["x", "y"]})
    response = handle(exc)
    assert response.status_code == 400
    assert response.data["errors"] == {"name": ["required"], "slots.1.starts": ["bad"], "tags": ["x", "y"]}
    assert response.data["code"] == "invalid"


def test_django_validation_error_becomes_400_with_fields():
    response = handle(DjangoValidationError({"amount": ["must be positive"]}))
    assert response.status_code == 400
    assert response.data["errors"] == {"amount": ["must be positive"]}


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (Http404(), 404, "not_found"),
        (exceptions.NotAuthenticated(), 401, "not_authenticated"),
        (exceptions.PermissionDenied(), 403, "permission_denied"),
        (IntegrityError("duplicate key"), 409, "constraint"),
        (ApplicationError("x", status_code=422, code="odd"), 422, "odd"),
    ],
)
def test_every_error_has_the_same_shape(exc, status, code):
    response = handle(exc)
    assert response.status_code == status
    assert set(response.data) >= {"message", "code", "errors"}
    assert response.data["code"] == code
    assert isinstance(response.data["message"], str) and response.data["message"]


def test_unknown_exceptions_are_not_swallowed():
    assert handle(RuntimeError("boom")) is None


@pytest.mark.django_db
def test_unknown_api_route_answers_json_404(api):
    response = api.get("/api/no-such-thing")
    assert response.status_code == 404
