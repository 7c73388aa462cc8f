"""The registry of readers: ``READERS``, the one table of dataset name → reader, and
``read_dataset``, through which every file the book reads is read.

Before any chapter runs, ``check_inputs`` reads every dataset an edition names, so a malformed
file stops the build at once with one line (file, row, column, what was expected) instead of
part-way through a chapter. To add a dataset: write its reader in a module of this package, add a
line to ``READERS``, and describe it in ``data/catalogue.yml``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import InputError
from .assessment_tables import (
    read_area_crime,
    read_area_total_printed,
    read_hate_crime_monthly,
    read_hate_crime_totals_printed,
    read_specials_duty_hours,
    read_specials_establishment,
    read_specials_flows,
)
from .catalogue import CATALOGUE, dataset_files, read_catalogue
from .dating import (
    Dating,
    by_calendar_year,
    by_financial_quarter,
    by_financial_year,
    by_mid_year,
    by_month,
    by_rolling_year,
)
from .districts import read_district_area, read_district_lookup
from .facts import concerning, read_key_facts, read_source_documents, read_timeline
from .forces import areas_of, check_districts_of_forces, read_forces, read_policing_areas
from .hate_crime_foi import read_hate_crime_by_force, read_hate_crime_panel
from .judgements import glossary_at, read_glossary, read_judgements, read_recommendations_ahead
from .national_crime import read_crime_groups, read_national_recorded_crime
from .national_monthly import read_national_monthly_counts
from .paths import shown_path
from .police_uk_monthly import combine_monthly_counts, read_monthly_counts
from .population import check_district_forces, read_district_population, read_force_population
from .preloaded import stored
from .recorded_crime import SPELLING_COLUMNS, header_of, read_offence_codes, read_recorded_crime
from .registers import (
    read_csp_partnerships,
    read_csp_priorities,
    read_issue_register,
    read_morile,
    read_pcc_themes,
    read_recommendations,
    read_risk_register,
)
from .scope import FIELD, check_rewordings, concerns, for_edition, threats_for
from .street import read_street_crime, street_months
from .threats import (
    check_control_strategy,
    check_judgements,
    check_lookup,
    check_recommendations,
    read_threat_indicators,
    read_threats,
)
from .weights import read_offence_crosswalk, read_weights_chi, read_weights_css
from .where import check_kind, misplaced_street_file, missing_street_file
from .workforce import read_specials_headcount, read_workforce_tidy

HOURS_LAST_MONTH = {"Jan-Sep": 9, "Jan-Dec": 12}
"""Last month of each period of the Specials' duty hours (January to September, the full year)."""

if TYPE_CHECKING:
    from ..edition import Edition


@dataclass(frozen=True)
class Reader:
    """How to read one dataset for an edition. ``needs``: other datasets the reader also reads
    (a chapter that reads this dataset depends on them too). ``dated``: the months each row
    covers (``assess.read.dating``), for a dataset that is a series in time; None for lookups,
    weights and registers."""

    read: Callable[[Edition, str], object]
    needs: tuple[str, ...] = ()
    dated: Dating | None = None


def _file(function, dated: Dating | None = None) -> Reader:
    """A reader that takes only the dataset's path."""
    return Reader(lambda edition, name: function(edition.path(name)), dated=dated)


def _with_forces(function, dated: Dating | None = None) -> Reader:
    """A reader that takes the dataset's path and the names of every force in the registry."""
    return Reader(lambda edition, name: function(edition.path(name), edition.registry.names), dated=dated)


def _per_force(function, keep_force: bool = False, check=None) -> Reader:
    """A register reader (path only) whose entries each name their force: the edition sees the
    entries of its forces, of ``all`` and of an alliance it covers whole, none dated after its
    as-of date, rewordings in place of the alliance's rows it does not show
    (``assess.read.scope.for_edition``); a bad ``force`` stops the build with one line. A reader
    returning (meta, table) keeps its meta. ``check(edition, table, path)`` checks the whole
    register first. The ``force`` column is dropped once used (it is not for readers of the book)
    unless ``keep_force`` (a register whose chapter groups by force)."""

    def read(edition: Edition, name: str):
        path = edition.path(name)
        result = function(path)
        entered = result[-1] if isinstance(result, tuple) else result
        if check is not None:
            check(edition, entered, path)
        table = for_edition(entered, path, edition.registry, edition.forces, edition.as_of)
        if not keep_force:
            table = table.drop(columns=FIELD)
        return (*result[:-1], table) if isinstance(result, tuple) else table

    return Reader(read)


