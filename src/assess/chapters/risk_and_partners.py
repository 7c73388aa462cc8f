"""Strategic risk and partners: the strategic risk register scored, the priorities the Community
Safety Partnerships share, and the themes of the forces' Police and Crime Plans.

Every register is optional: a register the edition does not name, or that holds nothing of its
forces, gives None, and the page says none was entered; the partnerships' and the plans' entries
are counted per force, so the page can name a force that has none.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis.registers_summary import Review, review, score_risks, shared_priorities
from ..read.catalogue import read_catalogue
from ..read.registers import themes_side_by_side
from . import Chapter

DATASETS = ()
OPTIONAL = ("risk_register", "csp_priorities", "csp_partnerships", "pcc_themes")
PARAMETERS = ()

COMMON_SHARE = 50
"""A priority named by at least this share (%) of the edition's partnership lists is common to them."""


@dataclass(frozen=True)
class Risks:
    """The strategic risk register scored: ``table`` (``score_risks``: ``id``, ``title``,
    ``owner``, ``likelihood``, ``impact``, ``mitigation``, ``score`` = likelihood × impact), highest
    score first; ``scale``: the ``min`` and ``max`` of the likelihood and impact scores;
    ``example``: True when the entries are illustrative, not the force's own register. The
    table also has ``reviewed`` (YYYY-MM), ``since`` and ``drafted`` (``read.entry_fields``)."""

    table: pd.DataFrame
    scale: dict
    example: bool

    @property
    def reviewed(self) -> pd.Series:
        """The month (YYYY-MM) each risk was last reviewed."""
        return self.table["reviewed"]

    @property
    def top(self) -> pd.DataFrame:
        """The risks that share the highest score."""
        return self.table[self.table["score"] == self.table["score"].max()]


@dataclass(frozen=True)
class Partnerships:
    """The Community Safety Partnerships' priorities: ``shared`` (``shared_priorities``: one row a
    priority, a column a force counting its partnerships that name it, and ``share``, % of all
    ``n_lists`` partnership lists of the edition's forces), most shared first; ``forces``: the
    edition's forces whose partnerships were entered; ``entry``: the catalogue entry of the
    priorities (where they were printed); ``reviewed``: the month (YYYY-MM) each priority and
    each partnership list shown was last reviewed."""

    shared: pd.DataFrame
    n_lists: int
    forces: tuple[str, ...]
    entry: dict
    reviewed: pd.Series

    @property
    def common(self) -> list[str]:
        """The priorities named by ``COMMON_SHARE`` % or more of the partnership lists, most shared first."""
        return self.shared.loc[self.shared["share"] >= COMMON_SHARE, "priority"].tolist()


@dataclass(frozen=True)
class Plans:
    """The Police and Crime Plans' themes: ``themes``, one column a force whose plan was entered
    (named by the force), one row a pair of themes set side by side; ``forces``, those forces in
    the edition's order; ``entry``, the themes' catalogue entry; ``reviewed``, the month
    (YYYY-MM) each theme shown was last reviewed."""

    themes: pd.DataFrame
    forces: tuple[str, ...]
    entry: dict
    reviewed: pd.Series


@dataclass(frozen=True)
class RiskAndPartners:
    """The chapter's findings, each None when nothing of it was entered for the edition's forces:
    ``risks``, ``partnerships`` and ``plans``; ``review``: how many of the entries shown (risks,
    partnership priorities and lists, plan themes) are carried forward from an earlier
    assessment, each by its own ``reviewed`` month (None when nothing is shown)."""

    risks: Risks | None
    partnerships: Partnerships | None
    plans: Plans | None
    review: Review | None


def compute(chapter: Chapter) -> RiskAndPartners:
    """The Strategic risk and partners chapter's findings for the chapter's edition."""
    found = (risks(chapter), partnerships(chapter), plans(chapter))
    shown = [part.reviewed for part in found if part is not None]
    return RiskAndPartners(*found, review(pd.concat(shown), chapter.as_of) if shown else None)


def risks(chapter: Chapter) -> Risks | None:
    """The strategic risks of the edition's forces, scored; None when the edition names no
    register or it holds no risk of its forces."""
    if not chapter.has("risk_register"):
        return None
    meta, entered = chapter.read("risk_register")
    if entered.empty:
        return None
    return Risks(score_risks(entered), meta["scale"], bool(meta["example_scores"]))


def partnerships(chapter: Chapter) -> Partnerships | None:
    """The priorities the partnerships of the edition's forces name, and how widely; None when
    the edition names no partnership table or it lists no partnership of its forces."""
    if not (chapter.has("csp_priorities") and chapter.has("csp_partnerships")):
        return None
    listed = chapter.read("csp_partnerships")
    listed = listed[listed["force"].isin(chapter.forces)]
    entered = tuple(f for f in chapter.forces if f in set(listed["force"]))
    if not entered:
        return None
    priorities = chapter.read("csp_priorities")
    shared = shared_priorities(priorities, listed, entered)
    reviewed = pd.concat([priorities.loc[priorities["force"].isin(entered), "reviewed"], listed["reviewed"]])
    return Partnerships(shared, len(listed), entered, read_catalogue(chapter.root)["csp_priorities"], reviewed)


def plans(chapter: Chapter) -> Plans | None:
    """The themes of the Police and Crime Plans of the edition's forces; None when the edition
    names no themes or they hold no plan of its forces."""
    if not chapter.has("pcc_themes"):
        return None
    themes = chapter.read("pcc_themes")
    shown = themes_side_by_side(themes, chapter.forces)
    entered = tuple(shown.columns)
    if not entered:
        return None
    reviewed = themes.loc[themes["force"].isin(entered), "reviewed"]
    return Plans(shown, entered, read_catalogue(chapter.root)["pcc_themes"], reviewed)
