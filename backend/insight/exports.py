"""The statistics as an Excel workbook: a summary sheet, then one sheet per area.

Each area's sheet lists its figures (key, labels, value, unit, note), then each
breakdown as a small table (key, labels, one column per measure, note). Values
are the API's numbers unchanged; withheld aggregates are empty cells noted
"suppressed, fewer than 3".
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from backend.insight.scope import Scope
from backend.insight.sections import SUPPRESSED_NOTE, SUPPRESSED_NOTE_ZH, SectionData

UNITS = {"count": "", "percent": "%", "yuan": "元", "score": "分", "hours": "小时", "m2": "平方米"}
FIGURE_HEADER = ["键 Key", "指标", "Figure", "数值 Value", "单位 Unit", "说明 Note"]
BOLD = Font(bold=True)


def sheet_title(section: SectionData) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    title = f"{section.title} {section.title_en}"
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]


def _number_format(unit: str) -> str:
    return "#,##0.00" if unit in {"yuan", "m2"} else "General"


def _note(suppressed: bool) -> str:
    return f"{SUPPRESSED_NOTE_ZH} · {SUPPRESSED_NOTE}" if suppressed else ""


def _append(sheet, values: Sequence, *, bold: bool = False, formats: dict[int, str] | None = None) -> None:
    sheet.append(list(values))
    row = sheet.max_row
    for index, cell in enumerate(sheet[row]):
        if bold:
            cell.font = BOLD
        if formats and index in formats:
            cell.number_format = formats[index]


def _section_sheet(workbook: Workbook, scope: Scope, section: SectionData) -> None:
    sheet = workbook.create_sheet(sheet_title(section))
    _append(sheet, [f"{section.title} · {section.title_en}"], bold=True)
    _append(sheet, [f"{scope.label}  {scope.date_from:%Y-%m-%d} — {scope.date_to:%Y-%m-%d}"])
    sheet.append([])
    _append(sheet, FIGURE_HEADER, bold=True)
    for f in section.figures:
        _append(
            sheet,
            [f.key, f.label, f.label_en, f.value, UNITS.get(f.unit, f.unit), _note(f.suppressed)],
            formats={3: _number_format(f.unit)},
        )
    for breakdown in section.breakdowns:
        sheet.append([])
        _append(sheet, [f"{breakdown.key}", f"{breakdown.label}", breakdown.label_en], bold=True)
        header = ["键 Key", "名称", "Name"]
        header += [
            f"{c.label} {c.label_en}" + (f" ({UNITS[c.unit]})" if UNITS.get(c.unit) else "") for c in breakdown.columns
        ]
        _append(sheet, [*header, "说明 Note"], bold=True)
        formats = {3 + i: _number_format(c.unit) for i, c in enumerate(breakdown.columns)}
        for row in breakdown.rows:
            values = [row.values.get(c.key) for c in breakdown.columns]
            _append(sheet, [row.key, row.label, row.label_en, *values, _note(bool(row.suppressed))], formats=formats)
    for column, width in zip("ABCDEFGHIJ", (22, 24, 28, 16, 16, 16, 16, 16, 16, 30), strict=True):
        sheet.column_dimensions[column].width = width


def workbook(scope: Scope, sections: Sequence[SectionData]) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "概况 Summary"
    _append(summary, ["创联 Innolink 统计 · Statistics"], bold=True)
    _append(summary, ["范围 Scope", scope.label])
    _append(summary, ["期间 Period", f"{scope.date_from:%Y-%m-%d}", f"{scope.date_to:%Y-%m-%d}"])
    _append(summary, ["生成 Generated", timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    summary.append([])
    _append(summary, ["基本情况"], bold=True)
    for section in sections:
        _append(summary, [section.title, section.paragraph])
        summary.cell(summary.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 100
    for section in sections:
        _section_sheet(book, scope, section)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
