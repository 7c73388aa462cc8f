"""The Demand chapter's findings (``assess.chapters.demand.compute``) and its page text: each force's
crimes, harm and residents recomputed from the raw files, policing-area rates worked by hand,
only the edition's own districts checked, and an edition of three forces read right."""

from __future__ import annotations

import csv
import functools

import pandas as pd
import pytest
from chapter_pages import chapter_of, glued_values, page_text, shown, with_forces, without

from assess.analysis import harm
from assess.chapters import Chapter, demand
from assess.edition import load_edition
from assess.present.chapters import demand as page
from assess.read.period_cut import read_period
from assess.read.registry import read_dataset
from conftest import ROOT, checked_editions, shipped_editions, single_force_params, waits_for

EDITIONS = [p for p in shipped_editions() if "demand" not in waits_for(p)]
MADE_UP = "Staffordshire"
"""A force of the registry whose districts, residents and street-level records the tests make up
(the shipped lookups hold the alliance's forces only); its Home Office counts are real."""


def _made_up_areas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "force": [MADE_UP] * 3,
            "policing_area": ["North", "North", "South"],
            "local_authority": ["Made-up A", "Made-up B", "Made-up C"],
            "county": [MADE_UP] * 3,
        }
    )


def _made_up_population(years) -> pd.DataFrame:
    """Residents of the made-up districts: 100,000, 50,000 and 250,000 every year."""
    rows = [
        {"force": MADE_UP, "lad_code": f"E0799999{i}", "lad_name": name, "year": int(year), "population": people}
        for year in years
        for i, (name, people) in enumerate((("Made-up A", 100000), ("Made-up B", 50000), ("Made-up C", 250000)))
    ]
    return pd.DataFrame(rows)


def _made_up_street(months) -> pd.DataFrame:
    """Made-up street-level records: each month 12 burglaries in district A and 3 in C, 4 crimes
    with no location, and 20 anti-social behaviour incidents (which are not crimes) in C."""
    rows = []
    for month in months:
        for lsoa, kind, n in (
            ("Made-up A 001A", "Burglary", 12),
            ("Made-up C 002B", "Burglary", 3),
            ("", "Burglary", 4),
            ("Made-up C 002B", "Anti-social behaviour", 20),
        ):
            rows += [{"month": month, "force": MADE_UP, "lsoa_code": "", "lsoa_name": lsoa, "crime_type": kind}] * n
    return pd.DataFrame(rows)


_READ = {}


def _read(edition, name: str):
    """``read_dataset``, once per file and set of forces in this module (street-level files are slow)."""
    held = (name, str(edition.path(name)), edition.forces)
    if held not in _READ:
        _READ[held] = read_dataset(edition, name)
    return _READ[held].copy()


def _chapter(edition, shipped=None, areas=None, population=None) -> Chapter:
    """The Demand chapter of ``edition``, its local datasets those of the ``shipped`` edition
    with made-up rows added for ``MADE_UP`` where the edition covers it."""
    shipped = shipped or edition

    def reads(name):
        data = _read(shipped if name == "street_crime" else edition, name)
        if MADE_UP not in edition.forces:
            given = {"policing_areas": areas, "district_population": population}.get(name)
            return data if given is None else given
        if name == "policing_areas":
            return pd.concat([data, _made_up_areas()], ignore_index=True)
        if name == "district_population":
            return pd.concat([data, _made_up_population(data["year"].unique())], ignore_index=True)
        if name == "street_crime":
            return pd.concat([data, _made_up_street(sorted(data["month"].unique()))], ignore_index=True)
        return data

    return chapter_of(demand, edition, reads)


def _raw_counts(edition, force: str) -> int:
    """The force's recorded crimes in the financial year of the edition, from the raw CSV."""
    name = edition.registry.table.set_index("force").at[force, "home_office_name"]
    year = edition.periods["recorded_crime_force"].start  # YYYY-04
    wanted = f"{year[:4]}/{int(year[2:4]) + 1:02d}"
    with open(edition.path("recorded_crime_force"), newline="", encoding="utf-8-sig") as handle:
        return sum(
            int(row["Number of Offences"])
            for row in csv.DictReader(handle)
            if row["Force Name"].strip() == name and row["Financial Year"].strip() == wanted
        )


def _raw_residents(edition, year: int) -> dict[str, int]:
    """Each force's residents at mid-``year`` from the raw CSV: the force-area estimate when the
    edition names one covering its period, else the sum of the force's districts'."""
    if "force_population" in edition.data and edition.periods["force_population"].end[:4] == str(year):
        table = pd.read_csv(edition.path("force_population"))
        names = edition.registry.table.set_index("home_office_name")["force"]
        table = table[table["year"] == year]
        return dict(zip(table["pfa_name"].map(names), table["population"], strict=True))
    table = pd.read_csv(edition.path("district_population"))
    return table[table["year"] == year].groupby("force")["population_mid_year"].sum().to_dict()


