from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from backend.accounts.models import Role, User, normalize_phone, phone_validator


class PhoneField(serializers.CharField):
    """Accepts 138-0000-1234, +86 13800001234 …; stores the bare 11 digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.validators.append(phone_validator)

    def to_internal_value(self, data):
        return normalize_phone(super().to_internal_value(data)) or ""


class RegisterSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    email = serializers.EmailField(required=False, allow_blank=True, allow_null=True)
    phone = PhoneField(required=False, allow_blank=True, allow_null=True)
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), required=False, default=list)

    def validate(self, attrs):
        if not attrs.get("email") and not attrs.get("phone"):
            raise serializers.ValidationError({"email": [_("邮箱或手机号必填其一 · Email or phone is required.")]})
        return attrs


class LoginSerializer(serializers.Serializer):
    login = serializers.CharField(help_text="Email or mobile number.")
    password = serializers.CharField(write_only=True, style={"input_type": "password"})


class MembershipBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organisation.id")
    name = serializers.CharField(source="organisation.name")
    kind = serializers.CharField(source="organisation.kind")
    role = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    organisations = MembershipBriefSerializer(source="memberships", many=True, read_only=True)
    is_platform_admin = serializers.BooleanField(read_only=True)
    mentor_profile = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = [
            "id",
            "name",
            "email",
            "phone",
            "roles",
            "is_platform_admin",
            "organisations",
            "mentor_profile",
            "date_joined",
        ]
        read_only_fields = ["id", "roles", "email", "phone", "date_joined"]


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
