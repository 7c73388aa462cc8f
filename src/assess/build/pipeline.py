"""Build editions of the book: parameters → chapters (Papermill, in parallel, cached) → HTML
(Jupyter Book) → publish.

Each edition is published at ``<out>/<edition>/``, and ``<out>/index.html`` links every edition
published there. An edition's folder is replaced only when its whole build succeeded; a failed
build leaves the last good site in place. A chapter is re-executed only when its cache key
(``assess.build.cache``) changed; when no key changed, nor the book's pages, the site is left as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import read
from ..edition import Edition, load_edition
from ..errors import BuildError
from ..present.glue import collect_figures, section_title
from ..present.pages import figures_json, figures_markdown, placeholder_page, provenance_markdown
from . import cache
from .declarations import read_declaration
from .execute import run_chapters
from .landing import write_landing_page
from .lock import output_lock
from .project import Project, chapter_notebooks
from .provenance import git_state, provenance
from .site import edition_config, jupyter_book, publish


@dataclass
class Summary:
    """What a build did: chapters executed, reused from the cache, left as placeholders, failed."""

    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    site_rebuilt: bool = False
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"executed {len(self.executed)}, reused {len(self.reused)}, no data {len(self.placeholders)}, "
            f"failed {len(self.failed)}, site {'rebuilt' if self.site_rebuilt else 'unchanged'}, "
            f"{self.seconds:.1f} s"
        )


LOCK_WAIT_SECONDS = 900.0
"""How long a build waits for another build writing the same output folder."""


def build(
    params_file: str | Path,
    out: str | Path,
    root: str | Path | None = None,
    jobs: int | None = None,
    log=print,
    wait_seconds: float = LOCK_WAIT_SECONDS,
) -> tuple[Path, Summary]:
    """Build the edition ``params_file`` describes and publish it at ``<out>/<edition>/``.

    Holds the lock of ``out`` meanwhile (``assess.build.lock``: another build there is waited
    for up to ``wait_seconds``, with a line through ``log``), and removes the stage folders and
    half-written cache files however the build ends. Returns the published ``index.html`` and a
    Summary. Raises AssessError (ConfigError, InputError, BuildError, BuildLocked) without
    touching the published site.
    """
    out = Path(out).resolve()
    with output_lock(out, wait_seconds, log):
        try:
            return _build(params_file, out, root, jobs, log)
        finally:
            for leftover in [*out.glob(".stage-*"), *out.glob(".cache/*/*.tmp.ipynb")]:
                shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)


def _build(params_file: str | Path, out: Path, root: str | Path | None, jobs: int | None, log) -> tuple[Path, Summary]:
    """The build itself, under the output folder's lock (see ``build``)."""
    started = time.monotonic()
    project = Project(Path(root or Path.cwd()).resolve())
    edition = load_edition(params_file, project.root)
    out = Path(out).resolve()
    target = out / edition.edition
    cache_dir = out / ".cache" / edition.edition
    cache_dir.mkdir(parents=True, exist_ok=True)
    summary = Summary()

    names = chapter_notebooks(project)
    keys = _bring_chapters_up_to_date(project, edition, names, cache_dir, jobs or os.cpu_count() or 1, summary, log)

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
    block = provenance(edition)
    (project.sections / "figures.md").write_text(figures_markdown(figures), encoding="utf-8")
    (project.sections / "provenance.md").write_text(provenance_markdown(block), encoding="utf-8")

    stage = out / f".stage-{edition.edition}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    config = stage / "_config.yml"
    config.write_text(edition_config(project, edition), encoding="utf-8")
    log(f"building HTML for {edition.edition} with Jupyter Book")
    html_dir = jupyter_book(project, config, stage)
    (html_dir / "figures.json").write_text(
        figures_json(figures, edition.edition, edition.title, block), encoding="utf-8"
    )

    publish(html_dir, target)
    shutil.rmtree(stage, ignore_errors=True)
    key_file.write_text(site_key)
    write_landing_page(out)
    summary.site_rebuilt = True
    summary.seconds = time.monotonic() - started
    log(summary.line())
    return target / "index.html", summary