@functools.cache
def _shipped(params):
    """The shipped edition ``params`` and what the chapter finds for it, computed once per test
    process for the tests that only read them."""
    edition = load_edition(params, ROOT)
    return edition, demand.compute(_chapter(edition))


@pytest.mark.parametrize("params", checked_editions(EDITIONS), ids=lambda p: p.stem)
def test_each_forces_crimes_residents_and_rate_recomputed(params):
    edition, found = _shipped(params)
    people = _raw_residents(edition, found.population_year)
    rows = found.forces.set_index("force")
    assert rows.index.tolist() == list(edition.forces)
    for force in edition.forces:
        assert rows.at[force, "crimes"] == _raw_counts(edition, force)
        assert rows.at[force, "residents"] == people[force]
        rate = 1000 * rows.at[force, "harm"] / people[force]
        assert rows.at[force, "harm_per_1000"] == pytest.approx(float(f"{rate:.3g}"))
    assert set(found.by_quarter["force"]) == set(edition.forces)
    if found.areas is not None:
        assert set(found.areas.table["force"]) == set(edition.forces)
    else:  # the page says what the section lacks
        assert found.supply.street != "held" or found.supply.population != "held" or not found.supply.forces


@pytest.mark.wide
def test_a_force_with_national_data_only_gets_its_harm_and_says_what_the_areas_need(monkeypatch):
    """A force the project never shipped (the first of the registry with no policing area entered),
    from the national files alone: recorded crime by offence code and the force-area estimate;
    no section by policing area, and the page says in plain words what it needs."""
    shipped = load_edition(single_force_params(), ROOT)
    entered = set(read_dataset(shipped, "policing_areas")["force"])
    force = next(f for f in shipped.registry.names if f not in entered)
    edition = without(
        with_forces(shipped, [force]), ("street_crime", "policing_areas", "district_population", "key_facts")
    )
    chapter = chapter_of(demand, edition)
    found = demand.compute(chapter)
    row = found.forces.set_index("force").loc[force]
    assert row["crimes"] == _raw_counts(edition, force)
    assert row["residents"] == _raw_residents(edition, found.population_year)[force]
    assert found.areas is None and found.incidents.empty
    assert page.areas_table(found) is None and page.categories_table(found) is None
    glued = glued_values(monkeypatch, page.glue_findings, found, chapter)
    text = page_text("demand", glued, edition.forces)
    full = edition.registry.full_name(force)
    assert (
        "Harm by policing area needs the force's street-level records (data.police.uk), its policing areas and the "
        "population of their districts: this edition holds no street-level records and no population of the "
        f"districts, and no policing areas were entered for {full}." in text
    )
    assert f"No figures of the incidents {full} deal with were entered." in text


@pytest.mark.parametrize("params", checked_editions(EDITIONS, naming=("street_crime",)), ids=lambda p: p.stem)
def test_crime_type_weights_use_the_national_mix_of_the_tables_year(params):
    """Violence and sexual offences: each offence code's CHI weight averaged by the code's net
    count over every territorial force in the Home Office table of the edition's year (the rows
    its reader holds for that year), recomputed here."""
    edition, found = _shipped(params)
    if found.areas is None:
        pytest.skip("the edition holds no street-level records for its period: no weight per crime type is shown")
    weights = harm.offence_weights(
        read_dataset(edition, "offence_crosswalk"),
        read_dataset(edition, "harm_weights_chi"),
        read_dataset(edition, "harm_weights_css"),
    ).set_index("offence_code")
    rows = read_period(edition, "recorded_crime_force")
    rows = rows[rows["force"].isin(edition.registry.names)]
    net = rows.groupby("offence_code")["count"].sum().to_dict()
    category = "Violence and sexual offences"
    codes = [c for c in weights.index if weights.at[c, "police_uk_category"] == category and net.get(c, 0) > 0]
    codes = [c for c in codes if pd.notna(weights.at[c, "chi"])]
    expected = sum(weights.at[c, "chi"] * net[c] for c in codes) / sum(net[c] for c in codes)
    shown = found.areas.category_weights.set_index("police_uk_category")
    assert shown.at[category, "chi"] == pytest.approx(expected)


