"""Where each policing area's latest month stands on its XmR chart of daily rates."""

from __future__ import annotations

import pandas as pd

from . import spc

AREA_STATUS = ("above its upper limit", "below its lower limit", "within its limits")
"""Where an area's latest daily rate stands on its XmR chart, as ``area_status`` words it."""


def area_status(counts: pd.DataFrame) -> pd.DataFrame:
    """XmR status of the latest month's daily rate for each ``force`` and ``policing_area`` of
    monthly ``counts`` (``month, count``), on the chart of the area's own daily rates.

    Returns ``force, policing_area, latest`` (count), ``latest_rate``, ``centre``, ``lower`` and
    ``upper`` (recorded crimes a day) and ``status`` (one of ``AREA_STATUS``), sorted by force and area.
    """
    rows = []
    for (force, area), group in counts.groupby(["force", "policing_area"]):
        chart = spc.xmr_daily_rate(group.set_index("month")["count"])
        last = chart.iloc[-1]
        status = AREA_STATUS[0] if last["beyond_upper"] else AREA_STATUS[1] if last["beyond_lower"] else AREA_STATUS[2]
        rows.append(
            {
                "force": force,
                "policing_area": area,
                "latest": int(last["count"]),
                "latest_rate": float(last["value"]),
                "centre": float(last["centre"]),
                "lower": float(last["lower"]),
                "upper": float(last["upper"]),
                "status": status,
            }
        )
    return pd.DataFrame(rows)
