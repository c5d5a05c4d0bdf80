"""Mentoring API shapes. Input serializers validate; views hand validated_data to services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.directory.models import MentorProfile, Organisation, OrgKind
from backend.engine.serializers import MatchReasonSerializer
from backend.mentoring import rules
from backend.mentoring.models import (
    MAX_SESSION_MINUTES,
    MAX_TOPICS,
    TOPIC_LENGTH,
    MentoringRequest,
    MentoringSession,
    Mentorship,
    Programme,
    ProgrammeMentor,
    ProgrammeStartup,
    Proposal,
)


def topics(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=TOPIC_LENGTH), max_length=MAX_TOPICS, required=False, **kwargs
    )


class StartupBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


class MentorBriefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.name", read_only=True)

    class Meta:
        model = MentorProfile
        fields = ["id", "user", "name", "title", "affiliation"]


# --- mentors to ask ----------------------------------------------------------------------------------


class MentorCardSerializer(serializers.ModelSerializer):
    """A mentor in "find a mentor": the public profile plus free places and the viewer's own status."""

    name = serializers.CharField(source="user.name", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True, allow_null=True)
    industry_names = serializers.SlugRelatedField(source="industries", slug_field="name", many=True, read_only=True)
    active_mentees = serializers.IntegerField(read_only=True)
    free_places = serializers.IntegerField(read_only=True)
    open_request = serializers.BooleanField(read_only=True, help_text="One of my startups has an open request.")
    mentoring_me = serializers.BooleanField(read_only=True, help_text="The mentor already mentors one of my startups.")

    class Meta:
        model = MentorProfile
        fields = [
            "id",
            "user",
            "name",
            "title",
            "affiliation",
            "bio",
            "expertise",
            "industry_names",
            "region_name",
            "capacity",
            "active_mentees",
            "free_places",
            "open_request",
            "mentoring_me",
        ]
        read_only_fields = fields


class MentorQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    industry = serializers.IntegerField(required=False, min_value=1)


# --- requests ----------------------------------------------------------------------------------------


class MentoringRequestSerializer(serializers.ModelSerializer):
    startup = StartupBriefSerializer(read_only=True)
    mentor = MentorBriefSerializer(read_only=True)
    requested_by_name = serializers.CharField(source="requested_by.name", read_only=True, allow_null=True)
    mentorship = serializers.SerializerMethodField()

    class Meta:
        model = MentoringRequest
        fields = [
            "id",
            "startup",
            "mentor",
            "requested_by_name",
            "message",
            "needs",
            "status",
            "decline_reason",
            "created_at",
            "decided_at",
            "mentorship",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_mentorship(self, obj: MentoringRequest) -> int | None:
        mentorship = getattr(obj, "mentorship", None)
        return mentorship.pk if mentorship else None


class MentoringRequestCreateSerializer(serializers.Serializer):
    startup = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=OrgKind.STARTUP), help_text="我的企业 · one of my startups"
    )
    mentor = serializers.PrimaryKeyRelatedField(queryset=MentorProfile.objects.select_related("user"))
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    needs = topics(help_text="需要辅导的方面 · topics the startup needs help with")


class RequestListQuerySerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=["startup", "mentor"], required=False)
    status = serializers.ChoiceField(choices=MentoringRequest.Status.choices, required=False)


class MentoringDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="婉拒原因 · why")


class ProposalDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


# --- mentorships and sessions ------------------------------------------------------------------------


class ProgrammeBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["id", "name"]


class MentorshipSerializer(serializers.ModelSerializer):
    startup = StartupBriefSerializer(read_only=True)
    mentor = MentorBriefSerializer(read_only=True)
    ended_by_name = serializers.CharField(source="ended_by.name", read_only=True, allow_null=True)
    needs = serializers.SerializerMethodField()
    programme = serializers.SerializerMethodField()
    sessions_count = serializers.IntegerField(read_only=True)
    minutes_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Mentorship
        fields = [
            "id",
            "startup",
            "mentor",
            "status",
            "started_at",
            "ended_at",
            "ended_by_name",
            "end_note",
            "needs",
            "programme",
            "sessions_count",
            "minutes_total",
        ]
        read_only_fields = fields

    def get_needs(self, obj: Mentorship) -> list[str]:
        return list(obj.request.needs) if obj.request else []

    @extend_schema_field(ProgrammeBriefSerializer(allow_null=True))
    def get_programme(self, obj: Mentorship):
        if obj.proposal_id is None:
            return None
        return ProgrammeBriefSerializer(obj.proposal.programme).data


