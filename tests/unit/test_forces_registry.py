"""The forces registry (data/reference/forces.csv): every force of England and Wales with each
source's spelling, resolved against the sources themselves; colours readable on white and told
apart within a region; and the checks that refuse a registry that is not."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from assess.errors import InputError
from assess.read import colour_checks
from assess.read.forces import SPELLINGS, read_forces
from conftest import ROOT

FORCES = ROOT / "data/reference/forces.csv"
REGISTRY = read_forces(FORCES)
RAW = ROOT / "data/raw"
REGIONS = {
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East",
    "London",
    "South East",
    "South West",
    "Wales",
}


def _column(path: Path, column: str, where=lambda row: True) -> set[str]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return {row[column].strip() for row in csv.DictReader(f) if where(row)}


def test_every_force_of_england_and_wales_with_every_spelling_filled():
    table = REGISTRY.table
    assert len(table) == 43
    for column in [*SPELLINGS, "full_name", "ons_pfa_code", "region", "colour"]:
        assert (table[column] != "").all(), column
    assert set(table["region"]) == REGIONS
    assert table["ons_pfa_code"].str.fullmatch(r"E23\d{6}").sum() == 39
    assert table["ons_pfa_code"].str.fullmatch(r"W15\d{6}").sum() == 4
    assert set(table.loc[table["region"] == "Wales", "ons_pfa_code"].str[:3]) == {"W15"}
    assert REGISTRY.alliance_members("Alliance") == ("Warwickshire", "West Mercia")


@pytest.mark.parametrize(
    "column, path, source_column, where",
    [
        ("home_office_name", "home_office_prc_pfa/prc-pfa-mar2013-onwards-tables201718.csv", "Force Name", None),
        (
            "prc_rds_name",
            "home_office_prc_pfa_2012_2023/prc_pfa_43forces_2018-19_2023-24Q1_compact.csv",
            "Force Name",
            None,
        ),
        ("home_office_name", "ons_pfa_lookup/lad_to_pfa_2021geography.csv", "pfa_name", None),
        ("home_office_name", "ons_pfa_lookup/pfa_population_mid2011_mid2020.csv", "pfa_name", None),
        ("rec_crime_name", "home_office_rec_crime_pfa/rec-crime-pfa.csv", "PFA", None),
        ("ons_pfa_code", "ons_pfa_tables/ons_table_p1_forces_ye2018-03_to_ye2019-12.csv", "area_code", None),
        ("salah_name", "salah_replication/monthly_counts_all_forces_2015-01_2018-09.csv", "county", None),
        (
            "workforce_name",
            "home_office_police_workforce/workforce_specials_officers_2014_2019.csv",
            "area",
            lambda row: row["level"] == "force",
        ),
    ],
)
def test_each_spelling_is_the_sources_own(column, path, source_column, where):
    """Every force's spelling in the registry occurs in its source, and every territorial force
    of the source is one the registry spells so: the two sets are equal once the source's other
    bodies (national fraud bodies, British Transport Police) are left out."""
    found = _column(RAW / path, source_column, where or (lambda row: True))
    spelled = set(REGISTRY.table[column])
    others = {"Action Fraud", "CIFAS", "UK Finance", "Financial Fraud Action UK", "British Transport Police"}
    assert found - others == spelled


def test_the_lookup_spells_each_force_as_the_registry_does():
    rows = {}
    with open(RAW / "ons_pfa_lookup/lad_to_pfa_2021geography.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[row["pfa_name"]] = row
    table = REGISTRY.table.set_index("home_office_name")
    for name, row in rows.items():
        assert table.loc[name, "workforce_name"] == row["pfa_name_workforce"]
        assert table.loc[name, "rec_crime_name"] == row["pfa_name_rec_crime"]
        assert table.loc[name, "force"] == row["pfa_name_project"]
        assert table.loc[name, "police_uk_slug"] == row["police_uk_slug"]
        assert table.loc[name, "region"] == row["region_name"]


def test_the_checked_police_uk_names_are_those_of_the_shipped_street_files():
    for path in sorted((RAW / "police_uk_street").glob("*-street.csv"))[:2]:
        slug = path.name[8:-11]
        falls_within = _column(path, "Falls within")
        assert falls_within == {REGISTRY.table.set_index("police_uk_slug").at[slug, "police_uk_name"]}


def test_contrast_known_answers():
    # WCAG: white on white 1:1, black on white 21:1, #777777 on white 4.48:1.
    assert colour_checks.contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert colour_checks.contrast_with_white("#000000") == pytest.approx(21.0)
    assert colour_checks.contrast_with_white("#777777") == pytest.approx(4.48, abs=0.005)


def test_lab_distance_known_answers():
    # CIELAB (D65): white L*100, black L*0; sRGB red is L*53.24 a*80.09 b*67.20.
    assert colour_checks.distance("#ffffff", "#000000") == pytest.approx(100.0, abs=0.01)
    assert colour_checks.seen("#ff0000", "normal colour vision") == pytest.approx((53.24, 80.09, 67.20), abs=0.05)


def test_red_and_green_close_to_a_reader_with_deuteranopia():
    # A red and a green of like lightness: far apart in normal vision, close with deuteranopia.
    red, green = "#d62728", "#2ca02c"
    assert colour_checks.distance(red, green) > 80
    assert colour_checks.distance(red, green, "deuteranopia") < colour_checks.MIN_DISTANCE_CVD
    assert "deuteranopia" in colour_checks.too_close(red, green)


def test_every_colour_readable_on_white_and_every_region_told_apart():
    table = REGISTRY.table
    assert (table["colour"].map(colour_checks.contrast_with_white) >= 3.0).all()
    for _, forces in table.groupby("region"):
        for first, second in itertools.combinations(forces["colour"], 2):
            assert colour_checks.too_close(first, second) is None, (first, second)
    assert REGISTRY.colour("Warwickshire") == "#1b6ca8" and REGISTRY.colour("West Mercia") == "#c4572a"


def _changed(tmp_path, row_of: str, **values) -> Path:
    with open(FORCES, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["force"] == row_of:
            row.update(values)
    path = tmp_path / "forces.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    "force, values, message",
    [
        ("Kent", {"colour": "#ffff00"}, r"row 21, column 'colour': expected a colour with a contrast of at least 3:1"),
        (
            "Kent",
            {"colour": "#1b6ca8"},
            r"row 21, column 'colour': expected colours of one region's forces .*Hampshire",
        ),
        ("Kent", {"colour": "#1b6cb0"}, r"Hampshire: #1b6ca8.*found '#1b6cb0, \d+\.\d apart with normal colour vision"),
        ("Kent", {"colour": "blue"}, r"column 'colour': expected a colour written #rrggbb, or nothing"),
        ("Kent", {"workforce_name": "Essex"}, r"column 'workforce_name': expected a spelling or code that names one"),
        ("Kent", {"ons_pfa_code": "E2300003"}, r"row 21, column 'ons_pfa_code': expected an ONS code"),
        ("Kent", {"force": "Total"}, r"column 'force': expected a non-empty value, and not a total"),
    ],
)
def test_a_bad_registry_is_refused_in_one_line(tmp_path, force, values, message):
    with pytest.raises(InputError, match=message) as caught:
        read_forces(_changed(tmp_path, force, **values))
    assert "\n" not in str(caught.value)


def test_each_source_resolves_every_force_it_spells():
    for column in [*SPELLINGS, "ons_pfa_code"]:
        resolved = REGISTRY.resolver(column)
        assert sorted(resolved.values()) == sorted(REGISTRY.names), column
    assert REGISTRY.resolver("workforce_name")["Avon & Somerset"] == "Avon and Somerset"
    assert REGISTRY.resolver("salah_name")["west_marcia"] == "West Mercia"
    assert REGISTRY.resolver("prc_rds_name")["Devon & Cornwall"] == "Devon and Cornwall"
    assert REGISTRY.resolver("ons_pfa_code")["E23000017"] == "Warwickshire"
