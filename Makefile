# Innolink: `make run` serves the platform with demo data, `make test` runs every test.
# Everything below is set up on demand and cached (.venv, node_modules, dist, .data).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
export PYTHONPATH := $(CURDIR)
MANAGE := $(BIN)/python backend/manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Parallel test workers (pytest-xdist); two cores here.
WORKERS ?= auto

FRONTEND_SRC := $(shell find frontend/src -type f 2>/dev/null) frontend/index.html frontend/vite.config.ts \
	frontend/package.json frontend/tsconfig.app.json

.PHONY: help run test build deps lint bench api-types lock clean stop-db

help:
	@echo "make run   - set up and serve Innolink with demo data at http://$(HOST):$(PORT)"
	@echo "make test  - set up and run every test (Python, frontend unit, browser)"
	@echo "make bench - run the benchmarks and print their figures"

# --- setup -------------------------------------------------------------------
$(VENV)/.deps: requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	@touch $@

$(VENV)/.node: $(VENV)/.deps scripts/ensure-node.sh requirements-node.txt
	scripts/ensure-node.sh $(VENV)
	@touch $@

frontend/node_modules/.installed: frontend/package-lock.json $(VENV)/.node
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SRC)
	cd frontend && npm run build --silent

deps: $(VENV)/.deps
build: $(VENV)/.deps frontend/dist/index.html

# --- the two commands --------------------------------------------------------
run: build
	$(BIN)/python -m backend.db
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --if-empty
	$(MANAGE) demo_logins
	@echo "Innolink 创联 → http://$(HOST):$(PORT)"
	DEBUG=$${DEBUG:-0} SECURE_HTTPS=$${SECURE_HTTPS:-0} HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

test: build
	scripts/ensure-chromium.sh
	$(BIN)/python -m backend.db
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd frontend && npm run typecheck --silent && npm run test:unit --silent
	$(BIN)/pytest -p no:django -q tests/matching --doctest-modules matching
	redis=$$(scripts/ensure-redis.sh) && REDIS_TEST_URL=$$redis $(BIN)/pytest -q -n $(WORKERS) --create-db --ignore=tests/matching

bench: build
	$(BIN)/python -m backend.db
	$(BIN)/python -m bench

# --- developer helpers -------------------------------------------------------
lint: $(VENV)/.deps
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

api-types: $(VENV)/.deps frontend/node_modules/.installed
	@mkdir -p .data
	$(MANAGE) spectacular --validate --file .data/openapi.yml
	cd frontend && npm run api-types --silent

lock: $(VENV)/.deps
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links requirements.in -o requirements.txt
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links requirements-dev.in -o requirements-dev.txt

stop-db:
	$(BIN)/python -m backend.db stop

clean:
	rm -rf frontend/dist frontend/node_modules $(VENV)
