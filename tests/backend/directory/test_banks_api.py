"""/api/banks and /api/loan-products: nested products and branches, filters, bank members write."""

from decimal import Decimal

import pytest

from backend.accounts.models import Role
from backend.directory.models import LoanProduct, Organisation
from backend.directory.serializers import LOAN_PRODUCT_NAME_TAKEN, RANGE_INVERTED
from backend.directory.services import NOT_YOUR_BANK

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [row["name"] for row in response.data["results"]]


# --- banks ---------------------------------------------------------------------------------------


def test_bank_detail_nests_branches_and_products(api, make_bank, make_product):
    head = make_bank(org={"name": "吉林银行"})
    branch = make_bank(org={"name": "吉林银行长春科技支行"}, parent_bank=head, is_tech_branch=True)
    make_product(bank=head, name="创客贷", stages=["seed"])
    make_product(bank=head, name="成长通", stages=["growth"], amount_min=Decimal("5000000"), amount_max=Decimal("1e7"))
    data = api.get(f"/api/banks/{head.pk}").data
    assert data["branches"] == [{"id": branch.pk, "name": "吉林银行长春科技支行", "is_tech_branch": True}]
    assert [p["name"] for p in data["products"]] == ["创客贷", "成长通"]
    assert data["parent_bank"] is None
    branch_data = api.get(f"/api/banks/{branch.pk}").data
    assert branch_data["parent_bank"] == head.pk
    assert branch_data["parent_bank_name"] == "吉林银行"


def test_bank_role_creates_a_bank(client_for, make_user, make_bank, regions):
    head = make_bank()
    user = make_user(Role.BANK)
    response = client_for(user).post(
        "/api/banks", {"name": "某支行", "region": regions.changchun.pk, "parent_bank": head.pk, "is_tech_branch": True}
    )
    assert response.status_code == 201, response.data
    assert Organisation.objects.get(pk=response.data["id"]).bank.parent_bank == head


def test_parent_bank_must_be_a_bank(client_for, make_user, make_startup, regions):
    response = client_for(make_user(Role.BANK)).post(
        "/api/banks", {"name": "某支行", "region": regions.changchun.pk, "parent_bank": make_startup().pk}
    )
    assert response.status_code == 400
    assert "parent_bank" in response.data["errors"]


def test_bank_cannot_be_its_own_parent(client_for, make_user, make_bank):
    owner = make_user(Role.BANK)
    bank = make_bank(owner=owner)
    response = client_for(owner).patch(f"/api/banks/{bank.pk}", {"parent_bank": bank.pk})
    assert response.status_code == 400
    assert "parent_bank" in response.data["errors"]


@pytest.mark.parametrize("role", [Role.STARTUP, Role.INVESTOR])
def test_other_roles_cannot_create_banks(client_for, make_user, regions, role):
    response = client_for(make_user(role)).post("/api/banks", {"name": "某行", "region": regions.changchun.pk})
    assert response.status_code == 403


def test_bank_filters(api, make_bank, regions):
    head = make_bank(org={"name": "总行", "region": regions.jilin})
    make_bank(org={"name": "科技支行", "region": regions.chaoyang}, parent_bank=head, is_tech_branch=True)
    make_bank(org={"name": "邢台银行", "region": regions.xingtai})
    assert names(api.get("/api/banks?is_tech_branch=true")) == ["科技支行"]
    assert names(api.get(f"/api/banks?parent_bank={head.pk}")) == ["科技支行"]
    assert sorted(names(api.get(f"/api/banks?region={regions.jilin.pk}"))) == sorted(["总行", "科技支行"])


def test_bank_list_costs_the_same_queries_for_one_and_three_rows(api, make_bank, make_product, queries_for):
    head = make_bank()
    make_product(bank=head)
    one = queries_for(api, "/api/banks")
    for _ in range(2):
        make_product(bank=make_bank(parent_bank=head))
    # count, page, industries, branches, products
    assert one == queries_for(api, "/api/banks") == 5


# --- loan products -------------------------------------------------------------------------------


def product_payload(bank, /, **extra):
    return {
        "bank": bank.pk,
        "name": "创客贷",
        "series": "科技金融",
        "stages": ["seed", "startup"],
        "amount_min": "100000",
        "amount_max": "3000000",
        "collateral": ["credit", "patent_pledge"],
        **extra,
    }


def test_bank_member_publishes_a_product(client_for, make_user, make_bank, industries):
    staff = make_user(Role.BANK)
    bank = make_bank(members=[staff], org={"name": "吉林银行"})
    response = client_for(staff).post("/api/loan-products", product_payload(bank, industries=[industries.chips.pk]))
    assert response.status_code == 201, response.data
    assert response.data["bank_name"] == "吉林银行"
    assert LoanProduct.objects.get(pk=response.data["id"]).stages == ["seed", "startup"]


def test_bank_staff_cannot_publish_for_another_bank(client_for, make_user, make_bank):
    staff = make_user(Role.BANK)
    make_bank(members=[staff])
    other = make_bank()
    response = client_for(staff).post("/api/loan-products", product_payload(other))
    assert response.status_code == 400
    assert response.data["errors"]["bank"] == [str(NOT_YOUR_BANK)]
    assert not LoanProduct.objects.exists()


def test_admin_publishes_for_any_bank(client_for, admin_user, make_bank):
    assert client_for(admin_user).post("/api/loan-products", product_payload(make_bank())).status_code == 201


@pytest.mark.parametrize("role", [Role.STARTUP, Role.INVESTOR])
def test_non_bank_roles_cannot_publish(client_for, make_user, make_bank, role):
    user = make_user(role)
    bank = make_bank(members=[user])
    assert client_for(user).post("/api/loan-products", product_payload(bank)).status_code == 403


