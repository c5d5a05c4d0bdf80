"""/api/search: one request, top hits per type, Chinese words and prefixes."""

from decimal import Decimal

import pytest

from backend.accounts.models import Role

pytestmark = pytest.mark.django_db

GROUPS = {"carriers", "startups", "investors", "banks", "loan_products", "mentors"}


@pytest.fixture
def ecosystem(make_carrier, make_startup, make_investor, make_bank, make_product, make_mentor, make_user):
    make_carrier(name="吉林省光电子产业孵化器", description="面向光电子产业的省级孵化器")
    make_carrier(name="邢台市众创空间")
    make_startup(org={"name": "长春光芯科技有限公司", "description": "专注光电子芯片研发，产品用于激光雷达。"})
    make_startup(org={"name": "某生物科技", "description": "创新药研发"})
    make_investor(org={"name": "吉林光电产业投资基金", "description": "投资光电产业"})
    bank = make_bank(org={"name": "吉林银行"})
    make_product(bank=bank, name="创客贷", description="服务光电子等科技型初创企业", amount_min=Decimal("100000"))
    make_mentor(user=make_user(Role.MENTOR, name="李光电"), title="研究员")
    make_mentor(user=make_user(Role.MENTOR, name="隐退导师"), bio="光电子专家", active=False)


def hit_names(data, group) -> list[str]:
    return [hit["name"] for hit in data[group]]


def test_searching_guangdian_finds_every_kind(api, ecosystem):
    response = api.get("/api/search?q=光电")
    assert response.status_code == 200
    data = response.data
    assert set(data) == GROUPS | {"query"}
    assert hit_names(data, "carriers") == ["吉林省光电子产业孵化器"]
    assert hit_names(data, "startups") == ["长春光芯科技有限公司"]
    assert hit_names(data, "investors") == ["吉林光电产业投资基金"]
    assert hit_names(data, "loan_products") == ["吉林银行 · 创客贷"]
    assert hit_names(data, "mentors") == ["李光电"]  # inactive mentors are not found
    assert data["banks"] == []


def test_hits_have_type_id_and_a_snippet_around_the_match(api, ecosystem):
    startup = api.get("/api/search?q=光电").data["startups"][0]
    assert startup["type"] == "startup"
    assert isinstance(startup["id"], int)
    assert "光电子芯片" in startup["snippet"]
    carrier = api.get("/api/search?q=光电").data["carriers"][0]
    assert carrier["type"] == "carrier"


def test_snippet_of_a_long_text_is_short_and_marked(api, make_startup):
    make_startup(org={"name": "某公司", "description": "前言" * 60 + "光电子芯片" + "后记" * 60})
    snippet = api.get("/api/search?q=光电").data["startups"][0]["snippet"]
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert "光电子" in snippet
    assert len(snippet) <= 62


def test_bank_names_are_found(api, ecosystem):
    data = api.get("/api/search?q=吉林银行").data
    assert hit_names(data, "banks") == ["吉林银行"]


def test_punctuation_only_finds_nothing(api, ecosystem):
    response = api.get("/api/search?q=，。！？")
    assert response.status_code == 200
    assert all(response.data[group] == [] for group in GROUPS)


def test_missing_query_is_a_field_error(api):
    response = api.get("/api/search")
    assert response.status_code == 400
    assert "q" in response.data["errors"]


def test_limit_per_type(api, make_startup):
    for index in range(4):
        make_startup(org={"name": f"光电企业{index}"})
    assert len(api.get("/api/search?q=光电&limit=2").data["startups"]) == 2
    assert api.get("/api/search?q=光电&limit=0").status_code == 400


def test_search_costs_one_query_per_type(api, ecosystem, queries_for):
    assert queries_for(api, "/api/search?q=光电") == 6
