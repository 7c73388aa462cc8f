"""assess.read.hate_crime_foi.read_hate_crime_panel: the authors' merged monthly hate crime panel,
the national file of ``hate_crime_by_force``."""

import csv
from pathlib import Path

import pytest

from assess.errors import InputError
from assess.read.catalogue import dataset_files, read_catalogue
from assess.read.forces import read_forces
from assess.read.hate_crime_foi import read_hate_crime_by_force, read_hate_crime_panel

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = read_forces(ROOT / "data/reference/forces.csv")
COUNTIES = REGISTRY.resolver("salah_name")
HEADER = "county_str,police_area_pop,county_pop,date,hate_crimes,muslim_crimes\n"


def _rows(county: str, months: range, counts, year: int = 2015) -> str:
    """Synthetic panel rows: ``county`` in months ``months`` of ``year`` (written unpadded, as the
    panel does), ``counts`` a function of the month giving the hate_crimes cell (text)."""
    return "".join(f"{county},1000,,{year}-{m}-01,{counts(m)},\n" for m in months)


def test_a_forces_rows_with_the_archives_spellings_and_unpadded_months(write_csv):
    """West Mercia spelled ``west_marcia``, West Midlands ``west_midlands`` (``west-midlands`` in
    the registry): both resolved; months written 2015-1-01 read as 2015-01; only the forces
    asked for are returned."""
    path = write_csv(
        HEADER
        + _rows("west_marcia", range(12, 0, -1), lambda m: m)  # out of order
        + _rows("west_midlands", range(1, 4), lambda m: 10 * m)
        + _rows("avon_somerset", range(1, 13), lambda m: 100)
    )
    table = read_hate_crime_panel(path, COUNTIES, ["West Mercia", "West Midlands"])
    assert list(table.columns) == ["month", "force", "recorded_crimes"]
    assert set(table["force"]) == {"West Mercia", "West Midlands"}
    mercia = table[table["force"] == "West Mercia"]
    assert mercia["month"].tolist() == [f"2015-{m:02d}" for m in range(1, 13)]
    assert mercia["recorded_crimes"].tolist() == list(range(1, 13))
    assert table.loc[table["force"] == "West Midlands", "recorded_crimes"].sum() == 10 + 20 + 30


def test_a_force_the_panel_lacks_gets_no_rows(write_csv):
    path = write_csv(HEADER + _rows("avon_somerset", range(1, 13), lambda m: 5))
    table = read_hate_crime_panel(path, COUNTIES, ["Staffordshire"])
    assert table.empty and list(table.columns) == ["month", "force", "recorded_crimes"]


def test_an_empty_count_is_no_row_never_zero(write_csv):
    """A force whose hate_crimes cells are all empty (the panel holds only its Muslim-targeted
    crimes) gets no rows; an empty month at the end of a force's run shortens it."""
    kent = _rows("kent", range(1, 13), lambda m: m if m < 12 else "")
    path = write_csv(HEADER + _rows("cambridgeshire", range(1, 13), lambda m: "") + kent)
    table = read_hate_crime_panel(path, COUNTIES, ["Cambridgeshire", "Kent"])
    assert set(table["force"]) == {"Kent"} and table["month"].iloc[-1] == "2015-11"
    assert 0 not in table["recorded_crimes"].tolist()


@pytest.mark.parametrize(
    "text, message",
    [
        (HEADER + "kent,1,,2015-13-01,3,\n", "row 2, column 'date': expected the first day of a month written YYYY-M"),
        (HEADER + "kent,1,,2015-1-15,3,\n", "row 2, column 'date'"),
        (HEADER + "atlantis,1,,2015-1-01,3,\n", "row 2, column 'county_str': expected one of"),
        (HEADER + "kent,1,,2015-1-01,-3,\n", "row 2, column 'hate_crimes': expected a whole number"),
        (
            HEADER + "kent,1,,2015-1-01,3,\nkent,1,,2015-01-01,4,\n",
            "row 3, column 'county_str': expected one row for each county_str and date",
        ),
        (
            HEADER + "west-midlands,1,,2015-1-01,3,\nwest_midlands,1,,2015-1-01,3,\n",
            "row 3, column 'county_str': expected one row for each force and month, found 'West Midlands twice",
        ),
        (
            HEADER + "kent,1,,2015-1-01,3,\nkent,1,,2015-3-01,4,\n",
            "expected a row for every month from 2015-01 to 2015-03, found 'no row for 2015-02 \\(Kent\\)'",
        ),
    ],
)
def test_malformed_panel_is_refused(write_csv, text, message):
    with pytest.raises(InputError, match=message):
        read_hate_crime_panel(write_csv(text), COUNTIES, ["Kent", "West Midlands"])


# ---- the national file the catalogue names ----

CATALOGUE = read_catalogue(ROOT)
ENTRY = CATALOGUE["hate_crime_by_force"]
NATIONAL = ROOT / ENTRY["national"]


def _panel_text() -> list[dict]:
    with open(NATIONAL, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_catalogues_suppressed_counts_are_the_panels_counts():
    """The catalogue declares ``hate_crimes`` suppressed for the dataset; the national panel holds
    its counts in a column of that name, as the forces' own files do."""
    header = set(_panel_text()[0])
    assert ENTRY["suppressed"] and set(ENTRY["suppressed"]) <= header


def test_the_national_panel_read_for_every_force_matches_an_independent_reading():
    """Every force of the registry: the reader's rows equal the panel's non-empty hate_crimes cells
    of the force, read here with the csv module (a force the panel lacks: none)."""
    table = read_hate_crime_panel(NATIONAL, COUNTIES, list(REGISTRY.names))
    expected: dict[tuple[str, str], int] = {}
    for row in _panel_text():
        if row["hate_crimes"]:
            year, month, _ = row["date"].split("-")
            force = COUNTIES.get(row["county_str"]) or COUNTIES[row["county_str"].replace("_", "-")]
            expected[(force, f"{year}-{int(month):02d}")] = int(row["hate_crimes"])
    got = {(r.force, r.month): int(r.recorded_crimes) for r in table.itertuples()}
    assert got == expected
    assert 20 <= table["force"].nunique() < len(REGISTRY.names)


def test_the_panel_agrees_with_each_forces_own_file_where_both_hold_a_month():
    """The forces' own files (the catalogue's ``files`` pattern, beside the panel) against the
    panel, month by month over the months both hold: equal (SOURCES.md says so)."""
    own = read_hate_crime_by_force(dataset_files(NATIONAL.parent, ENTRY), COUNTIES)
    assert not own.empty
    panel = read_hate_crime_panel(NATIONAL, COUNTIES, sorted(set(own["force"])))
    both = own.merge(panel, on=["force", "month"], suffixes=("_own", "_panel"))
    assert set(both["force"]) == set(own["force"]) and len(both) >= 12 * both["force"].nunique()
    assert (both["recorded_crimes_own"] == both["recorded_crimes_panel"]).all()
