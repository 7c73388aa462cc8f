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
    (:func:`assess.analysis.national.spread`) is shaded and its median drawn as a line. Show it
    with ``plots.show``, which adds the source line and the data as CSV."""
    ordered = values.sort_values()
    fig, ax = plt.subplots(figsize=(8, 9))
    ax.axvspan(spread["q1"], spread["q3"], color=colours.LAST_YEAR, alpha=0.6, label="Interquartile range")
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
    ax.set_yticks(range(len(ordered)), ordered.index, fontsize=7)
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
