"""Evidence lines: what the data shows about a threat, a key judgement or a Control Strategy place,
in one line and one plain verdict, in the same words wherever they are printed (threat pages, the
executive summary, the Control Strategy page)."""

from __future__ import annotations

import pandas as pd

from ..analysis import direction, evidence
from ..findings import CrimeDirections
from .crime_findings import EARLIER, windows
from .escape import myst_inline

VERDICT_WORDS = {
    evidence.SUPPORTS: "the evidence supports it",
    evidence.AGAINST: "the evidence points the other way",
    evidence.UNSETTLED: "the evidence does not settle it",
    evidence.UNTESTED: "not tested against the data; its page shows what the data holds",
    evidence.NO_DATA: "this edition holds no data for it",
}
"""The plain verdict of an evidence line."""
CRIME_WORDS = {
    direction.HIGHER: "higher",
    direction.LOWER: "lower",
    direction.CHANCE: "not distinguishable from chance",
    direction.UNSETTLED: "not settled",
    direction.UNCOMPARED: "not compared",
}
"""A crime type's verdict inside an evidence line (the crime findings' verdict, in lower case)."""
FOUND_WORDS = {
    direction.HIGHER: "higher",
    direction.LOWER: "lower",
    direction.CHANCE: "not distinguishable from chance",
    direction.UNSETTLED: "not settled",
    evidence.MIXED: "higher for some crime types and lower for others",
}


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def data_phrase(row: pd.Series, crimes: CrimeDirections, recorded_year: str) -> str:
    """What the data shows of one threat in one force (a row of ``chapters.threats.evidence``), as
    plain text: its harm share and rank, its recorded crimes and its crime types' direction with
    the period; "no data measures it in this edition" when nothing does."""
    parts = []
    if pd.notna(row["harm_share"]):
        parts.append(
            f"{row['harm_share']:.1f}% of the harm of the force's recorded crime in {recorded_year} "
            f"({ordinal(int(row['harm_rank']))} of {int(row['measured'])} measured threats; "
            f"{int(row['crimes']):,} recorded crimes)"
        )
    if row["verdicts"]:
        recent, _ = windows(crimes)
        each = []
        for crime_type, verdict in row["verdicts"].items():
            finding = crimes.of(row["force"], crime_type)
            change = f" ({finding['pct_change']:+.1f}%)" if pd.notna(finding["pct_change"]) else ""
            each.append(f"{crime_type.lower()} {CRIME_WORDS[verdict]}{change}")
        parts.append(f"recorded crime a day in {recent} against {EARLIER}: {', '.join(each)}")
    return "; ".join(parts) if parts else "no data measures it in this edition"


def threat_line(row: pd.Series, crimes: CrimeDirections, recorded_year: str, judged: str) -> str:
    """The evidence line of a threat page for one force (MyST): what the data shows, and the
    verdict on the assessment's judged direction ``judged`` (its words, "Increasing")."""
    if judged.lower() in ("not assessed", "unknown"):
        against = "The assessment judged no direction to hold against it."
    else:
        against = (
            f"Against the judged direction ({myst_inline(judged.lower())}): {VERDICT_WORDS[row['judged_verdict']]}."
        )
    return (
        f"**Evidence, {myst_inline(row['force'])}:** {myst_inline(data_phrase(row, crimes, recorded_year))}. {against}"
    )


def place_line(row: pd.Series, place: str) -> str:
    """The verdict on a threat's Control Strategy place in one force (MyST): "Against its place
    (priority): the evidence supports it (as much harm as ...)"."""
    return (
        f"Against its place in the Control Strategy ({myst_inline(place.lower())}), "
        f"{myst_inline(row['force'])}: {VERDICT_WORDS[row['verdict']]} ({myst_inline(row['reason'])})."
    )


def judgement_verdict(rows: pd.DataFrame, expected: str | None) -> str:
    """One verdict for a key judgement over the threats it names in every force (``rows`` of
    ``chapters.threats.evidence``) and the direction it expects (None: none expected): supports
    when every measured line supports it, points the other way when one does, not settled
    otherwise; no data when none is measured or no direction is expected."""
    if expected is None or rows.empty:
        return evidence.NO_DATA
    verdicts = {evidence.direction_verdict(expected, None if pd.isna(f) else f) for f in rows["found"]}
    verdicts.discard(evidence.NO_DATA)
    if not verdicts:
        return evidence.NO_DATA
    if evidence.AGAINST in verdicts:
        return evidence.AGAINST
    return evidence.SUPPORTS if verdicts == {evidence.SUPPORTS} else evidence.UNSETTLED
