"""Fixtures for the matching library: plain data, no Django, no database."""

from __future__ import annotations

import pytest

from matching.types import Tree


@pytest.fixture(scope="session")
def industries() -> Tree:
    return Tree(
        {
            "电子信息": None,
            "光电子": "电子信息",
            "集成电路": "电子信息",
            "新材料": None,
            "碳纤维": "新材料",
            "纺织": None,
            "纺织面料": "纺织",
        },
        labels_en={"光电子": "optoelectronics", "新材料": "new materials", "电子信息": "electronics"},
    )
