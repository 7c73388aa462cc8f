"""Names readers see for the codes the data and parameters use."""

import re
from collections.abc import Mapping

from ..periods import last_complete_month, month_label

SCHEME_NAMES = {
    "chi": "Cambridge Crime Harm Index (CCHI 2026 median per Home Office offence subgroup), days of imprisonment",
    "css": "ONS Crime Severity Score weight per offence code",
}
"""Harm weighting schemes (``harm.scheme`` in the parameters), as the text names them."""
HOURS_PERIOD_WORDS = {"Jan-Sep": "January to September", "Jan-Dec": "the full year"}
"""How each Specials duty-hours period reads inside a sentence."""
HOURS_PERIOD_LABELS = {"Jan-Sep": "January to September", "Jan-Dec": "Full year"}
"""How each Specials duty-hours period reads as a table or chart label."""

_ASSESSMENT = re.compile(r"Strategic Assessment \d{4}/\d{2}")


def printed_in(source: Mapping | str) -> str:
    """The assessment a printed table comes from, in words: ``source`` is a dataset's catalogue
    entry, whose ``printed_in`` field names the document and section ("Strategic Assessment
    2016/17, Section 5" → "Strategic Assessment 2016/17"), or any text naming it; "the
    assessment" when it names none."""
    text = source.get("printed_in", "") if isinstance(source, Mapping) else source
    found = _ASSESSMENT.search(text)
    return found[0] if found else "the assessment"


_SECTION = re.compile(r"Strategic Assessment \d{4}/\d{2}, Section \d+")


def printed_section(source: Mapping | str) -> str:
    """The assessment and section a printed table comes from: ``source`` is a dataset's catalogue
    entry, whose ``printed_in`` field names them ("Strategic Assessment 2016/17, Section 4"), or
    any text naming them; ``printed_in(source)`` when it names no section."""
    text = source.get("printed_in", "") if isinstance(source, Mapping) else source
    found = _SECTION.search(text)
    return found[0] if found else printed_in(source)


def due_label(due: str, as_of: str | None, style: str = "short") -> str:
    """A due month (YYYY-MM) as readers see it ("Jun 2017"), followed by " (passed)" when the month
    ended on or before the day ``as_of`` (YYYY-MM-DD) the edition is written as of."""
    label = month_label(due, style)
    return f"{label} (passed)" if as_of is not None and due <= last_complete_month(as_of) else label
