"""Build one edition of the book: parameters → notebooks (Papermill) → HTML (Jupyter Book) → publish.

The published site at ``<out>/html`` is replaced only when every step succeeded; a failed
build leaves the last good site in place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
import yaml

from .config import Edition, load_edition
from .errors import AssessError
from .figures import collect_figures, figures_json, figures_markdown

CELL_TIMEOUT_SECONDS = 600
GENERATED_PAGES = {"sections/figures"}
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


def execute_notebook(source: Path, target: Path, edition: Edition) -> Path:
    """Run the notebook ``source`` for ``edition`` into ``target``; returns ``target``.

    The kernel starts in the edition's project root. Papermill's injected-parameters cell is
    tagged ``remove-cell`` so readers do not see it. Raises BuildError naming the notebook and
    the cell.
    """
    parameters = {"params_file": str(edition.source), "project_root": str(edition.root)}
    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=parameters, kernel_name="python3",
            cwd=str(edition.root), execution_timeout=CELL_TIMEOUT_SECONDS,
            progress_bar=False, log_output=False, report_mode=False,
        )
    except papermill.PapermillExecutionError as err:
        shown = source.relative_to(edition.root) if source.is_relative_to(edition.root) else source
        raise BuildError(f"{shown}, cell {err.exec_count}: {err.ename}: {err.evalue}") from None
    nb = nbformat.read(str(target), as_version=4)
    for cell in nb.cells:
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    nbformat.write(nb, str(target))
    return target


def build(params_file: str | Path, out: str | Path, root: str | Path | None = None, log=print) -> Path:
    """Build the edition ``params_file`` describes and publish it at ``<out>/html``.

    Returns the path of the published ``index.html``. Raises AssessError (ConfigError,
    InputError from a notebook, BuildError) without touching the published site.
    """
    project = Project(Path(root or Path.cwd()).resolve())
    edition = load_edition(params_file, project.root)
    out = Path(out).resolve()
    started = time.monotonic()

    names = section_notebooks(project)
    shutil.rmtree(project.sections, ignore_errors=True)
    project.sections.mkdir(parents=True)
    figures = []
    for i, name in enumerate(names, 1):
        log(f"[{i}/{len(names)}] executing notebooks/{name}.ipynb")
        target = execute_notebook(project.notebooks / f"{name}.ipynb", project.sections / f"{name}.ipynb", edition)
        figures += collect_figures(target)
    (project.sections / "figures.md").write_text(figures_markdown(figures), encoding="utf-8")

    stage = out / f".stage-{edition.edition}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    config = stage / "_config.yml"
    config.write_text(_edition_config(project, edition), encoding="utf-8")
    log("building HTML with Jupyter Book")
    _jupyter_book(project, config, stage)
    html = stage / "_build" / "html"
    (html / "figures.json").write_text(figures_json(figures, edition.edition, edition.title), encoding="utf-8")

    published = _publish(html, out / "html")
    shutil.rmtree(stage, ignore_errors=True)
    log(f"built {len(names)} notebooks and the book in {time.monotonic() - started:.0f} s")
    return published / "index.html"


def _edition_config(project: Project, edition: Edition) -> str:
    config = yaml.safe_load(project.config.read_text(encoding="utf-8"))
    config["title"] = edition.title
    config["author"] = edition.organisation
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def _jupyter_book(project: Project, config: Path, stage: Path) -> None:
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(project.book),
               "--config", str(config), "--toc", str(project.toc), "--path-output", str(stage),
               "-W", "-n", "--keep-going", "--all", "-q"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root)
    if result.returncode != 0:
        problems = [line for line in (result.stderr + result.stdout).splitlines()
                    if "WARNING" in line or "ERROR" in line or "Error" in line]
        detail = problems[0] if problems else (result.stderr.strip().splitlines() or ["no output"])[-1]
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
