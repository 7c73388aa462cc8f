"""Judgements held against the evidence: the rules that set what the data shows beside what the
analysts judged, each returning one plain verdict.

Three things are judged in the registers and can be held against the data:

- a threat's **direction** ("increasing", "stable", "decreasing"), against the direction of its
  crime types' recorded crime (the crime findings, ``assess.analysis.direction``);
- a **key judgement** that expects a direction for the threats it names, the same way;
- a **Control Strategy place**: a priority, against its harm and direction among the measured
  threats; a threat left out of the Control Strategy, against the harm of the priorities.

Every rule returns one of ``VERDICTS``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from . import direction

SUPPORTS = "supports"
AGAINST = "points the other way"
UNSETTLED = "not settled by the data"
NO_DATA = "no data"
UNTESTED = "not tested"
VERDICTS = (SUPPORTS, AGAINST, UNSETTLED, UNTESTED, NO_DATA)
"""The evidence supports the judgement; points the other way; does not settle it (changes within
chance, or checks that disagree); the data measures what the judgement concerns but cannot test
what it claims (a judgement that expects no direction, or names threats measured by harm
alone: its page holds the evidence); or
this edition holds no data for it."""

MIXED = "mixed"
"""The data direction of several crime types of which some went up and some down beyond chance."""
EXPECTED = {"increasing": direction.HIGHER, "decreasing": direction.LOWER, "stable": direction.CHANCE}
"""The data direction each judged direction expects."""


def combined_direction(verdicts: Iterable[str]) -> str | None:
    """One direction for several crime types' verdicts (``direction.VERDICTS``): higher (or lower)
    when some went that way beyond chance and none the other; ``MIXED`` when both happened;
    not settled when a check disagreed and nothing went up or down; not distinguishable from
    chance when every one was compared and none changed beyond chance; None when there is none
    to go by (no crime type, or none compared)."""
    seen = {v for v in verdicts if v != direction.UNCOMPARED}
    if not seen:
        return None
    up, down = direction.HIGHER in seen, direction.LOWER in seen
    if up and down:
        return MIXED
    if up or down:
        return direction.HIGHER if up else direction.LOWER
    return direction.UNSETTLED if direction.UNSETTLED in seen else direction.CHANCE


def direction_verdict(judged: str | None, found: str | None) -> str:
    """A judged direction ("increasing", "stable", "decreasing"; anything else is no judgement)
    held against the data's ``found`` direction (``combined_direction``)."""
    if found is None or judged not in EXPECTED:
        return NO_DATA
    if found in (MIXED, direction.UNSETTLED):
        return UNSETTLED
    expected = EXPECTED[judged]
    if found == expected:
        return SUPPORTS
    if found == direction.CHANCE:
        return UNSETTLED  # a change was expected and the data shows none beyond chance
    return AGAINST


def harm_ranks(harm: pd.DataFrame) -> pd.DataFrame:
    """Rank the measured threats by harm within each force: ``harm`` has ``force``, ``threat`` and
    ``harm_share`` (% of all the harm the force recorded); adds ``harm_rank`` (1 = most harm; ties
    share the better rank) and ``measured`` (threats ranked in the force)."""
    out = harm.copy()
    out["harm_rank"] = out.groupby("force")["harm_share"].rank(ascending=False, method="min").astype(int)
    out["measured"] = out.groupby("force")["threat"].transform("count").astype(int)
    return out


def strategy_verdicts(places: pd.DataFrame) -> pd.DataFrame:
    """Each threat's Control Strategy place held against the data, force by force.

    ``places`` has ``force``, ``threat``, ``place`` ("priority", "intelligence requirement",
    "monitor"), ``harm_share`` (% of the force's harm; missing when not measured) and ``found``
    (``combined_direction``, or None). Adds ``verdict`` and ``reason``:

    - a priority is supported when it carries at least as much harm as the median measured threat
      or its recorded crime rose beyond chance; the data points the other way when its recorded
      crime fell beyond chance and it carries less harm than that median; otherwise not settled;
    - a threat outside the Control Strategy ("monitor") that carries more harm than more than half
      of the measured priorities points the other way (the data would place it among them);
      otherwise it is supported;
    - an intelligence requirement is supported by any data (it asks for more knowledge);
    - a threat with no harm measured and no direction has no data.
    """
    rows = []
    for force, mine in places.groupby("force", sort=False):
        measured = mine["harm_share"].dropna()
        median = float(measured.median()) if len(measured) else float("nan")
        priorities = mine.loc[(mine["place"] == "priority") & mine["harm_share"].notna(), "harm_share"]
        for row in mine.itertuples():
            verdict, reason = _strategy_verdict(row, median, priorities)
            rows.append({"force": force, "threat": row.threat, "verdict": verdict, "reason": reason})
    return places.merge(pd.DataFrame(rows), on=["force", "threat"], how="left")


def _strategy_verdict(row, median: float, priorities: pd.Series) -> tuple[str, str]:
    harm, found = row.harm_share, (None if pd.isna(row.found) else row.found)
    if pd.isna(harm) and found is None:
        return NO_DATA, "no data measures it"
    if row.place == "priority":
        if pd.notna(harm) and harm >= median:
            return SUPPORTS, "as much harm as the median measured threat or more"
        if found == direction.HIGHER:
            return SUPPORTS, "its recorded crime rose beyond chance"
        if found == direction.LOWER and pd.notna(harm) and harm < median:
            return AGAINST, "less harm than the median measured threat, and falling beyond chance"
        return UNSETTLED, "less harm than the median measured threat, with no rise beyond chance"
    if row.place != "monitor":
        return SUPPORTS, "an intelligence requirement: the data adds to what is known"
    if pd.isna(harm) or not len(priorities):
        return NO_DATA, "no harm measured to set beside the priorities'"
    if 2 * int((priorities < harm).sum()) > len(priorities):
        return AGAINST, "more harm than most of the measured priorities"
    return SUPPORTS, "less harm than most measured priorities"
