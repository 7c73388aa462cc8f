"""The Data and methods chapter: one row for every dataset the edition names, its rows glued one by
one and in all, whichever datasets (registers or none) the edition reads."""

from __future__ import annotations

import pytest
from chapter_pages import chapter_of, glued_values, page_markdown, without

from assess.chapters import data_and_methods
from assess.edition import load_edition
from assess.present.chapters import data_and_methods as page
from assess.read.catalogue import read_catalogue
from conftest import DEFAULT_PARAMS, ROOT

REGISTERS = ("issue_register", "morile", "risk_register", "recommendations", "csp_priorities", "csp_partnerships")


@pytest.mark.wide
@pytest.mark.parametrize("registers", [True, False], ids=["with-registers", "without-registers"])
def test_every_dataset_the_edition_names_is_listed_and_its_rows_glued(monkeypatch, registers):
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    edition = edition if registers else without(edition, REGISTERS)
    found = data_and_methods.compute(chapter_of(data_and_methods, edition))
    catalogue = list(read_catalogue(ROOT))
    assert found.table["dataset"].tolist() == [n for n in catalogue if n in edition.data]
    assert (found.table["rows"] > 0).all() and found.rows == found.table["rows"].sum()
    values = glued_values(monkeypatch, page.glue_findings, found)
    assert values["n_datasets"] == len(edition.data) and values["n_rows"] == found.rows
    assert {n: values[f"rows_{n}"] for n in found.table["dataset"]} == dict(
        zip(found.table["dataset"], found.table["rows"], strict=True)
    )
    text = page_markdown("data-and-methods", values, edition.forces)
    assert f"This edition reads {len(edition.data)} datasets, {found.rows:,} rows of data in all." in text
    assert "<caption>Datasets read by this edition</caption>" in page.datasets_table(found).data
