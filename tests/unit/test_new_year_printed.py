"""`assess new-year` keeps the tables transcribed from a printed assessment (the Special
Constabulary's hours, establishment and flows): no later edition of a print comes, so the new
edition keeps their files and their own periods, does not ask for them, and says so. Registers,
which also name the print they came from but are the analysts' own files, are still asked for."""

from __future__ import annotations

import pytest
import yaml

from assess.build.newyear import printed_tables, scaffold
from assess.edition import load_edition
from assess.errors import ConfigError
from assess.periods import Period, span_label
from assess.read.catalogue import read_catalogue
from conftest import ROOT, single_force_params
from new_year_steps import changed_default_params

CATALOGUE = read_catalogue(ROOT)


def _transcribed(edition) -> set[str]:
    """The datasets the edition reads from data/raw/ that the catalogue says were printed."""
    raw = (ROOT / "data" / "raw").resolve()
    return {
        n
        for n in edition.data
        if CATALOGUE.get(n, {}).get("printed_in") and edition.path(n).resolve().is_relative_to(raw)
    }


def test_printed_tables_are_the_transcriptions_in_data_raw_not_the_registers():
    edition = load_edition(single_force_params(), ROOT)
    names = ["specials_duty_hours", "specials_flows", "issue_register", "street_crime", "glossary"]
    kept = printed_tables(edition, names, CATALOGUE)
    assert [k.dataset for k in kept] == ["specials_duty_hours", "specials_flows"]
    hours, flows = kept
    assert hours.period == edition.periods["specials_duty_hours"] and flows.period is None
    assert hours.path == "data/raw/sa2016-17/specials_duty_hours.csv"
    assert hours.line() == (
        f"specials_duty_hours: {hours.path} ({span_label(hours.period, 'long')}, as printed in "
        f"{CATALOGUE['specials_duty_hours']['printed_in']}; no later edition)"
    )


@pytest.mark.wide
def test_new_year_keeps_the_printed_tables_with_their_own_period(new_year):
    """A single-force edition's next year: each transcribed table keeps its file and its stated
    period, is not among the files to supply, and heads the new file as kept; a register still
    must be supplied."""
    edition, done, text = new_year(single_force_params())
    needed, kept, written = done.needed, done.kept, yaml.safe_load(text)
    transcribed = _transcribed(edition)
    assert {"specials_duty_hours", "specials_establishment", "specials_flows"} <= transcribed
    assert {k.dataset for k in kept} == transcribed
    assert not transcribed & {n.dataset for n in needed}
    assert "issue_register" in {n.dataset for n in needed}  # a register names its print, but is revised
    for name in transcribed:
        assert ROOT / written["data"][name] == edition.path(name), name
        stated = written["periods"].get(name)
        assert (Period(**stated) if stated else None) == edition.periods.get(name), name
    header = text.split("\nedition:")[0]
    assert "# Kept as printed, each with its own period" in header
    assert all(f"#   {k.line()}" in header for k in kept)


@pytest.mark.wide
def test_a_printed_tables_period_given_by_a_rule_is_stated_as_it_was(new_year):
    """Without a stated period the catalogue's rule would follow the new as-of date to months no
    print holds: the scaffold states the period the old edition read instead (an edition whose
    as-of date the printed hours cover by the rule)."""
    edition, done, text = new_year(changed_default_params(), wait_for_data=True)
    old = edition.periods["specials_duty_hours"]
    written = yaml.safe_load(text)
    assert written["periods"]["specials_duty_hours"] == {"start": old.start, "end": old.end}
    assert "specials_duty_hours: {start:" in text and "no later edition" in text
    assert "specials_duty_hours" not in {n.dataset for n in done.needed}


def test_new_year_always_names_this_year_as_the_previous_edition(new_year):
    """Also from an edition that names none: next year's changes page compares with this year's."""
    edition, done, text = new_year(changed_default_params(), wait_for_data=True)
    assert yaml.safe_load(text)["previous_edition"] == edition.source.stem
    assert load_edition(done.path, ROOT).previous_edition == edition.source


@pytest.mark.parametrize("folder", ["data/raw", "params/../data/raw", "elsewhere"])
def test_new_year_writes_only_into_a_params_folder(tmp_path, folder):
    """A parameter file kept under data/raw of the project (or in any folder not named params) is
    refused in one line, and nothing is written."""
    source = (ROOT / folder / "x.yml") if folder.startswith(("data", "params")) else tmp_path / folder / "x.yml"
    before = set(source.parent.iterdir()) if source.parent.is_dir() else set()
    with pytest.raises(ConfigError) as caught:
        scaffold(source, "2030-31", ROOT)
    assert "params/ folder" in str(caught.value) and "\n" not in str(caught.value)
    assert (set(source.parent.iterdir()) if source.parent.is_dir() else set()) == before
