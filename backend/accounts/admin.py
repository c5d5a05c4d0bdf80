from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from backend.accounts.models import User


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("name", "email", "phone")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreateForm
    form = UserEditForm
    ordering = ["id"]
    list_display = ["id", "name", "email", "phone", "roles", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["name", "email", "phone"]
    fieldsets = [
        (None, {"fields": ["name", "email", "phone", "password"]}),
        ("Roles", {"fields": ["roles", "is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["name", "email", "phone", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]
