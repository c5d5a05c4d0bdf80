"""Financing API: startups' needs and eligible products, banks' matching needs and answers.

Who may do what (tests/backend/finance/test_permissions.py checks every cell):

* a need, its eligible products and its answers: the startup's members (admins read);
* matching needs, answering: staff (members) of a bank, each for their own bank;
* an answer: its bank's staff change it; the startup's members read it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.pagination import Pagination
from backend.directory.filters import FinancingNeedFilter
from backend.directory.models import FinancingNeed
from backend.finance import ranking, selectors, serializers, services
from backend.finance.models import BankResponse

MEMBERS_ONLY = _("仅该企业成员可以操作 · Only members of the startup may do this.")
BANK_STAFF_ONLY = _("仅该银行工作人员可以操作 · Only staff of this bank may do this.")


@extend_schema_view(
    list=extend_schema(summary="我的融资需求 · my startups' financing needs"),
    retrieve=extend_schema(summary="一条融资需求 · one need"),
)
class NeedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """融资需求 · A startup's financing needs: publish, edit, withdraw; eligible products; banks' answers."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.NeedSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = FinancingNeedFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FinancingNeed.objects.none()
        return selectors.need_list(user=self.request.user)

    def _own(self) -> FinancingNeed:
        need = self.get_object()
        if not selectors.is_member(self.request.user, need.startup_id):
            raise PermissionDenied(MEMBERS_ONLY)
        return need

    def _answer(self, need, status_code=status.HTTP_200_OK) -> Response:
        need = selectors.need_list(user=self.request.user).get(pk=need.pk)
        return Response(
            serializers.NeedSerializer(need, context=self.get_serializer_context()).data, status=status_code
        )

    @extend_schema(
        request=serializers.NeedSerializer,
        responses={201: serializers.NeedSerializer},
        summary="发布融资需求 · publish a need (members of the startup); fitting banks are told",
    )
    def create(self, request):
        serializer = serializers.NeedSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        need = services.need_publish(user=request.user, data=serializer.validated_data)
        return self._answer(need, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.NeedSerializer, responses=serializers.NeedSerializer, summary="修改 · edit (members)"
    )
    def partial_update(self, request, pk=None):
        need = self._own()
        serializer = serializers.NeedSerializer(need, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self._answer(services.need_update(need=need, data=serializer.validated_data))

    @extend_schema(request=None, responses=serializers.NeedSerializer, summary="撤回 · withdraw (members)")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._answer(services.need_withdraw(need=self._own()))

    @extend_schema(
        responses=serializers.RankedProductSerializer(many=True),
        summary="可申请的贷款产品 · eligible loan products, ranked with reasons",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def products(self, request, pk=None):
        need = self.get_object()
        rows = ranking.loan_products_for_need(need)
        data = [
            {
                "product": serializers.ProductBriefSerializer(row.item).data,
                "score": row.score,
                "reasons": row.reasons,
            }
            for row in rows
        ]
        return Response(data)

    @extend_schema(
        responses=serializers.BankResponseSerializer(many=True), summary="各银行的答复 · every bank's answer"
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def responses(self, request, pk=None):
        need = self.get_object()
        rows = selectors.responses(user=request.user).filter(need=need).order_by("-updated_at", "pk")
        return Response(serializers.BankResponseSerializer(rows, many=True).data)


class BankNeedsView(APIView):
    """匹配的融资需求 · Live needs that fit the acting bank's products, best first, with our answer if any."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[serializers.BankNeedQuerySerializer],
        responses=serializers.BankNeedPageSerializer,
    )
    def get(self, request):
        params = serializers.BankNeedQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        bank = services.acting_bank(user=request.user, bank_id=params.validated_data.get("bank"))
        ranked = ranking.needs_for_bank(bank)
        paginator = Pagination()
        page = paginator.paginate_queryset(ranked, request, view=self)
        answers = {
            r.need_id: r
            for r in selectors.responses(user=request.user).filter(bank=bank, need__in=[row.item[0].pk for row in page])
        }
        data = [
            {
                "need": serializers.NeedSerializer(row.item[0]).data,
                "product": serializers.ProductBriefSerializer(row.item[1]).data,
                "score": row.score,
                "reasons": row.reasons,
                "response": serializers.BankResponseSerializer(answers[row.item[0].pk]).data
                if row.item[0].pk in answers
                else None,
            }
            for row in page
        ]
        return paginator.get_paginated_response(data)


@extend_schema_view(
    list=extend_schema(summary="银行答复 · answers of my banks and to my startups' needs"),
    retrieve=extend_schema(summary="一条答复 · one answer"),
)
class ResponseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """银行答复 · A bank's answer to a need: intent → approved → disbursed, or declined."""

    permission_classes = [IsAuthenticated]
    serializer_class = serializers.BankResponseSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["status", "bank", "need"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BankResponse.objects.none()
        return selectors.responses(user=self.request.user)

    def _bank_side(self) -> BankResponse:
        response = self.get_object()
        if not selectors.bank_orgs(self.request.user).filter(pk=response.bank_id).exists():
            raise PermissionDenied(BANK_STAFF_ONLY)
        return response

    def _answer(self, response, status_code=status.HTTP_200_OK) -> Response:
        response = selectors.responses(user=self.request.user).get(pk=response.pk)
        return Response(serializers.BankResponseSerializer(response).data, status=status_code)

    @extend_schema(
        request=serializers.IntentSerializer,
        responses={201: serializers.BankResponseSerializer},
        summary="表达意向 · express intent (bank staff; one answer per bank and need)",
    )
    def create(self, request):
        if not selectors.is_bank_staff(request.user):
            raise PermissionDenied(BANK_STAFF_ONLY)
        serializer = serializers.IntentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        bank = data.pop("bank", None)
        response = services.response_intent(user=request.user, bank_id=bank.pk if bank else None, **data)
        return self._answer(response, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.IntentUpdateSerializer,
        responses=serializers.BankResponseSerializer,
        summary="修改意向 · change the intent before approval (bank staff)",
    )
    def partial_update(self, request, pk=None):
        response = self._bank_side()
        serializer = serializers.IntentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(
            services.response_update(user=request.user, response=response, data=serializer.validated_data)
        )

    @extend_schema(
        request=serializers.ResponseApproveSerializer,
        responses=serializers.BankResponseSerializer,
        summary="审批 · approve",
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        response = self._bank_side()
        serializer = serializers.ResponseApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(
            services.response_approve(user=request.user, response=response, **serializer.validated_data)
        )

    @extend_schema(
        request=serializers.ResponseDisburseSerializer,
        responses=serializers.BankResponseSerializer,
        summary="放款 · disburse",
    )
    @action(detail=True, methods=["post"])
    def disburse(self, request, pk=None):
        response = self._bank_side()
        serializer = serializers.ResponseDisburseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(
            services.response_disburse(user=request.user, response=response, **serializer.validated_data)
        )

    @extend_schema(
        request=serializers.ResponseDeclineSerializer,
        responses=serializers.BankResponseSerializer,
        summary="不予支持 · decline",
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        response = self._bank_side()
        serializer = serializers.ResponseDeclineSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(
            services.response_decline(user=request.user, response=response, **serializer.validated_data)
        )
