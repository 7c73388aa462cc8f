"""Loaders: each reads one dataset and returns a schema-checked tidy DataFrame.

A loader takes the path an edition gives for its dataset (``edition.path(name)``) and raises
InputError, naming file, row and column, at the first malformed value. Nothing here writes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError
from .tabular import Column, Count, Integer, Month, Number, read_csv

FORCE_NAMES = ("Warwickshire", "West Mercia")
"""Forces the transcribed Strategic Assessment tables cover."""


def load_forces(path: str | Path) -> pd.DataFrame:
    """Police forces: ``force, home_office_name, police_uk_name, police_uk_slug`` (one row each)."""
    return read_csv(path, [Column("force"), Column("home_office_name"),
                           Column("police_uk_name", required=False), Column("police_uk_slug")],
                    key=["force"])


def load_key_facts(path: str | Path) -> pd.DataFrame:
    """Key facts as the forces stated them: ``fact, force, qualifier, value, unit, source``.

    ``value`` is a whole number in ``unit``; ``qualifier`` ("over", "around", ...) is the
    source's own hedge and travels with the value.
    """
    return read_csv(path, [Column("fact"), Column("force"), Column("qualifier", required=False),
                           Count("value"), Column("unit"), Column("source")],
                    key=["fact", "force"])


def load_timeline(path: str | Path) -> pd.DataFrame:
    """Dated events of the alliance, in date order: ``date`` (YYYY-MM or YYYY-MM-DD), ``event``,
    ``milestone`` (``start``, ``notice``, ``end`` or empty) and ``source``."""
    table = read_csv(path, [Column("date"), Column("event"),
                            Column("milestone", required=False, allowed=("start", "notice", "end")), Column("source")])
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def load_hate_crime_monthly(path: str | Path) -> pd.DataFrame:
    """Recorded hate crime, both forces together: ``month`` (YYYY-MM), ``recorded_crimes`` (count),
    in month order. A month missing from the run raises InputError: trend tests need every month."""
    table = read_csv(path, [Month("month"), Count("recorded_crimes")], key=["month"])
    table = table.sort_values("month").reset_index(drop=True)
    expected = [str(p) for p in pd.period_range(table["month"].iloc[0], table["month"].iloc[-1], freq="M")]
    missing = sorted(set(expected) - set(table["month"]))
    if missing:
        raise InputError(path, f"a row for every month from {expected[0]} to {expected[-1]}", column="month",
                         found=f"no row for {missing[0]}")
    return table


def load_hate_crime_totals_printed(path: str | Path) -> pd.DataFrame:
    """Yearly hate crime totals as the source printed them: ``financial_year`` (YYYY-YY), ``total_printed``."""
    return read_csv(path, [Column("financial_year"), Count("total_printed")], key=["financial_year"])


def load_specials_duty_hours(path: str | Path) -> pd.DataFrame:
    """Special Constabulary duty hours: ``force, period, year, duty_hours, pct_change_printed``.

    ``period`` is ``Jan-Sep`` (year to date) or ``Jan-Dec`` (full year); ``duty_hours`` is
    hours logged (empty where the source printed N/A); ``pct_change_printed`` is the source's
    text exactly as printed.
    """
    return read_csv(path, [Column("force", allowed=FORCE_NAMES), Column("period", allowed=("Jan-Sep", "Jan-Dec")),
                           Count("year"), Count("duty_hours", required=False),
                           Column("pct_change_printed", required=False)],
                    key=["force", "period", "year"])


def load_specials_establishment(path: str | Path) -> pd.DataFrame:
    """Specials headcount including those in training: ``force, as_at`` (YYYY-MM), ``specials_headcount``."""
    return read_csv(path, [Column("force", allowed=FORCE_NAMES), Month("as_at"), Count("specials_headcount")],
                    key=["force", "as_at"])


def load_west_mercia_area_crime(path: str | Path) -> pd.DataFrame:
    """West Mercia recorded crime: ``policing_area, month`` (YYYY-MM), ``recorded_crimes``."""
    return read_csv(path, [Column("policing_area"), Month("month"), Count("recorded_crimes")],
                    key=["policing_area", "month"])


def load_policing_areas(path: str | Path) -> pd.DataFrame:
    """Local authority districts: ``force, policing_area, local_authority, county`` (one row each)."""
    return read_csv(path, [Column("force"), Column("policing_area"), Column("local_authority"), Column("county")],
                    key=["local_authority"])


def load_source_documents(path: str | Path) -> pd.DataFrame:
    """The documents that transcribed facts cite: ``source`` (a short code), ``document`` (in words)."""
    return read_csv(path, [Column("source"), Column("document")], key=["source"])


def load_specials_flows(path: str | Path) -> pd.DataFrame:
    """Specials recruited and resigning, as printed: ``force, recruited_since_oct_2015, resignations_per_month``."""
    return read_csv(path, [Column("force", allowed=FORCE_NAMES), Count("recruited_since_oct_2015"),
                           Count("resignations_per_month")], key=["force"])


def load_west_mercia_area_total_printed(path: str | Path) -> pd.DataFrame:
    """West Mercia's monthly recorded crime total as printed: ``month`` (YYYY-MM), ``total_printed``."""
    return read_csv(path, [Month("month"), Count("total_printed")], key=["month"])


