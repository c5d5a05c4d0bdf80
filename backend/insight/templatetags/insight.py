"""Formatting of statistics in the printable report (Chinese conventions: 万元, 万平方米)."""

from __future__ import annotations

from django import template

register = template.Library()

NUMERALS = "一二三四五六七八九十"


@register.filter
def numeral(index: int) -> str:
    """1 → 一 … 10 → 十 (sections never number more)."""
    return NUMERALS[index - 1] if 1 <= index <= len(NUMERALS) else str(index)


@register.filter
def amount(value, unit: str = "count") -> str:
    """A figure's value as the report prints it; withheld values are a dash."""
    if value is None:
        return "—"
    if unit == "yuan":
        return f"{value / 10000:,.2f}万元"
    if unit == "percent":
        return f"{value}%"
    if unit == "m2":
        return f"{value:,.0f}平方米"
    if unit == "score":
        return f"{value}分"
    if unit == "hours":
        return f"{value}小时"
    return f"{value:,}" if isinstance(value, int) else str(value)


@register.filter
def cell(row, column) -> str:
    return amount(row.values.get(column.key), column.unit)
