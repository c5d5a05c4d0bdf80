"""Mentoring API: validate, call a service, answer with the re-read row. Thin on purpose.

Scoping gives 404 for rows outside the viewer's reach; services give 403 to a
viewer who may see a row but not act on it (an admin accepting for a mentor).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.directory.models import MentorProfile
from backend.mentoring import rules, selectors, serializers, services
from backend.mentoring.models import MentoringRequest, Mentorship, Programme, Proposal


def _query(serializer_class, request) -> dict:
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data


@extend_schema_view(get=extend_schema(parameters=[serializers.MentorQuerySerializer]))
class MentorListView(generics.ListAPIView):
    """找导师 · Active mentors with their free places, searchable (Chinese search) and by industry."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.MentorCardSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MentorProfile.objects.none()
        params = _query(serializers.MentorQuerySerializer, self.request)
        return selectors.mentor_directory(
            user=self.request.user, text=params.get("q", ""), industry=params.get("industry")
        )


@extend_schema_view(
    list=extend_schema(parameters=[serializers.RequestListQuerySerializer]),
    create=extend_schema(
        request=serializers.MentoringRequestCreateSerializer, responses={201: serializers.MentoringRequestSerializer}
    ),
)
class MentoringRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """辅导申请 · Mentoring requests: the startup's members and the mentor see them (admins read all)."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.MentoringRequestSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MentoringRequest.objects.none()
        params = _query(serializers.RequestListQuerySerializer, self.request) if self.action == "list" else {}
        queryset = selectors.request_list(user=self.request.user, side=params.get("side"))
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        return queryset

    def answer(self, instance, status_code=status.HTTP_200_OK) -> Response:
        instance = selectors.request_list(user=self.request.user).get(pk=instance.pk)
        return Response(serializers.MentoringRequestSerializer(instance).data, status=status_code)

    def create(self, request, *args, **kwargs):
        data = serializers.MentoringRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.answer(services.request_create(user=request.user, **data.validated_data), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=serializers.MentoringRequestSerializer, summary="接受 · accept (mentor)")
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self.answer(services.request_accept(user=request.user, request_id=self.get_object().pk))

    @extend_schema(
        request=serializers.MentoringDeclineSerializer,
        responses=serializers.MentoringRequestSerializer,
        summary="婉拒 · decline with a reason (mentor)",
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        request_id = self.get_object().pk
        data = serializers.MentoringDeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.answer(services.request_decline(user=request.user, request_id=request_id, **data.validated_data))

    @extend_schema(request=None, responses=serializers.MentoringRequestSerializer, summary="撤回 · withdraw (startup)")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self.answer(services.request_withdraw(user=request.user, request_id=self.get_object().pk))


@extend_schema_view(list=extend_schema(parameters=[serializers.MentorshipListQuerySerializer]))
class MentorshipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """辅导关系 · Mentorships. Session logs are for the mentor and the startup's members only."""

    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.MentorshipDetailSerializer
        return serializers.MentorshipSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Mentorship.objects.none()
        params = _query(serializers.MentorshipListQuerySerializer, self.request) if self.action == "list" else {}
        queryset = selectors.mentorship_list(user=self.request.user, side=params.get("side"))
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        return queryset

    def retrieve(self, request, *args, **kwargs):
        mentorship = self.get_object()
        team = selectors.mentee_team(mentorship=mentorship) if rules.is_party(request.user, mentorship) else []
        context = {**self.get_serializer_context(), "team": team}
        return Response(serializers.MentorshipDetailSerializer(mentorship, context=context).data)

    def _party_mentorship(self) -> Mentorship:
        mentorship = self.get_object()
        if not rules.is_party(self.request.user, mentorship):
            raise PermissionDenied()  # admins see that it exists, never its sessions
        return mentorship

    @extend_schema(
        request=serializers.MentorshipEndSerializer,
        responses=serializers.MentorshipSerializer,
        summary="结束辅导 · end",
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        mentorship = self._party_mentorship()
        data = serializers.MentorshipEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.mentorship_end(user=request.user, mentorship_id=mentorship.pk, **data.validated_data)
        return Response(serializers.MentorshipSerializer(self.get_queryset().get(pk=mentorship.pk)).data)

    @extend_schema(
        methods=["GET"], responses=serializers.MentoringSessionSerializer(many=True), summary="辅导记录 · sessions"
    )
    @extend_schema(
        methods=["POST"],
        request=serializers.MentoringSessionSerializer,
        responses={201: serializers.MentoringSessionSerializer},
        summary="记录一次辅导 · log a session",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def sessions(self, request, pk=None):
        mentorship = self._party_mentorship()
        if request.method == "GET":
            rows = selectors.session_list(mentorship=mentorship)
            return Response(serializers.MentoringSessionSerializer(rows, many=True).data)
        data = serializers.MentoringSessionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = services.session_log(user=request.user, mentorship_id=mentorship.pk, **data.validated_data)
        session = selectors.session_list(mentorship=mentorship).get(pk=session.pk)
        return Response(serializers.MentoringSessionSerializer(session).data, status=status.HTTP_201_CREATED)


# --- programmes --------------------------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(
        request=serializers.ProgrammeCreateSerializer, responses={201: serializers.ProgrammeDetailSerializer}
    ),
    partial_update=extend_schema(
        request=serializers.ProgrammeUpdateSerializer, responses=serializers.ProgrammeDetailSerializer
    ),
)
class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """导师辅导计划 · Mentoring programmes. Organizers of the running organisation (and admins) manage them;
    organizers read all; mentors and startups in a programme read it and their own proposals."""

    permission_classes = [IsAuthenticated]
    filter_backends = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.ProgrammeSerializer
        return serializers.ProgrammeDetailSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Programme.objects.none()
        return selectors.programme_list(user=self.request.user)

    def answer(self, programme, status_code=status.HTTP_200_OK) -> Response:
        programme = self.get_queryset().get(pk=programme.pk)
        context = {
            **self.get_serializer_context(),
            "startups": selectors.programme_startups(programme=programme),
            "mentors": selectors.programme_mentors(programme=programme),
            "counts": selectors.programme_session_counts(programme=programme),
        }
        return Response(serializers.ProgrammeDetailSerializer(programme, context=context).data, status=status_code)

    def retrieve(self, request, *args, **kwargs):
        return self.answer(self.get_object())

    def create(self, request, *args, **kwargs):
        data = serializers.ProgrammeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not rules.is_organizer(request.user):
            raise PermissionDenied()
        return self.answer(services.programme_create(user=request.user, **data.validated_data), status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        programme = self.get_object()
        data = serializers.ProgrammeUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.programme_update(user=request.user, programme_id=programme.pk, data=data.validated_data)
        return self.answer(programme)

    @extend_schema(
        request=serializers.ProgrammeStartupAddSerializer,
        responses={201: serializers.ProgrammeDetailSerializer},
        summary="加入企业 · add a startup",
    )
    @action(detail=True, methods=["post"], url_path="startups")
    def add_startup(self, request, pk=None):
        programme = self.get_object()
        data = serializers.ProgrammeStartupAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.programme_startup_add(user=request.user, programme_id=programme.pk, **data.validated_data)
        return self.answer(programme, status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={204: None},
        parameters=[OpenApiParameter("startup_id", int, OpenApiParameter.PATH)],
        summary="移出企业 · remove a startup",
    )
    @action(detail=True, methods=["delete"], url_path=r"startups/(?P<startup_id>[0-9]+)")
    def remove_startup(self, request, pk=None, startup_id=None):
        programme = self.get_object()
        services.programme_startup_remove(user=request.user, programme_id=programme.pk, startup_id=int(startup_id))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=serializers.ProgrammeMentorAddSerializer,
        responses={201: serializers.ProgrammeDetailSerializer},
        summary="加入导师 · add a mentor",
    )
    @action(detail=True, methods=["post"], url_path="mentors")
    def add_mentor(self, request, pk=None):
        programme = self.get_object()
        data = serializers.ProgrammeMentorAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.programme_mentor_add(user=request.user, programme_id=programme.pk, **data.validated_data)
        return self.answer(programme, status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={204: None},
        parameters=[OpenApiParameter("mentor_id", int, OpenApiParameter.PATH)],
        summary="移出导师 · remove a mentor",
    )
    @action(detail=True, methods=["delete"], url_path=r"mentors/(?P<mentor_id>[0-9]+)")
    def remove_mentor(self, request, pk=None, mentor_id=None):
        programme = self.get_object()
        services.programme_mentor_remove(user=request.user, programme_id=programme.pk, mentor_id=int(mentor_id))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=None,
        responses=serializers.ProposeResultSerializer,
        summary="运行匹配 · propose an optimal assignment within capacities",
    )
    @action(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        programme = self.get_object()
        change = services.programme_propose(user=request.user, programme_id=programme.pk)
        proposals = selectors.proposal_list(user=request.user, programme=programme)
        data = {"added": len(change["added"]), "withdrawn": len(change["withdrawn"]), "proposals": proposals}
        return Response(serializers.ProposeResultSerializer(data).data)

    @extend_schema(responses=serializers.ProposalSerializer(many=True), summary="匹配建议 · proposals")
    @action(detail=True, methods=["get"], pagination_class=None)
    def proposals(self, request, pk=None):
        rows = selectors.proposal_list(user=request.user, programme=self.get_object())
        return Response(serializers.ProposalSerializer(rows, many=True).data)


class ProposalViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """匹配建议 · Proposals addressed to me (as mentor) or my startups; mentors confirm or decline."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.ProposalSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Proposal.objects.none()
        return selectors.proposal_list(user=self.request.user)

    def _proposal(self, pk) -> Proposal:
        return get_object_or_404(self.get_queryset(), pk=pk)

    def _answer(self, proposal) -> Response:
        return Response(serializers.ProposalSerializer(self.get_queryset().get(pk=proposal.pk)).data)

    @extend_schema(request=None, responses=serializers.ProposalSerializer, summary="确认 · confirm (mentor)")
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        proposal = services.proposal_confirm(user=request.user, proposal_id=self._proposal(pk).pk)
        return self._answer(proposal)

    @extend_schema(
        request=serializers.ProposalDeclineSerializer,
        responses=serializers.ProposalDeclineResultSerializer,
        summary="婉拒 · decline (mentor); the place goes to the next-best proposal",
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        proposal_id = self._proposal(pk).pk
        data = serializers.ProposalDeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal, change = services.proposal_decline(user=request.user, proposal_id=proposal_id, **data.validated_data)
        proposal = selectors.proposal_list(user=request.user).get(pk=proposal.pk)
        result = {"proposal": proposal, "added": len(change["added"]), "withdrawn": len(change["withdrawn"])}
        return Response(serializers.ProposalDeclineResultSerializer(result).data)


class SummaryView(APIView):
    """我的辅导概况 · My own counts (home cards)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.MentoringSummarySerializer)
    def get(self, request):
        return Response(serializers.MentoringSummarySerializer(selectors.summary(user=request.user)).data)


class StatsView(APIView):
    """辅导统计 · Aggregated counts for organizers and admins (never a session's content)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.MentoringStatsSerializer)
    def get(self, request):
        if not rules.is_organizer(request.user):
            raise PermissionDenied()
        return Response(serializers.MentoringStatsSerializer(selectors.stats()).data)
