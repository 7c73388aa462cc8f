# The two commands a newcomer needs: `make book` and `make test`.
# Both create .venv and install the pinned packages first, so a fresh machine needs only
# Python 3.11 and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The edition to build; empty builds the project's default ([tool.assess] default_params in pyproject.toml).
PARAMS ?=
EDITION_FLAG := $(if $(PARAMS),--params $(PARAMS))
OUT    ?= _build
STAMP  := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: setup book editions check test lock preview clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

book: setup
	$(BIN)/assess build $(EDITION_FLAG) --out $(OUT)

# Every edition in params/, each in $(OUT)/<edition>/, linked from $(OUT)/index.html.
editions: setup
	$(BIN)/assess build --all --out $(OUT)

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The quick loop: lint and format checks, then the unit tests (no browser, no book build).
check: setup
	$(BIN)/ruff check --quiet
	$(BIN)/ruff format --check --quiet src tests benchmarks
	$(BIN)/python -m pytest tests/unit -q

# Everything: `check`, the end-to-end build tests and the browser tests, then nbval re-runs the
# executed notebooks of the default edition and compares every output with the one the build stored.
test: check $(CHROMIUM)
	$(BIN)/python -m pytest tests/build tests/browser
	$(BIN)/assess build $(EDITION_FLAG) --out $(OUT)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p no:cacheprovider book/sections

# Re-pin every package after deliberately changing a version in pyproject.toml.
lock: setup
	{ echo "# Every package the project installs, pinned: next year's rebuild resolves the same set."; \
	  echo "# Regenerate with: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable | sort -f; } > constraints.txt

preview: setup
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory $(OUT)

clean:
	rm -rf $(OUT) book/sections
