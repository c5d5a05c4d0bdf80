"""Carriers (孵化载体): kind × level, latest evaluation grade in the period, space and incubation.

The grade is each carrier's latest evaluation whose year lies in the period
(one correlated subquery), as the seeds report "2021年度 … 优秀31家、良好55家".
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from backend.directory.models import Carrier, CarrierEvaluation, Level, StartupProfile
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
    number,
    register,
)
from backend.insight.selectors import carriers_in

KINDS = Carrier.Kind
GRADES = CarrierEvaluation.Grade
UNGRADED = "none"


@register
class CarriersSection(Section):
    key = "carriers"
    title = "孵化载体"
    title_en = "Carriers"
    order = 30

    def compute(self, scope: Scope) -> SectionData:
        carriers = carriers_in(scope)
        agg = carriers.aggregate(
            n_total=Count("pk"),
            n_area=Sum("area_m2"),
            n_workstations=Sum("workstations"),
            n_seed_fund=Sum("seed_fund"),
            **{f"kind_{k}": Count("pk", filter=Q(kind=k)) for k in KINDS.values},
            **{f"level_{lv}": Count("pk", filter=Q(level=lv)) for lv in Level.values},
            **{f"{k}_{lv}": Count("pk", filter=Q(kind=k, level=lv)) for k in KINDS.values for lv in Level.values},
        )
        incubation = StartupProfile.objects.filter(carrier__in=carriers.values("pk")).aggregate(
            n_incubated=Count("pk", filter=Q(graduated=False)),
            n_graduated=Count("pk", filter=Q(graduated=True)),
            **{f"incubated_{k}": Count("pk", filter=Q(graduated=False, carrier__kind=k)) for k in KINDS.values},
            **{f"graduated_{k}": Count("pk", filter=Q(graduated=True, carrier__kind=k)) for k in KINDS.values},
        )
        latest = (
            CarrierEvaluation.objects.filter(carrier=OuterRef("pk"))
            .filter(scope.in_years("year"))
            .order_by("-year")
            .values("grade")[:1]
        )
        grades = {
            row["grade"] or UNGRADED: row["n"]
            for row in carriers.annotate(grade=Subquery(latest)).values("grade").annotate(n=Count("pk")).order_by()
        }

        kind_counts = {
            k: {
                "carriers": agg[f"kind_{k}"],
                **{lv: agg[f"{k}_{lv}"] for lv in Level.values},
                "incubated": incubation[f"incubated_{k}"],
                "graduated": incubation[f"graduated_{k}"],
            }
            for k in KINDS.values
        }
        level_columns = [Column(lv, str(label).split(" · ")[0], lv) for lv, label in Level.choices]
        grade_rows = choice_rows(
            GRADES.choices, {g: {"carriers": grades.get(g, 0)} for g in GRADES.values}, ["carriers"]
        )
        grade_rows.append(Row(UNGRADED, "未评价", "Not evaluated", {"carriers": grades.get(UNGRADED, 0)}))
        return self.data(
            [
                Figure("carriers", "孵化载体", "Carriers", agg["n_total"]),
                Figure("national", "国家级", "National level", agg["level_national"]),
                Figure("provincial", "省级", "Provincial level", agg["level_provincial"]),
                Figure("municipal", "市级", "Municipal level", agg["level_municipal"]),
                Figure("area_m2", "总面积（平方米）", "Floor area (m²)", number(agg["n_area"]) or 0, "m2"),
                Figure("workstations", "工位数", "Workstations", agg["n_workstations"] or 0),
                Figure("seed_fund", "创业种子资金", "Seed funds", number(agg["n_seed_fund"]) or 0, YUAN),
                Figure("incubated", "在孵企业", "Startups in incubation", incubation["n_incubated"]),
                Figure("graduated", "累计毕业企业", "Graduated startups", incubation["n_graduated"]),
                Figure("evaluated", "参评载体", "Carriers evaluated", agg["n_total"] - grades.get(UNGRADED, 0)),
                Figure("grade_a", "评价优秀（A类）", "Graded A", grades.get("A", 0)),
            ],
            [
                Breakdown(
                    "by_kind",
                    "按类型与级别",
                    "By kind and level",
                    [*level_columns, Column("carriers", "合计", "Total", plotted=False)],
                    choice_rows(KINDS.choices, kind_counts, [*Level.values, "carriers"]),
                    chart="stacked",
                ),
                Breakdown(
                    "by_grade",
                    "按评价等级",
                    "By evaluation grade",
                    [Column("carriers", "载体数", "Carriers")],
                    grade_rows,
                    chart="pie",
                ),
                Breakdown(
                    "incubation_by_kind",
                    "各类载体孵化情况",
                    "Incubation by kind",
                    [Column("incubated", "在孵企业", "In incubation"), Column("graduated", "毕业企业", "Graduated")],
                    choice_rows(KINDS.choices, kind_counts, ["incubated", "graduated"]),
                    chart="bar",
                ),
            ],
        )

    def relations(self, scope: Scope):
        incubated = StartupProfile.objects.filter(carrier__in=carriers_in(scope).values("pk")).values_list(
            "organisation_id", "carrier_id"
        )
        for startup, carrier in incubated:
            yield node("startup", startup), node("carrier", carrier), "incubated_at"

    def paragraph(self, data: SectionData, scope: Scope) -> str:
        kinds = [r for r in data.breakdown("by_kind").rows if r.values["carriers"]]
        text = f"孵化载体达到{data.value('carriers')}家"
        if kinds:
            text += "（" + "、".join(f"{r.label}{r.values['carriers']}家" for r in kinds) + "）"
        text += (
            f"，其中国家级{data.value('national')}家、省级{data.value('provincial')}家、"
            f"市级{data.value('municipal')}家。"
        )
        if data.value("area_m2"):
            text += f"总面积{data.value('area_m2') / 10000:.2f}万平方米，提供工位{data.value('workstations')}个。"
        text += f"在孵企业{data.value('incubated')}家，累计毕业企业{data.value('graduated')}家。"
        grades = {r.key: r.values["carriers"] for r in data.breakdown("by_grade").rows}
        if data.value("evaluated"):
            text += (
                f"参加考核评价的载体{data.value('evaluated')}家，其中优秀（A类）{grades['A']}家、"
                f"良好（B类）{grades['B']}家、合格（C类）{grades['C']}家、不合格（D类）{grades['D']}家。"
            )
        return text
