"""Bulk "update or create" by natural key, so that loading twice writes nothing.

``update_or_create`` row by row would cost two queries per row; these helpers
read the existing rows once, ``bulk_create`` the missing ones and
``bulk_update`` only the fields that differ. ``Searchable.save()`` and
auto-now timestamps are bypassed by bulk operations, so this module gives new
rows a first ``search_document`` and writes the planned timestamps after
insert; the loader refreshes documents once the many-to-many links exist.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from backend.core.search import Searchable, search_document

BATCH = 500


def _attname(model: type[models.Model], name: str) -> str:
    return model._meta.get_field(name).attname


def _value(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def upsert(
    model: type[models.Model],
    rows: Iterable[Mapping[str, Any]],
    *,
    key: tuple[str, ...],
    create_only: tuple[str, ...] = (),
    stats: Counter | None = None,
) -> dict[tuple, models.Model]:
    """Make each of *rows* exist with exactly its values; return the instances by key.

    Rows map field names to values (a related instance or its id for a foreign
    key). *key* names the fields that identify a row; *create_only* fields are
    set when a row is created and left alone afterwards (e.g. a secret token).
    """
    rows = list(rows)
    opts = model._meta
    key_att = tuple(_attname(model, f) for f in key)
    auto_now = {
        f.attname for f in opts.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }

    wanted: dict[tuple, dict[str, Any]] = {}
    instances: dict[tuple, models.Model] = {}
    for row in rows:
        instance = model(**row)
        if isinstance(instance, Searchable):
            instance.search_document = search_document(*instance.search_text())
        values = {_attname(model, name): _value(value) for name, value in row.items()}
        k = tuple(values[a] for a in key_att)
        if k in wanted:
            raise ValueError(f"{model.__name__}: duplicate key {k}")
        wanted[k] = values
        instances[k] = instance

    first = key_att[0]
    existing = {
        tuple(getattr(obj, a) for a in key_att): obj
        for obj in model.objects.filter(**{f"{first}__in": sorted({k[0] for k in wanted})})
    }

    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    create_only_att = {_attname(model, f) for f in create_only}
    for k, values in wanted.items():
        obj = existing.get(k)
        if obj is None:
            to_create.append(instances[k])
            continue
        changed = [a for a, v in values.items() if a not in create_only_att and getattr(obj, a) != v]
        if changed:
            for a in changed:
                setattr(obj, a, values[a])
            changed_fields.update(changed)
            to_update.append(obj)
        instances[k] = obj

    if to_create:
        model.objects.bulk_create(to_create, batch_size=BATCH)
        # bulk_create stamps auto-now fields with the current time; put back the planned values.
        planned = sorted(auto_now & set(next(iter(wanted.values()))))
        if planned:
            for obj in to_create:
                k = tuple(getattr(obj, a) for a in key_att)
                for a in planned:
                    setattr(obj, a, wanted[k][a])
            model.objects.bulk_update(to_create, planned, batch_size=BATCH)
    if to_update:
        names = {f.attname: f.name for f in opts.concrete_fields}
        model.objects.bulk_update(to_update, [names[a] for a in sorted(changed_fields)], batch_size=BATCH)
    if stats is not None:
        stats[f"{model.__name__} created"] += len(to_create)
        stats[f"{model.__name__} updated"] += len(to_update)
    return instances


def sync_m2m(
    model: type[models.Model],
    field: str,
    wanted: Mapping[int, Iterable[int]],
    *,
    stats: Counter | None = None,
) -> None:
    """Make ``model.<field>`` of each object id in *wanted* exactly the given target ids."""
    m2m = model._meta.get_field(field)
    through = m2m.remote_field.through
    source = f"{m2m.m2m_field_name()}_id"
    target = f"{m2m.m2m_reverse_field_name()}_id"
    want = {(s, t) for s, targets in wanted.items() for t in targets}
    have = {
        (s, t): pk
        for pk, s, t in through.objects.filter(**{f"{source}__in": list(wanted)}).values_list("pk", source, target)
    }
    stale = sorted(pk for pair, pk in have.items() if pair not in want)
    if stale:
        through.objects.filter(pk__in=stale).delete()
    missing = sorted(want - set(have))
    if missing:
        through.objects.bulk_create([through(**{source: s, target: t}) for s, t in missing], batch_size=BATCH)
    if stats is not None:
        stats[f"{model.__name__}.{field} linked"] += len(missing)
        stats[f"{model.__name__}.{field} unlinked"] += len(stale)
