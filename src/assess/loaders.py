"""Loaders: each reads one dataset and returns a schema-checked tidy DataFrame.

A loader takes the path an edition gives for its dataset (``edition.path(name)``) and raises
InputError, naming file, row and column, at the first malformed value. Nothing here writes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

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
    """Recorded hate crime, both forces together: ``month`` (YYYY-MM), ``recorded_crimes`` (count)."""
    return read_csv(path, [Month("month"), Count("recorded_crimes")], key=["month"])


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