def _check_rewordings(edition: Edition, table: pd.DataFrame, path: Path) -> None:
    check_rewordings(table, path, edition.registry)


def _check_judgements(edition: Edition, table: pd.DataFrame, path: Path) -> None:
    """The threats each key judgement names checked against the threat files, where the edition
    names them (``threats.check_judgements``); and every threat a judgement the edition shows
    names is a threat page of the edition (a judgement may not concern forces its threats' pages
    do not); and each judgement rewording the alliance's for one force names a force of it
    (``scope.check_rewordings``)."""
    check_rewordings(table, path, edition.registry, every_force=False)
    if "threats" not in edition.data:
        return
    threats = read_threats(edition.path("threats"))
    check_judgements(threats, table, path)
    shown = {t["id"] for t in threats_for(threats, edition.registry, edition.forces)}
    places = table.attrs.get("threat_lines") or (None,) * len(table)
    for row, line in zip(table.itertuples(), places, strict=True):
        dated = not row.since or row.since <= edition.as_of
        if dated and concerns(edition.registry, row.force, edition.forces) and not set(row.threats) <= shown:
            missing = sorted(set(row.threats) - shown)[0]
            raise InputError(
                path,
                f"threats whose pages this edition shows too (threats/{missing}.md concerns fewer forces than "
                "the judgement: narrow its force or split it)",
                row=line,
                column=f"judgement {row.id}.threats",
                found=missing,
            )


def _street(edition: Edition, name: str):
    """Every month of street-level records the folder holds for the edition's forces (``cut``
    keeps the edition's period). The folder may hold the monthly files themselves, or one
    sub-folder per month as data.police.uk's download unpacks (``2018-10/2018-10-...-street.csv``)."""
    folder = edition.path(name)
    misplaced_street_file(folder, edition.root)
    months = street_months(folder)
    if name in edition.periods:
        slugs = edition.registry.table.set_index("force")["police_uk_slug"]
        wanted = {force: slugs[force] for force in edition.forces}
        missing_street_file(folder, months, edition.periods[name], wanted, name, edition.root)
    if not months:
        raise InputError(
            folder, "data.police.uk files named YYYY-MM-<force>-street.csv, or one YYYY-MM sub-folder a month"
        )
    frames = [read_street_crime(place, edition.registry, edition.forces, [month]) for month, place in months.items()]
    return pd.concat(frames, ignore_index=True)


def _files(edition: Edition, name: str) -> list:
    return dataset_files(edition.path(name), read_catalogue(edition.root)[name])


def _monthly_counts_archive(edition: Edition, name: str):
    """The earlier monthly counts; with the later file of the edition, the two as one series
    (no conflicting overlap, no missing month). The file may be the archive of the edition's own
    forces or every force's counts (``national_monthly``, a ``county`` column): a force-month the
    national file does not hold is then no row (a gap the findings never fill with zero)."""
    path = edition.path(name)
    if "county" in header_of(path):
        counts = read_national_monthly_counts(path, edition.registry.resolver("salah_name"))
        held = counts[counts["held"]]
        names = edition.registry.table.set_index("force")["police_uk_name"]
        archive = pd.DataFrame(
            {
                "month": held["month"],
                "force": held["force"].map(names),
                "crime_type": held["crime_type"],
                "count": held["count"].astype(int),
            }
        ).reset_index(drop=True)
        archive.attrs["source"] = str(path)
        return archive
    archive = read_monthly_counts(path)
    if "street_crime_monthly_counts" not in edition.data:
        return archive
    later = read_monthly_counts(edition.path("street_crime_monthly_counts"))
    # The series is joined for the edition's own forces: a later file of those forces only (as
    # `assess new-year` asks for it) continues an archive of more forces.
    own = set(edition.registry.table.set_index("force").loc[list(edition.forces), "police_uk_name"])
    frames = []
    for frame in (archive, later):
        mine = frame[frame["force"].isin(own)].reset_index(drop=True)
        mine.attrs["source"] = shown_path(frame.attrs["source"], edition.root)
        frames.append(mine)
    return combine_monthly_counts(frames)


def _timeline(edition: Edition, name: str):
    """The timeline's events up to the edition's as-of date that concern its forces
    (``assess.read.facts.concerning``). A date given to the month counts from its first day."""
    timeline = read_timeline(edition.path(name))
    known = timeline[timeline["date"].map(lambda d: d <= edition.as_of if len(d) == 10 else d <= edition.as_of[:7])]
    return concerning(known.reset_index(drop=True), edition.forces, edition.registry.names)


