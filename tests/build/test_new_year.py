"""The README's "Rebuilding for a new year", followed word for word on a copy of the project
(``next_year`` below, steps in tests/new_year_steps.py): for the newest complete single-force
edition and, with --wait-for-data, the earliest alliance edition, `assess new-year` scaffolds
next year, every dataset it asks for is supplied (synthetic, labelled so, in the layout its reader
accepts), each new edition builds with no chapter waiting, every shipped edition of the copy
builds beside next year's files (a chapter whose inputs they leave unchanged taken from this run's
own build of it), and the checks of the unit tests that discover
editions and data folders pass on the copy, all in this process."""

from __future__ import annotations

import json
import shutil
from types import SimpleNamespace

import pytest
import yaml

from assess.build.project import copy_project
from assess.edition import load_edition
from assess.periods import span_label
from assess.read.catalogue import read_catalogue
from assess.read.described import describe_datasets
from conftest import EDITIONS, ROOT, Built, shipped_editions
from new_year_steps import (
    SYNTHETIC,
    earliest_alliance,
    follow_readme,
    newest_complete_single_force,
    next_financial_year,
)
from project_checks import (
    check_data_folder,
    check_edition_loads_as_stated,
    check_edition_titled,
    check_monthly_series,
    data_files_not_read,
    data_folders,
    editions,
    raw_files_not_named,
    raw_folders_without_sources,
)

pytestmark = [pytest.mark.build, EDITIONS]


@pytest.fixture(scope="module")
def next_year(tmp_path_factory):
    """A copy of the project where the README's "Rebuilding for a new year" was followed for the
    newest complete single-force edition and, with --wait-for-data, the earliest alliance
    edition: every dataset supplied, synthetic and labelled so. ``root``: the copy; ``new``: each
    new edition (``NewYear``), by the file it started from."""
    root = copy_project(ROOT, tmp_path_factory.mktemp("next-year") / "project")
    new = {}
    for source, wait in ((newest_complete_single_force(), False), (earliest_alliance(), True)):
        year = next_financial_year(yaml.safe_load(source.read_text())["assessment_year"])
        new[source.name] = follow_readme(root, source.relative_to(ROOT), year, wait_for_data=wait)
    return SimpleNamespace(root=root, new=new)


@pytest.fixture(scope="module")
def next_built(next_year, built, every_edition, tmp_path_factory) -> Built:
    """Editions of the copy built once for this module: ``next_built(params_file)`` (a file of
    the copy's params/) returns its published folder. Its cache starts as this run's build of every
    shipped edition of the project left it: a chapter is taken from it only when its cache key
    is unchanged, and the key holds every file the chapter's readers open, so a chapter that
    would read any of next year's files runs again; every page is rendered afresh."""
    out = tmp_path_factory.mktemp("next-year-editions")
    shutil.copytree(built.out / ".cache", out / ".cache", ignore=shutil.ignore_patterns("sphinx", "sphinx.ok"))
    return Built(out, next_year.root)


def test_the_readme_shows_the_commands_the_test_runs(next_year):
    readme = " ".join((ROOT / "README.md").read_text().split())
    for step in next_year.new.values():
        assert " ".join(step.command).replace(" --wait-for-data", "").startswith("new-year params/")
        if "--wait-for-data" not in step.command:
            assert "wait_for_data" not in yaml.safe_load(step.params.read_text())
    assert any(f".venv/bin/assess {' '.join(s.command)}" in readme for s in next_year.new.values())
    assert "--wait-for-data" in readme and "remove the chapter from `wait_for_data:`" in readme


def test_each_new_edition_asked_for_every_file_it_reads_and_names_them_all(next_year):
    catalogue = read_catalogue(next_year.root)
    for source, step in next_year.new.items():
        assert step.asked, source
        edition = load_edition(step.params, next_year.root)
        assert edition.previous_edition.name == source
        assert edition.wait_for_data == ()  # every dataset is in: no chapter may wait
        for item in step.asked:
            assert edition.path(item.dataset) == next_year.root / item.path, item.line
            if item.period is not None:  # its period, as the scaffold printed it, is the edition's
                assert edition.periods[item.dataset].end == item.period.end
        for folder in {p.parent for p in step.supplied if p.is_relative_to(next_year.root / "data/raw")}:
            assert SYNTHETIC in (folder / "SOURCES.md").read_text().lower()
        described = describe_datasets(edition).set_index("dataset")
        for item in step.asked:
            if item.period is not None and "period_column" in catalogue[item.dataset]:
                assert described.loc[item.dataset, "period"] == span_label(edition.periods[item.dataset]), item.line


def test_every_shipped_edition_builds_beside_next_years_files(next_year, next_built):
    """Built in the copy that holds next year's files: none of them is read, and every chapter
    gives its findings or waits as its edition allows."""
    new_files = {p for step in next_year.new.values() for p in step.supplied}
    for params in shipped_editions():
        copied = next_year.root / "params" / params.name
        site = next_built(copied)
        summary = next_built.summaries[copied]
        assert summary.failed == [] and set(summary.placeholders) <= set(load_edition(params, ROOT).wait_for_data)
        inputs = json.loads((site / "figures.json").read_text())["provenance"]["inputs"]
        read = {i["path"] for i in inputs}
        assert "data/catalogue.yml" in read and len(read) > 10
        assert not {p.relative_to(next_year.root).as_posix() for p in new_files} & read, params.name


def test_each_new_edition_builds_with_every_chapter_giving_findings(next_year, next_built):
    for source, step in next_year.new.items():
        previous = next_built(next_year.root / "params" / source)  # shared with the test above: built once
        site = next_built(step.params)
        summary = next_built.summaries[step.params]
        assert summary.failed == [] and summary.placeholders == [], (step.params.name, summary.line())
        figures = json.loads((site / "figures.json").read_text())["figures"]
        assert figures and (site / "sections" / "changes.html").is_file() and previous.is_dir()


def test_the_checks_that_discover_editions_and_data_folders_pass_with_next_years_files(next_year):
    """What the unit tests check of every edition and data folder, run on the copy (in this
    process): the new editions and folders break none of them."""
    root = next_year.root
    found = editions(root)
    assert {s.params for s in next_year.new.values()} < set(found)
    for params in found:
        check_edition_loads_as_stated(params, root)
        check_edition_titled(params, root)
        check_monthly_series(params, root)
    for folder in data_folders(root):
        check_data_folder(folder, root)
    assert raw_files_not_named(root) == []
    assert data_files_not_read(root) == []
    assert raw_folders_without_sources(root) == []
