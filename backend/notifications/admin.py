from django.contrib import admin

from backend.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "kind", "title_zh", "read_at", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user"]
