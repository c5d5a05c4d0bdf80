"""Matchmaking API below /api/events/{event_pk}/matchmaking: thin views that validate, call, serialize.

Scope: an event the requester may not see, or one that is no matchmaking
day, answers 404 everywhere below it. Organizer commands answer 403 to
everyone else; participant commands answer 403 to people who do not act for
the participant (see :mod:`.rules`).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.errors import ApplicationError
from backend.jobs.models import Job
from events import ics
from events import rules as event_rules
from events import selectors as event_selectors
from events.matchmaking import rules, selectors
from events.matchmaking.models import (
    LIVE_REQUEST,
    MATCHMAKING_TYPES,
    FollowUp,
    MatchmakingDay,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Participant,
    Side,
)
from events.matchmaking.recommend import recommend_for
from events.matchmaking.serializers import (
    MmAgendaSerializer,
    MmCancelResultSerializer,
    MmCheckinInputSerializer,
    MmCheckinResultSerializer,
    MmDaySerializer,
    MmDayWriteSerializer,
    MmFollowUpAnswerSerializer,
    MmFollowUpSerializer,
    MmLockInputSerializer,
    MmLockResultSerializer,
    MmMeetingSerializer,
    MmOutcomeInputSerializer,
    MmOutcomeSerializer,
    MmOutcomesOverviewSerializer,
    MmParticipantJoinSerializer,
    MmParticipantSerializer,
    MmParticipantUpdateSerializer,
    MmReasonInputSerializer,
    MmRecommendationSerializer,
    MmRepairResultSerializer,
    MmRequestCreateSerializer,
    MmRequestSerializer,
    MmScheduleRunInputSerializer,
    MmScheduleRunResultSerializer,
    MmScheduleSerializer,
    MmSlotGenerateSerializer,
    MmSlotSerializer,
    MmTableSerializer,
    MmTablesInputSerializer,
    MmUnavailableInputSerializer,
)
from events.matchmaking.services import dayof, requests, schedule, setup
from events.models import Event

MSG_NOT_ORGANIZER = "仅本活动的组织者可操作 · Only the event's organizers may do this."
MSG_NOT_PARTICIPANT = "仅本场对接的参加方可查看 · Only participants of this day may see this."
MSG_NOT_YOURS = "您不代表该参加方 · You do not act for this participant."
MSG_NOT_RECIPIENT = "只有被邀请方可以答复 · Only the recipient may answer."
MSG_NOT_SENDER = "只有发起方可以撤回 · Only the sender may withdraw."
MSG_NO_PARTICIPANT = "您所在机构未参加本场对接 · Your organisation does not take part in this day."
MSG_WHICH_SENDER = "您代表多个参加方，请指定 sender · You act for several participants; give sender."
MSG_UNKNOWN_RECIPIENT = "没有这个参加方 · No such participant."
MSG_WHICH_SIDE = "请指定代表哪一方（side） · Say which side you record for (side)."
MSG_UNKNOWN_SLOT = "没有这个时段或桌位 · No such slot or table."

EVENT_PK = OpenApiParameter("event_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Event id")


class DayScoped:
    """For views below /events/{event_pk}/matchmaking: the event if visible and a matchmaking day."""

    permission_classes = [permissions.IsAuthenticated]

    def get_event(self) -> Event:
        if not hasattr(self, "_event"):
            qs = event_selectors.events_visible_to(self.request.user).select_related("organisation", "room__carrier")
            event = get_object_or_404(qs, pk=self.kwargs["event_pk"])
            if event.type not in MATCHMAKING_TYPES:
                raise Http404
            self._event = event
        return self._event

    def get_day(self) -> MatchmakingDay:
        return selectors.day_or_default(self.get_event())

    def is_manager(self) -> bool:
        return rules.can_manage(self.request.user, self.get_event())

    def require_manager(self) -> Event:
        event = self.get_event()
        if not rules.can_manage(self.request.user, event):
            raise PermissionDenied(MSG_NOT_ORGANIZER)
        return event

    def my_participants(self) -> list[Participant]:
        if not hasattr(self, "_mine"):
            self._mine = list(
                rules.my_participants(self.request.user, self.get_event().pk).select_related("organisation")
            )
        return self._mine

    def my_ids(self) -> set[int]:
        return {p.pk for p in self.my_participants()}

    def require_seer(self) -> Event:
        """Managers and participants of the day."""
        event = self.get_event()
        if not self.is_manager() and not self.my_participants():
            raise PermissionDenied(MSG_NOT_PARTICIPANT)
        return event

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped_queryset()


def _day_data(view: DayScoped, day: MatchmakingDay) -> dict:
    day.can_manage = view.is_manager()
    day.mine = view.my_participants() if view.request.user.is_authenticated else []
    if day.pk and MatchmakingDay.objects.filter(pk=day.pk).exists():
        counts = MatchmakingDay.objects.filter(pk=day.pk).aggregate(
            participant_count=Count("participants", distinct=True),
            slot_count=Count("slots", distinct=True),
            table_count=Count("tables", distinct=True),
        )
        for key, value in counts.items():
            setattr(day, key, value)
    return MmDaySerializer(day).data


# --- the day -----------------------------------------------------------------


@extend_schema(parameters=[EVENT_PK])
class DayView(DayScoped, APIView):
    """The day's settings and state; everyone who may see the event reads it."""

    def get_permissions(self):
        if self.request.method == "GET":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    @extend_schema(responses=MmDaySerializer, summary="Matchmaking day: settings, schedule state, my participation")
    def get(self, request, event_pk=None):
        return Response(_day_data(self, self.get_day()))

    @extend_schema(
        request=MmDayWriteSerializer, responses=MmDaySerializer, summary="Change the day's settings (organizer)"
    )
    def patch(self, request, event_pk=None):
        event = self.require_manager()
        serializer = MmDayWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        clear = "request_deadline" in data and data["request_deadline"] is None
        if clear:
            data.pop("request_deadline")
        day = setup.day_update(actor=request.user, event=event, clear_deadline=clear, **data)
        return Response(_day_data(self, day))


