"""The README's "Rebuilding for a new year", followed literally on a copy of the project:
scaffold with `assess new-year`, supply one dataset in a new folder with its SOURCES.md and its
row in data/README.md, uncomment its line, build; the new period shows, and the unit tests that
discover editions and data folders still pass with the new edition in place."""

from __future__ import annotations

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
from assess.periods import shift_month
from conftest import ROOT

pytestmark = pytest.mark.build
OLD, NEW = "alliance-2019-20", "2020-21"
DISCOVERING = [
    "tests/unit/test_edition.py",
    "tests/unit/test_catalogue.py",
    "tests/unit/test_data_readme.py",
    "tests/unit/test_read_police_uk_monthly.py",
]


def test_readme_new_year_steps_build_the_new_period_and_leave_the_unit_tests_green(tmp_path, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text()
    step = re.search(r"assess new-year (params/\S+\.yml) --year (\S+)", readme)
    assert step and step.groups() == (f"params/{OLD}.yml", NEW)  # the README's own command
    project = make_project(tmp_path / "p", sections=["introduction", "performance", "data-and-methods"])

    # 1. Scaffold, from the project folder, as the README says.
    monkeypatch.chdir(project)
    assert main(["new-year", step[1], "--year", step[2]]) == 0
    printed = capsys.readouterr().out
    written = project / "params" / f"alliance-{NEW}.yml"
    text = written.read_text()
    assert "# Every path is relative to the project root." in text  # comments kept
    line = re.search(r"^  (street_crime_monthly_counts): (\S+) \((must cover [^)]*)\)$", printed, re.M)
    assert line, printed
    dataset, expected, cover = line.groups()
    assert expected == "data/raw/police_uk_street/monthly_counts_by_force_crime_type_2019-10_2020-02.csv"
    assert cover == "must cover October 2019 to February 2020 for Warwickshire and West Mercia"
    assert f"  # {dataset}: {expected}  # supply: {cover}" in text

    # 2. Put the file there, in a new folder with its SOURCES.md and rows in data/README.md,
    # then uncomment its line. (The data here is last year's counts moved on a year: a test fixture.)
    # The fixture: last year's five months of counts repeated to run on, without a gap, from the
    # archive's end to the new period's end (test data, not real counts).
    counts = pd.read_csv(project / "data/raw/police_uk_street/monthly_counts_by_force_crime_type_2018-10_2019-02.csv")
    runs = [counts.assign(month=counts["month"].map(lambda m, k=k: shift_month(m, k))) for k in (0, 5, 10, 15)]
    moved = pd.concat(runs)
    moved = moved[moved["month"] <= "2020-02"]
    folder = (project / expected).parent / NEW
    target = folder / (project / expected).name
    folder.mkdir()
    moved.to_csv(target, index=False)
    (folder / "SOURCES.md").write_text("# Test fixture\n\nLast year's counts moved on a year.\n")
    shown = target.relative_to(project / "data").as_posix()
    with (project / "data" / "README.md").open("a") as f:
        f.write(f"| `{folder.relative_to(project / 'data').as_posix()}/` | `{target.name}` | fixture | — | — | — |\n")
    written.write_text(
        written.read_text().replace(f"  # {dataset}: {expected}  # supply:", f"  {dataset}: data/{shown}  # supply:")
    )

    # 3. Build it.
    index, summary = build(written, tmp_path / "out", project, jobs=2, log=quiet)
    assert "data-and-methods" in summary.executed
    methods = (index.parent / "sections" / "data-and-methods.html").read_text()
    assert "Oct 2019" in methods and "Feb 2020" in methods
    waiting = (index.parent / "sections" / "performance.html").read_text()
    assert "street_crime" in waiting  # waits for the street files still to supply, naming them

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
        f"alliance-{NEW}"
        in subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/unit/test_edition.py"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
    )
    shutil.rmtree(tmp_path / "out")
