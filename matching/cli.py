"""Command line: ``python -m matching schedule IN.json`` and ``python -m matching assign IN.json``.

Both read a JSON file (``-`` for standard input) and write JSON to standard
output, or to ``-o OUT.json``.  Bad input exits with status 2 and an
infeasible instance with status 1, each with one line ``matching: error: ...``
on standard error.  (The ``#`` notes below explain the keys; they are not
part of the JSON.)

schedule
--------
Input::

    {"meetings": [["企业A", "银行B"], ["企业C", "银行B"]],   # required; a pair may repeat
     "tables": 10,                                          # required, >= 1
     "slots": 12,                                           # optional; unlimited if absent or null
     "unavailable": {"银行B": [0, 3]},                       # optional: party -> slots it cannot meet
     "locked": {"1": 4},                                    # optional: meeting index -> fixed slot
     "parties": ["企业A", "银行B", "企业C"]}                   # optional: the only valid party ids

Party ids are strings (integers are read as their decimal strings, so that
they match the keys of ``unavailable``).  Output::

    {"assignment": [{"meeting": 0, "slot": 0, "table": 0}, ...],
     "slots_used": 2, "lower_bound": 2, "optimal": true, "gap": 0, "method": "edge-coloring"}

assign
------
Input::

    {"lefts": [{"id": "s1", "capacity": 1}, "s2"],     # required; capacity = demand, a bare id has 1
     "rights": [{"id": "m1", "capacity": 3}],          # required
     "pairs": [["s1", "m1", 0.87], ["s2", "m1", 0.5]], # required: [left, right, score]
     "forbidden": [["s2", "m1"]],                      # optional: never assign (conflicts of interest)
     "locked": [["s1", "m1"]],                         # optional: must stay (confirmed)
     "maximize_count": false,                          # optional: first assign as many as possible
     "decimals": 6}                                    # optional: score precision kept exactly

Ids are strings or integers, compared as given.  Output::

    {"pairs": [{"left": "s1", "right": "m1", "score": 0.87}], "total_score": 0.87, "unassigned": ["s2"]}
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from matching.assignment import Party, assign
from matching.schedule import ScheduleInfeasible, schedule_meetings

__all__ = ["main"]

EXIT_INFEASIBLE = 1
EXIT_BAD_INPUT = 2

SCHEDULE_KEYS = {"meetings", "tables", "slots", "unavailable", "locked", "parties"}
ASSIGN_KEYS = {"lefts", "rights", "pairs", "forbidden", "locked", "maximize_count", "decimals"}


class BadInput(ValueError):
    """Input that does not follow the documented format."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, no usage dump
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _read(path: str) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise BadInput(f"{path} is not UTF-8 text") from None
    name = "standard input" if path == "-" else path
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise BadInput(f"{name} must hold a JSON object")
    return data


