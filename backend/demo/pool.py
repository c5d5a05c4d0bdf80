"""Demo project pool: pitches, access grants with their log, investors' pipelines.

The demo startup (长春光迹光电科技有限公司) is listed with a deck; the demo
investor's fund (深圳湾科创) holds a grant, has read the figures (two log
rows) and follows it at due diligence; other investors follow it too, so the
startup sees who is interested. Other startups with an equity need are
listed; a few investors ask for access (granted, pending, declined) and keep
pipelines at every stage. Rows are keyed by (investor, startup) pairs, so a
second load writes nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend.core.search import search_document
from backend.demo.context import ANCHOR_DATE, DemoContext, days_before, wan
from backend.demo.logins import STARTUP_NAME
from backend.demo.sync import upsert

DEMO_INVESTOR = "深圳湾科创"
DECK_NAME = "pool/decks/demo/changchun-guangji-deck.pdf"
STAGES = ["interested", "contacted", "meeting", "due_diligence", "term_sheet", "invested"]


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a few ASCII lines (built by hand: no PDF library needed)."""
    text = " ".join(f"({line}) Tj 0 -22 Td" for line in lines)
    stream = f"BT /F1 16 Tf 72 760 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


DECK = _pdf(
    [
        "Changchun Guangji Photonics - investor deck (demo)",
        "Micro spectrometers and laser ranging modules",
        "Raising CNY 8m for a production line and sales",
        "Team from CIOMP; 12 patents; tech SME",
    ]
)


def _staff(ctx: DemoContext) -> dict[str, str]:
    """Organisation -> email of its first member in the plan (the person who acts for it)."""
    staff: dict[str, str] = {}
    for membership in ctx.plans["people"]["memberships"]:
        staff.setdefault(membership["org"], membership["email"])
    return staff


def plan(ctx: DemoContext) -> None:
    rng = ctx.rng("pool")
    directory = ctx.plans["directory"]
    staff = _staff(ctx)
    descriptions = {o["name"]: o["description"] for o in directory["organisations"]}
    startups = {s["org"]: s for s in directory["startups"]}
    equity = {}
    for need in directory["financing_needs"]:
        if need["kind"] == "equity" and need["status"] in ("open", "matched"):
            equity.setdefault(need["startup"], need)

    entries = [
        {
            "startup": STARTUP_NAME,
            "summary": "微型光谱仪与激光测距模组研发商，核心团队来自长春光机所，产品用于工业检测和智能驾驶，"
            "已取得知识产权12项，2025年营业收入约420万元。",
            "funding_sought": wan(800),
            "use_of_funds": "建设微型光谱仪量产线（50%），研发下一代激光测距模组（30%），市场拓展（20%）。",
            "deck": True,
            "days": 90,
        }
    ]
    for name, need in sorted(equity.items()):
        if name == STARTUP_NAME or name not in startups:
            continue
        entries.append(
            {
                "startup": name,
                "summary": descriptions[name],
                "funding_sought": need["amount"],
                "use_of_funds": need["purpose"],
                "deck": False,
                "days": rng.randint(10, 150),
            }
        )
    listed = [e["startup"] for e in entries]

    investors = sorted(i["org"] for i in directory["investors"] if i["org"] in staff)
    others = [i for i in investors if i != DEMO_INVESTOR]
    requests, pipelines, log = [], [], []

    def pipeline(investor: str, startup: str, stage: str, days: int, notes: str = "") -> None:
        path = STAGES[: STAGES.index(stage) + 1] if stage in STAGES else ["interested", "contacted", "passed"]
        step_days = sorted(rng.sample(range(1, days + 1), len(path)), reverse=True) if days >= len(path) else None
        steps = [{"stage": s, "days": step_days[i] if step_days else days} for i, s in enumerate(path)]
        pipelines.append({"investor": investor, "startup": startup, "stage": stage, "notes": notes, "steps": steps})

    # The demo pair: granted, read twice, at due diligence.
    requests.append({"investor": DEMO_INVESTOR, "startup": STARTUP_NAME, "status": "granted", "days": 40})
    log += [
        {"investor": DEMO_INVESTOR, "startup": STARTUP_NAME, "what": "figures", "days": 38},
        {"investor": DEMO_INVESTOR, "startup": STARTUP_NAME, "what": "deck", "days": 38},
    ]
    pipeline(DEMO_INVESTOR, STARTUP_NAME, "due_diligence", 60, "技术壁垒较高，关注量产良率与毛利率；下周约访客户。")
    for investor, stage in zip(others[:3], ("interested", "contacted", "meeting"), strict=False):
        pipeline(investor, STARTUP_NAME, stage, rng.randint(10, 80))
    if others:
        requests.append({"investor": others[0], "startup": STARTUP_NAME, "status": "pending", "days": 3})

    # The demo fund's other deals, one per stage (and some passed).
    choices = [s for s in listed if s != STARTUP_NAME]
    rng.shuffle(choices)
    for startup, stage in zip(
        choices[:7],
        ["interested", "contacted", "meeting", "term_sheet", "invested", "passed", "interested"],
        strict=False,
    ):
        pipeline(
            DEMO_INVESTOR,
            startup,
            stage,
            rng.randint(20, 150),
            rng.choice(["", "待补充财务数据", "估值偏高，继续观察"]),
        )
    for startup in choices[:2]:
        requests.append({"investor": DEMO_INVESTOR, "startup": startup, "status": "pending", "days": rng.randint(1, 9)})
    # Other investors ask and follow.
    for investor in others:
        for startup in rng.sample(choices, min(2, len(choices))):
            status = rng.choice(["granted", "declined", "pending"])
            requests.append({"investor": investor, "startup": startup, "status": status, "days": rng.randint(5, 100)})
            if status == "granted":
                log.append({"investor": investor, "startup": startup, "what": "figures", "days": rng.randint(1, 4)})
            pipeline(investor, startup, rng.choice(STAGES[:4] + ["passed"]), rng.randint(10, 120))
    # One request per pair: later duplicates of a pair are dropped.
    seen, unique = set(), []
    for request in requests:
        if (request["investor"], request["startup"]) not in seen:
            seen.add((request["investor"], request["startup"]))
            unique.append({**request, "by": staff[request["investor"]]})
    seen_pipes, unique_pipes = set(), []
    for entry in pipelines:
        if (entry["investor"], entry["startup"]) not in seen_pipes:
            seen_pipes.add((entry["investor"], entry["startup"]))
            unique_pipes.append({**entry, "by": staff[entry["investor"]]})
    log = [{**row, "by": staff[row["investor"]]} for row in log]
    ctx.plans["pool"] = {"entries": entries, "requests": unique, "pipelines": unique_pipes, "log": log}


