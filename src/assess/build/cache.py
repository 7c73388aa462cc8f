"""What a chapter depends on, and a key that changes when any of it changes.

A chapter depends on its notebook, the ``assess`` package's code, the data catalogue, the
edition's identity (id, title, organisation, year, as-of date, forces, the month its registers
were last reviewed, and the forces registry), the parameter sections it declares, the period of
each dataset it reads, and the content of every file of the datasets it declares (with the
datasets their readers also read). Nothing is guessed from the notebook's text: the declaration
is its ``open_chapter`` call (``assess.build.declarations``). Jupyter Book's own execution cache
sees only the notebook, not its data files or parameters.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from ..chapters import Declaration
from ..edition import Edition
from ..read.catalogue import CATALOGUE, dataset_files, read_catalogue
from ..read.paths import shown_path
from ..read.registry import READERS

PACKAGE = Path(__file__).resolve().parents[1]
IDENTITY = (
    "edition",
    "title",
    "organisation",
    "assessment_year",
    "as_of",
    "forces",
    "look_back",
    "significance",
)
"""Parameters every chapter may read without declaring them."""


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def code_digest(notebook: Path) -> str:
    """SHA-256 over what running a notebook depends on in the notebook itself, as hex: its metadata
    and its code cells (id, source, metadata). Markdown cells are left out: prose never changes
    what the code computes, so an edit to prose alone needs no re-execution."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = [[c.get("id"), c["source"], c.get("metadata", {})] for c in nb["cells"] if c["cell_type"] == "code"]
    return hashlib.sha256(json.dumps([nb.get("metadata", {}), code], sort_keys=True).encode()).hexdigest()


def package_digest() -> str:
    """One SHA-256 over every source file of the ``assess`` package, in path order."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def datasets_read(declaration: Declaration, edition: Edition, optional: bool = True) -> list[str]:
    """The datasets a chapter reads: those it declares (with ``optional``, also its optional ones
    the edition names) and those their readers also read where the edition names them (a reader's
    ``needs`` are optional); sorted."""
    named = set(declaration.dataset_names(edition.data) if optional else declaration.dataset_names(()))
    for name in list(named):
        if name in READERS:
            named.update(n for n in READERS[name].needs if n in edition.data)
    return sorted(named)


def missing_datasets(declaration: Declaration, edition: Edition) -> list[str]:
    """Datasets the chapter declares that the edition's parameters do not provide."""
    return [name for name in declaration.dataset_names(edition.data) if name not in edition.data]


def input_files(edition: Edition, datasets: list[str]) -> list[Path]:
    """Every file behind ``datasets`` of the edition, sorted."""
    info = (edition.root / CATALOGUE).stat()
    catalogue = _catalogue(edition.root, info.st_mtime_ns, info.st_size)
    files = set()
    for name in datasets:
        files.update(dataset_files(edition.data[name], catalogue[name]))
    return sorted(files)


def chapter_key(
    notebook: Path, declaration: Declaration, edition: Edition, package: str | None = None, code_only: bool = False
) -> str:
    """The cache key of a chapter run for ``edition``: SHA-256 over everything it depends on.
    With ``code_only``, the notebook counts by its code alone (``code_digest``): the key of its
    computed outputs, which a change of prose leaves as they are."""
    datasets = datasets_read(declaration, edition)
    parts = {
        "notebook": code_digest(notebook) if code_only else file_digest(notebook),
        "package": package or package_digest(),
        "catalogue": file_digest(edition.root / CATALOGUE),
        "identity": {name: edition.raw.get(name) for name in IDENTITY},
        "periods": {name: str(edition.periods.get(name)) for name in ["assessment", *datasets]},
        "registry": file_digest(edition.data["forces"]),
        "parameters": {name: edition.raw.get(name) for name in declaration.parameters},  # a section may be left out
        "datasets": {name: shown_path(edition.data[name], edition.root) for name in datasets},
        "data": {_key_path(p, edition.root): file_digest(p) for p in input_files(edition, datasets)},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


@functools.lru_cache(maxsize=4)
def _catalogue(root: Path, mtime_ns: int, size: int) -> dict:
    """The data catalogue of ``root``, parsed once while its file keeps the same time stamp and size
    (every chapter's key needs it; parsing it is a tenth of a second). Callers only read it."""
    return read_catalogue(root)


def _key_path(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
