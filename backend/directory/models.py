"""The ecosystem directory: places, industries, carriers, organisations, people.

Confidential figures (a startup's revenue, valuation …) live on the same rows
as public ones; serializers decide who sees them (see ``directory.visibility``).
Money is CNY as Decimal.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from backend.core.search import Searchable
from backend.core.trees import TreeNode

MONEY = {"max_digits": 16, "decimal_places": 2}
MAX_AMOUNT = Decimal("100000000000")  # 1,000 亿元: anything above is a typo


def _names(instance: models.Model, relation: str) -> list[str]:
    """Names of a saved row's many-to-many neighbours (uses a prefetch when there is one)."""
    if instance.pk is None:
        return []
    return [related.name for related in getattr(instance, relation).all()]


class Region(TreeNode):
    class Level(models.TextChoices):
        PROVINCE = "province", _("省 · province")
        CITY = "city", _("市 · city")
        COUNTY = "county", _("县/区 · county or district")

    name = models.CharField(_("名称 · name"), max_length=64)
    name_en = models.CharField(max_length=64, blank=True)
    level = models.CharField(max_length=16, choices=Level.choices)
    # Administrative division code (GB/T 2260) where one exists; 开发区 have none.
    code = models.CharField(max_length=12, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("地区 · region")
        verbose_name_plural = _("地区 · regions")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent"),
            # NULL parents never compare equal, so roots need their own rule.
            models.UniqueConstraint(fields=["name"], condition=Q(parent__isnull=True), name="region_unique_root_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Industry(TreeNode):
    class Group(models.TextChoices):
        EMERGING = "emerging", _("战略性新兴产业 · strategic emerging")
        TRADITIONAL = "traditional", _("传统产业 · traditional")
        SERVICE = "service", _("服务业 · services")
        OTHER = "other", _("其他 · other")

    name = models.CharField(_("名称 · name"), max_length=64)
    name_en = models.CharField(max_length=64, blank=True)
    slug = models.SlugField(max_length=64, unique=True)
    group = models.CharField(max_length=16, choices=Group.choices, default=Group.OTHER)

    class Meta:
        ordering = ["path"]
        verbose_name = _("产业 · industry")
        verbose_name_plural = _("产业 · industries")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="industry_unique_name_in_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="industry_unique_root_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    """Company stages; the order matters (loan products serve ranges of it)."""

    SEED = "seed", _("种子期 · seed")
    STARTUP = "startup", _("初创期 · startup")
    GROWTH = "growth", _("成长期 · growth")
    MATURE = "mature", _("成熟期 · mature")


STAGE_ORDER = {stage: index for index, stage in enumerate(Stage.values)}


class Level(models.TextChoices):
    NATIONAL = "national", _("国家级 · national")
    PROVINCIAL = "provincial", _("省级 · provincial")
    MUNICIPAL = "municipal", _("市级 · municipal")


class Certification(models.TextChoices):
    HIGH_TECH = "high_tech", _("高新技术企业 · high-tech enterprise")
    SPECIALIZED = "specialized", _("专精特新 · specialized and innovative")
    LITTLE_GIANT = "little_giant", _("专精特新“小巨人” · little giant")
    TECH_SME = "tech_sme", _("科技型中小企业 · tech SME")


class Collateral(models.TextChoices):
    CREDIT = "credit", _("纯信用 · unsecured (credit)")
    PATENT_PLEDGE = "patent_pledge", _("专利质押 · patent pledge")
    EQUITY_PLEDGE = "equity_pledge", _("股权质押 · equity pledge")
    RECEIVABLES = "receivables", _("应收账款质押 · receivables pledge")
    GUARANTEE = "guarantee", _("担保 · guarantee")
    MORTGAGE = "mortgage", _("抵押 · mortgage")


class OrgKind(models.TextChoices):
    STARTUP = "startup", _("科技企业 · startup / tech SME")
    INVESTOR = "investor", _("投资机构 · investor")
    BANK = "bank", _("银行 · bank")
    INSTITUTE = "institute", _("科研院所 · research institute")
    CARRIER_OPERATOR = "carrier_operator", _("载体运营方 · carrier operator")
    BUREAU = "bureau", _("科技主管部门 · bureau")


class Organisation(Searchable):
    kind = models.CharField(max_length=20, choices=OrgKind.choices)
    name = models.CharField(_("名称 · name"), max_length=128, unique=True)
    name_en = models.CharField(max_length=128, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organisations")
    industries = models.ManyToManyField(Industry, blank=True, related_name="organisations")
    description = models.TextField(_("简介 · description"), blank=True)
    website = models.URLField(blank=True)
    founded = models.DateField(null=True, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="organisations")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("机构 · organisation")
        verbose_name_plural = _("机构 · organisations")
        indexes = [
            models.Index(fields=["kind", "name"], name="org_kind_name_idx"),
            GinIndex(fields=["search_vector"], name="org_search_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def search_text(self):
        # Industry names too, so that 光电 finds startups filed under 光电子 without saying so.
        # A new row has no industries yet: services refresh the document after setting them.
        return [self.name, self.name_en, self.description, *_names(self, "industries")]


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("负责人 · owner")
        MEMBER = "member", _("成员 · member")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class Carrier(Searchable):
    """孵化载体: where startups are incubated and events are held."""

    class Kind(models.TextChoices):
        INCUBATOR = "incubator", _("科技企业孵化器 · incubator")
        MAKER_SPACE = "maker_space", _("众创空间 · maker space")
        UNIVERSITY_PARK = "university_park", _("大学科技园 · university science park")
        INNOVATION_COMPLEX = "innovation_complex", _("科技创新综合体 · innovation complex")
        DEMO_BASE = "demo_base", _("双创示范基地 · demonstration base")

    class DemoBaseType(models.TextChoices):
        REGION = "region", _("区域 · region")
        UNIVERSITY = "university", _("高校及科研院所 · university or institute")
        ENTERPRISE = "enterprise", _("企业 · enterprise")

    name = models.CharField(_("名称 · name"), max_length=128, unique=True)
    name_en = models.CharField(max_length=128, blank=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    demo_base_type = models.CharField(max_length=16, choices=DemoBaseType.choices, blank=True)
    level = models.CharField(max_length=16, choices=Level.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="carriers")
    operator = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="operated_carriers"
    )
    focus_industries = models.ManyToManyField(Industry, blank=True, related_name="carriers")
    area_m2 = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    workstations = models.PositiveIntegerField(null=True, blank=True)
    seed_fund = models.DecimalField(**MONEY, null=True, blank=True, validators=[MinValueValidator(0)])
    founded_year = models.PositiveSmallIntegerField(null=True, blank=True)
    address = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("孵化载体 · carrier")
        verbose_name_plural = _("孵化载体 · carriers")
        indexes = [GinIndex(fields=["search_vector"], name="carrier_search_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="demo_base") & ~Q(demo_base_type="")) | (~Q(kind="demo_base") & Q(demo_base_type="")),
                name="carrier_demo_base_type_iff_demo_base",
            ),
            models.CheckConstraint(condition=Q(area_m2__gte=0) | Q(area_m2__isnull=True), name="carrier_area_nonneg"),
            models.CheckConstraint(
                condition=Q(seed_fund__gte=0) | Q(seed_fund__isnull=True), name="carrier_seed_fund_nonneg"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def search_text(self):
        return [self.name, self.name_en, self.address, self.description, *_names(self, "focus_industries")]


class CarrierEvaluation(models.Model):
    """Yearly evaluation grade (A 优秀, B 良好, C 合格, D 不合格)."""

    class Grade(models.TextChoices):
        A = "A", _("A 优秀 · excellent")
        B = "B", _("B 良好 · good")
        C = "C", _("C 合格 · pass")
        D = "D", _("D 不合格 · fail")

    carrier = models.ForeignKey(Carrier, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    grade = models.CharField(max_length=1, choices=Grade.choices)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["carrier", "year"], name="carrier_evaluation_once_a_year")]

    def __str__(self) -> str:
        return f"{self.carrier_id}/{self.year}: {self.grade}"


class StartupProfile(models.Model):
    organisation = models.OneToOneField(
        Organisation, primary_key=True, on_delete=models.CASCADE, related_name="startup"
    )
    stage = models.CharField(max_length=16, choices=Stage.choices)
    carrier = models.ForeignKey(Carrier, null=True, blank=True, on_delete=models.SET_NULL, related_name="startups")
    employees = models.PositiveIntegerField(default=0)
    certifications = ArrayField(
        models.CharField(max_length=16, choices=Certification.choices), default=list, blank=True
    )
    ip_count = models.PositiveIntegerField(_("知识产权数 · IP count"), default=0)
    graduated = models.BooleanField(_("已毕业 · graduated"), default=False)
    graduated_year = models.PositiveSmallIntegerField(null=True, blank=True)
    # Confidential: members, admins (and, later, investors granted access) only.
    revenue = models.DecimalField(_("营业收入 · revenue"), **MONEY, null=True, blank=True)
    net_profit = models.DecimalField(_("净利润 · net profit"), **MONEY, null=True, blank=True)
    valuation = models.DecimalField(_("估值 · valuation"), **MONEY, null=True, blank=True)
    rd_expense = models.DecimalField(_("研发投入 · R&D expense"), **MONEY, null=True, blank=True)
    cap_table_notes = models.TextField(_("股权结构说明 · cap table notes"), blank=True)

    CONFIDENTIAL_FIELDS = ("revenue", "net_profit", "valuation", "rd_expense", "cap_table_notes")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(certifications__contained_by=Certification.values), name="startup_certifications_known"
            ),
            models.CheckConstraint(
                condition=Q(graduated=True) | Q(graduated_year__isnull=True),
                name="startup_graduated_year_only_if_graduated",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation.name


class InvestorProfile(models.Model):
    class InvestorType(models.TextChoices):
        ANGEL = "angel", _("天使投资 · angel")
        VC = "vc", _("创业投资 · venture capital")
        PE = "pe", _("私募股权 · private equity")
        GOVERNMENT_FUND = "government_fund", _("政府引导基金 · government guidance fund")

    organisation = models.OneToOneField(
        Organisation, primary_key=True, on_delete=models.CASCADE, related_name="investor"
    )
    investor_type = models.CharField(max_length=20, choices=InvestorType.choices, default=InvestorType.VC)
    stages = ArrayField(models.CharField(max_length=16, choices=Stage.choices), default=list, blank=True)
    ticket_min = models.DecimalField(**MONEY, validators=[MinValueValidator(0)])
    ticket_max = models.DecimalField(**MONEY, validators=[MinValueValidator(0)])
    regions = models.ManyToManyField(Region, blank=True, related_name="investors")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ticket_min__gte=0) & Q(ticket_min__lte=F("ticket_max")), name="investor_ticket_range_valid"
            ),
            models.CheckConstraint(condition=Q(stages__contained_by=Stage.values), name="investor_stages_known"),
        ]

    def __str__(self) -> str:
        return str(self.organisation_id)


class BankProfile(models.Model):
    organisation = models.OneToOneField(Organisation, primary_key=True, on_delete=models.CASCADE, related_name="bank")
    parent_bank = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="branches"
    )
    is_tech_branch = models.BooleanField(_("科技支行 · tech branch"), default=False)

    def __str__(self) -> str:
        return str(self.organisation_id)


class LoanProduct(Searchable):
    """A bank's loan product (e.g. 吉林银行 创客贷 for seed-stage companies)."""

    bank = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="loan_products")
    name = models.CharField(_("名称 · name"), max_length=64)
    series = models.CharField(_("系列 · series"), max_length=64, blank=True)
    stages = ArrayField(models.CharField(max_length=16, choices=Stage.choices))
    amount_min = models.DecimalField(**MONEY)
    amount_max = models.DecimalField(**MONEY)
    collateral = ArrayField(
        models.CharField(max_length=16, choices=Collateral.choices),
        help_text="Accepted collateral kinds; any one of them suffices.",
    )
    industries = models.ManyToManyField(
        Industry, blank=True, related_name="loan_products", help_text="Empty means every industry."
    )
    term_months_max = models.PositiveSmallIntegerField(null=True, blank=True)
    rate_note = models.CharField(max_length=128, blank=True)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["bank__name", "amount_min", "name"]
        indexes = [GinIndex(fields=["search_vector"], name="loan_product_search_idx")]
        constraints = [
            models.UniqueConstraint(fields=["bank", "name"], name="loan_product_unique_name_per_bank"),
            models.CheckConstraint(
                condition=Q(amount_min__gt=0) & Q(amount_min__lte=F("amount_max")),
                name="loan_product_amount_range_valid",
            ),
            models.CheckConstraint(
                condition=Q(stages__contained_by=Stage.values) & ~Q(stages=[]), name="loan_product_stages_known"
            ),
            models.CheckConstraint(
                condition=Q(collateral__contained_by=Collateral.values) & ~Q(collateral=[]),
                name="loan_product_collateral_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bank.name} · {self.name}"

    def search_text(self):
        return [self.name, self.series, self.description, self.bank.name, *_names(self, "industries")]


class MentorProfile(Searchable):
    """创业导师: a person with expertise and a capacity for mentees."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile")
    title = models.CharField(_("职务/职称 · title"), max_length=128, blank=True)
    affiliation = models.CharField(_("工作单位 · affiliation"), max_length=128, blank=True)
    bio = models.TextField(_("简介 · bio"), blank=True)
    expertise = ArrayField(models.CharField(max_length=32), default=list, blank=True)
    industries = models.ManyToManyField(Industry, blank=True, related_name="mentors")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentors")
    capacity = models.PositiveSmallIntegerField(
        _("可带企业数 · capacity"), default=3, validators=[MaxValueValidator(100)]
    )
    appointed_year = models.PositiveSmallIntegerField(_("聘任年份 · appointed"), null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["user__name"]
        indexes = [GinIndex(fields=["search_vector"], name="mentor_search_idx")]
        constraints = [models.CheckConstraint(condition=Q(capacity__lte=100), name="mentor_capacity_sane")]

    def __str__(self) -> str:
        return self.user.name

    def search_text(self):
        return [
            self.user.name,
            self.title,
            self.affiliation,
            self.bio,
            " ".join(self.expertise),
            *_names(self, "industries"),
        ]


class FinancingNeed(models.Model):
    class Kind(models.TextChoices):
        DEBT = "debt", _("债权融资 · debt")
        EQUITY = "equity", _("股权融资 · equity")

    class Status(models.TextChoices):
        OPEN = "open", _("进行中 · open")
        MATCHED = "matched", _("已对接 · matched")
        FULFILLED = "fulfilled", _("已满足 · fulfilled")
        WITHDRAWN = "withdrawn", _("已撤回 · withdrawn")
        EXPIRED = "expired", _("已过期 · expired")

    startup = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="financing_needs")
    amount = models.DecimalField(_("金额 · amount"), **MONEY)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    purpose = models.TextField(_("用途 · purpose"))
    term_months = models.PositiveSmallIntegerField(null=True, blank=True)
    collateral_offered = ArrayField(
        models.CharField(max_length=16, choices=Collateral.choices), default=list, blank=True
    )
    deadline = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(amount__lte=MAX_AMOUNT), name="financing_need_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(collateral_offered__contained_by=Collateral.values), name="financing_need_collateral_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.startup.name}: {self.amount}"
