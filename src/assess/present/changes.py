"""The "Changes since the last edition" page, and the lines of the executive summary that point
to it, as MyST Markdown. Text from the registers is escaped for where it lands.

A figure is named by its description, never by the name the chapter stores it under; figures
of a chapter that share a description and unit are numbered ("1 of 3"). No % change is given
where one means nothing: for a rank (an order, not an amount), a p-value or a model's
information criterion. The page opens with a summary (the counts, and a table of them by
chapter), which the PDF prints in place of the full lists (``assess.build.book_html``)."""

from __future__ import annotations

from ..analysis.changes import SHORT_TEXT, Changes, is_number, is_percentage
from .escape import heading_text, myst_inline
from .glue import format_value
from .pages import PRINT_SUMMARY
from .wording import counted

NO_PERCENT = ("rank", "p-value", "AIC")
"""Words of a unit in which a % change means nothing: a rank is an order (from 1st to 8th is not
"+700%"), a p-value a probability of the data under a hypothesis, an information criterion
comparable only between models of the same data."""

TITLE = "Changes since the last edition"
PAGE = "changes"
"""The page's name in ``book/sections`` (``sections/changes`` in the table of contents)."""


def changes_markdown(changes: Changes | None, previous_title: str | None, scope: str = "") -> str:
    """The changes page: counts first, then each chapter's changed figures (biggest first), and
    the figures new in this edition and those no longer given. ``changes`` None (the edition
    names no previous edition) gives a page that says so. ``scope``, when given, is a sentence
    saying which figures were compared."""
    lines = [f"# {TITLE}", ""]
    if changes is None:
        return "\n".join(lines + ["This edition is not compared with an earlier one.", ""])
    sections = list(
        dict.fromkeys([*(c.section for c in changes.changed), *(f["section"] for f in changes.new + changes.gone)])
    )
    lines += [f"::::{{container}} {PRINT_SUMMARY}", _headline(changes, previous_title), ""]
    if scope:
        lines += [myst_inline(scope), ""]
    lines += _counts_table(changes, sections) + ["::::", ""]
    lines += [
        "Each chapter's figures are listed below with the biggest percentage change first; the change",
        "is in the figure's own unit (in percentage points for a figure that is a percentage). No %",
        "change is given for a rank, a p-value or a model's information criterion (AIC), where it would",
        "mean nothing. Where the last edition described a figure differently (another month, say), its",
        "description is given too; figures of a chapter that share a description are numbered (1 of 3)",
        "in the order of their names in the register, figures.json. Figures that are sentences are not",
        "compared: the numbers in them are figures of their own.",
        "",
    ]
    for section in sections:
        changed = [c for c in changes.changed if c.section == section]
        new, gone = ([f for f in figures if f["section"] == section] for figures in (changes.new, changes.gone))
        label = _labels(changed, new, gone)
        lines += [f"## {heading_text(section)}", ""]
        lines += _changed_table(section, changed, label)
        lines += _list_table(section, "New in this edition", new, label)
        lines += _list_table(section, "No longer given", gone, label)
    return "\n".join(lines)


def summary_lines(changes: Changes | None, previous_title: str | None) -> list[str]:
    """The executive summary's section on what changed, linking the changes page; none when the
    edition is not compared with an earlier one."""
    if changes is None:
        return []
    return ["## Since the last edition", "", f"{_headline(changes, previous_title)} ({{doc}}`{TITLE} <{PAGE}>`)", ""]


def _headline(changes: Changes, previous_title: str | None) -> str:
    return (
        f"Compared with *{myst_inline(previous_title or 'the last edition')}*, "
        f"{counted(len(changes.changed), 'figure')} changed, {counted(len(changes.new), 'figure')} "
        f"{'is' if len(changes.new) == 1 else 'are'} new and {counted(len(changes.gone), 'figure')} "
        f"{'is' if len(changes.gone) == 1 else 'are'} no longer given."
    )


