"""Financing API shapes; needs reuse the directory's serializer for input rules."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from backend.directory.models import FinancingNeed, LoanProduct, Organisation, OrgKind
from backend.directory.serializers import FinancingNeedSerializer, money
from backend.engine.serializers import MatchReasonSerializer
from backend.finance.models import BankResponse


class NeedSerializer(FinancingNeedSerializer):
    """A financing need with how many banks answered it (declines not counted)."""

    startup_stage = serializers.CharField(source="startup.startup.stage", read_only=True, default=None)
    responses_count = serializers.IntegerField(read_only=True, default=0)

    class Meta(FinancingNeedSerializer.Meta):
        fields = [*FinancingNeedSerializer.Meta.fields, "startup_stage", "responses_count"]
        read_only_fields = [*FinancingNeedSerializer.Meta.read_only_fields, "responses_count"]


class ProductBriefSerializer(serializers.ModelSerializer):
    bank_name = serializers.CharField(source="bank.name", read_only=True)

    class Meta:
        model = LoanProduct
        fields = [
            "id",
            "name",
            "series",
            "bank",
            "bank_name",
            "stages",
            "amount_min",
            "amount_max",
            "collateral",
            "term_months_max",
            "rate_note",
            "description",
        ]
        read_only_fields = fields


class RankedProductSerializer(serializers.Serializer):
    product = ProductBriefSerializer()
    score = serializers.FloatField()
    reasons = MatchReasonSerializer(many=True)


class BankResponseSerializer(serializers.ModelSerializer):
    """A bank's answer to a need, as both sides see it."""

    bank_name = serializers.CharField(source="bank.name", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True, allow_null=True, default=None)
    startup = serializers.IntegerField(source="need.startup_id", read_only=True)
    startup_name = serializers.CharField(source="need.startup.name", read_only=True)
    need_amount = money(source="need.amount", read_only=True)
    responded_by_name = serializers.CharField(source="responded_by.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = BankResponse
        fields = [
            "id",
            "need",
            "need_amount",
            "startup",
            "startup_name",
            "bank",
            "bank_name",
            "product",
            "product_name",
            "status",
            "intended_amount",
            "approved_amount",
            "disbursed_amount",
            "disbursed_on",
            "note",
            "responded_by_name",
            "approved_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class IntentSerializer(serializers.Serializer):
    """Express intent: which need, how much (元), optionally which product and which of your banks."""

    need = serializers.PrimaryKeyRelatedField(queryset=FinancingNeed.objects.all())
    bank = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(kind=OrgKind.BANK), required=False)
    product = serializers.PrimaryKeyRelatedField(queryset=LoanProduct.objects.all(), required=False, allow_null=True)
    intended_amount = money(min_value=Decimal("0.01"))
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")


class IntentUpdateSerializer(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=LoanProduct.objects.all(), required=False, allow_null=True)
    intended_amount = money(min_value=Decimal("0.01"), required=False)
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False)


class ResponseApproveSerializer(serializers.Serializer):
    approved_amount = money(min_value=Decimal("0.01"))
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False)


class ResponseDisburseSerializer(serializers.Serializer):
    disbursed_amount = money(min_value=Decimal("0.01"))
    disbursed_on = serializers.DateField()
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False)


class ResponseDeclineSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")


class BankNeedSerializer(serializers.Serializer):
    """A need that fits the bank's products: the best product, the engine's score and reasons, our answer."""

    need = NeedSerializer()
    product = ProductBriefSerializer()
    score = serializers.FloatField()
    reasons = MatchReasonSerializer(many=True)
    response = BankResponseSerializer(allow_null=True)


class BankNeedPageSerializer(serializers.Serializer):
    """A page of :class:`BankNeedSerializer` rows (the pagination of every list)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = BankNeedSerializer(many=True)


class BankNeedQuerySerializer(serializers.Serializer):
    bank = serializers.IntegerField(required=False, help_text="代表的银行 · acting bank (default: your first)")
    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)
