"""The Data and methods chapter as readers see it: the counts of datasets and rows glued for the
prose, and the table of every dataset the edition reads."""

from __future__ import annotations

from ...chapters.data_and_methods import Datasets
from ..glue import glue
from ..tables import table


def glue_findings(found: Datasets) -> None:
    """Glue the number of datasets, the rows of all of them and the rows of each (for the figures
    register); the appendix says nothing per force."""
    glue("n_datasets", len(found.table), unit="datasets", description="datasets this edition reads")
    glue("n_rows", found.rows, unit="rows", description="rows of data in all datasets")
    for row in found.table.itertuples():
        glue(f"rows_{row.dataset}", row.rows, unit="rows", description=f"rows in {row.title}")


def datasets_table(found: Datasets):
    """Every dataset the edition reads: title, location, files, period, rows, publisher, licence."""
    return table(
        found.table.drop(columns="dataset").rename(columns=str.capitalize),
        caption="Datasets read by this edition",
        source="data/catalogue.yml and the edition's parameter file; periods and rows computed from the files at "
        "build time",
    )
