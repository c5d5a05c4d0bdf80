from django.contrib import admin

from backend.finance.models import BankResponse


@admin.register(BankResponse)
class BankResponseAdmin(admin.ModelAdmin):
    list_display = ["need", "bank", "status", "intended_amount", "approved_amount", "disbursed_amount"]
    list_filter = ["status"]
    raw_id_fields = ["need", "bank", "product", "responded_by"]
