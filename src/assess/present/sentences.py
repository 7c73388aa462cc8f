"""Sentences whose wording depends on the data: built here, glued whole, and listed in the
figures register. A sentence whose words do not change belongs in the chapter's Markdown."""

from __future__ import annotations

import pandas as pd

from .escape import myst_inline
from .labels import HOURS_PERIOD_WORDS


def mismatch_sentences(mismatches: pd.DataFrame) -> list[str]:
    """A sentence for each printed % change that disagrees with the hours it was printed beside,
    as MyST Markdown (the force's name escaped; the printed change has been read as a number)."""
    return [
        f"{myst_inline(row.force)}, {HOURS_PERIOD_WORDS[row.period]} {int(row.year)}: the assessment printed "
        f"{row.pct_change_printed.replace(' ', '')} but its own hours ({int(row.previous_hours):,} in "
        f"{int(row.year) - 1}, {int(row.duty_hours):,} in {int(row.year)}) give {row.pct_change:+.1f}%, "
        f"a difference of {abs(row.difference_pp):.1f} percentage points."
        for row in mismatches.itertuples()
    ]