def load_recorded_crime(path: str | Path) -> pd.DataFrame:
    """Home Office police recorded crime by force, quarter and offence code.

    Returns ``financial_year`` (YYYY/YY as published), ``quarter`` (1-4), ``force_name`` (as
    published, national fraud bodies included), ``offence_group``, ``offence_subgroup``,
    ``offence_code``, ``offence_description`` and ``count`` (recorded crimes; the published
    padding spaces are stripped; a few quarterly counts are negative, adjustments for crimes
    cancelled after the quarter they were recorded in, and are kept as published). Rows are
    not unique by code: homicide (``1/4.1/4.10/4.2``) is published as four rows a force and
    quarter, one for each of its codes, so counts are summed, never de-duplicated.
    """
    columns = {"Financial Year": "financial_year", "Financial Quarter": "quarter", "Force Name": "force_name",
               "Offence Group": "offence_group", "Offence Subgroup": "offence_subgroup",
               "Offence Code": "offence_code", "Offence Description": "offence_description",
               "Number of Offences": "count"}
    table = read_csv(path, [Column("Financial Year"), Column("Financial Quarter", allowed=("1", "2", "3", "4")),
                            Column("Force Name"), Column("Offence Group"), Column("Offence Subgroup"),
                            Column("Offence Code"), Column("Offence Description"), Integer("Number of Offences")])
    return table.rename(columns=columns).assign(quarter=lambda t: t["quarter"].astype(int))


def load_offence_crosswalk(path: str | Path) -> pd.DataFrame:
    """Offence code → ``chi_subgroup``, ``css_code``, ``police_uk_category`` (see offence_crosswalk.md)."""
    return read_csv(path, [Column("offence_code"), Column("offence_description"), Column("prc_subgroup_2017_18"),
                           Column("chi_subgroup"), Column("css_code"), Column("police_uk_category"),
                           Column("note", required=False)], key=["offence_code"])


def load_weights_chi(path: str | Path) -> pd.DataFrame:
    """CCHI 2026 median days per subgroup: ``chi_subgroup, police_uk_category, cchi_days, national_count_2024_25``."""
    return read_csv(path, [Column("chi_subgroup"), Column("police_uk_category"), Number("cchi_days", minimum=0),
                           Count("national_count_2024_25")], key=["chi_subgroup"])


def load_weights_css(path: str | Path) -> pd.DataFrame:
    """ONS Crime Severity Score weights: ``css_code, css_offence, css_weight``."""
    return read_csv(path, [Column("css_code"), Column("css_offence"), Number("css_weight", minimum=0)],
                    key=["css_code"])


def load_street_monthly_counts(path: str | Path) -> pd.DataFrame:
    """Street-level records counted: ``month, force`` (as data.police.uk names it), ``crime_type, count``."""
    return read_csv(path, [Month("month"), Column("force"), Column("crime_type"), Count("count")],
                    key=["month", "force", "crime_type"])


def load_offence_police_uk_map(path: str | Path) -> pd.DataFrame:
    """Home Office offence code → data.police.uk category, as the crime_sim_toolkit project compiled it."""
    return read_csv(path, [Column("Offence_Group"), Column("Offence_Code"), Column("Offence_Description"),
                           Column("Offence_Subgroup"), Column("Police.uk_Cat")])


def load_workforce_tidy(path: str | Path) -> pd.DataFrame:
    """Workforce figures by force and date: ``as_at, area, level, measure, value, source_file, source_table``."""
    return read_csv(path, [Column("as_at"), Column("area"), Column("level", allowed=("force", "region", "total", "other")),
                           Column("measure"), Number("value", minimum=0), Column("source_file"), Column("source_table")])


def load_css_join(path: str | Path) -> pd.DataFrame:
    """ONS Crime Severity Score weights as published with their police.uk join (raw file)."""
    return read_csv(path, [Column("ONS_COUNTS_code"), Column("ONS_SEVERITY_code"), Number("ONS_SEVERITY_weight", minimum=0),
                           Column("POLICE_UK_CAT_MAP_category")], key=["ONS_COUNTS_code"])


def load_chi_raw(path: str | Path) -> pd.DataFrame:
    """CCHI 2026 subgroup medians as published (raw file): ``category, prc_subgroup, cchi_days, national_count_2024_25``."""
    return read_csv(path, [Column("category"), Column("prc_subgroup"), Number("cchi_days", minimum=0),
                           Count("national_count_2024_25")], key=["prc_subgroup"])


def load_chi_by_category(path: str | Path) -> pd.DataFrame:
    """CCHI 2026 volume-weighted days per police.uk category (raw file): ``crime_type, cchi_days``."""
    return read_csv(path, [Column("crime_type"), Number("cchi_days", minimum=0)], key=["crime_type"])
