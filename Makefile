# Two commands: `make site` builds the site into site/, `make test` runs every test.
# Both create their own virtualenv in .venv/ first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site test check serve schema export bench bench-hostile clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/briefings check

serve: $(STAMP)
	$(BIN)/mkdocs serve

schema: $(STAMP)
	$(BIN)/briefings schema docs/schema

export: $(STAMP)
	$(BIN)/briefings export-docs export --force

N ?= 2000
bench: $(STAMP)
	$(BIN)/python bench/run.py $(N)

# Times each input that once hung a stage, at three sizes (a report, not a test).
bench-hostile: $(STAMP)
	$(BIN)/python bench/hostile.py

clean:
	rm -rf $(VENV) site export
