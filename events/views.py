"""Events API: thin views that validate, call a service and answer with the resource.

Scope: an event the requester may not see answers 404 everywhere below it;
managing it without being one of its organizers answers 403.
"""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

import segno
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import User
from backend.core import search
from backend.core.errors import ApplicationError
from backend.directory.models import Membership, Region
from events import exports, ics, rules, selectors
from events.models import (
    Award,
    Booking,
    Event,
    EventStatus,
    EventType,
    Feedback,
    InvestorInterest,
    Judge,
    PitchSlot,
    Registration,
    Room,
    ScoreSheet,
    Series,
)
from events.serializers import (
    AdvanceInputSerializer,
    AwardSerializer,
    BookingInputSerializer,
    BookingSerializer,
    CalendarFeedSerializer,
    CheckinInputSerializer,
    CheckinResultSerializer,
    CountsSerializer,
    CriterionSerializer,
    DecisionSerializer,
    EventSerializer,
    EventWriteSerializer,
    FeedbackSerializer,
    FeedbackSummarySerializer,
    InterestSerializer,
    InvitationInputSerializer,
    InvitationSerializer,
    JudgeSerializer,
    OccurrenceSerializer,
    PeopleQuerySerializer,
    PersonSerializer,
    RankingRowSerializer,
    RegistrationSerializer,
    RoomSerializer,
    RoundEntrySerializer,
    RubricInputSerializer,
    ScoreInputSerializer,
    ScoreSheetSerializer,
    SeriesPreviewSerializer,
    SeriesSerializer,
    SlotGenerateSerializer,
    SlotSerializer,
    TransitionSerializer,
)
from events.services import events as event_services
from events.services import pitches, registrations
from events.services.events import local_tz

MSG_NOT_ORGANIZER = "仅本活动的组织者可操作 · Only the event's organizers may do this."

EVENT_PK = OpenApiParameter("event_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Event id")


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


# --- helpers -----------------------------------------------------------------


class EventScoped:
    """For views below /events/{event_pk}/: the event, if the requester may see it."""

    def get_event(self) -> Event:
        if not hasattr(self, "_event"):
            qs = selectors.events_visible_to(self.request.user).select_related("organisation", "room__carrier")
            self._event = get_object_or_404(qs, pk=self.kwargs["event_pk"])
        return self._event

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no event
            return self.queryset
        return self.scoped_queryset()

    def require_manager(self, event: Event | None = None) -> Event:
        event = event or self.get_event()
        if not rules.can_manage_event(self.request.user, event):
            raise PermissionDenied(_(MSG_NOT_ORGANIZER))
        return event


class EventFilter(filters.FilterSet):
    type = filters.MultipleChoiceFilter(choices=EventType.choices)
    status = filters.MultipleChoiceFilter(choices=EventStatus.choices)
    region = filters.NumberFilter(method="filter_region", help_text="Region id, sub-regions included.")
    carrier = filters.NumberFilter(field_name="room__carrier")
    organisation = filters.NumberFilter(field_name="organisation")
    series = filters.NumberFilter(field_name="series")
    date_from = filters.DateFilter(method="filter_date_from", help_text="Events ending on/after this day (local).")
    date_to = filters.DateFilter(method="filter_date_to", help_text="Events starting on/before this day (local).")
    q = filters.CharFilter(
        method="filter_q", help_text="Chinese search: every word (jieba) in the title, description, organiser or venue."
    )
    mine = filters.BooleanFilter(method="filter_mine", help_text="Only events I registered for.")
    managed = filters.BooleanFilter(method="filter_managed", help_text="Only events I organize.")
    judging = filters.BooleanFilter(method="filter_judging", help_text="Only events I judge.")
    booked = filters.BooleanFilter(method="filter_booked", help_text="Only events my startup applied to pitch at.")

    class Meta:
        model = Event
        fields = ["type", "status", "region", "carrier", "organisation", "series"]

    def filter_region(self, qs, name, value):
        region = Region.objects.filter(pk=value).first()
        return selectors.in_region(qs, region) if region else qs.none()

    def filter_date_from(self, qs, name, value):
        return qs.filter(ends__gt=datetime.combine(value, time.min, tzinfo=local_tz()))

    def filter_date_to(self, qs, name, value):
        return qs.filter(starts__lt=datetime.combine(value + timedelta(days=1), time.min, tzinfo=local_tz()))

    def filter_q(self, qs, name, value):
        # Words, not the whole string: "光电 路演" and "光电路演" both find 光电子产业孵化器项目路演.
        terms = search.tokenize(value)[:8] or [value.strip()]
        for term in terms:
            qs = qs.filter(
                Q(title__icontains=term)
                | Q(title_en__icontains=term)
                | Q(description__icontains=term)
                | Q(organisation__name__icontains=term)
                | Q(room__carrier__name__icontains=term)
            )
        return qs

    def filter_mine(self, qs, name, value):
        if not value or not self.request.user.is_authenticated:
            return qs
        return qs.filter(
            registrations__user=self.request.user,
            registrations__status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
        )

    def filter_judging(self, qs, name, value):
        if not value or not self.request.user.is_authenticated:
            return qs
        return qs.filter(pk__in=Judge.objects.filter(user=self.request.user).values("event_id"))

    def filter_booked(self, qs, name, value):
        if not value or not self.request.user.is_authenticated:
            return qs
        live = Booking.objects.filter(
            startup_id__in=rules.startup_ids(self.request.user),
            status__in=[Booking.Status.PENDING, Booking.Status.APPROVED],
        )
        return qs.filter(pk__in=live.values("event_id"))

    def filter_managed(self, qs, name, value):
        if not value:
            return qs
        user = self.request.user
        if user.is_authenticated and user.is_platform_admin:
            return qs
        return qs.filter(organisation_id__in=rules.organised_org_ids(user))


