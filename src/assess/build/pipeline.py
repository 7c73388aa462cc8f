"""Build editions of the book: parameters → chapters (Papermill, in parallel, cached) → HTML
(Jupyter Book, incremental) → publish.

Each edition is published at ``<out>/<edition>/``, and ``<out>/index.html`` links every edition
published there. An edition's folder is replaced only when its whole build succeeded; a failed
build leaves the last good site in place. A chapter is re-executed only when its code or what it
reads changed (``assess.build.cache``); when only its prose changed, the new Markdown is put
beside the outputs of its last run. Chapter files in ``book/sections`` are written only when their
content changed, so they keep their time stamps, and Sphinx, which keeps its environment in
``<out>/.cache/<edition>/sphinx`` between builds, re-renders only the pages that changed. When
nothing changed at all the site is left as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import nbformat

from .. import findings
from ..edition import Edition, load_edition
from ..errors import BuildError
from ..findings import CrimeDirections
from ..present.glue import collect_figures, section_title
from ..present.pages import (
    figures_json,
    figures_markdown,
    placeholder_page,
    provenance_markdown,
    waiting_for,
)
from ..present.wording import join_words
from ..read.catalogue import read_catalogue
from ..read.dating import PeriodNotCovered
from ..read.paths import shown_path
from ..read.period_cut import cut_dataset
from ..read.read_once import BETWEEN_BUILDS, Reads
from ..read.registry import READERS
from . import cache
from .changes import previous_register
from .declarations import read_declaration
from .execute import reword, run_chapters, start_workers
from .generated import REGISTERS, THREATS_CHAPTER, chapter_note, write_generated_pages
from .kernels import KernelServer
from .landing import write_landing_page
from .lock import output_lock
from .pdf import write_pdf
from .project import GENERATED_PAGES, Project, chapter_notebooks
from .provenance import git_state, provenance
from .site import copy_for_readers, edition_config, edition_toc, jupyter_book, publish


@dataclass
class Summary:
    """What a build did: chapters executed, reused from the cache, left as placeholders, failed."""

    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    reworded: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    site_rebuilt: bool = False
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"executed {len(self.executed)}, prose only {len(self.reworded)}, reused {len(self.reused)}, "
            f"no data {len(self.placeholders)}, "
            f"failed {len(self.failed)}, site {'rebuilt' if self.site_rebuilt else 'unchanged'}, "
            f"{self.seconds:.1f} s"
        )


RENDERING_PACKAGES = ("sphinx", "jupyter-book", "myst-nb", "myst-parser", "sphinx-book-theme", "pydata-sphinx-theme")
"""Packages whose upgrade changes every rendered page: the Sphinx stage starts afresh after one."""

TIMINGS = "chapter-seconds.json"
"""File (in ``<out>/.cache``) keeping how long each chapter took when last executed, so that the
next build starts the longest ones first; it changes only the order chapters start in."""

LOCK_WAIT_SECONDS = 900.0
"""How long a build waits for another build writing the same output folder."""


def build(
    params_file: str | Path,
    out: str | Path,
    root: str | Path | None = None,
    jobs: int | None = None,
    log=print,
    verbose: bool = False,
    wait_seconds: float = LOCK_WAIT_SECONDS,
    printed: bool = True,
) -> tuple[Path, Summary]:
    """Build the edition ``params_file`` describes and publish it at ``<out>/<edition>/``.

    Logs one line per step and per chapter executed, and the Summary line at the end; with
    ``verbose``, also what was decided for each chapter and Jupyter Book's own output.

    Holds the lock of ``out`` meanwhile (``assess.build.lock``: another build there is waited
    for up to ``wait_seconds``, with a line through ``log``), and removes the stage and publishing
    folders and half-written cache files however the build ends. With ``printed`` (as ``assess
    build``), the edition's PDF is made too (``assess.build.pdf``); ``make preview`` leaves it out,
    for speed.
    Returns the published ``index.html`` and a
    Summary. Raises AssessError (ConfigError, InputError, BuildError, BuildLocked) without
    touching the published site.
    """
    out = Path(out).resolve()
    with output_lock(out, wait_seconds, log):
        try:
            return _build(params_file, out, root, jobs, log, verbose, printed)
        finally:
            for leftover in [*out.glob(".stage-*"), *out.glob(".publish-*"), *out.glob(".cache/*/*.tmp.ipynb")]:
                shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)


def _build(
    params_file: str | Path, out: Path, root: str | Path | None, jobs: int | None, log, verbose: bool, printed: bool
) -> tuple[Path, Summary]:
    """The build itself, under the output folder's lock (see ``build``)."""
    started = time.monotonic()
    project = Project(Path(root or Path.cwd()).resolve())
    edition = load_edition(params_file, project.root)
    out = Path(out).resolve()
    previous = previous_register(edition, out, lambda params: _build(params, out, root, jobs, log, verbose, printed))
    target = out / edition.edition
    cache_dir = out / ".cache" / edition.edition
    cache_dir.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    detail = log if verbose else (lambda message: None)

    names = chapter_notebooks(project)
    reading = Reads(edition, BETWEEN_BUILDS)
    with ThreadPoolExecutor(max_workers=1) as background:
        # While chapters run, the provenance block (every input file's rows counted) is made meanwhile.
        early = []
        keys = _bring_chapters_up_to_date(
            project,
            edition,
            names,
            cache_dir,
            jobs or os.cpu_count() or 1,
            summary,
            log,
            detail,
            lambda: early.append(background.submit(_provenance, edition, cache_dir / "rows.json")),
            reading,
        )

    _refuse_lost_findings(project, edition, summary, previous)
    keys["(previous edition)"] = json.dumps(previous["figures"], sort_keys=True) if previous else ""
    keys["(printed)"] = str(printed)
    site_key = _site_key(project, edition, keys)
    key_file = cache_dir / "site.key"
    if (target / "index.html").is_file() and key_file.is_file() and key_file.read_text() == site_key:
        summary.seconds = time.monotonic() - started
        log(f"nothing changed for {edition.edition}: the published site is current")
        log(summary.line())
        write_landing_page(out)
        return target / "index.html", summary

    figures = [
        f
        for name in names
        if name not in summary.placeholders
        for f in collect_figures(project.sections / f"{name}.ipynb")
    ]
    block = early[0].result() if early else _provenance(edition, cache_dir / "rows.json")
    _write_if_changed(project.sections / "figures.md", figures_markdown(figures).encode())
    _write_if_changed(project.sections / "provenance.md", provenance_markdown(block).encode())
    write_generated_pages(project, edition, figures, previous, summary.placeholders, reading)

    log(f"building HTML for {edition.edition} with Jupyter Book")
    config_text = edition_config(project, edition)
    html_dir = _render(project, config_text, cache_dir, detail if verbose else None)
    fresh = copy_for_readers(html_dir, out / f".publish-{edition.edition}")
    (fresh / "figures.json").write_text(figures_json(figures, edition.edition, edition.title, block), encoding="utf-8")
    if printed:
        write_pdf(fresh, edition, log)
    publish(fresh, target)
    key_file.write_text(site_key)
    write_landing_page(out)
    summary.site_rebuilt = True
    summary.seconds = time.monotonic() - started
    log(summary.line())
    return target / "index.html", summary


