"""MoRiLE scoring of threats and the Control Strategy its rule gives."""

from __future__ import annotations

import pandas as pd

CATEGORIES = ("priority", "intelligence requirement", "monitor")
"""Control Strategy categories, highest first."""


def score_threats(template: dict, threats: pd.DataFrame) -> pd.DataFrame:
    """MoRiLE arithmetic: adds ``harm`` (sum of the harm dimensions), the two modifier factors,
    ``risk`` (harm × geographic factor × vulnerability factor × likelihood), ``organisational``
    (capacity + capability) and ``rank`` (1 = highest risk), sorted by rank."""
    out = threats.copy()
    out["harm"] = out[list(template["harm_dimensions"])].sum(axis=1)
    factors = []
    for modifier, levels in template["modifiers"].items():
        out[f"{modifier}_factor"] = out[modifier].map(levels).astype(float)
        factors.append(f"{modifier}_factor")
    out["risk"] = out["harm"] * out[factors].prod(axis=1) * out["likelihood"]
    out["organisational"] = out[list(template["organisational_position"])].sum(axis=1)
    out["rank"] = out["risk"].rank(ascending=False, method="min").astype(int)
    return out.sort_values(["rank", "name"]).reset_index(drop=True)


def control_strategy(template: dict, scored: pd.DataFrame) -> pd.DataFrame:
    """Adds ``category``: priority, intelligence requirement or monitor, by the template's rule;
    and ``change`` from last year ("new", "same", "moved from …", "dropped from …")."""
    rule = template["control_strategy"]
    levels = list(template["confidence"])
    confident = scored["confidence"].map(levels.index) >= levels.index(rule["priority_min_confidence"])
    category = pd.Series("monitor", index=scored.index)
    category[scored["risk"] >= rule["intelligence_threshold"]] = "intelligence requirement"
    category[(scored["risk"] >= rule["priority_threshold"]) & confident] = "priority"
    out = scored.assign(category=category)

    def change(row) -> str:
        if row["last_year"] == "none":
            return "new" if row["category"] != "monitor" else "same"
        if row["last_year"] == row["category"]:
            return "same"
        return f"was {row['last_year']}"

    out["change"] = pd.Series([change(row) for _, row in out.iterrows()], index=out.index, dtype=object)
    return out


def scored_control_strategy(register: tuple[dict, pd.DataFrame]) -> pd.DataFrame:
    """The Control Strategy of a MoRiLE register, ``(template, threats as entered)`` as the
    ``morile`` reader returns it: every threat scored (``score_threats``) and placed by the
    template's rule (``control_strategy``), highest risk first. The one place the book computes
    it: the Control Strategy chapter, the executive summary and the check of the threat pages all
    call this. An empty table of threats gives an empty Control Strategy."""
    template, threats = register
    return control_strategy(template, score_threats(template, threats))
