# Two commands: `make site` builds the site into site/, `make test` runs every test.
# Both create their own virtualenv in .venv/ first: building installs only what the site needs,
# `make test` (and `make bench`) add the test tools (pytest, Playwright, axe, ProperDocs, Zensical).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENV_STAMP := $(VENV)/.created-stamp
BUILD_STAMP := $(VENV)/.build-stamp
TEST_STAMP := $(VENV)/.test-stamp

# Material for MkDocs prints an end-of-life notice on every MkDocs run unless this is set.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve schema export bench bench-hostile clean

$(VENV_STAMP):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $(VENV_STAMP)

# What building the site needs: the package and its dependencies.
$(BUILD_STAMP): pyproject.toml $(VENV_STAMP)
	$(BIN)/python -m pip install --quiet -e .
	touch $(BUILD_STAMP)

# The same plus the test extra; it covers the build too, so it renews that stamp as well.
$(TEST_STAMP): pyproject.toml $(VENV_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BUILD_STAMP) $(TEST_STAMP)

site: $(BUILD_STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

check: $(BUILD_STAMP)
	$(BIN)/briefings check

serve: $(BUILD_STAMP)
	$(BIN)/mkdocs serve

schema: $(BUILD_STAMP)
	$(BIN)/briefings schema docs/schema

export: $(BUILD_STAMP)
	$(BIN)/briefings export-docs export --force

N ?= 2000
bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py $(N)

# Times each input that once hung a stage, at three sizes (a report, not a test).
bench-hostile: $(TEST_STAMP)
	$(BIN)/python bench/hostile.py

clean:
	rm -rf $(VENV) site export
