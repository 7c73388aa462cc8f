"""Threat assessments: each threat of the register measured in the data, through the lookup of its
data.police.uk crime types and Home Office offence codes.

A threat's crime types are stated with the edition's crime findings (``assess.findings``): the
same record, and so the same verdict, as the Performance chapter gives each crime type. Its
offence codes give the recorded crimes of one financial year, their harm and their share of all
the harm the force recorded (``assess.analysis.threat_indicators.recorded_indicator``).

The overview (the Threat assessments chapter) and every threat page (written by the build) read
this module's findings; neither runs a test of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import findings
from ..analysis import evidence as evidence_rules
from ..analysis import harm, threat_indicators
from ..analysis.morile import CATEGORIES
from ..errors import InputError
from ..findings import CrimeDirections
from . import Chapter

DATASETS = (
    "recorded_crime_force",
    "offence_crosswalk",
    "harm_weights_chi",
    "harm_weights_css",
    *findings.DATASETS,
)
OPTIONAL = ("threats", "threat_indicators")
PARAMETERS = ("harm", "periods")


@dataclass(frozen=True)
class Measured:
    """One threat in the data: ``crime_types`` (data.police.uk's, whose findings are the crime
    findings), ``offence_codes`` and ``recorded`` (one row per force: ``force``, ``crimes``,
    ``harm`` in the scheme's unit and ``harm_share``, % of the force's harm; None without codes)."""

    crime_types: list[str]
    offence_codes: list[str]
    recorded: pd.DataFrame | None


@dataclass(frozen=True)
class Threats:
    """The chapter's findings: ``threats`` (the register's entries, Control Strategy order),
    ``measured`` (by threat id; a threat the lookup names no category for is absent),
    ``crimes`` (the edition's crime findings), ``recorded_year`` (the financial year of the
    recorded crime, YYYY-YY) and ``scheme`` (the harm index, ``chi`` or ``css``)."""

    threats: list[dict]
    measured: dict[str, Measured]
    crimes: CrimeDirections
    recorded_year: str
    scheme: str

    def positions(self) -> dict[str, int]:
        """How many threats hold each Control Strategy place (``morile.CATEGORIES``)."""
        return {c: sum(t["control_strategy"] == c for t in self.threats) for c in CATEGORIES}


def compute(chapter: Chapter) -> Threats:
    """Every threat of the edition measured (none when the edition names no threat register). Raises
    InputError (one line, the lookup's row) when the lookup names a crime type or offence code the
    data does not hold."""
    threats = chapter.read("threats") if chapter.has("threats") else []
    threats = sorted(threats, key=lambda t: (CATEGORIES.index(t["control_strategy"]), t["title"]))
    lookup = (
        chapter.read("threat_indicators")
        if chapter.has("threat_indicators")
        else pd.DataFrame(columns=["threat", "source", "category"])
    )
    crimes = findings.crime_directions(chapter)
    recorded = chapter.read("recorded_crime_force")
    crosswalk = chapter.read("offence_crosswalk")
    unknown = threat_indicators.unknown_categories(
        lookup, set(crimes.table["crime_type"]), set(recorded["offence_code"]) | set(crosswalk["offence_code"])
    )
    if len(unknown):
        raise InputError(
            chapter.path("threat_indicators"),
            "a crime type or offence code the data holds",
            row=int(unknown.index[0]) + 2,
            column="category",
            found=unknown["category"].iloc[0],
        )
    scheme = chapter.harm.scheme
    weights = harm.offence_weights(crosswalk, chapter.read("harm_weights_chi"), chapter.read("harm_weights_css"))

    measured = {}
    for threat in threats:
        mine = lookup[lookup["threat"] == threat["id"]]
        types = mine.loc[mine["source"] == "police_uk", "category"].tolist()
        codes = mine.loc[mine["source"] == "home_office_code", "category"].tolist()
        if types or codes:
            table = (
                threat_indicators.recorded_indicator(
                    recorded, list(chapter.forces), codes, weights.set_index("offence_code")[scheme]
                )
                if codes
                else None
            )
            measured[threat["id"]] = Measured(types, codes, table)
    return Threats(threats, measured, crimes, str(recorded["financial_year"].iloc[0]), scheme)


def evidence(found: Threats, forces: tuple[str, ...]) -> pd.DataFrame:
    """Each threat in each force held against the data: one row per threat (Control Strategy
    order) and force (the edition's order), with ``threat`` (id), ``force``, ``place`` (its
    Control Strategy place), ``crimes`` (recorded crimes of its offence codes in
    ``found.recorded_year``; missing when it has none), ``harm_share`` (% of the force's harm),
    ``harm_rank`` and ``measured`` (its rank by harm among the threats measured in the force, of
    how many), ``verdicts`` (its crime types' verdicts, by crime type), ``found`` (their combined
    direction, ``evidence.combined_direction``), ``judged_verdict`` (its judged direction held
    against that) and the Control Strategy's ``verdict`` and ``reason``
    (``evidence.strategy_verdicts``)."""
    rows = []
    for threat in found.threats:
        measured = found.measured.get(threat["id"])
        for force in forces:
            row = {
                "threat": threat["id"],
                "force": force,
                "place": threat["control_strategy"],
                "crimes": float("nan"),
                "harm_share": float("nan"),
                "verdicts": {},
            }
            if measured is not None and measured.recorded is not None:
                mine = measured.recorded.set_index("force").loc[force]
                row.update(crimes=float(mine["crimes"]), harm_share=float(mine["harm_share"]))
            if measured is not None:
                for crime_type in measured.crime_types:
                    finding = found.crimes.of(force, crime_type)
                    if finding is not None:
                        row["verdicts"][crime_type] = finding["verdict"]
            row["found"] = evidence_rules.combined_direction(row["verdicts"].values())
            row["judged_verdict"] = evidence_rules.direction_verdict(threat["direction"], row["found"])
            rows.append(row)
    table = pd.DataFrame(rows)
    ranked = evidence_rules.harm_ranks(table.dropna(subset=["harm_share"])[["force", "threat", "harm_share"]])
    table = table.merge(ranked[["force", "threat", "harm_rank", "measured"]], on=["force", "threat"], how="left")
    return evidence_rules.strategy_verdicts(table)
