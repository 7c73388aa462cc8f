"""Reading data: every file the book reads goes through a reader of this package.

``READERS`` is the one table of dataset name → reader. A chapter reads a dataset with
``chapter.read(name)``; before any chapter runs, ``check_inputs`` reads every dataset an edition
names, so a malformed file stops the build at once with one line (file, row, column, what was
expected) instead of part-way through a chapter. To add a dataset: write its reader in a module
of this package, add a line here, and describe it in ``data/catalogue.yml``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .assessment_tables import (
    read_area_crime,
    read_area_total_printed,
    read_hate_crime_monthly,
    read_hate_crime_totals_printed,
    read_specials_duty_hours,
    read_specials_establishment,
    read_specials_flows,
)
from .catalogue import dataset_files, read_catalogue
from .facts import read_key_facts, read_source_documents, read_timeline
from .forces import read_forces, read_policing_areas
from .hate_crime_foi import read_hate_crime_by_force
from .judgements import read_glossary, read_judgements, read_recommendations_ahead
from .police_uk_monthly import combine_monthly_counts, read_monthly_counts
from .population import read_district_population
from .recorded_crime import read_recorded_crime
from .recorded_crime_groups import read_recorded_crime_groups
from .registers import (
    read_csp_partnerships,
    read_csp_priorities,
    read_issue_register,
    read_morile,
    read_pcc_themes,
    read_recommendations,
    read_risk_register,
)
from .street import read_street_crime
from .threats import check_lookup, check_recommendations, read_threat_indicators, read_threats
from .weights import read_offence_crosswalk, read_weights_chi, read_weights_css
from .workforce import read_specials_headcount, read_workforce_tidy

if TYPE_CHECKING:
    from ..edition import Edition


@dataclass(frozen=True)
class Reader:
    """How to read one dataset for an edition. ``needs``: other datasets the reader also reads
    (a chapter that reads this dataset depends on them too)."""

    read: Callable[[Edition, str], object]
    needs: tuple[str, ...] = ()


def _file(function) -> Reader:
    """A reader that takes only the dataset's path."""
    return Reader(lambda edition, name: function(edition.path(name)))


def _with_forces(function) -> Reader:
    """A reader that takes the dataset's path and the names of every force in the registry."""
    return Reader(lambda edition, name: function(edition.path(name), edition.registry.names))


def _street(edition: Edition, name: str):
    return read_street_crime(edition.path(name), edition.registry, edition.forces, edition.periods[name].months())


def _files(edition: Edition, name: str) -> list:
    return dataset_files(edition.path(name), read_catalogue(edition.root)[name])


def _monthly_counts_archive(edition: Edition, name: str):
    """The earlier monthly counts; with the later file of the edition, the two as one series
    (no conflicting overlap, no missing month)."""
    archive = read_monthly_counts(edition.path(name))
    if "street_crime_monthly_counts" not in edition.data:
        return archive
    return combine_monthly_counts([archive, read_monthly_counts(edition.path("street_crime_monthly_counts"))])


def _hate_crime_by_force(edition: Edition, name: str):
    slugs = dict(zip(edition.registry.table["police_uk_slug"], edition.registry.table["force"], strict=True))
    return read_hate_crime_by_force(_files(edition, name), slugs)


def _workforce_tables(edition: Edition, name: str):
    return read_specials_headcount(_files(edition, name), edition.registry.by_home_office_name())


def _threats(edition: Edition, name: str) -> list[dict]:
    """The threat files, checked against the indicator lookup and the recommendations for the
    year ahead where the edition names them."""
    threats = read_threats(edition.path(name))
    for other, check, reader in (
        ("threat_indicators", check_lookup, read_threat_indicators),
        ("recommendations_ahead", check_recommendations, read_recommendations_ahead),
    ):
        if other in edition.data:
            check(threats, reader(edition.path(other)), edition.path(other))
    return threats


READERS: dict[str, Reader] = {
    "forces": _file(read_forces),
    "policing_areas": _file(read_policing_areas),
    "source_documents": _file(read_source_documents),
    "key_facts": _file(read_key_facts),
    "alliance_timeline": _file(read_timeline),
    "specials_establishment": _with_forces(read_specials_establishment),
    "specials_duty_hours": _with_forces(read_specials_duty_hours),
    "specials_flows": _with_forces(read_specials_flows),
    "hate_crime_monthly": _file(read_hate_crime_monthly),
    "hate_crime_totals_printed": _file(read_hate_crime_totals_printed),
    "west_mercia_area_crime": _file(read_area_crime),
    "west_mercia_area_total_printed": _file(read_area_total_printed),
    "street_crime": Reader(_street),
    "street_crime_monthly_counts": _file(read_monthly_counts),
    "street_crime_monthly_counts_archive": Reader(_monthly_counts_archive, needs=("street_crime_monthly_counts",)),
    "hate_crime_by_force": Reader(_hate_crime_by_force),
    "district_population": _file(read_district_population),
    "recorded_crime_groups": _file(read_recorded_crime_groups),
    "recorded_crime_force": _file(read_recorded_crime),
    "workforce_specials": _file(read_workforce_tidy),
    "workforce_tables": Reader(_workforce_tables),
    "offence_crosswalk": _file(read_offence_crosswalk),
    "harm_weights_chi": _file(read_weights_chi),
    "harm_weights_css": _file(read_weights_css),
    "issue_register": _file(read_issue_register),
    "morile": _file(read_morile),
    "risk_register": _file(read_risk_register),
    "recommendations": _file(read_recommendations),
    "csp_priorities": _file(read_csp_priorities),
    "csp_partnerships": _file(read_csp_partnerships),
    "pcc_themes": _file(read_pcc_themes),
    "threats": Reader(_threats, needs=("threat_indicators", "recommendations_ahead")),
    "threat_indicators": _file(read_threat_indicators),
    "judgements": _file(read_judgements),
    "recommendations_ahead": _file(read_recommendations_ahead),
    "glossary": _file(read_glossary),
}
"""Dataset name → its reader. Every dataset of ``data/catalogue.yml`` has one (a test checks)."""


def read_dataset(edition: Edition, name: str):
    """Dataset ``name`` of the edition, read and checked; raises InputError when malformed."""
    return READERS[name].read(edition, name)


def check_inputs(edition: Edition) -> list[str]:
    """Read every dataset the edition names; returns their names. Raises the first InputError."""
    for name in edition.data:
        read_dataset(edition, name)
    return list(edition.data)
