#!/usr/bin/env bash
# Serve HTTP + WebSockets (uvicorn, ASGI) and run one job-queue worker beside it;
# stopping the server stops the worker.
set -euo pipefail
host=${HOST:-127.0.0.1} port=${PORT:-8000}
python backend/manage.py procrastinate worker >>.data/worker.log 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT
uvicorn backend.asgi:application --host "$host" --port "$port" --no-access-log
