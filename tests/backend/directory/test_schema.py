"""The directory's part of the OpenAPI schema: no warnings, named components and enums."""

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "openapi.yml"
    return path


def test_directory_schema_has_no_warnings_and_named_components(generated, capsys):
    call_command("spectacular", "--validate", "--file", str(generated))
    stderr = capsys.readouterr().err
    assert "backend/directory" not in stderr, stderr
    schema = yaml.safe_load(generated.read_text())
    components = schema["components"]["schemas"]
    for name in [
        "Region",
        "Industry",
        "Carrier",
        "CarrierDetail",
        "CarrierEvaluation",
        "Startup",
        "Investor",
        "Bank",
        "LoanProduct",
        "Mentor",
        "Organisation",
        "Member",
        "FinancingNeed",
        "SearchResults",
        "StageEnum",
        "OrganisationKindEnum",
        "CarrierKindEnum",
        "FinancingNeedStatusEnum",
    ]:
        assert name in components, name
    for path in ["/api/startups", "/api/organisations/{organisation_pk}/members/{user_id}", "/api/search"]:
        assert path in schema["paths"], path
    startup = components["Startup"]
    # Confidential fields are optional in the answer: absent for non-members.
    assert "revenue" in startup["properties"]
    assert "revenue" not in startup.get("required", [])
    carrier_filters = {p["name"] for p in schema["paths"]["/api/carriers"]["get"]["parameters"]}
    assert {"kind", "level", "region", "industry", "grade", "q", "ordering", "page", "page_size"} <= carrier_filters
