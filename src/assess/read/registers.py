"""Registers the analysts maintain: the issue matrix, MoRiLE scoring and the Control Strategy,
the strategic risk register, the recommendations tracker, CSP priorities and PCC plan themes.

YAML registers are validated here; a bad score, an unknown or repeated id stops with an
InputError naming the file, the entry and the field. CSV registers go through ``csvfile``.
"""

from __future__ import annotations

import math
import numbers
import re
from pathlib import Path

import pandas as pd

from ..analysis.morile import CATEGORIES
from ..analysis.registers_summary import STATUSES
from ..errors import InputError
from ..periods import is_financial_year
from .csvfile import Column, Count, Label, read_csv
from .entry_fields import csv_columns, yaml_fields
from .yamlfile import read_yaml_lines


def _read_register(path: str | Path, keys: set[str]) -> tuple[dict, dict[tuple, int]]:
    """The register's top-level mapping, holding exactly ``keys``, and the file line of each value."""
    data, lines = read_yaml_lines(path, what="a register file")
    if not isinstance(data, dict):
        raise InputError(path, "a mapping with " + ", ".join(sorted(keys)), found=type(data).__name__)
    missing, unknown = keys - set(data), set(data) - keys
    if missing:
        raise InputError(path, f"a top-level key '{sorted(missing)[0]}'", found="nothing")
    if unknown:
        raise InputError(path, "only the keys " + ", ".join(sorted(keys)), found=sorted(unknown)[0])
    return data, lines


def _number(value) -> bool:
    """True for a finite int or float (not a bool, inf or nan)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def _scale(path, where: str, value) -> dict:
    """``value`` checked as a scale: a mapping whose ``min`` and ``max`` are finite numbers, min below max."""
    if not isinstance(value, dict) or not all(_number(value.get(end)) for end in ("min", "max")):
        raise InputError(path, "a scale with numbers min and max", column=where, found=value)
    if not value["min"] < value["max"]:
        raise InputError(path, "a scale with min below max", column=where, found=value)
    return value


def _levels(path, where: str, value) -> list:
    """``value`` checked as a non-empty list of named levels (text)."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(path, "a list of named levels", column=where, found=value)
    return value


def _multipliers(path, where: str, value) -> dict:
    """``value`` checked as a modifier: a non-empty mapping of named levels to finite multipliers of 0 or more."""
    if not isinstance(value, dict) or not value or not all(_number(v) and v >= 0 for v in value.values()):
        raise InputError(path, "a mapping of named levels to multipliers of 0 or more", column=where, found=value)
    return value


def _scales(path, where: str, value) -> dict:
    """``value`` checked as a non-empty mapping of names to scales."""
    if not isinstance(value, dict) or not value:
        raise InputError(path, "a mapping of names to scales", column=where, found=value)
    return {name: _scale(path, f"{where}.{name}", scale) for name, scale in value.items()}


def _score(path, where: str, value, low: float, high: float) -> float:
    if not _number(value) or not low <= value <= high:
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
        if isinstance(entry[id_field], bool) or not isinstance(entry[id_field], (int, str)):
            raise InputError(
                path, "an id of text or a whole number", column=f"{key}[{i}].{id_field}", found=entry[id_field]
            )
        if entry[id_field] in seen:
            raise InputError(path, f"each {id_field} once", column=f"{key}[{i}].{id_field}", found=entry[id_field])
        seen.add(entry[id_field])
    return entries


def _text(path, where: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, "some text", column=where, found=value)
    return value.strip()


def _flag(path, where: str, value) -> bool:
    if not isinstance(value, bool):
        raise InputError(path, "true or false", column=where, found=value)
    return value


def _entry_table(rows: list[dict], kind: str, lines: dict[tuple, int], key: str) -> pd.DataFrame:
    """The entries (of the list under ``key``) as a table; ``attrs["entries"]`` names each ("risk
    R1") and ``attrs["entry_lines"]`` gives its first line in the file, for messages."""
    table = pd.DataFrame(rows)
    table.attrs["entries"] = tuple(f"{kind} {row['id']}" for row in rows)
    table.attrs["entry_lines"] = tuple(lines.get((key, i)) for i in range(len(rows)))
    return table


def check_year_labels(path: str | Path, meta: dict, lines: dict[tuple, int]) -> None:
    """Raise InputError (file, line, key) when a register kept in a year's folder names another
    year in its labels. ``assess new-year`` asks for a year's registers in a folder named by that
    financial year (``registers/2020-21/``), where the analysts copy last year's files and revise
    them: there ``this_year_label`` must name the folder's year ("2020/21") and
    ``last_year_label`` the year before ("2019/20", or "2019" as in "Control Strategy 2019"), so
    that last year's labels cannot stay put in this year's book. A register in any other folder
    (the shipped ones of the 2016/17 assessment, carried forward) keeps its own periods."""
    folder = Path(path).parent.name
    if not is_financial_year(folder):
        return
    first = int(folder[:4])
    wanted = {
        "this_year_label": (rf"(?<!\d){first}/{(first + 1) % 100:02d}(?!\d)", f"{first}/{(first + 1) % 100:02d}"),
        "last_year_label": (
            rf"(?<!\d){first - 1}(/{first % 100:02d})?(?![\d/])",
            f"{first - 1}/{first % 100:02d} (or {first - 1})",
        ),
    }
    for key, (pattern, year) in wanted.items():
        if key in meta and not re.search(pattern, meta[key]):
            raise InputError(
                path,
                f"a label naming {year}, the year of this register's folder {folder}"
                + (" less one" if key == "last_year_label" else ""),
                row=lines.get((key,)),
                column=key,
                found=meta[key],
            )


