"""Directory API shapes.

One serializer per resource validates input and renders output; views hand
``validated_data`` to services and never call ``serializer.save()``. Profile
fields of startups, investors and banks are flattened into the organisation
(dotted sources), so ``validated_data`` carries them under ``startup`` /
``investor`` / ``bank``. References to regions and industries are ids: the
frontend loads both (small) trees once.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from backend.accounts.serializers import PhoneField
from backend.core.search import tokenize
from backend.directory.models import (
    MAX_AMOUNT,
    Carrier,
    CarrierEvaluation,
    Certification,
    Collateral,
    FinancingNeed,
    Industry,
    InvestorProfile,
    LoanProduct,
    Membership,
    MentorProfile,
    Organisation,
    OrgKind,
    Region,
    Stage,
    StartupProfile,
)
from backend.directory.visibility import can_view_confidential

RANGE_INVERTED = _("上限不能小于下限 · The maximum must not be below the minimum.")
GRADUATED_YEAR_WITHOUT_GRADUATION = _("未毕业企业不能填写毕业年份 · Only graduated startups have a graduation year.")
DEMO_BASE_TYPE_MISMATCH = _("仅双创示范基地需填写类型 · Only demonstration bases have a base type.")
CANNOT_MOVE_BELOW_ITSELF = _("不能移到自身或其下级之下 · A node cannot move below itself.")
DEADLINE_IN_PAST = _("截止日期不能早于今天 · The deadline cannot be in the past.")
NOT_A_BANK = _("请选择银行机构 · Choose a bank.")
PARENT_BANK_SELF = _("不能以自身为上级银行 · A bank cannot be its own parent.")
LOAN_PRODUCT_NAME_TAKEN = _("该银行已有同名产品 · The bank already has a product of this name.")
EMAIL_OR_PHONE = _("请填写邮箱或手机号 · Give an email or a phone number.")


def money(**kwargs) -> serializers.DecimalField:
    kwargs.setdefault("min_value", Decimal("0"))
    return serializers.DecimalField(max_digits=16, decimal_places=2, max_value=MAX_AMOUNT, **kwargs)


def year(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1900, max_value=2100, **kwargs)


def _current(serializer: serializers.Serializer, attrs: dict, key: str, profile: str | None = None):
    """A field's value after this (possibly partial) write: the input, else the stored value."""
    source = attrs.get(profile, {}) if profile else attrs
    if key in source:
        return source[key]
    instance = serializer.instance
    if instance is None:
        return None
    if profile:
        instance = getattr(instance, profile, None)
    return getattr(instance, key, None)


class RegionSerializer(serializers.ModelSerializer):
    """A region (地区) in the province → city → county tree."""

    class Meta:
        model = Region
        fields = ["id", "name", "name_en", "level", "code", "parent", "depth", "path"]
        read_only_fields = ["depth", "path"]

    def validate_parent(self, parent):
        if parent is not None and self.instance is not None and parent.path.startswith(self.instance.path):
            raise serializers.ValidationError(CANNOT_MOVE_BELOW_ITSELF)
        return parent


class IndustrySerializer(serializers.ModelSerializer):
    """An industry (产业) in the industry tree."""

    class Meta:
        model = Industry
        fields = ["id", "name", "name_en", "slug", "group", "parent", "depth", "path"]
        read_only_fields = ["depth", "path"]

    def validate_parent(self, parent):
        if parent is not None and self.instance is not None and parent.path.startswith(self.instance.path):
            raise serializers.ValidationError(CANNOT_MOVE_BELOW_ITSELF)
        return parent


# --- carriers ------------------------------------------------------------------------------------


