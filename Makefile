# Every task of the project. `make help` lists them.
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help setup run serve kiosk-web taxonomy coach checks test test-fast lint typecheck schema bench \
	i18n-extract i18n-update i18n-compile i18n-init clean

help: ## List every task
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: ## Create .venv and install everything (system packages too)
	@bash scripts/setup.sh

run: setup taxonomy ## Start the kiosk on the embedded SQLite store
	$(BIN)/assistent kiosk

serve: setup taxonomy ## Start the terminal kiosk in a browser (textual-serve) on localhost
	$(BIN)/assistent serve

kiosk-web: taxonomy ## Start the touch web kiosk (pictures, speech, Arabic) on http://127.0.0.1:8080
	@bash scripts/setup.sh web
	$(BIN)/assistent web

taxonomy: setup ## Import CompetentNL and ESCO from ../shared/data into the knowledge base (once)
	@if [ -d ../shared/data ] && ! $(BIN)/python -c "import sys; from assistant.config import Settings; \
		from assistant.taxonomy.knowledge_base import KnowledgeBase as K; \
		sys.exit(K.existing(Settings().taxonomy_dir) is None)"; then \
		$(BIN)/assistent taxonomy import ../shared/data/competentnl ../shared/data/esco_nl; fi
	@if [ -d ../shared/data ]; then $(BIN)/assistent taxonomy build-model --if-needed; fi

coach: setup ## Start the coach review app
	$(BIN)/assistent coach

checks: ## Lint, formatting, types, translations and plain Dutch: what test and test-fast run before pytest
	@bash scripts/setup.sh test
	@$(MAKE) --no-print-directory taxonomy
	$(BIN)/ruff check assistant tests benchmarks
	$(BIN)/ruff format --check assistant tests benchmarks
	$(BIN)/mypy assistant
	$(BIN)/python -m assistant.i18n_build check
	$(BIN)/assistent check-language

# Each test starts what it needs (its own files, ports and PostgreSQL server per worker), so the suite
# runs on every core.
test: checks ## Run the checks and the whole test suite on every core (what CI runs)
	$(BIN)/pytest -n auto

test-fast: checks ## Run the checks and every test not marked slow (no PostgreSQL load or browser runs)
	$(BIN)/pytest -n auto -m "not slow"

lint: setup ## Check the code with ruff
	$(BIN)/ruff check assistant tests benchmarks
	$(BIN)/ruff format --check assistant tests benchmarks

typecheck: setup ## Check the types in assistant/ with mypy and its pydantic plugin
	$(BIN)/mypy assistant

schema: setup ## Regenerate schema/passport.schema.json from the passport model
	$(BIN)/assistent schema > schema/passport.schema.json

i18n-extract: setup ## Extract translatable texts into locales/messages.pot
	$(BIN)/python -m assistant.i18n_build extract

i18n-update: i18n-extract ## Update every locales/<taal>/LC_MESSAGES/messages.po
	$(BIN)/python -m assistant.i18n_build update

i18n-compile: setup ## Compile the .po files to .mo
	$(BIN)/python -m assistant.i18n_build compile

# LANG is also the shell's locale (C.UTF-8 and the like): only a LANG given on the make command line counts.
i18n-init: setup ## Start the catalogue of a new language: make i18n-init LANG=xx
	@if [ "$(origin LANG)" != "command line" ]; then \
		echo "gebruik: make i18n-init LANG=xx (xx: de taalcode, bijvoorbeeld de of ti)" >&2; exit 2; fi
	$(BIN)/python -m assistant.i18n_build init "$(LANG)"

clean: ## Remove .venv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache

bench: ## Run the benchmarks (MELO, VDAB, kiosk answers, speed, PostgreSQL sync) and print the numbers
	@bash scripts/setup.sh bench
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.directions
	$(BIN)/python -m benchmarks.direction_screen
