"""`assess new-edition`: a first edition of any force from the national data (on a copy of the project)."""

from __future__ import annotations

import pytest
import yaml

from assess.build.newedition import edition_id, new_edition, resolve_forces
from assess.build.project import copy_project
from assess.edition import load_edition
from assess.errors import ConfigError
from assess.read.forces import read_forces
from conftest import ROOT

REGISTRY = read_forces(ROOT / "data" / "reference" / "forces.csv")


def test_forces_are_found_by_name_or_full_name_in_any_case():
    some = REGISTRY.table.iloc[[0, -1]]
    names = [some["force"].iloc[0].upper(), some["full_name"].iloc[1].lower()]
    assert resolve_forces(names, REGISTRY) == list(some["force"])


def test_an_unknown_force_is_refused_naming_the_closest():
    force = REGISTRY.names[5]
    with pytest.raises(ConfigError, match=f"did you mean '{force}'"):
        resolve_forces([force[:-1] + "x"], REGISTRY)


def test_the_identifier_names_the_forces_and_the_year():
    assert edition_id(["Avon and Somerset", "City of London"], "2019-20") == "avon-and-somerset-city-of-london-2019-20"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(ROOT, tmp_path_factory.mktemp("project"))


@pytest.mark.slow
def test_a_first_edition_reads_only_national_files_and_no_register(project):
    force = next(f for f in REGISTRY.names if f not in ("Warwickshire", "West Mercia"))
    written, found, waiting = new_edition([force], "2019-09-30", project)
    edition = load_edition(written, project)
    assert edition.forces == (force,) and edition.assessment_year == "2019-20"
    catalogue = yaml.safe_load((project / "data" / "catalogue.yml").read_text())["datasets"]
    for name, path in edition.data.items():
        assert catalogue[name].get("national") == path.relative_to(project).as_posix(), name
    assert not {"threats", "judgements", "morile", "risk_register"} & set(edition.data)
    assert all(p.end <= edition.last_month for n, p in edition.periods.items() if n in edition.data)
    assert set(waiting) <= {n.stem for n in (project / "notebooks").glob("*.ipynb")}
    with pytest.raises(ConfigError, match="never overwrites"):
        new_edition([force], "2019-09-30", project)


def test_a_bad_date_is_refused_in_one_line(project):
    with pytest.raises(ConfigError, match="--as-of"):
        new_edition([REGISTRY.names[0]], "30/09/2019", project)


@pytest.mark.slow
def test_hate_crime_is_computed_for_a_force_the_national_panel_holds_and_waits_for_one_it_lacks(project):
    """The forces are discovered from the catalogue's national hate crime file, never named here."""
    from assess.read.catalogue import read_catalogue
    from assess.read.hate_crime_foi import read_hate_crime_panel

    panel = ROOT / read_catalogue(ROOT)["hate_crime_by_force"]["national"]
    held = set(read_hate_crime_panel(panel, REGISTRY.resolver("salah_name"), REGISTRY.names)["force"])
    covered = next(f for f in REGISTRY.names if f in held and f not in ("Warwickshire", "West Mercia"))
    lacking = next(f for f in REGISTRY.names if f not in held)
    for force, reads in ((covered, True), (lacking, False)):
        written, found, waiting = new_edition([force], "2019-09-30", project, edition=f"hate-{str(reads).lower()}")
        data = load_edition(written, project).data
        assert ("hate_crime_by_force" in data) == reads and ("hate-crime" in waiting) != reads, force
        assert found["hate_crime_by_force"].startswith("left out") != reads, found["hate_crime_by_force"]