def build_all(
    params_dir: str | Path, out: str | Path, root: str | Path | None = None, jobs: int | None = None, log=print
) -> list[Path]:
    """Build every edition of ``params_dir`` (``*.yml``, in name order); returns their index pages.

    Every parameter file is validated before any edition is built.
    """
    root = Path(root or Path.cwd()).resolve()
    files = sorted(Path(params_dir).glob("*.yml"))
    if not files:
        raise BuildError(f"{params_dir}: expected one or more edition parameter files (*.yml)")
    for path in files:
        load_edition(path, root)
    return [build(path, out, root, jobs, log)[0] for path in files]


def _bring_chapters_up_to_date(
    project: Project, edition: Edition, names: list[str], cache_dir: Path, jobs: int, summary: Summary, log
) -> dict[str, str]:
    """Bring ``book/sections`` up to date for ``edition``: cached chapters are copied, changed
    ones executed ``jobs`` at a time after every input has been read by its reader, chapters
    without data replaced by a placeholder page. Returns each chapter's cache key (or a
    placeholder marker)."""
    shutil.rmtree(project.sections, ignore_errors=True)
    project.sections.mkdir(parents=True)
    package = cache.package_digest()
    keys, to_run = {}, []
    for name in names:
        source = project.notebooks / f"{name}.ipynb"
        declaration = read_declaration(source)
        missing = cache.missing_datasets(declaration, edition)
        if missing:
            title = section_title(nbformat.read(str(source), as_version=4)) or name
            (project.sections / f"{name}.md").write_text(placeholder_page(title, missing), encoding="utf-8")
            summary.placeholders.append(name)
            keys[name] = "no data: " + ",".join(missing)
            continue
        keys[name] = cache.chapter_key(source, declaration, edition, package)
        cached, key_file = cache_dir / f"{name}.ipynb", cache_dir / f"{name}.key"
        if cached.is_file() and key_file.is_file() and key_file.read_text() == keys[name]:
            shutil.copyfile(cached, project.sections / f"{name}.ipynb")
            summary.reused.append(name)
        else:
            to_run.append(name)
    if summary.reused:
        log(f"reused {len(summary.reused)} chapter(s) whose inputs did not change")
    if to_run:
        log(
            f"checked {len(read.check_inputs(edition))} datasets; "
            f"executing {len(to_run)} chapter(s), {min(jobs, len(to_run))} at a time"
        )
    jobs_list = [(name, project.notebooks / f"{name}.ipynb", cache_dir / f"{name}.tmp.ipynb") for name in to_run]
    done, failures = run_chapters(jobs_list, edition, project.sections, jobs, log)
    for name in done:
        os.replace(cache_dir / f"{name}.tmp.ipynb", cache_dir / f"{name}.ipynb")
        (cache_dir / f"{name}.key").write_text(keys[name])
        shutil.copyfile(cache_dir / f"{name}.ipynb", project.sections / f"{name}.ipynb")
    summary.executed = [n for n in names if n in done]
    if failures:
        summary.failed = [n for n in names if n in failures]
        log(summary.line())
        raise failures[summary.failed[0]]
    return keys


def _site_key(project: Project, edition: Edition, keys: dict[str, str]) -> str:
    """SHA-256 over everything the published pages depend on besides the build date."""
    digest = hashlib.sha256()
    for name in sorted(keys):
        digest.update(f"{name}={keys[name]}\n".encode())
    for path in sorted(p for p in project.book.rglob("*") if p.is_file() and project.sections not in p.parents):
        digest.update(path.relative_to(project.root).as_posix().encode())
        digest.update(path.read_bytes())
    for path in (project.config, project.toc, edition.source):
        digest.update(path.read_bytes())
    digest.update(cache.package_digest().encode())
    digest.update(json.dumps(git_state(project.root), sort_keys=True).encode())
    return digest.hexdigest()
