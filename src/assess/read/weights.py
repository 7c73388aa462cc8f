"""Harm weights and the crosswalk that leads offence codes to them (``data/reference/``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csvfile import Column, Count, Number, read_csv


def read_offence_crosswalk(path: str | Path) -> pd.DataFrame:
    """Offence code → ``chi_subgroup``, ``css_code``, ``police_uk_category`` (see offence_crosswalk.md).
    ``prc_subgroup_2017_18`` is empty for a code the 2017/18 table lacks, ``css_code`` for one with
    no Crime Severity Score weight (the harm chapter lists it as unweighted under that scheme)."""
    return read_csv(
        path,
        [
            Column("offence_code"),
            Column("offence_description"),
            Column("prc_subgroup_2017_18", required=False),
            Column("chi_subgroup"),
            Column("css_code", required=False),
            Column("police_uk_category"),
            Column("note", required=False),
        ],
        key=["offence_code"],
    )


def read_weights_chi(path: str | Path) -> pd.DataFrame:
    """CCHI 2026 median days per subgroup: ``chi_subgroup, police_uk_category, cchi_days, national_count_2024_25``."""
    return read_csv(
        path,
        [
            Column("chi_subgroup"),
            Column("police_uk_category"),
            Number("cchi_days", minimum=0),
            Count("national_count_2024_25"),
        ],
        key=["chi_subgroup"],
    )


def read_weights_css(path: str | Path) -> pd.DataFrame:
    """ONS Crime Severity Score weights: ``css_code, css_offence, css_weight``."""
    return read_csv(
        path, [Column("css_code"), Column("css_offence"), Number("css_weight", minimum=0)], key=["css_code"]
    )
