"""Sentences whose wording depends on the data: built here, glued whole, and listed in the
figures register. A sentence whose words do not change belongs in the chapter's Markdown."""

from __future__ import annotations

import pandas as pd

from ..periods import day_label
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


def stated_against_counted(stated: pd.DataFrame, counted: pd.DataFrame, unit: str, counter: str) -> list[str]:
    """A sentence, as MyST Markdown, for each force's stated round figure set beside the latest
    count of the same thing, with the difference between the two (text escaped).

    ``stated``: ``force``, ``qualifier`` ("around"), ``value`` and ``document`` (where it was
    stated); ``counted``: ``force``, ``as_at`` (a day) and ``count``; ``unit``: what both count
    ("Special Constables"); ``counter``: who counted ("the Home Office"). A force with no count
    gets no sentence.
    """
    latest = counted.sort_values("as_at").groupby("force").tail(1).set_index("force")
    sentences = []
    for row in stated.itertuples():
        if row.force not in latest.index:
            continue
        count, day = int(latest.loc[row.force, "count"]), latest.loc[row.force, "as_at"]
        gap = int(row.value) - count
        compared = "the same as stated" if gap == 0 else f"{abs(gap):,} {'fewer' if gap > 0 else 'more'} than stated"
        sentences.append(
            f"{myst_inline(row.force)} stated {myst_inline(row.qualifier)} {int(row.value):,} {myst_inline(unit)} "
            f"in {myst_inline(row.document)}; {myst_inline(counter)} counted {count:,} on "
            f"{day_label(f'{pd.Timestamp(day):%Y-%m-%d}')}, the latest count this edition holds: {compared}."
        )
    return sentences
