"""Counting rows by top-level industry (industries are a tree; rows are tagged anywhere in it)."""

from __future__ import annotations

from django.db.models import Count, F, Func, IntegerField, QuerySet, Value
from django.db.models.functions import Cast

from backend.directory.models import Industry
from backend.insight.sections import Row


def root_of(path_field: str) -> Cast:
    """The root id of a materialized path ``/root/child/…/`` (``split_part(path, '/', 2)``)."""
    return Cast(Func(F(path_field), Value("/"), Value(2), function="split_part"), IntegerField())


def industry_rows(queryset: QuerySet, path_field: str, count_field: str, column: str) -> list[Row]:
    """Distinct ``count_field`` per top-level industry of ``path_field``; two queries, largest first.

    A row tagged with two industries of the same branch counts once for it.
    """
    counted = {
        row["root"]: row["n"]
        for row in queryset.filter(**{f"{path_field}__isnull": False})
        .annotate(root=root_of(path_field))
        .values("root")
        .annotate(n=Count(count_field, distinct=True))
        .order_by()
    }
    roots = Industry.objects.filter(parent__isnull=True).order_by("path").values("pk", "slug", "name", "name_en")
    rows = [Row(r["slug"], r["name"], r["name_en"] or r["name"], {column: counted.get(r["pk"], 0)}) for r in roots]
    return sorted(rows, key=lambda r: -r.values[column])
