"""Acronyms in the raw labels of reader tables are spelt out at their first use on the page, the
plural of an acronym ("PCSOs") in the plural; the shipped key facts are such labels."""

from __future__ import annotations

import pandas as pd

from assess.present.glossary import Acronyms, spelt_out
from assess.read.facts import read_key_facts
from conftest import ROOT

GLOSSARY = pd.DataFrame(
    {
        "term": ["PCSO", "OCG", "CSE"],
        "expansion": ["Police Community Support Officer", "Organised crime group", "Child sexual exploitation"],
        "definition": ["", "", ""],
    }
)


def test_a_plural_acronym_is_spelt_out_in_the_plural_once():
    page = Acronyms(GLOSSARY)
    assert page.expand("PCSOs") == "PCSOs (Police Community Support Officers)"
    assert page.expand("PCSOs and a PCSO") == "PCSOs and a PCSO"  # the page has spelt it out
    assert Acronyms(GLOSSARY).expand("A PCSO") == "A PCSO (Police Community Support Officer)"
    # A plural whose words the page has written already is left alone; "PCSOsX" is no plural.
    other = Acronyms(GLOSSARY)
    assert other.expand("Organised crime groups, or OCGs.") == "Organised crime groups, or OCGs."
    assert other.expand("PCSOsX") == "PCSOsX"


def test_spelt_out_reads_the_table_row_by_row_and_leaves_other_columns():
    facts = pd.DataFrame(
        {
            "fact": ["Police officers", "PCSOs", "PCSOs"],
            "force": ["A", "A", "OCG"],
            "unit": ["officers", "PCSOs", "PCSOs"],
        }
    )
    shown = spelt_out(facts, ["fact", "unit"], Acronyms(GLOSSARY))
    assert shown["fact"].tolist() == ["Police officers", "PCSOs (Police Community Support Officers)", "PCSOs"]
    assert shown["unit"].tolist() == ["officers", "PCSOs", "PCSOs"]
    assert shown["force"].tolist() == ["A", "A", "OCG"]  # not a column asked for
    assert facts["fact"].tolist()[1] == "PCSOs"  # the table given is not changed


def test_the_shipped_key_facts_spell_out_pcsos_at_their_first_use():
    from assess.read.judgements import read_glossary

    facts = read_key_facts(ROOT / "data" / "raw" / "alliance_facts" / "key_facts.csv")
    glossary = read_glossary(ROOT / "data" / "reference" / "glossary.csv")
    shown = spelt_out(facts, ["fact", "unit"], Acronyms(glossary))
    labels = [label for row in shown[["fact", "unit"]].itertuples(index=False) for label in row]
    first = next(label for label in labels if "PCSO" in label)
    assert first == "PCSOs (Police Community Support Officers)"
