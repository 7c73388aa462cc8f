"""The Strategic risk and partners chapter as readers see it: its figures and sentences glued for
the prose, the risk heat map and the tables of risks, partnership priorities and plan themes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ...chapters.risk_and_partners import Partnerships, Plans, RiskAndPartners, Risks
from .. import colours, plots
from ..glue import glue
from ..labels import printed_in
from ..tables import table
from ..wording import counted, join_words, plural
from .registers import glue_carried_forward, not_entered, reviewed_words

PARTNERSHIP_LISTS = "list of Community Safety Partnership priorities"
PLAN = "Police and Crime Plan"


def glue_findings(found: RiskAndPartners, forces: tuple[str, ...]) -> None:
    """Glue every figure and sentence the chapter's prose names."""
    glue_carried_forward(found.review)
    glue("risk_summary", risk_summary(found.risks, forces), description="the strategic risk register in words")
    glue("risk_scale", risk_scale(found.risks), description="the scale of likelihood and impact")
    glue("csp_summary", csp_summary(found.partnerships, forces), description="the partnerships' priorities in words")
    glue("pcc_summary", pcc_summary(found.plans, forces), description="the Police and Crime Plans shown")
    risks, partnerships = found.risks, found.partnerships
    if risks is not None:
        top = risks.top
        glue("n_risks", len(risks.table), unit="risks", description="strategic risks in the register")
        glue(
            "top_score", int(top["score"].iloc[0]), unit="score", description="the highest score (likelihood × impact)"
        )
        glue("n_top_risks", len(top), unit="risks", description="risks with the highest score")
        glue("example_risks", risks.example, description="whether the risks are illustrative")
        glue("risk_scale_low", risks.scale["min"], unit="score", description="lowest score of the risk scales")
        glue("risk_scale_high", risks.scale["max"], unit="score", description="highest score of the risk scales")
    if partnerships is not None:
        glue("n_partnerships", partnerships.n_lists, unit="partnership lists", description="CSP priority lists counted")
        glue(
            "n_common_priorities",
            len(partnerships.common),
            unit="priorities",
            description="priorities named by half the partnerships or more",
        )


def risk_summary(risks: Risks | None, forces) -> str:
    """How many risks the register holds and which scores highest (its likelihood, impact and
    owner; or the risks that share the highest score), and whether the entries are the force's
    own; or that no register was entered for ``forces``."""
    if risks is None:
        return f"{not_entered('strategic risk register', forces)}."
    top, n = risks.top, len(risks.table)
    first = top.iloc[0]
    named = f"‘{first.title}’ (likelihood {first.likelihood:g}, impact {first.impact:g}, owner: {first.owner})"
    if n == 1:
        said = f"The register holds one strategic risk, {named}."
    elif len(top) == 1:
        said = f"The register holds {counted(n, 'strategic risk')}; the highest scored is {named}."
    else:
        said = (
            f"The register holds {counted(n, 'strategic risk')}; {counted(len(top), 'risk')} share the highest "
            f"score, {first.score:g}: {join_words(f'‘{title}’' for title in top['title'])}."
        )
    if risks.example:
        said += " The risks shown are illustrative entries, not the force's own register."
    return said


def risk_scale(risks: Risks | None) -> str:
    """The ends of the likelihood and impact scales: "from 1 (very low) to 5 (very high)"."""
    if risks is None:
        return "from very low to very high"
    return f"from {risks.scale['min']:g} (very low) to {risks.scale['max']:g} (very high)"


def csp_summary(partnerships: Partnerships | None, forces) -> str:
    """The priorities half or more of the partnerships' lists name, and the forces none of whose
    partnerships' priorities were entered."""
    if partnerships is None:
        return f"{not_entered(PARTNERSHIP_LISTS, forces)}."
    common = partnerships.common
    lists = counted(partnerships.n_lists, "partnership list")
    said = (
        f"Across the {lists} of this edition, half or more name {counted(len(common), 'priority')}: "
        f"{join_words(p.lower() for p in common)}."
        if common
        else f"Across the {lists} of this edition, no priority is named by half of them or more."
    )
    missing = [f for f in forces if f not in partnerships.forces]
    return said + (f" {not_entered(PARTNERSHIP_LISTS, missing)}." if missing else "")


def pcc_summary(plans: Plans | None, forces) -> str:
    """Which forces' plans the table shows, and how; and the forces whose plan was not entered."""
    if plans is None:
        return f"{not_entered(PLAN, forces)}."
    said = (
        f"The plans' themes are set side by side as the {printed_in(plans.entry)} paired them."
        if len(plans.forces) > 1
        else f"The {plans.forces[0]} plan's themes are listed."
    )
    missing = [f for f in forces if f not in plans.forces]
    return said + (f" {not_entered(PLAN, missing)}." if missing else "")


