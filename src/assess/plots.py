"""One look for every chart: seaborn theme, force colours, and the source line under the chart."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns

FORCE_COLOURS = {"Warwickshire": "#1b6ca8", "West Mercia": "#c4572a", "Alliance": "#4d4d4d"}
"""Each force keeps its colour in every chart."""


def use_style() -> None:
    """Apply the book's chart style; call once at the top of a notebook."""
    sns.set_theme(style="whitegrid", context="notebook")
    mpl.rcParams.update({
        "figure.figsize": (8, 4.5),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "axes.titleweight": "bold",
        "axes.titlesize": 12,
        "svg.hashsalt": "assess",  # stable SVG ids
    })


def source_note(fig: plt.Figure, source: str) -> None:
    """Write "Source: ``source``" (source, period, units) under the chart, left-aligned, in small type."""
    fig.text(0.01, -0.01, f"Source: {source}", ha="left", va="top", fontsize=8, color="#444444", wrap=True)


def force_palette(forces) -> dict[str, str]:
    """Colours for ``forces`` in the book's scheme."""
    return {force: FORCE_COLOURS.get(force, "#777777") for force in forces}
