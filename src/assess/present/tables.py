"""Tables for readers: a DataFrame shown as an HTML table with a caption, a source line and a
link that downloads the table as CSV (embedded in the page, so it works offline).

The CSV keeps numbers as numbers: ``formats`` changes only how a column is shown on the page
(a percentage as "91%"), never what the download holds (91, under a header that says "(%)").
The download is UTF-8 with a byte order mark, which Excel needs to read it as UTF-8.
"""

from __future__ import annotations

import html
import numbers
import re
from collections.abc import Callable
from urllib.parse import quote

import pandas as pd
from IPython.display import HTML

from .escape import csv_cell
from .suppression import Suppressed, follow

BOM = "\ufeff"
"""The byte order mark that starts every CSV download (three bytes, EF BB BF, in UTF-8)."""


def table(
    frame: pd.DataFrame,
    caption: str,
    source: str,
    formats: dict[str, str | Callable] | None = None,
    download: pd.DataFrame | None = None,
    missing: str | dict[str, str] = "",
) -> HTML:
    """``frame`` as an HTML table captioned ``caption``, with ``source`` (source and period)
    beneath and a link to download the table as CSV (embedded in the page, so it works offline).

    ``formats`` maps a column to how its numbers are shown: a format string such as
    ``"{:.1f}%"`` or a function. The CSV keeps the numbers; a column shown with a trailing "%"
    is headed "<column> (%)" there; naming a column the table lacks raises KeyError. A missing
    value shows as ``missing``: one text for every column, or a text per column (the others
    empty); it is an empty cell by default, and always in the CSV. Where one cell shows several
    numbers (a change and its interval), give ``download``: the CSV then holds it, one number a
    column, instead of ``frame``.

    All text is escaped, so a cell holding ``<script>`` shows those characters, and every text
    cell of the CSV download goes through ``csv_cell`` (no formulas). Suppressed counts show as
    "<N" in both, and a cell hidden in ``frame`` is hidden in the same column and row of
    ``download`` (``suppression.follow``). Whole numbers get thousands separators; the index is not shown.
    """
    formats = formats or {}
    blanks = missing if isinstance(missing, dict) else dict.fromkeys(frame.columns, missing)
    for given, named in (("formats", formats), ("missing", blanks)):
        if unknown := sorted(set(named) - set(frame.columns)):
            raise KeyError(f"{given} name columns the table does not have: {unknown}")
    formatters = {c: _formatter(formats.get(c)) for c in frame.columns}
    shown = frame.astype(object).where(frame.notna(), "")  # pandas writes None as "None" whatever na_rep says
    for at, column in enumerate(frame.columns):
        if blanks.get(column):
            shown.iloc[:, at] = shown.iloc[:, at].where(frame.iloc[:, at].notna(), blanks[column])
    # Headers are escaped by renaming the columns: to_html's ``header=`` list is not applied.
    # A pivot's column-axis name (e.g. "force") would head an empty column, so it is dropped.
    shown.columns = pd.Index([cell_html(str(c)) for c in frame.columns])
    body = shown.to_html(
        index=False,
        escape=False,  # every cell and header goes through cell_html, which escapes it
        border=0,
        classes="assess-table",
        formatters=[formatters[c] for c in frame.columns],
    )
    body = body.replace(">\n", f">\n<caption>{html.escape(caption)}</caption>\n", 1)
    percent = {c: f"{c} (%)" for c, f in formats.items() if isinstance(f, str) and f.endswith("%")}
    data = frame.rename(columns=percent) if download is None else follow(frame, download)
    link = csv_link(data, caption, "Download this table as CSV")
    return HTML(f'{body}\n<p class="assess-source">Source: {html.escape(source)}. {link}</p>')


def p_cell(p: float) -> str:
    """A p-value (or q-value) as a table shows it: "< 0.001", "0.013", "0.42". Give it in
    ``formats``, so that the CSV keeps the number."""
    if p < 0.001:
        return "< 0.001"
    return f"{p:.3f}" if p < 0.1 else f"{p:.2f}"


def csv_link(frame: pd.DataFrame, caption: str, text: str) -> str:
    """An HTML link, reading ``text``, that downloads ``frame`` as CSV (``csv_text``), named after ``caption``."""
    href = "data:text/csv;charset=utf-8," + quote(csv_text(frame))
    return f'<a class="assess-csv" download="{csv_name(caption)}" href="{href}">{html.escape(text)}</a>'


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as the CSV download holds it: the byte order mark, a header row, then one line
    a row; numbers as numbers, text safe for spreadsheets (``csv_cell``), Suppressed counts as "<N"."""
    safe = frame.map(_csv_value).rename(columns=lambda c: csv_cell(str(c)))
    return BOM + safe.to_csv(index=False, lineterminator="\n")


def csv_name(caption: str) -> str:
    """A file name for a table's CSV download, from its caption: lower case, hyphens, at most 60 characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", caption.lower()).strip("-")[:60].rstrip("-")
    return f"{slug or 'table'}.csv"


def _csv_value(value) -> object:
    """A cell as the CSV download holds it: text made safe for spreadsheets, a Suppressed count as "<N"."""
    return csv_cell(str(value) if isinstance(value, Suppressed) else value)


def cell_html(text: str) -> str:
    """``text`` as a table cell's HTML: escaped, and a run of more than ``LONG_RUN`` characters
    without a space (a file path, a dataset's name) given a line-break opportunity (``<wbr>``)
    after each ``/``, ``_``, ``.`` or ``-`` and every ``LONG_RUN`` characters, so that it wraps
    inside its column instead of widening the table. A word (letters only, up to ``LONGEST_WORD``
    of them, with any punctuation around it) is never broken: "approximately" stays whole."""
    return re.sub(rf"[^\s&;<>]{{{LONG_RUN + 1},}}", _breakable, html.escape(text))


LONG_RUN = 12
"""Runs of more characters than this without a space get line-break opportunities (``cell_html``)."""


LONGEST_WORD = 24
"""The most letters a run may have and still be kept whole as a word by ``cell_html``."""
_WORD = re.compile(rf"[^\w\s]*[^\W\d_]{{1,{LONGEST_WORD}}}(?:['’][^\W\d_]+)?[^\w\s]*")


def _breakable(match: re.Match) -> str:
    if _WORD.fullmatch(match.group()):
        return match.group()
    parts = re.split(r"(?<=[/_.\-])", match.group())
    return "<wbr>".join(chunk for part in parts for chunk in _chunks(part))


def _chunks(part: str) -> list[str]:
    return [part[i : i + LONG_RUN] for i in range(0, len(part), LONG_RUN)] or [part]


def _formatter(given: str | Callable | None) -> Callable:
    """How one column's cells are shown, as HTML: ``given`` (a format string or function) for
    numbers, else ``_format``; then ``cell_html``."""
    shown = given.format if isinstance(given, str) else given

    def format_cell(value) -> str:
        if shown is None or isinstance(value, Suppressed) or not isinstance(value, numbers.Real) or pd.isna(value):
            return cell_html(_format(value))
        return cell_html(shown(value))

    return format_cell


def _format(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return f"{int(value):,}"
    return str(value)