def _refuse_lost_findings(project: Project, edition: Edition, summary: Summary, previous: dict | None) -> None:
    """Stop the build (BuildError, one line) when a chapter that gave findings in the previous
    edition would publish a page waiting for its data, unless the edition's ``wait_for_data``
    lists it: a new year's file left out must not pass unseen as a waiting page."""
    if previous is None:
        return
    sections = {figure.get("section") for figure in previous["figures"]}
    lost = [
        name
        for name in summary.placeholders
        if name not in edition.wait_for_data
        and section_title(nbformat.read(str(project.notebooks / f"{name}.ipynb"), as_version=4)) in sections
    ]
    if lost:
        summary.failed = lost
        raise BuildError(
            f"{shown_path(edition.source, project.root)}: {join_words(lost)} gave findings in "
            f"{previous.get('edition', 'the previous edition')} but would wait for data here: supply the datasets "
            "their pages name (uncomment their lines under data:), or list them under wait_for_data"
        )


def _provenance(edition: Edition, memo: Path) -> dict:
    """The edition's provenance block; the data rows of each input file are counted once per
    content (SHA-256) and remembered in ``memo``, since counting them means reading every file."""
    known = json.loads(memo.read_text()) if memo.is_file() else {}
    block = provenance(edition, known_rows=known)
    memo.write_text(json.dumps(known, sort_keys=True))
    return block


