"""Chinese full-text search: jieba tokens in a ``simple`` tsvector.

PostgreSQL has no Chinese parser (and the embedded server has no zhparser), so
text is segmented with jieba in Python, stored as space-separated tokens in
``search_document``, and PostgreSQL indexes ``to_tsvector('simple', …)`` of it
in a generated column. Queries are segmented the same way and matched as
prefix terms, so 光电 finds 光电子 and 吉林省光电子产业孵化器.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, QuerySet

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokenize(text: str) -> list[str]:
    """Search-engine segmentation: long words and their sub-words, lower-cased."""
    if not text:
        return []
    tokens: list[str] = []
    seen: set[str] = set()
    for token in _jieba().cut_for_search(text):
        token = token.strip().lower()
        if token and _WORD.fullmatch(token) and token not in seen:
            seen.add(token)
            tokens.append(token)
    return tokens


def search_document(*parts: str | None) -> str:
    return " ".join(tokenize(" ".join(p for p in parts if p)))


def to_query(text: str) -> SearchQuery | None:
    """AND of prefix terms for the query's tokens; None when nothing searchable."""
    tokens = tokenize(text)
    if not tokens:
        return None
    # Tokens are \w+ only, so they cannot carry tsquery operators.
    raw = " & ".join(f"{t}:*" for t in tokens)
    return SearchQuery(raw, search_type="raw", config="simple")


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Filter *queryset* (of a :class:`Searchable` model) by *text*, best first."""
    query = to_query(text)
    if query is None:
        return queryset.none()
    return (
        queryset.filter(search_vector=query)
        .annotate(search_rank=SearchRank(F("search_vector"), query))
        .order_by("-search_rank", "pk")
    )


class Searchable(models.Model):
    """Mixin: subclasses say what text to index in :meth:`search_text`."""

    search_document = models.TextField(blank=True, default="", editable=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("search_document", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_document = search_document(*self.search_text())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_document"}
        super().save(*args, **kwargs)

    def search_text(self) -> list[str | None]:
        raise NotImplementedError
