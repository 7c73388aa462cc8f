"""Schema-checked CSV reading: each malformation is reported with file, row and column."""

import pandas as pd
import pytest

from assess.errors import InputError
from assess.read.csvfile import Column, Count, Month, Number, read_csv

SCHEMA = [Column("force", allowed=("Warwickshire", "West Mercia")), Month("month"), Count("crimes")]
GOOD = "force,month,crimes\nWarwickshire,2018-10,12\nWest Mercia,2018-10,30\n"


def _error(write_csv, text, schema=SCHEMA, key=("force", "month"), **kw) -> InputError:
    path = write_csv(text, **kw)
    with pytest.raises(InputError) as caught:
        read_csv(path, schema, key=list(key))
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    return caught.value


def test_good_file_is_converted(write_csv):
    table = read_csv(write_csv(GOOD), SCHEMA, key=["force", "month"])
    assert list(table.columns) == ["force", "month", "crimes"]
    assert table["crimes"].tolist() == [12, 30]
    assert str(table["crimes"].dtype) == "Int64"


def test_padded_spaces_are_stripped(write_csv):
    table = read_csv(write_csv("force,month,crimes\n Warwickshire ,2018-10, 66776 \n"), SCHEMA)
    assert table.loc[0, "force"] == "Warwickshire" and table.loc[0, "crimes"] == 66776


def test_byte_order_mark_is_harmless(write_csv):
    table = read_csv(write_csv("\ufeff" + GOOD), SCHEMA)
    assert len(table) == 2


def test_missing_column(write_csv):
    err = _error(write_csv, "force,month\nWarwickshire,2018-10\n")
    assert err.row == 1 and "'crimes'" in str(err)


def test_negative_count(write_csv):
    err = _error(write_csv, GOOD + "West Mercia,2018-11,-3\n")
    assert (err.row, err.column) == (4, "crimes") and "'-3'" in str(err)


def test_thousands_separator_is_not_a_count(write_csv):
    err = _error(write_csv, GOOD + 'West Mercia,2018-11,"1,234"\n')
    assert (err.row, err.column) == (4, "crimes")


def test_bad_month(write_csv):
    err = _error(write_csv, GOOD + "West Mercia,Nov 2018,3\n")
    assert (err.row, err.column) == (4, "month") and "YYYY-MM" in str(err)


def test_value_not_allowed(write_csv):
    err = _error(write_csv, GOOD + "Mercia,2018-11,3\n")
    assert (err.row, err.column) == (4, "force") and "'Warwickshire'" in str(err)


def test_empty_required_cell(write_csv):
    err = _error(write_csv, GOOD + "West Mercia,2018-11,\n")
    assert (err.row, err.column) == (4, "crimes")


def test_duplicate_rows(write_csv):
    err = _error(write_csv, GOOD + "Warwickshire,2018-10,12\n")
    assert err.row == 4 and "one row for each force and month" in str(err)


def test_empty_file(write_csv):
    assert "empty file" in str(_error(write_csv, ""))


def test_header_only(write_csv):
    assert "at least one data row" in str(_error(write_csv, "force,month,crimes\n"))


def test_latin1_file(write_csv):
    err = _error(write_csv, "force,month,crimes,note\nWarwickshire,2018-10,1,café\n", encoding="latin-1")
    assert "UTF-8" in str(err)


def test_ragged_row(write_csv):
    err = _error(write_csv, GOOD + "West Mercia,2018-11,3,extra,more\n")
    assert err.row == 4 and "3 fields, as in the header" in str(err) and "'5 fields'" in str(err)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="a file at this path"):
        read_csv(tmp_path / "absent.csv", SCHEMA)


def test_number_with_minimum(write_csv):
    schema = [Column("name"), Number("weight", minimum=0)]
    table = read_csv(write_csv("name,weight\na,1.5\nb,0\n"), schema)
    assert table["weight"].tolist() == [1.5, 0.0]
    with pytest.raises(InputError) as caught:
        read_csv(write_csv("name,weight\na,1.5\nb,-0.1\n", name="neg.csv"), schema)
    assert (caught.value.row, caught.value.column) == (3, "weight")


def test_optional_empty_count_is_missing(write_csv):
    schema = [Column("name"), Count("hours", required=False)]
    table = read_csv(write_csv("name,hours\na,\nb,7\n"), schema)
    assert pd.isna(table.loc[0, "hours"]) and table.loc[1, "hours"] == 7


@pytest.mark.parametrize(
    "text",
    [
        "force,month,crimes\n\nWarwickshire,2018-10,12\n\n\nWest Mercia,2018-10,x\n",  # no quotes: lines split directly
        'force,month,crimes\n\n"Warwickshire",2018-10,12\n\n\nWest Mercia,2018-10,x\n',  # quotes: the csv module
        "force,month,crimes\r\n\r\nWarwickshire,2018-10,12\r\n\r\n\r\nWest Mercia,2018-10,x\r\n",  # CRLF
    ],
)
def test_rows_are_numbered_by_line_however_the_file_is_split(write_csv, text):
    err = _error(write_csv, text)
    assert err.row == 6 and err.column == "crimes"


def test_a_quoted_cell_over_two_lines_counts_both(write_csv):
    text = 'note,month\n"two\nlines",2018-10\none line,2018-13\n'
    err = _error(write_csv, text, schema=[Column("note"), Month("month")], key=("month",))
    assert err.row == 4 and err.column == "month"


def test_a_table_read_twice_is_its_own_copy_each_time(write_csv):
    path = write_csv(GOOD)
    first = read_csv(path, SCHEMA)
    first.loc[0, "crimes"] = 999
    first.attrs["lines"] = ()
    again = read_csv(path, SCHEMA)
    assert again["crimes"].tolist() == [12, 30] and list(again.attrs["lines"]) == [2, 3]


def test_a_changed_file_is_read_again(write_csv):
    path = write_csv(GOOD)
    assert read_csv(path, SCHEMA)["crimes"].tolist() == [12, 30]
    path.write_text(GOOD.replace(",12\n", ",13\n"))  # same size, same second
    assert read_csv(path, SCHEMA)["crimes"].tolist() == [13, 30]