def test_area_harm_is_scaled_to_a_year_by_hand():
    """Area North: 2 months of 3 burglaries (weight 100 days) among 1,500 residents: 600 days,
    600 × 1,000 / 1,500 × 12 / 2 = 2,400 per 1,000 a year (shown to the population's two figures)."""
    street = pd.DataFrame(
        {
            "month": ["2018-10"] * 3 + ["2018-11"] * 4,
            "force": ["F"] * 7,
            "lsoa_code": [""] * 7,
            "lsoa_name": ["Alpha 001A"] * 6 + ["Nowhere 001A"],
            "crime_type": ["Burglary"] * 3 + ["Burglary"] * 3 + ["Drugs"],
        }
    )
    areas = pd.DataFrame({"force": ["F"], "policing_area": ["North"], "local_authority": ["Alpha"], "county": ["C"]})
    population = pd.DataFrame({"lad_name": ["Alpha"], "year": [2018], "population": [1500]})
    categories = pd.DataFrame({"police_uk_category": ["Burglary", "Drugs"], "chi": [100.0, 5.0], "css": [1.0, 1.0]})
    found = demand.area_harm(street, areas, population, categories, "chi", ["2018-10", "2018-11"])
    table = found.table.set_index("policing_area")
    assert table.at["North", "harm"] == 600 and table.at["North", "harm_per_1000"] == 2400
    assert table.at["Outside the force area", "harm"] == 5 and pd.isna(table.at["Outside the force area", "population"])
    assert found.most_harm["policing_area"] == "North" and found.unplaced.sum() == 1


@pytest.mark.wide
def test_another_forces_districts_in_the_lookup_change_nothing():
    """Adding another force's districts (with no population) to the lookup leaves a one-force
    edition's findings as they were; a district of its own without a population stops it."""
    edition = load_edition(single_force_params(), ROOT)
    before = demand.compute(_chapter(edition))
    lookup = pd.concat([read_dataset(edition, "policing_areas"), _made_up_areas()], ignore_index=True)
    after = demand.compute(_chapter(edition, areas=lookup))
    pd.testing.assert_frame_equal(before.areas.table, after.areas.table)
    pd.testing.assert_frame_equal(before.forces, after.forces)
    own = read_dataset(edition, "policing_areas")
    own = own[own["force"] == edition.forces[0]]
    population = read_dataset(edition, "district_population")
    lost = own["local_authority"].iloc[0]
    fewer = population[population["lad_name"] != lost]
    with pytest.raises(ValueError, match=f"population for the districts {lost}"):
        demand.compute(_chapter(edition, population=fewer))


@pytest.mark.wide
def test_three_forces_each_read_their_own_figures(monkeypatch):
    """An edition of two shipped forces, with their street-level records, and a third whose local
    data are made up."""
    params = next(p for p in EDITIONS if len((e := load_edition(p, ROOT)).forces) == 2 and "street_crime" in e.data)
    shipped = load_edition(params, ROOT)
    forces = [*shipped.forces, MADE_UP]
    edition = with_forces(load_edition(params, ROOT), forces)
    found = demand.compute(_chapter(edition, shipped=shipped))
    chapter = _chapter(edition)
    glued = glued_values(monkeypatch, page.glue_findings, found, chapter)
    text = page_text("demand", glued, edition.forces)
    rows = found.forces.set_index("force")
    for force in forces:
        row = rows.loc[force]
        assert (
            f"{found.recorded.year}, {force} recorded {row['crimes']:,.0f} crimes, carrying {row['harm']:,.0f} days of "
            f"harm ({row['harm_per_1000']:,.0f} days per 1,000 of its {row['residents']:,.0f} residents)"
        ) in text
    assert rows.at[MADE_UP, "residents"] == _raw_residents(edition, found.population_year)[MADE_UP]
    # The made-up areas: North holds district A's 12 burglaries a month, South district C's 3.
    areas = found.areas.table.set_index(["force", "policing_area"])
    months = len(found.areas.months)
    burglary = found.areas.category_weights.set_index("police_uk_category").at["Burglary", found.scheme.name]
    north = 12 * months * burglary
    assert areas.loc[(MADE_UP, "North"), "harm"] == pytest.approx(north)
    yearly = 1000 * north / 150000 * 12 / months
    assert areas.loc[(MADE_UP, "North"), "harm_per_1000"] == pytest.approx(float(f"{yearly:.2g}"))
    assert areas.loc[(MADE_UP, "No location"), "count"] == 4 * months
    assert glued["most_harm_place"].endswith(")")  # named with its force, as in any edition of several
    tables = shown(
        monkeypatch,
        lambda: page.quarters_table(found),
        lambda: page.shares_chart(found, edition.forces),
        lambda: page.groups_table(found, edition.forces),
        lambda: page.subgroups_table(found, edition.forces),
        lambda: page.areas_table(found),
        lambda: page.categories_table(found),
        lambda: page.incidents_table(found),
    )
    assert all(f"<td>{force}</td>" in tables for force in forces)
    assert "Share of volume and of harm under both indices, Warwickshire, West Mercia and Staffordshire" in tables
