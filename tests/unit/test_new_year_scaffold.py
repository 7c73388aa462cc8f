"""`assess new-year` asks only for files that can exist, moves every period but a printed one, and
leaves no `wait_for_data` unless asked: the scaffold of a single-force edition (as the README's
steps make it) and of the earliest alliance edition (with --wait-for-data), each discovered in
params/, checked for what they ask, state, comment out and list."""

from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

from assess.build.newyear_paths import name_months
from assess.chapters import chapter_module
from assess.edition import load_edition
from assess.errors import ConfigError, InputError
from assess.periods import Period, is_financial_year, shift_month
from assess.read.dating import cut
from assess.read.registers import read_issue_register, read_morile
from assess.read.registry import READERS, read_dataset
from conftest import ROOT, single_force_params
from new_year_steps import changed_default_params, earliest_alliance

CHAPTERS = [p.stem for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]


@pytest.fixture(scope="module")
def single(new_year):
    """A single-force edition's next year, as the README's steps scaffold it (no option)."""
    return new_year(single_force_params())


@pytest.fixture(scope="module")
def alliance(new_year):
    """The earliest alliance edition's next year, scaffolded to build while its data comes in."""
    return new_year(earliest_alliance(), wait_for_data=True)


@pytest.mark.wide
def test_by_default_no_chapter_waits_and_each_line_points_at_the_file_to_supply(single):
    _, done, text = single
    assert done.needed and done.waiting == []
    assert "wait_for_data" not in yaml.safe_load(text) and "wait_for_data:" not in text
    for item in done.needed:
        assert f"\n  {item.dataset}: {item.path}  # supply: {item.cover}\n" in text
    # The build stops in one line naming the first file to supply under data: (none exists yet).
    first = next(name for name in yaml.safe_load(text)["data"] if name in {n.dataset for n in done.needed})
    path = next(n.path for n in done.needed if n.dataset == first)
    with pytest.raises(ConfigError) as caught:
        load_edition(done.path, ROOT)
    assert f"data.{first}" in str(caught.value) and path in str(caught.value) and "\n" not in str(caught.value)


def test_the_projection_keeps_the_printed_months_of_the_flows_it_runs_on(single):
    edition, done, text = single
    assert "specials_flows" in {k.dataset for k in done.kept} and not done.projection_moved
    projection = yaml.safe_load(text)["specials"]["projection"]
    assert (projection["start"], projection["end"]) == (
        edition.specials.projection.start,
        edition.specials.projection.end,
    )


@pytest.mark.wide
def test_without_printed_flows_the_projection_moves_on(new_year):
    edition, done, _ = new_year(changed_default_params(), wait_for_data=True)
    projection, old = load_edition(done.path, ROOT).specials.projection, edition.specials.projection
    assert done.projection_moved and projection == Period(shift_month(old.start, 12), shift_month(old.end, 12))


def test_a_later_file_runs_on_from_the_month_its_series_stops(single):
    edition, done, _ = single
    continuing = [n for n in done.needed if "it continues" in n.why]
    assert continuing, "the single-force edition's series of monthly counts runs past its archive"
    for item in continuing:
        series = re.search(r"it continues (\w+)", item.why)[1]
        assert item.dataset in READERS[series].needs
        alone = dataclasses.replace(edition, data={k: v for k, v in edition.data.items() if k != item.dataset})
        first, last = READERS[series].dated(read_dataset(alone, series))
        assert item.period.start == shift_month(last.max(), 1)  # no gap, no overlap
        assert name_months(item.path) == item.period  # its name says what it holds


def test_a_file_every_force_is_compared_in_is_asked_for_every_force(single):
    _, done, _ = single
    every = {name for c in CHAPTERS for name in getattr(chapter_module(c), "EVERY_FORCE", ())}
    for item in done.needed:
        assert item.every_force == (item.dataset in every)
        assert ("for every force of England and Wales" in item.cover) == (item.dataset in every)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["single", "alliance"])
