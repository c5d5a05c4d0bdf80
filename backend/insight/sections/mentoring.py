"""Mentoring (创业导师辅导): mentorships, sessions, requests and programmes of the scope's startups.

A mentorship counts for the period when it was active at some time in it
(started before the period ended, not ended before it began). Session notes
are private; only their number, dates and durations are counted.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from backend.insight.relations import node
from backend.insight.scope import Scope
from backend.insight.sections import (
    HOURS,
    PERCENT,
    Breakdown,
    Column,
    Figure,
    Section,
    SectionData,
    choice_rows,
    month_rows,
    ratio,
    register,
)
from backend.insight.selectors import startup_org_q
from backend.mentoring.models import MentoringRequest, MentoringSession, Mentorship, Proposal


def _overlapping(scope: Scope, prefix: str = "") -> Q:
    """Mentorships active at some time in the period."""
    return Q(**{f"{prefix}started_at__lt": scope.end}) & (
        Q(**{f"{prefix}ended_at__isnull": True}) | Q(**{f"{prefix}ended_at__gte": scope.start})
    )


def _hours(minutes) -> float:
    return round((minutes or 0) / 60, 1)


@register
class MentoringSection(Section):
    key = "mentoring"
    title = "导师辅导"
    title_en = "Mentoring"
    order = 45

    def compute(self, scope: Scope) -> SectionData:
        mentorships = Mentorship.objects.filter(startup_org_q(scope, "startup"))
        ships = mentorships.aggregate(
            n_active=Count("pk", filter=_overlapping(scope)),
            n_started=Count("pk", filter=scope.in_period("started_at")),
            n_ended=Count("pk", filter=scope.in_period("ended_at")),
            n_mentors=Count("mentor", distinct=True, filter=_overlapping(scope)),
            n_startups=Count("startup", distinct=True, filter=_overlapping(scope)),
            n_from_programmes=Count("pk", filter=scope.in_period("started_at") & Q(proposal__isnull=False)),
        )
        in_period = Q(date__gte=scope.date_from, date__lte=scope.date_to)
        sessions = MentoringSession.objects.filter(startup_org_q(scope, "mentorship__startup"), in_period)
        sess = sessions.aggregate(
            n=Count("pk"),
            minutes=Sum("duration_minutes"),
            mentors=Count("mentorship__mentor", distinct=True),
            startups=Count("mentorship__startup", distinct=True),
        )
        by_month = {
            row["month"]: {"sessions": row["n"], "hours": _hours(row["minutes"])}
            for row in sessions.annotate(month=TruncMonth("date"))
            .values("month")
            .annotate(n=Count("pk"), minutes=Sum("duration_minutes"))
            .order_by()
        }
        requests = MentoringRequest.objects.filter(startup_org_q(scope, "startup"), scope.in_period("created_at"))
        req = requests.aggregate(
            n_total=Count("pk"),
            **{f"n_{s}": Count("pk", filter=Q(status=s)) for s in MentoringRequest.Status.values},
        )
        proposals = Proposal.objects.filter(startup_org_q(scope, "startup"), scope.in_period("created_at")).aggregate(
            n_total=Count("pk"),
            n_confirmed=Count("pk", filter=Q(status=Proposal.Status.CONFIRMED)),
            n_programmes=Count("programme", distinct=True),
        )
        decided = req["n_accepted"] + req["n_declined"]
        return self.data(
            [
                Figure("mentorships", "辅导关系", "Mentorships in the period", ships["n_active"]),
                Figure("mentorships_started", "新建辅导关系", "Mentorships started", ships["n_started"]),
                Figure("mentorships_ended", "结束辅导关系", "Mentorships ended", ships["n_ended"]),
                Figure("mentors_active", "参与辅导的导师", "Mentors mentoring", ships["n_mentors"]),
                Figure("startups_mentored", "受辅导企业", "Startups mentored", ships["n_startups"]),
                Figure("sessions", "辅导次数", "Sessions held", sess["n"]),
                Figure("session_hours", "辅导时长", "Hours of mentoring", _hours(sess["minutes"]), HOURS),
                Figure("requests", "辅导申请", "Requests", req["n_total"]),
                Figure("acceptance_rate", "申请接受率", "Acceptance rate", ratio(req["n_accepted"], decided), PERCENT),
                Figure("programmes", "导师辅导计划", "Programmes", proposals["n_programmes"]),
                Figure("proposals_confirmed", "计划匹配成功", "Programme matches confirmed", proposals["n_confirmed"]),
            ],
            [
                Breakdown(
                    "sessions_by_month",
                    "按月辅导次数",
                    "Sessions by month",
                    [
                        Column("sessions", "辅导次数", "Sessions"),
                        Column("hours", "辅导时长", "Hours", HOURS, plotted=False),
                    ],
                    month_rows(scope, by_month, ["sessions", "hours"]),
                    chart="line",
                ),
                Breakdown(
                    "requests_by_status",
                    "辅导申请处理情况",
                    "Requests by status",
                    [Column("requests", "申请数", "Requests")],
                    choice_rows(
                        MentoringRequest.Status.choices,
                        {s: {"requests": req[f"n_{s}"]} for s in MentoringRequest.Status.values},
                        ["requests"],
                    ),
                    chart="pie",
                ),
            ],
        )

    def relations(self, scope: Scope):
        pairs = Mentorship.objects.filter(startup_org_q(scope, "startup"), _overlapping(scope)).values_list(
            "mentor_id", "startup_id"
        )
        for mentor, startup in pairs:
            yield node("mentor", mentor), node("startup", startup), "mentors"

    def paragraph(self, data: SectionData, scope: Scope) -> str:
        text = (
            f"组织{data.value('mentors_active')}名创业导师为{data.value('startups_mentored')}家企业提供辅导，"
            f"存续辅导关系{data.value('mentorships')}对（本期新建{data.value('mentorships_started')}对），"
            f"开展辅导{data.value('sessions')}次、累计{data.value('session_hours')}小时"
        )
        if data.value("requests"):
            text += f"；收到辅导申请{data.value('requests')}件"
            if data.value("acceptance_rate") is not None:
                text += f"，接受率{data.value('acceptance_rate')}%"
        if data.value("programmes"):
            text += f"；通过{data.value('programmes')}个导师辅导计划匹配成功{data.value('proposals_confirmed')}对"
        return text + "。"
