"""The executive summary, as one MyST Markdown page of about two printed pages: what needs review
first (each key judgement carried forward from an earlier assessment, with what the data to the
as-of date now shows of it), then the key judgements reviewed for this edition, each with its
evidence verdict, the Control Strategy with what the data sets beside it, and the recommendations
for the year ahead counted (their table is a page of its own, ``recommendations_markdown``).

A judgement quotes figures only by name (``[[name]]``); :func:`fill_figures` puts in the value
this build's figures register holds, formatted as the register prints it. A judgement's text and
a recommendation are the analysts' Markdown, written back from their parsed tree
(``assess.present.markdown.sentence_markdown``), with figures filled in and acronyms spelt out
in the runs of text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..analysis.evidence import AGAINST, NO_DATA, UNTESTED, combined_direction
from ..analysis.morile import CATEGORIES
from ..edition import REVIEW_MONTHS
from ..errors import InputError
from ..findings import ALL_CRIME, CrimeDirections
from ..periods import day_label, last_complete_month, month_label, months_apart
from ..read.judgements import FIGURE
from .crime_findings import change_text, windows
from .escape import myst_inline, one_line
from .evidence import FOUND_WORDS, VERDICT_WORDS, judgement_verdict, ordinal
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


@dataclass(frozen=True)
class Evidence:
    """What the data shows, for the summary: ``table`` (``chapters.threats.evidence``: one row per
    threat and force), ``crimes`` (the crime findings) and ``recorded_year`` (YYYY-YY)."""

    table: pd.DataFrame
    crimes: CrimeDirections
    recorded_year: str


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
    evidence: Evidence | None = None,
    forces: tuple[str, ...] = (),
) -> str:
    """The executive summary page.

    ``as_of``: the day (YYYY-MM-DD) the edition is written as of: due months ended by then are
    marked as passed. ``carried_from``: the month (YYYY-MM) the registers were last reviewed when
    that was for an earlier assessment (every entry then needs review); None when reviewed for
    this edition. ``waiting``: pages, as judgements cite them (``sections/demand``), that wait for
    data in this edition; a judgement citing one says so beside its link. ``evidence``: what the
    data shows (None: the edition measures nothing), for the edition's ``forces``.

    ``strategy``: ``morile.scored_control_strategy`` output (``id``, ``name``, ``category``), or
    None; ``threats``: the threat files (to link a threat's page); ``evidence_titles``: page name
    as judgements cite it (``sections/demand``, ``threats/cyber-crime``) → its title. A judgement
    citing a page not in ``evidence_titles``, or a figure not in ``figures``, raises InputError.
    """
    words = _PageText(Acronyms(glossary) if glossary is not None else None)
    lines = ["# Executive summary", ""]
    if judgements is not None:
        values = figure_values(figures)
        judged = [
            _judged(row, values, evidence_titles, words, judgements_path, waiting, evidence, threats)
            for row in judgements.itertuples()
        ]
        due = [
            row
            for row, j in zip(judgements.itertuples(), judged, strict=True)
            if _needs_review(row, carried_from, as_of)
        ]
        lines += _review(judgements, judged, due, carried_from, ahead, as_of)
        lines += _judgements(judgements, judged, due)
    else:
        lines += ["## Key judgements", "", "No key judgements were entered for this edition's forces.", ""]
    lines += _strategy(strategy, example_scores, threats, words, evidence, forces)
    lines += _recommendations(ahead, as_of)
    return "\n".join(lines)


def _needs_review(row, carried_from: str | None, as_of: str | None) -> bool:
    """True when a judgement was last reviewed for an earlier assessment: by its own ``reviewed``
    month where the register gives one, else by the registers' ``carried_from``."""
    reviewed = getattr(row, "reviewed", None)
    if isinstance(reviewed, str) and reviewed and as_of:
        return months_apart(reviewed, as_of[:7]) >= REVIEW_MONTHS
    return carried_from is not None


def _judged(row, values, evidence_titles, words, path, waiting, evidence, threats) -> str:
    """One judgement as a list item: its likelihood, text, evidence link and evidence verdict."""
    if row.evidence not in evidence_titles:
        raise InputError(
            path, "evidence naming a page of this book", column=f"judgement {row.id}.evidence", found=row.evidence
        )
    fill_figures(row.text, values, row.id, path)  # every figure it names is in the register
    text = words.sentence(row.text, lambda run, row=row: fill_figures(run, values, row.id, path))
    link = doc_link(evidence_titles[row.evidence], row.evidence.removeprefix("sections/"))
    if row.evidence in waiting:
        link += ", a page that waits for data in this edition"
    verdict, phrase = _judgement_evidence(row, evidence, threats)
    shown = f" *Evidence: {VERDICT_WORDS[verdict]}*" + (f" ({myst_inline(phrase)})." if phrase else ".")
    return f"- **{myst_inline(row.likelihood.capitalize())}:** {text} ({link}){shown}"


def _judgement_evidence(row, evidence: Evidence | None, threats: list[dict]) -> tuple[str, str]:
    """The verdict on one judgement and what the data shows of it, in words: the threats it names,
    or all recorded crime when it expects a direction and names none."""
    expected = getattr(row, "direction", None)
    expected = expected if isinstance(expected, str) and expected else None
    named = list(getattr(row, "threats", None) or [])
    if evidence is None:
        return NO_DATA, ""
    if named:
        rows = evidence.table[evidence.table["threat"].isin(named)]
        verdict = judgement_verdict(rows, expected)
        titles = {t["id"]: t["title"] for t in threats}
        found = [
            f"{titles.get(r.threat, r.threat).lower()} {FOUND_WORDS[r.found]} in {r.force}"
            for r in rows.itertuples()
            if isinstance(r.found, str)
        ]
        if verdict == NO_DATA:
            # Measured, but not in a way that tests the judgement: say what the data shows of it.
            found = [
                f"{titles.get(r.threat, r.threat).lower()}: {r.harm_share:.1f}% of the harm in {r.force} "
                f"({ordinal(int(r.harm_rank))} of {int(r.measured)} measured threats)"
                for r in rows.itertuples()
                if pd.notna(r.harm_share)
            ] + found
            verdict = UNTESTED if found else NO_DATA
        return verdict, join_words(found)
    if expected is None:
        return UNTESTED, ""  # it expects no direction: its page holds the evidence
    totals = evidence.crimes.table[evidence.crimes.table["crime_type"] == ALL_CRIME]
    rows = pd.DataFrame({"found": totals["verdict"]})
    verdict = judgement_verdict(rows, expected)
    recent, earlier = windows(evidence.crimes)
    phrase = f"all recorded crime a day in {recent} against {earlier}: " + join_words(
        f"{change_text(r).split(' (')[0]} in {r['force']}" for _, r in totals.iterrows()
    )
    return verdict, phrase + f", {FOUND_WORDS.get(combined_direction(totals['verdict']), 'not compared')}"


def _review(judgements, judged, due, carried_from, ahead, as_of) -> list[str]:
    """What needs review, first: each judgement carried forward with what the data now shows of
    it, and the recommendations past their due month, counted."""
    if not due:
        return []
    reviewed = sorted({r.reviewed for r in due if isinstance(getattr(r, "reviewed", None), str)}) or [carried_from]
    when = join_words(month_label(m, "long") for m in reviewed if m)
    lines = [
        "## What needs review",
        "",
        f"{_share(len(due), len(judgements))} key {'judgement was' if len(due) == 1 else 'judgements were'} last "
        f"reviewed in {when}, for an earlier assessment. Each is set beside what the data to "
        f"{day_label(as_of)} now shows of it:",
        "",
    ]
    ids = {r.id for r in due}
    lines += [line for row, line in zip(judgements.itertuples(), judged, strict=True) if row.id in ids]
    passed = int((ahead["due"] <= last_complete_month(as_of)).sum()) if ahead is not None and as_of else 0
    if passed:
        lines += [
            "",
            f"{_share(passed, len(ahead))} recommendations for the year ahead "
            f"{'was' if passed == 1 else 'were'} past the month {'it was' if passed == 1 else 'they were'} due by "
            f"on {day_label(as_of)}.",
        ]
    return lines + [""]


def _share(part: int, whole: int) -> str:
    """ "All 8", "3 of the 8", "The 1"."""
    if part == whole:
        return f"All {whole}" if whole > 1 else "The"
    return f"{part:,} of the {whole:,}"


def _judgements(judgements, judged, due) -> list[str]:
    ids = {r.id for r in due}
    rest = [line for row, line in zip(judgements.itertuples(), judged, strict=True) if row.id not in ids]
    lines = ["## Key judgements", ""]
    if not rest:
        return lines + ["Every key judgement needs review: see above.", ""]
    lines += [
        "What the assessment expects in the year ahead, each with how likely it is in the words of the",
        "Professional Head of Intelligence Analysis (PHIA) probability yardstick, the page of its evidence,",
        "and whether the data supports it.",
        "",
    ]
    return lines + rest + [""]


def _strategy(strategy, example_scores, threats, words, evidence, forces) -> list[str]:
    lines = ["## Control Strategy", ""]
    if strategy is None:
        return lines + ["No MoRiLE register was entered for this edition's forces.", ""]
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
    lines += _against_data(evidence, threats, forces)
    lines.append("")
    if example_scores:
        lines += [
            "The risk scores behind these positions are illustrative: they were chosen to reproduce the",
            "Control Strategy the assessment published, whose own scores are not public.",
            "",
        ]
    return lines


def _against_data(evidence: Evidence | None, threats: list[dict], forces: tuple[str, ...]) -> list[str]:
    """The Control Strategy held against the data: threats outside it carrying more harm than
    most priorities, and priorities whose recorded crime fell while carrying little harm."""
    if evidence is None:
        return []
    titles = {t["id"]: t["title"] for t in threats}
    against = evidence.table[evidence.table["verdict"] == AGAINST]
    lines = []
    for place, heading in (
        ("monitor", "Outside it, the data would rank higher"),
        ("priority", "Priorities the data does not support"),
    ):
        mine = against[against["place"] == place]
        if mine.empty:
            continue
        named = []
        for threat, rows in mine.groupby("threat", sort=False):
            shares = join_words(f"{r.harm_share:.1f}% of the harm in {r.force}" for r in rows.itertuples())
            named.append(f"{doc_link(titles[threat], 'threats/' + threat)} ({myst_inline(shares)})")
        lines.append(
            f"- **{heading}:** {join_words(named)}; see "
            "{doc}`the Control Strategy against the data <control-strategy>`."
        )
    return lines


def _recommendations(ahead, as_of) -> list[str]:
    lines = ["## Recommendations for the year ahead", ""]
    if ahead is None or ahead.empty:
        return lines + ["No recommendations for the year ahead were entered for this edition's forces.", ""]
    owners = ahead["owner"].nunique()
    return lines + [
        f"The assessment makes {counted(len(ahead), 'recommendation')} for the year ahead, with "
        f"{counted(owners, 'owner')} between them; each threat's page repeats its own, and "
        f"{{doc}}`{RECOMMENDATIONS_TITLE} <{RECOMMENDATIONS_PAGE}>` lists them all with their owners and due months.",
        "",
    ]


RECOMMENDATIONS_PAGE = "recommendations"
"""The page (``sections/recommendations``) listing every recommendation for the year ahead."""
RECOMMENDATIONS_TITLE = "Recommendations for the year ahead"


def recommendations_markdown(ahead, threats, glossary, as_of) -> str:
    """The page of every recommendation for the year ahead: number, recommendation, owner, due
    month (marked passed once ended by ``as_of``) and threat (linked to its page)."""
    words = _PageText(Acronyms(glossary) if glossary is not None else None)
    lines = [f"# {RECOMMENDATIONS_TITLE}", ""]
    if ahead is None or ahead.empty:
        return "\n".join(lines + ["No recommendations for the year ahead were entered for this edition's forces.", ""])
    titles = {t["id"]: t["title"] for t in threats}
    numbers = sorted(int(n) for n in ahead["number"])
    gaps = (
        " They keep the register's numbers, so that each can be traced; a number missing here is a"
        " recommendation for another force or for an alliance this edition does not cover."
        if numbers != list(range(1, len(numbers) + 1))
        else ""
    )
    passed = int((ahead["due"] <= last_complete_month(as_of)).sum()) if as_of else 0
    lines += [
        f"The assessment makes {counted(len(ahead), 'recommendation')} for the year ahead, each with an owner and a "
        f"month it is due by; {_share(passed, len(ahead)).lower() if passed else 'none'} "
        f"{'was' if passed == 1 else 'were'} past that month on {day_label(as_of)}.{gaps}",
        "",
        f"```{{table}} {RECOMMENDATIONS_TITLE}",
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
    return "\n".join(lines + ["```", ""])
