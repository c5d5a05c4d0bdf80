import pytest
from django.db import IntegrityError

from backend.accounts.models import User

pytestmark = pytest.mark.django_db


def test_user_needs_email_or_phone_in_the_database():
    with pytest.raises(IntegrityError):
        User.objects.bulk_create([User(name="nobody")])


def test_roles_must_be_known_in_the_database():
    with pytest.raises(IntegrityError):
        User.objects.bulk_create([User(name="x", email="x@example.com", roles=["wizard"])])


def test_email_and_phone_are_unique(make_user):
    make_user(email="a@example.com", phone="13800000001")
    with pytest.raises(IntegrityError):
        User.objects.bulk_create([User(name="y", email="b@example.com", phone="13800000001")])


def test_email_is_normalized_and_roles_deduplicated(make_user):
    user = make_user("mentor", "startup", "mentor", email="  MiXed@Example.COM ")
    assert user.email == "mixed@example.com"
    assert user.roles == ["mentor", "startup"]
