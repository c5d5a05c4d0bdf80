"""Registration lists as CSV (UTF-8 with BOM, so that Excel shows Chinese) and Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from events.models import Registration

HEADER = [
    "序号 No.",
    "姓名 Name",
    "邮箱 Email",
    "手机 Phone",
    "机构 Organisations",
    "状态 Status",
    "候补位置 Waiting position",
    "报名时间 Registered at",
    "签到时间 Checked in at",
]
# Cells starting with these are formulas to Excel: neutralise them (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def rows(registrations: Iterable[Registration]) -> list[list[str]]:
    out = []
    for index, reg in enumerate(registrations, start=1):
        orgs = "、".join(m.organisation.name for m in reg.user.memberships.all())
        position = (reg.ahead + 1) if reg.status == Registration.Status.WAITING else ""
        out.append(
            [
                str(index),
                _safe(reg.user.name),
                _safe(reg.user.email or ""),
                _safe(reg.user.phone or ""),
                _safe(orgs),
                reg.get_status_display(),
                str(position),
                _when(reg.created_at),
                _when(reg.checked_in_at),
            ]
        )
    return out


def to_csv(registrations: Iterable[Registration]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows(registrations))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(registrations: Iterable[Registration], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "报名 Registrations"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows(registrations):
        sheet.append(row)
    for column, width in zip("ABCDEFGHI", (6, 14, 26, 14, 30, 16, 10, 18, 18), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
