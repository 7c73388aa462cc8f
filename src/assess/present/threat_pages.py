"""One page per threat, as MyST Markdown: the key judgement, a box of where the threat stands, the
analysts' text, the intelligence gaps, the recommendations for the year ahead, and the threat in
the data (tables the Threat assessments chapter computed) or the data that would measure it.

Front-matter values are escaped for Markdown; the body and the front matter's sentences are the
analysts' own Markdown, which the reader has parsed and allowed (``assess.read.markdown``) and
which is written back from its parsed tree, escaped by construction (``assess.present.markdown``).
"""

from __future__ import annotations

import pandas as pd

from ..analysis.registers_summary import owners
from ..periods import month_label
from .escape import myst_inline
from .glossary import Acronyms
from .labels import due_label
from .markdown import page_markdown, sentence_markdown
from .wording import join_words

POSITIONS = {
    "priority": "Priority",
    "intelligence requirement": "Intelligence requirement",
    "monitor": "Monitored through daily business (neither a priority nor an intelligence requirement)",
}
NO_EVIDENCE = "**Evidence:** this edition holds no data for this threat's judgement."
"""The evidence line of a threat page when the edition measures nothing of it."""
DIRECTIONS = {
    "increasing": "Increasing",
    "stable": "Stable",
    "decreasing": "Decreasing",
    "unknown": "Not assessed",
}


def threat_markdown(
    threat: dict,
    ahead: pd.DataFrame | None,
    tables: list[str],
    method: str,
    glossary: pd.DataFrame | None,
    yardstick: pd.DataFrame | None = None,
    as_of: str | None = None,
    carried_from: str | None = None,
    later_sources: str = "",
    evidence: list[str] = (),
) -> str:
    """The page of one threat.

    ``ahead``: the recommendations for the year ahead (the threat's own are shown), or None;
    ``tables``: HTML of the threat's indicator tables as the chapter made them (empty when the
    edition has no data for them); ``method``: MyST Markdown of how they were measured, shown in a
    collapsed block under them; ``yardstick``: phrase, low, high (per cent), to give the range of
    the likelihood; ``as_of``: the day (YYYY-MM-DD) the edition is written as of, by which due
    months that have ended are marked as passed; ``carried_from``: the month (YYYY-MM) the threat
    was last reviewed when that was for an earlier assessment, which the page then says first
    (None when it was reviewed for this edition); ``later_sources``: the Threat assessments
    chapter's note naming the sources it read that were published after the as-of date (MyST,
    from ``present.pages.later_sources_note``), put under the carried-forward warning of a page
    that shows the chapter's tables; ``evidence``: the evidence lines (MyST, ``present.evidence``),
    each force's data held against the judged direction and the Control Strategy place, shown
    under the key judgement (one line saying the edition holds no data when empty).
    """
    acronyms = Acronyms(glossary) if glossary is not None else None

    def text(run: str) -> str:
        return acronyms.expand(run) if acronyms else run

    def words(label: str) -> str:
        return myst_inline(text(label))

    def sentence(markdown: str) -> str:
        return sentence_markdown(markdown, text)

    if acronyms:
        acronyms.expand(threat["title"])
    likelihood = threat["likelihood"].capitalize()
    if yardstick is not None:
        row = yardstick.set_index("phrase").loc[threat["likelihood"]]
        likelihood += (
            f" ({row['low']} to {row['high']} per cent on the probability yardstick of the Professional Head of"
            " Intelligence Analysis)"
        )
    lines = [
        f"# {myst_inline(threat['title'])}",
        "",
        *_carried_forward(carried_from),
        *([later_sources] if later_sources else []),
        f"**Key judgement:** {sentence(threat['key_judgement'])}",
        "",
        *[line for item in (evidence or [NO_EVIDENCE]) for line in (item, "")],
        ":::{admonition} Where this threat stands",
        ":class: assess-threat-box",
        f"- **Control Strategy:** {myst_inline(POSITIONS[threat['control_strategy']])}",
        f"- **Direction, as the assessment judged it:** {myst_inline(DIRECTIONS[threat['direction']])}",
        f"- **Likelihood of the key judgement:** {words(likelihood)}",
        f"- **Owner:** {words(join_words(owners(threat['id'], ahead)) or 'to be assigned')}",
        f"- **Last reviewed:** {myst_inline(month_label(threat['last_reviewed'], 'long'))}",
        f"- **Assessed in:** {words(threat['source_section'])}",
        ":::",
        "",
        page_markdown(threat["body"], text, threat.get("source"), threat.get("body_lines")),
        "",
        "## What we do not know",
        "",
    ]
    gaps = threat["intelligence_gaps"]
    lines += [f"- {sentence(gap)}" for gap in gaps] if gaps else ["The assessment names no intelligence gap."]
    lines += ["", "## Recommendations for the year ahead", ""]
    mine = ahead[ahead["number"].isin(threat["recommendations"])] if ahead is not None else None
    if mine is None or mine.empty:
        lines.append("No recommendation for the year ahead addresses this threat.")
    for row in mine.sort_values("number").itertuples() if mine is not None else ():
        lines.append(
            f"- **{int(row.number)}.** {sentence(row.recommendation)} (owner: {words(row.owner)}; "
            f"due {myst_inline(due_label(row.due, as_of, 'long'))})"
        )
    lines += ["", "## In the data", ""]
    if tables:
        for html in tables:
            lines += [html.strip(), ""]
        lines += [":::{admonition} How this was measured", ":class: dropdown", method, ":::"]
    elif threat["indicators"]:
        lines.append(
            "The data this threat's indicators need is not held for this edition's period; the Threat"
            " assessments page names what is missing."
        )
    if not threat["indicators"]:
        lines.append("No published data measures this threat. It would be measured with:")
        lines += [""] + [f"- {sentence(item)}" for item in threat["data_needed"]]
    elif threat["data_needed"]:
        lines += ["", "Data that would measure it better:", ""] + [f"- {sentence(i)}" for i in threat["data_needed"]]
    return "\n".join(lines) + "\n"


