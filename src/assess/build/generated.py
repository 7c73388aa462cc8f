"""Pages the build writes from the analysts' registers once every chapter has run: the executive
summary (which needs this build's figures register), one page per threat (with the findings of
``assess.chapters.threats``), the glossary, and the changes since the previous edition.

A page is written only when the table of contents lists it (``sections/summary``,
``sections/glossary``; the threat pages go under ``sections/threats/`` when it lists the
``sections/threats`` chapter), so a shorter table of contents builds without them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pandas as pd

from ..analysis import morile
from ..chapters import Chapter, chapter_module, declaration
from ..chapters import threats as threats_chapter
from ..chapters.threats import Threats
from ..edition import REVIEW_MONTHS, Edition
from ..periods import months_apart
from ..present import evidence as evidence_words
from ..present.changes import PAGE as CHANGES_PAGE
from ..present.changes import changes_markdown, summary_lines
from ..present.chapters import threats as threat_page
from ..present.glossary import glossary_markdown
from ..present.glue import section_title
from ..present.pages import later_sources_note
from ..present.summary import RECOMMENDATIONS_PAGE, Evidence, recommendations_markdown, summary_markdown
from ..present.threat_pages import DIRECTIONS, POSITIONS, threat_markdown
from ..read.catalogue import published_after, read_catalogue
from ..read.read_once import Reads
from ..read.registry import read_dataset
from .changes import changes_since
from .project import Project, toc_files

THREATS_CHAPTER = "threats"
"""The chapter of the threats (``notebooks/threats.ipynb``, ``assess.chapters.threats``), whose
findings each threat page shows."""


def write_generated_pages(
    project: Project,
    edition: Edition,
    figures: list[dict],
    previous: dict | None = None,
    waiting: tuple[str, ...] | list[str] = (),
    reads: Reads | None = None,
) -> list[Path]:
    """Write the summary, threat, glossary and changes pages the table of contents lists into
    ``book/sections``; returns the files written. ``previous`` is the figures register of the
    edition's previous edition (``assess.build.changes``), or None; ``waiting``: the chapters that
    wait for data in this build (the summary says so beside a judgement citing one). Raises
    InputError (one line) when a judgement names a figure this build did not register or cites a
    page the book does not have."""
    entries = toc_files(project.toc)
    changes, scope = changes_since(edition, figures, previous)
    previous_title = previous["title"] if previous else None
    registers = {name: read_dataset(edition, name) if name in edition.data else None for name in REGISTERS}
    threats = registers["threats"] or []
    glossary, ahead = registers["glossary"], registers["recommendations_ahead"]
    yardstick, judgements = registers["judgements"] or (None, None)
    written = []

    # Measured only where the threats chapter itself is built from data: in the book and not waiting.
    listed = f"sections/{THREATS_CHAPTER}" in entries
    measured = listed and THREATS_CHAPTER not in waiting and reads is not None and "threats" in edition.data
    found = _threat_findings(edition, reads) if measured else None
    if listed:
        module = chapter_module(THREATS_CHAPTER)
        note = chapter_note(read_catalogue(project.root), declaration(module), edition)
        folder = project.sections / THREATS_CHAPTER
        folder.mkdir(exist_ok=True)
        pages = []
        lines = evidence_lines(found, edition.forces) if found else {}
        for threat in threats:
            tables = threat_page.threat_tables(found, threat, edition.forces) if found else []
            method = threat_page.threat_method(found, threat) if found else ""
            reviewed = threat["last_reviewed"]
            carried = reviewed if months_apart(reviewed, edition.as_of[:7]) >= REVIEW_MONTHS else None
            page = threat_markdown(
                threat,
                ahead,
                tables,
                method,
                glossary,
                yardstick,
                edition.as_of,
                carried,
                note if tables else "",
                lines.get(threat["id"], []),
            )
            pages.append(_write(folder / f"{threat['id']}.md", page))
        _remove_others(folder, pages)
        written += pages

    if "sections/summary" in entries:
        strategy, example = None, False
        if registers["morile"] is not None:
            template, _ = registers["morile"]
            strategy = morile.scored_control_strategy(registers["morile"])
            example = bool(template["example_scores"])
        titles = {f"threats/{t['id']}": t["title"] for t in threats} if f"sections/{THREATS_CHAPTER}" in entries else {}
        titles.update(_chapter_titles(project, entries))
        page = summary_markdown(
            judgements,
            figures,
            strategy,
            example,
            threats,
            ahead,
            glossary,
            titles,
            edition.data.get("judgements", ""),
            as_of=edition.as_of,
            waiting=frozenset(f"sections/{name}" for name in waiting),
            evidence=Evidence(threats_chapter.evidence(found, edition.forces), found.crimes, found.recorded_year)
            if found
            else None,
            forces=edition.forces,
        )
        if f"sections/{CHANGES_PAGE}" in entries:
            page += "\n" + "\n".join(summary_lines(changes, previous_title))
        written.append(_write(project.sections / "summary.md", page))

    if f"sections/{RECOMMENDATIONS_PAGE}" in entries:
        page = recommendations_markdown(ahead, threats, glossary, edition.as_of)
        written.append(_write(project.sections / f"{RECOMMENDATIONS_PAGE}.md", page))

    if f"sections/{CHANGES_PAGE}" in entries:
        page = changes_markdown(changes, previous_title, scope)
        written.append(_write(project.sections / f"{CHANGES_PAGE}.md", page))

    if "sections/glossary" in entries:
        page = (
            glossary_markdown(glossary) if glossary is not None else "# Glossary\n\nThis edition has no glossary yet.\n"
        )
        written.append(_write(project.sections / "glossary.md", page))
    return written


REGISTERS = ("threats", "judgements", "recommendations_ahead", "glossary", "morile")
"""The datasets these pages are written from (the build's site key covers their files)."""


def _write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` unless it holds it already (its time stamp then stays, and the
    incremental Sphinx build leaves the page as it is); returns ``path``."""
    if not (path.is_file() and path.read_text(encoding="utf-8") == text):
        path.write_text(text, encoding="utf-8")
    return path


def _remove_others(folder: Path, kept: list[Path]) -> None:
    """Remove every file of ``folder`` but ``kept``: a threat page another edition's build wrote
    (a threat of another force, or one since taken out of the register) must not reach this
    edition's book, which lists the folder's pages by a glob."""
    for path in folder.iterdir():
        if path not in kept:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def evidence_lines(found: Threats, forces: tuple[str, ...]) -> dict[str, list[str]]:
    """Each threat's evidence lines (MyST) by its id: for each force, the data held against its
    judged direction, then against its Control Strategy place."""
    table = threats_chapter.evidence(found, forces)
    judged = {t["id"]: DIRECTIONS[t["direction"]] for t in found.threats}
    lines: dict[str, list[str]] = {}
    for row in table.itertuples(index=False):
        row = pd.Series(row._asdict())
        mine = lines.setdefault(row["threat"], [])
        mine.append(
            evidence_words.threat_line(row, found.crimes, found.recorded_year, judged[row["threat"]])
            + " "
            + evidence_words.place_line(row, POSITIONS[row["place"]].split(" (")[0])
        )
    return lines


def _threat_findings(edition: Edition, reads: Reads) -> Threats:
    """The threats measured (``assess.chapters.threats``), from the datasets the build has read."""
    return threats_chapter.compute(Chapter(edition, declaration(threats_chapter), reads))


def _chapter_titles(project: Project, entries: list[str]) -> dict[str, str]:
    """Each chapter's title (its notebook's first heading), by its table-of-contents entry."""
    titles = {}
    for entry in entries:
        source = project.notebooks / f"{entry.removeprefix('sections/')}.ipynb"
        if entry.startswith("sections/") and source.is_file():
            titles[entry] = section_title(nbformat.read(str(source), as_version=4)) or entry
    return titles


def chapter_note(catalogue: dict[str, dict], declared, edition: Edition) -> str:
    """The note for the top of a chapter (and of the pages made from its outputs) naming each
    source it reads that was published after the edition's as-of date; empty when none."""
    return later_sources_note(
        [
            (catalogue[d]["title"], when)
            for d in declared.dataset_names(edition.data)
            if d in edition.data and (when := published_after(catalogue[d], edition.periods.get(d), edition.as_of))
        ]
    )