def _glossary(edition: Edition, name: str) -> pd.DataFrame:
    """The glossary as the edition may show it: the terms of its forces (``_per_force``) that were
    in use, in the meaning given, at its as-of date (``judgements.glossary_at``)."""
    return glossary_at(_per_force(read_glossary).read(edition, name), edition.as_of)


def _hate_crime_by_force(edition: Edition, name: str):
    """The forces' FOI hate crime series: from the folder of one file a force
    (``*_crimes_clean.csv``, every force its files hold), or from the authors' national panel
    (a file with a ``county_str`` column) for the edition's forces only, none for a force the
    panel lacks (``hate_crime_foi.read_hate_crime_panel``)."""
    path = edition.path(name)
    counties = edition.registry.resolver("salah_name")
    if path.is_file() and "county_str" in header_of(path):
        return read_hate_crime_panel(path, counties, list(edition.forces))
    return read_hate_crime_by_force(_files(edition, name), counties)


def _workforce_tables(edition: Edition, name: str):
    return read_specials_headcount(_files(edition, name), edition.registry.resolver("workforce_name"))


def _registry(function, column: str, dated: Dating | None = None, needs: tuple[str, ...] = ()) -> Reader:
    """A reader that takes the dataset's path and the registry's spellings of the forces in
    ``column`` (``ForceRegistry.resolver``): every force name a source gives is resolved there."""
    return Reader(lambda edition, name: function(edition.path(name), edition.registry.resolver(column)), needs, dated)


def _policing_areas(edition: Edition, name: str):
    """The policing areas of the edition's own forces only (``forces.areas_of``), whatever other
    forces' districts the file holds; each district checked, by its ONS code, to lie in its
    force's area when the edition names the national district lookup."""
    path = edition.path(name)
    areas = read_policing_areas(path)
    if "district_lookup" in edition.data:
        check_districts_of_forces(areas, read_dataset(edition, "district_lookup"), path)
    return areas_of(areas, edition.forces)


def _district_population(edition: Edition, name: str):
    """District populations; each district's force checked by its ONS code against the national
    district lookup when the edition names it."""
    path = edition.path(name)
    population = read_district_population(path)
    if "district_lookup" in edition.data:
        check_district_forces(population, read_dataset(edition, "district_lookup"), path)
    return population


def _recorded_crime_force(edition: Edition, name: str):
    """Recorded crime by force and offence code in any of its layouts, force names resolved
    through the registry; the compact layout takes its descriptions from ``prc_offence_codes``."""
    spellings = {}
    for column in SPELLING_COLUMNS:
        spellings.update(edition.registry.resolver(column))
    codes = read_dataset(edition, "prc_offence_codes") if "prc_offence_codes" in edition.data else None
    return read_recorded_crime(edition.path(name), spellings, codes)


def _crime_groups(edition: Edition, name: str):
    return read_crime_groups(edition.path(name), edition.registry)


def _national_recorded_crime(edition: Edition, name: str):
    return read_national_recorded_crime(edition.path(name), edition.registry)


def _threats(edition: Edition, name: str) -> list[dict]:
    """The threat files, checked against the indicator lookup and the recommendations for the
    year ahead where the edition names them; only the threats of the edition's forces
    (``assess.read.scope``); their Control Strategy places and names checked against the
    edition's MoRiLE Control Strategy where it names one (``check_control_strategy``)."""
    threats = read_threats(edition.path(name))
    for other, check, reader in (
        ("threat_indicators", check_lookup, read_threat_indicators),
        ("recommendations_ahead", check_recommendations, read_recommendations_ahead),
    ):
        if other in edition.data:
            check(threats, reader(edition.path(other)), edition.path(other))
    threats = threats_for(threats, edition.registry, edition.forces)
    if "morile" in edition.data:
        check_control_strategy(threats, read_dataset(edition, "morile"), edition.path("morile"))
    return threats