# Issue register ---------------------------------------------------------------------------------


def read_issue_register(path: str | Path) -> tuple[dict, pd.DataFrame]:
    """The assessment-summary issues: (meta, table).

    ``meta`` holds ``example_scores``, ``scale`` (min, max, low, high) and the two year labels
    (:func:`check_year_labels`); the table has ``id, name, last_probability, last_demand,
    probability, demand``, ``force`` and ``reviewed`` (``entry_fields``).
    """
    data, lines = _read_register(path, {"example_scores", "scale", "last_year_label", "this_year_label", "issues"})
    scale = _scale(path, "scale", data["scale"])
    rows = []
    for i, entry in enumerate(_entries(path, data, "issues")):
        where = f"issue {entry['id']}"
        if isinstance(entry["id"], bool) or not isinstance(entry["id"], int):
            raise InputError(path, "a whole-number id", column=f"{where}.id", found=entry["id"])
        row = {"id": entry["id"], "name": _text(path, f"{where}.name", entry.get("name"))}
        row.update(yaml_fields(path, where, entry, lines, ("issues", i)))
        for year, prefix in (("last_year", "last_"), ("this_year", "")):
            position = entry.get(year)
            if not isinstance(position, dict):
                raise InputError(
                    path, "a mapping with probability and demand", column=f"{where}.{year}", found=position
                )
            for axis in ("probability", "demand"):
                row[prefix + axis] = _score(
                    path, f"{where}.{year}.{axis}", position.get(axis), scale["min"], scale["max"]
                )
        rows.append(row)
    meta = {
        "example_scores": _flag(path, "example_scores", data["example_scores"]),
        "scale": data["scale"],
        **{k: _text(path, k, data[k]) for k in ("last_year_label", "this_year_label")},
    }
    check_year_labels(path, meta, lines)
    table = _entry_table(rows, "issue", lines, "issues")
    order = table["id"].argsort(kind="stable").to_numpy()
    attrs = {name: tuple(table.attrs[name][i] for i in order) for name in ("entries", "entry_lines")}
    table = table.iloc[order].reset_index(drop=True)
    table.attrs = attrs
    return meta, table


# MoRiLE and the Control Strategy -------------------------------------------------------------------


def read_morile(path: str | Path) -> tuple[dict, pd.DataFrame]:
    """The MoRiLE template and the threats' scores: (template, table of threats as entered).

    Every score is checked against the template's scales; modifiers and confidence against its
    named levels; ``last_year`` against the Control Strategy categories or ``none``.
    """
    data, lines = _read_register(path, {"example_scores", "template", "last_year_label", "threats"})
    template = data["template"]
    needed = {"harm_dimensions", "modifiers", "likelihood", "confidence", "organisational_position", "control_strategy"}
    if not isinstance(template, dict) or not needed <= set(template):
        raise InputError(
            path,
            "a template with " + ", ".join(sorted(needed)),
            column="template",
            found=sorted(set(template) if isinstance(template, dict) else []),
        )
    harm = _scales(path, "template.harm_dimensions", template["harm_dimensions"])
    position = _scales(path, "template.organisational_position", template["organisational_position"])
    likelihood = _scale(path, "template.likelihood", template["likelihood"])
    confidence = _levels(path, "template.confidence", template["confidence"])
    if not isinstance(template["modifiers"], dict):
        raise InputError(
            path, "a mapping of modifiers to levels", column="template.modifiers", found=template["modifiers"]
        )
    modifiers = {m: _multipliers(path, f"template.modifiers.{m}", v) for m, v in template["modifiers"].items()}
    rows = []
    for i, entry in enumerate(_entries(path, data, "threats")):
        where = f"threat {entry['id']}"
        row = {"id": str(entry["id"]), "name": _text(path, f"{where}.name", entry.get("name"))}
        row.update(yaml_fields(path, where, entry, lines, ("threats", i)))
        for dim, scale in harm.items():
            row[dim] = _score(path, f"{where}.{dim}", entry.get(dim), scale["min"], scale["max"])
        for modifier, levels in modifiers.items():
            if entry.get(modifier) not in list(levels):
                raise InputError(
                    path,
                    "one of " + ", ".join(map(str, levels)),
                    column=f"{where}.{modifier}",
                    found=entry.get(modifier),
                )
            row[modifier] = entry[modifier]
        row["likelihood"] = _score(
            path,
            f"{where}.likelihood",
            entry.get("likelihood"),
            likelihood["min"],
            likelihood["max"],
        )
        if entry.get("confidence") not in confidence:
            raise InputError(
                path,
                "one of " + ", ".join(confidence),
                column=f"{where}.confidence",
                found=entry.get("confidence"),
            )
        row["confidence"] = entry["confidence"]
        for part, scale in position.items():
            row[part] = _score(path, f"{where}.{part}", entry.get(part), scale["min"], scale["max"])
        if entry.get("last_year") not in (*CATEGORIES[:2], "none"):
            raise InputError(
                path,
                "priority, intelligence requirement or none",
                column=f"{where}.last_year",
                found=entry.get("last_year"),
            )
        row["last_year"] = entry["last_year"]
        rows.append(row)
    meta = {
        **template,
        "example_scores": _flag(path, "example_scores", data["example_scores"]),
        "last_year_label": _text(path, "last_year_label", data["last_year_label"]),
    }
    check_year_labels(path, meta, lines)
    return meta, _entry_table(rows, "threat", lines, "threats")


