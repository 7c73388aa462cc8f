"""The Assessment summary chapter as readers see it: its figures and sentences glued for the prose,
the matrix of issues and its tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ...analysis import matrix
from ...chapters.assessment_summary import LEVELS, AssessmentSummary, Matrix
from .. import colours, plots
from ..glossary import Acronyms
from ..glue import glue, key
from ..tables import table
from ..wording import counted, join_words
from .registers import glue_carried_forward, not_entered

ISSUES = "current and medium-term issues"


def glue_findings(found: AssessmentSummary, forces: tuple[str, ...]) -> None:
    """Glue every figure and sentence the chapter's prose names."""
    glue_carried_forward(found.review)
    glue("matrix_summary", matrix_summary(found.matrix, forces), description="the matrix of issues in words")
    shown = found.matrix
    if shown is None:
        return
    glue("n_issues", len(shown.moves), unit="issues", description="issues in the assessment-summary matrix")
    glue("n_moved", int(shown.moves["moved"].sum()), unit="issues", description="issues whose position changed")
    glue("example_scores", shown.example, description="whether the matrix positions are illustrative")
    for demand in LEVELS:
        for probability in LEVELS:
            glue(
                key("n_quarter", demand, probability),
                len(shown.in_quarter(demand, probability)),
                unit="issues",
                description=f"issues in the quarter of {demand} demand and {probability} probability",
            )
    glue("n_up", len(shown.up), unit="issues", description="issues up in demand since last year")
    glue("n_down", len(shown.down), unit="issues", description="issues down in demand since last year")


def matrix_summary(shown: Matrix | None, forces) -> str:
    """How many issues moved, how many each quarter of the matrix holds, how many moved up and
    down in demand, and whether the positions are the analysts' own; or that no issue register
    was entered for ``forces``."""
    if shown is None:
        return f"{not_entered('issue register', forces)}, so no issue is placed on the matrix."
    sentences = [
        moved_sentence(int(shown.moves["moved"].sum()), len(shown.moves)),
        quarter_sentence(shown),
        demand_sentence(len(shown.up), len(shown.down)),
    ]
    if shown.example:
        sentences.append(
            "The positions are illustrative: they show how the matrix works, not the assessment's own "
            "judgements of each issue."
        )
    return " ".join(sentences)


def quarter_sentence(shown: Matrix) -> str:
    """How many issues each quarter of the matrix holds, in words: "The quarter of high demand and
    high probability holds 10 issues; that of high demand and low probability, 0 issues; ..."."""
    held = [
        (f"{demand} demand and {probability} probability", counted(len(shown.in_quarter(demand, probability)), "issue"))
        for demand in LEVELS
        for probability in LEVELS
    ]
    (first, n_first), *others = held
    rest = [f"that of {quarter}, {n}" for quarter, n in others]
    return f"The quarter of {first} holds {n_first}; {'; '.join(rest[:-1])}; and {rest[-1]}."


def moved_sentence(moved: int, total: int) -> str:
    """How many of ``total`` issues moved on the matrix since last year, in words."""
    if total == 1:
        verb = "moved" if moved else "did not move"
        return f"The one current or medium-term issue {verb} on the matrix since last year."
    if moved == 0:
        share = f"None of the {total:,}"
    elif moved == total:
        share = f"All {total:,}"
    else:
        share = f"{moved:,} of the {total:,}"
    return f"{share} {ISSUES} moved on the matrix since last year."


def demand_sentence(up: int, down: int) -> str:
    """How many issues moved up and down in demand since last year, in words."""
    if not (up or down):
        return "No issue moved up or down in demand since last year."
    parts = [f"{counted(up, 'issue')} moved up in demand"] if up else []
    parts += [f"{counted(down, 'issue')} moved down"] if down else []
    return f"Since last year {join_words(parts)}; the tables below name them."


def _source(shown: Matrix) -> str:
    printed = shown.entry.get("printed_in")
    return "the issue register" + (f"; issues from the {printed}" if printed else "")


def _illustrative(shown: Matrix) -> str:
    return "; illustrative positions, not the assessment's own" if shown.example else ""


def _year_columns(shown: Matrix) -> dict[str, str]:
    last, this = shown.last_year_label, shown.this_year_label
    return {
        "id": "No.",
        "name": "Issue",
        "last_probability": f"Probability {last}",
        "last_demand": f"Demand {last}",
        "probability": f"Probability {this}",
        "demand": f"Demand {this}",
    }


