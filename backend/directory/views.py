"""Directory API: validate with a serializer, call a service, answer with the re-read row.

Rows are re-read through the view's selector after a write, so that a write
answers with exactly what a later GET shows (annotations included).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.core.permissions import IsPlatformAdminOrReadOnly, is_platform_admin
from backend.directory import filters, selectors, serializers, services
from backend.directory.models import Carrier, FinancingNeed, Membership, Organisation, OrgKind
from backend.directory.permissions import DirectoryWrite, MentorWrite, OrganizerWrite, can_manage_organisation

OWNERS_ONLY = _("仅负责人或管理员可管理成员 · Only owners or admins manage members.")


class _DirectoryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create, PATCH, delete; writes go through ``save()`` to a service."""

    filter_backends = [DjangoFilterBackend]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def save(self, instance, data):  # pragma: no cover - each view says which service writes
        raise NotImplementedError

    output_serializer_class = None  # what writes answer with; default: the serializer_class

    def answer(self, instance, status_code: int = status.HTTP_200_OK) -> Response:
        instance = self.get_queryset().get(pk=instance.pk)
        serializer_class = self.output_serializer_class or self.get_serializer_class()
        return Response(serializer_class(instance, context=self.get_serializer_context()).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.answer(self.save(None, serializer.validated_data), status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self.answer(self.save(instance, serializer.validated_data))

    def destroy(self, request, *args, **kwargs):
        services.instance_delete(instance=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- trees ---------------------------------------------------------------------------------------


class _TreeViewSet(_DirectoryViewSet):
    """The whole tree in one unpaginated list (it is small); admins change it."""

    permission_classes = [IsPlatformAdminOrReadOnly]
    pagination_class = None

    def save(self, instance, data):
        return services.tree_node_save(node=instance or self.get_queryset().model(), data=data)


class RegionViewSet(_TreeViewSet):
    """地区 · Regions (province → city → county), ordered by tree path."""

    serializer_class = serializers.RegionSerializer
    filterset_class = filters.RegionFilter

    def get_queryset(self):
        return selectors.region_list()


class IndustryViewSet(_TreeViewSet):
    """产业 · Industries (groups of the strategic emerging industries and others), ordered by tree path."""

    serializer_class = serializers.IndustrySerializer
    filterset_class = filters.IndustryFilter

    def get_queryset(self):
        return selectors.industry_list()


# --- carriers ------------------------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(request=serializers.CarrierSerializer, responses={201: serializers.CarrierDetailSerializer}),
    partial_update=extend_schema(request=serializers.CarrierSerializer, responses=serializers.CarrierDetailSerializer),
)
class CarrierViewSet(_DirectoryViewSet):
    """孵化载体 · Carriers. Admins create and delete; members of the operator organisation edit."""

    permission_classes = [DirectoryWrite]
    filterset_class = filters.CarrierFilter
    output_serializer_class = serializers.CarrierDetailSerializer
    create_roles = ()  # admins only

    def get_queryset(self):
        return selectors.carrier_list() if self.action == "list" else selectors.carrier_detail()

    def get_serializer_class(self):
        return serializers.CarrierDetailSerializer if self.action == "retrieve" else serializers.CarrierSerializer

    def organisation_of(self, carrier):
        return carrier.operator_id

    def save(self, instance, data):
        data = dict(data)
        if instance is not None and not is_platform_admin(self.request.user):
            data.pop("operator", None)  # operators cannot hand their carrier to someone else
        return services.carrier_save(carrier=instance or Carrier(), data=data)

    @extend_schema(
        methods=["GET"],
        responses=serializers.CarrierEvaluationSerializer(many=True),
        summary="评价记录 · evaluation grades by year",
    )
    @extend_schema(
        methods=["POST"],
        request=serializers.CarrierEvaluationSerializer,
        responses={200: serializers.CarrierEvaluationSerializer, 201: serializers.CarrierEvaluationSerializer},
        summary="记录某年评价（组织者、管理员）· record a year's grade (organizers, admins)",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        permission_classes=[OrganizerWrite],
        pagination_class=None,
        filter_backends=[],
    )
    def evaluations(self, request, pk=None):
        carrier = self.get_object()
        if request.method == "GET":
            data = serializers.CarrierEvaluationSerializer(carrier.evaluations.all(), many=True).data
            return Response(data)
        serializer = serializers.CarrierEvaluationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        evaluation, created = services.carrier_evaluation_record(carrier=carrier, **serializer.validated_data)
        return Response(
            serializers.CarrierEvaluationSerializer(evaluation).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


# --- organisations -------------------------------------------------------------------------------


class _OrganisationViewSet(_DirectoryViewSet):
    permission_classes = [DirectoryWrite]

    def organisation_of(self, organisation):
        return organisation.pk

    def save(self, instance, data):
        if instance is None:
            return services.organisation_create(user=self.request.user, kind=self.kind, data=data)
        return services.organisation_update(organisation=instance, data=data)


class StartupViewSet(_OrganisationViewSet):
    """科技企业 · Startups. Users with the startup role create them (and own them); members edit.

    revenue, net_profit, valuation, rd_expense and cap_table_notes are confidential:
    present only for the startup's members and platform admins, absent for everyone else.
    """

    serializer_class = serializers.StartupSerializer
    filterset_class = filters.StartupFilter
    create_roles = (Role.STARTUP,)
    kind = OrgKind.STARTUP

    def get_queryset(self):
        return selectors.startup_list(user=self.request.user)


class InvestorViewSet(_OrganisationViewSet):
    """投资机构 · Investors with their ticket range, stages and target regions."""

    serializer_class = serializers.InvestorSerializer
    filterset_class = filters.InvestorFilter
    create_roles = (Role.INVESTOR,)
    kind = OrgKind.INVESTOR

    def get_queryset(self):
        return selectors.investor_list()


class BankViewSet(_OrganisationViewSet):
    """银行 · Banks with their branches and loan products."""

    serializer_class = serializers.BankSerializer
    filterset_class = filters.BankFilter
    create_roles = (Role.BANK,)
    kind = OrgKind.BANK

    def get_queryset(self):
        return selectors.bank_list()


class OrganisationViewSet(_OrganisationViewSet):
    """机构 · Organisations of every kind. Organizers and admins create institutes, carrier operators and bureaus."""

    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    create_roles = (Role.ORGANIZER,)

    def get_queryset(self):
        return selectors.organisation_list()

    def save(self, instance, data):
        if instance is None:
            return services.organisation_create(user=self.request.user, kind=data["kind"], data=data)
        return services.organisation_update(organisation=instance, data=data)


@extend_schema(parameters=[OpenApiParameter("organisation_pk", int, OpenApiParameter.PATH)])
@extend_schema_view(
    create=extend_schema(request=serializers.MemberAddSerializer, responses={201: serializers.MemberSerializer}),
    partial_update=extend_schema(request=serializers.MemberRoleSerializer, responses=serializers.MemberSerializer),
)
class MemberViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """成员 · Members of an organisation: visible to its members and admins; owners and admins manage them.

    Anyone may leave (DELETE their own membership) unless they are the last owner (409).
    """

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.MemberSerializer
    filter_backends = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_field = "user"
    lookup_url_kwarg = "user_id"
    lookup_value_regex = "[0-9]+"

    def organisation(self) -> Organisation:
        if not hasattr(self, "_organisation"):
            organisation = get_object_or_404(Organisation, pk=self.kwargs["organisation_pk"])
            if not can_manage_organisation(self.request.user, organisation.pk):
                raise Http404  # the member list is outside a non-member's scope
            self._organisation = organisation
        return self._organisation

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return selectors.member_list(organisation=self.organisation())

    def _require_owner(self) -> None:
        organisation = self.organisation()
        if not (
            is_platform_admin(self.request.user)
            or selectors.is_member(self.request.user, organisation.pk, role=Membership.Role.OWNER)
        ):
            raise PermissionDenied(OWNERS_ONLY)

    def create(self, request, *args, **kwargs):
        self._require_owner()
        serializer = serializers.MemberAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.organisation_member_add(organisation=self.organisation(), **serializer.validated_data)
        return Response(serializers.MemberSerializer(membership).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        self._require_owner()
        serializer = serializers.MemberRoleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.organisation_member_set_role(
            organisation=self.organisation(), user_id=int(kwargs["user_id"]), role=serializer.validated_data["role"]
        )
        return Response(serializers.MemberSerializer(membership).data)

    def destroy(self, request, *args, **kwargs):
        user_id = int(kwargs["user_id"])
        if user_id != request.user.pk:
            self._require_owner()
        else:
            self.organisation()
        services.organisation_member_remove(organisation=self.organisation(), user_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- loan products and mentors -------------------------------------------------------------------


class LoanProductViewSet(_DirectoryViewSet):
    """贷款产品 · Loan products. Bank staff publish them for a bank they belong to; its members edit and delete."""

    serializer_class = serializers.LoanProductSerializer
    filterset_class = filters.LoanProductFilter
    permission_classes = [DirectoryWrite]
    create_roles = (Role.BANK,)
    members_may_delete = True

    def get_queryset(self):
        return selectors.loan_product_list()

    def organisation_of(self, product):
        return product.bank_id

    def save(self, instance, data):
        if instance is None:
            return services.loan_product_create(user=self.request.user, data=data)
        return services.loan_product_update(product=instance, data=data)


class MentorViewSet(_DirectoryViewSet):
    """创业导师 · Mentors. A user with the mentor role keeps one profile; admins edit all."""

    serializer_class = serializers.MentorSerializer
    filterset_class = filters.MentorFilter
    permission_classes = [MentorWrite]

    def get_queryset(self):
        return selectors.mentor_list(user=self.request.user)

    def save(self, instance, data):
        if instance is None:
            return services.mentor_profile_create(user=self.request.user, data=data)
        return services.mentor_profile_update(profile=instance, data=data)


# --- financing needs -----------------------------------------------------------------------------


class FinancingNeedViewSet(_DirectoryViewSet):
    """融资需求 · Financing needs.

    Scope: the needs of your own startups; users with the bank or organizer role (and admins)
    also see every open need. Members of the startup create and edit; status changes through
    the withdraw / reopen / fulfil actions.
    """

    serializer_class = serializers.FinancingNeedSerializer
    filterset_class = filters.FinancingNeedFilter
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FinancingNeed.objects.none()
        return selectors.financing_need_list(user=self.request.user)

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        if request.method != "GET" and not can_manage_organisation(request.user, obj.startup_id):
            self.permission_denied(request)

    def save(self, instance, data):
        if instance is None:
            return services.financing_need_create(user=self.request.user, data=data)
        return services.financing_need_update(need=instance, data=data)

    def _set_status(self, status_value: str) -> Response:
        need = services.financing_need_set_status(need=self.get_object(), status=status_value)
        return self.answer(need)

    @extend_schema(request=None, responses=serializers.FinancingNeedSerializer, summary="撤回 · withdraw")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._set_status(FinancingNeed.Status.WITHDRAWN)

    @extend_schema(request=None, responses=serializers.FinancingNeedSerializer, summary="重新开放 · reopen")
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._set_status(FinancingNeed.Status.OPEN)

    @extend_schema(request=None, responses=serializers.FinancingNeedSerializer, summary="已满足 · mark fulfilled")
    @action(detail=True, methods=["post"])
    def fulfil(self, request, pk=None):
        return self._set_status(FinancingNeed.Status.FULFILLED)


# --- search --------------------------------------------------------------------------------------


class SearchView(APIView):
    """一站式搜索 · One search over carriers, startups, investors, banks, loan products and mentors."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[serializers.SearchQuerySerializer], responses=serializers.SearchResultsSerializer)
    def get(self, request):
        params = serializers.SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        text = params.validated_data["q"]
        found = selectors.search_everything(text=text, limit=params.validated_data["limit"])
        results = {"query": text}
        for group, rows in found.items():
            results[group] = [serializers.search_hit(group, row, text) for row in rows]
        return Response(serializers.SearchResultsSerializer(results).data)
