"""What a section by policing area says when the edition lacks what it needs
(``assess.chapters.street_areas``): in plain words, the data it lacks and for which force."""

from __future__ import annotations

from ..chapters.street_areas import ABSENT, UNCOVERED, AreaSupply
from ..periods import span_label
from ..read.forces import ForceRegistry
from .wording import join_words


def lacking(supply: AreaSupply, registry: ForceRegistry) -> list[str]:
    """What the edition lacks for the section, in clauses: the data it does not name ("this edition
    holds no street-level records and no population of the districts"), the data that does not
    cover its period, and the forces with no policing areas entered."""
    absent, said = [], []
    if supply.street == ABSENT:
        absent.append("no street-level records")
    elif supply.street == UNCOVERED:
        period = span_label(supply.street_period, "long")
        said.append(f"the street-level records the project holds do not cover {period}")
    if supply.population == ABSENT:
        absent.append("no population of the districts")
    elif supply.population == UNCOVERED:
        period = span_label(supply.population_period, "long")
        said.append(f"the population of the districts the project holds does not cover {period}")
    if supply.without:
        said.append(f"no policing areas were entered for {join_words(registry.full_name(f) for f in supply.without)}")
    return ([f"this edition holds {join_words(absent)}"] if absent else []) + said


def gap_note(supply: AreaSupply, needs: str, registry: ForceRegistry) -> str:
    """The note of a section by policing area, or "" when it is shown for every force.

    Shown for some forces: which it leaves out and why. Shown for none: ``needs`` (what the section
    needs, a clause: "Harm by policing area needs ...") and what the edition lacks."""
    said = lacking(supply, registry)
    if not said:
        return ""
    if supply.shown:
        names = join_words(registry.full_name(f) for f in supply.without)
        pronoun = "it" if len(supply.without) == 1 else "them"
        return f"No policing areas were entered for {names}, so this section leaves {pronoun} out."
    clauses = f"{said[0]}, and {said[1]}" if len(said) == 2 else join_words(said)
    return f"{needs}: {clauses}."


def forces_possessive(n: int) -> tuple[str, str]:
    """("the force's", "its") for one force, ("the forces'", "their") for several."""
    return ("the force's", "its") if n == 1 else ("the forces'", "their")
