"""The README's "Rebuilding for a new year", followed literally on a copy of the project:
scaffold with `assess new-year`, supply one dataset in a new folder with its SOURCES.md and its
row in data/README.md, uncomment its line, build; the new period shows, and the unit tests that
discover editions and data folders still pass with the new edition in place."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from test_editions import make_project, quiet

from assess.build import build
from assess.build.cli import main
from assess.edition import load_edition
from assess.periods import shift_month, span_label
from assess.read.catalogue import read_catalogue
from conftest import ROOT

pytestmark = pytest.mark.build
DISCOVERING = [
    "tests/unit/test_edition.py",
    "tests/unit/test_catalogue.py",
    "tests/unit/test_data_readme.py",
    "tests/unit/test_read_police_uk_monthly.py",
]
LINE = re.compile(
    r"^  (street_crime_monthly_counts): (\S+) \((must cover (\w+ \d{4}) to (\w+ \d{4}) for ([^;)]+)[^)]*)\)$", re.M
)


def test_readme_new_year_steps_build_the_new_period_and_leave_the_unit_tests_green(tmp_path, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text()
    step = re.search(r"assess new-year (params/\S+\.yml) --year (\S+)", readme)
    assert step, "the README's new-year command"
    source, new_year = step.groups()
    project = make_project(tmp_path / "p", sections=["introduction", "performance", "data-and-methods"])

    # 1. Scaffold, from the project folder, as the README says.
    monkeypatch.chdir(project)
    assert main(["new-year", source, "--year", new_year]) == 0
    printed = capsys.readouterr().out
    written = project / re.search(r"^wrote (\S+)$", printed, re.M)[1]
    assert new_year in written.name and written.name in readme  # the README names the file it writes
    text = written.read_text()
    assert "# Every path is relative to the project root." in text  # comments kept
    line = LINE.search(printed)
    assert line, printed
    dataset, expected, cover, first, last, forces = line.groups()
    expected_path = project / expected
    assert expected_path.parent.name == new_year and not expected_path.parent.exists()  # a new folder for the year
    assert f"  # {dataset}: {expected}  # supply: {cover}" in text
    assert "it continues street_crime_monthly_counts_archive" in cover  # no gap after the archive
    # The Specials tables transcribed from the printed assessment have no later edition: kept, each
    # with its own period, never asked for, and said so.
    last_year = load_edition(project / source, project)
    kept = re.search(r"^kept as printed[^\n]*\n((?:  .*\n)+)", printed, re.M)
    assert kept, printed
    for name in ("specials_duty_hours", "specials_establishment", "specials_flows"):
        path = last_year.data[name].relative_to(project).as_posix()
        period = last_year.periods.get(name)
        shown = f"  {name}: {path} (" + (f"{span_label(period, 'long')}, " if period else "") + "as printed in "
        assert shown in kept[1], (name, kept[1])
        assert not re.search(rf"^  {name}: .*must cover", printed, re.M) and f"# {name}:" not in text

    # 2. Put the file there, in its new folder with its SOURCES.md and rows in data/README.md,
    # then uncomment its line. The fixture: last year's five months of counts repeated to run on,
    # without a gap, over the months the line asks for (test data, not real counts).
    start, end = (pd.Period(pd.Timestamp(m), "M").strftime("%Y-%m") for m in (first, last))
    counts = pd.read_csv(project / "data/raw/police_uk_street/monthly_counts_by_force_crime_type_2018-10_2019-02.csv")
    span = len(pd.period_range(start, end, freq="M"))
    runs = [counts.assign(month=counts["month"].map(lambda m, k=k: shift_month(m, k))) for k in range(-60, span, 5)]
    moved = pd.concat(runs)
    moved = moved[(moved["month"] >= start) & (moved["month"] <= end)].drop_duplicates(["month", "force", "crime_type"])
    folder = expected_path.parent
    folder.mkdir()
    moved.to_csv(expected_path, index=False)
    (folder / "SOURCES.md").write_text("# Test fixture\n\nLast year's counts moved on.\n")
    shown = folder.relative_to(project / "data").as_posix()
    with (project / "data" / "README.md").open("a") as f:
        f.write(f"| `{shown}/` | `{expected_path.name}` | fixture | — | — | — |\n")
    written.write_text(
        written.read_text().replace(f"  # {dataset}: {expected}  # supply:", f"  {dataset}: {expected}  # supply:")
    )

    # 3. Build it.
    index, summary = build(written, tmp_path / "out", project, jobs=2, log=quiet)
    assert "data-and-methods" in summary.executed
    methods = (index.parent / "sections" / "data-and-methods.html").read_text()
    assert span_label(load_edition(written, project).periods[dataset]) in methods  # the new period shows
    waiting = (index.parent / "sections" / "performance.html").read_text()
    # waits for the street files still to supply, naming them as the catalogue does
    assert html.escape(read_catalogue(project)["street_crime"]["title"], quote=False) in waiting

    # The unit tests that discover editions and data folders, on the copy with the new edition.
    env = {**os.environ, "ASSESS_TEST_ROOT": str(project), "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *DISCOVERING],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert (
        written.stem
        in subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/unit/test_edition.py"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
    )
    shutil.rmtree(tmp_path / "out")