# --- events ------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Event calendar (month or list view)"),
    retrieve=extend_schema(summary="Event detail"),
)
class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["starts", "created_at"]

    def get_queryset(self):
        return selectors.event_list(self.request.user)

    def _fresh(self, event: Event) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data)

    def _managed(self) -> Event:
        event = self.get_object()
        if not rules.can_manage_event(self.request.user, event):
            raise PermissionDenied(_(MSG_NOT_ORGANIZER))
        return event

    @extend_schema(request=EventWriteSerializer, responses={201: EventSerializer})
    def create(self, request):
        serializer = EventWriteSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        event = event_services.event_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EventWriteSerializer, responses=EventSerializer)
    def partial_update(self, request, pk=None):
        event = self._managed()
        serializer = EventWriteSerializer(event, data=request.data, partial=True, context={"request": request})
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        changes.pop("organisation", None)
        event = event_services.event_update(actor=request.user, event=event, **changes)
        return self._fresh(event)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        event_services.event_delete(actor=request.user, event=self._managed())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._fresh(event_services.event_publish(actor=request.user, event=self._managed()))

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._fresh(event_services.event_start(actor=request.user, event=self._managed()))

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        return self._fresh(event_services.event_finish(actor=request.user, event=self._managed()))

    @extend_schema(request=TransitionSerializer, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data.get("reason", "")
        return self._fresh(event_services.event_cancel(actor=request.user, event=self._managed(), reason=reason))

    @extend_schema(responses=CountsSerializer, summary="Live counts: registered, waiting, checked in")
    @action(detail=True, methods=["get"])
    def counts(self, request, pk=None):
        event = self._managed()
        return Response({**selectors.event_counts(event), "capacity": event.capacity})

    @extend_schema(request=CheckinInputSerializer, responses=CheckinResultSerializer, summary="Check in by token")
    @action(detail=True, methods=["post"])
    def checkin(self, request, pk=None):
        event = self._managed()
        serializer = CheckinInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration, already = registrations.registration_checkin(
            actor=request.user, event=event, token=serializer.validated_data["token"]
        )
        when = timezone.localtime(registration.checked_in_at).strftime("%H:%M:%S")
        message = (
            f"已于 {when} 签到 · Already checked in at {when}"
            if already
            else f"签到成功 · Checked in: {registration.user.name}"
        )
        data = {
            "registration": RegistrationSerializer(registration, context={"request": request}).data,
            "already_checked_in": already,
            "message": message,
        }
        return Response(data)

    def _registrations_for_export(self, event: Event):
        memberships = Prefetch("user__memberships", queryset=Membership.objects.select_related("organisation"))
        return (
            selectors.registrations_of(event)
            .exclude(status=Registration.Status.CANCELLED)
            .prefetch_related(memberships)
        )

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.BINARY}, summary="Registrations as CSV (UTF-8 BOM)")
    @action(detail=True, methods=["get"], url_path="export.csv")
    def export_csv(self, request, pk=None):
        event = self._managed()
        response = HttpResponse(
            exports.to_csv(self._registrations_for_export(event)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrations.csv"'
        return response

    @extend_schema(
        responses={
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY,
        },
        summary="Registrations as Excel",
    )
    @action(detail=True, methods=["get"], url_path="export.xlsx")
    def export_xlsx(self, request, pk=None):
        event = self._managed()
        body = exports.to_xlsx(self._registrations_for_export(event), title=event.title)
        response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrations.xlsx"'
        return response

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY}, summary="The event as .ics")
    @action(detail=True, methods=["get"], permission_classes=[permissions.AllowAny])
    def ics(self, request, pk=None):
        event = self.get_object()
        body = ics.calendar([ics.event_vevent(event, base_url=_base_url(request))], name=event.title)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
        return response

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True, description="Name (contains), email or phone (exact)")],
        responses=PersonSerializer(many=True),
        summary="Find people to invite or to make judges (organizers; at most 20)",
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def people(self, request, pk=None):
        # Not get_object(): its list filters would read ?q= as a title search.
        event = get_object_or_404(self.get_queryset(), pk=pk)
        if not rules.can_manage_event(request.user, event):
            raise PermissionDenied(_(MSG_NOT_ORGANIZER))
        serializer = PeopleQuerySerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        rows = selectors.people_matching(serializer.validated_data["q"])[:20]
        return Response(PersonSerializer(rows, many=True).data)

    @extend_schema(
        responses=RankingRowSerializer(many=True),
        summary="Ranking by weighted mean score (organizers and judges; everyone once scoring is closed)",
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def ranking(self, request, pk=None):
        event = self.get_object()
        allowed = (
            event.scoring_closed_at is not None
            or rules.can_manage_event(request.user, event)
            or pitches.can_score(request.user, event)
        )
        if not allowed:
            raise PermissionDenied(_("评分关闭后公布排名 · The ranking is shown once scoring is closed."))
        rows = list(selectors.ranking(event))
        for index, row in enumerate(rows, start=1):
            row.rank = index
        return Response(RankingRowSerializer(rows, many=True).data)

    @extend_schema(request=None, responses=EventSerializer, summary="Close scoring (sheets become read-only)")
    @action(detail=True, methods=["post"], url_path="scoring/close")
    def scoring_close(self, request, pk=None):
        return self._fresh(pitches.scoring_close(event=self._managed()))

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"], url_path="scoring/reopen")
    def scoring_reopen(self, request, pk=None):
        return self._fresh(pitches.scoring_reopen(event=self._managed()))

    @extend_schema(request=RubricInputSerializer, responses=CriterionSerializer(many=True), summary="The rubric")
    @action(detail=True, methods=["get", "put"], pagination_class=None)
    def rubric(self, request, pk=None):
        if request.method == "GET":
            return Response(CriterionSerializer(self.get_object().criteria.all(), many=True).data)
        event = self._managed()
        serializer = RubricInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        criteria = pitches.criteria_set(event=event, criteria=serializer.validated_data["criteria"])
        return Response(CriterionSerializer(criteria, many=True).data)

    @extend_schema(
        request=AdvanceInputSerializer,
        responses=RoundEntrySerializer(many=True),
        summary="Advance the top N of this round to the next round",
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def advance(self, request, pk=None):
        event = self._managed()
        serializer = AdvanceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        next_event = None
        if serializer.validated_data.get("next_event"):
            next_event = Event.objects.filter(pk=serializer.validated_data["next_event"]).first()
            if next_event is None:
                raise ApplicationError(_("没有下一轮 · There is no next round."), errors={"next_event": ["?"]})
        entries = pitches.competition_advance(
            actor=request.user, event=event, top_n=serializer.validated_data["top_n"], next_event=next_event
        )
        return Response(RoundEntrySerializer(entries, many=True).data)

    @extend_schema(responses=RoundEntrySerializer(many=True), summary="Startups qualified for this round")
    @action(detail=True, methods=["get"], pagination_class=None)
    def entries(self, request, pk=None):
        event = self.get_object()
        return Response(RoundEntrySerializer(event.entries.select_related("startup"), many=True).data)


# --- nested: registrations ---------------------------------------------------


@extend_schema(parameters=[EVENT_PK])
class RegistrationViewSet(EventScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Organizers list everyone; others see only their own registration."""

    serializer_class = RegistrationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["status"]

    queryset = Registration.objects.none()

    def scoped_queryset(self):
        event = self.get_event()
        qs = selectors.registrations_of(event)
        if rules.can_manage_event(self.request.user, event):
            return qs
        return qs.filter(user=self.request.user)

    @extend_schema(request=None, responses={201: RegistrationSerializer}, summary="Register myself")
    def create(self, request, event_pk=None):
        registration = registrations.registration_create(user=request.user, event=self.get_event())
        return Response(
            RegistrationSerializer(registration, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    def _own(self) -> Registration:
        registration = (
            Registration.objects.filter(event=self.get_event(), user=self.request.user)
            .exclude(status=Registration.Status.CANCELLED)
            .select_related("event", "user")
            .first()
        )
        if registration is None:
            raise Http404
        return registration

    @extend_schema(methods=["GET"], responses=RegistrationSerializer, summary="My registration (with token)")
    @extend_schema(methods=["DELETE"], responses=RegistrationSerializer, summary="Cancel my registration")
    @action(detail=False, methods=["get", "delete"])
    def mine(self, request, event_pk=None):
        registration = self._own()
        if request.method == "DELETE":
            registration = registrations.registration_cancel(actor=request.user, registration=registration)
        return Response(RegistrationSerializer(registration, context={"request": request}).data)

    @extend_schema(responses=RegistrationSerializer, summary="Cancel a registration (organizer or the person)")
    def destroy(self, request, event_pk=None, pk=None):
        registration = get_object_or_404(self.get_queryset(), pk=pk)
        registration = registrations.registration_cancel(actor=request.user, registration=registration)
        return Response(RegistrationSerializer(registration, context={"request": request}).data)

    @extend_schema(
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["svg", "png"])],
        responses={(200, "image/svg+xml"): OpenApiTypes.BINARY, (200, "image/png"): OpenApiTypes.BINARY},
        summary="QR code of my check-in token",
    )
    @action(detail=True, methods=["get"], url_path=r"qr\.(?P<fmt>svg|png)")
    def qr(self, request, event_pk=None, pk=None, fmt="svg"):
        registration = get_object_or_404(self.get_queryset(), pk=pk)
        if registration.user_id != request.user.pk and not rules.can_manage_event(request.user, self.get_event()):
            raise Http404
        if registration.status != Registration.Status.CONFIRMED:
            raise ApplicationError(_(registrations.MSG_NOT_CONFIRMED), code="not_confirmed", status_code=409)
        qr = segno.make(registrations.checkin_token(registration), error="m")
        buffer = io.BytesIO()
        if fmt == "png":
            qr.save(buffer, kind="png", scale=8, border=2)
            content_type = "image/png"
        else:
            qr.save(buffer, kind="svg", scale=8, border=2, xmldecl=False)
            content_type = "image/svg+xml"
        response = HttpResponse(buffer.getvalue(), content_type=content_type)
        response["Cache-Control"] = "private, no-store"
        return response


# --- nested: feedback ----------------------------------------------------------


@extend_schema(parameters=[EVENT_PK])
class FeedbackViewSet(EventScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = FeedbackSerializer
    permission_classes = [permissions.IsAuthenticated]

    queryset = Feedback.objects.none()

    def scoped_queryset(self):
        event = self.require_manager()
        return event.feedback.select_related("user").order_by("-updated_at", "id")

    @extend_schema(methods=["GET"], responses=FeedbackSerializer, summary="My feedback")
    @extend_schema(methods=["PUT"], request=FeedbackSerializer, responses=FeedbackSerializer, summary="Rate (edit)")
    @action(detail=False, methods=["get", "put"])
    def mine(self, request, event_pk=None):
        event = self.get_event()
        if request.method == "GET":
            feedback = get_object_or_404(event.feedback.select_related("user"), user=request.user)
            return Response(FeedbackSerializer(feedback).data)
        serializer = FeedbackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        feedback = registrations.feedback_submit(user=request.user, event=event, **serializer.validated_data)
        return Response(FeedbackSerializer(feedback).data)

    @extend_schema(responses=FeedbackSummarySerializer, summary="Average rating (organizers)")
    @action(detail=False, methods=["get"])
    def summary(self, request, event_pk=None):
        return Response(selectors.feedback_summary(self.require_manager()))


# --- nested: invitations -------------------------------------------------------


@extend_schema(parameters=[EVENT_PK])
class InvitationViewSet(EventScoped, viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=InvitationSerializer(many=True))
    def list(self, request, event_pk=None):
        event = self.require_manager()
        rows = event.invitations.select_related("user").order_by("id")
        return Response(InvitationSerializer(rows, many=True).data)

    @extend_schema(request=InvitationInputSerializer, responses=InvitationSerializer(many=True))
    def create(self, request, event_pk=None):
        event = self.require_manager()
        serializer = InvitationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rows = event_services.invitation_add(event=event, users=serializer.validated_data["users"])
        return Response(InvitationSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="User id")],
        responses={204: None},
    )
    def destroy(self, request, event_pk=None, pk=None):
        event_services.invitation_remove(event=self.require_manager(), user_id=int(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- nested: slots and bookings ------------------------------------------------


@extend_schema(parameters=[EVENT_PK])
class SlotViewSet(EventScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = SlotSerializer
    pagination_class = None  # a programme is short (≤ 100 slots)

    queryset = PitchSlot.objects.none()

    def scoped_queryset(self):
        return selectors.slots_of(self.get_event(), self.request.user)

    def _out(self, slot: PitchSlot) -> Response:
        return Response(SlotSerializer(self.get_queryset().get(pk=slot.pk)).data)

    @extend_schema(request=SlotSerializer, responses={201: SlotSerializer})
    def create(self, request, event_pk=None):
        event = self.require_manager()
        serializer = SlotSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        slot = pitches.slot_create(event=event, **serializer.validated_data)
        return Response(SlotSerializer(self.get_queryset().get(pk=slot.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SlotGenerateSerializer, responses={201: SlotSerializer(many=True)})
    @action(detail=False, methods=["post"])
    def generate(self, request, event_pk=None):
        event = self.require_manager()
        serializer = SlotGenerateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = pitches.slots_generate(event=event, **serializer.validated_data)
        rows = self.get_queryset().filter(pk__in=[s.pk for s in created])
        return Response(SlotSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SlotSerializer, responses=SlotSerializer)
    def partial_update(self, request, event_pk=None, pk=None):
        self.require_manager()
        slot = get_object_or_404(PitchSlot.objects.select_related("event"), pk=pk, event=self.get_event())
        serializer = SlotSerializer(slot, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self._out(pitches.slot_update(slot=slot, **serializer.validated_data))

    @extend_schema(responses={204: None})
    def destroy(self, request, event_pk=None, pk=None):
        self.require_manager()
        slot = get_object_or_404(PitchSlot, pk=pk, event=self.get_event())
        pitches.slot_delete(slot=slot)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[EVENT_PK])
class BookingViewSet(EventScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Organizers see every application; a startup member sees their startup's only."""

    serializer_class = BookingSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["status"]

    queryset = Booking.objects.none()

    def scoped_queryset(self):
        return selectors.bookings_of(self.get_event(), self.request.user)

    @extend_schema(request=BookingInputSerializer, responses={201: BookingSerializer}, summary="Apply for a slot")
    def create(self, request, event_pk=None):
        serializer = BookingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        booking = pitches.booking_apply(
            user=request.user,
            event=self.get_event(),
            slot_id=data["slot"],
            startup_id=data.get("startup"),
            pitch_title=data["pitch_title"],
            note=data["note"],
        )
        return Response(BookingSerializer(self.get_queryset().get(pk=booking.pk)).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, pk, approve: bool) -> Response:
        self.require_manager()
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        booking = get_object_or_404(self.get_queryset(), pk=pk)
        booking = pitches.booking_decide(
            actor=request.user, booking=booking, approve=approve, note=serializer.validated_data["note"]
        )
        return Response(BookingSerializer(self.get_queryset().get(pk=booking.pk)).data)

    @extend_schema(request=DecisionSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, event_pk=None, pk=None):
        return self._decide(request, pk, approve=True)

    @extend_schema(request=DecisionSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, event_pk=None, pk=None):
        return self._decide(request, pk, approve=False)

    @extend_schema(request=None, responses=BookingSerializer, summary="Withdraw my startup's application")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, event_pk=None, pk=None):
        booking = get_object_or_404(
            Booking.objects.filter(startup_id__in=rules.startup_ids(request.user)), pk=pk, event=self.get_event()
        )
        booking = pitches.booking_withdraw(user=request.user, booking=booking)
        return Response(BookingSerializer(self.get_queryset().get(pk=booking.pk)).data)


# --- nested: judges, scores, awards, interest ----------------------------------


@extend_schema(parameters=[EVENT_PK])
class JudgeViewSet(EventScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = JudgeSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    queryset = Judge.objects.none()

    def scoped_queryset(self):
        return Judge.objects.filter(event=self.require_manager()).select_related("user").order_by("id")

    @extend_schema(request=JudgeSerializer, responses={201: JudgeSerializer})
    def create(self, request, event_pk=None):
        event = self.require_manager()
        serializer = JudgeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        judge = pitches.judge_add(event=event, **serializer.validated_data)
        return Response(JudgeSerializer(judge).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="User id")],
        responses={204: None},
    )
    def destroy(self, request, event_pk=None, pk=None):
        pitches.judge_remove(event=self.require_manager(), user_id=int(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[EVENT_PK])
class ScoreViewSet(EventScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Judges see and edit their own sheets; organizers see all of them."""

    serializer_class = ScoreSheetSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["booking"]

    queryset = ScoreSheet.objects.none()

    def scoped_queryset(self):
        return selectors.score_sheets_of(self.get_event(), self.request.user)

    @extend_schema(
        request=ScoreInputSerializer, responses=ScoreSheetSerializer, summary="Submit or edit my score sheet"
    )
    def create(self, request, event_pk=None):
        event = self.get_event()
        serializer = ScoreInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        booking = Booking.objects.select_related("event").filter(pk=data["booking"], event=event).first()
        if booking is None:
            raise ApplicationError(_("路演不存在 · No such pitch."), errors={"booking": [_("不存在 · Not found.")]})
        sheet = pitches.score_submit(
            judge=request.user, booking=booking, scores=data["scores"], comment=data["comment"]
        )
        return Response(ScoreSheetSerializer(self.get_queryset().get(pk=sheet.pk)).data)


@extend_schema(parameters=[EVENT_PK])
class AwardViewSet(EventScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = AwardSerializer
    pagination_class = None

    queryset = Award.objects.none()

    def scoped_queryset(self):
        return Award.objects.filter(event=self.get_event()).select_related("startup").order_by("rank", "id")

    @extend_schema(request=AwardSerializer, responses={201: AwardSerializer})
    def create(self, request, event_pk=None):
        event = self.require_manager()
        serializer = AwardSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        award = pitches.award_set(event=event, **serializer.validated_data)
        return Response(AwardSerializer(award).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request, event_pk=None, pk=None):
        pitches.award_remove(event=self.require_manager(), award_id=int(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[EVENT_PK])
class InterestViewSet(EventScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    """An investor marks and lists their interests; organizers see all."""

    serializer_class = InterestSerializer
    permission_classes = [permissions.IsAuthenticated]

    queryset = InvestorInterest.objects.none()

    def scoped_queryset(self):
        event = self.get_event()
        qs = InvestorInterest.objects.filter(event=event).select_related("startup").order_by("-created_at", "id")
        if rules.can_manage_event(self.request.user, event):
            return qs
        return qs.filter(investor=self.request.user)

    @extend_schema(request=InterestSerializer, responses={201: InterestSerializer})
    def create(self, request, event_pk=None):
        serializer = InterestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        interest = pitches.interest_mark(investor=request.user, event=self.get_event(), **serializer.validated_data)
        return Response(InterestSerializer(interest).data, status=status.HTTP_201_CREATED)


# --- series and rooms ------------------------------------------------------------


class SeriesViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Series are managed objects: organizers see their organisations' series."""

    serializer_class = SeriesSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        qs = Series.objects.annotate(occurrence_count=Count("occurrences")).order_by("dtstart", "id")
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or user.is_platform_admin:
            return qs
        return qs.filter(organisation_id__in=rules.organised_org_ids(user))

    @extend_schema(request=SeriesSerializer, responses={201: SeriesSerializer})
    def create(self, request):
        serializer = SeriesSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        series = event_services.series_create(actor=request.user, **serializer.validated_data)
        return Response(SeriesSerializer(self.get_queryset().get(pk=series.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SeriesSerializer, responses=SeriesSerializer)
    def partial_update(self, request, pk=None):
        series = self.get_object()
        serializer = SeriesSerializer(series, data=request.data, partial=True, context={"request": request})
        serializer.is_valid(raise_exception=True)
        series = event_services.series_update(actor=request.user, series=series, **serializer.validated_data)
        return Response(SeriesSerializer(self.get_queryset().get(pk=series.pk)).data)

    @extend_schema(
        request=SeriesPreviewSerializer,
        responses=OccurrenceSerializer(many=True),
        summary="The dates a rule yields (nothing is saved)",
    )
    @action(detail=False, methods=["post"], pagination_class=None)
    def preview(self, request):
        serializer = SeriesPreviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        occurrences = event_services.expand_rrule(
            data["rrule"], data["dtstart"], timedelta(minutes=data["duration_minutes"])
        )
        return Response(OccurrenceSerializer(occurrences, many=True).data)

    @extend_schema(request=None, responses=SeriesSerializer, summary="Create missing occurrences")
    @action(detail=True, methods=["post"])
    def regenerate(self, request, pk=None):
        series = self.get_object()
        event_services.series_regenerate(series=series)
        return Response(SeriesSerializer(self.get_queryset().get(pk=series.pk)).data)


class RoomViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Rooms are public (venues); organizers of the carrier's operator keep them."""

    serializer_class = RoomSerializer
    filterset_fields = ["carrier"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return Room.objects.select_related("carrier__region").order_by("carrier__name", "name")

    def perform_create(self, serializer):
        carrier = serializer.validated_data["carrier"]
        if not rules.can_manage_carrier(self.request.user, carrier):
            raise PermissionDenied(_("仅载体运营方可管理场地 · Only the carrier's operator keeps its rooms."))
        serializer.instance = event_services.room_create(**serializer.validated_data)

    def perform_update(self, serializer):
        if not rules.can_manage_carrier(self.request.user, serializer.instance.carrier):
            raise PermissionDenied(_("仅载体运营方可管理场地 · Only the carrier's operator keeps its rooms."))
        if (
            "carrier" in serializer.validated_data
            and serializer.validated_data["carrier"] != serializer.instance.carrier
        ):
            raise ApplicationError(_("场地不能换载体 · A room cannot change carrier."), errors={"carrier_id": ["-"]})
        serializer.save()


# --- calendars ------------------------------------------------------------------


def _feed_urls(request, user: User) -> dict[str, str]:
    url = request.build_absolute_uri(f"/api/calendar/feed/{user.calendar_token}.ics")
    return {"url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


class CalendarFeedView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=CalendarFeedSerializer, summary="My private calendar feed URL")
    def get(self, request):
        return Response(_feed_urls(request, request.user))


class CalendarRotateView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses=CalendarFeedSerializer, summary="New feed URL; the old one stops working")
    def post(self, request):
        from events.services.calendar import calendar_token_rotate

        user = calendar_token_rotate(user=request.user)
        return Response(_feed_urls(request, user))


class CalendarFeedIcsView(APIView):
    """The feed itself: the token in the URL is the credential (calendar apps send no cookies)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(
        responses={(200, "text/calendar"): OpenApiTypes.BINARY, 404: OpenApiResponse(description="Unknown token")}
    )
    def get(self, request, token: str):
        from events.services.calendar import feed_components

        user = User.objects.filter(calendar_token=token, is_active=True).first()
        if user is None:
            raise Http404
        body = ics.calendar(feed_components(user, base_url=_base_url(request)), name=f"创联 Innolink · {user.name}")
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, max-age=300"
        return response