@extend_schema(parameters=[EVENT_PK])
class SlotsView(DayScoped, APIView):
    @extend_schema(responses=MmSlotSerializer(many=True), summary="The day's time slots (participants and organizers)")
    def get(self, request, event_pk=None):
        self.require_seer()
        return Response(MmSlotSerializer(MeetingSlot.objects.filter(day_id=self.get_event().pk), many=True).data)

    @extend_schema(request=MmSlotGenerateSerializer, responses=MmSlotSerializer(many=True), summary="Set the slots")
    def put(self, request, event_pk=None):
        event = self.require_manager()
        serializer = MmSlotGenerateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        slots = setup.slots_generate(actor=request.user, event=event, **serializer.validated_data)
        return Response(MmSlotSerializer(slots, many=True).data)


@extend_schema(parameters=[EVENT_PK])
class TablesView(DayScoped, APIView):
    @extend_schema(responses=MmTableSerializer(many=True), summary="The day's tables")
    def get(self, request, event_pk=None):
        self.require_seer()
        return Response(MmTableSerializer(MeetingTable.objects.filter(day_id=self.get_event().pk), many=True).data)

    @extend_schema(request=MmTablesInputSerializer, responses=MmTableSerializer(many=True), summary="Set the tables")
    def put(self, request, event_pk=None):
        event = self.require_manager()
        serializer = MmTablesInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        tables = setup.tables_set(actor=request.user, event=event, **serializer.validated_data)
        return Response(MmTableSerializer(tables, many=True).data)


# --- participants --------------------------------------------------------------


