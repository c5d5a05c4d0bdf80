from django.contrib import admin

from events.models import Booking, Event, PitchSlot, Registration, Room, Series


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "carrier", "capacity"]
    search_fields = ["name", "carrier__name"]
    raw_id_fields = ["carrier"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "organisation", "rrule", "dtstart"]
    raw_id_fields = ["organisation", "room", "created_by"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "status", "starts", "organisation", "room"]
    list_filter = ["type", "status", "visibility"]
    search_fields = ["title"]
    date_hierarchy = "starts"
    raw_id_fields = ["organisation", "room", "series", "previous_round", "created_by"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "status", "checked_in_at"]
    list_filter = ["status"]
    raw_id_fields = ["event", "user", "checked_in_by"]


@admin.register(PitchSlot)
class PitchSlotAdmin(admin.ModelAdmin):
    list_display = ["event", "starts", "ends", "label"]
    raw_id_fields = ["event"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["event", "slot", "startup", "status"]
    list_filter = ["status"]
    raw_id_fields = ["event", "slot", "startup", "applicant", "decided_by"]
