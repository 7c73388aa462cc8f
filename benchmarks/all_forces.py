"""Benchmark a first edition of forces the project never shipped, on a scratch copy of the project
(real national data): for each force, `assess new-edition` (the parameter file) and a cold build of
its HTML site, each timed, with the chapters that wait for data; then the time all 43 would take
at the sample's mean.

The sample is spread over the forces by residents (the national population file's latest
mid-year): the fewest, the most, and evenly between; ``--all`` builds every force.

Usage: python benchmarks/all_forces.py [--sample N | --all] [--as-of YYYY-MM-DD] [--jobs N] [--pdf]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from assess.build import build
from assess.build.newedition import new_edition
from assess.build.project import copy_project
from assess.read.catalogue import read_catalogue
from assess.read.forces import read_forces
from assess.read.population import read_force_population

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2019-09-30"
"""A day for which every national file the chapters read holds the year assessed."""


def forces_by_residents(root: Path) -> list[str]:
    """Every force of the registry, fewest residents first (the national file's latest mid-year)."""
    registry = read_forces(root / "data" / "reference" / "forces.csv")
    path = root / read_catalogue(root)["force_population"]["national"]
    people = read_force_population(path, registry.resolver("home_office_name"))
    latest = people[people["year"] == people["year"].max()].set_index("force")["population"]
    return list(latest.loc[registry.names].sort_values().index)


def spread(forces: list[str], n: int) -> list[str]:
    """``n`` of ``forces`` evenly spaced from the first to the last (all of them when n is larger)."""
    if n >= len(forces):
        return forces
    return [forces[i] for i in dict.fromkeys(np.linspace(0, len(forces) - 1, n).round().astype(int))]


def quiet(message):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=4, help="forces to build (default 4)")
    parser.add_argument("--all", action="store_true", help="build every force")
    parser.add_argument("--as-of", default=AS_OF)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pdf", action="store_true", help="print each edition to PDF as well")
    args = parser.parse_args()
    every = forces_by_residents(ROOT)
    chosen = every if args.all else spread(every, args.sample)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(ROOT, Path(tmp) / "project")
        for force in chosen:
            start = time.perf_counter()
            written, _, waiting = new_edition([force], args.as_of, project)
            scaffold = time.perf_counter() - start
            start = time.perf_counter()
            _, summary = build(written, Path(tmp) / "out", project, args.jobs, quiet, printed=args.pdf)
            built = time.perf_counter() - start
            rows.append((force, scaffold, built, len(summary.executed), waiting))
            print(f"{force:<22} new-edition {scaffold:5.1f} s  build {built:6.1f} s  waiting: {', '.join(waiting)}")
    total = sum(r[1] + r[2] for r in rows)
    print(f"machine: {os.cpu_count()} cores; jobs: {args.jobs}; load average at the end: {os.getloadavg()}")
    print(f"{len(rows)} forces in {total:.0f} s; mean {total / len(rows):.0f} s a force")
    if len(rows) < len(every):
        print(f"all {len(every)} forces at that mean: {total / len(rows) * len(every) / 60:.0f} min (estimated)")


if __name__ == "__main__":
    main()
