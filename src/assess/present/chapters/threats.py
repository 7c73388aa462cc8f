"""The threats as readers see them: the Threat assessments chapter's overview, and the tables and
method of each threat page (written by the build from the same findings)."""

from __future__ import annotations

import pandas as pd

from ...chapters.threats import Threats
from ...periods import month_label
from ..crime_findings import direction_table, level_text, windows
from ..glue import glue
from ..labels import SCHEME_NAMES
from ..tables import table
from ..threat_pages import DIRECTIONS, POSITIONS, method_markdown
from ..wording import counted, join_words

HARM_LABELS = {"chi": "Harm (Crime Harm Index, days)", "css": "Harm (Crime Severity Score)"}


def glue_findings(found: Threats, forces: tuple[str, ...]) -> None:
    """Glue the figures of the chapter's opening, and that opening in words."""
    glue("threats_opening", opening(found, forces), description="the threats considered, in words")
    glue("threats_listed", bool(found.threats), description="whether the edition has threat pages to list")
    positions = found.positions()
    glue("threats_n", len(found.threats), unit="threats", description="threats with a page of their own")
    glue("threats_priorities", counted(positions["priority"], "priority"), description="threats that are priorities")
    glue(
        "threats_requirements",
        counted(positions["intelligence requirement"], "intelligence requirement"),
        description="threats that are intelligence requirements, counted",
    )
    glue(
        "threats_monitored",
        positions["monitor"],
        unit="threats",
        description="threats monitored through daily business",
    )
    glue("threats_n_measured", len(found.measured), unit="threats", description="threats measured in the data")


def opening(found: Threats, forces: tuple[str, ...]) -> str:
    """The threats the assessment considers, counted by Control Strategy place, and how many the
    data measures; or that no threat register was entered for the edition's forces."""
    if not found.threats:
        return f"No threat register was entered for {join_words(forces)}, so this edition has no threat pages."
    positions = found.positions()
    return (
        f"The assessment considers {counted(len(found.threats), 'threat')}: "
        f"{counted(positions['priority'], 'priority')}, "
        f"{counted(positions['intelligence requirement'], 'intelligence requirement')} and "
        f"{positions['monitor']:,} monitored through daily business. {len(found.measured):,} of them "
        f"{'is' if len(found.measured) == 1 else 'are'} measured in this edition's data; for the others, their page "
        "says which data would measure them."
    )


def overview_table(found: Threats):
    """Every threat with its Control Strategy place, likelihood, judged direction and last review
    (None when there is no threat)."""
    if not found.threats:
        return None
    rows = [
        {
            "Threat": t["title"],
            "Control Strategy": POSITIONS[t["control_strategy"]].split(" (")[0],
            "Likelihood of the key judgement": t["likelihood"].capitalize(),
            "Direction, as the assessment judged it": DIRECTIONS[t["direction"]],
            "Last reviewed": month_label(t["last_reviewed"]),
        }
        for t in found.threats
    ]
    return table(
        pd.DataFrame(rows),
        caption="Threats by Control Strategy position",
        source="the threat pages the analysts maintain, after the Strategic Assessment sections each page names",
    )


def threat_tables(found: Threats, threat: dict, forces: tuple[str, ...]) -> list[str]:
    """The HTML tables of one threat's page: for each force, its crime types' findings (the same
    table, rows and words as the Performance chapter's), then its offence codes' recorded crimes
    and harm; empty when the threat is not measured."""
    measured = found.measured.get(threat["id"])
    if measured is None:
        return []
    tables = []
    for force in forces if measured.crime_types else ():
        caption = f"{threat['title']} in {force}: crime types, {' against '.join(windows(found.crimes))}"
        tables.append(direction_table(found.crimes, force, measured.crime_types, caption).data)
    if measured.recorded is not None:
        year, codes = found.recorded_year, measured.offence_codes
        shown = measured.recorded.assign(
            harm=measured.recorded["harm"].round().astype(int), harm_share=measured.recorded["harm_share"].round(1)
        )
        tables.append(
            table(
                shown.rename(
                    columns={
                        "force": "Force",
                        "crimes": f"Recorded crimes, {year}",
                        "harm": HARM_LABELS[found.scheme],
                        "harm_share": "Share of the force's harm (%)",
                    }
                ),
                caption=f"{threat['title']}: recorded crimes of {counted(len(codes), 'offence code')} and their harm",
                source=f"Home Office police recorded crime by force and offence code, {year}; harm: "
                f"{SCHEME_NAMES[found.scheme]}; offence codes {', '.join(codes)}",
            ).data
        )
    return tables


def threat_method(found: Threats, threat: dict) -> str:
    """How the tables of one threat's page were measured (MyST), or "" when it is not measured."""
    measured = found.measured.get(threat["id"])
    if measured is None:
        return ""
    street = None
    if measured.crime_types:
        recent, earlier = windows(found.crimes)
        street = {
            "recent": recent,
            "earlier": earlier,
            "significance": f"{100 * found.crimes.significance:g}%",
            "level": level_text(found.crimes),
            "series": len(found.crimes.table),
        }
    recorded_year = found.recorded_year if measured.recorded is not None else None
    return method_markdown(street, recorded_year, found.scheme)