READERS: dict[str, Reader] = {
    "forces": _file(read_forces),
    "policing_areas": Reader(_policing_areas, needs=("district_lookup",)),
    "source_documents": _file(read_source_documents),
    "key_facts": _file(read_key_facts),
    "alliance_timeline": Reader(_timeline),
    "specials_establishment": _with_forces(read_specials_establishment, by_month("as_at")),
    "specials_duty_hours": _with_forces(
        read_specials_duty_hours, by_calendar_year("year", until="period", last_months=HOURS_LAST_MONTH)
    ),
    "specials_flows": _with_forces(read_specials_flows),
    "hate_crime_monthly": _file(read_hate_crime_monthly, by_month("month")),
    # Printed beside the monthly series, the last year's total only to the last month printed: the
    # table goes with the series, not dated on its own.
    "hate_crime_totals_printed": _file(read_hate_crime_totals_printed),
    "west_mercia_area_crime": _file(read_area_crime, by_month("month")),
    "west_mercia_area_total_printed": _file(read_area_total_printed, by_month("month")),
    "street_crime": Reader(_street, dated=by_month("month")),
    "street_crime_monthly_counts": _file(read_monthly_counts, by_month("month")),
    "street_crime_monthly_counts_archive": Reader(
        _monthly_counts_archive, needs=("street_crime_monthly_counts",), dated=by_month("month")
    ),
    "hate_crime_by_force": Reader(_hate_crime_by_force, dated=by_month("month")),
    "district_population": Reader(_district_population, needs=("district_lookup",), dated=by_mid_year("year")),
    "recorded_crime_groups": Reader(_crime_groups, dated=by_rolling_year("period_end")),
    "recorded_crime_force": Reader(
        _recorded_crime_force, needs=("prc_offence_codes",), dated=by_financial_quarter("financial_year", "quarter")
    ),
    "national_recorded_crime": Reader(_national_recorded_crime, dated=by_financial_year("financial_year")),
    "workforce_specials": _registry(read_workforce_tidy, "workforce_name", by_month("as_at")),
    "workforce_tables": Reader(_workforce_tables, dated=by_month("as_at")),
    "offence_crosswalk": _file(read_offence_crosswalk),
    "harm_weights_chi": _file(read_weights_chi),
    "harm_weights_css": _file(read_weights_css),
    "issue_register": _per_force(read_issue_register),
    "morile": _per_force(read_morile),
    "risk_register": _per_force(read_risk_register),
    "recommendations": _per_force(read_recommendations),
    "csp_priorities": _per_force(read_csp_priorities, keep_force=True),
    "csp_partnerships": _per_force(read_csp_partnerships, keep_force=True),
    "pcc_themes": _per_force(read_pcc_themes, keep_force=True),
    "threats": Reader(_threats, needs=("threat_indicators", "recommendations_ahead", "morile")),
    "threat_indicators": _file(read_threat_indicators),
    "judgements": Reader(_per_force(read_judgements, check=_check_judgements).read, needs=("threats",)),
    "recommendations_ahead": _per_force(read_recommendations_ahead, check=_check_rewordings),
    "glossary": Reader(_glossary),
    # ---- National reference layer (issues 28 and 33): readers of the national datasets. ----
    # Every force name in these files is resolved through the forces registry.
    "district_lookup": _registry(read_district_lookup, "home_office_name"),
    "district_area": _file(read_district_area),
    "force_population": _registry(read_force_population, "home_office_name", by_mid_year("year")),
    "prc_offence_codes": _file(read_offence_codes),
    "national_monthly_counts": _registry(read_national_monthly_counts, "salah_name", by_month("month")),
    # ---- end of the national reference layer ----
}
"""Dataset name → its reader. Every dataset of ``data/catalogue.yml`` has one (a test checks)."""


@functools.lru_cache(maxsize=8)
def _catalogue_of(root: Path, stamp: tuple[int, int]) -> dict[str, dict]:
    return read_catalogue(root)


def _catalogue_entry(root: Path, name: str) -> dict | None:
    """Dataset ``name``'s catalogue entry (None when it has none), the catalogue read once per version of its file."""
    info = (Path(root) / CATALOGUE).stat()
    return _catalogue_of(Path(root), (info.st_mtime_ns, info.st_size)).get(name)


def read_dataset(edition: Edition, name: str):
    """Dataset ``name`` of the edition, read and checked, every row; raises InputError when
    malformed, or naming the path expected when a folder is given for a file or a file for a folder.
    In a chapter kernel forked by a build's kernel server, a dataset the server read already
    comes from its memory (``assess.read.preloaded``)."""
    held = stored(edition, name)
    if held is not None:
        return held
    check_kind(edition.path(name), name, _catalogue_entry(edition.root, name), edition.root)
    return READERS[name].read(edition, name)


def check_inputs(edition: Edition) -> list[str]:
    """Read every dataset the edition names; returns their names. Raises the first InputError."""
    for name in edition.data:
        read_dataset(edition, name)
    return list(edition.data)
