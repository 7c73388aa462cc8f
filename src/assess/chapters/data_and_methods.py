"""Data and methods: every dataset the edition reads, with who published it, its licence, the
period it covers and the rows it holds, counted from the files themselves
(``assess.read.described.describe_datasets``)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..read.described import describe_datasets
from . import ALL, Chapter

DATASETS = ALL
PARAMETERS = ()


@dataclass(frozen=True)
class Datasets:
    """The chapter's findings: ``table``, one row a dataset of the edition in catalogue order
    (``describe_datasets``: ``dataset``, ``title``, ``location``, ``files``, ``period``, ``rows``
    (data rows, headers excluded), ``publisher``, ``licence``)."""

    table: pd.DataFrame

    @property
    def rows(self) -> int:
        """Data rows in all the edition's datasets together."""
        return int(self.table["rows"].sum())


def compute(chapter: Chapter) -> Datasets:
    """The Data and methods chapter's findings for the chapter's edition."""
    return Datasets(describe_datasets(chapter))