def _render(project: Project, config_text: str, cache_dir: Path, log) -> Path:
    """Render ``book/`` to HTML in the edition's persistent Sphinx stage; returns its HTML folder.

    The stage is reused only when its last build succeeded with the same configuration, table of
    contents and versions of the rendering packages (its ``sphinx.ok`` record says so); otherwise it
    is emptied first, so a failed or killed build never leaves Sphinx believing a page is up to date
    when it is not.
    """
    stage, record = cache_dir / "sphinx", cache_dir / "sphinx.ok"
    versions = " ".join(f"{name}={metadata.version(name)}" for name in RENDERING_PACKAGES)
    toc_text = edition_toc(project)
    fingerprint = hashlib.sha256(config_text.encode() + toc_text.encode() + versions.encode()).hexdigest()
    if not (record.is_file() and record.read_text() == fingerprint):
        shutil.rmtree(stage, ignore_errors=True)
    record.unlink(missing_ok=True)
    stage.mkdir(parents=True, exist_ok=True)
    _write_if_changed(stage / "_config.yml", config_text.encode())
    _write_if_changed(stage / "_toc.yml", toc_text.encode())
    try:
        html_dir = jupyter_book(project, stage / "_config.yml", stage / "_toc.yml", stage, log)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    record.write_text(fingerprint)
    return html_dir


def build_all(
    params_dir: str | Path,
    out: str | Path,
    root: str | Path | None = None,
    jobs: int | None = None,
    log=print,
    verbose: bool = False,
    printed: bool = True,
) -> list[Path]:
    """Build every edition of ``params_dir`` (``*.yml``, in name order); returns their index pages.

    Every parameter file is validated before any edition is built. With ``printed`` (as
    ``assess build --all``), each edition's PDF is printed too.
    """
    root = Path(root or Path.cwd()).resolve()
    files = sorted(Path(params_dir).glob("*.yml"))
    if not files:
        raise BuildError(f"{params_dir}: expected one or more edition parameter files (*.yml)")
    for path in files:
        load_edition(path, root)
    return [build(path, out, root, jobs, log, verbose, printed=printed)[0] for path in files]


