"""What a chapter page says of the analysts' registers it shows: how many of their entries are
carried forward from an earlier assessment, and, in plain words, that none was entered for the
edition's forces."""

from __future__ import annotations

from ...analysis.registers_summary import Review
from ...periods import month_label
from ..glue import glue
from ..wording import join_words


def glue_carried_forward(review: Review | None) -> None:
    """Glue ``registers_carried_forward`` (True when any entry the page shows was last reviewed
    for an earlier assessment) and, when one was, ``registers_review``: how many, in one sentence
    (:func:`review_sentence`), for the page's ``if:registers_carried_forward`` note. ``review``:
    the page's entries counted (``registers_summary.review``), or None when it shows none."""
    carried = review is not None and review.carried > 0
    glue(
        "registers_carried_forward",
        carried,
        description="whether any register entry shown is carried forward from an earlier assessment",
    )
    if carried:
        glue("registers_review", review_sentence(review), description="the register entries carried forward")


def review_sentence(review: Review) -> str:
    """How many of the entries a page shows are carried forward, and since when: "All 29 entries
    this page shows were last reviewed in November 2016, for an earlier assessment, and have not
    been reviewed for this edition." or "3 of the 29 entries ... between November 2016 and March
    2017 ...; the others were." (or "the other was"). ``review.carried`` must be 1 or more."""
    n, total = review.carried, review.total
    when = month_label(review.oldest, "long")
    if review.newest != review.oldest:
        when = f"between {when} and {month_label(review.newest, 'long')}"
    else:
        when = f"in {when}"
    if n == total:
        who = f"All {total:,} entries this page shows were" if total > 1 else "The entry this page shows was"
    else:
        who = f"{n:,} of the {total:,} entries this page shows {'was' if n == 1 else 'were'}"
    said = f"{who} last reviewed {when}, for an earlier assessment, and {'has' if n == 1 else 'have'} not been"
    said += " reviewed for this edition"
    rest = total - n
    return said + ("." if not rest else "; the other was." if rest == 1 else "; the others were.")


def reviewed_words(months) -> str:
    """When the entries of a table were last reviewed, for its source line: "entries reviewed
    November 2016", or "entries reviewed November 2016 to December 2026". ``months``: YYYY-MM."""
    months = sorted(set(months))
    first, last = month_label(months[0], "long"), month_label(months[-1], "long")
    return f"entries reviewed {first}" + (f" to {last}" if last != first else "")


def not_entered(what: str, forces) -> str:
    """The clause that says no ``what`` was entered for ``forces``, without a full stop: "No
    strategic risk register was entered for Staffordshire"; "... for Staffordshire and West
    Midlands" for several."""
    return f"No {what} was entered for {join_words(forces)}"
