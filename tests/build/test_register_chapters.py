"""The chapters that show the analysts' registers (Control Strategy, Assessment summary, Strategic
risk and partners) and the Data and methods appendix, built as pages of small copies of the
project: for an edition of three forces that holds the registers of two, the third is named as
having none; for an edition with no register at all the pages say none was entered, and the
build never fails. (For the book's default edition they state their registers' findings:
test_consistency.py.)"""

from __future__ import annotations

import pytest
import yaml
from projects import make_project, page_text, quiet

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
    index, _ = build(params, project / "_build", project, jobs=2, log=quiet, printed=False)
    return index.parent


@pytest.fixture(scope="module")
def regional(project):
    """An edition of three forces whose registers hold entries for two of them (and all forces)."""
    forces = [*load_edition(DEFAULT_PARAMS, ROOT).forces, "Staffordshire"]
    params = _registers_only(project, "three-forces", forces, REGISTERS)
    index, _ = build(params, project / "_build", project, jobs=2, log=quiet, printed=False)
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