def matrix_chart(found: AssessmentSummary) -> None:
    """The matrix: each issue's number at this year's position, with an arrow from last year's
    where it moved; issues on the same scores drawn side by side. Nothing when there is no
    register."""
    shown = found.matrix
    if shown is None:
        return
    scale, moves = shown.scale, shown.moves
    marks = matrix.positions(moves, gap=0.42)  # issues on the same scores are spread round them, none hidden
    last, this = (marks[marks["year"] == year].set_index("id") for year in ("last", "this"))
    fig, ax = plt.subplots(figsize=(8, 8))
    mid = (scale["min"] + scale["max"]) / 2
    ax.axvline(mid, color=colours.GRID)
    ax.axhline(mid, color=colours.GRID)
    for issue in last.index:
        ax.annotate(
            "",
            xy=(this.at[issue, "x"], this.at[issue, "y"]),
            xytext=(last.at[issue, "x"], last.at[issue, "y"]),
            arrowprops={
                "arrowstyle": "-|>",
                "color": colours.ARROW,
                "lw": 1,
                "mutation_scale": 12,
                "shrinkA": 9,
                "shrinkB": 9,
            },
            zorder=2,
        )
    for marked, colour, label in (
        (last, colours.LAST_YEAR, f"{shown.last_year_label} (issues that moved)"),
        (this, colours.THIS_YEAR, shown.this_year_label),
    ):
        ax.scatter(
            marked["x"],
            marked["y"],
            s=260,
            color=colour,
            edgecolors=colours.ARROW,
            linewidths=0.5,
            zorder=3,
            label=label,
        )
        for issue, mark in marked.iterrows():
            ax.text(
                mark.x,
                mark.y,
                str(issue),
                ha="center",
                va="center",
                fontsize=8,
                color=colours.text_on(colour),
                weight="bold",
                zorder=4,
            )
    ax.set_xlim(scale["min"] - 0.5, scale["max"] + 0.5)
    ax.set_ylim(scale["min"] - 0.5, scale["max"] + 0.5)
    ax.set_xlabel(f"Probability of impact on capacity and capability ({scale['low']} to {scale['high']})")
    ax.set_ylabel(f"Demand / pressure to change ({scale['low']} to {scale['high']})")
    ax.set_title("Assessment summary: issues and their direction of travel")
    ax.legend(loc="lower right")
    columns = _year_columns(shown)
    plots.show(
        fig,
        moves[list(columns)].rename(columns=columns),
        "Assessment summary: issues and their direction of travel",
        f"{_source(shown)}; positions {shown.last_year_label} and {shown.this_year_label}{_illustrative(shown)}",
    )


def matrix_tables(found: AssessmentSummary) -> list:
    """The issues of each quarter of the matrix, with those that moved in demand (abbreviations
    spelt out at their first use), then every issue's scores and direction of travel; none when
    there is no register."""
    shown = found.matrix
    if shown is None:
        return []
    moves = shown.moves
    acronyms = Acronyms(found.glossary) if found.glossary is not None else None
    labels = {r.id: f"{acronyms.expand(r.name) if acronyms else r.name} ({r.id})" for r in moves.itertuples()}
    quarters = pd.DataFrame(
        [
            {
                "Quarter": quadrant.capitalize(),
                "Issues": join_words(labels[r.id] for r in group.itertuples()),
                "Moved up in demand": join_words(r.name for r in group.itertuples() if r.d_demand > 0) or "none",
                "Moved down in demand": join_words(r.name for r in group.itertuples() if r.d_demand < 0) or "none",
            }
            for quadrant, group in moves.groupby("quadrant", sort=True)
        ]
    )
    travel = moves.apply(
        lambda r: "no change" if not r.moved else f"probability {r.d_probability:+g}, demand {r.d_demand:+g}", axis=1
    )
    columns = _year_columns(shown)
    scores = moves.assign(change=travel).astype(
        {"last_probability": int, "last_demand": int, "probability": int, "demand": int}
    )[[*columns, "change"]]
    scale = shown.scale
    return [
        table(
            quarters,
            caption="Issues by quarter of the matrix, with those that moved in demand since last year",
            source=f"the issue register; positions {shown.this_year_label} against {shown.last_year_label}"
            + _illustrative(shown),
        ),
        table(
            scores.rename(columns={**columns, "change": "Direction of travel"}),
            caption="Legend of the assessment-summary matrix, with each issue's scores",
            source=f"the issue register; scale {scale['min']} to {scale['max']}{_illustrative(shown)}",
        ),
    ]
