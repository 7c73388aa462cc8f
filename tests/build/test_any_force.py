"""A first edition of a force the project never shipped, from national data alone (issue 28):
`assess new-edition` then a build, for the forces with the fewest and the most residents, a force
of Wales and the whole region of the alliance's forces. The forces are discovered from
data/reference/forces.csv and the national population file, never named here.

Introduction, Demand, Performance and Capacity are computed (not waiting), and their pages name
no force outside the edition."""

from __future__ import annotations

import html
import json
import re

import pytest
from projects import make_project, quiet

from assess.build import build
from assess.build.newedition import new_edition
from assess.edition import load_edition
from assess.read.catalogue import read_catalogue
from assess.read.forces import read_forces
from assess.read.hate_crime_foi import read_hate_crime_panel
from assess.read.population import read_force_population
from conftest import ROOT

pytestmark = pytest.mark.build
NATIONAL = ("introduction", "demand", "performance", "capacity")
"""The chapters national data serves for any force."""
AS_OF = "2019-09-30"
"""A day for which every national file the chapters read holds the year assessed."""
REGISTRY = read_forces(ROOT / "data" / "reference" / "forces.csv")


def _by_residents() -> list[str]:
    """The forces of the registry, fewest residents first (the national file's latest mid-year)."""
    path = ROOT / read_catalogue(ROOT)["force_population"]["national"]
    people = read_force_population(path, REGISTRY.resolver("home_office_name"))
    latest = people[people["year"] == people["year"].max()].set_index("force")["population"]
    return list(latest.loc[REGISTRY.names].sort_values().index)


def _alliance_region() -> list[str]:
    """Every force of the region that holds the members of the registry's first alliance."""
    alliance = next(a for a in REGISTRY.table["alliance"].dropna().unique() if a)
    regions = {REGISTRY.region(f) for f in REGISTRY.alliance_members(alliance)}
    return [f for f in REGISTRY.names if REGISTRY.region(f) in regions]


SMALLEST, *_, LARGEST = _by_residents()
WELSH = next(f for f in REGISTRY.names if REGISTRY.region(f) == "Wales")
"""A force of Wales, whose districts lie under no county of the ONS lookup (the first in name order)."""
EDITIONS = {
    "fewest residents": [SMALLEST],
    "most residents": [LARGEST],
    "a force of Wales": [WELSH],
    "alliance region": _alliance_region(),
}
PRINTED = "a force of Wales"
"""The first edition whose PDF is printed as well (the other builds publish the HTML alone: the
test reads the pages)."""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("project"), sections=[*NATIONAL, "data-and-methods"])


def page_text(page) -> str:
    """A page's visible words: tags dropped, entities read."""
    body = page.read_text().split('<main id="main-content"', 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("which", EDITIONS)
def test_a_first_edition_from_national_data_computes_its_chapters_and_names_no_other_force(which, project, tmp_path):
    forces = EDITIONS[which]
    written, _, waiting = new_edition(forces, AS_OF, project)
    assert not set(NATIONAL) & set(waiting), waiting
    edition = load_edition(written, project)
    assert edition.forces == tuple(forces)
    # Hate crime is read from the national panel where it holds a force of the edition, and
    # waits (the dataset left out) where it holds none.
    panel = ROOT / read_catalogue(ROOT)["hate_crime_by_force"]["national"]
    held = read_hate_crime_panel(panel, REGISTRY.resolver("salah_name"), forces)
    assert ("hate_crime_by_force" in edition.data) == (not held.empty), which

    out = tmp_path / "out"
    _, report = build(written, out, project, jobs=2, log=quiet, printed=which == PRINTED)
    assert set(NATIONAL) <= set(report.executed)
    assert (out / edition.edition / f"{edition.edition}.pdf").is_file() == (which == PRINTED)
    figures = json.loads((out / edition.edition / "figures.json").read_text())["figures"]
    values = {f["name"]: f["value"] for f in figures}
    assert values["n_forces"] == len(forces)
    others = [REGISTRY.full_name(f) for f in REGISTRY.names if f not in forces]
    for chapter in NATIONAL:
        text = page_text(out / edition.edition / "sections" / f"{chapter}.html")
        assert "The data this chapter needs is not held" not in text, chapter
        assert "Warning" not in text and "Traceback" not in text, chapter  # no kernel output reaches the page
        assert all(REGISTRY.full_name(f) in text for f in forces), chapter
        assert not [o for o in others if o in text], (chapter, [o for o in others if o in text])
    # No alliance's content in an edition that covers none of its forces.
    if not edition.registry.alliances_covered(edition.forces):
        assert not [
            c for c in NATIONAL if "alliance" in page_text(out / edition.edition / "sections" / f"{c}.html").lower()
        ]
