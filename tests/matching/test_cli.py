"""CLI: JSON round trips through `python -m matching`, and bad input exits non-zero with one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from matching.assignment import Party, assign
from matching.schedule import check_schedule

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str | None = None, hash_seed: str = "0") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [sys.executable, "-m", "matching", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def write(tmp_path: Path, data, name="in.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


DAY = {
    "meetings": [["企业A", "银行B"], ["企业C", "银行B"], ["企业A", "基金D"], ["企业C", "基金D"], ["企业E", "银行B"]],
    "tables": 2,
    "slots": 5,
}


def test_cli_schedule_round_trip(tmp_path):
    done = run("schedule", write(tmp_path, DAY))

    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert [a["meeting"] for a in out["assignment"]] == [0, 1, 2, 3, 4]
    placements = [(a["slot"], a["table"]) for a in out["assignment"]]
    meetings = [tuple(m) for m in DAY["meetings"]]
    assert check_schedule(meetings, placements, tables=2, slots=5) == []
    assert (out["slots_used"], out["lower_bound"], out["optimal"], out["gap"]) == (3, 3, True, 0)
    assert done.stderr == ""


def test_cli_schedule_constraints_and_output_file(tmp_path):
    day = {**DAY, "unavailable": {"银行B": [0]}, "locked": {"2": 3}}
    target = tmp_path / "out.json"

    done = run("schedule", write(tmp_path, day), "-o", str(target))

    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    out = json.loads(target.read_text(encoding="utf-8"))
    placements = [(a["slot"], a["table"]) for a in out["assignment"]]
    meetings = [tuple(m) for m in DAY["meetings"]]
    assert check_schedule(meetings, placements, tables=2, slots=5, unavailable={"银行B": [0]}, locked={2: 3}) == []
    assert out["lower_bound"] <= out["slots_used"] <= 5
    assert out["optimal"] == (out["slots_used"] == out["lower_bound"])


def test_cli_schedule_reads_standard_input_and_integer_ids():
    day = {"meetings": [[1, 2], [1, 3]], "tables": 1, "unavailable": {"1": [0]}}

    done = run("schedule", "-", stdin=json.dumps(day))

    assert done.returncode == 0, done.stderr
    assert [a["slot"] for a in json.loads(done.stdout)["assignment"]] in ([1, 2], [2, 1])


def test_cli_schedule_same_output_under_any_hash_seed(tmp_path):
    meetings = [[f"e{i % 7}", f"b{(i * 3) % 4}"] for i in range(30)] + [["e1", "e2"], ["e2", "b1"]]
    day = {"meetings": meetings, "tables": 3, "slots": 30, "unavailable": {"b1": [0, 2], "e3": [1]}, "locked": {"4": 6}}
    path = write(tmp_path, day)

    outputs = {run("schedule", path, hash_seed=seed).stdout for seed in ("1", "2", "3")}

    assert len(outputs) == 1
    assert json.loads(outputs.pop())["slots_used"] >= 1


ASSIGNMENT = {
    "lefts": [{"id": "s1", "capacity": 1}, "s2", {"id": "s3"}],
    "rights": [{"id": "m1", "capacity": 1}, {"id": "m2", "capacity": 2}],
    "pairs": [["s1", "m1", 0.9], ["s2", "m1", 0.8], ["s2", "m2", 0.4], ["s3", "m2", 0.3]],
    "forbidden": [["s3", "m2"]],
}


def test_cli_assign_round_trip_equals_library(tmp_path):
    done = run("assign", write(tmp_path, ASSIGNMENT))

    assert done.returncode == 0, done.stderr
    expected = assign(
        [Party("s1", 1), "s2", "s3"],
        [Party("m1", 1), Party("m2", 2)],
        [tuple(p) for p in ASSIGNMENT["pairs"]],
        forbidden=[("s3", "m2")],
    )
    assert json.loads(done.stdout) == {
        "pairs": [{"left": a, "right": b, "score": s} for a, b, s in expected.pairs],
        "total_score": expected.total_score,
        "unassigned": expected.unassigned,
    }
    assert json.loads(done.stdout)["total_score"] == 1.3


def test_cli_assign_maximize_count_and_locked(tmp_path):
    data = {**ASSIGNMENT, "maximize_count": True, "locked": [["s2", "m1"]], "forbidden": []}

    done = run("assign", write(tmp_path, data))

    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert [(p["left"], p["right"]) for p in out["pairs"]] == [("s2", "m1"), ("s3", "m2")]
    assert out["unassigned"] == ["s1"]


def test_cli_help_documents_both_formats():
    done = run("--help")

    assert done.returncode == 0
    for key in ('"meetings"', '"tables"', '"unavailable"', '"locked"', '"lefts"', '"rights"', '"pairs"', '"forbidden"'):
        assert key in done.stdout


@pytest.mark.parametrize(
    ("command", "payload", "status", "message"),
    [
        (
            "schedule",
            {"meetings": [["a", "x"]], "tables": 1, "parties": ["a", "b"]},
            2,
            "meeting 0: unknown party 'x'",
        ),
        ("schedule", {"meetings": [["a", "b"]], "tables": 1, "locked": {"3": 0}}, 2, "locked: meeting index 3 out of"),
        (
            "schedule",
            {"meetings": [["a", "b"]], "tables": 1, "locked": {"x": 0}},
            2,
            "locked: key 'x' is not a meeting",
        ),
        ("schedule", {"meetings": [["a", "a"]], "tables": 1}, 2, "meeting 0 is a self-meeting of 'a'"),
        ("schedule", {"meetings": [["a"]], "tables": 1}, 2, "meeting 0 must be a pair [a, b], got ['a']"),
        ("schedule", {"meetings": [["a", "b"]]}, 2, "missing key 'tables'"),
        ("schedule", {"meetings": [], "tables": 1, "slot": 3}, 2, "unknown key 'slot'"),
        ("schedule", {"meetings": [["a", "b"]], "tables": 0}, 2, "tables must be a positive integer, got 0"),
        ("schedule", '{"meetings": [', 2, "is not valid JSON: Expecting value at line 1 column 15"),
        ("schedule", "[1, 2]", 2, "must hold a JSON object"),
        (
            "schedule",
            {"meetings": [["a", "b"], ["a", "c"], ["a", "d"]], "tables": 2, "slots": 2},
            1,
            "infeasible: the day is too short: 2 slots, but at least 3 are needed",
        ),
        (
            "assign",
            {"lefts": ["s1"], "rights": [{"id": "m1", "capacity": -1}], "pairs": []},
            2,
            "capacity of right party 'm1' must not be negative, got -1",
        ),
        (
            "assign",
            {"lefts": ["s1"], "rights": ["m1"], "pairs": [["s1", "m9", 0.5]]},
            2,
            "pair ('s1', 'm9'): unknown right party 'm9'",
        ),
        ("assign", '{"lefts": ["s1"], "rights": ["m1"], "pairs": [["s1", "m1", NaN]]}', 2, "score must be a finite"),
        (
            "assign",
            {"lefts": ["s1"], "rights": ["m1"], "pairs": [["s1", "m1"]]},
            2,
            "pairs[0] must be [left, right, score]",
        ),
        ("assign", {"lefts": ["s1"], "rights": ["m1"], "pairs": [], "decimals": 12}, 2, "decimals must be an integer"),
    ],
)
def test_cli_bad_input_exits_non_zero_with_one_line(tmp_path, command, payload, status, message):
    done = run(command, write(tmp_path, payload))

    assert done.returncode == status
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("matching: error: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_missing_file_and_unknown_command(tmp_path):
    missing = run("schedule", str(tmp_path / "nope.json"))
    unknown = run("frobnicate", "x.json")

    assert missing.returncode == 2
    assert missing.stderr == f"matching: error: cannot read {tmp_path / 'nope.json'}: No such file or directory\n"
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("matching: error: argument command: invalid choice: 'frobnicate'")
    assert unknown.stderr.count("\n") == 1


def test_matching_imports_neither_django_nor_backend():
    code = (
        "import sys, matching, matching.cli, matching.assignment, matching.stable, matching.schedule; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'backend', 'rest_framework')))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
