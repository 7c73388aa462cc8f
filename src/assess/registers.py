"""Registers the analysts maintain: the issue matrix, MoRiLE scoring and the Control Strategy,
the strategic risk register, the recommendations tracker, CSP priorities and PCC plan themes.

YAML registers are validated here; a bad score, an unknown or repeated id stops with an
InputError naming the file, the entry and the field. CSV registers go through ``tabular``.
"""

from __future__ import annotations

import numbers
from pathlib import Path

import pandas as pd
import yaml

from .errors import InputError
from .tabular import Column, Count, read_csv

STATUSES = ("adopted", "ongoing", "business as usual", "closed")
CATEGORIES = ("priority", "intelligence requirement", "monitor")


def _read_yaml(path: str | Path, keys: set[str]) -> dict:
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "a register file at this path", found="nothing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(path, "valid YAML", row=mark.line + 1 if mark else None,
                         found=getattr(err, "problem", str(err))) from None
    if not isinstance(data, dict):
        raise InputError(path, "a mapping with " + ", ".join(sorted(keys)), found=type(data).__name__)
    missing, unknown = keys - set(data), set(data) - keys
    if missing:
        raise InputError(path, f"a top-level key '{sorted(missing)[0]}'", found="nothing")
    if unknown:
        raise InputError(path, "only the keys " + ", ".join(sorted(keys)), found=sorted(unknown)[0])
    return data