class CarrierEvaluationSerializer(serializers.ModelSerializer):
    """A carrier's evaluation grade of one year."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)

    class Meta:
        model = CarrierEvaluation
        fields = ["year", "grade"]


class CarrierSerializer(serializers.ModelSerializer):
    """An incubation carrier (孵化载体): incubator, maker space, science park …"""

    region_name = serializers.CharField(source="region.name", read_only=True)
    operator = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text="运营机构（仅管理员可改）· operating organisation (admins only)",
    )
    operator_name = serializers.CharField(source="operator.name", read_only=True, allow_null=True)
    latest_grade = serializers.ChoiceField(
        choices=CarrierEvaluation.Grade.choices, read_only=True, allow_null=True, help_text="最近一次评价等级"
    )
    startups_count = serializers.IntegerField(read_only=True, help_text="在孵企业数 · startups incubated now")
    graduated_count = serializers.IntegerField(read_only=True, help_text="毕业企业数 · graduated startups")
    area_m2 = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), allow_null=True, required=False
    )
    seed_fund = money(allow_null=True, required=False)
    founded_year = year(allow_null=True, required=False)

    class Meta:
        model = Carrier
        fields = [
            "id",
            "name",
            "name_en",
            "kind",
            "demo_base_type",
            "level",
            "region",
            "region_name",
            "operator",
            "operator_name",
            "focus_industries",
            "area_m2",
            "workstations",
            "seed_fund",
            "founded_year",
            "address",
            "description",
            "website",
            "latest_grade",
            "startups_count",
            "graduated_count",
        ]

    def validate(self, attrs):
        kind = _current(self, attrs, "kind")
        base_type = _current(self, attrs, "demo_base_type") or ""
        if (kind == Carrier.Kind.DEMO_BASE) != bool(base_type):
            raise serializers.ValidationError({"demo_base_type": [DEMO_BASE_TYPE_MISMATCH]})
        return attrs


class CarrierDetailSerializer(CarrierSerializer):
    """A carrier with its evaluations by year (newest first)."""

    evaluations = CarrierEvaluationSerializer(many=True, read_only=True)

    class Meta(CarrierSerializer.Meta):
        fields = [*CarrierSerializer.Meta.fields, "evaluations"]


# --- organisations -------------------------------------------------------------------------------


ORGANISATION_FIELDS = [
    "id",
    "kind",
    "name",
    "name_en",
    "region",
    "region_name",
    "industries",
    "description",
    "website",
    "founded",
    "created_at",
    "updated_at",
]


class OrganisationSerializer(serializers.ModelSerializer):
    """Any kind of organisation; only institutes, carrier operators and bureaus are created here."""

    region_name = serializers.CharField(source="region.name", read_only=True)
    kind = serializers.ChoiceField(
        choices=OrgKind.choices,
        help_text="创建时可选 institute / carrier_operator / bureau；其余类型用各自的接口 · "
        "creatable kinds here: institute, carrier_operator, bureau",
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        read_only_fields = ["created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["kind"].read_only = True
        return fields

    def validate_kind(self, kind):
        if kind not in GENERIC_KINDS:
            raise serializers.ValidationError(
                _("该类型请使用专门的接口创建 · Create this kind through its own endpoint.")
            )
        return kind


GENERIC_KINDS = (OrgKind.INSTITUTE, OrgKind.CARRIER_OPERATOR, OrgKind.BUREAU)


class _ProfileOrganisationSerializer(serializers.ModelSerializer):
    """Base for startups, investors and banks: organisation fields plus flattened profile fields."""

    kind = serializers.ChoiceField(choices=OrgKind.choices, read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        read_only_fields = ["created_at", "updated_at"]


class StartupSerializer(_ProfileOrganisationSerializer):
    """A startup (科技企业). Confidential fields are present only for its members and admins."""

    stage = serializers.ChoiceField(source="startup.stage", choices=Stage.choices)
    carrier = serializers.PrimaryKeyRelatedField(
        source="startup.carrier", queryset=Carrier.objects.all(), allow_null=True, required=False
    )
    carrier_name = serializers.CharField(source="startup.carrier.name", read_only=True, allow_null=True)
    employees = serializers.IntegerField(source="startup.employees", min_value=0, max_value=10_000_000, required=False)
    certifications = serializers.ListField(
        source="startup.certifications",
        child=serializers.ChoiceField(choices=Certification.choices),
        required=False,
        max_length=len(Certification.values),
    )
    ip_count = serializers.IntegerField(source="startup.ip_count", min_value=0, max_value=1_000_000, required=False)
    graduated = serializers.BooleanField(source="startup.graduated", required=False)
    graduated_year = year(source="startup.graduated_year", allow_null=True, required=False)
    revenue = money(source="startup.revenue", allow_null=True, required=False, help_text="保密 · confidential")
    net_profit = money(
        source="startup.net_profit",
        min_value=-MAX_AMOUNT,
        allow_null=True,
        required=False,
        help_text="保密 · confidential",
    )
    valuation = money(source="startup.valuation", allow_null=True, required=False, help_text="保密 · confidential")
    rd_expense = money(source="startup.rd_expense", allow_null=True, required=False, help_text="保密 · confidential")
    cap_table_notes = serializers.CharField(
        source="startup.cap_table_notes", allow_blank=True, required=False, help_text="保密 · confidential"
    )

    class Meta(_ProfileOrganisationSerializer.Meta):
        fields = [
            *ORGANISATION_FIELDS,
            "stage",
            "carrier",
            "carrier_name",
            "employees",
            "certifications",
            "ip_count",
            "graduated",
            "graduated_year",
            *StartupProfile.CONFIDENTIAL_FIELDS,
        ]

    def validate(self, attrs):
        graduated = _current(self, attrs, "graduated", "startup")
        graduated_year = _current(self, attrs, "graduated_year", "startup")
        if graduated_year is not None and not graduated:
            raise serializers.ValidationError({"graduated_year": [GRADUATED_YEAR_WITHOUT_GRADUATION]})
        certifications = attrs.get("startup", {}).get("certifications")
        if certifications is not None:
            attrs["startup"]["certifications"] = sorted(set(certifications))
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not can_view_confidential(getattr(request, "user", None), instance):
            for field in StartupProfile.CONFIDENTIAL_FIELDS:
                data.pop(field, None)
        return data


class InvestorSerializer(_ProfileOrganisationSerializer):
    """An investor (投资机构) with its ticket range, stages and target regions."""

    investor_type = serializers.ChoiceField(
        source="investor.investor_type", choices=InvestorProfile.InvestorType.choices, required=False
    )
    stages = serializers.ListField(
        source="investor.stages", child=serializers.ChoiceField(choices=Stage.choices), required=False
    )
    ticket_min = money(source="investor.ticket_min", help_text="单笔投资下限（元）· smallest ticket (CNY)")
    ticket_max = money(source="investor.ticket_max", help_text="单笔投资上限（元）· largest ticket (CNY)")
    regions = serializers.PrimaryKeyRelatedField(
        source="investor.regions",
        queryset=Region.objects.all(),
        many=True,
        required=False,
        help_text="投资地域，空为不限 · target regions; empty means anywhere",
    )

    class Meta(_ProfileOrganisationSerializer.Meta):
        fields = [*ORGANISATION_FIELDS, "investor_type", "stages", "ticket_min", "ticket_max", "regions"]

    def validate(self, attrs):
        low = _current(self, attrs, "ticket_min", "investor")
        high = _current(self, attrs, "ticket_max", "investor")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"ticket_max": [RANGE_INVERTED]})
        stages = attrs.get("investor", {}).get("stages")
        if stages is not None:
            attrs["investor"]["stages"] = sorted(set(stages), key=Stage.values.index)
        return attrs


class BankBranchSerializer(serializers.Serializer):
    """A branch of a bank (read only)."""

    id = serializers.IntegerField(source="organisation_id", read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)
    is_tech_branch = serializers.BooleanField(read_only=True)


class LoanProductBriefSerializer(serializers.ModelSerializer):
    """A bank's loan product in brief (read only)."""

    class Meta:
        model = LoanProduct
        fields = ["id", "name", "series", "stages", "amount_min", "amount_max", "active"]
        read_only_fields = fields


