"""Tables for readers: a DataFrame shown as an HTML table with a caption, a source line and a
link that downloads the table as CSV (embedded in the page, so it works offline)."""

from __future__ import annotations

import html
import numbers
import re
from urllib.parse import quote

import pandas as pd
from IPython.display import HTML

from .escape import csv_cell
from .suppression import Suppressed


def table(frame: pd.DataFrame, caption: str, source: str) -> HTML:
    """``frame`` as an HTML table captioned ``caption``, with ``source`` (source and period)
    beneath and a link to download the table as CSV (embedded in the page, so it works offline).

    All text is escaped, so a cell holding ``<script>`` shows those characters, and every text
    cell of the CSV download goes through ``csv_cell`` (no formulas). Suppressed counts show as
    "<N" in both. Whole numbers get thousands separators; the index is not shown.
    """
    body = frame.to_html(
        index=False, escape=True, border=0, classes="assess-table", formatters={c: _format for c in frame.columns}
    )
    body = body.replace(">\n", f">\n<caption>{html.escape(caption)}</caption>\n", 1)
    csv = frame.map(_csv_value).rename(columns=lambda c: csv_cell(str(c))).to_csv(index=False, lineterminator="\n")
    link = (
        f'<a class="assess-csv" download="{csv_name(caption)}" '
        f'href="data:text/csv;charset=utf-8,{quote(csv)}">Download this table as CSV</a>'
    )
    return HTML(f'{body}\n<p class="assess-source">Source: {html.escape(source)}. {link}</p>')


def csv_name(caption: str) -> str:
    """A file name for a table's CSV download, from its caption: lower case, hyphens, at most 60 characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", caption.lower()).strip("-")[:60].rstrip("-")
    return f"{slug or 'table'}.csv"


def _csv_value(value) -> object:
    """A cell as the CSV download holds it: text made safe for spreadsheets, a Suppressed count as "<N"."""
    return csv_cell(str(value) if isinstance(value, Suppressed) else value)


def _format(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return f"{int(value):,}"
    return str(value)
