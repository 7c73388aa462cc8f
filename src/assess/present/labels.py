"""Names readers see for the codes the data and parameters use."""

SCHEME_NAMES = {
    "chi": "Cambridge Crime Harm Index (CCHI 2026 median per Home Office offence subgroup), days of imprisonment",
    "css": "ONS Crime Severity Score weight per offence code",
}
"""Harm weighting schemes (``harm.scheme`` in the parameters), as the text names them."""
HOURS_PERIOD_WORDS = {"Jan-Sep": "January to September", "Jan-Dec": "the full year"}
"""How each Specials duty-hours period reads inside a sentence."""
HOURS_PERIOD_LABELS = {"Jan-Sep": "January to September", "Jan-Dec": "Full year"}
"""How each Specials duty-hours period reads as a table or chart label."""