class BankSerializer(_ProfileOrganisationSerializer):
    """A bank (银行) with its branches and loan products."""

    parent_bank = serializers.PrimaryKeyRelatedField(
        source="bank.parent_bank",
        queryset=Organisation.objects.filter(kind=OrgKind.BANK),
        allow_null=True,
        required=False,
        help_text="上级银行（总行/分行）· parent bank",
    )
    parent_bank_name = serializers.CharField(source="bank.parent_bank.name", read_only=True, allow_null=True)
    is_tech_branch = serializers.BooleanField(source="bank.is_tech_branch", required=False)
    branches = BankBranchSerializer(many=True, read_only=True)
    products = LoanProductBriefSerializer(source="loan_products", many=True, read_only=True)

    class Meta(_ProfileOrganisationSerializer.Meta):
        fields = [*ORGANISATION_FIELDS, "parent_bank", "parent_bank_name", "is_tech_branch", "branches", "products"]

    def validate(self, attrs):
        parent = attrs.get("bank", {}).get("parent_bank")
        if parent is not None and self.instance is not None and parent.pk == self.instance.pk:
            raise serializers.ValidationError({"parent_bank": [PARENT_BANK_SELF]})
        return attrs


class LoanProductSerializer(serializers.ModelSerializer):
    """A bank's loan product (贷款产品)."""

    bank = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=OrgKind.BANK), help_text="创建后不可更改 · fixed after creation"
    )
    bank_name = serializers.CharField(source="bank.name", read_only=True)
    stages = serializers.ListField(child=serializers.ChoiceField(choices=Stage.choices), allow_empty=False)
    collateral = serializers.ListField(
        child=serializers.ChoiceField(choices=Collateral.choices),
        allow_empty=False,
        help_text="接受的担保方式，任一即可 · accepted collateral, any one suffices",
    )
    amount_min = money(min_value=Decimal("0.01"))
    amount_max = money(min_value=Decimal("0.01"))
    term_months_max = serializers.IntegerField(min_value=1, max_value=600, allow_null=True, required=False)

    class Meta:
        model = LoanProduct
        fields = [
            "id",
            "bank",
            "bank_name",
            "name",
            "series",
            "stages",
            "amount_min",
            "amount_max",
            "collateral",
            "industries",
            "term_months_max",
            "rate_note",
            "description",
            "active",
        ]
        extra_kwargs = {"industries": {"help_text": "适用产业，空为不限 · industries served; empty means all"}}
        # The (bank, name) uniqueness is checked in validate(), where a PATCH knows the stored bank.
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["bank"].read_only = True
        return fields

    def validate(self, attrs):
        low, high = _current(self, attrs, "amount_min"), _current(self, attrs, "amount_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"amount_max": [RANGE_INVERTED]})
        for key, order in (("stages", Stage.values), ("collateral", Collateral.values)):
            if key in attrs:
                attrs[key] = sorted(set(attrs[key]), key=order.index)
        bank, name = _current(self, attrs, "bank"), _current(self, attrs, "name")
        taken = LoanProduct.objects.filter(bank=bank, name=name)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if bank is not None and taken.exists():
            raise serializers.ValidationError({"name": [LOAN_PRODUCT_NAME_TAKEN]})
        return attrs


# --- mentors -------------------------------------------------------------------------------------


class MentorSerializer(serializers.ModelSerializer):
    """A mentor's public profile: the person's name, never their email or phone."""

    user = serializers.PrimaryKeyRelatedField(read_only=True)
    name = serializers.CharField(source="user.name", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True, allow_null=True)
    expertise = serializers.ListField(
        child=serializers.CharField(max_length=32), max_length=20, required=False, help_text="专长标签 · expertise tags"
    )
    capacity = serializers.IntegerField(min_value=0, max_value=100, required=False)
    appointed_year = year(allow_null=True, required=False)

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
            "industries",
            "region",
            "region_name",
            "capacity",
            "appointed_year",
            "active",
        ]

    def validate_expertise(self, tags):
        return list(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))


