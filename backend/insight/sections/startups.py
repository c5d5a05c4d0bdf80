"""Startups (在孵企业, 科技型中小企业): stage, industry, certification, incubation and graduation.

The registry is a snapshot (today's profiles); the period selects who was
registered on the platform and who graduated in it. Revenue is confidential:
only its total over at least three reporting companies is shown, per stage too.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from backend.directory.models import Certification, Stage
from backend.insight.scope import Scope
from backend.insight.sections import (
    YUAN,
    Breakdown,
    Column,
    Figure,
    Section,
    SectionData,
    choice_rows,
    guarded,
    register,
    suppress_small_groups,
)
from backend.insight.sections._industries import industry_rows
from backend.insight.selectors import startups_in


def _wan(value) -> str:
    return f"{value / 10000:,.2f}万元"


@register
class StartupsSection(Section):
    key = "startups"
    title = "企业"
    title_en = "Startups"
    order = 20

    def compute(self, scope: Scope) -> SectionData:
        startups = startups_in(scope)
        reported = Q(revenue__isnull=False)
        agg = startups.aggregate(
            n_total=Count("pk"),
            n_incubated=Count("pk", filter=Q(carrier__isnull=False, graduated=False)),
            n_graduated=Count("pk", filter=Q(graduated=True)),
            n_graduated_in_period=Count("pk", filter=Q(graduated=True) & scope.in_years("graduated_year")),
            n_new_in_period=Count("pk", filter=scope.in_period("organisation__created_at")),
            n_employees=Sum("employees"),
            n_ip=Sum("ip_count"),
            n_revenue=Sum("revenue"),
            n_revenue_companies=Count("pk", filter=reported),
            **{f"stage_{s}": Count("pk", filter=Q(stage=s)) for s in Stage.values},
            **{f"revenue_{s}": Sum("revenue", filter=Q(stage=s)) for s in Stage.values},
            **{f"reported_{s}": Count("pk", filter=reported & Q(stage=s)) for s in Stage.values},
            **{f"cert_{c}": Count("pk", filter=Q(certifications__contains=[c])) for c in Certification.values},
            **{
                f"graduated_cert_{c}": Count("pk", filter=Q(graduated=True, certifications__contains=[c]))
                for c in Certification.values
            },
        )
        revenue, revenue_suppressed = guarded(agg["n_revenue"], agg["n_revenue_companies"])

        stage_rows = choice_rows(
            Stage.choices,
            {s: {"startups": agg[f"stage_{s}"], "revenue": agg[f"revenue_{s}"] or 0} for s in Stage.values},
            ["startups", "revenue"],
        )
        for row in stage_rows:
            row.values["revenue"] = float(row.values["revenue"] or 0)
        suppress_small_groups(stage_rows, ["revenue"], {s: agg[f"reported_{s}"] for s in Stage.values})
        if revenue_suppressed:
            for row in stage_rows:
                row.values["revenue"] = None
                if "revenue" not in row.suppressed:
                    row.suppressed.append("revenue")

        return self.data(
            [
                Figure("startups", "企业总数", "Startups", agg["n_total"]),
                Figure("incubated", "在孵企业", "In incubation", agg["n_incubated"]),
                Figure("graduated", "累计毕业企业", "Graduated (all time)", agg["n_graduated"]),
                Figure("graduated_in_period", "本期毕业企业", "Graduated in the period", agg["n_graduated_in_period"]),
                Figure("new_in_period", "本期新入驻企业", "Joined in the period", agg["n_new_in_period"]),
                Figure("high_tech", "高新技术企业", "High-tech enterprises", agg["cert_high_tech"]),
                Figure("employees", "从业人员", "Employees", agg["n_employees"] or 0),
                Figure("ip", "知识产权数", "IP rights", agg["n_ip"] or 0),
                Figure(
                    "revenue",
                    "企业营业收入合计",
                    "Total revenue",
                    revenue,
                    YUAN,
                    confidential=True,
                    suppressed=revenue_suppressed,
                ),
            ],
            [
                Breakdown(
                    "by_stage",
                    "按发展阶段",
                    "By stage",
                    [
                        Column("startups", "企业数", "Startups"),
                        Column("revenue", "营业收入", "Revenue", YUAN, confidential=True, plotted=False),
                    ],
                    stage_rows,
                    chart="pie",
                ),
                Breakdown(
                    "by_industry",
                    "按产业",
                    "By industry",
                    [Column("startups", "企业数", "Startups")],
                    industry_rows(startups, "organisation__industries__path", "pk", "startups"),
                    chart="bar",
                ),
                Breakdown(
                    "by_certification",
                    "按资质",
                    "By certification",
                    [
                        Column("startups", "企业数", "Startups"),
                        Column("graduated", "其中毕业企业", "Of which graduated"),
                    ],
                    choice_rows(
                        Certification.choices,
                        {
                            c: {"startups": agg[f"cert_{c}"], "graduated": agg[f"graduated_cert_{c}"]}
                            for c in Certification.values
                        },
                        ["startups", "graduated"],
                    ),
                    chart="bar",
                ),
            ],
        )

    def paragraph(self, data: SectionData, scope: Scope) -> str:
        text = (
            f"平台登记企业{data.value('startups')}家，其中在孵企业{data.value('incubated')}家，"
            f"从业人员{data.value('employees')}人，知识产权{data.value('ip')}件；"
            f"累计毕业企业{data.value('graduated')}家，本期毕业{data.value('graduated_in_period')}家，"
            f"本期新入驻企业{data.value('new_in_period')}家。"
        )
        certs = [r for r in data.breakdown("by_certification").rows if r.values["startups"]]
        if certs:
            text += "拥有" + "、".join(f"{r.label}{r.values['startups']}家" for r in certs) + "。"
        revenue = data.figure("revenue")
        if revenue.value is not None:
            text += f"企业营业收入合计{_wan(revenue.value)}。"
        return text
