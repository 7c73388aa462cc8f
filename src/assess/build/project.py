"""Where a project's parts live, and the chapters its table of contents lists."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..read.yamlfile import read_yaml

SOURCE_PARTS = ("_config.yml", "_toc.yml", "pyproject.toml", "params", "data", "book", "notebooks")
"""What a project is made of before it is built: settings, editions, data, book pages and notebooks."""
GENERATED_PAGES = {
    "sections/figures",
    "sections/provenance",
    "sections/summary",
    "sections/recommendations",
    "sections/glossary",
    "sections/changes",
}
"""Pages of the table of contents that the build writes itself (not executed from notebooks/)."""


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
    data = read_yaml(toc, what="the table of contents")
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


def chapter_notebooks(project: Project) -> list[str]:
    """Names (no suffix) of the chapter notebooks the table of contents lists, in reading order."""
    names = []
    for entry in toc_files(project.toc):
        if entry.startswith("sections/") and entry not in GENERATED_PAGES:
            name = entry.removeprefix("sections/")
            if not (project.notebooks / f"{name}.ipynb").is_file():
                raise BuildError(f"{project.toc.name}: entry '{entry}': expected notebooks/{name}.ipynb to exist")
            names.append(name)
    return names


def copy_project(root: str | Path, target: str | Path) -> Path:
    """Copy the ``SOURCE_PARTS`` of the project at ``root`` into ``target`` (made if missing),
    leaving out built chapter pages, so that a test or benchmark can change the copy; returns ``target``."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for part in SOURCE_PARTS:
        source = Path(root) / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("sections"))
        else:
            shutil.copy(source, target / part)
    return target
