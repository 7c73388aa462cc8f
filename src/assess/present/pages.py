"""Pages the build writes itself, as MyST Markdown: the figures register, the provenance of an
edition, and the page shown for a chapter whose data the edition lacks. Text that comes from
data or parameters is escaped for the place it lands."""

from __future__ import annotations

import json

import yaml

from ..periods import Period, span_label
from .escape import code_block, heading_text, myst_inline
from .glue import format_value

PRINT_SUMMARY = "assess-print-summary"
"""The class of a register page's summary block: the PDF prints that block in place of the page's
full lists (``assess.build.book_html``)."""


def placeholder_page(title: str, missing: list[str], pages_follow: bool = False) -> str:
    """The page shown instead of a chapter whose data the edition does not provide for its
    period: each item of ``missing`` names a dataset and the period it waits for.
    ``pages_follow``: the chapter has pages of its own after it (the threat pages), which are
    still published and which the page then points to."""
    follow = (
        " The pages that follow it are still given, each without the tables this data would make."
        if pages_follow
        else ""
    )
    return (
        f"# {heading_text(title)}\n\nThe data this chapter needs is not held for this edition's period, so its "
        f"figures and findings are not given here.{follow} It needs "
        f"{'; '.join(myst_inline(m) for m in missing)}.\n"
    )


def waiting_for(title: str, asked: Period | None, found: Period | None, last_month: str, supplied: bool = True) -> str:
    """One dataset a chapter waits for, in readers' words: its catalogue ``title``, the period
    ``asked`` (None for a dataset that is not dated), and what the data at hand holds of the
    months up to ``last_month`` (the edition's latest month, YYYY-MM) — never a later month,
    so an edition names nothing dated after it was written. ``supplied``: False when the edition
    names no file for it (then only the period is named)."""
    if asked is None:
        return f"{title} (not supplied)"
    wanted = f"{title} for {span_label(asked, 'long')}"
    if not supplied:
        return f"{wanted} (not supplied for this edition)"
    if found is None:
        return f"{wanted} (the data at hand has no dated rows)"
    if found.start > last_month:
        return f"{wanted} (the data at hand starts after this edition was written)"
    start, end = max(found.start, asked.start), min(found.end, last_month, asked.end)
    if start > end:
        return f"{wanted} (the data at hand holds none of those months)"
    if (start, end) == (asked.start, asked.end):
        return f"{wanted} (the data at hand has months of it missing)"
    return f"{wanted} (the data at hand covers only {span_label(Period(start, end), 'long')} of it)"


def later_sources_note(sources: list[tuple[str, str]]) -> str:
    """A note for the top of a chapter whose sources include some published after its edition was
    written: each of ``sources`` is (title, when it was published, in words). Empty when none."""
    if not sources:
        return ""
    named = "; ".join(f"{myst_inline(title)} (published {myst_inline(when)})" for title, when in sources)
    return (
        ":::{note}\nThis page uses data published after this edition was written, in place of the version"
        f" its analysts had, which the project does not hold: {named}.\n:::\n"
    )


def figures_markdown(figures: list[dict]) -> str:
    """The "Figures in this book" appendix page as MyST Markdown: a summary (what the register is,
    and how many figures each chapter quotes), which the PDF prints in place of the page, then
    each chapter's figures."""
    sections = dict.fromkeys(f["section"] for f in figures)
    lines = [
        "# Figures in this book",
        "",
        f"::::{{container}} {PRINT_SUMMARY}",
        "Every number that the chapters write into their text is computed from the data when the",
        "book is built. This page lists them all, by chapter, with the name under which the chapter",
        "stores it. The same list, with full precision, is published beside this page as",
        '<a href="../figures.json">figures.json</a>.',
        "",
        "```{table} Figures quoted in the text, by chapter",
        ":class: assess-table",
        "| chapter | figures |",
        "|---|---:|",
        *(f"| {myst_inline(s)} | {sum(f['section'] == s for f in figures):,} |" for s in sections),
        "```",
        "::::",
        "",
    ]
    for section in sections:
        lines += [
            f"## {heading_text(section)}",
            "",
            f"```{{table}} Figures quoted in {myst_inline(section)}",
            ":class: assess-names",
            "| name | value | unit | what it is |",
            "|---|---:|---|---|",
        ]
        for f in (f for f in figures if f["section"] == section):
            lines.append(
                f"| {myst_inline(f['name'])} | {myst_inline(format_value(f['value'], f.get('unit')))} | "
                f"{myst_inline(f.get('unit') or '')} | {myst_inline(f.get('description') or '')} |"
            )
        lines += ["```", ""]
    return "\n".join(lines)


def figures_json(figures: list[dict], edition: str, title: str, provenance: dict | None = None) -> str:
    """The register as JSON text, with the build's provenance block; keys sorted, one stable layout."""
    return (
        json.dumps(
            {"edition": edition, "title": title, "provenance": provenance or {}, "figures": figures},
            indent=2,
            sort_keys=True,
            ensure_ascii=False,
        )
        + "\n"
    )


def provenance_markdown(block: dict) -> str:
    """The "Provenance of this edition" appendix page as MyST Markdown."""
    project = block["project"]
    dirty = {True: "yes: the build included changes not yet committed", False: "no", None: "unknown"}[project["dirty"]]
    lines = [
        "# Provenance of this edition",
        "",
        "Everything needed to rebuild this edition and check it was built from what it says. The same",
        "block is published in `figures.json`.",
        "",
        f"- Built on: {myst_inline(block['build_date'])}",
        f"- Project commit: {myst_inline(project['commit'])}; uncommitted changes: {dirty}",
        f"- Parameter file: {myst_inline(block['parameters_file'])}",
        f"- Python {myst_inline(block['python'])}",
        "",
        "## Parameters",
        "",
        code_block(yaml.safe_dump(block["parameters"], sort_keys=False, allow_unicode=True), "yaml"),
        "## Input files",
        "",
        "```{table} Every input file of this edition, with its SHA-256 and data rows",
        ":class: assess-names assess-hashes",
        "| file | SHA-256 | rows |",
        "|---|---|---:|",
    ]
    for item in block["inputs"]:
        rows = "" if item["rows"] is None else f"{item['rows']:,}"
        lines.append(f"| {myst_inline(item['path'])} | {myst_inline(item['sha256'])} | {rows} |")
    lines += [
        "```",
        "",
        "## Software",
        "",
        "```{table} Versions of Python packages used by the build",
        "| package | version |",
        "|---|---|",
    ]
    lines += [f"| {myst_inline(name)} | {myst_inline(version)} |" for name, version in block["packages"].items()]
    return "\n".join(lines) + "\n```\n"