def write(ctx: DemoContext) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db.models import prefetch_related_objects

    from backend.accounts.models import User
    from backend.directory.models import Organisation
    from backend.pool.models import AccessLog, AccessRequest, PipelineEntry, PipelineStep, PoolEntry

    p: dict[str, Any] = ctx.plans["pool"]
    org = ctx.organisations or {o.name: o for o in Organisation.objects.all()}
    emails = {e for rows in p.values() for row in rows for e in [row.get("by")] if e}
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    # Searchable rows compute their document on construction: give them startups with industries loaded.
    startups = {e["startup"]: org[e["startup"]] for e in p["entries"]}
    prefetch_related_objects(list(startups.values()), "industries")
    if not default_storage.exists(DECK_NAME):
        default_storage.save(DECK_NAME, ContentFile(DECK))

    upsert(
        PoolEntry,
        [
            {
                "startup": startups[e["startup"]],
                "summary": e["summary"],
                "funding_sought": e["funding_sought"],
                "use_of_funds": e["use_of_funds"],
                "deck": DECK_NAME if e["deck"] else "",
                "deck_name": "长春光迹-商业计划书.pdf" if e["deck"] else "",
                "deck_size": len(DECK) if e["deck"] else 0,
                "deck_uploaded_at": days_before(e["days"]) if e["deck"] else None,
                "listed": True,
                "listed_at": days_before(e["days"]),
                "created_at": days_before(e["days"]),
                "updated_at": days_before(e["days"]),
            }
            for e in p["entries"]
        ],
        key=("startup_id",),
        stats=ctx.stats,
    )
    upsert(
        AccessRequest,
        [
            {
                "startup_id": org[r["startup"]].pk,
                "investor_id": org[r["investor"]].pk,
                "requested_by_id": users[r["by"]].pk,
                "message": "希望进一步了解贵公司的财务数据与股权结构。",
                "status": r["status"],
                "decided_at": None if r["status"] == "pending" else days_before(r["days"] - 1),
                "created_at": days_before(r["days"]),
                "updated_at": days_before(r["days"]),
            }
            for r in p["requests"]
        ],
        key=("startup_id", "investor_id"),
        stats=ctx.stats,
    )
    have_log = set(AccessLog.objects.values_list("startup_id", "investor_id", "user_id", "what"))
    for row in p["log"]:
        values = {
            "startup_id": org[row["startup"]].pk,
            "investor_id": org[row["investor"]].pk,
            "user_id": users[row["by"]].pk,
            "what": row["what"],
        }
        if tuple(values.values()) not in have_log:
            log = AccessLog.objects.create(**values)
            AccessLog.objects.filter(pk=log.pk).update(created_at=days_before(row["days"], hour=15))
            ctx.stats["AccessLog created"] += 1
    entries = upsert(
        PipelineEntry,
        [
            {
                "investor_id": org[e["investor"]].pk,
                "startup_id": org[e["startup"]].pk,
                "stage": e["stage"],
                "stage_date": ANCHOR_DATE - timedelta(days=e["steps"][-1]["days"]),
                "notes": e["notes"],
                "created_by_id": users[e["by"]].pk,
                "created_at": days_before(e["steps"][0]["days"]),
                "updated_at": days_before(e["steps"][-1]["days"]),
            }
            for e in p["pipelines"]
        ],
        key=("investor_id", "startup_id"),
        stats=ctx.stats,
    )
    have = set(PipelineStep.objects.filter(event__isnull=True).values_list("entry_id", "stage"))
    steps = []
    for e in p["pipelines"]:
        entry = entries[(org[e["investor"]].pk, org[e["startup"]].pk)]
        for step in e["steps"]:
            if (entry.pk, step["stage"]) not in have:
                steps.append(
                    PipelineStep(
                        entry=entry,
                        stage=step["stage"],
                        date=ANCHOR_DATE - timedelta(days=step["days"]),
                        by_id=users[e["by"]].pk,
                    )
                )
    if steps:
        PipelineStep.objects.bulk_create(steps)
        ctx.stats["PipelineStep created"] += len(steps)
    # Search documents need the startups' industries, linked by the directory step (3 queries).
    changed = []
    for entry in PoolEntry.objects.select_related("startup").prefetch_related("startup__industries"):
        document = search_document(*entry.search_text())
        if document != entry.search_document:
            entry.search_document = document
            changed.append(entry)
    PoolEntry.objects.bulk_update(changed, ["search_document"])
    ctx.stats["PoolEntry search documents"] += len(changed)
