"""Pool API: validate, call a service, answer with the re-read row.

Who may do what (tests/backend/pool/test_permissions.py checks every cell):

* browsing the pool, recommendations: investors, organizers, admins;
* a startup's own entry, deck, grants, log, interested investors: its members
  (admins read);
* confidential figures and the deck: members, investors the startup granted,
  admins — every read by a non-member is logged;
* access requests and pipelines: members of an investor organisation, each
  seeing only their own organisation's.
"""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Role
from backend.core.permissions import has_any_role, is_platform_admin
from backend.pool import filters, selectors, serializers, services
from backend.pool.models import AccessLog, AccessRequest, PipelineEntry, PoolEntry
from backend.pool.ranking import startups_for_investor

INVESTORS_ONLY = _("仅投资人可以操作 · Investors only.")
BROWSERS_ONLY = _("项目库仅向投资人、组织者开放 · The pool is open to investors and organizers.")
MEMBERS_ONLY = _("仅该企业成员可以操作 · Only members of the startup may do this.")
INVESTOR_SIDE_ONLY = _("仅申请方投资机构可以操作 · Only the requesting investor may do this.")
NO_ACCESS = _("该企业尚未授权您查看 · The startup has not granted you access.")


# An entry's id is its startup's (the model has no "id" field for drf-spectacular to read).
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="企业 id · the startup's id")


def _pk(value) -> int:
    """A path id as an int; anything else is simply not found."""
    if not str(value).isdigit():
        raise NotFound()
    return int(value)


def _require_investor(user) -> None:
    if not has_any_role(user, Role.INVESTOR):
        raise PermissionDenied(INVESTORS_ONLY)


