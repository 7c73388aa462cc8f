"""Every acronym of the glossary is spelt out the first time a page uses it, or that first use
links to the glossary: on each chapter (the visible Markdown of every notebook under notebooks/),
and, for every edition of params/, on each threat page the build writes from the analysts' files
and on the executive summary it writes from the registers. Every acronym an edition's pages use is
in the edition's own glossary, which lists only the terms of its forces (``assess.read.scope``).

Spelt out means the expansion is written before the first use ("Management of Risk in Law
Enforcement (MoRiLE)", or earlier on the page) or in brackets right after it ("MoRiLE (Management
of Risk in Law Enforcement)"). Markdown cells tagged ``if:``/``unless:`` are read in their order,
as if every variant showed.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from assess.analysis import morile
from assess.present.glossary import is_acronym
from assess.present.summary import summary_markdown
from assess.present.threat_pages import threat_markdown
from assess.read.judgements import read_glossary
from conftest import ROOT, checked_editions, shipped_editions, shipped_reads

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
GLOSSARY = read_glossary(ROOT / "data" / "reference" / "glossary.csv")
ACRONYMS = {t: e for t, e in zip(GLOSSARY["term"], GLOSSARY["expansion"], strict=True) if is_acronym(t, e)}
EDITIONS = shipped_editions()
_LINK = re.compile(r"\[[^\]]*\]\(([^)]*)\)|\{doc\}`[^`<]*<([^>]*)>`")


def _plain(text: str) -> str:
    """Lower case, Markdown escapes dropped, every run of white space one space."""
    return re.sub(r"\s+", " ", text.replace("\\", "")).casefold()


def unexplained(text: str, acronyms: dict[str, str]) -> list[str]:
    """Each acronym of ``acronyms`` whose first use in the Markdown ``text`` is neither spelt out
    nor a link to the glossary, with the words around it."""
    links = [(m.start(), m.end()) for m in _LINK.finditer(text) if "glossary" in (m[1] or m[2] or "")]
    found = []
    for term, expansion in acronyms.items():
        use = re.search(rf"(?<![\w&]){re.escape(term)}(?![\w&])", text)
        if use is None or any(start <= use.start() < end for start, end in links):
            continue
        wanted = _plain(expansion)
        after = re.match(r"\s*\\?\((.*?)\\?\)", text[use.end() :], re.DOTALL)  # "(...)" or, escaped, "\(...\)"
        if wanted in _plain(text[: use.start()]) or (after and wanted in _plain(after[1])):
            continue
        context = " ".join(text[max(0, use.start() - 50) : use.end() + 30].split())
        found.append(f"{term} (first use: ...{context}...)")
    return found


def chapter_markdown(notebook: Path) -> str:
    """The Markdown a chapter's page shows: its Markdown cells not tagged ``remove-cell``, in order."""
    nb = nbformat.read(notebook, as_version=4)
    return "\n\n".join(
        c.source for c in nb.cells if c.cell_type == "markdown" and "remove-cell" not in c.metadata.get("tags", [])
    )


def test_the_check_knows_spelt_out_linked_and_bare_first_uses():
    acronyms = {"CSE": "Child sexual exploitation", "OCG": "Organised crime group"}
    assert unexplained("Child sexual exploitation (CSE) rose. CSE again.", acronyms) == []
    assert unexplained("CSE (child sexual\nexploitation) rose; OCG (organised crime group).", acronyms) == []
    assert unexplained("CSE \\(Child sexual exploitation\\) as the build escapes it.", acronyms) == []
    assert unexplained("See [CSE](glossary.md) and {doc}`OCG <glossary>`.", acronyms) == []
    bare = unexplained("The CSE profile. Child sexual exploitation (CSE).", acronyms)
    assert len(bare) == 1 and bare[0].startswith("CSE ")
    assert unexplained("The CSE&A plan and OCGs.", acronyms) == []  # not the acronyms themselves
    assert unexplained("OCG (a group), then organised crime group.", acronyms)[0].startswith("OCG ")


def test_pages_are_discovered():
    assert NOTEBOOKS and EDITIONS and ACRONYMS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_chapter_spells_out_each_acronym_at_first_use(notebook):
    missing = unexplained(chapter_markdown(notebook), ACRONYMS)
    assert not missing, f"{notebook.name}: acronyms not spelt out at first use:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    "params", checked_editions(EDITIONS, naming=("morile", "recommendations_ahead")), ids=lambda p: p.stem
)
def test_the_written_pages_spell_out_each_acronym_at_first_use(params):
    read = shipped_reads(params)
    glossary = read("glossary")
    threats, ahead = read("threats"), read("recommendations_ahead")
    strategy = morile.scored_control_strategy(read("morile"))
    pages = {f"threats/{t['id']}": threat_markdown(t, ahead, [], "", glossary) for t in threats}
    pages["summary"] = summary_markdown(None, [], strategy, True, threats, ahead, glossary, {})
    missing = [f"{page}: {m}" for page, text in pages.items() for m in unexplained(text, ACRONYMS)]
    assert threats and not missing, f"{params.stem}: acronyms not spelt out at first use:\n" + "\n".join(missing)
    mine = set(glossary["term"])
    pages.update({f"chapter {nb.stem}": chapter_markdown(nb) for nb in NOTEBOOKS})
    absent = [f"{page}: {t}" for page, text in pages.items() for t in used(text, ACRONYMS) if t not in mine]
    assert not absent, f"{params.stem}: acronyms its pages use but its glossary leaves out:\n" + "\n".join(absent)


def used(text: str, acronyms: dict[str, str]) -> list[str]:
    """The acronyms of ``acronyms`` that the Markdown ``text`` uses."""
    return [t for t in acronyms if re.search(rf"(?<![\w&]){re.escape(t)}(?![\w&])", text)]


def test_used_finds_whole_words_only():
    acronyms = {"CSE": "Child sexual exploitation", "OCG": "Organised crime group", "HS2": "High Speed 2"}
    assert used("The CSE&A plan, OCGs and HS2.", acronyms) == ["HS2"]