@extend_schema(parameters=[EVENT_PK])
class ParticipantViewSet(DayScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Participants and managers see everyone on the day (what each offers and seeks)."""

    serializer_class = MmParticipantSerializer
    queryset = Participant.objects.none()
    filterset_fields = ["side"]
    pagination_class = None

    def scoped_queryset(self):
        self.require_seer()
        return selectors.participants(self.get_event().pk)

    def _acting(self, pk) -> Participant:
        participant = get_object_or_404(
            Participant.objects.select_related("organisation"), day_id=self.get_event().pk, pk=pk
        )
        if not (self.is_manager() or rules.acts_for(self.request.user, participant)):
            raise PermissionDenied(MSG_NOT_YOURS)
        return participant

    def _fresh(self, participant: Participant, code=status.HTTP_200_OK) -> Response:
        row = selectors.participants(participant.day_id).get(pk=participant.pk)
        return Response(MmParticipantSerializer(row).data, status=code)

    @extend_schema(
        request=MmParticipantJoinSerializer,
        responses={201: MmParticipantSerializer},
        summary="Take part for my organisation (organizers: add any organisation)",
    )
    def create(self, request, event_pk=None):
        serializer = MmParticipantJoinSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        participant = setup.participant_join(actor=request.user, event=self.get_event(), **serializer.validated_data)
        return self._fresh(participant, status.HTTP_201_CREATED)

    @extend_schema(
        request=MmParticipantUpdateSerializer, responses=MmParticipantSerializer, summary="Edit offer and seek"
    )
    def partial_update(self, request, event_pk=None, pk=None):
        participant = self._acting(pk)
        serializer = MmParticipantUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        participant = setup.participant_update(actor=request.user, participant=participant, **serializer.validated_data)
        return self._fresh(participant)

    @extend_schema(
        request=MmUnavailableInputSerializer, responses=MmParticipantSerializer, summary="Unavailable slots (organizer)"
    )
    @action(detail=True, methods=["put"])
    def unavailable(self, request, event_pk=None, pk=None):
        self.require_manager()
        participant = get_object_or_404(Participant, day_id=self.get_event().pk, pk=pk)
        serializer = MmUnavailableInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        setup.participant_set_unavailable(
            actor=request.user, participant=participant, slot_ids=serializer.validated_data["slots"]
        )
        return self._fresh(participant)

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="How many (1–50, default 10)")],
        responses=MmRecommendationSerializer(many=True),
        summary="Counterparts the engine recommends, with reasons",
    )
    @action(detail=True, methods=["get"])
    def recommendations(self, request, event_pk=None, pk=None):
        participant = self._acting(pk)
        try:
            limit = min(max(int(request.query_params.get("limit", 10)), 1), 50)
        except ValueError:
            raise ApplicationError("limit 须为整数 · limit must be an integer.", errors={"limit": ["?"]}) from None
        found = recommend_for(participant, limit=limit)
        live = {}
        for r in MeetingRequest.objects.filter(LIVE_REQUEST).filter(Q(sender=participant) | Q(recipient=participant)):
            other = r.recipient_id if r.sender_id == participant.pk else r.sender_id
            live[other] = r
        rows = [
            {
                "participant": rec.participant,
                "score": rec.score,
                "via": rec.via,
                "reasons": rec.reasons,
                "request_status": live[rec.participant.pk].status if rec.participant.pk in live else None,
                "request_id": live[rec.participant.pk].pk if rec.participant.pk in live else None,
            }
            for rec in found
        ]
        return Response(MmRecommendationSerializer(rows, many=True).data)


# --- requests --------------------------------------------------------------------


@extend_schema(parameters=[EVENT_PK])
class RequestViewSet(DayScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A participant sees the requests it sent and received; organizers see all."""

    serializer_class = MmRequestSerializer
    queryset = MeetingRequest.objects.none()
    filterset_fields = ["status"]

    def scoped_queryset(self):
        self.require_seer()
        qs = selectors.requests_visible(self.request.user, self.get_event())
        box = self.request.query_params.get("box")
        if box == "sent":
            qs = qs.filter(sender_id__in=self.my_ids())
        elif box == "received":
            qs = qs.filter(recipient_id__in=self.my_ids())
        return qs

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["my_participant_ids"] = self.my_ids()
        return context

    @extend_schema(
        parameters=[OpenApiParameter("box", str, enum=["sent", "received"], description="Only sent or received")]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _out(self, request_obj, code=status.HTTP_200_OK) -> Response:
        row = selectors.requests_visible(self.request.user, self.get_event()).get(pk=request_obj.pk)
        return Response(MmRequestSerializer(row, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=MmRequestCreateSerializer, responses={201: MmRequestSerializer}, summary="Request a meeting")
    def create(self, request, event_pk=None):
        serializer = MmRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mine = self.my_participants()
        if not mine:
            raise PermissionDenied(MSG_NO_PARTICIPANT)
        if "sender" in data:
            sender = next((p for p in mine if p.pk == data["sender"]), None)
            if sender is None:
                raise PermissionDenied(MSG_NOT_YOURS)
        elif len(mine) > 1:
            raise ApplicationError(MSG_WHICH_SENDER, errors={"sender": [MSG_WHICH_SENDER]})
        else:
            sender = mine[0]
        recipient = Participant.objects.select_related("organisation").filter(pk=data["recipient"]).first()
        if recipient is None:
            raise ApplicationError(MSG_UNKNOWN_RECIPIENT, errors={"recipient": [MSG_UNKNOWN_RECIPIENT]})
        created = requests.request_send(
            actor=request.user,
            sender=sender,
            recipient=recipient,
            preference=data["preference"],
            message=data["message"],
        )
        return self._out(created, status.HTTP_201_CREATED)

    def _own(self, pk, role: str) -> MeetingRequest:
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        who = obj.recipient_id if role == "recipient" else obj.sender_id
        if who not in self.my_ids():
            raise PermissionDenied(MSG_NOT_RECIPIENT if role == "recipient" else MSG_NOT_SENDER)
        return obj

    @extend_schema(request=None, responses=MmRequestSerializer, summary="Accept (the recipient)")
    @action(detail=True, methods=["post"])
    def accept(self, request, event_pk=None, pk=None):
        obj = requests.request_accept(actor=request.user, request=self._own(pk, "recipient"))
        return self._out(obj)

    @extend_schema(request=MmReasonInputSerializer, responses=MmRequestSerializer, summary="Decline (the recipient)")
    @action(detail=True, methods=["post"])
    def decline(self, request, event_pk=None, pk=None):
        obj = self._own(pk, "recipient")
        serializer = MmReasonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = requests.request_decline(actor=request.user, request=obj, reason=serializer.validated_data["reason"])
        return self._out(obj)

    @extend_schema(request=None, responses=MmRequestSerializer, summary="Withdraw (the sender)")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, event_pk=None, pk=None):
        obj = requests.request_withdraw(actor=request.user, request=self._own(pk, "sender"))
        return self._out(obj)


# --- schedule --------------------------------------------------------------------


def _slot_or_table(model, day_id: int, pk):
    if pk is None:
        return None
    found = model.objects.filter(day_id=day_id, pk=pk).first()
    if found is None:
        field = "slot" if model is MeetingSlot else "table"
        raise ApplicationError(MSG_UNKNOWN_SLOT, errors={field: [MSG_UNKNOWN_SLOT]})
    return found


@extend_schema(parameters=[EVENT_PK])
class ScheduleView(DayScoped, APIView):
    """The organizer's grid (slot × table), the bound and what is wrong."""

    @extend_schema(responses=MmScheduleSerializer, summary="The grid (slot × table), the bound and conflicts")
    def get(self, request, event_pk=None):
        event = self.require_manager()
        day = self.get_day()
        inp = schedule.schedule_input(day) if day.pk else None
        meetings = (
            Meeting.objects.filter(day_id=event.pk, status=Meeting.Status.ACTIVE)
            .select_related("slot", "table", "enterprise__organisation", "partner__organisation")
            .prefetch_related("outcomes")
            .order_by("slot__starts", "table__number", "id")
        )
        job = Job.objects.filter(pk=day.schedule_job_id).first() if day.schedule_job_id else None
        latest = (
            Job.objects.filter(kind="matchmaking.schedule", params__event_id=event.pk).order_by("-created_at").first()
        )
        job = latest or job
        data = {
            "info": day.schedule_info or None,
            "slots": MeetingSlot.objects.filter(day_id=event.pk),
            "tables": MeetingTable.objects.filter(day_id=event.pk),
            "meetings": meetings,
            "unplaced": sum(1 for p in inp.previous if p is None) if inp else 0,
            "problems": schedule.problems(inp) if inp else [],
            "lower_bound": schedule._bound_of(inp) if inp and inp.meetings else 0,
            "published_at": day.published_at,
            "changed_since_publish": day.changed_since_publish,
            "job": {"id": job.pk, "status": job.status, "progress": job.progress} if job else None,
        }
        return Response(MmScheduleSerializer(data).data)


@extend_schema(parameters=[EVENT_PK])
class ScheduleViewSet(DayScoped, viewsets.ViewSet):
    """The organizer's schedule commands: run the scheduler, publish, repair."""

    @extend_schema(
        request=MmScheduleRunInputSerializer,
        responses={202: MmScheduleRunResultSerializer},
        summary="Run the scheduler as a job; follow it at /api/jobs/{id}",
    )
    @action(detail=False, methods=["post"])
    def run(self, request, event_pk=None):
        event = self.require_manager()
        serializer = MmScheduleRunInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job = schedule.schedule_start(actor=request.user, event=event, **serializer.validated_data)
        return Response({"job": job.pk, "status": job.status}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses=MmDaySerializer, summary="Publish: everyone gets their agenda")
    @action(detail=False, methods=["post"])
    def publish(self, request, event_pk=None):
        event = self.require_manager()
        day = schedule.schedule_publish(actor=request.user, event=event)
        return Response(_day_data(self, day))

    @extend_schema(request=None, responses=MmRepairResultSerializer, summary="Repair with as few moves as possible")
    @action(detail=False, methods=["post"])
    def repair(self, request, event_pk=None):
        event = self.require_manager()
        return Response(MmRepairResultSerializer(schedule.schedule_repair(actor=request.user, event=event)).data)


# --- meetings --------------------------------------------------------------------


@extend_schema(parameters=[EVENT_PK])
class MeetingViewSet(DayScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A participant sees its meetings; organizers all. Outcomes: each side its own."""

    serializer_class = MmMeetingSerializer
    queryset = Meeting.objects.none()
    filterset_fields = ["status"]
    pagination_class = None

    def scoped_queryset(self):
        self.require_seer()
        return selectors.meetings_visible(self.request.user, self.get_event()).order_by(
            "slot__starts", "table__number", "id"
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False) and not self.is_manager():
            context["outcome_sides"] = self._my_sides()
        return context

    def _my_sides(self) -> set[tuple[int, str]]:
        mine = self.my_ids()
        return {
            (m, side)
            for m, e, p in Meeting.objects.filter(day_id=self.get_event().pk).values_list(
                "id", "enterprise_id", "partner_id"
            )
            for side, who in ((Side.ENTERPRISE, e), (Side.PARTNER, p))
            if who in mine
        }

    def _meeting(self, pk) -> Meeting:
        return get_object_or_404(self.get_queryset(), pk=pk)

    def _out(self, meeting: Meeting) -> dict:
        return MmMeetingSerializer(self.get_queryset().get(pk=meeting.pk), context=self.get_serializer_context()).data

    def _managed(self, pk) -> Meeting:
        self.require_manager()
        return self._meeting(pk)

    @extend_schema(
        request=MmLockInputSerializer, responses=MmLockResultSerializer, summary="Lock to a slot (organizer)"
    )
    @action(detail=True, methods=["post"])
    def lock(self, request, event_pk=None, pk=None):
        meeting = self._managed(pk)
        serializer = MmLockInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        day_id = self.get_event().pk
        slot = _slot_or_table(MeetingSlot, day_id, serializer.validated_data["slot"])
        table = _slot_or_table(MeetingTable, day_id, serializer.validated_data["table"])
        meeting, unplaced = schedule.meeting_lock(actor=request.user, meeting=meeting, slot=slot, table=table)
        return Response({"meeting": self._out(meeting), "unplaced": unplaced})

    @extend_schema(request=None, responses=MmMeetingSerializer, summary="Unlock (organizer)")
    @action(detail=True, methods=["post"])
    def unlock(self, request, event_pk=None, pk=None):
        meeting = schedule.meeting_unlock(actor=request.user, meeting=self._managed(pk))
        return Response(self._out(meeting))

    @extend_schema(
        request=MmCheckinInputSerializer, responses=MmCheckinResultSerializer, summary="Check in (organizer)"
    )
    @action(detail=True, methods=["post"])
    def checkin(self, request, event_pk=None, pk=None):
        meeting = self._managed(pk)
        serializer = MmCheckinInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting, already = dayof.meeting_checkin(actor=request.user, meeting=meeting, **serializer.validated_data)
        return Response({"meeting": self._out(meeting), "already": already})

    @extend_schema(
        request=MmReasonInputSerializer,
        responses=MmCancelResultSerializer,
        summary="Cancel (organizer or either side); the freed slot is offered to waiting requests",
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, event_pk=None, pk=None):
        meeting = self._meeting(pk)
        if not self.is_manager() and not ({meeting.enterprise_id, meeting.partner_id} & self.my_ids()):
            raise PermissionDenied(MSG_NOT_YOURS)
        serializer = MmReasonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting, offered = dayof.meeting_cancel(
            actor=request.user, meeting=meeting, reason=serializer.validated_data["reason"]
        )
        offered_rows = MeetingRequest.objects.filter(pk__in=[r.pk for r in offered]).select_related(
            "sender__organisation", "recipient__organisation", "offered_slot"
        )
        return Response(
            {
                "meeting": self._out(meeting),
                "offered": MmRequestSerializer(
                    offered_rows, many=True, context={"my_participant_ids": self.my_ids()}
                ).data,
            }
        )

    @extend_schema(request=MmOutcomeInputSerializer, responses=MmOutcomeSerializer, summary="Record my side's outcome")
    @action(detail=True, methods=["put"])
    def outcome(self, request, event_pk=None, pk=None):
        meeting = self._meeting(pk)
        serializer = MmOutcomeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        mine = self.my_ids()
        sides = [
            s
            for s, who in ((Side.ENTERPRISE, meeting.enterprise_id), (Side.PARTNER, meeting.partner_id))
            if who in mine
        ]
        side = data.pop("side", None)
        if not sides:
            raise PermissionDenied(MSG_NOT_YOURS)
        if side is None:
            if len(sides) > 1:
                raise ApplicationError(MSG_WHICH_SIDE, errors={"side": [MSG_WHICH_SIDE]})
            side = sides[0]
        elif side not in sides:
            raise PermissionDenied(MSG_NOT_YOURS)
        outcome = dayof.outcome_record(actor=request.user, meeting=meeting, side=side, **data)
        return Response(MmOutcomeSerializer(outcome).data)


# --- agenda ----------------------------------------------------------------------


def _location(event: Event) -> str:
    if event.room_id:
        carrier = event.room.carrier
        return " · ".join(part for part in (carrier.name, event.room.name, carrier.address) if part)
    return event.online_url


class AgendaBase(DayScoped):
    """A participant's personal agenda (organizers: any participant's, with ?participant=)."""

    def _participant(self) -> Participant:
        self.require_seer()
        wanted = self.request.query_params.get("participant")
        mine = self.my_participants()
        if wanted:
            try:
                wanted_id = int(wanted)
            except ValueError:
                raise ApplicationError(MSG_UNKNOWN_RECIPIENT, errors={"participant": [MSG_UNKNOWN_RECIPIENT]}) from None
            participant = (
                Participant.objects.select_related("organisation")
                .filter(day_id=self.get_event().pk, pk=wanted_id)
                .first()
            )
            if participant is None:
                raise Http404
            if not self.is_manager() and participant.pk not in self.my_ids():
                raise PermissionDenied(MSG_NOT_YOURS)
            return participant
        if not mine:
            raise ApplicationError(MSG_NO_PARTICIPANT, errors={"participant": [MSG_NO_PARTICIPANT]})
        return mine[0]

    def _items(self, participant: Participant, published: bool) -> list[Meeting]:
        # Participants see their agenda once published; organizers also before.
        if not published and not self.is_manager():
            return []
        return list(selectors.agenda(participant))


@extend_schema(parameters=[EVENT_PK])
class AgendaView(AgendaBase, APIView):
    @extend_schema(
        parameters=[OpenApiParameter("participant", int, description="Organizers: whose agenda")],
        responses=MmAgendaSerializer,
        summary="My agenda for the day",
    )
    def get(self, request, event_pk=None):
        participant = self._participant()
        event, day = self.get_event(), self.get_day()
        published = day.published_at is not None
        items = [
            {
                "meeting": m.pk,
                "slot": m.slot,
                "table": m.table,
                "counterpart": m.partner if m.enterprise_id == participant.pk else m.enterprise,
                "preference": m.preference,
                "status": m.status,
                "attendance": selectors.attendance(m),
            }
            for m in self._items(participant, published)
        ]
        data = {
            "participant": participant,
            "title": event.title,
            "starts": event.starts,
            "ends": event.ends,
            "location": _location(event),
            "published": published,
            "items": items,
        }
        return Response(MmAgendaSerializer(data).data)


@extend_schema(parameters=[EVENT_PK])
class AgendaIcsView(AgendaBase, APIView):
    @extend_schema(
        parameters=[OpenApiParameter("participant", int, description="Organizers: whose agenda")],
        responses={(200, "text/calendar"): OpenApiTypes.BINARY},
        summary="My agenda as .ics",
    )
    def get(self, request, event_pk=None):
        participant = self._participant()
        event, day = self.get_event(), self.get_day()
        base = f"{request.scheme}://{request.get_host()}"
        components = []
        for meeting in self._items(participant, day.published_at is not None):
            other = meeting.partner if meeting.enterprise_id == participant.pk else meeting.enterprise
            cancelled = meeting.status == Meeting.Status.CANCELLED
            component = ics._vevent(
                uid=f"meeting-{meeting.pk}@{ics.UID_DOMAIN}",
                event=event,
                summary=f"对接 Meeting: {other.organisation.name} · {meeting.table.label}",
                starts=meeting.slot.starts,
                ends=meeting.slot.ends,
                status="CANCELLED" if cancelled else "CONFIRMED",
                description=f"{event.title}\n{meeting.table.label} (table {meeting.table.number})",
                base_url=base,
            )
            component.pop("sequence")
            component.add("sequence", meeting.sequence)
            components.append(component)
        body = ics.calendar(components, name=f"{event.title} · {participant.organisation.name}")
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="agenda-{event.pk}-{participant.pk}.ics"'
        return response


# --- outcomes and follow-ups -------------------------------------------------------


@extend_schema(parameters=[EVENT_PK])
class OutcomesView(DayScoped, APIView):
    """The organizer's overview after the day."""

    @extend_schema(responses=MmOutcomesOverviewSerializer, summary="Attendance, intentions and results (organizer)")
    def get(self, request, event_pk=None):
        event = self.require_manager()
        data = selectors.outcomes_overview(event.pk)
        data["meeting_list"] = (
            Meeting.objects.filter(day_id=event.pk)
            .select_related("slot", "table", "enterprise__organisation", "partner__organisation")
            .prefetch_related("outcomes")
            .order_by("slot__starts", "table__number", "id")
        )
        return Response(MmOutcomesOverviewSerializer(data).data)


@extend_schema(parameters=[EVENT_PK])
class FollowUpViewSet(DayScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The 3- and 6-month questions: each side answers its own; organizers read all."""

    serializer_class = MmFollowUpSerializer
    queryset = FollowUp.objects.none()
    filterset_fields = ["months", "result"]

    def scoped_queryset(self):
        self.require_seer()
        return selectors.follow_ups_visible(self.request.user, self.get_event())

    @extend_schema(request=MmFollowUpAnswerSerializer, responses=MmFollowUpSerializer, summary="Answer (that side)")
    def partial_update(self, request, event_pk=None, pk=None):
        follow_up = get_object_or_404(self.get_queryset(), pk=pk)
        meeting = follow_up.meeting
        who = meeting.enterprise_id if follow_up.side == Side.ENTERPRISE else meeting.partner_id
        if who not in self.my_ids():
            raise PermissionDenied(MSG_NOT_YOURS)
        serializer = MmFollowUpAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        follow_up = dayof.followup_answer(actor=request.user, follow_up=follow_up, **serializer.validated_data)
        return Response(MmFollowUpSerializer(follow_up).data)


# --- across days ----------------------------------------------------------------------


class MyDaysView(APIView):
    """Matchmaking days for the home page: those I take part in or organize, and open ones to join."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("scope", str, enum=["mine", "open"], description="mine (default) or open")],
        responses=MmDaySerializer(many=True),
        summary="My matchmaking days, or upcoming ones I could join",
    )
    def get(self, request):
        user = request.user
        scope = request.query_params.get("scope", "mine")
        events = event_selectors.events_visible_to(user).filter(type__in=MATCHMAKING_TYPES)
        org_ids = rules.member_org_ids(user)
        taking_part = Participant.objects.filter(organisation_id__in=org_ids).values("day_id")
        if scope == "open":
            events = events.filter(ends__gt=timezone.now()).exclude(status="cancelled").exclude(pk__in=taking_part)
        else:
            managed = Q(organisation_id__in=event_rules.organised_org_ids(user))
            events = events.filter(Q(pk__in=taking_part) | managed)
            events = events.filter(ends__gt=timezone.now() - timedelta(days=200))
        out = []
        for event in events.order_by("starts")[:20]:
            view = DayScoped()
            view.request, view.kwargs, view._event = request, {"event_pk": event.pk}, event
            out.append(_day_data(view, selectors.day_or_default(event)))
        return Response(out)
