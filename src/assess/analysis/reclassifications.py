"""Changes of offence classification that a comparison crosses, so that the prose can name them.

The table of known changes (``data/reference/reclassifications.csv``) is an input: each row has
``effective_month`` (YYYY-MM, the first month counted the new way) and ``offence_group``.
"""

from __future__ import annotations

import pandas as pd


def crossing(table: pd.DataFrame, first_month: str, last_month: str, groups=None) -> pd.DataFrame:
    """The rows of ``table`` whose change falls inside a comparison running from ``first_month`` to
    ``last_month`` (YYYY-MM, the earliest and latest month of everything compared): counted one way
    in some of its months and the other way in others, i.e. ``first_month`` < effective month ≤
    ``last_month``. ``groups``: the offence groups compared (None: every group). Returns the rows
    in order of effective month, with the table's columns; empty when none crosses."""
    if first_month > last_month:
        raise ValueError(f"the comparison runs from {first_month} to {last_month}: the first month is later")
    effective = table["effective_month"].astype(str)
    inside = (effective > first_month) & (effective <= last_month)
    if groups is not None:
        inside &= table["offence_group"].isin(list(groups))
    return table[inside].sort_values("effective_month", kind="stable").reset_index(drop=True)
