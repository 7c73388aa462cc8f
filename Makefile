# The two commands a newcomer needs: `make book` and `make test`; an analyst adds `make lab` and
# `make preview`. All create .venv (the build's packages, the tests' and nbstripout) and install the
# pinned packages first, so a fresh machine needs only Python 3.11 and make; `make lab` (and `make
# test`, whose Lab test runs it) also creates .venv-lab (Jupyter Lab, kept apart so the build does
# not import the Lab server's dependencies).

# bash, with a pipeline failing when any command in it fails (the test halves pipe through sed).
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# Python writes its bytecode caches (__pycache__ folders, which git ignores) even where the
# environment sets PYTHONDONTWRITEBYTECODE, as this machine does: pytest then keeps each test module
# as rewritten for its assertions, instead of every pytest process rewriting every module again
# (collecting the unit tests took 12.5 CPU-seconds without the caches, 7.5 with them; `make check`
# collects them in two processes).
unexport PYTHONDONTWRITEBYTECODE
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The edition to build; empty builds the project's default ([tool.assess] default_params in pyproject.toml).
PARAMS ?=
EDITION_FLAG := $(if $(PARAMS),--params $(PARAMS))
OUT    ?= _build
STAMP  := $(VENV)/.installed
LAB    := .venv-lab
LABSTAMP := $(LAB)/.installed
# Run a command with its output kept in $(2), shown only when the command fails.
quietly = $(1) > $(2) 2>&1 || { cat $(2); exit 1; }
# Install packages into the environment whose bin folder is $(1) with uv (pinned in
# constraints.txt, put there by add_uv below): the same packages as pip would install, both
# environments in 20 s where pip took 31 to 57 s (warm caches). Compiled to bytecode at install,
# as pip does: where PYTHONDONTWRITEBYTECODE is set, nothing else would write it, and every
# process would compile every module it imports.
uv = $(1)/python -m uv pip install --quiet --compile-bytecode --python $(1)/python
# Create the environment $(1) without pip, and put uv in it with this Python's own pip (3.5 s less
# than installing pip there first: `python -m venv` does that by default), or, where this Python has
# no pip or one too old to install into another environment (--python, pip 22.3 on), with a pip
# installed there by ensurepip.
new_env = test -x $(1)/bin/python || $(PYTHON) -m venv --without-pip $(1)
add_uv = { $(PYTHON) -m pip --python $(1)/bin/python install -c constraints.txt uv \
	|| { $(1)/bin/python -m ensurepip && $(1)/bin/python -m pip install -c constraints.txt uv; }; }
# The project itself, editable, with the tests' packages and nbstripout (pyproject.toml's extras).
PROJECT := -e '.[test,dev]'
CHROMIUM := /usr/bin/chromium
# Jupyter Lab's port (`make lab`).
LAB_PORT ?= 8888

.PHONY: setup book editions check test test-editions test-copies lock lab preview clean mutants

# nbstripout becomes this clone's git filter for notebooks (outputs never reach a commit), keeping
# cell ids (the build's cache keys code cells by id); outside a git checkout there is nothing to
# install it in. Running it again changes nothing. Jupyter Lab's environment is not set up here:
# only `make lab` (and `make lock`) need it, and it took a third of the set-up's CPU.
setup: $(STAMP)
	@if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then \
		$(BIN)/nbstripout --install && \
		git config filter.nbstripout.clean '"$(CURDIR)/$(BIN)/python" -m nbstripout --keep-id'; fi

