"""docker-compose.yml has the production shape DESIGN.md describes.

No Docker engine runs on CI machines, so the file is checked as data: the
services, images, the one-shot migration before scaled replicas, and that the
settings the README documents come from the environment.
"""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
services = compose["services"]


def test_postgres_16_and_redis_7():
    assert services["postgres"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"


def test_backend_is_scalable_behind_a_proxy():
    backend = services["backend"]
    # A fixed container name or host port would forbid `--scale backend=N`.
    assert "container_name" not in backend
    assert "ports" not in backend
    assert "backend:8000" in (ROOT / "deploy" / "nginx.conf").read_text()
    assert services["proxy"]["depends_on"]["backend"]["condition"] == "service_healthy"


def test_migrations_run_once_before_backends_and_workers():
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    for name in ("backend", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_settings_come_from_the_environment():
    env = services["backend"]["environment"]
    for key in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
        assert key in env
        assert key in (ROOT / "README.md").read_text(), f"{key} is not documented in the README"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"].startswith("redis://redis:6379")


def test_worker_runs_the_job_queue():
    assert services["worker"]["command"][-2:] == ["procrastinate", "worker"]
