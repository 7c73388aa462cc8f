"""What analysts really do to files: blank lines, multi-line cells, a column twice, a row pasted
twice, a "Total" row, inf in a weight, a count too long for an integer, a dataset path that
leads outside the project. Each is one line naming the file, the real line and the column."""

from __future__ import annotations

import os

import pytest

from assess.analysis.registers_summary import STATUSES
from assess.edition import load_edition
from assess.errors import ConfigError, InputError
from assess.read.assessment_tables import read_area_crime
from assess.read.csvfile import Column, Count, Month, read_csv
from assess.read.registers import read_recommendations
from assess.read.weights import read_weights_css
from conftest import ROOT

SCHEMA = [Column("force"), Month("month"), Count("crimes")]


def _error(call) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    assert "\n" not in str(caught.value)
    return caught.value


def test_row_numbers_are_line_numbers_after_blank_lines_and_multi_line_cells(write_csv):
    text = 'force,month,crimes\n\nA,2018-10,1\n"B\nsecond line",2018-10,2\n\n\nC,2018-1O,3\n'
    err = _error(lambda: read_csv(write_csv(text), SCHEMA))
    assert (err.row, err.column) == (8, "month")  # header 1, blank 2, A 3, B 4-5, blank 6-7
    table = read_csv(write_csv(text.replace("2018-1O", "2018-11")), SCHEMA)
    assert list(table.attrs["lines"]) == [3, 4, 8]


def test_a_column_name_given_twice_is_refused(write_csv):
    err = _error(lambda: read_csv(write_csv("force,month,crimes,crimes\nA,2018-10,1,2\n"), SCHEMA))
    assert (err.row, err.column) == (1, "crimes") and "once" in str(err)


def test_empty_trailing_header_cells_of_a_spreadsheet_export_are_harmless(write_csv):
    assert len(read_csv(write_csv("force,month,crimes,,\nA,2018-10,1,,\n"), SCHEMA)) == 1


def test_a_row_with_too_few_fields_is_refused_at_its_line(write_csv):
    err = _error(lambda: read_csv(write_csv("force,month,crimes\nA,2018-10,1\n\nB\n"), SCHEMA))
    assert err.row == 4 and "3 fields" in str(err)


@pytest.mark.parametrize("name", ["Total", "TOTAL", "Grand total", "All", "totals", "Sub-total", " total "])
def test_a_total_row_in_an_area_table_is_refused(write_csv, name):
    text = f"policing_area,month,recorded_crimes\nNorth,2016-04,10\n{name},2016-04,10\n"
    err = _error(lambda: read_area_crime(write_csv(text)))
    assert (err.row, err.column) == (3, "policing_area") and "not a total" in str(err)


def test_an_area_whose_name_only_contains_total_is_kept(write_csv):
    text = "policing_area,month,recorded_crimes\nTotality Vale,2016-04,10\nAllesley,2016-04,10\n"
    assert len(read_area_crime(write_csv(text))) == 2


def test_rows_pasted_twice_into_a_register_are_refused(write_csv):
    row = f"1,Theme,Do this,Done,{STATUSES[0]},all,2016-11\n"
    text = "number,theme,recommendation,update,status,force,reviewed\n" + row
    text += f"2,Other,That,Begun,{STATUSES[-1]},all,2016-11\n" + row
    err = _error(lambda: read_recommendations(write_csv(text)))
    assert err.row == 4 and "each row once" in str(err)


@pytest.mark.parametrize("weight", ["inf", "-inf", "nan", "1e400", "Infinity", "0x10", "1_000"])
def test_a_weight_must_be_a_finite_number(write_csv, weight):
    err = _error(lambda: read_weights_css(write_csv(f"css_code,css_offence,css_weight\n1,Murder,{weight}\n")))
    assert (err.row, err.column) == (2, "css_weight") and "finite" in str(err)


def test_a_count_too_large_for_an_integer_is_one_line(write_csv):
    err = _error(lambda: read_csv(write_csv("force,month,crimes\nA,2018-10,99999999999999999999999\n"), SCHEMA))
    assert (err.row, err.column) == (2, "crimes") and "18 digits" in str(err)
    assert read_csv(write_csv("force,month,crimes\nA,2018-10,999999999999999999\n"), SCHEMA)["crimes"][0] == 10**18 - 1


@pytest.mark.parametrize("where", ["/etc/hostname", "../outside.csv", "link.csv"])
def test_a_dataset_path_outside_the_project_is_refused_without_reading_it(
    tmp_path, default_params, write_params, where
):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for part in ("data/catalogue.yml",):
        (project / part).write_bytes((ROOT / part).read_bytes())
    (project / "data" / "forces.csv").write_bytes((ROOT / "data/reference/forces.csv").read_bytes())
    (tmp_path / "outside.csv").write_text("secret first line\n")
    os.symlink(tmp_path / "outside.csv", project / "link.csv")
    default_params["data"] = {"forces": "data/forces.csv", "key_facts": where}
    with pytest.raises(ConfigError) as caught:
        load_edition(write_params(default_params), project)
    message = str(caught.value)
    assert "key 'data.key_facts'" in message and "inside the project" in message and "secret" not in message
