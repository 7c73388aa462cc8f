"""Turn the executed chapters into HTML with Jupyter Book, and publish a site atomically."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from ..edition import Edition
from ..errors import BuildError
from ..present.escape import title_text
from ..read.yamlfile import read_yaml
from .project import Project


def edition_config(project: Project, edition: Edition) -> str:
    """The project's ``_config.yml`` with the edition's title and author, as YAML text.

    Both are escaped with ``title_text``: the theme writes them into every page unescaped.
    """
    config = read_yaml(project.config, what="the Jupyter Book configuration")
    config["title"] = title_text(edition.title)
    config["author"] = title_text(edition.organisation)
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def jupyter_book(project: Project, config: Path, stage: Path) -> Path:
    """Build the book into ``stage`` with ``config`` (warnings are errors); returns the HTML folder.

    Raises BuildError with the first warning or error Jupyter Book printed.
    """
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(project.book),
        "--config",
        str(config),
        "--toc",
        str(project.toc),
        "--path-output",
        str(stage),
        "-W",
        "-n",
        "--keep-going",
        "--all",
        "-q",
    ]
    environment = dict(os.environ, SOURCE_DATE_EPOCH="0")
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root, env=environment)
    if result.returncode != 0:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stderr + result.stdout)  # drop terminal colours
        problems = [line for line in plain.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line]
        detail = problems[0] if problems else (plain.strip().splitlines() or ["no output"])[-1]
        raise BuildError(f"jupyter-book build failed ({len(problems)} problems); first: {detail}")
    html = stage / "_build" / "html"
    (html / ".buildinfo").unlink(missing_ok=True)  # Sphinx's own rebuild record, not for readers
    return html


def publish(new: Path, target: Path) -> Path:
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