@extend_schema_view(
    list=extend_schema(summary="浏览项目库 · browse the pool (investors, organizers, admins)"),
    retrieve=extend_schema(
        parameters=[ID],
        summary="项目详情 · one entry; confidential part only with a grant (each such read is logged)",
        responses=serializers.PoolEntryDetailSerializer,
    ),
)
class PoolEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """投融资项目库 · The investors' project pool. An entry's id is its startup's id."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.PoolEntrySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.PoolEntryFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PoolEntry.objects.none()
        return selectors.pool_list(user=self.request.user)

    def list(self, request, *args, **kwargs):
        if not selectors.can_browse(request.user):
            raise PermissionDenied(BROWSERS_ONLY)
        return super().list(request, *args, **kwargs)

    def _visible(self, pk) -> PoolEntry:
        """The entry as the viewer may see it: 403 for people with no part in the pool, 404 if hidden."""
        user = self.request.user
        pk = _pk(pk)
        if not (selectors.can_browse(user) or selectors.is_startup_member(user, pk)):
            raise PermissionDenied(BROWSERS_ONLY)
        entry = selectors.pool_entry_for(user=user, startup_id=pk)
        if entry is None:
            raise NotFound()
        return entry

    def _own(self, pk) -> PoolEntry:
        """An entry of one of the user's startups (404 if none, 403 for others)."""
        entry = selectors.pool_entries(user=self.request.user).filter(pk=_pk(pk)).first()
        if entry is None:
            raise NotFound()
        if not selectors.is_startup_member(self.request.user, entry.pk):
            raise PermissionDenied(MEMBERS_ONLY)
        return entry

    def _answer(self, entry: PoolEntry, status_code=status.HTTP_200_OK) -> Response:
        entry = selectors.pool_entries(user=self.request.user).get(pk=entry.pk)
        context = {**self.get_serializer_context(), "access": "member", "confidential": True}
        return Response(serializers.PoolEntryDetailSerializer(entry, context=context).data, status=status_code)

    def retrieve(self, request, pk=None):
        entry = self._visible(pk)
        access = services.pool_confidential_read(user=request.user, entry=entry, what=AccessLog.What.FIGURES)
        context = {**self.get_serializer_context(), "confidential": access.allowed}
        if access.reason in ("member", "admin"):
            context["access"] = access.reason
        return Response(serializers.PoolEntryDetailSerializer(entry, context=context).data)

    @extend_schema(
        request=serializers.PoolEntryWriteSerializer,
        responses={200: serializers.PoolEntryDetailSerializer, 201: serializers.PoolEntryDetailSerializer},
        summary="加入项目库 · opt in with a pitch (members of the startup); again to relist",
    )
    def create(self, request):
        serializer = serializers.PoolEntryWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        startup = data.pop("startup")
        existed = PoolEntry.objects.filter(pk=startup.pk).exists()
        entry = services.pool_entry_opt_in(user=request.user, startup=startup, data=data)
        return self._answer(entry, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.PoolEntryUpdateSerializer,
        responses=serializers.PoolEntryDetailSerializer,
        parameters=[ID],
        summary="修改路演信息 · edit the pitch (members)",
    )
    def partial_update(self, request, pk=None):
        entry = self._own(pk)
        serializer = serializers.PoolEntryUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(services.pool_entry_update(entry=entry, data=serializer.validated_data))

    @extend_schema(
        responses=serializers.PoolEntryDetailSerializer(many=True),
        summary="我的项目库条目 · the entries of my startups (listed or not)",
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def mine(self, request):
        entries = selectors.my_entries(user=request.user)
        context = {**self.get_serializer_context(), "access": "member", "confidential": True}
        return Response(serializers.PoolEntryDetailSerializer(entries, many=True, context=context).data)

    @extend_schema(
        request=None, responses=serializers.PoolEntryDetailSerializer, parameters=[ID], summary="退出项目库 · opt out"
    )
    @action(detail=True, methods=["post"], url_path="opt-out")
    def opt_out(self, request, pk=None):
        return self._answer(services.pool_entry_set_listed(entry=self._own(pk), listed=False))

    @extend_schema(
        request=None,
        responses=serializers.PoolEntryDetailSerializer,
        parameters=[ID],
        summary="重新加入 · opt in again",
    )
    @action(detail=True, methods=["post"], url_path="opt-in")
    def opt_in(self, request, pk=None):
        return self._answer(services.pool_entry_set_listed(entry=self._own(pk), listed=True))

    @extend_schema(
        methods=["GET"],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 403: OpenApiResponse(description="no grant")},
        parameters=[ID],
        summary="下载商业计划书 · download the deck (members, granted investors, admins; logged)",
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": serializers.DeckUploadSerializer},
        responses=serializers.PoolEntryDetailSerializer,
        parameters=[ID],
        summary="上传商业计划书 · upload the deck (PDF, at most 10 MB; members)",
    )
    @extend_schema(
        methods=["DELETE"],
        request=None,
        responses={204: None},
        parameters=[ID],
        summary="删除商业计划书 · delete the deck",
    )
    @action(detail=True, methods=["get", "post", "delete"], parser_classes=[MultiPartParser, FormParser])
    def deck(self, request, pk=None):
        if request.method == "POST":
            entry = self._own(pk)
            serializer = serializers.DeckUploadSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            return self._answer(services.pool_deck_upload(entry=entry, upload=serializer.validated_data["deck"]))
        if request.method == "DELETE":
            services.pool_deck_delete(entry=self._own(pk))
            return Response(status=status.HTTP_204_NO_CONTENT)
        entry = self._visible(pk)
        if not entry.deck:
            raise NotFound(services.DECK_MISSING)
        access = services.pool_confidential_read(user=request.user, entry=entry, what=AccessLog.What.DECK)
        if not access.allowed:
            raise PermissionDenied(NO_ACCESS)
        response = FileResponse(entry.deck.open("rb"), as_attachment=True, filename=entry.deck_name or "deck.pdf")
        response["Content-Type"] = "application/pdf"
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        responses=serializers.InterestedInvestorSerializer(many=True),
        parameters=[ID],
        summary="感兴趣的投资机构 · investors following this startup (members, admins; no private notes)",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def interested(self, request, pk=None):
        pk = _pk(pk)
        if not (is_platform_admin(request.user) or selectors.is_startup_member(request.user, pk)):
            if not PoolEntry.objects.filter(pk=pk).exists():
                raise NotFound()
            raise PermissionDenied(MEMBERS_ONLY)
        rows = selectors.interested_investors(startup_id=pk)
        return Response(serializers.InterestedInvestorSerializer(rows, many=True).data)