def _counts_table(changes: Changes, sections: list[str]) -> list[str]:
    """A table of how many figures changed, are new and are no longer given, chapter by chapter."""
    lines = [
        "```{table} Figures that changed, are new or are no longer given, by chapter",
        ":class: assess-table",
        "| chapter | changed | new | no longer given |",
        "|---|---:|---:|---:|",
    ]
    for section in sections:
        counts = (
            sum(c.section == section for c in changes.changed),
            sum(f["section"] == section for f in changes.new),
            sum(f["section"] == section for f in changes.gone),
        )
        lines.append(f"| {myst_inline(section)} | " + " | ".join(f"{n:,}" for n in counts) + " |")
    return lines + ["```", ""]


def _labels(changed: list, new: list[dict], gone: list[dict]) -> dict[tuple[str, str], str]:
    """What each figure of a chapter is, by (name, unit), as MyST text: its description, numbered
    ("1 of 3", in the order of the figures' names) when other figures of the chapter have the
    same description and unit; a figure with no description is named by its name in the register."""
    groups: dict[tuple[str, str], list[str]] = {}
    items = [(c.name, c.unit or "", c.description or "") for c in changed]
    items += [(f["name"], f.get("unit") or "", f.get("description") or "") for f in new + gone]
    for name, unit, description in sorted(set(items)):
        groups.setdefault((description, unit), []).append(name)
    labels = {}
    for (description, unit), names in groups.items():
        for number, name in enumerate(names, start=1):
            shown = f"{description} ({number} of {len(names)})" if len(names) > 1 else description
            labels[(name, unit)] = myst_inline(shown if description else name)
    return labels


def _changed_table(section: str, changed: list, label) -> list[str]:
    if not changed:
        return []
    lines = [
        "### Figures that changed",
        "",
        f"```{{table}} Figures of {myst_inline(section)} that changed",
        ":class: assess-table",
        "| figure | unit | before | now | change | % change |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for c in changed:
        what = label[(c.name, c.unit or "")]
        if c.old_description:
            what += " " + myst_inline(f"(last edition: {c.old_description})")
        lines.append(
            f"| {what} | {myst_inline(c.unit)} | {myst_inline(_minus(format_value(c.old, c.unit)))} | "
            f"{myst_inline(_minus(format_value(c.new, c.unit)))} | {_signed(c.change)} | {_percent(c)} |"
        )
    return lines + ["```", ""]


def _list_table(section: str, heading: str, figures: list[dict], label) -> list[str]:
    if not figures:
        return []
    lines = [
        f"### {heading}",
        "",
        f"```{{table}} {heading}: {myst_inline(section)}",
        ":class: assess-table",
        "| figure | unit | value |",
        "|---|---|---:|",
    ]
    for f in figures:
        value = f["value"]
        short = is_number(value) or len(str(value)) <= SHORT_TEXT
        shown = format_value(value, f.get("unit")) if short else "(a sentence)"
        what, unit = label[(f["name"], f.get("unit") or "")], myst_inline(f.get("unit") or "")
        lines.append(f"| {what} | {unit} | {myst_inline(shown)} |")
    return lines + ["```", ""]


def _minus(shown: str) -> str:
    """A negative number with the minus sign the change column uses ("−195", not "-195")."""
    return "−" + shown[1:] if shown.startswith("-") and shown[1:2].isdigit() else shown


def _signed(value: float | None) -> str:
    """A change with its sign ("+1,234", "−3.5"), or "" for text."""
    if value is None:
        return ""
    shown = format_value(abs(value))
    return shown if value == 0 else ("+" if value > 0 else "−") + shown


def _percent(change) -> str:
    """The % change with its sign; "from 0" from a zero; blank for text, a percentage (its change
    is in points), a unit of ``NO_PERCENT`` and a change across zero (a % of a value of the other
    sign means nothing)."""
    if change.change is None or is_percentage(change.unit) or any(w in change.unit for w in NO_PERCENT):
        return ""
    if change.percent is None:
        return "from 0" if change.old == 0 else ""
    return f"{'+' if change.percent > 0 else '−' if change.percent < 0 else ''}{abs(change.percent):.1f}%"