# The project's kernel, named python3 as the notebooks and the build expect, is registered with
# the full path of .venv's Python, so Jupyter Lab (running from .venv-lab) starts it there.
$(STAMP): pyproject.toml constraints.txt
	@echo "setting up $(VENV) (pinned packages; output only if something fails)"
	@$(call new_env,$(VENV))
	@$(call quietly,$(call add_uv,$(VENV)),$(VENV)/setup.log)
	@$(call quietly,$(call uv,$(BIN)) -c constraints.txt $(PROJECT),$(VENV)/setup.log)
	@$(call quietly,$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3",$(VENV)/setup.log)
	@touch $@

$(LABSTAMP): constraints.txt
	@echo "setting up $(LAB) (Jupyter Lab)"
	@$(call new_env,$(LAB))
	@$(call quietly,$(call add_uv,$(LAB)),$(LAB)/setup.log)
	@$(call quietly,$(call uv,$(LAB)/bin) -c constraints.txt jupyterlab,$(LAB)/setup.log)
	@touch $@

book: setup $(CHROMIUM)
	$(BIN)/assess build $(EDITION_FLAG) --out $(OUT)

# Every edition in params/, each in $(OUT)/<edition>/, linked from $(OUT)/index.html.
editions: setup $(CHROMIUM)
	$(BIN)/assess build --all --out $(OUT)

# The PDF of each edition and the browser tests use Debian's Chromium (Playwright's own browser
# download is not used).
$(CHROMIUM):
	@echo "installing Chromium with apt-get (output only if something fails)"
	@mkdir -p $(VENV)
	@$(call quietly,apt-get update -qq,$(VENV)/apt.log)
	@$(call quietly,DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium,$(VENV)/apt.log)

# The quick loop (the target: under a minute on two idle cores): lint and format checks, then the
# unit tests on both cores (pytest-xdist) with a modest number of examples for each property test,
# without the long calibration runs (marked `slow`) and the tests that compute chapters for forces
# beyond their edition's or scaffold a new year (marked `wide`); no browser, no book build. Each
# test module runs whole on one worker (--dist loadfile), so what a module computes once is not
# computed again on the other. The nbval plugin, used only on the notebooks, is not loaded for the
# unit tests.
check: setup
	$(BIN)/ruff check --quiet
	$(BIN)/ruff format --check --quiet src tests benchmarks
	$(BIN)/python -m pytest tests/unit -q -n 2 --dist loadfile -m "not slow and not wide" -p no:cacheprovider -p no:nbval

# Everything (the target: under ten minutes on two idle cores): lint, the unit tests with each
# property test's full number of examples (ASSESS_TESTS=thorough), the end-to-end build tests and
# the browser tests in two processes side by side, one a core (the tests that read the project's
# own editions, each built once into $(OUT), ASSESS_TEST_OUT; and the tests that build copies of
# their own: tests/conftest.py, EDITIONS, followed in the same half by the unit tests marked
# `slow`, thorough too, on the core the first half would otherwise leave idle while the second
# finishes its builds before the page sweep), then nbval re-runs the executed notebooks of the
# default edition (whose build reuses the tests' cache) and compares every output with the one
# the build stored, two notebooks at a time, each whole on one worker.
# Its kernels are started as the build's are (tests/nbval_kernels.py): over IPC sockets of their
# own (nbval's own TCP ports can clash between two kernels started at once) and forked from a
# server that has done the chapters' imports.
test: setup $(CHROMIUM)
	$(BIN)/ruff check --quiet
	$(BIN)/ruff format --check --quiet src tests benchmarks
	$(UNIT_TESTS) -q -n 2 --dist loadfile --durations=10 -m "not slow"
	$(MAKE) --no-print-directory -j2 test-editions test-copies
	$(BIN)/assess build $(EDITION_FLAG) --out $(OUT)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p tests.nbval_kernels -n 2 --dist loadfile -p no:cacheprovider book/sections

# The two halves of `make test`'s build and browser tests, run side by side by `make test`: each
# line of their output is labelled with its half (the slow unit tests' with [slow]) and printed
# whole, as each test finishes.
BUILD_TESTS := $(BIN)/python -u -m pytest tests/build tests/browser -v --durations=10 -p no:cacheprovider
UNIT_TESTS := ASSESS_TESTS=thorough $(BIN)/python -u -m pytest tests/unit -p no:cacheprovider -p no:nbval
test-editions:
	ASSESS_TEST_OUT=$(CURDIR)/$(OUT) $(BUILD_TESTS) -m editions 2>&1 | sed -u 's/^/[editions] /'
test-copies:
	$(BUILD_TESTS) -m "not editions" 2>&1 | sed -u 's/^/[copies] /'
	$(UNIT_TESTS) -v --durations=5 -m slow 2>&1 | sed -u 's/^/[slow] /'

# Mutation testing (not part of `make test`; about 8 minutes on 2 cores): mutmut mutates the
# analysis modules, periods.py and present/wording.py ([tool.mutmut] in pyproject.toml), runs the
# unit tests (thorough, as `make test` runs them) against each mutant and prints killed/total per
# module (tests/mutation/score.py), failing below 85% across the analysis modules. mutmut is not a project dependency: installed here.
# On a shared machine: `make mutants MUTANTS='assess.analysis.spc.*' MUTANT_JOBS=1` tests one module's
# mutants with one worker (the score then counts that module only).
MUTMUT_VERSION := 3.8.1
MUTANT_JOBS ?= 2
MUTANTS ?=
mutants: setup
	$(call uv,$(BIN)) mutmut==$(MUTMUT_VERSION)
	rm -rf mutants
	ASSESS_TESTS=thorough $(BIN)/mutmut run --max-children $(MUTANT_JOBS) $(MUTANTS) > /dev/null
	$(BIN)/mutmut results --all true | $(BIN)/python tests/mutation/score.py 85

# The packages of the environment whose bin folder is $(1), pinned (uv's pip: there is no pip there).
freeze = $(1)/python -m uv pip freeze --python $(1)/python
# Re-pin every package of both environments after deliberately changing a version.
lock: setup $(LABSTAMP)
	{ echo "# Every package the project installs, pinned: next year's rebuild resolves the same set."; \
	  echo "# Regenerate with: make lock"; \
	  { $(call freeze,$(BIN)) --exclude-editable; $(call freeze,$(LAB)/bin); } | sort -fu; } > constraints.txt

# Jupyter Lab on notebooks/ with the project's kernel. A chapter runs for the default edition, or
# for another with: ASSESS_PARAMS=params/<edition>.yml make lab. Run as root (CI, a container),
# Lab refuses to start unless given --allow-root, which it then is.
lab: setup $(LABSTAMP)
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(LAB)/bin/jupyter lab --notebook-dir=notebooks \
		--ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) --ServerApp.open_browser=$(if $(CI),False,True) \
		$(if $(filter 0,$(shell id -u)),--allow-root)

# Serve the edition at http://127.0.0.1:8000/<edition>/ and rebuild and reload on every save.
preview: setup
	$(BIN)/python -m assess.build.watch $(EDITION_FLAG) --out $(OUT)

clean:
	rm -rf $(OUT) book/sections mutants
