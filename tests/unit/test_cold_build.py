"""What makes a cold build fast without changing what it publishes: datasets read once and handed to
the chapter kernels (``assess.read.preloaded``), chapters started longest first, month dating done
once per distinct value."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from assess.build import pipeline
from assess.build.declarations import read_declaration
from assess.edition import load_edition
from assess.read import dating, preloaded, read_once
from assess.read.registry import READERS, read_dataset
from conftest import DEFAULT_PARAMS, ROOT, project_scratch


@pytest.fixture
def handed_over(tmp_path, default_params, write_params):
    """An edition whose policing areas are a scratch copy, its datasets read by a ``Reads``, saved
    and loaded as a chapter kernel would load them; the loaded store is emptied afterwards."""
    copy = project_scratch(tmp_path) / "policing_areas.csv"
    shutil.copyfile(ROOT / default_params["data"]["policing_areas"], copy)
    default_params["data"]["policing_areas"] = copy.relative_to(ROOT).as_posix()
    edition = load_edition(write_params(default_params), ROOT)
    reads = read_once.Reads(edition)
    for name in ("forces", "policing_areas"):
        reads(name)
    preloaded.load(reads.save(tmp_path / "datasets.pickle"))
    yield edition, copy
    preloaded.unload()


def test_a_dataset_handed_over_is_read_from_memory_as_a_fresh_copy(handed_over, monkeypatch):
    edition, _ = handed_over
    first = read_dataset(edition, "policing_areas")
    first.iloc[0, 0] = "changed by a chapter"
    monkeypatch.setitem(READERS, "policing_areas", None)  # the files are not read again
    again = read_dataset(edition, "policing_areas")
    assert isinstance(again, pd.DataFrame) and again.iloc[0, 0] != "changed by a chapter"


def test_a_dataset_whose_file_changed_is_read_from_the_file(handed_over):
    edition, copy = handed_over
    before = read_dataset(edition, "policing_areas")
    copy.write_text(copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # one more (blank) line
    assert preloaded.stored(edition, "policing_areas") is None
    pd.testing.assert_frame_equal(read_dataset(edition, "policing_areas"), before)


def test_another_edition_does_not_see_what_was_handed_over(handed_over):
    edition, _ = handed_over
    other = load_edition(DEFAULT_PARAMS, ROOT)
    assert other.source != edition.source and preloaded.stored(other, "policing_areas") is None


def test_a_reads_reads_each_dataset_once(monkeypatch):
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    calls = []
    monkeypatch.setattr(read_once, "read_dataset", lambda e, name: calls.append(name) or name.upper())
    reads = read_once.Reads(edition)
    assert [reads("forces"), reads("forces"), reads("glossary")] == ["FORCES", "FORCES", "GLOSSARY"]
    assert calls == ["forces", "glossary"]


def test_a_later_build_takes_what_an_earlier_one_read_while_its_files_are_unchanged(
    tmp_path, default_params, write_params, monkeypatch
):
    copy = project_scratch(tmp_path) / "policing_areas.csv"
    shutil.copyfile(ROOT / default_params["data"]["policing_areas"], copy)
    default_params["data"]["policing_areas"] = copy.relative_to(ROOT).as_posix()
    edition = load_edition(write_params(default_params), ROOT)
    calls = []
    monkeypatch.setattr(read_once, "read_dataset", lambda e, name: calls.append(name) or pd.DataFrame({"n": [1]}))
    kept = read_once.Kept()
    first = read_once.Reads(edition, kept)("policing_areas")
    first.loc[0, "n"] = 99  # the first build changes its own copy
    assert read_once.Reads(edition, kept)("policing_areas").loc[0, "n"] == 1
    assert read_once.Reads(edition)("policing_areas") is not None and calls == ["policing_areas"] * 2
    copy.write_text(copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # one more (blank) line
    read_once.Reads(edition, kept)("policing_areas")
    assert calls == ["policing_areas"] * 3
    derived = [read_once.Reads(edition, kept).derive("sum", ("policing_areas",), lambda: calls.append("d") or [5])]
    derived.append(read_once.Reads(edition, kept).derive("sum", ("policing_areas",), lambda: calls.append("d") or [6]))
    assert derived == [[5], [5]] and calls.count("d") == 1


def test_chapters_start_longest_first():
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    names = ["introduction", "national", "data-and-methods", "hate-crime"]
    declarations = {n: read_declaration(ROOT / "notebooks" / f"{n}.ipynb") for n in names}
    timed = {"introduction": 1.0, "national": 5.0, "data-and-methods": 3.0, "hate-crime": 2.0}
    assert pipeline._longest_first(names, timed, edition, declarations) == [
        "national",
        "data-and-methods",
        "hate-crime",
        "introduction",
    ]
    # Without a time for every chapter: the one that reads every dataset first, then by bytes of data read.
    guess = pipeline._longest_first(names, {"national": 5.0}, edition, declarations)
    assert guess[0] == "data-and-methods" and sorted(guess) == sorted(names)


def test_stored_seconds_ignore_a_damaged_file(tmp_path):
    path = tmp_path / pipeline.TIMINGS
    assert pipeline._stored_seconds(path) == {}
    path.write_text("[not a mapping")
    assert pipeline._stored_seconds(path) == {}
    path.write_text('{"national": 4.5, "intro": "slow"}')
    assert pipeline._stored_seconds(path) == {"national": 4.5}


def test_month_dating_is_computed_once_per_distinct_value():
    values = pd.Series(["2019-03", "2019-03-15", "", " ", "2019-03", pd.Timestamp("2018-12-31")] * 1000)
    calls = []
    months = dating._each_value(values, lambda v: calls.append(v) or dating._month(pd.Series([v])).iloc[0])
    first = months.tolist()[:6]
    assert [first[i] for i in (0, 1, 4, 5)] == ["2019-03", "2019-03", "2019-03", "2018-12"]
    assert months.iloc[2:4].isna().all()
    pd.testing.assert_series_equal(months, values.map(lambda v: dating._month(pd.Series([v])).iloc[0]))
    assert len(calls) == 5  # "2019-03", "2019-03-15", "", " ", the timestamp
