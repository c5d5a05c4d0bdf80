"""The workbook and the printable report carry exactly the API's figures."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from backend.insight.exports import FIGURE_HEADER
from tests.backend.insight.conftest import YEAR


def read_workbook(body: bytes) -> dict[str, dict]:
    """Sheets as {title: {"figures": {key: value}, "breakdowns": {key: {row_key: [values]}}}} (summary aside)."""
    book = load_workbook(io.BytesIO(body))
    out = {}
    for sheet in book.worksheets[1:]:
        rows = list(sheet.iter_rows(values_only=True))
        parsed = {"figures": {}, "breakdowns": {}, "notes": {}}
        mode, current = None, None
        for row in rows[3:]:
            if not any(cell is not None for cell in row):
                mode = None
                continue
            if list(row[: len(FIGURE_HEADER)]) == FIGURE_HEADER:
                mode = "figures"
            elif mode == "figures":
                parsed["figures"][row[0]] = row[3]
                parsed["notes"][row[0]] = row[5]
            elif mode is None:
                current, mode = row[0], "breakdown-header"
                parsed["breakdowns"][current] = {}
            elif mode == "breakdown-header":
                width = len([c for c in row if c is not None]) - 4  # key, 名称, Name, …, Note
                mode = "breakdown"
            elif mode == "breakdown":
                parsed["breakdowns"][current][row[0]] = list(row[3 : 3 + width])
        out[sheet.title] = parsed
    return out


def test_workbook_sheets_equal_the_api(world, client_for):
    client = client_for(world.organizer_jilin)
    api = client.get("/api/insight/statistics", YEAR).json()
    response = client.get("/api/insight/statistics.xlsx", YEAR)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="innolink-statistics-20250101-20251231.xlsx"' in response["Content-Disposition"]
    sheets = read_workbook(response.content)
    assert list(sheets)[:4] == ["活动 Events", "企业 Startups", "孵化载体 Carriers", "创业导师 Mentors"]
    assert len(sheets) == len(api["sections"])
    for section, (title, sheet) in zip(api["sections"], sheets.items(), strict=True):
        assert title.startswith(section["title"])
        assert sheet["figures"] == {f["key"]: f["value"] for f in section["figures"]}, title
        for b in section["breakdowns"]:
            expected = {r["key"]: [r["values"][c["key"]] for c in b["columns"]] for r in b["rows"]}
            assert sheet["breakdowns"][b["key"]] == expected, (title, b["key"])
    events = sheets["活动 Events"]
    assert events["figures"]["events"] == 4 and events["figures"]["registrations"] == 7
    assert sum(row[0] for row in events["breakdowns"]["by_month"].values()) == 4  # months add up to the total
    assert sum(row[0] for row in events["breakdowns"]["by_type"].values()) == 4


def test_workbook_withholds_small_groups_with_a_note(world, client_for):
    body = client_for(world.admin).get("/api/insight/statistics.xlsx", {**YEAR, "region": world.jilin_city.pk}).content
    startups = read_workbook(body)["企业 Startups"]
    assert startups["figures"]["revenue"] is None
    assert "suppressed, fewer than 3" in startups["notes"]["revenue"]
    assert startups["breakdowns"]["by_stage"]["seed"] == [1, None]


def test_report_is_a_printable_chinese_page_with_the_figures(world, client_for):
    response = client_for(world.organizer_jilin).get("/api/insight/report", YEAR)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<h2>一、基本情况</h2>" in html
    assert "统计期间：2025年1月1日至2025年12月31日" in html
    assert "（一）活动情况。</b>共组织开展" in html
    assert "活动4场" in html and "签到4人次" in html
    assert "孵化载体达到2家" in html
    assert "@media print" in html