class RecommendedView(APIView):
    """为您推荐 · Pool entries recommended for the acting investor organisation, with reasons."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[serializers.PoolRecommendationQuerySerializer],
        responses=serializers.PoolRecommendationSerializer(many=True),
    )
    def get(self, request):
        _require_investor(request.user)
        params = serializers.PoolRecommendationQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        investor = services.acting_investor(user=request.user, investor_id=params.validated_data.get("investor"))
        candidates = selectors.pool_list(user=request.user).exclude(
            startup__in=selectors.member_org_ids(request.user, "startup")
        )
        ranked = startups_for_investor(investor, params.validated_data["k"], candidates=candidates)
        context = {"request": request}
        data = [
            {
                "entry": serializers.PoolEntrySerializer(row.item, context=context).data,
                "score": row.score,
                "reasons": row.reasons,
            }
            for row in ranked
        ]
        return Response(data)


@extend_schema_view(
    list=extend_schema(summary="查看申请 · requests to my startups and from my investor organisations"),
    retrieve=extend_schema(summary="一条申请 · one request"),
)
class AccessRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """保密数据查看申请 · Investors ask for access; the startup grants, declines, revokes."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.AccessRequestSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.AccessRequestFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AccessRequest.objects.none()
        return selectors.access_requests(user=self.request.user)

    def _answer(self, request_row, status_code=status.HTTP_200_OK) -> Response:
        row = selectors.access_requests(user=self.request.user).get(pk=request_row.pk)
        return Response(serializers.AccessRequestSerializer(row).data, status=status_code)

    @extend_schema(
        request=serializers.AccessRequestCreateSerializer,
        responses={201: serializers.AccessRequestSerializer},
        summary="申请查看保密数据 · ask a listed startup for access (investors; 409 while one is active)",
    )
    def create(self, request):
        _require_investor(request.user)
        serializer = serializers.AccessRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        row = services.access_request_create(
            user=request.user, startup=data["startup"], investor_id=data.get("investor"), message=data["message"]
        )
        return self._answer(row, status.HTTP_201_CREATED)

    def _startup_side(self, pk) -> AccessRequest:
        row = self.get_object()
        if not selectors.is_startup_member(self.request.user, row.startup_id):
            raise PermissionDenied(MEMBERS_ONLY)
        return row

    @extend_schema(request=None, responses=serializers.AccessRequestSerializer, summary="授权 · grant (startup)")
    @action(detail=True, methods=["post"])
    def grant(self, request, pk=None):
        row = self._startup_side(pk)
        return self._answer(services.access_request_decide(user=request.user, request=row, grant=True))

    @extend_schema(request=None, responses=serializers.AccessRequestSerializer, summary="拒绝 · decline (startup)")
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        row = self._startup_side(pk)
        return self._answer(services.access_request_decide(user=request.user, request=row, grant=False))

    @extend_schema(request=None, responses=serializers.AccessRequestSerializer, summary="撤销授权 · revoke (startup)")
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        row = self._startup_side(pk)
        return self._answer(services.access_request_revoke(user=request.user, request=row))

    @extend_schema(
        request=None, responses=serializers.AccessRequestSerializer, summary="撤回申请 · withdraw (investor)"
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        row = self.get_object()
        if not selectors.investor_orgs(request.user).filter(pk=row.investor_id).exists():
            raise PermissionDenied(INVESTOR_SIDE_ONLY)
        return self._answer(services.access_request_withdraw(user=request.user, request=row))


@extend_schema_view(list=extend_schema(summary="访问记录 · who read my startups' confidential data, when"))
class AccessLogViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """保密数据访问记录 · Every read of a startup's confidential data, for its members (and admins)."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.AccessLogSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.AccessLogFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AccessLog.objects.none()
        return selectors.access_log(user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="我的项目跟进 · my organisations' pipelines"),
    retrieve=extend_schema(summary="一条跟进 · one deal with its stage history"),
)
class PipelineViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """项目跟进 · Each investor organisation's pipeline per startup; private to it."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.PipelineEntrySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.PipelineFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PipelineEntry.objects.none()
        return selectors.pipeline(user=self.request.user)

    def _answer(self, entry, status_code=status.HTTP_200_OK) -> Response:
        return Response(
            serializers.PipelineEntrySerializer(self.get_queryset().get(pk=entry.pk)).data, status=status_code
        )

    @extend_schema(
        request=serializers.PipelineCreateSerializer,
        responses={201: serializers.PipelineEntrySerializer},
        summary="开始跟进 · add a startup to the pipeline (investors; 409 if already there)",
    )
    def create(self, request):
        _require_investor(request.user)
        serializer = serializers.PipelineCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        entry = services.pipeline_entry_create(user=request.user, investor_id=data.pop("investor", None), **data)
        return self._answer(entry, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.PipelineUpdateSerializer,
        responses=serializers.PipelineEntrySerializer,
        summary="修改备注 · edit the private notes",
    )
    def partial_update(self, request, pk=None):
        entry = self.get_object()
        serializer = serializers.PipelineUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(services.pipeline_entry_update(entry=entry, notes=serializer.validated_data["notes"]))

    @extend_schema(
        request=serializers.PipelineMoveSerializer,
        responses=serializers.PipelineEntrySerializer,
        summary="推进阶段 · move to a stage (with its date and a note)",
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        entry = self.get_object()
        serializer = serializers.PipelineMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(services.pipeline_move(user=request.user, entry=entry, **serializer.validated_data))
