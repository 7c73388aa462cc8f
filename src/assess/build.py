"""Build editions of the book: parameters → notebooks (Papermill, in parallel, cached) → HTML
(Jupyter Book) → publish.

Each edition is published at ``<out>/<edition>/``, and ``<out>/index.html`` links every edition
published there. An edition's folder is replaced only when its whole build succeeded; a failed
build leaves the last good site in place. A notebook is re-executed only when its cache key
(``assess.cache``) changed; when no key changed, nor the book's pages, the site is left as it is.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
import yaml

from . import cache
from .config import Edition, load_edition
from .errors import AssessError
from .figures import collect_figures, figures_json, figures_markdown, section_title
from .provenance import git_state, provenance, provenance_markdown
from .validate import validate_inputs

CELL_TIMEOUT_SECONDS = 600
GENERATED_PAGES = {"sections/figures", "sections/provenance"}
"""Pages of the table of contents that the build writes itself (not executed from notebooks/)."""


class BuildError(AssessError):
    """A step of the build failed; the message names the step, notebook and cell."""


@dataclass(frozen=True)
class Project:
    """Where the project's parts live, from its root folder."""

    root: Path

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def book(self) -> Path:
        return self.root / "book"

    @property
    def sections(self) -> Path:
        return self.book / "sections"

    @property
    def toc(self) -> Path:
        return self.root / "_toc.yml"

    @property
    def config(self) -> Path:
        return self.root / "_config.yml"


@dataclass
class Summary:
    """What a build did: notebooks executed, reused from the cache, left as placeholders, failed."""

    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    site_rebuilt: bool = False
    seconds: float = 0.0

    def line(self) -> str:
        return (f"executed {len(self.executed)}, reused {len(self.reused)}, no data {len(self.placeholders)}, "
                f"failed {len(self.failed)}, site {'rebuilt' if self.site_rebuilt else 'unchanged'}, "
                f"{self.seconds:.1f} s")


