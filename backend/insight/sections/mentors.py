"""Mentors (创业导师): the registry, appointments in the period, industries.

Mentors belong to regions, not carriers (see ``selectors``). How much they
mentored is the mentoring section's business.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from backend.insight.scope import Scope
from backend.insight.sections import Breakdown, Column, Figure, Section, SectionData, register
from backend.insight.sections._industries import industry_rows
from backend.insight.selectors import mentors_in


@register
class MentorsSection(Section):
    key = "mentors"
    title = "创业导师"
    title_en = "Mentors"
    order = 40

    def compute(self, scope: Scope) -> SectionData:
        mentors = mentors_in(scope)
        agg = mentors.aggregate(
            n_total=Count("pk", filter=Q(active=True)),
            n_inactive=Count("pk", filter=Q(active=False)),
            n_appointed=Count("pk", filter=scope.in_years("appointed_year")),
            n_capacity=Sum("capacity", filter=Q(active=True)),
        )
        return self.data(
            [
                Figure("mentors", "专兼职创业导师", "Active mentors", agg["n_total"]),
                Figure("appointed_in_period", "本期聘任导师", "Appointed in the period", agg["n_appointed"]),
                Figure("inactive", "暂停服务导师", "Inactive mentors", agg["n_inactive"]),
                Figure("capacity", "可带企业数", "Mentee places", agg["n_capacity"] or 0),
            ],
            [
                Breakdown(
                    "by_industry",
                    "按产业领域",
                    "By industry",
                    [Column("mentors", "导师数", "Mentors")],
                    industry_rows(mentors.filter(active=True), "industries__path", "pk", "mentors"),
                    chart="bar",
                )
            ],
        )

    def paragraph(self, data: SectionData, scope: Scope) -> str:
        text = f"加强创业导师队伍建设，目前专兼职创业导师{data.value('mentors')}人"
        if data.value("appointed_in_period"):
            text += f"，本期新聘任{data.value('appointed_in_period')}人"
        return text + f"，可辅导企业{data.value('capacity')}家。"
