"""Figures a source document printed, checked against the book's own computation."""

from __future__ import annotations

import pandas as pd


def check_printed_totals(rows: pd.DataFrame, printed: pd.DataFrame, by: str, value: str, total: str) -> pd.DataFrame:
    """Sum ``value`` of ``rows`` by ``by`` and set it beside the printed ``total``.

    Returns ``by``, ``computed``, ``printed``, ``difference`` (computed − printed) and ``agrees``.
    """
    computed = rows.groupby(by)[value].sum().astype(int).rename("computed")
    out = printed.set_index(by)[total].astype(int).rename("printed").to_frame().join(computed, how="outer")
    out["difference"] = out["computed"] - out["printed"]
    out["agrees"] = out["difference"] == 0
    return out.reset_index()[[by, "computed", "printed", "difference", "agrees"]]
