from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from backend.accounts.models import User, normalize_email, normalize_phone


class EmailOrPhoneBackend(ModelBackend):
    """Authenticate with either the email address or the mobile number."""

    def authenticate(self, request, username=None, password=None, login=None, **kwargs):
        identifier = (login or username or kwargs.get(User.USERNAME_FIELD) or "").strip()
        if not identifier or password is None:
            return None
        query = Q(email=normalize_email(identifier)) if "@" in identifier else Q(phone=normalize_phone(identifier))
        user = User.objects.filter(query).first()
        if user is None:
            # Same cost as a real check, so timing does not tell which accounts exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