def _check_keys(data: dict, allowed: set[str], required: Sequence[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise BadInput(f"unknown key {unknown[0]!r}; expected some of {', '.join(sorted(allowed))}")
    for key in required:
        if key not in data:
            raise BadInput(f"missing key {key!r}")


def _party_id(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise BadInput(f"{where}: party ids must be strings or integers, got {value!r}")
    return str(value)


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise BadInput(f"{where} must be a list")
    return value


def schedule_command(data: dict[str, Any], *, time_limit: float, seed: int) -> dict[str, Any]:
    """Run :func:`matching.schedule.schedule_meetings` on the documented JSON input."""
    _check_keys(data, SCHEDULE_KEYS, ["meetings", "tables"])
    meetings = []
    for i, meeting in enumerate(_list(data["meetings"], "meetings")):
        if not isinstance(meeting, list) or len(meeting) != 2:
            raise BadInput(f"meeting {i} must be a pair [a, b], got {meeting!r}")
        meetings.append((_party_id(meeting[0], f"meeting {i}"), _party_id(meeting[1], f"meeting {i}")))
    unavailable = data.get("unavailable") or {}
    if not isinstance(unavailable, dict):
        raise BadInput("unavailable must be an object: party -> list of slots")
    for party, slots in unavailable.items():
        _list(slots, f"unavailable[{party!r}]")
    locked_raw = data.get("locked") or {}
    if not isinstance(locked_raw, dict):
        raise BadInput("locked must be an object: meeting index -> slot")
    locked = {}
    for key, slot in locked_raw.items():
        if not key.strip().isdigit():
            raise BadInput(f"locked: key {key!r} is not a meeting index")
        locked[int(key)] = slot
    parties = data.get("parties")
    if parties is not None:
        parties = [_party_id(p, "parties") for p in _list(parties, "parties")]
    plan = schedule_meetings(
        meetings,
        tables=data["tables"],
        slots=data.get("slots"),
        unavailable=unavailable,
        locked=locked,
        parties=parties,
        time_limit=time_limit,
        seed=seed,
    )
    return {
        "assignment": [
            {"meeting": i, "slot": s, "table": t} for i, (s, t) in enumerate(zip(plan.slots, plan.tables, strict=True))
        ],
        "slots_used": plan.slots_used,
        "lower_bound": plan.lower_bound,
        "optimal": plan.optimal,
        "gap": plan.gap,
        "method": plan.method,
    }


def _parties(value: Any, where: str) -> list[Party]:
    parties = []
    for i, item in enumerate(_list(value, where)):
        if isinstance(item, dict):
            if set(item) - {"id", "capacity"} or "id" not in item:
                raise BadInput(f'{where}[{i}] must be an id or {{"id": ..., "capacity": ...}}, got {item!r}')
            pid = item["id"]
            capacity = item.get("capacity", 1)
        else:
            pid, capacity = item, 1
        if isinstance(pid, bool) or not isinstance(pid, str | int):
            raise BadInput(f"{where}[{i}]: ids must be strings or integers, got {pid!r}")
        parties.append(Party(pid, capacity))
    return parties


def _pairs(value: Any, where: str, size: int) -> list[tuple]:
    pairs = []
    for i, item in enumerate(_list(value, where)):
        if not isinstance(item, list) or len(item) != size:
            shape = "[left, right, score]" if size == 3 else "[left, right]"
            raise BadInput(f"{where}[{i}] must be {shape}, got {item!r}")
        if size == 3 and (isinstance(item[2], bool) or not isinstance(item[2], int | float)):
            raise BadInput(f"{where}[{i}]: score must be a number, got {item[2]!r}")
        pairs.append(tuple(item))
    return pairs


def assign_command(data: dict[str, Any]) -> dict[str, Any]:
    """Run :func:`matching.assignment.assign` on the documented JSON input."""
    _check_keys(data, ASSIGN_KEYS, ["lefts", "rights", "pairs"])
    maximize_count = data.get("maximize_count", False)
    if not isinstance(maximize_count, bool):
        raise BadInput(f"maximize_count must be true or false, got {maximize_count!r}")
    decimals = data.get("decimals", 6)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 9:
        raise BadInput(f"decimals must be an integer from 0 to 9, got {decimals!r}")
    result = assign(
        _parties(data["lefts"], "lefts"),
        _parties(data["rights"], "rights"),
        _pairs(data["pairs"], "pairs", 3),
        forbidden=_pairs(data.get("forbidden", []), "forbidden", 2),
        locked=_pairs(data.get("locked", []), "locked", 2),
        maximize_count=maximize_count,
        decimals=decimals,
    )
    return {
        "pairs": [{"left": a, "right": b, "score": s} for a, b, s in result.pairs],
        "total_score": result.total_score,
        "unassigned": result.unassigned,
    }


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="matching",
        description="Innolink matching engine: meeting schedules and optimal assignments from JSON files.",
        epilog=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    schedule = commands.add_parser(
        "schedule",
        help="give meetings slots and tables, using as few slots as possible",
        description="Schedule meetings into slots and tables (format: see `python -m matching --help`).",
    )
    assign_ = commands.add_parser(
        "assign",
        help="assign lefts to rights with maximum total score within capacities",
        description="Optimal capacitated assignment (format: see `python -m matching --help`).",
    )
    for sub in (schedule, assign_):
        sub.add_argument("input", metavar="IN.json", help="input file, or - for standard input")
        sub.add_argument("-o", "--output", metavar="OUT.json", help="write here instead of standard output")
    schedule.add_argument(
        "--time-limit",
        type=float,
        default=10.0,
        help="CP-SAT budget in deterministic seconds for constrained days (default 10; 0 = heuristics only)",
    )
    schedule.add_argument("--seed", type=int, default=0, help="CP-SAT random seed (default 0)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 infeasible, 2 bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        data = _read(args.input)
        if args.command == "schedule":
            if args.time_limit < 0:
                raise BadInput("--time-limit must not be negative")
            result = schedule_command(data, time_limit=args.time_limit, seed=args.seed)
        else:
            result = assign_command(data)
    except ScheduleInfeasible as exc:
        print(f"{parser.prog}: error: infeasible: {exc.reason}", file=sys.stderr)
        return EXIT_INFEASIBLE
    except ValueError as exc:  # BadInput and the library's own input errors
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    text = json.dumps(result, ensure_ascii=False) + "\n"
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as out:
                out.write(text)
        except OSError as exc:
            print(f"{parser.prog}: error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            return EXIT_BAD_INPUT
    else:
        sys.stdout.write(text)
    return 0
