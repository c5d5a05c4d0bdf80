"""The investors' project pool (投融资项目库): listings, access grants and reads, the pipeline funnel.

The funnel counts, per stage, the scope's startups' pipelines that reached
that stage in the period (from the stage history), so a deal that moved from
"interested" to "meeting" counts at both. Funding sought is a company's own
figure: its total is shown over at least three companies only.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from backend.insight.relations import node
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
)
from backend.insight.selectors import startup_org_q
from backend.pool.models import AccessLog, AccessRequest, PipelineEntry, PipelineStage, PipelineStep, PoolEntry

FUNNEL = [s for s in PipelineStage.values if s != PipelineStage.PASSED]


@register
class PoolSection(Section):
    key = "pool"
    title = "投融资项目库"
    title_en = "Project pool"
    order = 50

    def compute(self, scope: Scope) -> SectionData:
        entries = PoolEntry.objects.filter(startup_org_q(scope, "startup"))
        pool = entries.aggregate(
            n_listed=Count("pk", filter=Q(listed=True)),
            n_new=Count("pk", filter=Q(listed=True) & scope.in_period("listed_at")),
            n_decks=Count("pk", filter=Q(listed=True) & ~Q(deck="")),
            sought=Sum("funding_sought", filter=Q(listed=True)),
        )
        sought, sought_suppressed = guarded(pool["sought"], pool["n_listed"])
        access = AccessRequest.objects.filter(startup_org_q(scope, "startup"))
        acc = access.aggregate(
            n_requests=Count("pk", filter=scope.in_period("created_at")),
            n_granted=Count("pk", filter=scope.in_period("decided_at") & Q(status__in=["granted", "revoked"])),
            n_declined=Count("pk", filter=scope.in_period("decided_at") & Q(status="declined")),
            n_active=Count("pk", filter=Q(status="granted")),
        )
        reads = AccessLog.objects.filter(startup_org_q(scope, "startup"), scope.in_period("created_at")).aggregate(
            n_figures=Count("pk", filter=Q(what=AccessLog.What.FIGURES)),
            n_decks=Count("pk", filter=Q(what=AccessLog.What.DECK)),
            n_investors=Count("investor", distinct=True),
        )
        steps = PipelineStep.objects.filter(
            startup_org_q(scope, "entry__startup"), date__gte=scope.date_from, date__lte=scope.date_to
        )
        funnel = steps.aggregate(
            n_pipelines=Count("entry", distinct=True),
            n_startups=Count("entry__startup", distinct=True),
            n_investors=Count("entry__investor", distinct=True),
            **{f"reached_{s}": Count("entry", distinct=True, filter=Q(stage=s)) for s in PipelineStage.values},
        )
        current = PipelineEntry.objects.filter(startup_org_q(scope, "startup")).aggregate(
            **{f"now_{s}": Count("pk", filter=Q(stage=s)) for s in PipelineStage.values}
        )
        stage_counts = {
            s: {"reached": funnel[f"reached_{s}"], "current": current[f"now_{s}"]} for s in PipelineStage.values
        }
        return self.data(
            [
                Figure("listed", "在库项目", "Projects listed", pool["n_listed"]),
                Figure("listed_in_period", "本期入库项目", "Listed in the period", pool["n_new"]),
                Figure("with_deck", "附商业计划书", "With a deck", pool["n_decks"]),
                Figure(
                    "funding_sought",
                    "拟融资金额合计",
                    "Funding sought",
                    sought,
                    YUAN,
                    confidential=True,
                    suppressed=sought_suppressed,
                ),
                Figure("access_requests", "查看授权申请", "Access requests", acc["n_requests"]),
                Figure("access_granted", "授权查看", "Access granted", acc["n_granted"]),
                Figure("access_declined", "拒绝查看", "Access declined", acc["n_declined"]),
                Figure("access_active", "有效授权", "Grants in force", acc["n_active"]),
                Figure("figures_viewed", "保密数据查看次数", "Confidential views", reads["n_figures"]),
                Figure("decks_downloaded", "计划书下载次数", "Deck downloads", reads["n_decks"]),
                Figure("pipeline_startups", "进入投资机构项目库的企业", "Startups in pipelines", funnel["n_startups"]),
                Figure("pipeline_investors", "跟进的投资机构", "Investors following", funnel["n_investors"]),
                Figure("invested", "获得投资", "Invested", funnel["reached_invested"]),
            ],
            [
                Breakdown(
                    "funnel",
                    "投资跟进漏斗",
                    "Pipeline funnel",
                    [
                        Column("reached", "本期到达该阶段", "Reached in the period"),
                        Column("current", "当前处于该阶段", "At this stage now", plotted=False),
                    ],
                    choice_rows(
                        [c for c in PipelineStage.choices if c[0] in FUNNEL], stage_counts, ["reached", "current"]
                    ),
                    chart="funnel",
                ),
                Breakdown(
                    "stages_now",
                    "当前阶段分布",
                    "Pipelines by current stage",
                    [Column("current", "项目数", "Pipelines")],
                    choice_rows(PipelineStage.choices, stage_counts, ["current"]),
                    chart="bar",
                ),
            ],
        )

    def relations(self, scope: Scope):
        deals = (
            PipelineEntry.objects.filter(
                startup_org_q(scope, "startup"),
                steps__date__gte=scope.date_from,
                steps__date__lte=scope.date_to,
            )
            .values_list("investor_id", "startup_id", "stage")
            .distinct()
        )
        for investor, startup, stage in deals:
            kind = "invested_in" if stage == PipelineStage.INVESTED else "met"
            yield node("investor", investor), node("startup", startup), kind

    def paragraph(self, data: SectionData, scope: Scope) -> str:
        text = (
            f"投融资项目库在库项目{data.value('listed')}个（本期新入库{data.value('listed_in_period')}个），"
            f"{data.value('pipeline_investors')}家投资机构跟进{data.value('pipeline_startups')}个项目，"
            f"其中{data.value('invested')}个项目获得投资"
        )
        if data.value("access_requests"):
            text += (
                f"；投资机构申请查看企业保密数据{data.value('access_requests')}次，"
                f"获授权{data.value('access_granted')}次"
            )
        sought = data.figure("funding_sought")
        if sought.value is not None:
            text += f"；在库项目拟融资{sought.value / 10000:,.2f}万元"
        return text + "。"