def _score(path, where: str, value, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not low <= value <= high:
        raise InputError(path, f"a score from {low:g} to {high:g}", column=where, found=value)
    return float(value)


def _entries(path, data: dict, key: str, id_field: str = "id") -> list[dict]:
    entries = data[key]
    if not isinstance(entries, list) or not entries:
        raise InputError(path, f"a list of entries under '{key}'", column=key, found=entries)
    seen = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or id_field not in entry:
            raise InputError(path, f"an entry with an '{id_field}'", column=f"{key}[{i}]", found=entry)
        if entry[id_field] in seen:
            raise InputError(path, f"each {id_field} once", column=f"{key}[{i}].{id_field}", found=entry[id_field])
        seen.add(entry[id_field])
    return entries


def _text(path, where: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, "some text", column=where, found=value)
    return value.strip()


# Issue register ---------------------------------------------------------------------------------

def load_issue_register(path: str | Path) -> tuple[dict, pd.DataFrame]:
    """The assessment-summary issues: (meta, table).

    ``meta`` holds ``example_scores``, ``scale`` (min, max, low, high) and the two year labels;
    the table has ``id, name, last_probability, last_demand, probability, demand``.
    """
    data = _read_yaml(path, {"example_scores", "scale", "last_year_label", "this_year_label", "issues"})
    scale = data["scale"]
    if not isinstance(scale, dict) or not {"min", "max"} <= set(scale) or not scale["min"] < scale["max"]:
        raise InputError(path, "a scale with min below max", column="scale", found=scale)
    rows = []
    for entry in _entries(path, data, "issues"):
        where = f"issue {entry['id']}"
        if isinstance(entry["id"], bool) or not isinstance(entry["id"], int):
            raise InputError(path, "a whole-number id", column=f"{where}.id", found=entry["id"])
        row = {"id": entry["id"], "name": _text(path, f"{where}.name", entry.get("name"))}
        for year, prefix in (("last_year", "last_"), ("this_year", "")):
            position = entry.get(year)
            if not isinstance(position, dict):
                raise InputError(path, "a mapping with probability and demand", column=f"{where}.{year}", found=position)
            for axis in ("probability", "demand"):
                row[prefix + axis] = _score(path, f"{where}.{year}.{axis}", position.get(axis), scale["min"], scale["max"])
        rows.append(row)
    meta = {k: data[k] for k in ("example_scores", "scale", "last_year_label", "this_year_label")}
    return meta, pd.DataFrame(rows).sort_values("id").reset_index(drop=True)


def movements(issues: pd.DataFrame, scale: dict) -> pd.DataFrame:
    """Direction of travel of each issue: adds ``d_probability``, ``d_demand``, ``moved`` and
    ``quadrant`` (this year's, "high demand, high probability" and so on, split at the scale's
    midpoint; a score on the midpoint counts as low)."""
    mid = (scale["min"] + scale["max"]) / 2
    out = issues.assign(d_probability=issues["probability"] - issues["last_probability"],
                        d_demand=issues["demand"] - issues["last_demand"])
    out["moved"] = (out["d_probability"] != 0) | (out["d_demand"] != 0)
    out["quadrant"] = out.apply(
        lambda r: f"{'high' if r['demand'] > mid else 'low'} demand, {'high' if r['probability'] > mid else 'low'} probability",
        axis=1)
    return out


def quadrant_sentences(moves: pd.DataFrame) -> list[str]:
    """One sentence for each quadrant that holds an issue: which issues are there, which moved up
    in demand and which fell."""
    sentences = []
    for quadrant, group in moves.groupby("quadrant", sort=True):
        names = ", ".join(f"{r.name} ({r.id})" for r in group.itertuples())
        up = [r.name for r in group.itertuples() if r.d_demand > 0]
        down = [r.name for r in group.itertuples() if r.d_demand < 0]
        text = f"{quadrant.capitalize()}: {names}."
        if up:
            text += f" Moved up in demand: {', '.join(up)}."
        if down:
            text += f" Fell in demand: {', '.join(down)}."
        sentences.append(text)
    return sentences


# MoRiLE and the Control Strategy -------------------------------------------------------------------

def load_morile(path: str | Path) -> tuple[dict, pd.DataFrame]:
    """The MoRiLE template and the threats' scores: (template, table of threats as entered).

    Every score is checked against the template's scales; modifiers and confidence against its
    named levels; ``last_year`` against the Control Strategy categories or ``none``.
    """
    data = _read_yaml(path, {"example_scores", "template", "last_year_label", "threats"})
    template = data["template"]
    needed = {"harm_dimensions", "modifiers", "likelihood", "confidence", "organisational_position", "control_strategy"}
    if not isinstance(template, dict) or not needed <= set(template):
        raise InputError(path, "a template with " + ", ".join(sorted(needed)), column="template",
                         found=sorted(set(template) if isinstance(template, dict) else []))
    rows = []
    for entry in _entries(path, data, "threats"):
        where = f"threat {entry['id']}"
        row = {"id": str(entry["id"]), "name": _text(path, f"{where}.name", entry.get("name"))}
        for dim, scale in template["harm_dimensions"].items():
            row[dim] = _score(path, f"{where}.{dim}", entry.get(dim), scale["min"], scale["max"])
        for modifier, levels in template["modifiers"].items():
            if entry.get(modifier) not in levels:
                raise InputError(path, "one of " + ", ".join(levels), column=f"{where}.{modifier}", found=entry.get(modifier))
            row[modifier] = entry[modifier]
        row["likelihood"] = _score(path, f"{where}.likelihood", entry.get("likelihood"),
                                   template["likelihood"]["min"], template["likelihood"]["max"])
        if entry.get("confidence") not in template["confidence"]:
            raise InputError(path, "one of " + ", ".join(template["confidence"]), column=f"{where}.confidence",
                             found=entry.get("confidence"))
        row["confidence"] = entry["confidence"]
        for part, scale in template["organisational_position"].items():
            row[part] = _score(path, f"{where}.{part}", entry.get(part), scale["min"], scale["max"])
        if entry.get("last_year") not in (*CATEGORIES[:2], "none"):
            raise InputError(path, "priority, intelligence requirement or none", column=f"{where}.last_year",
                             found=entry.get("last_year"))
        row["last_year"] = entry["last_year"]
        rows.append(row)
    return {**template, "example_scores": data["example_scores"], "last_year_label": data["last_year_label"]}, pd.DataFrame(rows)


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

    out["change"] = out.apply(change, axis=1)
    return out


# Strategic risks ---------------------------------------------------------------------------------

def load_risk_register(path: str | Path) -> tuple[dict, pd.DataFrame]:
    """Strategic risks: (meta, table of ``id, title, owner, likelihood, impact, mitigation, score``),
    score = likelihood × impact, highest first."""
    data = _read_yaml(path, {"example_scores", "scale", "risks"})
    scale = data["scale"]
    rows = []
    for entry in _entries(path, data, "risks"):
        where = f"risk {entry['id']}"
        rows.append({
            "id": str(entry["id"]), "title": _text(path, f"{where}.title", entry.get("title")),
            "owner": _text(path, f"{where}.owner", entry.get("owner")),
            "likelihood": _score(path, f"{where}.likelihood", entry.get("likelihood"), scale["min"], scale["max"]),
            "impact": _score(path, f"{where}.impact", entry.get("impact"), scale["min"], scale["max"]),
            "mitigation": _text(path, f"{where}.mitigation", entry.get("mitigation")),
        })
    table = pd.DataFrame(rows)
    table["score"] = table["likelihood"] * table["impact"]
    return {"example_scores": data["example_scores"], "scale": scale}, \
        table.sort_values(["score", "id"], ascending=[False, True]).reset_index(drop=True)


# Transcribed registers ------------------------------------------------------------------------------

def load_recommendations(path: str | Path) -> pd.DataFrame:
    """Last year's recommendations: ``number`` (may be empty), ``theme, recommendation, update, status``."""
    return read_csv(path, [Count("number", required=False), Column("theme"), Column("recommendation"),
                           Column("update"), Column("status", allowed=STATUSES)])


def status_counts(recommendations: pd.DataFrame) -> pd.DataFrame:
    """Recommendations by status, in the order adopted, ongoing, business as usual, closed."""
    counts = recommendations["status"].value_counts().reindex(list(STATUSES), fill_value=0)
    return counts.rename_axis("status").reset_index(name="recommendations")


def load_csp_priorities(path: str | Path) -> pd.DataFrame:
    """CSP priorities: ``force, priority, partnerships_listing, focus_noted``."""
    return read_csv(path, [Column("force"), Column("priority"), Count("partnerships_listing"),
                           Column("focus_noted", required=False)], key=["force", "priority"])


def load_csp_partnerships(path: str | Path) -> pd.DataFrame:
    """The partnerships of each force's CSP table: ``force, partnership``."""
    return read_csv(path, [Column("force"), Column("partnership")], key=["force", "partnership"])


def shared_priorities(priorities: pd.DataFrame, partnerships: pd.DataFrame, forces: tuple[str, ...]) -> pd.DataFrame:
    """Priorities × forces: the share of each force's partnerships listing each priority.

    Returns one row per priority with, per force, ``<force>`` (count listing) and a ``share``
    (of all the edition's partnerships, percent); most shared first. A count above the number
    of partnerships raises InputError.
    """
    size = partnerships.groupby("force").size()
    mine = priorities[priorities["force"].isin(forces)]
    too_many = mine[mine["partnerships_listing"] > mine["force"].map(size)]
    if len(too_many):
        row = too_many.iloc[0]
        raise InputError("csp priorities", f"at most {size[row['force']]} partnerships for {row['force']}",
                         column="partnerships_listing", found=int(row["partnerships_listing"]))
    wide = mine.pivot_table(index="priority", columns="force", values="partnerships_listing", fill_value=0, aggfunc="sum")
    wide = wide.reindex(columns=list(forces), fill_value=0).astype(int)
    wide["share"] = 100 * wide.sum(axis=1) / int(size.reindex(list(forces)).sum())
    return wide.sort_values(["share"], ascending=False).reset_index()


def load_pcc_themes(path: str | Path) -> pd.DataFrame:
    """The Police and Crime Plans' themes, paired: ``pair, west_mercia, warwickshire``."""
    return read_csv(path, [Count("pair"), Column("west_mercia"), Column("warwickshire")], key=["pair"])