def toc_files(toc: Path) -> list[str]:
    """Every ``file`` entry of a Jupyter Book table of contents, in reading order (root first)."""
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    files = [data["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key, []):
                    walk(child)

    walk(data)
    return files


def section_notebooks(project: Project) -> list[str]:
    """Names (no suffix) of the section notebooks the table of contents lists, in reading order."""
    names = []
    for entry in toc_files(project.toc):
        if entry.startswith("sections/") and entry not in GENERATED_PAGES:
            name = entry.removeprefix("sections/")
            if not (project.notebooks / f"{name}.ipynb").is_file():
                raise BuildError(f"{project.toc}: entry '{entry}': expected notebooks/{name}.ipynb to exist")
            names.append(name)
    return names


def execute_notebook(source: Path, target: Path, edition: Edition, cwd: Path | None = None) -> Path:
    """Run the notebook ``source`` for ``edition`` into ``target``; returns ``target``.

    The kernel starts in ``cwd`` (default: ``target``'s folder), and the parameters give the
    project root relative to it, so the stored notebook re-runs where it is published
    (nbval). Papermill's injected-parameters cell is tagged ``remove-cell``; its timing
    metadata is dropped and its random cell id fixed, so that two runs store the same notebook. Raises BuildError naming
    the notebook and the cell.
    """
    cwd = Path(cwd or target.parent)
    params_file = (os.path.relpath(edition.source, edition.root) if edition.source.is_relative_to(edition.root)
                   else str(edition.source))
    parameters = {"params_file": params_file, "project_root": os.path.relpath(edition.root, cwd)}
    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=parameters, kernel_name="python3", cwd=str(cwd),
            execution_timeout=CELL_TIMEOUT_SECONDS, progress_bar=False, log_output=False, report_mode=False,
        )
    except papermill.PapermillExecutionError as err:
        shown = source.relative_to(edition.root) if source.is_relative_to(edition.root) else source
        raise BuildError(f"{shown}, cell {err.exec_count}: {err.ename}: {err.evalue}") from None
    nb = nbformat.read(str(target), as_version=4)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"  # Papermill gives it a random id
            if "remove-cell" not in tags:
                tags.append("remove-cell")
    nbformat.write(nb, str(target))
    return target


def placeholder_page(notebook: Path, missing: list[str]) -> str:
    """The page shown instead of a section whose datasets the edition does not provide."""
    title = section_title(nbformat.read(str(notebook), as_version=4)) or notebook.stem
    return (f"# {title}\n\nThis edition has no data for this section: its parameter file does not name "
            f"the dataset(s) it needs ({', '.join(missing)}). Add them under `data:` and rebuild.\n")


def build(params_file: str | Path, out: str | Path, root: str | Path | None = None, jobs: int | None = None,
          log=print) -> tuple[Path, Summary]:
    """Build the edition ``params_file`` describes and publish it at ``<out>/<edition>/``.

    Returns the published ``index.html`` and a Summary. Raises AssessError (ConfigError,
    InputError from a notebook, BuildError) without touching the published site.
    """
    started = time.monotonic()
    project = Project(Path(root or Path.cwd()).resolve())
    edition = load_edition(params_file, project.root)
    out = Path(out).resolve()
    target = out / edition.edition
    cache_dir = out / ".cache" / edition.edition
    cache_dir.mkdir(parents=True, exist_ok=True)
    summary = Summary()

    names = section_notebooks(project)
    keys = _execute_all(project, edition, names, cache_dir, jobs or os.cpu_count() or 1, summary, log)

    site_key = _site_key(project, edition, keys)
    key_file = cache_dir / "site.key"
    if (target / "index.html").is_file() and key_file.is_file() and key_file.read_text() == site_key:
        summary.seconds = time.monotonic() - started
        log(f"nothing changed for {edition.edition}: the published site is current")
        log(summary.line())
        _write_landing_page(out)
        return target / "index.html", summary

    figures = [f for name in names if name not in summary.placeholders
               for f in collect_figures(project.sections / f"{name}.ipynb")]
    block = provenance(edition)
    (project.sections / "figures.md").write_text(figures_markdown(figures), encoding="utf-8")
    (project.sections / "provenance.md").write_text(provenance_markdown(block), encoding="utf-8")

    stage = out / f".stage-{edition.edition}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    config = stage / "_config.yml"
    config.write_text(_edition_config(project, edition), encoding="utf-8")
    log(f"building HTML for {edition.edition} with Jupyter Book")
    _jupyter_book(project, config, stage)
    html_dir = stage / "_build" / "html"
    (html_dir / ".buildinfo").unlink(missing_ok=True)  # Sphinx's own rebuild record, not for readers
    (html_dir / "figures.json").write_text(
        figures_json(figures, edition.edition, edition.title, block), encoding="utf-8")

    _publish(html_dir, target)
    shutil.rmtree(stage, ignore_errors=True)
    key_file.write_text(site_key)
    _write_landing_page(out)
    summary.site_rebuilt = True
    summary.seconds = time.monotonic() - started
    log(summary.line())
    return target / "index.html", summary


def build_all(params_dir: str | Path, out: str | Path, root: str | Path | None = None, jobs: int | None = None,
              log=print) -> list[Path]:
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


def _execute_all(project: Project, edition: Edition, names: list[str], cache_dir: Path, jobs: int,
                 summary: Summary, log) -> dict[str, str]:
    """Bring ``book/sections`` up to date for ``edition``: cached notebooks are copied, changed
    ones executed ``jobs`` at a time after every input has been checked by its loader, sections
    without data replaced by a placeholder page.
    Returns each notebook's cache key (or a placeholder marker)."""
    shutil.rmtree(project.sections, ignore_errors=True)
    project.sections.mkdir(parents=True)
    package = cache.package_digest()
    keys, to_run = {}, []
    for name in names:
        source = project.notebooks / f"{name}.ipynb"
        missing = cache.missing_datasets(source, edition)
        if missing:
            (project.sections / f"{name}.md").write_text(placeholder_page(source, missing), encoding="utf-8")
            summary.placeholders.append(name)
            keys[name] = "no data: " + ",".join(missing)
            continue
        keys[name] = cache.notebook_key(source, edition, package)
        cached = cache_dir / f"{name}.ipynb"
        if cached.is_file() and (cache_dir / f"{name}.key").is_file() and (cache_dir / f"{name}.key").read_text() == keys[name]:
            shutil.copyfile(cached, project.sections / f"{name}.ipynb")
            summary.reused.append(name)
        else:
            to_run.append(name)
    if summary.reused:
        log(f"reused {len(summary.reused)} notebook(s) whose inputs did not change")
    if to_run:
        log(f"checked {len(validate_inputs(edition))} datasets; "
            f"executing {len(to_run)} notebook(s), {min(jobs, len(to_run))} at a time")
    # Papermill changes the working directory of the process it runs in, so each notebook runs
    # in a worker process of its own, never in a thread beside another.
    failures = {}
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(to_run) or 1)),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_run_cached, project, edition, name, cache_dir, keys[name]): name for name in to_run}
        for count, future in enumerate(as_completed(futures), 1):
            name = futures[future]
            if future.cancelled():
                continue
            try:
                seconds = future.result()
            except AssessError as err:
                failures[name] = err
                for other in futures:
                    other.cancel()
                log(f"[{count}/{len(to_run)}] FAILED notebooks/{name}.ipynb")
                continue
            shutil.copyfile(cache_dir / f"{name}.ipynb", project.sections / f"{name}.ipynb")
            summary.executed.append(name)
            log(f"[{count}/{len(to_run)}] done notebooks/{name}.ipynb in {seconds:.1f} s ({len(to_run) - count} left)")
    if failures:
        summary.failed = [n for n in names if n in failures]
        log(summary.line())
        raise failures[summary.failed[0]]
    summary.executed.sort(key=names.index)
    return keys