def _carried_forward(reviewed: str | None) -> list[str]:
    """A warning that the page is an earlier assessment's, unrevised; nothing when ``reviewed`` is None."""
    if reviewed is None:
        return []
    return [
        ":::{admonition} Carried forward from an earlier assessment",
        ":class: warning",
        f"This threat was last reviewed in {month_label(reviewed, 'long')}, for an earlier assessment, and has not"
        " been reviewed for this edition: its key judgement, position and text are as they stood then.",
        ":::",
        "",
    ]


def method_markdown(street: dict | None, recorded_year: str | None, scheme: str) -> str:
    """How a threat page's tables were measured, escaped for Markdown. ``street``: the crime
    findings' words (``recent``, ``earlier``: the windows compared; ``significance`` and ``level``
    as printed, "5%", "98.9%"; ``series``: how many were compared), or None when the page has no
    data.police.uk crime types; ``recorded_year``: the financial year of the Home Office offence
    codes' table (YYYY-YY), or None when it has none; ``scheme``: the harm index (``chi`` or
    ``css``). Only the tables the page shows are described."""
    parts = []
    if street:
        v = {k: myst_inline(str(value)) for k, value in street.items()}
        parts.append(
            f"Each of the threat's data.police.uk crime types is the crime finding the Performance chapter "
            f"gives it, in the same words: crimes a day in {v['recent']} against {v['earlier']}, with the "
            f"variation of the whole monthly series allowed for (quasi-Poisson), called higher or lower only "
            f"when the change survives a false discovery rate of {v['significance']} across the "
            f"{v['series']} series compared, with {v['level']} intervals adjusted to match; otherwise it is "
            "not distinguishable from chance. The long-run check is the seasonal Mann-Kendall test of the "
            "whole series."
        )
    if recorded_year:
        parts.append(
            "Crimes of the threat's Home Office offence codes are the counts of financial year "
            f"{myst_inline(recorded_year)}, each weighted for harm by the {HARM_INDEX[scheme == 'chi']}."
        )
    parts.append("Recorded crime counts what was reported and recorded, not all crime.")
    return " ".join(parts)


HARM_INDEX = {
    True: "Cambridge Crime Harm Index (days of imprisonment)",
    False: "Crime Severity Score of the Office for National Statistics",
}
"""The harm index of the threat pages, by whether it is the Crime Harm Index."""