def test_no_file_asked_for_cannot_exist(which, request):
    """Its period ends by the new as-of date; the series it belongs to does not begin inside the
    period while covering the rest (that period is stated from the series' first month instead);
    its name's dates agree with the period (financial years that follow each other, a span that
    ends where the period does, or later for a file that two datasets share)."""
    edition, done, text = request.getfixturevalue(which)
    last_month = shift_month(yaml.safe_load(text)["as_of"][:7], -1)
    for item in done.needed:
        for token in re.findall(r"(?<!\d)(?:19|20)\d{2}-\d{2}(?![\d-])", item.path):
            assert is_financial_year(token) or int(token[5:]) <= 12, (item.path, token)
        if item.period is None:
            continue
        assert item.period.end <= last_month, item.line()
        named = name_months(item.path)  # a file two datasets share is named by the months of both
        assert named is None or item.period.end <= named.end <= last_month, item.line()
        reader = READERS[item.dataset]
        if item.dataset in edition.data and reader.dated is not None:
            held = cut(read_dataset(edition, item.dataset), reader.dated, item.period).holds
            if held is not None and item.period.start < held.start <= item.period.end:
                assert held.end < item.period.end, f"{item.line()}: its series begins later, covering the rest"


@pytest.mark.wide
def test_with_wait_for_data_the_lines_to_supply_are_commented_out_and_their_chapters_wait(alliance):
    _, done, text = alliance
    new = load_edition(done.path, ROOT)
    assert new.wait_for_data == tuple(done.waiting)
    for item in done.needed:
        assert f"\n  # {item.dataset}: {item.path}  # supply: {item.cover}\n" in text
        assert item.dataset not in new.data
    asked = {n.dataset for n in done.needed}

    def waits(chapter: str) -> bool:
        declared = chapter_module(chapter).DATASETS
        declared = declared if isinstance(declared, tuple) else ()  # a chapter of every dataset never waits
        joined = {n for d in declared for n in READERS[d].needs if READERS[n].dated is not None}
        return bool(asked & (set(declared) | joined))

    assert done.waiting == [c for c in CHAPTERS if waits(c)]
    if done.waiting:
        assert "once a dataset is in, remove the '# ' before its line under data: and its chapters" in text
    else:  # every chapter reading them builds without them (each reads them only when named)
        assert "wait_for_data" not in yaml.safe_load(text) and done.commented


def test_a_series_that_begins_later_is_stated_from_its_first_month(alliance):
    _, done, text = alliance
    new = load_edition(done.path, ROOT)
    for item in done.started:
        assert new.periods[item.dataset] == item.period
        months, _ = READERS[item.dataset].dated(read_dataset(new, item.dataset))
        assert months.min() == item.period.start
        assert item.dataset not in {n.dataset for n in done.needed}
        assert re.search(rf"\n  {item.dataset}: \{{start: \"{item.period.start}\".*no earlier data exists\n", text)
    for item in done.dropped:  # the later file of a series that covers its period alone
        assert re.search(rf"\n  # {item.dataset}: \S+  # not needed: {item.joins} holds every month", text)
        assert item.joins in {s.dataset for s in done.started} or item.joins in new.data


def test_a_register_with_labels_of_years_is_asked_for_with_the_new_years(single, tmp_path):
    """Relabelled as its line says, last year's register reads in the new year's folder; left as
    it was, it is refused there (last year's periods never reach the new book)."""
    edition, done, _ = single
    readers = {"issue_register": read_issue_register, "morile": read_morile}
    asked = {n.dataset: n for n in done.needed if n.period is None}
    assert set(readers) <= set(asked)
    for name, read in readers.items():
        item = asked[name]
        folder = tmp_path / item.path.rsplit("/", 2)[-2]
        folder.mkdir(exist_ok=True)
        text = edition.path(name).read_text()
        (folder / f"{name}.yml").write_text(text)
        with pytest.raises(InputError, match="year_label"):
            read(folder / f"{name}.yml")
        labels = re.findall(r"its (\w+_year_label) must name (\d{4}/\d{2})", item.why)
        assert labels and all(key in yaml.safe_load(text) for key, _ in labels), item.line()
        for key, wanted in labels:
            text = re.sub(rf"^{key}: .*$", f'{key}: "{wanted}"', text, flags=re.M)
        (folder / f"{name}.yml").write_text(text)
        read(folder / f"{name}.yml")