def _run_cached(project: Project, edition: Edition, name: str, cache_dir: Path, key: str) -> float:
    """Execute one notebook into the cache (worker process); returns the seconds it took."""
    began = time.monotonic()
    print(f"    executing notebooks/{name}.ipynb", flush=True)
    executed = execute_notebook(project.notebooks / f"{name}.ipynb", cache_dir / f"{name}.tmp.ipynb",
                                edition, cwd=project.sections)
    os.replace(executed, cache_dir / f"{name}.ipynb")
    (cache_dir / f"{name}.key").write_text(key)
    return time.monotonic() - began


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


def _edition_config(project: Project, edition: Edition) -> str:
    config = yaml.safe_load(project.config.read_text(encoding="utf-8"))
    config["title"] = edition.title
    config["author"] = edition.organisation
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def _jupyter_book(project: Project, config: Path, stage: Path) -> None:
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(project.book),
               "--config", str(config), "--toc", str(project.toc), "--path-output", str(stage),
               "-W", "-n", "--keep-going", "--all", "-q"]
    environment = dict(os.environ, SOURCE_DATE_EPOCH="0")
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root, env=environment)
    if result.returncode != 0:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stderr + result.stdout)  # drop terminal colours
        problems = [line for line in plain.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line]
        detail = problems[0] if problems else (plain.strip().splitlines() or ["no output"])[-1]
        raise BuildError(f"jupyter-book build failed ({len(problems)} problems); first: {detail}")


def _publish(new: Path, target: Path) -> Path:
    """Move the freshly built site ``new`` into place at ``target``, replacing the old one.

    The old site is renamed aside first and removed only once the new one is in place, so a
    reader never finds ``target`` half-written.
    """
    previous = target.with_name(target.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        os.replace(target, previous)
    os.replace(new, target)
    shutil.rmtree(previous, ignore_errors=True)
    return target


def _write_landing_page(out: Path) -> Path:
    """``<out>/index.html``: a plain page linking every edition published in ``out``."""
    editions = []
    for register in sorted(out.glob("*/figures.json")):
        data = json.loads(register.read_text(encoding="utf-8"))
        editions.append((register.parent.name, data["title"]))
    items = "\n".join(f'    <li><a href="{html.escape(folder)}/index.html">{html.escape(title)}</a> '
                      f"<span>({html.escape(folder)})</span></li>" for folder, title in editions)
    page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n"
            "  <title>Strategic Assessment: editions</title>\n"
            "  <style>body{font-family:sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5}</style>\n"
            "</head>\n<body>\n  <h1>Strategic Assessment: editions</h1>\n"
            "  <p>Each edition is built from the same chapters with its own parameters and data.</p>\n"
            f"  <ul>\n{items}\n  </ul>\n</body>\n</html>\n")
    landing = out / "index.html"
    temporary = out / ".index.html.tmp"
    temporary.write_text(page, encoding="utf-8")
    os.replace(temporary, landing)
    return landing
