"""One look for every chart, drawn as SVG, with its data downloadable as CSV.

``use_style`` sets the theme once per notebook, including SVG output with real text (sharp at
any zoom, text selectable in the file). ``show`` puts a chart on the page: the SVG, then the
source line and a link that downloads the chart's data as CSV, as tables have. It refuses a
chart whose labels are cut or overlap (``label_clashes``).
"""

from __future__ import annotations

import html
import io

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import HTML, display
from matplotlib_inline.backend_inline import set_matplotlib_formats

from .tables import csv_link

SVG_OPTIONS = {"format": "svg", "bbox_inches": "tight", "metadata": {"Date": None}}
"""How a chart is saved: SVG, trimmed to what is drawn, with no date in it (a rebuild gives the same bytes)."""

MAX_DATE_TICKS = 8
"""At most this many month-year labels on a date axis, so they do not crowd."""
FONTS = ["DejaVu Sans", "Liberation Sans", "Arial", "sans-serif"]
"""The charts' fonts, first choice first: DejaVu Sans, which Matplotlib ships and measures the
labels with, so that a browser that has it draws each label the size it was laid out at, and
one that has not draws it in a narrower font (never cut by the edge or into another label)."""


def use_style() -> None:
    """Apply the book's chart style; call once at the top of a notebook. Charts come out as SVG
    with text kept as text (``svg.fonttype: none``), also when a cell ends with ``plt.show()``."""
    sns.set_theme(style="whitegrid", context="notebook")
    mpl.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "svg.fonttype": "none",  # text as <text>, not outlines
            "svg.hashsalt": "assess",  # stable SVG ids
            "text.parse_math": False,  # a "$" in a register's label is a dollar, not mathtext
            "font.family": "sans-serif",
            "font.sans-serif": FONTS,
        }
    )
    set_matplotlib_formats("svg", metadata={"Date": None})


def svg(fig: plt.Figure) -> str:
    """``fig`` as SVG text (see ``SVG_OPTIONS``), with every date axis labelled by month and year."""
    for ax in fig.axes:
        month_year_axis(ax)
    buffer = io.StringIO()
    fig.savefig(buffer, **SVG_OPTIONS)
    return buffer.getvalue()


def month_year_axis(ax: plt.Axes) -> None:
    """If ``ax``'s x axis holds dates, label it "Jan 2016" style with at most ``MAX_DATE_TICKS``
    ticks; any other axis is left as it is."""
    if not isinstance(ax.xaxis.get_major_formatter(), (mdates.AutoDateFormatter, mdates.ConciseDateFormatter)):
        return
    locator = mdates.AutoDateLocator(minticks=4, maxticks=MAX_DATE_TICKS)
    locator.intervald[mdates.MONTHLY] = [1, 2, 3, 6]  # whole quarters or half-years, never odd steps
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    for label in ax.get_xticklabels():
        label.set_rotation(0)
        label.set_horizontalalignment("center")


def show(fig: plt.Figure, data: pd.DataFrame, caption: str, source: str) -> None:
    """Show ``fig`` as SVG, then "Source: ``source``" and a link that downloads ``data`` (the
    numbers the chart draws, numbers kept as numbers) as a CSV named after ``caption``.

    The figure is closed, so the notebook does not draw it a second time. The image's alt text
    comes from the cell's ``mystnb.image.alt`` metadata, as for any chart. Raises ValueError
    naming the labels when a label is cut or overlaps another (``label_clashes``), once tick
    labels too crowded to read have been thinned (``thin_crowded_ticks``).
    """
    thin_crowded_ticks(fig)
    clashes = label_clashes(fig)
    if clashes:
        plt.close(fig)
        raise ValueError(f"chart '{caption}': " + "; ".join(clashes))
    display({"image/svg+xml": svg(fig), "text/plain": caption}, raw=True)
    plt.close(fig)
    display(HTML(chart_note(data, caption, source)))


def chart_note(data: pd.DataFrame, caption: str, source: str) -> str:
    """The HTML under a chart: its source line and the CSV download of ``data`` (all text escaped)."""
    link = csv_link(data, caption, "Download the data of this chart as CSV")
    return f'<p class="assess-source assess-chart-source">Source: {html.escape(source.rstrip("."))}. {link}</p>'


def thin_crowded_ticks(fig: plt.Figure) -> None:
    """On each axis of ``fig`` whose tick labels run into each other, show only every second
    label (every third, ...: the fewest steps after which none touches), from the first; the
    ticks themselves stay."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text().strip()]
            for step in range(1, len(labels)):
                shown = labels[::step]
                boxes = [t.get_window_extent(renderer) for t in shown]
                if not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:], strict=False)):
                    break
            else:
                continue
            for index, label in enumerate(labels):
                label.set_visible(index % step == 0)


def label_clashes(fig: plt.Figure, tolerance: float = 1.0) -> list[str]:
    """Each text of ``fig`` (titles, axis labels, tick labels, legend, annotations) that the saved
    chart would cut or that would overlap another, one line each; none for a clean chart.

    The figure is drawn (without output) and the box of every text drawn is measured as the
    renderer lays it out, in pixels: each must lie inside the canvas that is saved
    (``SVG_OPTIONS`` trims it to what is drawn) and inside the box it is clipped to, if any; and
    no two may overlap by more than ``tolerance`` px both across and down.
    """
    drawn = []
    draw = mpl.text.Text.draw

    def measured(text, renderer):
        draw(text, renderer)
        if text.get_visible() and text.get_text().strip():
            drawn.append((text, text.get_window_extent(renderer)))

    mpl.text.Text.draw = measured
    try:
        fig.draw_without_rendering()
    finally:
        mpl.text.Text.draw = draw
    renderer = fig.canvas.get_renderer()
    canvas = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)
    problems = []
    for text, box in drawn:
        clip = text.get_clip_box() if text.get_clip_on() else None
        for edge in (canvas, clip):
            if edge is not None and (
                box.x0 < edge.x0 - tolerance
                or box.x1 > edge.x1 + tolerance
                or box.y0 < edge.y0 - tolerance
                or box.y1 > edge.y1 + tolerance
            ):
                problems.append(f"'{text.get_text()}' is cut by the edge of the chart")
                break
    for i, (first, one) in enumerate(drawn):
        for second, other in drawn[i + 1 :]:
            across = min(one.x1, other.x1) - max(one.x0, other.x0)
            down = min(one.y1, other.y1) - max(one.y0, other.y0)
            if across > tolerance and down > tolerance:
                problems.append(f"'{first.get_text()}' overlaps '{second.get_text()}'")
    return problems
