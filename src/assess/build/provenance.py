"""Where a build came from: the project's commit, the parameters, every input file with its
SHA-256 and row count, the software versions, and the build date."""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from ..edition import Edition
from ..read.catalogue import CATALOGUE, count_rows
from ..read.paths import shown_path
from .cache import file_digest, input_files

KEY_PACKAGES = (
    "assess",
    "jupyter-book",
    "myst-nb",
    "sphinx",
    "papermill",
    "pandas",
    "numpy",
    "scipy",
    "statsmodels",
    "seaborn",
    "matplotlib",
    "pymannkendall",
    "odfpy",
    "pyyaml",
)


def git_state(root: Path) -> dict:
    """``commit`` (hex, or "unknown" outside a git checkout) and ``dirty`` (uncommitted changes)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return {"commit": "unknown", "dirty": None}
    return {"commit": commit.stdout.strip(), "dirty": bool(status.stdout.strip())}


def provenance(edition: Edition, build_date: dt.date | None = None, known_rows: dict | None = None) -> dict:
    """The provenance block of an edition's build, with keys sorted for a stable layout.

    ``inputs`` lists every file of every dataset the edition names, plus the data catalogue:
    path from the project root, SHA-256 and data rows. ``known_rows`` (``"<path>@<sha256>"`` →
    rows), when given, is used for files counted before and receives the rows counted now.
    """
    known_rows = {} if known_rows is None else known_rows
    files = input_files(edition, sorted(edition.data)) + [edition.root / CATALOGUE]
    inputs = []
    for path in sorted(set(files)):
        shown, digest = shown_path(path, edition.root), file_digest(path)
        if f"{shown}@{digest}" not in known_rows:
            counted = path.suffix in (".csv", ".ods", ".yml") and path.name != "catalogue.yml"
            known_rows[f"{shown}@{digest}"] = count_rows(path) if counted else None
        inputs.append({"path": shown, "sha256": digest, "rows": known_rows[f"{shown}@{digest}"]})
    versions = {}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "project": git_state(edition.root),
        "parameters_file": shown_path(edition.source, edition.root),
        "parameters": edition.raw,
        "inputs": inputs,
        "python": platform.python_version(),
        "packages": versions,
        "build_date": (build_date or dt.date.today()).isoformat(),
    }
