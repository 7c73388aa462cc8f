"""One question, one answer: every crime type, force and period stated on more than one page of the
book's default edition, built, carries the same change and the same verdict everywhere, the prose
counts agree with the tables and the figures register, and the register chapters state their
registers' findings."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup
from projects import page_text

from conftest import EDITIONS

pytestmark = [pytest.mark.build, EDITIONS]

CAPTION_FORCE = re.compile(r" in (?P<force>[^:]+): ")


def _finding_tables(site):
    """(page, force, period, crime type, change, verdict) for every row of every table of crime
    findings (a table with a crime type and a verdict column) in the published site."""
    rows = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for table in soup.find_all("table"):
            headers = [th.get_text("", strip=True) for th in table.find_all("th")]
            if "Crime type" not in headers or "Verdict" not in headers:
                continue
            caption = table.find("caption").get_text(" ", strip=True)
            force = CAPTION_FORCE.search(caption)["force"]
            crimes = [h for h in headers if h.startswith("Crimes, ")]
            change = next(i for i, h in enumerate(headers) if h.startswith("Change in crimes a day"))
            for tr in table.find("tbody").find_all("tr"):
                cells = [td.get_text("", strip=True) for td in tr.find_all("td")]  # <wbr> splits a word
                rows.append(
                    (
                        page.relative_to(site).as_posix(),
                        force,
                        crimes[-1],
                        cells[0],
                        cells[change],
                        cells[headers.index("Verdict")],
                    )
                )
    return rows


def test_every_crime_finding_reads_the_same_on_every_page(book_site):
    rows = _finding_tables(book_site)
    stated = defaultdict(set)
    pages = defaultdict(set)
    for page, force, period, crime, change, verdict in rows:
        stated[(force, period, crime)].add((change, verdict))
        pages[(force, period, crime)].add(page)
    assert any(len(p) > 1 for p in pages.values()), "no crime finding is stated on two pages"
    differing = {k: v for k, v in stated.items() if len(v) > 1}
    assert not differing, differing


def test_the_prose_counts_and_the_register_agree_with_the_tables(book_site):
    register = {f["name"]: f["value"] for f in json.loads((book_site / "figures.json").read_text())["figures"]}
    performance = [r for r in _finding_tables(book_site) if r[0] == "sections/performance.html"]
    assert performance
    text = " ".join(
        BeautifulSoup((book_site / "sections/performance.html").read_text(), "html.parser").get_text(" ").split()
    )
    for force in {r[1] for r in performance}:
        mine = [r for r in performance if r[1] == force]
        slug = re.sub(r"[^a-z0-9]+", "_", force.lower()).strip("_")
        for verdict in ("higher", "lower"):
            named = [r[3].lower() for r in mine if r[5] == verdict.capitalize() and r[3] != "All crime"]
            assert register[f"n_{verdict}__{slug}"] == len(named)
            start = text.index(f"{force} . All recorded crime")
            paragraph = text[start : start + 1000]
            for crime in named:  # each crime type called higher or lower is named in the force's sentence
                assert crime in paragraph, (force, crime, paragraph)
        for r in mine:
            crime_key = re.sub(r"[^a-z0-9]+", "_", r[3].lower()).strip("_")
            verdict = register.get(f"verdict_{crime_key}__{slug}")
            assert (
                verdict is not None
                and verdict.lower() == r[5].lower().split(":")[0].lower()
                or (r[5].startswith("Not settled") and verdict == "not settled")
            )


def test_the_default_edition_states_its_registers_findings(book_site):
    strategy = page_text(book_site, "control-strategy")
    assert "This year's Control Strategy names" in strategy and "Of last year's" in strategy
    # The shipped MoRiLE scores are illustrative: each threat's place is given, not a score or a rank.
    assert "are illustrative, not scores the force itself gave" in strategy
    # (The Control Strategy held against the data ranks threats by their harm, never by a score.)
    assert "Risk score" not in strategy and "Rank" not in strategy.replace("Rank by harm", "")
    assert "current and medium-term issues moved on the matrix" in page_text(book_site, "assessment-summary")
    assert "The register holds" in page_text(book_site, "risk-and-partners")
    for page in (strategy, page_text(book_site, "assessment-summary"), page_text(book_site, "risk-and-partners")):
        assert "was entered for" not in page
