"""Helpers shared by the build tests: a copy of the project with a shorter table of contents, so
that its builds are quick, a log that prints nothing, and the words of a published page."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from assess.build.project import copy_project
from conftest import ROOT

SECTIONS = ["introduction", "hate-crime", "capacity", "data-and-methods"]
"""The chapters of a small project unless a test names others."""


def make_project(folder: Path, sections: list[str] = SECTIONS) -> Path:
    """A copy of the project in ``folder`` whose table of contents holds only ``sections`` and the
    appendices of figures and provenance; returns ``folder``."""
    copy_project(ROOT, folder)
    toc = {
        "format": "jb-book",
        "root": "index",
        "parts": [
            {"caption": "Chapters", "chapters": [{"file": f"sections/{name}"} for name in sections]},
            {"caption": "Appendices", "chapters": [{"file": "sections/figures"}, {"file": "sections/provenance"}]},
        ],
    }
    (folder / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    return folder


def quiet(message: str) -> None:
    """A build log that prints nothing."""


def page_text(site, chapter: str) -> str:
    """The words of a chapter's page, its article only, spaces made single and typographic
    apostrophes (Sphinx's smart quotes) made straight."""
    soup = BeautifulSoup((site / "sections" / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join((soup.find("article") or soup).get_text(" ").split()).replace("\u2019", "'")
