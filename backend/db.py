"""Where the database is: ``DATABASE_URL``, or an embedded PostgreSQL.

A fresh machine has no PostgreSQL service, so without ``DATABASE_URL`` we start
the server shipped in the ``pgserver`` wheel, with its data in ``.data/pg`` of
the project. It keeps running after the process exits (like a service) so
that a second ``make run`` finds its data and starts at once.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from pathlib import Path
from urllib.parse import quote

DATABASE_NAME = "innolink"


def embedded_pgdata(base_dir: Path) -> Path:
    return base_dir / ".data" / "pg"


def embedded_database_url(base_dir: Path, name: str = DATABASE_NAME) -> str:
    """Start (or find) the embedded server and return a URL for database *name*."""
    with warnings.catch_warnings():
        # platformdirs warns about a missing XDG_RUNTIME_DIR on servers.
        warnings.simplefilter("ignore")
        import pgserver

        pgdata = embedded_pgdata(base_dir)
        pgdata.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(pgdata, cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    if _ensure_database(socket_dir, name):
        # max_connections only takes effect on restart; happens once per data folder.
        pgserver.pg_ctl(["-w", "restart"], pgdata=pgdata, user=server.system_user, timeout=30)
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{name}"


def _ensure_database(socket_dir: Path, name: str) -> bool:
    """Create database *name* if missing; return whether a restart is needed."""
    import psycopg

    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            # Another process (a parallel test worker) may be first.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(f'CREATE DATABASE "{name}"')
        # Concurrency tests and benchmarks open many connections at once.
        current = conn.execute("SHOW max_connections").fetchone()[0]
        if int(current) < 300:
            conn.execute("ALTER SYSTEM SET max_connections = 300")
            return True
    return False


def database_url(base_dir: Path) -> str:
    return os.environ.get("DATABASE_URL") or embedded_database_url(base_dir)


def stop_embedded(base_dir: Path) -> None:
    import pgserver

    pgdata = embedded_pgdata(base_dir)
    if (pgdata / "postmaster.pid").exists():
        user = "pgserver" if os.geteuid() == 0 else None  # pgserver runs postgres unprivileged under root
        pgserver.pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
        print("Embedded PostgreSQL stopped")


if __name__ == "__main__":
    # `python -m backend.db [stop]`: start (or stop) the embedded server outside of
    # parallel work, so that test workers find it running.
    import sys

    root = Path(__file__).resolve().parent.parent
    if sys.argv[1:] == ["stop"]:
        stop_embedded(root)
    elif os.environ.get("DATABASE_URL"):
        print("Using the PostgreSQL server in DATABASE_URL")
    else:
        print(f"Embedded PostgreSQL ready: {embedded_database_url(root)}")
