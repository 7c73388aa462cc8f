"""What a chapter page says of the analysts' registers it shows: whether they are carried forward
from an earlier assessment, and, in plain words, that none was entered for the edition's forces."""

from __future__ import annotations

from ...periods import month_label
from ..glue import glue
from ..wording import join_words


def glue_carried_forward(carried_from: str | None) -> None:
    """Glue ``registers_carried_forward`` (True when the registers the page shows were last
    reviewed for an earlier assessment) and, when they were, ``registers_reviewed``: that month
    in words ("November 2016"), for the page's ``if:registers_carried_forward`` note.
    ``carried_from``: that month (YYYY-MM), or None."""
    glue(
        "registers_carried_forward",
        carried_from is not None,
        description="whether the registers shown are carried forward from an earlier assessment",
    )
    if carried_from is not None:
        glue(
            "registers_reviewed",
            month_label(carried_from, "long"),
            description="the month the registers shown were last reviewed",
        )


def not_entered(what: str, forces) -> str:
    """The clause that says no ``what`` was entered for ``forces``, without a full stop: "No
    strategic risk register was entered for Staffordshire"; "... for Staffordshire and West
    Midlands" for several."""
    return f"No {what} was entered for {join_words(forces)}"
