"""One look for every chart: the seaborn theme and the source line under a chart."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns

from .colours import NOTE_TEXT


def use_style() -> None:
    """Apply the book's chart style; call once at the top of a notebook."""
    sns.set_theme(style="whitegrid", context="notebook")
    mpl.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "svg.hashsalt": "assess",  # stable SVG ids
        }
    )


def source_note(fig: plt.Figure, source: str) -> None:
    """Write "Source: ``source``" (source, period, units) under the chart, left-aligned, in small type."""
    fig.text(0.01, -0.01, f"Source: {source}", ha="left", va="top", fontsize=8, color=NOTE_TEXT, wrap=True)
