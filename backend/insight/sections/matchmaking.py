"""Matchmaking days (银企对接, 科技金融路演, 成果对接): participants, meetings held, outcomes, follow-ups.

A day belongs to the scope when its event does. Intended and signed amounts
are company figures, shown over at least three enterprises only.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from backend.directory.models import OrgKind
from backend.insight.relations import node
from backend.insight.scope import Scope
from backend.insight.sections import (
    PERCENT,
    YUAN,
    Breakdown,
    Column,
    Figure,
    Section,
    SectionData,
    choice_rows,
    guarded,
    ratio,
    register,
    suppress_small_groups,
)
from backend.insight.selectors import event_q
from events.matchmaking.models import (
    MATCHMAKING_TYPES,
    FollowUp,
    Intention,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Side,
)
from events.models import EventType

ACTIVE = Q(status=Meeting.Status.ACTIVE)
TYPES = [c for c in EventType.choices if c[0] in MATCHMAKING_TYPES]
NODE_OF_KIND = {OrgKind.STARTUP: "startup", OrgKind.INVESTOR: "investor", OrgKind.BANK: "bank"}


@register
class MatchmakingSection(Section):
    key = "matchmaking"
    title = "对接活动"
    title_en = "Matchmaking"
    order = 70

    def compute(self, scope: Scope) -> SectionData:
        in_scope = event_q(scope, "day__event__")
        parts = Participant.objects.filter(in_scope).aggregate(
            n_days=Count("day", distinct=True),
            n_enterprises=Count("organisation", distinct=True, filter=Q(side=Side.ENTERPRISE)),
            n_partners=Count("organisation", distinct=True, filter=Q(side=Side.PARTNER)),
        )
        reqs = MeetingRequest.objects.filter(in_scope).aggregate(
            n_total=Count("pk"),
            n_accepted=Count("pk", filter=Q(status=MeetingRequest.Status.ACCEPTED)),
        )
        meetings = Meeting.objects.filter(in_scope)
        met = meetings.aggregate(
            n_meetings=Count("pk", filter=ACTIVE),
            n_held=Count("pk", filter=ACTIVE & Q(checked_in_at__isnull=False)),
            n_cancelled=Count("pk", filter=~ACTIVE),
            **{f"days_{t}": Count("day", distinct=True, filter=Q(day__event__type=t)) for t, _ in TYPES},
            **{f"meetings_{t}": Count("pk", filter=ACTIVE & Q(day__event__type=t)) for t, _ in TYPES},
            **{
                f"held_{t}": Count("pk", filter=ACTIVE & Q(checked_in_at__isnull=False, day__event__type=t))
                for t, _ in TYPES
            },
        )
        enterprise = "meeting__enterprise__organisation"
        outcomes = MeetingOutcome.objects.filter(event_q(scope, "meeting__day__event__"))
        out = outcomes.aggregate(
            n_follow_up=Count("meeting", distinct=True, filter=Q(follow_up_planned=True)),
            **{f"n_{i}": Count("meeting", distinct=True, filter=Q(intention=i)) for i in Intention.values},
            **{f"amount_{i}": Sum("amount", filter=Q(intention=i)) for i in (Intention.LOAN, Intention.INVESTMENT)},
            **{
                f"c_{i}": Count(enterprise, distinct=True, filter=Q(intention=i, amount__isnull=False))
                for i in (Intention.LOAN, Intention.INVESTMENT)
            },
        )
        done = Q(result__in=[FollowUp.Result.SIGNED, FollowUp.Result.INVESTED])
        follow = FollowUp.objects.filter(event_q(scope, "meeting__day__event__")).aggregate(
            n_asked=Count("pk", filter=Q(asked_at__isnull=False)),
            n_answered=Count("pk", filter=Q(answered_at__isnull=False)),
            n_signed=Count("meeting", distinct=True, filter=done),
            n_amount=Sum("amount", filter=done),
            n_companies=Count(enterprise, distinct=True, filter=done & Q(amount__isnull=False)),
            **{
                f"r_{r}": Count("pk", filter=Q(result=r, answered_at__isnull=False))
                for r in FollowUp.Result.values
                if r
            },
        )
        intention_rows = choice_rows(
            Intention.choices,
            {i: {"meetings": out[f"n_{i}"], "amount": float(out.get(f"amount_{i}") or 0)} for i in Intention.values},
            ["meetings", "amount"],
        )
        suppress_small_groups(
            intention_rows, ["amount"], {i: out[f"c_{i}"] for i in (Intention.LOAN, Intention.INVESTMENT)}
        )
        signed, signed_suppressed = guarded(follow["n_amount"], follow["n_companies"])
        loan, loan_suppressed = guarded(out["amount_loan"], out["c_loan"])
        return self.data(
            [
                Figure("days", "对接活动", "Matchmaking days", parts["n_days"]),
                Figure("enterprises", "参会企业", "Enterprises taking part", parts["n_enterprises"]),
                Figure("partners", "参会金融机构及院所", "Banks, investors, institutes", parts["n_partners"]),
                Figure("requests", "约见请求", "Meeting requests", reqs["n_total"]),
                Figure("meetings", "安排洽谈", "Meetings arranged", met["n_meetings"]),
                Figure("meetings_held", "实际洽谈", "Meetings held", met["n_held"]),
                Figure(
                    "show_rate", "到场洽谈率", "Meetings held rate", ratio(met["n_held"], met["n_meetings"]), PERCENT
                ),
                Figure("loan_intentions", "贷款意向", "Loan intentions", out["n_loan"]),
                Figure("investment_intentions", "投资意向", "Investment intentions", out["n_investment"]),
                Figure(
                    "loan_intention_amount",
                    "贷款意向金额",
                    "Loan intentions amount",
                    loan,
                    YUAN,
                    confidential=True,
                    suppressed=loan_suppressed,
                ),  # fmt: skip
                Figure("follow_ups_planned", "计划跟进", "Follow-ups planned", out["n_follow_up"]),
                Figure("signed", "回访确认签约/投资", "Signed or invested (follow-ups)", follow["n_signed"]),
                Figure(
                    "signed_amount",
                    "签约/投资金额",
                    "Signed amount",
                    signed,
                    YUAN,
                    confidential=True,
                    suppressed=signed_suppressed,
                ),  # fmt: skip
            ],
            [
                Breakdown(
                    "by_type",
                    "按对接类型",
                    "By kind of day",
                    [
                        Column("days", "场次", "Days"),
                        Column("meetings", "安排洽谈", "Meetings"),
                        Column("held", "实际洽谈", "Held"),
                    ],
                    choice_rows(
                        TYPES,
                        {
                            t: {"days": met[f"days_{t}"], "meetings": met[f"meetings_{t}"], "held": met[f"held_{t}"]}
                            for t, _ in TYPES
                        },
                        ["days", "meetings", "held"],
                    ),
                    chart="bar",
                ),
                Breakdown(
                    "outcomes",
                    "洽谈成果",
                    "Outcomes",
                    [
                        Column("meetings", "洽谈数", "Meetings"),
                        Column("amount", "意向金额", "Amount", YUAN, confidential=True, plotted=False),
                    ],
                    intention_rows,
                    chart="pie",
                ),
                Breakdown(
                    "follow_ups",
                    "回访结果",
                    "Follow-up results",
                    [Column("answers", "回访数", "Answers")],
                    choice_rows(
                        [c for c in FollowUp.Result.choices if c[0]],
                        {r: {"answers": follow[f"r_{r}"]} for r in FollowUp.Result.values if r},
                        ["answers"],
                    ),
                    chart="pie",
                ),
            ],
        )

    def relations(self, scope: Scope):
        met = Meeting.objects.filter(event_q(scope, "day__event__"), ACTIVE).values_list(
            "enterprise__organisation_id",
            "enterprise__organisation__kind",
            "partner__organisation_id",
            "partner__organisation__kind",
        )
        for a, a_kind, b, b_kind in met:
            if a_kind in NODE_OF_KIND and b_kind in NODE_OF_KIND:
                yield node(NODE_OF_KIND[a_kind], a), node(NODE_OF_KIND[b_kind], b), "met"

    def paragraph(self, data: SectionData, scope: Scope) -> str:
        text = (
            f"举办银企对接、科技金融路演等对接活动{data.value('days')}场，{data.value('enterprises')}家企业与"
            f"{data.value('partners')}家金融机构及院所参会，安排洽谈{data.value('meetings')}场、实际洽谈{data.value('meetings_held')}场，"
            f"达成贷款意向{data.value('loan_intentions')}项、投资意向{data.value('investment_intentions')}项"
        )
        loan = data.figure("loan_intention_amount")
        if loan.value is not None:
            text += f"，贷款意向金额{loan.value / 10000:,.2f}万元"
        if data.value("signed"):
            text += f"；回访确认签约或投资{data.value('signed')}项"
        return text + "。"
