"""Sentences whose wording depends on the data: built here, glued whole, and listed in the
figures register. A sentence whose words do not change belongs in the chapter's Markdown."""

from __future__ import annotations

import pandas as pd

from .labels import HOURS_PERIOD_WORDS
from .wording import counted, join_words


def mismatch_sentences(mismatches: pd.DataFrame) -> list[str]:
    """A sentence for each printed % change that disagrees with the hours it was printed beside."""
    return [
        f"{row.force}, {HOURS_PERIOD_WORDS[row.period]} {int(row.year)}: the assessment printed "
        f"{row.pct_change_printed.replace(' ', '')} but its own hours ({int(row.previous_hours):,} in "
        f"{int(row.year) - 1}, {int(row.duty_hours):,} in {int(row.year)}) give {row.pct_change:+.1f}%, "
        f"a difference of {abs(row.difference_pp):.1f} percentage points."
        for row in mismatches.itertuples()
    ]


def changes_of_types(up: list[str], down: list[str], force: str, words: tuple[str, str] = ("higher", "lower")) -> str:
    """ "In Warwickshire, 2 crime types were higher (a and b) and no crime type was lower." for one
    force; ``words`` names the two directions (say "rising" and "falling")."""

    def part(names: list[str], verb: str) -> str:
        if not names:
            return f"no crime type was {verb}"
        was = "was" if len(names) == 1 else "were"
        return f"{counted(len(names), 'crime type')} {was} {verb} ({join_words(names)})"

    return f"In {force}, {part(up, words[0])} and {part(down, words[1])}."
