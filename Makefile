# The two commands a newcomer needs: `make book` and `make test`.
# Both create .venv and install the pinned packages first, so a fresh machine needs only
# Python 3.11 and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PARAMS ?= params/alliance-2016-17.yml
OUT    ?= _build
STAMP  := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: setup book editions test lock preview clean mutants

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

book: setup
	$(BIN)/assess build --params $(PARAMS) --out $(OUT)

# Every edition in params/, each in $(OUT)/<edition>/, linked from $(OUT)/index.html.
editions: setup
	$(BIN)/assess build --all --out $(OUT)

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The unit tests, the end-to-end build tests and the browser tests, then nbval re-runs the
# executed notebooks of the default edition and compares every output with the one the build stored.
test: setup $(CHROMIUM)
	$(BIN)/python -m pytest
	$(BIN)/assess build --params $(PARAMS) --out $(OUT)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p no:cacheprovider book/sections

# Mutation testing (not part of `make test`; about 8 minutes on 2 cores): mutmut mutates the
# analysis modules, periods.py and present/wording.py ([tool.mutmut] in pyproject.toml), runs the
# unit tests against each mutant and prints killed/total per module (tests/mutation/score.py),
# failing below 85% across the analysis modules. mutmut is not a project dependency: installed here.
MUTMUT_VERSION := 3.8.1
mutants: setup
	$(BIN)/python -m pip install --quiet mutmut==$(MUTMUT_VERSION)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 > /dev/null
	$(BIN)/mutmut results --all true | $(BIN)/python tests/mutation/score.py 85

# Re-pin every package after deliberately changing a version in pyproject.toml.
lock: setup
	{ echo "# Every package the project installs, pinned: next year's rebuild resolves the same set."; \
	  echo "# Regenerate with: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable | sort -f; } > constraints.txt

preview:
	cd $(OUT) && $(BIN)/python -m http.server 8000 --bind 127.0.0.1

clean:
	rm -rf $(OUT) book/sections mutants
