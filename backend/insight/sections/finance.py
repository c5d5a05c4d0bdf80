"""Financing with banks (科技金融): needs, banks' intents, approvals and disbursements.

Each amount is dated by its own step: intents by the response's creation,
approvals by ``approved_at``, disbursements by ``disbursed_on``. Loan amounts
are company figures: every total (overall, per bank, per month) is shown over
at least three companies only, with secondary suppression in the tables.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from backend.directory.models import FinancingNeed
from backend.finance.models import BankResponse
from backend.insight.relations import node
from backend.insight.scope import Scope
from backend.insight.sections import (
    YUAN,
    Breakdown,
    Column,
    Figure,
    Row,
    Section,
    SectionData,
    choice_rows,
    guarded,
    month_rows,
    register,
    suppress_small_groups,
)
from backend.insight.selectors import startup_org_q

AMOUNTS = ["intended", "approved", "disbursed"]


def _wan(value) -> str:
    return f"{value / 10000:,.2f}万元"


@register
class FinanceSection(Section):
    key = "finance"
    title = "科技金融"
    title_en = "Bank financing"
    order = 60

    def compute(self, scope: Scope) -> SectionData:
        needs = FinancingNeed.objects.filter(startup_org_q(scope, "startup"), scope.in_period("created_at"))
        need = needs.aggregate(
            n_total=Count("pk"),
            n_companies=Count("startup", distinct=True),
            amount=Sum("amount"),
            **{f"n_{k}": Count("pk", filter=Q(kind=k)) for k in FinancingNeed.Kind.values},
            **{f"n_{s}": Count("pk", filter=Q(status=s)) for s in FinancingNeed.Status.values},
        )
        need_amount, need_suppressed = guarded(need["amount"], need["n_companies"])

        responses = BankResponse.objects.filter(startup_org_q(scope, "need__startup"))
        intended = scope.in_period("created_at")
        approved = scope.in_period("approved_at") & Q(approved_amount__isnull=False)
        disbursed = Q(disbursed_on__gte=scope.date_from, disbursed_on__lte=scope.date_to)
        company = "need__startup"
        agg = responses.aggregate(
            n_intents=Count("pk", filter=intended),
            n_declined=Count("pk", filter=intended & Q(status=BankResponse.Status.DECLINED)),
            n_banks=Count("bank", distinct=True, filter=intended | approved | disbursed),
            intended=Sum("intended_amount", filter=intended),
            approved=Sum("approved_amount", filter=approved),
            disbursed=Sum("disbursed_amount", filter=disbursed),
            c_intended=Count(company, distinct=True, filter=intended),
            c_approved=Count(company, distinct=True, filter=approved),
            c_disbursed=Count(company, distinct=True, filter=disbursed),
        )
        amounts = {k: guarded(agg[k], agg[f"c_{k}"]) for k in AMOUNTS}

        by_bank = list(
            responses.filter(intended | approved | disbursed)
            .values("bank_id", "bank__name")
            .annotate(
                intents=Count("pk", filter=intended),
                intended=Sum("intended_amount", filter=intended),
                approved=Sum("approved_amount", filter=approved),
                disbursed=Sum("disbursed_amount", filter=disbursed),
                c_intended=Count(company, distinct=True, filter=intended),
                c_approved=Count(company, distinct=True, filter=approved),
                c_disbursed=Count(company, distinct=True, filter=disbursed),
            )
            .order_by("-intents", "bank__name")
        )
        bank_rows = [
            Row(
                str(r["bank_id"]),
                r["bank__name"],
                r["bank__name"],
                {
                    "intents": r["intents"],
                    "financed": r["c_disbursed"],
                    **{k: float(r[k] or 0) for k in AMOUNTS},
                },
            )
            for r in by_bank
        ]
        # Each amount column is withheld by the companies behind that very amount.
        for k in AMOUNTS:
            suppress_small_groups(bank_rows, [k], {str(r["bank_id"]): r[f"c_{k}"] for r in by_bank})

        monthly = {
            row["month"]: row
            for row in responses.filter(disbursed)
            .annotate(month=TruncMonth("disbursed_on"))
            .values("month")
            .annotate(loans=Count("pk"), amount=Sum("disbursed_amount"), companies=Count(company, distinct=True))
            .order_by()
        }
        month_table = month_rows(
            scope,
            {m: {"loans": r["loans"], "disbursed": float(r["amount"] or 0)} for m, r in monthly.items()},
            ["loans", "disbursed"],
        )
        suppress_small_groups(
            month_table, ["disbursed"], {m.strftime("%Y-%m"): r["companies"] for m, r in monthly.items()}
        )

        def money(key, label, label_en, pair):
            value, suppressed = pair
            return Figure(key, label, label_en, value, YUAN, confidential=True, suppressed=suppressed)

        return self.data(
            [
                Figure("needs", "融资需求", "Financing needs", need["n_total"]),
                Figure("companies_recommended", "提出需求的企业", "Companies seeking", need["n_companies"]),
                money("needs_amount", "需求金额合计", "Amount sought", (need_amount, need_suppressed)),
                Figure("bank_intents", "银行意向", "Bank intents", agg["n_intents"]),
                Figure("banks", "参与银行", "Banks responding", agg["n_banks"]),
                money("intended_amount", "意向金额", "Intended", amounts["intended"]),
                Figure("companies_approved", "获批企业", "Companies approved", agg["c_approved"]),
                money("approved_amount", "审批金额", "Approved", amounts["approved"]),
                Figure("companies_financed", "获得贷款企业", "Companies financed", agg["c_disbursed"]),
                money("disbursed_amount", "放款金额", "Disbursed", amounts["disbursed"]),
            ],
            [
                Breakdown(
                    "by_bank",
                    "各银行对接情况",
                    "By bank",
                    [
                        Column("intents", "意向笔数", "Intents"),
                        Column("financed", "放款企业", "Companies financed"),
                        Column("intended", "意向金额", "Intended", YUAN, confidential=True, plotted=False),
                        Column("approved", "审批金额", "Approved", YUAN, confidential=True, plotted=False),
                        Column("disbursed", "放款金额", "Disbursed", YUAN, confidential=True, plotted=False),
                    ],
                    bank_rows,
                    chart="bar",
                ),
                Breakdown(
                    "disbursed_by_month",
                    "按月放款",
                    "Disbursed by month",
                    [
                        Column("loans", "放款笔数", "Loans"),
                        Column("disbursed", "放款金额", "Disbursed", YUAN, confidential=True, plotted=False),
                    ],
                    month_table,
                    chart="line",
                ),
                Breakdown(
                    "needs_by_status",
                    "融资需求状态",
                    "Needs by status",
                    [Column("needs", "需求数", "Needs")],
                    choice_rows(
                        FinancingNeed.Status.choices,
                        {s: {"needs": need[f"n_{s}"]} for s in FinancingNeed.Status.values},
                        ["needs"],
                    ),
                    chart="pie",
                ),
            ],
        )

    def relations(self, scope: Scope):
        answered = (
            BankResponse.objects.filter(startup_org_q(scope, "need__startup"))
            .filter(
                scope.in_period("created_at") | Q(disbursed_on__gte=scope.date_from, disbursed_on__lte=scope.date_to)
            )
            .exclude(status=BankResponse.Status.DECLINED)
            .values_list("bank_id", "need__startup_id", "status")
        )
        for bank, startup, status in answered:
            kind = "financed" if status == BankResponse.Status.DISBURSED else "met"
            yield node("bank", bank), node("startup", startup), kind

    def paragraph(self, data: SectionData, scope: Scope) -> str:
        text = (
            f"深化科技与金融结合，累计推荐企业{data.value('companies_recommended')}家、融资需求{data.value('needs')}项，"
            f"{data.value('banks')}家银行提出贷款意向{data.value('bank_intents')}笔"
        )
        intended = data.figure("intended_amount")
        if intended.value is not None:
            text += f"、意向金额{_wan(intended.value)}"
        text += f"；{data.value('companies_financed')}家企业获得贷款"
        disbursed = data.figure("disbursed_amount")
        if disbursed.value is not None:
            text += f"，放款{_wan(disbursed.value)}"
        return text + "。"
