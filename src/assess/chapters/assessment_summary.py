"""Assessment summary: the issue register's matrix, where each current and medium-term issue
stands on probability of impact and on demand, and how it moved since last year.

The issue register is optional: an edition whose forces have no issue entered gets None, and its
page says that none was entered.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import matrix
from ..analysis.registers_summary import Review, review
from ..read.catalogue import read_catalogue
from . import Chapter

DATASETS = ()
OPTIONAL = ("issue_register", "glossary")
PARAMETERS = ()

LEVELS = ("high", "low")
"""The two halves of each scale of the matrix, in the order the page names its quarters."""


@dataclass(frozen=True)
class Matrix:
    """The issue register on its matrix.

    ``moves``: one row an issue, by id (``matrix.movements``): ``id``, ``name``,
    ``last_probability``, ``last_demand``, ``probability``, ``demand`` (scores on the register's
    scale, last year's and this year's), ``d_probability``, ``d_demand`` (this year's score less
    last year's), ``moved`` (True when either changed) and ``quadrant`` ("high demand, low
    probability" ...). ``scale``: ``min`` and ``max`` (scores) and the ``low`` and ``high`` labels
    of its ends. ``last_year_label`` and ``this_year_label`` name the two years. ``example``: True
    when the positions are illustrative, not the analysts' own judgements. ``entry``: the
    register's catalogue entry (where it was printed).
    """

    moves: pd.DataFrame
    scale: dict
    last_year_label: str
    this_year_label: str
    example: bool
    entry: dict

    def in_quarter(self, demand: str, probability: str) -> pd.DataFrame:
        """The issues in the quarter of ``demand`` ("high" or "low") demand and ``probability``
        probability this year."""
        return self.moves[self.moves["quadrant"] == f"{demand} demand, {probability} probability"]

    @property
    def up(self) -> pd.DataFrame:
        """The issues whose demand score rose since last year."""
        return self.moves[self.moves["d_demand"] > 0]

    @property
    def down(self) -> pd.DataFrame:
        """The issues whose demand score fell since last year."""
        return self.moves[self.moves["d_demand"] < 0]


@dataclass(frozen=True)
class AssessmentSummary:
    """The chapter's findings: the ``matrix``, None when no issue was entered for the edition's
    forces; ``glossary`` (to spell out abbreviations) or None; ``review``: how many of the issues
    shown are carried forward from an earlier assessment, each by its own ``reviewed`` month
    (None when no issue is shown)."""

    matrix: Matrix | None
    glossary: pd.DataFrame | None
    review: Review | None


def compute(chapter: Chapter) -> AssessmentSummary:
    """The Assessment summary chapter's findings for the chapter's edition."""
    shown = issue_matrix(chapter)
    return AssessmentSummary(
        shown,
        chapter.read("glossary") if chapter.has("glossary") else None,
        review(shown.moves["reviewed"], chapter.as_of) if shown is not None else None,
    )


def issue_matrix(chapter: Chapter) -> Matrix | None:
    """The issues of the edition's register on the matrix; None when the edition names no
    register or it holds no issue of the edition's forces."""
    if not chapter.has("issue_register"):
        return None
    meta, issues = chapter.read("issue_register")
    if issues.empty:
        return None
    return Matrix(
        matrix.movements(issues, meta["scale"]),
        meta["scale"],
        meta["last_year_label"],
        meta["this_year_label"],
        bool(meta["example_scores"]),
        read_catalogue(chapter.root)["issue_register"],
    )
