"""A dot plot of one measure for every force, the edition's forces in their registry colours."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import colours


def dot_plot(
    values: pd.Series,
    marked: dict[str, str],
    flagged: pd.Series,
    spread: dict[str, float],
    xlabel: str,
    title: str,
) -> plt.Figure:
    """One row per force (``values``, indexed by force), highest at the top. The forces of
    ``marked`` (force → colour) are drawn in their colour and named in the legend; forces
    ``flagged`` True (outliers) are drawn hollow; the interquartile range of ``spread``
    (:func:`assess.analysis.national.spread`) is shaded between dashed edges and its median drawn
    as a line; every mark has 3:1 contrast on the white background. The force names are 8.5 pt
    and the chart 8 by 10 inches, so that they can be read where a phone shows it at its own
    size (the page lets it scroll sideways there). Show it with ``plots.show``, which adds the
    source line and the data as CSV."""
    ordered = values.sort_values()
    fig, ax = plt.subplots(figsize=(8, 10))
    ax.axvspan(
        spread["q1"],
        spread["q3"],
        facecolor=colours.BAND,
        edgecolor=colours.BAND_EDGE,
        linestyle="--",
        linewidth=1,
        label="Interquartile range",
    )
    ax.axvline(spread["median"], color=colours.REFERENCE_LINE, linewidth=1, label="Median of all forces")
    for position, (force, value) in enumerate(ordered.items()):
        colour = marked.get(force, colours.NO_CLEAR_CHANGE)
        hollow = bool(flagged.get(force, False))
        ax.scatter(
            value,
            position,
            s=70 if force in marked else 30,
            facecolors="none" if hollow else colour,
            edgecolors=colour,
            linewidths=1.5,
            zorder=3,
            label=force if force in marked else None,
        )
    ax.set_yticks(range(len(ordered)), ordered.index, fontsize=8.5)
    ax.set_ylim(-0.7, len(ordered) - 0.3)
    for tick in ax.get_yticklabels():
        if tick.get_text() in marked:
            tick.set_fontweight("bold")
            tick.set_color(marked[tick.get_text()])
    if flagged.any():
        ax.scatter([], [], facecolors="none", edgecolors=colours.NO_CLEAR_CHANGE, label="Flagged: outlier")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    return fig
