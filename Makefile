# Every task of the project. `make help` lists them.
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help setup run coach test lint schema i18n-extract i18n-update i18n-compile clean

help: ## List every task
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: ## Create .venv and install everything (system packages too)
	@bash scripts/setup.sh

run: setup ## Start the kiosk on the embedded SQLite store
	$(BIN)/assistent kiosk

coach: setup ## Start the coach review app
	$(BIN)/assistent coach

test: setup ## Run the whole test suite (lint included)
	$(BIN)/ruff check assistant tests
	$(BIN)/python -m assistant.i18n_build check
	$(BIN)/pytest

lint: setup ## Check the code with ruff
	$(BIN)/ruff check assistant tests
	$(BIN)/ruff format --check assistant tests

schema: setup ## Regenerate schema/passport.schema.json from the passport model
	$(BIN)/assistent schema > schema/passport.schema.json

i18n-extract: setup ## Extract translatable texts into locales/messages.pot
	$(BIN)/python -m assistant.i18n_build extract

i18n-update: i18n-extract ## Update every locales/<taal>/LC_MESSAGES/messages.po
	$(BIN)/python -m assistant.i18n_build update

i18n-compile: setup ## Compile the .po files to .mo
	$(BIN)/python -m assistant.i18n_build compile

clean: ## Remove .venv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