def test_anonymous_cannot_publish(api, make_bank):
    assert api.post("/api/loan-products", product_payload(make_bank())).status_code == 401


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"amount_min": "0"}, "amount_min"),
        ({"amount_min": "-1"}, "amount_min"),
        ({"amount_min": "5000000"}, "amount_max"),
        ({"stages": []}, "stages"),
        ({"stages": ["unicorn"]}, "stages.0"),
        ({"collateral": []}, "collateral"),
        ({"collateral": ["goodwill"]}, "collateral.0"),
        ({"industries": [999999]}, "industries"),
        ({"term_months_max": 0}, "term_months_max"),
        ({"bank": 999999}, "bank"),
    ],
)
def test_product_rejects_bad_input(client_for, admin_user, make_bank, extra, field):
    response = client_for(admin_user).post("/api/loan-products", product_payload(make_bank(), **extra))
    assert response.status_code == 400
    assert field in response.data["errors"], response.data


def test_amount_range_message(client_for, admin_user, make_bank):
    response = client_for(admin_user).post("/api/loan-products", product_payload(make_bank(), amount_min="9000000"))
    assert response.data["errors"]["amount_max"] == [RANGE_INVERTED]


def test_product_name_is_unique_per_bank(client_for, admin_user, make_bank, make_product):
    bank = make_bank()
    make_product(bank=bank, name="创客贷")
    response = client_for(admin_user).post("/api/loan-products", product_payload(bank))
    assert response.status_code == 400
    assert response.data["errors"]["name"] == [LOAN_PRODUCT_NAME_TAKEN]
    assert client_for(admin_user).post("/api/loan-products", product_payload(make_bank())).status_code == 201


def test_member_edits_and_deletes_products_but_cannot_move_them(client_for, make_user, make_bank, make_product):
    staff = make_user(Role.BANK)
    bank = make_bank(members=[staff])
    product = make_product(bank=bank)
    client = client_for(staff)
    response = client.patch(f"/api/loan-products/{product.pk}", {"amount_max": "2000000", "bank": make_bank().pk})
    assert response.status_code == 200, response.data
    product.refresh_from_db()
    assert product.amount_max == Decimal("2000000")
    assert product.bank == bank
    assert client.delete(f"/api/loan-products/{product.pk}").status_code == 204
    assert not LoanProduct.objects.exists()


def test_patch_range_checks_stored_minimum(client_for, admin_user, make_product):
    product = make_product(amount_min=Decimal("100000"))
    response = client_for(admin_user).patch(f"/api/loan-products/{product.pk}", {"amount_max": "50000"})
    assert response.status_code == 400
    assert "amount_max" in response.data["errors"]


def test_non_member_cannot_edit_or_delete_products(client_for, make_user, make_product):
    product = make_product()
    client = client_for(make_user(Role.BANK))
    assert client.patch(f"/api/loan-products/{product.pk}", {"active": False}).status_code == 403
    assert client.delete(f"/api/loan-products/{product.pk}").status_code == 403
    assert LoanProduct.objects.get(pk=product.pk).active is True


def test_product_filters(api, make_bank, make_product, industries):
    bank = make_bank()
    make_product(bank=bank, name="创客贷", stages=["seed"], collateral=["credit"])
    make_product(
        bank=bank,
        name="成长通",
        stages=["growth"],
        collateral=["patent_pledge", "guarantee"],
        amount_min=Decimal("1000000"),
        amount_max=Decimal("10000000"),
        industries=[industries.electronics],
    )
    make_product(name="药企贷", stages=["growth", "mature"], industries=[industries.biomed], active=False)
    assert names(api.get(f"/api/loan-products?bank={bank.pk}")) == ["创客贷", "成长通"]
    assert sorted(names(api.get("/api/loan-products?stage=growth"))) == sorted(["成长通", "药企贷"])
    assert names(api.get("/api/loan-products?collateral=guarantee&collateral=mortgage")) == ["成长通"]
    # a product for an industry serves its sub-industries; one without industries serves all
    assert names(api.get(f"/api/loan-products?industry={industries.chips.pk}")) == ["创客贷", "成长通"]
    assert names(api.get(f"/api/loan-products?industry={industries.biomed.pk}")) == ["创客贷", "药企贷"]
    assert names(api.get("/api/loan-products?amount=5000000")) == ["成长通"]
    assert names(api.get("/api/loan-products?active=false")) == ["药企贷"]
    assert names(api.get("/api/loan-products?ordering=-amount_max")) == ["成长通", "创客贷", "药企贷"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("bank=999999", "bank"), ("amount=0", "amount"), ("collateral=x", "collateral"), ("industry=999999", "industry")],
)
def test_product_bad_filters(api, query, field):
    response = api.get(f"/api/loan-products?{query}")
    assert response.status_code == 400
    assert field in response.data["errors"]


def test_product_search_knows_the_bank_and_follows_renames(client_for, admin_user, make_bank, make_product, api):
    bank = make_bank(org={"name": "吉林银行"})
    make_product(bank=bank, name="创客贷")
    assert names(api.get("/api/loan-products?q=吉林 创客")) == ["创客贷"]
    client_for(admin_user).patch(f"/api/banks/{bank.pk}", {"name": "长白山银行"})
    assert names(api.get("/api/loan-products?q=长白山")) == ["创客贷"]


def test_product_list_costs_the_same_queries_for_one_and_three_rows(api, make_product, industries, queries_for):
    make_product(industries=[industries.chips])
    one = queries_for(api, "/api/loan-products")
    for _ in range(2):
        make_product(industries=[industries.chips, industries.biomed])
    assert one == queries_for(api, "/api/loan-products") == 3