# Strategic risks ---------------------------------------------------------------------------------


def read_risk_register(path: str | Path) -> tuple[dict, pd.DataFrame]:
    """Strategic risks: (meta, table of ``id, title, owner, likelihood, impact, mitigation``, and
    ``force``, ``reviewed``, ``since`` and ``drafted``: ``entry_fields``), as entered."""
    data, lines = _read_register(path, {"example_scores", "scale", "risks"})
    scale = _scale(path, "scale", data["scale"])
    rows = []
    for i, entry in enumerate(_entries(path, data, "risks")):
        where = f"risk {entry['id']}"
        rows.append(
            {
                "id": str(entry["id"]),
                "title": _text(path, f"{where}.title", entry.get("title")),
                "owner": _text(path, f"{where}.owner", entry.get("owner")),
                "likelihood": _score(path, f"{where}.likelihood", entry.get("likelihood"), scale["min"], scale["max"]),
                "impact": _score(path, f"{where}.impact", entry.get("impact"), scale["min"], scale["max"]),
                "mitigation": _text(path, f"{where}.mitigation", entry.get("mitigation")),
                **yaml_fields(path, where, entry, lines, ("risks", i), dated=True),
            }
        )
    meta = {"example_scores": _flag(path, "example_scores", data["example_scores"]), "scale": scale}
    return meta, _entry_table(rows, "risk", lines, "risks")


# Transcribed registers ------------------------------------------------------------------------------


def read_recommendations(path: str | Path) -> pd.DataFrame:
    """Last year's recommendations: ``number`` (may be empty), ``theme, recommendation, update,
    status``, ``force`` (whose recommendation it is, ``assess.read.scope``) and ``reviewed``
    (YYYY-MM, ``entry_fields``)."""
    return read_csv(
        path,
        [
            Count("number", required=False),
            Column("theme"),
            Column("recommendation"),
            Column("update"),
            Column("status", allowed=STATUSES),
            *csv_columns(),
        ],
        unique_rows=True,
    )


def read_csp_priorities(path: str | Path) -> pd.DataFrame:
    """CSP priorities: ``force, priority, partnerships_listing, focus_noted, reviewed`` (YYYY-MM)."""
    return read_csv(
        path,
        [
            Label("force"),
            Column("priority"),
            Count("partnerships_listing"),
            Column("focus_noted", required=False),
            *csv_columns()[1:],
        ],
        key=["force", "priority"],
    )


def read_csp_partnerships(path: str | Path) -> pd.DataFrame:
    """The partnerships of each force's CSP table: ``force, partnership, reviewed`` (YYYY-MM)."""
    return read_csv(path, [Label("force"), Label("partnership"), *csv_columns()[1:]], key=["force", "partnership"])


def read_pcc_themes(path: str | Path) -> pd.DataFrame:
    """The Police and Crime Plans' themes, one row per force and theme: ``force, pair, theme,
    reviewed`` (YYYY-MM). ``pair`` numbers the themes as the source sets them side by side (theme
    1 of one plan beside theme 1 of the other); a force gives each pair one theme."""
    return read_csv(path, [Label("force"), Count("pair"), Column("theme"), *csv_columns()[1:]], key=["force", "pair"])


def themes_side_by_side(themes: pd.DataFrame, forces) -> pd.DataFrame:
    """The themes of ``forces`` (those of them with a plan, in that order) set side by side: one
    row per ``pair`` (the index, in order), one column per force holding its theme ("" where a
    force's plan has no theme of that pair)."""
    mine = [force for force in forces if force in set(themes["force"])]
    wide = themes[themes["force"].isin(mine)].pivot(index="pair", columns="force", values="theme")
    return wide.reindex(columns=mine).fillna("").sort_index()
