"""Django admin for the directory: the back office for platform staff.

Saving through the admin runs ``Model.save()`` (search documents, tree
paths); many-to-many changes made in the form are indexed in ``save_related``.
"""

from django.contrib import admin
from django.db import models as db_models

from backend.directory import models
from backend.directory.services import search_documents_refresh


class SearchRefreshAdmin(admin.ModelAdmin):
    """Re-index after the form's many-to-many fields (industries) are saved."""

    # Websites typed without a scheme are https (Django 6's default; silences its deprecation warning).
    formfield_overrides = {db_models.URLField: {"assume_scheme": "https"}}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search_documents_refresh(queryset=type(form.instance).objects.filter(pk=form.instance.pk))


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "level", "code", "parent", "path"]
    list_filter = ["level"]
    search_fields = ["name", "name_en", "code"]
    autocomplete_fields = ["parent"]


@admin.register(models.Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "group", "parent", "path"]
    list_filter = ["group"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["parent"]


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["user"]


class StartupProfileInline(admin.StackedInline):
    model = models.StartupProfile
    fk_name = "organisation"
    autocomplete_fields = ["carrier"]


class InvestorProfileInline(admin.StackedInline):
    model = models.InvestorProfile
    filter_horizontal = ["regions"]


class BankProfileInline(admin.StackedInline):
    model = models.BankProfile
    fk_name = "organisation"
    autocomplete_fields = ["parent_bank"]


class LoanProductInline(admin.TabularInline):
    model = models.LoanProduct
    fk_name = "bank"
    extra = 0
    fields = ["name", "series", "stages", "amount_min", "amount_max", "collateral", "active"]
    show_change_link = True


@admin.register(models.Organisation)
class OrganisationAdmin(SearchRefreshAdmin):
    list_display = ["name", "kind", "region", "founded", "updated_at"]
    list_filter = ["kind", "region__level"]
    search_fields = ["name", "name_en"]
    autocomplete_fields = ["region"]
    filter_horizontal = ["industries"]
    inlines = [MembershipInline]

    def get_inlines(self, request, obj):
        profile = {
            models.OrgKind.STARTUP: [StartupProfileInline],
            models.OrgKind.INVESTOR: [InvestorProfileInline],
            models.OrgKind.BANK: [BankProfileInline, LoanProductInline],
        }
        return [*profile.get(obj.kind if obj else None, []), MembershipInline]


class CarrierEvaluationInline(admin.TabularInline):
    model = models.CarrierEvaluation
    extra = 0


@admin.register(models.Carrier)
class CarrierAdmin(SearchRefreshAdmin):
    list_display = ["name", "kind", "level", "region", "operator", "workstations", "area_m2"]
    list_filter = ["kind", "level", "demo_base_type"]
    search_fields = ["name", "name_en", "address"]
    autocomplete_fields = ["region", "operator"]
    filter_horizontal = ["focus_industries"]
    inlines = [CarrierEvaluationInline]


@admin.register(models.CarrierEvaluation)
class CarrierEvaluationAdmin(admin.ModelAdmin):
    list_display = ["carrier", "year", "grade"]
    list_filter = ["year", "grade"]
    search_fields = ["carrier__name"]
    autocomplete_fields = ["carrier"]


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "user", "role", "created_at"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["organisation__name", "user__name", "user__email", "user__phone"]
    autocomplete_fields = ["organisation", "user"]


@admin.register(models.StartupProfile)
class StartupProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "stage", "carrier", "employees", "ip_count", "graduated"]
    list_filter = ["stage", "graduated"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation", "carrier"]


@admin.register(models.InvestorProfile)
class InvestorProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "investor_type", "ticket_min", "ticket_max"]
    list_filter = ["investor_type"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["regions"]


@admin.register(models.BankProfile)
class BankProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "parent_bank", "is_tech_branch"]
    list_filter = ["is_tech_branch"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation", "parent_bank"]


@admin.register(models.LoanProduct)
class LoanProductAdmin(SearchRefreshAdmin):
    list_display = ["name", "bank", "series", "amount_min", "amount_max", "term_months_max", "active"]
    list_filter = ["active", "bank"]
    search_fields = ["name", "series", "bank__name"]
    autocomplete_fields = ["bank"]
    filter_horizontal = ["industries"]


@admin.register(models.MentorProfile)
class MentorProfileAdmin(SearchRefreshAdmin):
    list_display = ["user", "title", "affiliation", "region", "capacity", "appointed_year", "active"]
    list_filter = ["active", "appointed_year"]
    search_fields = ["user__name", "title", "affiliation"]
    autocomplete_fields = ["user", "region"]
    filter_horizontal = ["industries"]


@admin.register(models.FinancingNeed)
class FinancingNeedAdmin(admin.ModelAdmin):
    list_display = ["startup", "kind", "amount", "status", "deadline", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["startup__name", "purpose"]
    autocomplete_fields = ["startup"]
    date_hierarchy = "created_at"
