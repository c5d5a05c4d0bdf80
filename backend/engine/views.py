"""Engine API: "recommended for me" per role, and organizers' assignment runs.

Recommendations answer only about the requester's own parties (their
startup, investor organisation, mentor profile, bank); what a list may show
is decided by the selectors (no confidential figures, published loan
products only). Assignment runs are for the organizers of the run's
organisation (and platform admins); others get 404.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.core.errors import NotFound
from backend.core.permissions import has_any_role, is_platform_admin
from backend.directory.models import FinancingNeed, Membership, MentorProfile, Organisation, OrgKind
from backend.engine import recommend, services
from backend.engine.models import AssignmentItem, AssignmentRun
from backend.engine.parties import Inputs
from backend.engine.serializers import (
    AssignmentCounterpartSerializer,
    AssignmentItemSerializer,
    AssignmentItemUpdateSerializer,
    AssignmentRunCreateSerializer,
    AssignmentRunSerializer,
    RecommendationListSerializer,
    RecommendedQuerySerializer,
)
from backend.pool.models import PoolEntry
from events import rules
from events.models import Event

MSG_ROLE = "您没有查看此类推荐的角色 · You do not hold a role for these recommendations."
MSG_NOT_YOURS = "不是您所在的机构 · Not one of your organisations."
MSG_NOT_ORGANIZER = "仅该机构的组织者可操作 · Only the organisation's organizers may do this."


def _my_org(user, kind: str, requested: int | None) -> Organisation | None:
    """The requester's organisation of ``kind`` (the requested one, else their first); admins may name any."""
    orgs = Organisation.objects.filter(kind=kind)
    if requested is not None:
        if not is_platform_admin(user) and not Membership.objects.filter(user=user, organisation=requested).exists():
            raise PermissionDenied(_(MSG_NOT_YOURS))
        org = orgs.filter(pk=requested).first()
        if org is None:
            raise NotFound(_("没有这个机构 · No such organisation."))
        return org
    return orgs.filter(memberships__user=user).order_by("memberships__created_at", "pk").first()


def _subject(kind: str, obj_id: int, name: str) -> dict:
    return {"type": kind, "id": obj_id, "name": name}


class RecommendationView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[RecommendedQuerySerializer],
        responses=RecommendationListSerializer,
        summary="Recommended for me, with the reasons of each match",
        description=(
            "for=mentors|investors|loan-products: for your startup; for=startups: the project pool's startups "
            "for your investor organisation, or startups for your mentor profile (as=investor|mentor); "
            "for=needs: financing needs that fit "
            "your bank's products. subject is null when you have no such party yet."
        ),
    )
    def get(self, request):
        query = RecommendedQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        wanted, k, user = params["for"], params["k"], request.user
        inputs = Inputs()
        subject, items = None, []
        if wanted in ("mentors", "investors", "loan-products"):
            if not has_any_role(user, Role.STARTUP):
                raise PermissionDenied(_(MSG_ROLE))
            org = _my_org(user, OrgKind.STARTUP, params.get("organisation"))
            if wanted == "loan-products" and params.get("need"):
                need = get_object_or_404(FinancingNeed.objects.select_related("startup"), pk=params["need"])
                if (
                    not is_platform_admin(user)
                    and not Membership.objects.filter(user=user, organisation=need.startup_id).exists()
                ):
                    raise PermissionDenied(_(MSG_NOT_YOURS))
                subject = _subject("need", need.pk, f"{need.startup.name} · {need.purpose[:40]}")
                items = recommend.loan_products_for_need(need, k, inputs=inputs)
            elif org is not None:
                subject = _subject("startup", org.pk, org.name)
                selector = {
                    "mentors": recommend.mentors_for_startup,
                    "investors": recommend.investors_for_startup,
                    "loan-products": recommend.loan_products_for_startup,
                }[wanted]
                items = selector(org, k, inputs=inputs)
        elif wanted == "startups":
            subject, items = self._startups(user, params, k)
        else:  # needs
            if not has_any_role(user, Role.BANK):
                raise PermissionDenied(_(MSG_ROLE))
            org = _my_org(user, OrgKind.BANK, params.get("organisation"))
            if org is not None:
                subject = _subject("bank", org.pk, org.name)
                items = recommend.needs_for_bank(org, k, inputs=inputs)
        payload = {"for": wanted, "subject": subject, "items": [item.as_dict() for item in items]}
        return Response(RecommendationListSerializer(payload).data)

    def _startups(self, user, params, k):
        role = params.get("as")
        profile = MentorProfile.objects.filter(user=user).first()
        if role is None:
            role = "mentor" if profile is not None and has_any_role(user, Role.MENTOR) else "investor"
        if role == "mentor":
            if not has_any_role(user, Role.MENTOR):
                raise PermissionDenied(_(MSG_ROLE))
            if profile is None:
                return None, []
            items = recommend.startups_for_mentor(profile, k, inputs=Inputs(startup_amounts=False))
            return _subject("mentor", profile.pk, user.name), items
        if not has_any_role(user, Role.INVESTOR):
            raise PermissionDenied(_(MSG_ROLE))
        org = _my_org(user, OrgKind.INVESTOR, params.get("organisation"))
        if org is None:
            return None, []
        # The project pool: listed startups, with the amount their entry publishes.
        amounts = dict(PoolEntry.objects.filter(listed=True).values_list("startup_id", "funding_sought"))
        items = recommend.startups_for_investor(
            org, k, candidates=list(amounts), amounts=amounts, inputs=Inputs(startup_amounts=False)
        )
        return _subject("investor", org.pk, org.name), items