def _bring_chapters_up_to_date(
    project: Project,
    edition: Edition,
    names: list[str],
    cache_dir: Path,
    jobs: int,
    summary: Summary,
    log,
    detail,
    running=lambda: None,
    reading: Reads | None = None,
) -> dict[str, str]:
    """Bring ``book/sections`` up to date for ``edition``: cached chapters are reused, chapters
    whose prose alone changed get their new Markdown beside their cached outputs, changed ones
    are executed ``jobs`` at a time after every input has been read by its reader, chapters
    without data become a placeholder page. Only chapter files whose content changed are
    written. Returns each chapter's cache key (or a placeholder marker).

    As soon as it is known that some chapter's code or data changed, the kernel server and the
    chapter workers start (``assess.build.kernels``, ``execute.start_workers``), importing what
    the chapters need while this process checks the inputs. Each dataset is read once, for both
    checks (period covered, file well formed), and what was read is handed to the kernel server,
    so the chapters do not read it again; so are the findings computed from them
    (``crime_findings``). The chapters are started longest first (``_longest_first``); ``running``
    is called as they start. ``reading``: the build's ``Reads`` (a new one when None)."""
    project.sections.mkdir(parents=True, exist_ok=True)
    package = cache.package_digest()
    keys, code_keys, pages, to_run = {}, {}, {}, []
    catalogue, notes = read_catalogue(project.root), {}
    declarations, stale = {}, []
    for name in names:
        source = project.notebooks / f"{name}.ipynb"
        declaration = declarations[name] = read_declaration(source)
        notes[name] = chapter_note(catalogue, declaration, edition)
        absent = cache.missing_datasets(declaration, edition)
        keys[name] = "" if absent else cache.chapter_key(source, declaration, edition, package)
        cached, key_file = cache_dir / f"{name}.ipynb", cache_dir / f"{name}.key"
        if not absent and cached.is_file() and key_file.is_file() and key_file.read_text() == keys[name]:
            summary.reused.append(name)
            detail(f"  {name}: reused (nothing it depends on changed)")
            continue
        stale.append(name)
        if not absent:
            code_keys[name] = cache.chapter_key(source, declaration, edition, package, code_only=True)
    will_run = [n for n in code_keys if _stored(cache_dir / f"{n}.code") != code_keys[n]]
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(start_workers(min(jobs, len(will_run)))) if will_run else None  # before the server
        kernels = KernelServer(datasets=True) if will_run else None
        server = stack.enter_context(kernels) if kernels else None
        reading = reading or Reads(edition)
        for name in stale:
            source, declaration = project.notebooks / f"{name}.ipynb", declarations[name]
            missing = [
                (
                    m,
                    waiting_for(
                        catalogue.get(m, {}).get("title", m), edition.periods.get(m), None, edition.last_month, False
                    ),
                )
                for m in cache.missing_datasets(declaration, edition)
            ]
            if not missing and declaration.datasets != "all":
                # An optional dataset that does not cover its period is the chapter's to leave out.
                short = _uncovered(edition, cache.datasets_read(declaration, edition, optional=False), reading)
                if short and name not in edition.wait_for_data:
                    raise short[0]
                missing = [
                    (p.dataset, waiting_for(catalogue[p.dataset]["title"], p.asked, p.found, edition.last_month))
                    for p in short
                ]
            if missing:
                title = section_title(nbformat.read(str(source), as_version=4)) or name
                follow = name == THREATS_CHAPTER
                pages[f"{name}.md"] = placeholder_page(title, [words for _, words in missing], follow).encode()
                summary.placeholders.append(name)
                keys[name] = "no data: " + "; ".join(words for _, words in missing)
                detail(f"  {name}: no data ({'; '.join(f'{dataset}: {words}' for dataset, words in missing)})")
                continue
            cached = cache_dir / f"{name}.ipynb"
            if cached.is_file() and _stored(cache_dir / f"{name}.code") == code_keys[name]:
                reword(source, cached, cache_dir / f"{name}.tmp.ipynb", edition.forces)
                _keep(cache_dir, name, keys[name], code_keys[name])
                summary.reworded.append(name)
                log(f"  {name}: prose changed, outputs reused")
            else:
                to_run.append(name)
        if summary.reused:
            log(f"reused {len(summary.reused)} chapter(s) whose inputs did not change")
        if to_run:
            for dataset in edition.data:
                reading(dataset)
            crime_findings(edition, reading)
            if kernels:
                kernels.hand_over(reading)
            log(
                f"checked {len(edition.data)} datasets; "
                f"executing {len(to_run)} chapter(s), {min(jobs, len(to_run))} at a time"
            )
            running()
        timings = cache_dir.parent / TIMINGS
        order = _longest_first(to_run, _stored_seconds(timings), edition, declarations)
        jobs_list = [(name, project.notebooks / f"{name}.ipynb", cache_dir / f"{name}.tmp.ipynb") for name in order]
        done, failures = run_chapters(jobs_list, edition, project.sections, jobs, log, server, pool)
        if done:
            timings.write_text(json.dumps({**_stored_seconds(timings), **done}, sort_keys=True, indent=1))
    for name in done:
        _keep(cache_dir, name, keys[name], code_keys[name])
    summary.executed = [n for n in names if n in done]
    if failures:  # the chapters cancelled after it have no run to show: stop on the chapter's own error
        summary.failed = [n for n in names if n in failures]
        log(summary.line())
        raise failures[summary.failed[0]]
    for name in names:
        if name not in summary.placeholders:
            pages[f"{name}.ipynb"] = _with_note((cache_dir / f"{name}.ipynb").read_bytes(), notes[name])
    _sync_sections(project, pages)
    return keys


def _with_note(notebook: bytes, note: str) -> bytes:
    """An executed chapter with ``note`` (MyST Markdown) as a cell after its opening prose (before
    its first code cell or next heading); as it is when ``note`` is empty."""
    if not note:
        return notebook
    nb = nbformat.reads(notebook.decode("utf-8"), as_version=4)
    cell = nbformat.v4.new_markdown_cell(note)
    cell["id"] = "later-sources"
    opening = (i for i, c in enumerate(nb.cells) if i and (c.cell_type != "markdown" or c.source.startswith("#")))
    nb.cells.insert(next(opening, len(nb.cells)), cell)
    return nbformat.writes(nb).encode("utf-8")


def _stored_seconds(path: Path) -> dict[str, float]:
    """The seconds each chapter took when last executed (any edition), as ``path`` keeps them;
    empty when there is no such file or it is not readable."""
    try:
        seconds = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in seconds.items() if isinstance(v, (int, float))} if isinstance(seconds, dict) else {}


