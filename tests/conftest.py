"""Shared fixtures: the project root, the default edition, editable copies of parameters, and
editions built once per test run for every build, browser and PDF test that reads them, served
for the browser tests, and Debian's Chromium."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import settings

from assess.read.forces import ForceRegistry

ROOT = Path(__file__).resolve().parents[1]
"""The project the tests read: this checkout (the new-year build test runs the checks of
tests/project_checks.py on its own copy, in-process)."""


THOROUGH = os.environ.get("ASSESS_TESTS") == "thorough"
"""True under ``make test`` (ASSESS_TESTS=thorough): property tests run their full example counts.
``make check`` leaves it unset and runs a modest count."""
QUICK_EXAMPLES = 30
"""The examples a property test runs under ``make check`` (at most; Hypothesis's default is 100)."""

settings.register_profile("check", max_examples=QUICK_EXAMPLES)
settings.register_profile("thorough", settings.get_profile("default"))
settings.load_profile("thorough" if THOROUGH else "check")


def examples(thorough: int, quick: int = QUICK_EXAMPLES) -> int:
    """The examples a property test runs: ``thorough`` under ``make test``, at most ``quick``
    under ``make check``."""
    return thorough if THOROUGH else min(thorough, quick)


def shipped_editions() -> list[Path]:
    """Every edition parameter file in params/, in name order: tests discover them."""
    return sorted((ROOT / "params").glob("*.yml"))


def names(path: Path) -> frozenset[str]:
    """The datasets the edition parameter file ``path`` names under ``data:``."""
    return frozenset(_parameters_in(path.read_text()).get("data") or {})


def waits_for(path: Path) -> frozenset[str]:
    """The chapters the edition parameter file ``path`` lists under ``wait_for_data:``."""
    return frozenset(_parameters_in(path.read_text()).get("wait_for_data") or ())


@functools.cache
def _parameters_in(text: str) -> dict:
    """The edition parameters ``text`` as YAML gives them, parsed once per text (the parameter
    files are asked about for each test parametrized by edition, while the tests are collected,
    where loading each edition whole took a second of each process's collection)."""
    return yaml.safe_load(text) or {}


def _widest_edition() -> Path:
    """The edition whose parameters name the most datasets (the first in name order among equals)."""
    return max(shipped_editions(), key=lambda p: len(names(p)))


DEFAULT_PARAMS = _widest_edition()
"""The edition whose parameters name the most datasets, discovered in params/ (the tests change
copies of it); the book's default edition is named in pyproject.toml."""


def made_up_registry() -> ForceRegistry:
    """A forces registry of three made-up forces: Alpha and Beta in the alliance "Pact", Gamma in
    none. Every source spells them as the project does, except data.police.uk (no names) and the
    "Salah" archive (lower case); no ONS codes, regions or colours."""
    names = ["Alpha", "Beta", "Gamma"]
    return ForceRegistry(
        pd.DataFrame(
            {
                "force": names,
                "full_name": ["", "", ""],
                "home_office_name": names,
                "police_uk_slug": ["alpha", "beta", "gamma"],
                "prc_rds_name": names,
                "workforce_name": names,
                "rec_crime_name": names,
                "police_uk_name": ["", "", ""],
                "salah_name": ["alpha", "beta", "gamma"],
                "ons_pfa_code": ["", "", ""],
                "region": ["", "", ""],
                "colour": ["", "", ""],
                "alliance": ["Pact", "Pact", ""],
            }
        )
    )


def single_force_params() -> Path:
    """A shipped edition of one force (the first in name order)."""
    for path in shipped_editions():
        if len(yaml.safe_load(path.read_text())["forces"]) == 1:
            return path
    raise LookupError("no single-force edition in params/")


def street_params() -> Path:
    """A shipped edition whose street-level folder holds the first month of its street period
    (the first in name order): a scaffolded edition may not have its street data yet."""
    from assess.edition import load_edition
    from assess.read.street import street_months

    for path in shipped_editions():
        edition = load_edition(path, ROOT)
        period = edition.periods.get("street_crime")
        has_folder = period is not None and "street_crime" in edition.data
        if has_folder and period.start in street_months(edition.path("street_crime")):
            return path
    raise LookupError("no edition in params/ holds its street-level data")


CORPUS = Path(__file__).resolve().parent / "bad_inputs"
"""The bad-input corpus's folder."""
BAD_INPUTS = yaml.safe_load((CORPUS / "cases.yml").read_text())
"""The bad-input corpus (tests/bad_inputs/cases.yml): ``data`` and ``params`` cases."""


def bad_input_params(case: dict, folder: Path, data: Path, root: Path = ROOT) -> Path:
    """A parameter file (in ``folder``) for ``case``: its bad file copied (or made) in ``data``, a
    folder inside the project ``root`` (dataset paths must lie inside it), and named in place of
    the dataset's own; its changes to the parameters made."""
    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    if "dataset" in case:
        if "sparse_bytes" in case:
            copy = data / f"{case['case']}.csv"
            copy.write_text("month,recorded_crimes\n")
            os.truncate(copy, case["sparse_bytes"])
        elif (CORPUS / case["file"]).is_dir():
            copy = data / case["file"]
            shutil.copytree(CORPUS / case["file"], copy, dirs_exist_ok=True)
        else:
            copy = data / case["file"]
            shutil.copyfile(CORPUS / case["file"], copy)
        params["data"][case["dataset"]] = copy.relative_to(root).as_posix()
        params["periods"].update(case.get("periods", {}))
    params.update(case.get("change", {}))
    if case.get("previous_is_itself"):
        params["previous_edition"] = params["edition"]
    params["data"].update(case.get("data_change", {}))
    path = folder / f"{case['case']}.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False) + case.get("append", ""))
    return path


def project_scratch(tmp_path: Path) -> Path:
    """A folder inside the project (ignored by git) for a test's edited copies of data files:
    dataset paths must lie inside the project. Each pytest-xdist worker has its own."""
    folder = ROOT / "_build" / "test-data" / os.environ.get("PYTEST_XDIST_WORKER", "main") / tmp_path.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def default_params() -> dict:
    """The default edition's parameters as a dict, to change and write elsewhere."""
    return yaml.safe_load(DEFAULT_PARAMS.read_text())


@pytest.fixture
def write_params(tmp_path):
    """Write a parameter dict to a YAML file in a temporary folder; returns its path."""

    def write(params: dict, name: str = "edition.yml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(params, sort_keys=False))
        return path

    return write


@pytest.fixture
def write_csv(tmp_path):
    """Write CSV text to a file in a temporary folder; returns its path."""

    def write(text: str, name: str = "table.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder``, by relative path: to prove nothing changed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Size in bytes and modification time in nanoseconds of every file below ``folder``, by
    relative path: to prove nothing was written there, not even the same bytes again (raw data is
    never written). A tenth of the time ``snapshot`` takes over data/raw (about 4 ms against
    40), which the bad-input corpus checks before and after each of its cases."""
    return {
        str(p.relative_to(folder)): (stat.st_size, stat.st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (stat := p.stat())
    }


@pytest.fixture(autouse=True)
def empty_design_caches():
    """Every test starts with empty analysis caches: ``trend_models`` caches
    the designs of a run of months, and mutation testing runs each mutant's tests in a process
    forked after a clean run, so a mutant in a design builder would otherwise meet cached designs."""
    from assess.analysis import trend_models

    trend_models.forget_designs()


class Built:
    """Editions built on demand into one output folder, each at most once per test run, in the
    project at ``root``."""

    def __init__(self, out: Path, root: Path = ROOT, say=lambda line: None) -> None:
        self.out, self.root, self.say = out, root, say
        self._sites: dict[Path, tuple[Path, bool]] = {}
        self.summaries: dict[Path, object] = {}
        """Each build's summary (``assess.build.pipeline.Summary``), by the parameter file built."""

    def every_edition(self) -> list[Path]:
        """The index page of every edition of the project's params/, all built (HTML only) by
        ``build_all``, as ``assess build --all`` builds them, once per test run; then the book's
        default edition is printed, as ``make book`` leaves it (early in the run: under ``make
        test`` the copies' half is still building beside it, where a later print had a core idle)."""
        from assess.build import build_all
        from assess.edition import default_params

        self.say(f"building every edition of {self.root / 'params'}, then printing the default one")
        started = time.monotonic()
        indexes = build_all(self.root / "params", self.out, self.root, log=lambda message: None, printed=False)
        for index in indexes:  # each published now without its PDF
            self._sites[self.root / "params" / f"{index.parent.name}.yml"] = (index.parent, False)
        self(self.root / default_params(self.root), printed=True)
        self.say(f"built {len(indexes)} editions and printed one in {time.monotonic() - started:.0f} s")
        return indexes

    def __call__(self, params: Path, printed: bool = False) -> Path:
        """The published folder of the edition ``params`` (built now if this run has not built it,
        or built it without the PDF that ``printed`` asks for)."""
        params = Path(params)
        if params not in self._sites or (printed and not self._sites[params][1]):
            from assess.build import build  # heavy: imported by the tests that build, not by every process

            index, summary = build(params, self.out, root=self.root, log=lambda message: None, printed=printed)
            self._sites[params], self.summaries[params] = (index.parent, printed), summary
        return self._sites[params][0]


EDITIONS = pytest.mark.editions
"""The mark of a module whose tests read this run's builds of the project's own editions (the
session fixtures ``built``, ``every_edition``, ``default_site``, ``book_site``, ``site``,
``swept``). ``make test`` runs the build and browser tests in two processes side by side, one a
core: ``-m editions``, where each edition is built once, and ``-m "not editions"``, the tests
that build copies of their own. A module left unmarked still passes, but its process builds the
editions again."""


@pytest.fixture(scope="session")
def built(request, tmp_path_factory) -> Built:
    """Build an edition once per test run: ``built(params_file)`` returns its published folder.
    The editions go in ASSESS_TEST_OUT when it is set (``make test`` sets the book's output folder,
    so its build of the default edition afterwards reuses this one's cache instead of running the
    notebooks again), else in a temporary folder. The long builds are announced on the terminal."""
    out = os.environ.get("ASSESS_TEST_OUT")
    say = functools.partial(_say, request.config)
    return Built(Path(out) if out else tmp_path_factory.mktemp("editions"), say=say)


def _say(config, line: str) -> None:
    """Write ``line`` on the terminal while a test or fixture runs (its output is captured)."""
    reporter, capture = (config.pluginmanager.get_plugin(n) for n in ("terminalreporter", "capturemanager"))
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(line)


@pytest.fixture(scope="session")
def default_site(built) -> Path:
    """The published folder of the edition the tests change copies of (``DEFAULT_PARAMS``)."""
    return built(DEFAULT_PARAMS)


@pytest.fixture(scope="session")
def book_site(built) -> Path:
    """The published folder of the book's default edition (``[tool.assess] default_params``)."""
    from assess.edition import default_params

    return built(ROOT / default_params(ROOT))


@pytest.fixture(scope="session")
def kernel_server():
    """One kernel server (``assess.build.kernels.KernelServer``) for the tests that run a chapter
    themselves (``execute_notebook``), as a build's chapters run: its socket path."""
    from assess.build.kernels import KernelServer

    with KernelServer() as path:
        yield path


@pytest.fixture
def forked_kernels(kernel_server, monkeypatch):
    """A test's chapters run in kernels forked from ``kernel_server``, which has imported the
    chapters' heavy modules once (a kernel started the ordinary way imports them again: about
    three seconds of CPU)."""
    from assess.build.kernels import SERVER_ENV

    monkeypatch.setenv(SERVER_ENV, kernel_server)


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, which ``make test`` installs; the browser tests use no other browser."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # No name but 127.0.0.1's resolves: a page's request for another host fails (and is reported)
    # instead of leaving the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
def every_edition(built) -> list[Path]:
    """The index page of every edition of params/, built together by ``build_all`` once per test
    run into ``built``'s output folder (an edition built there already is taken from its cache),
    the book's default edition with its PDF (``Built.every_edition``)."""
    return built.every_edition()


@pytest.fixture(scope="session")
def site(built, every_edition):
    """Every edition of params/, built once per test run (``every_edition``), served on 127.0.0.1
    from their one output folder: (output folder, edition names, base address)."""
    editions = [index.parent.name for index in every_edition]
    handler = functools.partial(_QuietHandler, directory=str(built.out))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield built.out, editions, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def swept(site):
    """Every page of every edition visited once in Debian's Chromium for every check the browser
    tests make of a page (``tests/page_sweep.py``): the problems found, one line each, and the
    screenshots written to ``_build/screenshots/<edition>/``."""
    from page_sweep import sweep

    out, editions, base = site
    pages = [(edition, name) for edition in editions for name in site_pages(out, edition)]
    return sweep(base, out, pages, ROOT / "_build" / "screenshots", chromium_or_fail(), CHROMIUM_ARGS)


def site_pages(out: Path, edition: str) -> list[str]:
    """Every page of an edition built in ``out``: the table of contents' files and the pages it
    takes in by glob (one per threat), as paths without suffix."""
    from assess.build.project import toc_files

    threats = sorted((out / edition / "sections" / "threats").glob("*.html"))
    return toc_files(ROOT / "_toc.yml") + [f"sections/threats/{p.stem}" for p in threats]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that navigates away drops its connections; that is not a test failure


def chromium_or_fail() -> Path:
    """Debian's Chromium, or the test fails saying how to install it."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright, for the test session."""
    chromium_or_fail()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def new_year(tmp_path_factory):
    """``new_year(params, wait_for_data=False)``: the edition ``params`` (a parameter file, or a
    dict of parameters) scaffolded by ``assess new-year`` a year on, from a params/ folder of its
    own, once per test run (scaffolding reads every dataset the chapters read): returns (this
    year's edition, what ``scaffold`` returned, the new file's text)."""
    from assess.build.newyear import scaffold
    from assess.edition import load_edition
    from new_year_steps import next_financial_year

    done: dict = {}

    def scaffolded(params, wait_for_data: bool = False):
        raw = params if isinstance(params, dict) else yaml.safe_load(Path(params).read_text())
        key = (yaml.safe_dump(raw, sort_keys=True), wait_for_data)
        if key not in done:
            source = tmp_path_factory.mktemp("new-year") / "params" / f"{raw['edition']}.yml"
            source.parent.mkdir()
            if isinstance(params, dict):
                source.write_text(yaml.safe_dump(raw, sort_keys=False))
            else:
                shutil.copy(params, source)
            edition = load_edition(source, ROOT)
            result = scaffold(source, next_financial_year(edition.assessment_year), ROOT, wait_for_data)
            done[key] = (edition, result, result.path.read_text())
        return done[key]

    return scaffolded


def checked_editions(paths: list[Path] | None = None, naming: tuple[str, ...] = ()) -> list[Path]:
    """The editions a per-edition test runs for: those of ``paths`` (every shipped edition when
    None) whose parameters name every dataset of ``naming`` (a new year's edition scaffolded with
    ``--wait-for-data`` names none of the files still to be supplied, and a register is optional);
    all of them under ``make test`` (ASSESS_TESTS=thorough), and under ``make check`` one, the
    widest (``DEFAULT_PARAMS``) when it is among them, else the first, so that the quick loop
    computes one edition's chapters and every edition is still checked by ``make test``."""
    paths = shipped_editions() if paths is None else list(paths)
    paths = [p for p in paths if names(p).issuperset(naming)]
    if THOROUGH or len(paths) < 2:
        return paths
    return [DEFAULT_PARAMS if DEFAULT_PARAMS in paths else paths[0]]


@functools.cache
def _shipped_reads(path: Path):
    from assess.edition import load_edition
    from assess.read.read_once import Reads

    return Reads(load_edition(path, ROOT))


def shipped_reads(path: Path):
    """A function of a dataset's name giving that dataset of the shipped edition ``path`` as its
    reader returns it, read at most once per test process (the build's ``Reads``) and handed out
    as a deep copy (so a test that changes it changes only its own copy): for ``Chapter(edition,
    declared, reads)`` and for tests that read what a chapter read. Only for the edition as
    ``path`` states it (not one changed by a test)."""
    import copy

    reads = _shipped_reads(Path(path))
    return lambda name: copy.deepcopy(reads(name))


@functools.cache
def _threat_files() -> list:
    from assess.read.threats import read_threats

    return read_threats(ROOT / "data" / "reference" / "threats")


def shipped_threats() -> list:
    """The shipped threat files (data/reference/threats) as ``read_threats`` reads them, read once
    per test process; each call returns a deep copy of its own, for tests that change them."""
    import copy

    return copy.deepcopy(_threat_files())