# --- assignment runs ---------------------------------------------------------------


RUN_PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Assignment run id")


class AssignmentRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Optimal assignments an organizer runs, edits, re-runs and publishes."""

    serializer_class = AssignmentRunSerializer
    permission_classes = [permissions.IsAuthenticated]
    queryset = AssignmentRun.objects.none()
    filterset_fields = ["kind", "status", "context_type", "context_id", "event", "organisation"]

    def get_queryset(self):
        qs = (
            AssignmentRun.objects.select_related("organisation", "event")
            .annotate(items_count=Count("items"), locked_count=Count("items", filter=Q(items__locked=True)))
            .order_by("-created_at", "-id")  # Meta.ordering does not apply to GROUP BY queries
        )
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or is_platform_admin(user):
            return qs
        return qs.filter(organisation_id__in=rules.organised_org_ids(user))

    def _fresh(self, run: AssignmentRun) -> dict:
        return AssignmentRunSerializer(self.get_queryset().get(pk=run.pk)).data

    @extend_schema(
        request=AssignmentRunCreateSerializer,
        responses={201: AssignmentRunSerializer, 202: AssignmentRunSerializer},
        summary="Start an assignment run (201 solved at once; 202 queued as a job for large runs)",
    )
    def create(self, request):
        serializer = AssignmentRunCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = get_object_or_404(Organisation, pk=data.pop("organisation"))
        if not rules.can_manage_org(request.user, organisation.pk):
            raise PermissionDenied(_(MSG_NOT_ORGANIZER))
        event = None
        if data.get("event") is not None:
            event = get_object_or_404(Event, pk=data["event"])
            if event.organisation_id != organisation.pk or not rules.can_manage_event(request.user, event):
                raise PermissionDenied(_("仅本活动的组织者可操作 · Only the event's organizers may do this."))
        data["event"] = event
        run = services.assignment_run(organisation=organisation, user=request.user, **data)
        code = status.HTTP_202_ACCEPTED if run.status == AssignmentRun.Status.QUEUED else status.HTTP_201_CREATED
        return Response(self._fresh(run), status=code)

    @extend_schema(
        responses=AssignmentItemSerializer(many=True),
        summary="The run's pairs (paged), by startup",
        parameters=[
            OpenApiParameter("left_id", OpenApiTypes.INT, description="Only this startup's items"),
            OpenApiParameter("right_id", OpenApiTypes.INT, description="Only this counterpart's items"),
        ],
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def items(self, request, pk=None):
        run = self.get_object()
        qs = run.items.all()
        for field in ("left_id", "right_id"):
            value = request.query_params.get(field)
            if value is not None:
                if not value.isdigit():
                    raise _bad(field)
                qs = qs.filter(**{field: int(value)})
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(AssignmentItemSerializer(page, many=True).data)

    @extend_schema(
        request=AssignmentItemUpdateSerializer,
        responses=AssignmentItemSerializer,
        summary="Lock or unlock a pair, or give its startup another counterpart (locks it)",
        parameters=[OpenApiParameter("item_id", OpenApiTypes.INT, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["patch"], url_path=r"items/(?P<item_id>[0-9]+)", filter_backends=[])
    def item(self, request, pk=None, item_id=None):
        run = self.get_object()
        item = get_object_or_404(AssignmentItem, pk=item_id, run=run)
        serializer = AssignmentItemUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.assignment_item_update(item=item, user=request.user, **serializer.validated_data)
        return Response(AssignmentItemSerializer(item).data)

    @extend_schema(
        responses=AssignmentCounterpartSerializer(many=True), summary="The run's counterparts with places used"
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def counterparts(self, request, pk=None):
        run = self.get_object()
        return Response(AssignmentCounterpartSerializer(services.counterparts(run=run), many=True).data)

    @extend_schema(
        request=None,
        responses={200: AssignmentRunSerializer, 202: AssignmentRunSerializer},
        summary="Solve again, keeping locked pairs",
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def rerun(self, request, pk=None):
        run = services.assignment_rerun(run=self.get_object(), user=request.user)
        code = status.HTTP_202_ACCEPTED if run.status == AssignmentRun.Status.QUEUED else status.HTTP_200_OK
        return Response(self._fresh(run), status=code)

    @extend_schema(request=None, responses=AssignmentRunSerializer, summary="Publish the result")
    @action(detail=True, methods=["post"], filter_backends=[])
    def publish(self, request, pk=None):
        run = services.assignment_publish(run=self.get_object(), user=request.user)
        return Response(self._fresh(run))


def _bad(field: str):
    from rest_framework.exceptions import ValidationError

    return ValidationError({field: [_("应为整数 · Must be an integer.")]})