class MenteeTeamMemberSerializer(serializers.Serializer):
    name = serializers.CharField(source="user.name")
    role = serializers.CharField()


class MenteeContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField(allow_null=True)
    phone = serializers.CharField(allow_null=True)


class MenteeProfileSerializer(serializers.Serializer):
    """The mentee startup as its mentor sees it: profile, team and who to contact."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    website = serializers.CharField()
    founded = serializers.DateField(allow_null=True)
    region_name = serializers.CharField(source="region.name")
    industry_names = serializers.SerializerMethodField()
    stage = serializers.CharField(source="startup.stage", allow_null=True, default=None)
    employees = serializers.IntegerField(source="startup.employees", allow_null=True, default=None)
    certifications = serializers.ListField(child=serializers.CharField(), source="startup.certifications", default=list)
    ip_count = serializers.IntegerField(source="startup.ip_count", allow_null=True, default=None)
    carrier_name = serializers.CharField(source="startup.carrier.name", allow_null=True, default=None)

    def get_industry_names(self, obj: Organisation) -> list[str]:
        return [industry.name for industry in obj.industries.all()]


class MentorshipDetailSerializer(MentorshipSerializer):
    """One mentorship; the mentee's profile, team and contact are shown to the two sides only."""

    request_message = serializers.CharField(source="request.message", read_only=True, allow_null=True, default=None)
    mentee = serializers.SerializerMethodField()
    team = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()
    viewer_side = serializers.SerializerMethodField()

    class Meta(MentorshipSerializer.Meta):
        fields = [*MentorshipSerializer.Meta.fields, "request_message", "mentee", "team", "contact", "viewer_side"]
        read_only_fields = fields

    def _party(self, obj) -> bool:
        return rules.is_party(self.context["request"].user, obj)

    @extend_schema_field(MenteeProfileSerializer(allow_null=True))
    def get_mentee(self, obj: Mentorship):
        return MenteeProfileSerializer(obj.startup).data if self._party(obj) else None

    @extend_schema_field(MenteeTeamMemberSerializer(many=True))
    def get_team(self, obj: Mentorship):
        if not self._party(obj):
            return []
        return MenteeTeamMemberSerializer(self.context.get("team", []), many=True).data

    @extend_schema_field(MenteeContactSerializer(allow_null=True))
    def get_contact(self, obj: Mentorship):
        """Who asked for the mentoring, for the mentor to reach them."""
        user = self.context["request"].user
        if not rules.is_mentor(user, obj.mentor) or obj.request is None or obj.request.requested_by is None:
            return None
        person = obj.request.requested_by
        return MenteeContactSerializer({"name": person.name, "email": person.email, "phone": person.phone}).data

    @extend_schema_field(serializers.ChoiceField(choices=["mentor", "startup", "none"]))
    def get_viewer_side(self, obj: Mentorship) -> str:
        user = self.context["request"].user
        if rules.is_mentor(user, obj.mentor):
            return "mentor"
        return "startup" if rules.is_startup_member(user, obj.startup_id) else "none"


class MentorshipListQuerySerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=["startup", "mentor"], required=False)
    status = serializers.ChoiceField(choices=Mentorship.Status.choices, required=False)


class MentorshipEndSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MentoringSessionSerializer(serializers.ModelSerializer):
    logged_by_name = serializers.CharField(source="logged_by.name", read_only=True, allow_null=True)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=MAX_SESSION_MINUTES)
    topics = topics(help_text="主题 · topics")
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    follow_ups = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    class Meta:
        model = MentoringSession
        fields = [
            "id",
            "date",
            "duration_minutes",
            "topics",
            "notes",
            "follow_ups",
            "logged_by",
            "logged_by_name",
            "created_at",
        ]
        read_only_fields = ["id", "logged_by", "logged_by_name", "created_at"]


# --- programmes --------------------------------------------------------------------------------------


class ProgrammeSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    startups_count = serializers.IntegerField(read_only=True)
    mentors_count = serializers.IntegerField(read_only=True)
    proposed_count = serializers.IntegerField(read_only=True)
    confirmed_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "name",
            "description",
            "status",
            "created_at",
            "proposed_at",
            "startups_count",
            "mentors_count",
            "proposed_count",
            "confirmed_count",
        ]
        read_only_fields = ["id", "organisation", "status", "created_at", "proposed_at"]


class ProgrammeCreateSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind__in=rules.MANAGING_KINDS),
        help_text="主办单位（科技主管部门或载体运营方）· the bureau or carrier operator running it",
    )
    name = serializers.CharField(max_length=128)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class ProgrammeUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=128, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=Programme.Status.choices, required=False)


class ProgrammeStartupSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="startup.name", read_only=True)
    stage = serializers.CharField(source="startup.startup.stage", read_only=True, allow_null=True, default=None)

    class Meta:
        model = ProgrammeStartup
        fields = ["startup", "name", "stage", "added_at"]
        read_only_fields = fields


class ProgrammeMentorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="mentor.user.name", read_only=True)
    title = serializers.CharField(source="mentor.title", read_only=True)
    capacity = serializers.IntegerField(source="mentor.capacity", read_only=True)
    active_mentees = serializers.IntegerField(read_only=True)

    class Meta:
        model = ProgrammeMentor
        fields = ["mentor", "name", "title", "capacity", "places", "active_mentees", "added_at"]
        read_only_fields = fields


class ProgrammeStartupAddSerializer(serializers.Serializer):
    startup = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(kind=OrgKind.STARTUP))


class ProgrammeMentorAddSerializer(serializers.Serializer):
    mentor = serializers.PrimaryKeyRelatedField(queryset=MentorProfile.objects.all())
    places = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True, default=None)


class ProposalSerializer(serializers.ModelSerializer):
    programme = ProgrammeBriefSerializer(read_only=True)
    startup = StartupBriefSerializer(read_only=True)
    mentor = MentorBriefSerializer(read_only=True)
    reasons = MatchReasonSerializer(many=True, read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "programme",
            "startup",
            "mentor",
            "score",
            "reasons",
            "status",
            "decline_reason",
            "round",
            "created_at",
            "decided_at",
        ]
        read_only_fields = fields


class ProgrammeCountsSerializer(serializers.Serializer):
    mentorships_active = serializers.IntegerField()
    mentorships_ended = serializers.IntegerField()
    sessions = serializers.IntegerField()
    session_minutes = serializers.IntegerField()


class ProgrammeDetailSerializer(ProgrammeSerializer):
    startups = serializers.SerializerMethodField()
    mentors = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    may_manage = serializers.SerializerMethodField()

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "startups", "mentors", "counts", "may_manage"]
        read_only_fields = fields

    @extend_schema_field(ProgrammeStartupSerializer(many=True))
    def get_startups(self, obj):
        return ProgrammeStartupSerializer(self.context["startups"], many=True).data

    @extend_schema_field(ProgrammeMentorSerializer(many=True))
    def get_mentors(self, obj):
        return ProgrammeMentorSerializer(self.context["mentors"], many=True).data

    @extend_schema_field(ProgrammeCountsSerializer)
    def get_counts(self, obj):
        return self.context["counts"]

    def get_may_manage(self, obj) -> bool:
        return rules.may_manage_programme(self.context["request"].user, obj)


class ProposeResultSerializer(serializers.Serializer):
    added = serializers.IntegerField(help_text="新增建议数 · proposals added")
    withdrawn = serializers.IntegerField(help_text="撤销的建议数 · proposals withdrawn by the re-solve")
    proposals = ProposalSerializer(many=True)


class ProposalDeclineResultSerializer(serializers.Serializer):
    proposal = ProposalSerializer()
    added = serializers.IntegerField()
    withdrawn = serializers.IntegerField()


# --- counts ------------------------------------------------------------------------------------------


class MentoringSummarySerializer(serializers.Serializer):
    incoming_pending = serializers.IntegerField(help_text="待我答复的申请（导师）· requests awaiting my answer")
    mentees_active = serializers.IntegerField()
    proposals_pending = serializers.IntegerField()
    requests_pending = serializers.IntegerField(help_text="我的企业待答复的申请 · my startups' open requests")
    mentorships_active = serializers.IntegerField()


class MentoringStatsSerializer(serializers.Serializer):
    requests_pending = serializers.IntegerField()
    requests_accepted = serializers.IntegerField()
    requests_declined = serializers.IntegerField()
    mentorships_active = serializers.IntegerField()
    mentorships_ended = serializers.IntegerField()
    sessions = serializers.IntegerField()
    session_minutes = serializers.IntegerField()
    mentors_with_mentees = serializers.IntegerField()
