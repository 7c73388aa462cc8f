"""The Strategic risk and partners chapter: the highest risk (or those tied for it), the priorities
most partnerships share and the plans shown, worded right; a force with nothing entered is named,
for one force or several, and an edition with no register never fails."""

from __future__ import annotations

import pandas as pd
import pytest
from chapter_pages import chapter_of, emptied, glued_values, page_markdown, with_forces, without

from assess.chapters import risk_and_partners
from assess.edition import load_edition
from assess.present.chapters import risk_and_partners as page
from assess.read.registry import read_dataset
from assess.read.scope import carried_forward
from conftest import DEFAULT_PARAMS, ROOT, checked_editions

REGISTERS = ("risk_register", "csp_priorities", "csp_partnerships", "pcc_themes")
RISKS = pd.DataFrame(
    {
        "id": ["R1", "R2", "R3"],
        "title": ["Savings", "Systems", "Staff"],
        "owner": ["Director of Finance", "Director of ICT", "Chief Constable"],
        "likelihood": [3.0, 2.0, 4.0],
        "impact": [4.0, 5.0, 1.0],
        "mitigation": ["Board", "Plan", "Survey"],
        "reviewed": ["2016-11"] * 3,
    }
)


def _risks(monkeypatch, risks, example=False):
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    register = ({"example_scores": example, "scale": {"min": 1, "max": 5}}, risks)
    reads = {"risk_register": register}
    chapter = chapter_of(risk_and_partners, edition, lambda n: reads[n] if n in reads else read_dataset(edition, n))
    found = risk_and_partners.compute(chapter)
    return found, glued_values(monkeypatch, page.glue_findings, found, edition.forces)


def test_the_highest_risk_is_named_with_its_scores_and_owner(monkeypatch):
    found, values = _risks(monkeypatch, RISKS)
    assert found.risks.table["id"].tolist() == ["R1", "R2", "R3"] and found.risks.top["id"].tolist() == ["R1"]
    assert values["risk_summary"] == (
        "The register holds 3 strategic risks; the highest scored is ‘Savings’ (likelihood 3, impact 4, "
        "owner: Director of Finance)."
    )
    assert (values["n_risks"], values["top_score"], values["n_top_risks"]) == (3, 12, 1)
    assert values["risk_scale"] == "from 1 (very low) to 5 (very high)"


def test_risks_that_share_the_highest_score_are_all_named(monkeypatch):
    found, values = _risks(monkeypatch, RISKS.assign(impact=[4.0, 6.0, 3.0]), example=True)
    assert values["risk_summary"] == (
        "The register holds 3 strategic risks; 3 risks share the highest score, 12: ‘Savings’, ‘Systems’ and "
        "‘Staff’. The risks shown are illustrative entries, not the force's own register."
    )


def test_a_register_of_one_risk_reads_as_one(monkeypatch):
    _, values = _risks(monkeypatch, RISKS.iloc[:1])
    assert values["risk_summary"].startswith("The register holds one strategic risk, ‘Savings’ (likelihood 3")


def test_partnerships_and_plans_of_three_forces_name_the_force_with_none(monkeypatch):
    """Of three forces, the shipped registers hold the partnerships and plans of two: the table
    counts theirs, and the page names the third as having none entered."""
    forces = ("Warwickshire", "West Mercia", "Staffordshire")
    edition = with_forces(load_edition(DEFAULT_PARAMS, ROOT), forces)
    found = risk_and_partners.compute(chapter_of(risk_and_partners, edition))
    listed = read_dataset(edition, "csp_partnerships")
    assert found.partnerships.forces == forces[:2] and found.partnerships.n_lists == len(listed)
    assert found.plans.forces == forces[:2] and list(found.plans.themes.columns) == list(forces[:2])
    values = glued_values(monkeypatch, page.glue_findings, found, forces)
    assert values["csp_summary"].endswith(
        ". No list of Community Safety Partnership priorities was entered for Staffordshire."
    )
    assert values["pcc_summary"].startswith("The plans' themes are set side by side as the Strategic Assessment")
    assert values["pcc_summary"].endswith(". No Police and Crime Plan was entered for Staffordshire.")
    common = found.partnerships.shared.loc[found.partnerships.shared["share"] >= 50, "priority"]
    assert values["n_common_priorities"] == len(common) > 0
    assert page_markdown("risk-and-partners", values, forces)


@pytest.mark.parametrize("forces", [("Warwickshire",), ("Warwickshire", "West Mercia", "Staffordshire")])
@pytest.mark.parametrize("how", ["absent", "empty"])
def test_an_edition_with_no_register_entered_says_so_and_shows_nothing_of_one(monkeypatch, forces, how):
    edition = with_forces(load_edition(DEFAULT_PARAMS, ROOT), forces)
    if how == "absent":
        chapter = chapter_of(risk_and_partners, without(edition, REGISTERS))
    else:  # entries of other forces only
        chapter = chapter_of(risk_and_partners, edition, lambda n: emptied(read_dataset(edition, n)))
    found = risk_and_partners.compute(chapter)
    assert (found.risks, found.partnerships, found.plans, found.review) == (None, None, None, None)
    assert page.risk_chart(found) is None and page.risk_table(found) is None
    assert page.csp_table(found) is None and page.pcc_table(found) is None
    values = glued_values(monkeypatch, page.glue_findings, found, forces)
    assert not [n for n in values if n.startswith(("n_", "top_"))]
    text = page_markdown("risk-and-partners", values, forces)
    named = "Warwickshire" if len(forces) == 1 else "Warwickshire, West Mercia and Staffordshire"
    for what in ("strategic risk register", "list of Community Safety Partnership priorities", "Police and Crime Plan"):
        assert f"No {what} was entered for {named}." in text
    assert "Carried forward" not in text and " 0 " not in text and "illustrative" not in text


@pytest.mark.parametrize("params", checked_editions(naming=risk_and_partners.OPTIONAL), ids=lambda p: p.stem)
def test_the_page_of_each_shipped_edition_reads_its_registers(monkeypatch, params):
    edition = load_edition(params, ROOT)
    found = risk_and_partners.compute(chapter_of(risk_and_partners, edition))
    text = page_markdown(
        "risk-and-partners", glued_values(monkeypatch, page.glue_findings, found, edition.forces), edition.forces
    )
    assert f"The register holds {len(found.risks.table)} strategic risks" in text
    assert ("Carried forward" in text) == (found.review.carried > 0)
    shown = [*found.risks.table["reviewed"], *found.partnerships.reviewed, *found.plans.reviewed]
    assert found.review.carried == sum(carried_forward(month, edition.as_of) for month in shown)
    assert found.plans.forces == edition.forces and found.partnerships.forces == edition.forces
    shown = "The plans' themes are set side by side" if len(edition.forces) > 1 else f"The {edition.forces[0]} plan"
    assert shown in text and "was entered for" not in text
