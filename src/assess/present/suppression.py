"""Suppression of small counts: a count from 1 to the threshold minus 1 is not published."""

from __future__ import annotations

import pandas as pd


def suppress(frame: pd.DataFrame, columns: list[str], below: int) -> tuple[pd.DataFrame, int]:
    """Hide counts from 1 to ``below`` − 1 in ``columns`` (shown as "<below"), for sensitive tables.

    Zero is shown: it discloses nothing. Returns the new frame and how many cells were hidden.
    """
    out, hidden = frame.copy(), 0
    for column in columns:
        small = frame[column].between(1, below - 1)
        hidden += int(small.sum())
        out[column] = frame[column].astype(object).where(~small, f"<{below}")
    return out, hidden
