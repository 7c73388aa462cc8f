"""The "Changes since the last edition" page, and the lines of the executive summary that point
to it, as MyST Markdown. Text from the registers is escaped for where it lands."""

from __future__ import annotations

from collections import Counter

from ..analysis.changes import SHORT_TEXT, Changes, is_number, is_percentage
from .escape import heading_text, myst_inline
from .glue import format_value
from .wording import counted

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
    lines += [_headline(changes, previous_title), ""]
    if scope:
        lines += [myst_inline(scope), ""]
    lines += [
        "Each chapter's figures are listed with the biggest percentage change first; the change is in",
        "the figure's own unit (in percentage points for a figure that is a percentage). Where the last",
        "edition described a figure differently (another month, say), its description is given too.",
        "Figures that are sentences are not compared: the numbers in them are figures of their own.",
        "",
    ]
    sections = dict.fromkeys(
        [*(c.section for c in changes.changed), *(f["section"] for f in changes.new + changes.gone)]
    )
    for section in sections:
        changed = [c for c in changes.changed if c.section == section]
        new, gone = ([f for f in figures if f["section"] == section] for figures in (changes.new, changes.gone))
        described = Counter(
            [(c.description, c.unit) for c in changed]
            + [(f.get("description"), f.get("unit") or "") for f in new + gone]
        )
        label = _labeller(described)
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


def _labeller(described: Counter):
    """What a figure is, as its register describes it, with its name after it when another
    figure of the chapter has the same description and unit (its name alone when it has none)."""

    def label(description: str | None, unit: str | None, name: str) -> str:
        if not description:
            return myst_inline(name)
        return myst_inline(f"{description} ({name})" if described[(description, unit or "")] > 1 else description)

    return label


def _changed_table(section: str, changed: list, label) -> list[str]:
    if not changed:
        return []
    lines = [
        f"```{{table}} Figures of {myst_inline(section)} that changed",
        ":class: assess-table",
        "| figure | unit | before | now | change | % change |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for c in changed:
        what = label(c.description, c.unit, c.name)
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
        f"```{{table}} {heading}: {myst_inline(section)}",
        ":class: assess-table",
        "| figure | unit | value |",
        "|---|---|---:|",
    ]
    for f in figures:
        value = f["value"]
        short = is_number(value) or len(str(value)) <= SHORT_TEXT
        shown = format_value(value, f.get("unit")) if short else "(a sentence)"
        what, unit = label(f.get("description"), f.get("unit"), f["name"]), myst_inline(f.get("unit") or "")
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
    is in points) and a change across zero (a % of a value of the other sign means nothing)."""
    if change.change is None or is_percentage(change.unit):
        return ""
    if change.percent is None:
        return "from 0" if change.old == 0 else ""
    return f"{'+' if change.percent > 0 else '−' if change.percent < 0 else ''}{abs(change.percent):.1f}%"
