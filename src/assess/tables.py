"""Tables for readers: a DataFrame shown as an HTML table with a caption and a source line."""

from __future__ import annotations

import html
import numbers

import pandas as pd
from IPython.display import HTML


def table(frame: pd.DataFrame, caption: str, source: str) -> HTML:
    """``frame`` as an HTML table captioned ``caption``, with ``source`` (source and period) beneath.

    All text is escaped, so a cell holding ``<script>`` shows those characters. Whole numbers
    get thousands separators; the index is not shown.
    """
    body = frame.to_html(index=False, escape=True, border=0, classes="assess-table",
                         formatters={c: _format for c in frame.columns})
    body = body.replace(">\n", f">\n<caption>{html.escape(caption)}</caption>\n", 1)
    return HTML(f'{body}\n<p class="assess-source">Source: {html.escape(source)}</p>')


def _format(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return f"{int(value):,}"
    return str(value)