def _longest_first(names: list[str], seconds: dict[str, float], edition: Edition, declarations: dict) -> list[str]:
    """``names`` in the order to start them so that the run ends soonest: longest first (the
    longest-processing-time rule), by the seconds each took last time when all are known, else by
    a guess: the chapters that read every dataset first, then by the bytes of data each reads."""
    if all(name in seconds for name in names):
        return sorted(names, key=lambda name: -seconds[name])

    def guess(name: str) -> tuple[bool, int]:
        files = cache.input_files(edition, cache.datasets_read(declarations[name], edition))
        return declarations[name].datasets != "all", -sum(path.stat().st_size for path in files)

    return sorted(names, key=guess)


def crime_findings(edition: Edition, reading: Reads) -> CrimeDirections | None:
    """The edition's crime findings (``assess.findings``), computed once through ``reading`` and
    held there for the kernels; None when the edition lacks their datasets or they do not cover
    their period (the chapters stating them then wait for their data)."""
    if not all(name in edition.data for name in findings.DATASETS) or _uncovered(
        edition, list(findings.DATASETS), reading
    ):
        return None
    chapter = findings.findings_chapter(edition, reading)
    return reading.derive(
        findings.CRIME_DIRECTIONS, findings.DATASETS, lambda: findings.compute_crime_directions(chapter)
    )


def _uncovered(edition: Edition, names: list[str], reading) -> list[PeriodNotCovered]:
    """For each of the dated datasets ``names`` that does not cover its period, why not (as
    ``assess.read.period_cut.uncovered``, reading through ``reading``)."""
    problems = []
    for name in names:
        if READERS[name].dated is None or name not in edition.periods:
            continue
        kept = cut_dataset(edition, name, reading(name))
        if not kept.covered:
            problems.append(PeriodNotCovered(name, edition.periods[name], kept.holds, kept.missing))
    return problems


def _keep(cache_dir: Path, name: str, key: str, code_key: str) -> None:
    """Make the chapter's fresh run (``<name>.tmp.ipynb``) its cached run, with both its keys."""
    os.replace(cache_dir / f"{name}.tmp.ipynb", cache_dir / f"{name}.ipynb")
    (cache_dir / f"{name}.key").write_text(key)
    (cache_dir / f"{name}.code").write_text(code_key)


def _stored(path: Path) -> str | None:
    """The text of a stored key, or None when there is none."""
    return path.read_text() if path.is_file() else None


def _sync_sections(project: Project, pages: dict[str, bytes]) -> None:
    """Make ``book/sections`` hold ``pages`` (file name → content) besides the pages the build
    writes later (figures, provenance, ``generated``): write only the files whose content
    changed, remove every other file."""
    keep = set(pages) | {page.removeprefix("sections/") + ".md" for page in GENERATED_PAGES} | {THREATS_CHAPTER}
    for path in project.sections.iterdir():
        if path.name not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for name, content in pages.items():
        _write_if_changed(project.sections / name, content)


def _write_if_changed(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` unless it already holds exactly that (its time stamp, which
    tells Sphinx whether to re-read it, then stays)."""
    if not (path.is_file() and path.read_bytes() == content):
        path.write_bytes(content)


def _site_key(project: Project, edition: Edition, keys: dict[str, str]) -> str:
    """SHA-256 over everything the published pages depend on besides the build date: the chapters'
    keys, the hand-written pages, the book's settings, the parameter file, the registers the build
    writes pages from (``generated.REGISTERS``), the ``assess`` package and the git state."""
    digest = hashlib.sha256()
    for name in sorted(keys):
        digest.update(f"{name}={keys[name]}\n".encode())
    for path in sorted(p for p in project.book.rglob("*") if p.is_file() and project.sections not in p.parents):
        digest.update(path.relative_to(project.root).as_posix().encode())
        digest.update(path.read_bytes())
    for path in (project.config, project.toc, edition.source):
        digest.update(path.read_bytes())
    for path in cache.input_files(edition, [name for name in REGISTERS if name in edition.data]):
        digest.update(f"{os.path.relpath(path, project.root)}={cache.file_digest(path)}\n".encode())
    digest.update(cache.package_digest().encode())
    digest.update(json.dumps(git_state(project.root), sort_keys=True).encode())
    return digest.hexdigest()
