"""The executive summary: the key judgements with their likelihood and evidence, the Control
Strategy, and the recommendations for the year ahead, as one MyST Markdown page.

A judgement quotes figures only by name (``[[name]]``); :func:`fill_figures` puts in the value
this build's figures register holds, formatted as the register prints it. A judgement's text and
a recommendation are the analysts' Markdown, written back from their parsed tree
(``assess.present.markdown.sentence_markdown``), with figures filled in and acronyms spelt out
in the runs of text only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..analysis.morile import CATEGORIES
from ..errors import InputError
from ..periods import day_label, last_complete_month, month_label
from ..read.judgements import FIGURE
from .escape import myst_inline, one_line
from .glossary import Acronyms
from .glue import format_value
from .labels import due_label
from .markdown import sentence_markdown
from .wording import counted, join_words

STRATEGY_INTRO = (
    "The threats given priority when resources are allocated, and those we need to know more about "
    "(intelligence requirements)."
)
HEADINGS = {"priority": "Priorities", "intelligence requirement": "Intelligence requirements"}


def figure_values(figures: list[dict]) -> dict[str, object]:
    """Figure name → value, from the figures register of a build (each chapter's glued figures)."""
    return {f["name"]: f["value"] for f in figures}


def fill_figures(text: str, values: dict[str, object], judgement: str, path: str | Path) -> str:
    """``text`` with each ``[[name]]`` replaced by the figure's value as the register prints it.

    Raises InputError (one line: the register, the judgement, the name) when a name is not in
    ``values``.
    """

    def value(match) -> str:
        name = match[1]
        if name not in values:
            raise InputError(
                path,
                f"a figure named '{name}' in the figures register of this build",
                column=f"judgement {judgement}.text",
                found="none",
            )
        return format_value(values[name])

    return FIGURE.sub(value, text)


class _PageText:
    """The summary's text from registers, escaped for MyST, with each acronym spelt out at its
    first use on the page: called on a label (plain text), or :meth:`sentence` on Markdown."""

    def __init__(self, acronyms: Acronyms | None):
        self._acronyms = acronyms

    def _expand(self, run: str) -> str:
        return self._acronyms.expand(run) if self._acronyms else run

    def __call__(self, label: str) -> str:
        return myst_inline(self._expand(label))

    def sentence(self, markdown: str, fill=lambda run: run) -> str:
        """An analyst's sentence (``read.markdown.check_sentence``) as MyST, each run of its
        text passed through ``fill`` (figures filled in) before acronyms are spelt out."""
        return sentence_markdown(markdown, lambda run: self._expand(fill(run)))


def doc_link(text: str, target: str) -> str:
    """A MyST link to the page ``target`` (a document name relative to this page) showing ``text``
    on one line, without the backticks and angle brackets that would end the role (threat titles
    are refused with them on reading)."""
    shown = re.sub(r"[`<>]", "", one_line(text))
    return f"{{doc}}`{shown} <{target}>`"


def summary_markdown(
    judgements: pd.DataFrame | None,
    figures: list[dict],
    strategy: pd.DataFrame | None,
    example_scores: bool,
    threats: list[dict],
    ahead: pd.DataFrame | None,
    glossary: pd.DataFrame | None,
    evidence_titles: dict[str, str],
    judgements_path: str | Path = "judgements",
    as_of: str | None = None,
    carried_from: str | None = None,
    waiting: frozenset[str] = frozenset(),
) -> str:
    """The executive summary page.

    ``as_of``: the day (YYYY-MM-DD) the edition is written as of: due months ended by then are
    marked as passed. ``carried_from``: the month (YYYY-MM) the registers were last reviewed when
    they are carried forward from an earlier assessment (``Edition.registers_carried_forward``),
    which the page then says first; None when they were reviewed for this edition. ``waiting``:
    pages, as judgements cite them (``sections/demand``), that wait for data in this edition; a
    judgement citing one says so beside its link.

    ``strategy``: ``morile.control_strategy`` output (``id``, ``name``, ``category``), or None;
    ``threats``: the threat files (to link a threat's page); ``evidence_titles``: page name as
    judgements cite it (``sections/demand``, ``threats/cyber-crime``) → its title. A judgement
    citing a page not in ``evidence_titles``, or a figure not in ``figures``, raises InputError.
    """
    words = _PageText(Acronyms(glossary) if glossary is not None else None)
    lines = ["# Executive summary", ""]
    lines += _carried_forward(carried_from, ahead, as_of)
    lines += _judgements(judgements, figures, evidence_titles, words, judgements_path, waiting)
    lines += _strategy(strategy, example_scores, threats, words)
    lines += _recommendations(ahead, threats, words, as_of)
    return "\n".join(lines)


def _carried_forward(reviewed: str | None, ahead: pd.DataFrame | None, as_of: str | None) -> list[str]:
    """A warning that the registers below are an earlier assessment's, with how many due months
    have passed; nothing when the registers were reviewed for this edition."""
    if reviewed is None:
        return []
    lines = [
        ":::{admonition} Carried forward from an earlier assessment",
        ":class: warning",
        f"The key judgements, the Control Strategy and the recommendations below were last reviewed in "
        f"{month_label(reviewed, 'long')}, for an earlier assessment, and have not been reviewed for this edition.",
    ]
    passed = int((ahead["due"] <= last_complete_month(as_of)).sum()) if ahead is not None and as_of else 0
    if passed:
        share = f"all {len(ahead)}" if passed == len(ahead) > 1 else f"{passed} of the {len(ahead)}"
        lines[-1] += (
            f" By {day_label(as_of)}, when this edition was written, {share} recommendations for the year ahead"
            f" {'was' if passed == 1 else 'were'} past the month {'it was' if passed == 1 else 'they were'} due by."
        )
    return lines + [":::", ""]


def _judgements(judgements, figures, evidence_titles, words, path, waiting) -> list[str]:
    lines = ["## Key judgements", ""]
    if judgements is None:
        return lines + ["The key judgements of this edition are not written yet.", ""]
    lines += [
        "What the assessment expects in the year ahead. How likely each judgement is, is given in the",
        "words of the Professional Head of Intelligence Analysis (PHIA) probability yardstick; the link",
        "after each judgement leads to its evidence.",
        "",
    ]
    values = figure_values(figures)
    for row in judgements.itertuples():
        if row.evidence not in evidence_titles:
            raise InputError(
                path, "evidence naming a page of this book", column=f"judgement {row.id}.evidence", found=row.evidence
            )
        fill_figures(row.text, values, row.id, path)  # every figure it names is in the register
        text = words.sentence(row.text, lambda run, row=row: fill_figures(run, values, row.id, path))
        link = doc_link(evidence_titles[row.evidence], row.evidence.removeprefix("sections/"))
        if row.evidence in waiting:
            link += ", a page that waits for data in this edition"
        lines.append(f"- **{myst_inline(row.likelihood.capitalize())}:** {text} ({link})")
    return lines + [""]


def _strategy(strategy, example_scores, threats, words) -> list[str]:
    lines = ["## Control Strategy", ""]
    if strategy is None:
        return lines + ["The Control Strategy of this edition is not scored yet.", ""]
    pages = {t["morile_id"]: t for t in threats if t["morile_id"]}
    lines += [words(STRATEGY_INTRO), ""]
    for category in CATEGORIES[:2]:
        chosen = strategy[strategy["category"] == category]
        names = [
            doc_link(pages[i]["title"], f"threats/{pages[i]['id']}") if i in pages else words(n)
            for i, n in zip(chosen["id"], chosen["name"], strict=True)
        ]
        lines.append(f"- **{HEADINGS[category]}** ({counted(len(names), 'threat')}): {join_words(names) or 'none'}.")
    scored = set(strategy["id"])
    unscored = [t for t in threats if t["control_strategy"] in CATEGORIES[:2] and t["morile_id"] not in scored]
    if unscored:
        named = join_words(
            f"{doc_link(t['title'], 'threats/' + t['id'])} ({myst_inline(t['control_strategy'])})" for t in unscored
        )
        lines.append(f"- **Also named in the assessment, without a risk score:** {named}.")
    lines.append("")
    if example_scores:
        lines += [
            "The risk scores behind these positions are illustrative: they were chosen to reproduce the",
            "Control Strategy the assessment published, whose own scores are not public.",
            "",
        ]
    return lines


def _recommendations(ahead, threats, words, as_of) -> list[str]:
    lines = ["## Recommendations for the year ahead", ""]
    if ahead is None:
        return lines + ["The recommendations for the year ahead of this edition are not written yet.", ""]
    titles = {t["id"]: t["title"] for t in threats}
    numbers = sorted(int(n) for n in ahead["number"])
    gaps = (
        " They keep the register's numbers, so that each can be traced; a number missing here is a"
        " recommendation for another force or for an alliance this edition does not cover."
        if numbers != list(range(1, len(numbers) + 1))
        else ""
    )
    lines += [
        f"The assessment makes {counted(len(ahead), 'recommendation')} for the year ahead, each with an owner and a",
        f"month it is due by; each threat's page repeats its own.{gaps}",
        "",
        f":::{{admonition}} All {counted(len(ahead), 'recommendation')} for the year ahead",
        ":class: dropdown",
        "```{table} Recommendations for the year ahead",
        ":class: assess-table",
        "| No. | Recommendation | Owner | Due | Threat |",
        "|---:|---|---|---|---|",
    ]
    for row in ahead.sort_values("number").itertuples():
        threat = (
            doc_link(titles[row.threat], f"threats/{row.threat}") if row.threat in titles else myst_inline(row.threat)
        )
        lines.append(
            f"| {int(row.number)} | {words.sentence(row.recommendation)} | {words(row.owner)} | "
            f"{myst_inline(due_label(row.due, as_of))} | {threat} |"
        )
    return lines + ["```", ":::", ""]
