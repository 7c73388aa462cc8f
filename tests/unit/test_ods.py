"""The fast .ods reader gives what pandas' odfpy reader gives, on the shipped Home Office tables."""

import math
import numbers

import pandas as pd
import pytest

from assess.read.ods import read_ods, sheet_frame
from conftest import ROOT, THOROUGH

TABLES = sorted((ROOT / "data" / "raw" / "home_office_police_workforce").glob("*.ods"))
COMPARED = TABLES[:2] + TABLES[-1:] if THOROUGH else TABLES[-1:]
"""The tables read by both readers: the first two and the last under ``make test``; the last (the
smallest, in the older layout) under ``make check``, where odfpy takes seconds on each larger one."""


def _cells(frame: pd.DataFrame) -> set:
    """Every non-empty cell as (row, column, value), numbers rounded, text stripped."""
    out = set()
    rows = frame[frame.notna().any(axis=1)].reset_index(drop=True)
    for (i, j), value in rows.stack().items():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            value = round(float(value), 6)
        elif hasattr(value, "year") and not isinstance(value, str):
            value = pd.Timestamp(value)
        else:
            value = str(value).strip()
        if value != "":
            out.add((i, j, value))
    return out


@pytest.mark.parametrize("path", COMPARED, ids=lambda p: p.name)
def test_every_sheet_matches_odfpy(path):
    ours = read_ods(path)
    theirs = pd.read_excel(path, sheet_name=None, header=None, engine="odf")
    assert list(ours) == list(theirs)
    for name, frame in theirs.items():
        mine = sheet_frame(ours[name])
        assert (mine.notna().any(axis=1)).sum() == (frame.notna().any(axis=1)).sum(), name
        assert _cells(mine) == _cells(frame), name


def test_a_file_that_is_not_a_spreadsheet(write_csv):
    from assess.errors import InputError

    with pytest.raises(InputError, match="OpenDocument"):
        read_ods(write_csv("a,b\n1,2\n", name="fake.ods"))