# --- members -------------------------------------------------------------------------------------


class MemberSerializer(serializers.ModelSerializer):
    """A member of an organisation (no contact details)."""

    user = serializers.IntegerField(source="user_id", read_only=True)
    name = serializers.CharField(source="user.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "name", "role", "created_at"]
        read_only_fields = ["role", "created_at"]


class MemberAddSerializer(serializers.Serializer):
    """Add a registered user to an organisation by email or phone."""

    email = serializers.EmailField(required=False, allow_blank=True)
    phone = PhoneField(required=False, allow_blank=True)
    role = serializers.ChoiceField(choices=Membership.Role.choices, default=Membership.Role.MEMBER)

    def validate(self, attrs):
        if not attrs.get("email") and not attrs.get("phone"):
            raise serializers.ValidationError({"email": [EMAIL_OR_PHONE]})
        return attrs


class MemberRoleSerializer(serializers.Serializer):
    """Change a member's role."""

    role = serializers.ChoiceField(choices=Membership.Role.choices)


# --- financing needs -----------------------------------------------------------------------------


class FinancingNeedSerializer(serializers.ModelSerializer):
    """A startup's financing need (融资需求); its status changes through actions."""

    startup = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=OrgKind.STARTUP),
        help_text="本人所在的企业；创建后不可更改 · one of your startups; fixed after creation",
    )
    startup_name = serializers.CharField(source="startup.name", read_only=True)
    amount = money(min_value=Decimal("0.01"))
    collateral_offered = serializers.ListField(
        child=serializers.ChoiceField(choices=Collateral.choices), required=False
    )
    term_months = serializers.IntegerField(min_value=1, max_value=600, allow_null=True, required=False)

    class Meta:
        model = FinancingNeed
        fields = [
            "id",
            "startup",
            "startup_name",
            "amount",
            "kind",
            "purpose",
            "term_months",
            "collateral_offered",
            "deadline",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["startup"].read_only = True
        return fields

    def validate_deadline(self, deadline):
        if deadline is not None and deadline < timezone.localdate():
            raise serializers.ValidationError(DEADLINE_IN_PAST)
        return deadline

    def validate_collateral_offered(self, collateral):
        return sorted(set(collateral), key=Collateral.values.index)


# --- search --------------------------------------------------------------------------------------


SEARCH_HIT_TYPES = [
    ("carrier", "carrier"),
    ("startup", "startup"),
    ("investor", "investor"),
    ("bank", "bank"),
    ("loan_product", "loan_product"),
    ("mentor", "mentor"),
]
SEARCH_GROUP_TYPES = {
    "carriers": "carrier",
    "startups": "startup",
    "investors": "investor",
    "banks": "bank",
    "loan_products": "loan_product",
    "mentors": "mentor",
}
SNIPPET_LENGTH = 60


def snippet(text: str, query: str, length: int = SNIPPET_LENGTH) -> str:
    """About *length* characters of *text* around the first query token found in it."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    found = [position for token in tokenize(query) if (position := lowered.find(token)) >= 0]
    start = max(0, min(found) - length // 4) if found else 0
    excerpt = text[start : start + length]
    return ("…" if start else "") + excerpt + ("…" if start + length < len(text) else "")


def search_hit(group: str, row, query: str) -> dict:
    if isinstance(row, MentorProfile):
        name, text = row.user.name, " ".join(filter(None, [row.title, row.affiliation, row.bio]))
    elif isinstance(row, LoanProduct):
        name, text = f"{row.bank.name} · {row.name}", row.description
    else:
        name, text = row.name, row.description
    return {"id": row.pk, "type": SEARCH_GROUP_TYPES[group], "name": name, "snippet": snippet(text, query)}


class SearchHitSerializer(serializers.Serializer):
    """One search result."""

    id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=SEARCH_HIT_TYPES)
    name = serializers.CharField()
    snippet = serializers.CharField(help_text="简介中命中的片段 · a short excerpt around the match")


class SearchResultsSerializer(serializers.Serializer):
    """Top search results per type."""

    query = serializers.CharField()
    carriers = SearchHitSerializer(many=True)
    startups = SearchHitSerializer(many=True)
    investors = SearchHitSerializer(many=True)
    banks = SearchHitSerializer(many=True)
    loan_products = SearchHitSerializer(many=True)
    mentors = SearchHitSerializer(many=True)


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=100, help_text="搜索词 · search words")
    limit = serializers.IntegerField(min_value=1, max_value=20, default=5, help_text="每类条数 · hits per type")
