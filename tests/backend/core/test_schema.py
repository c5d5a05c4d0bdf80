"""The OpenAPI schema validates and the frontend's generated types match it."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]
FRONTEND = ROOT / "frontend"


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "openapi.yml"
    # --validate checks the document against the OpenAPI 3 meta-schema.
    call_command("spectacular", "--validate", "--file", str(path))
    return path


def test_schema_is_openapi_3_with_the_api(schema_file):
    schema = yaml.safe_load(schema_file.read_text())
    assert schema["openapi"].startswith("3.")
    assert "/api/auth/me" in schema["paths"]


@pytest.mark.django_db
def test_schema_and_docs_are_served(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


def test_frontend_api_types_are_generated_from_the_current_schema(schema_file, tmp_path):
    generator = FRONTEND / "node_modules" / ".bin" / "openapi-typescript"
    node = shutil.which("node")
    assert generator.exists() and node, "frontend dependencies are missing: run `make build` first"
    out = tmp_path / "schema.d.ts"
    subprocess.run([str(generator), str(schema_file), "-o", str(out)], check=True, capture_output=True, cwd=FRONTEND)
    committed = (FRONTEND / "src" / "api" / "schema.d.ts").read_text()
    assert out.read_text() == committed, "frontend/src/api/schema.d.ts is stale: run `make api-types`"
