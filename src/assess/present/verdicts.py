"""The words that report a statistical result: the name of each trend model and the printed form
of a p-value. The sentences around them live in the chapters' Markdown, one cell for each way the
result can go."""

from __future__ import annotations

MODEL_WORDS = {
    "linear": "one straight trend",
    "hinge": "a trend that changes slope once",
    "spline": "a smooth curve",
}
"""How each trend model of ``trend_models`` reads in the text."""


def p_text(p: float) -> str:
    """A p-value as the prose prints it: "p = 0.003", "p < 0.001"."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def p_value_text(p: float) -> str:
    """A p-value as a table cell, rounded as the prose rounds it (``p_text``): "0.003", "< 0.001"."""
    return p_text(p).removeprefix("p = ").removeprefix("p ")