def _risk_source(risks: Risks) -> str:
    return "the strategic risk register" + ("; illustrative entries" if risks.example else "")


def risk_chart(found: RiskAndPartners) -> None:
    """The heat map of likelihood against impact, each cell showing its score and the risks placed
    in it. Nothing when there is no register."""
    risks = found.risks
    if risks is None:
        return
    low, high = risks.scale["min"], risks.scale["max"]
    levels = np.arange(low, high + 1)
    fig, ax = plt.subplots(figsize=(6.5, 6))
    heat = np.outer(levels, levels)  # score = likelihood × impact, written in each cell's corner
    shade = plt.Normalize(heat.min(), heat.max())
    extent = (low - 0.5, high + 0.5, low - 0.5, high + 0.5)
    ax.imshow(heat, origin="lower", cmap=colours.RISK_MAP, norm=shade, extent=extent)
    for (impact, likelihood), score in np.ndenumerate(heat):
        ax.text(
            levels[likelihood] + 0.42,
            levels[impact] - 0.42,
            str(score),
            ha="right",
            va="bottom",
            fontsize=7,
            color=colours.text_on(plt.get_cmap(colours.RISK_MAP)(shade(score))),
        )
    for (likelihood, impact), group in risks.table.groupby(["likelihood", "impact"]):
        ax.text(
            likelihood,
            impact,
            "\n".join(group["id"]),
            ha="center",
            va="center",
            fontsize=9,
            weight="bold",
            color=colours.text_on(plt.get_cmap(colours.RISK_MAP)(shade(likelihood * impact))),
        )
    ax.set_xticks(levels)
    ax.set_yticks(levels)
    ax.set_xlabel(f"Likelihood ({low} very low to {high} very high)")
    ax.set_ylabel(f"Harm / impact ({low} very low to {high} very high)")
    ax.set_title("Strategic risk heat map")
    ax.grid(False)
    data = risks.table[["id", "title", "likelihood", "impact", "score"]]
    plots.show(
        fig,
        data.rename(
            columns={
                "id": "Id",
                "title": "Risk",
                "likelihood": "Likelihood",
                "impact": "Impact",
                "score": "Score (likelihood × impact)",
            }
        ),
        "Strategic risk heat map",
        _risk_source(risks),
    )


def risk_table(found: RiskAndPartners):
    """Every strategic risk with its owner, scores and mitigation, highest score first; None
    when there is no register."""
    risks = found.risks
    if risks is None:
        return None
    scored = risks.table
    shown = scored.assign(
        likelihood=scored["likelihood"].astype(int),
        impact=scored["impact"].astype(int),
        score=scored["score"].astype(int),
    )[["id", "title", "owner", "likelihood", "impact", "score", "mitigation"]]
    return table(
        shown.rename(
            columns={
                "id": "Id",
                "title": "Risk",
                "owner": "Owner",
                "likelihood": "Likelihood",
                "impact": "Impact",
                "score": "Score (likelihood × impact)",
                "mitigation": "Mitigation",
            }
        ),
        caption="Strategic risks, highest score first",
        source=_risk_source(risks),
    )


def csp_table(found: RiskAndPartners):
    """Each priority with the partnerships of each force naming it and its share of all the
    edition's partnership lists; None when none was entered."""
    partnerships = found.partnerships
    if partnerships is None:
        return None
    entry = partnerships.entry
    return table(
        partnerships.shared.rename(columns={"priority": "Priority", "share": "Share of partnerships"}),
        formats={"Share of partnerships": "{:.0f}%"},
        caption="Community Safety Partnership priorities: partnerships naming each",
        source=", ".join(
            filter(
                None,
                [
                    entry.get("printed_in"),
                    "the partnerships' priority tables (counts per force, county level included: the source's "
                    "table does not say which partnership named which)",
                    reviewed_words(partnerships.reviewed),
                ],
            )
        ),
    )


def pcc_table(found: RiskAndPartners):
    """The themes of each force's Police and Crime Plan, paired by row; None when none was entered."""
    plans = found.plans
    if plans is None:
        return None
    entry = plans.entry
    return table(
        plans.themes.rename(columns={f: f"{f} Police and Crime Commissioner" for f in plans.forces}),
        caption=f"Themes of the {plural(PLAN, len(plans.forces))}",
        source="; ".join(filter(None, [entry.get("printed_in"), reviewed_words(plans.reviewed)])),
    )
