"""The chapters that show the analysts' registers (Control Strategy, Assessment summary, Strategic
risk and partners) and the Data and methods appendix, built as pages: for the book's default
edition they state their registers' findings; for an edition of three forces that holds the
registers of two, the third is named as having none; for an edition with no register at all the
pages say none was entered, and the build never fails."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup
from projects import make_project, quiet

from assess.build import build
from assess.edition import load_edition
from conftest import DEFAULT_PARAMS, ROOT

pytestmark = pytest.mark.build
CHAPTERS = ["control-strategy", "assessment-summary", "risk-and-partners", "data-and-methods"]
REGISTERS = (
    "issue_register",
    "morile",
    "risk_register",
    "recommendations",
    "csp_priorities",
    "csp_partnerships",
    "pcc_themes",
)
KEPT = ("forces", "glossary")
MORILE = "MoRiLE (Management of Risk in Law Enforcement)"


def page_text(site, chapter: str) -> str:
    """The words of a chapter's page, its article only, spaces made single and typographic
    apostrophes (Sphinx's smart quotes) made straight."""
    soup = BeautifulSoup((site / "sections" / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join((soup.find("article") or soup).get_text(" ").split()).replace("\u2019", "'")


def _registers_only(project, name: str, forces: list[str], registers: tuple[str, ...]):
    """A parameter file in ``project`` for ``forces`` naming only the force registry, the glossary
    and ``registers`` of the default edition (the pages of this test read nothing else)."""
    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    params.update(edition=name, forces=forces)
    params["data"] = {k: v for k, v in params["data"].items() if k in (*KEPT, *registers)}
    params["periods"] = {"assessment": params["periods"]["assessment"]}
    projection = params["specials"]["projection"]
    for rate in ("recruits_per_month", "leavers_per_month"):  # the section names the edition's forces
        projection[rate] = {force: next(iter(projection[rate].values())) for force in forces}
    path = project / "params" / f"{name}.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("registers") / "project", sections=CHAPTERS)


@pytest.fixture(scope="module")
def unregistered(project):
    """An edition of one force with no register named at all."""
    params = _registers_only(project, "no-registers", ["Staffordshire"], ())
    index, _ = build(params, project / "_build", project, jobs=2, log=quiet)
    return index.parent


@pytest.fixture(scope="module")
def regional(project):
    """An edition of three forces whose registers hold entries for two of them (and all forces)."""
    forces = [*load_edition(DEFAULT_PARAMS, ROOT).forces, "Staffordshire"]
    params = _registers_only(project, "three-forces", forces, REGISTERS)
    index, _ = build(params, project / "_build", project, jobs=2, log=quiet)
    return index.parent, forces


def test_with_no_register_entered_each_page_says_so_for_the_force(unregistered):
    strategy = page_text(unregistered, "control-strategy")
    assert f"No {MORILE} register was entered for Staffordshire, so this edition sets out no Control Strategy." in (
        strategy
    )
    assert "No recommendations tracker was entered for Staffordshire." in strategy
    summary = page_text(unregistered, "assessment-summary")
    assert "No issue register was entered for Staffordshire, so no issue is placed on the matrix." in summary
    risk = page_text(unregistered, "risk-and-partners")
    for what in ("strategic risk register", "list of Community Safety Partnership priorities", "Police and Crime Plan"):
        assert f"No {what} was entered for Staffordshire." in risk
    pages = " ".join((strategy, summary, risk))
    assert "Carried forward" not in pages and "illustrative" not in pages.lower() and " 0 of the 0" not in pages
    assert (
        "<table" not in "".join((unregistered / "sections" / f"{c}.html").read_text() for c in CHAPTERS[:3])
        and "Download" not in pages
    )
    methods = page_text(unregistered, "data-and-methods")
    assert "This edition reads 2 datasets" in methods


def test_an_edition_of_three_forces_names_the_force_with_no_entry(regional):
    site, forces = regional
    risk = page_text(site, "risk-and-partners")
    assert "No list of Community Safety Partnership priorities was entered for Staffordshire." in risk
    assert "No Police and Crime Plan was entered for Staffordshire." in risk
    assert "The plans' themes are set side by side" in risk and "The register holds" in risk
    strategy = page_text(site, "control-strategy")
    assert "This year's Control Strategy names" in strategy and "was entered for" not in strategy


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
