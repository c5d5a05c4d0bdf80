"""Admin site: requests, mentorships and programmes. Session logs are private to the two
sides, so the admin shows only how many there are, never their content."""

from django.contrib import admin

from backend.mentoring.models import (
    MentoringRequest,
    Mentorship,
    Programme,
    ProgrammeMentor,
    ProgrammeStartup,
    Proposal,
)


@admin.register(MentoringRequest)
class MentoringRequestAdmin(admin.ModelAdmin):
    list_display = ["id", "startup", "mentor", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["startup__name", "mentor__user__name"]
    raw_id_fields = ["startup", "mentor", "requested_by"]
    readonly_fields = ["created_at"]


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ["id", "startup", "mentor", "status", "started_at", "ended_at", "sessions"]
    list_filter = ["status"]
    search_fields = ["startup__name", "mentor__user__name"]
    raw_id_fields = ["startup", "mentor", "request", "proposal", "ended_by"]
    readonly_fields = ["started_at"]

    @admin.display(description="辅导次数 · sessions")
    def sessions(self, obj: Mentorship) -> int:
        return obj.sessions.count()


class ProgrammeStartupInline(admin.TabularInline):
    model = ProgrammeStartup
    raw_id_fields = ["startup"]
    extra = 0


class ProgrammeMentorInline(admin.TabularInline):
    model = ProgrammeMentor
    raw_id_fields = ["mentor"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "organisation", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name"]
    raw_id_fields = ["organisation", "created_by"]
    inlines = [ProgrammeStartupInline, ProgrammeMentorInline]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["id", "programme", "startup", "mentor", "score", "status", "round"]
    list_filter = ["status"]
    raw_id_fields = ["programme", "startup", "mentor"]
