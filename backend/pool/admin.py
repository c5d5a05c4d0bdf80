from django.contrib import admin

from backend.pool.models import AccessLog, AccessRequest, PipelineEntry, PoolEntry


@admin.register(PoolEntry)
class PoolEntryAdmin(admin.ModelAdmin):
    list_display = ["startup", "funding_sought", "listed", "listed_at"]
    list_filter = ["listed"]
    search_fields = ["startup__name", "summary"]
    raw_id_fields = ["startup"]
    exclude = ["deck"]  # decks are served only through the permission-checked API


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    list_display = ["investor", "startup", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["startup", "investor", "requested_by", "decided_by"]


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ["startup", "investor", "user", "what", "created_at"]
    raw_id_fields = ["startup", "investor", "user"]

    def has_change_permission(self, request, obj=None):
        return False  # the log is a record, not editable


@admin.register(PipelineEntry)
class PipelineEntryAdmin(admin.ModelAdmin):
    list_display = ["investor", "startup", "stage", "stage_date"]
    list_filter = ["stage"]
    raw_id_fields = ["investor", "startup", "created_by"]
