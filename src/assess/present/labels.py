"""Names readers see for the codes the data and parameters use."""

import re

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


def printed_in(title: str) -> str:
    """The assessment a printed table comes from, as its catalogue title names it ("Special
    Constables recruited and resigning (Strategic Assessment 2016/17, Section 5)" → "Strategic
    Assessment 2016/17"); "the assessment" when the title names none."""
    found = _ASSESSMENT.search(title)
    return found[0] if found else "the assessment"


_SECTION = re.compile(r"Strategic Assessment \d{4}/\d{2}, Section \d+")


def printed_section(title: str) -> str:
    """The assessment and section a printed table comes from, as its catalogue title names them
    ("... (Strategic Assessment 2016/17, Section 4)" → "Strategic Assessment 2016/17, Section 4");
    ``printed_in(title)`` when the title names no section."""
    found = _SECTION.search(title)
    return found[0] if found else printed_in(title)
