"""Benchmark the build on this machine, on a scratch copy of the project (real shipped data):

1. a cold build (empty cache) of the default edition's HTML site, like for like with the baseline
   (the previous edition it names, which its changes page compares with, is built first, untimed;
   the chapter times that build kept are removed, so the cold build orders chapters by its guess);
2. a rebuild with nothing changed;
3. a republish after a one-sentence edit of one chapter's Markdown (what an analyst does in Lab,
   and what `make preview` does: HTML only);
4. a rebuild after one data file changed (the hate crime series);
5. the same edition printed to PDF as well (what `make book` adds to the HTML site);
6. the baseline a user would otherwise run: the Papermill command over every notebook one after
   another, then `jupyter-book build`.

Usage: python benchmarks/build.py [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from assess.build import build
from assess.build.pipeline import TIMINGS
from assess.build.project import Project, chapter_notebooks, copy_project
from assess.edition import default_params

ROOT = Path(__file__).resolve().parents[1]
PARAMS = default_params(ROOT)
"""The project's default edition, as pyproject.toml names it."""


def edit_prose(notebook: Path) -> None:
    """Add one sentence to the first paragraph of Markdown after the title that every edition
    shows (no ``if:``/``unless:`` tag) and that is plain prose (no fenced block), as an analyst would."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"][1:] if plain_paragraph(c))
    cell["source"] = "".join(cell["source"]) + " This sentence was added by the benchmark."
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def plain_paragraph(cell: dict) -> bool:
    """Whether a notebook cell is Markdown that every edition shows, with no fenced block."""
    text, tags = "".join(cell["source"]), cell["metadata"].get("tags", [])
    variant = any(t.startswith(("if:", "unless:")) for t in tags)
    return cell["cell_type"] == "markdown" and not variant and "```" not in text and ":::" not in text


def timed(step) -> tuple[float, object]:
    start = time.perf_counter()
    result = step()
    return time.perf_counter() - start, result


def baseline(project: Path, scratch: Path) -> float:
    """Papermill's command line once per notebook, in turn, then Jupyter Book on the results."""
    book = scratch / "book"
    shutil.copytree(project / "book", book, ignore=shutil.ignore_patterns("sections"))
    (book / "sections").mkdir()
    for page in ("figures.md", "provenance.md"):
        shutil.copy(project / "book" / "sections" / page, book / "sections" / page)
    binary = Path(sys.executable).parent
    start = time.perf_counter()
    for name in chapter_notebooks(Project(project)):
        subprocess.run(
            [
                str(binary / "papermill"),
                str(project / "notebooks" / f"{name}.ipynb"),
                str(book / "sections" / f"{name}.ipynb"),
                "-p",
                "params_file",
                str(project / PARAMS),
                "-p",
                "project_root",
                str(project),
                "--cwd",
                str(book / "sections"),
                "-k",
                "python3",
                "--no-progress-bar",
            ],
            check=True,
            capture_output=True,
        )
    config = yaml.safe_load((project / "_config.yml").read_text())
    (scratch / "_config.yml").write_text(yaml.safe_dump(config))
    subprocess.run(
        [
            str(binary / "jupyter-book"),
            "build",
            str(book),
            "--config",
            str(scratch / "_config.yml"),
            "--toc",
            str(project / "_toc.yml"),
            "--path-output",
            str(scratch / "out"),
            "-q",
            "--all",
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    quiet = lambda message: None  # noqa: E731
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(ROOT, Path(tmp) / "project")
        out = Path(tmp) / "out"
        edition = yaml.safe_load((project / PARAMS).read_text())
        html = lambda: build(project / PARAMS, out, project, args.jobs, quiet, printed=False)  # noqa: E731
        if previous := edition.get("previous_edition"):
            build(project / "params" / f"{previous}.yml", out, project, args.jobs, quiet, printed=False)
        (out / ".cache" / TIMINGS).unlink(missing_ok=True)  # cold: chapters ordered by the static guess
        cold, _ = timed(html)
        unchanged, (_, same) = timed(html)
        edit_prose(project / "notebooks" / "hate-crime.ipynb")
        prose, (_, edited) = timed(html)
        assert "added by the benchmark" in (out / edition["edition"] / "sections" / "hate-crime.html").read_text()
        hate = sorted((project / edition["data"]["hate_crime_by_force"]).glob("*_crimes_clean.csv"))[0]
        lines = hate.read_text().splitlines()
        date, count, rest = lines[1].split(",", 2)
        hate.write_text("\n".join([lines[0], f"{date},{int(count) + 1},{rest}", *lines[2:]]) + "\n")
        one_file, (_, changed) = timed(html)
        pdf, _ = timed(lambda: build(project / PARAMS, out, project, args.jobs, quiet, printed=True))
        base = baseline(project, Path(tmp) / "baseline")
    load = " / ".join(f"{a:.1f} to {b:.1f}" for a, b in zip(load_before, os.getloadavg(), strict=True))
    print(f"machine: {os.cpu_count()} cores; jobs: {args.jobs}; load average (1 / 5 / 15 min, start to end): {load}")
    print(f"cold build (HTML site)             {cold:6.1f} s")
    rebuilt = f"executed {len(same.executed)}, site rebuilt: {same.site_rebuilt}"
    print(f"rebuild, nothing changed           {unchanged:6.1f} s  ({rebuilt})")
    print(f"one-sentence edit of one chapter   {prose:6.1f} s  (prose only: {', '.join(edited.reworded)})")
    print(f"edit / cold build = {prose / cold:.2f}")
    print(f"rebuild, one data file changed     {one_file:6.1f} s  (executed: {', '.join(changed.executed)})")
    print(f"the same site printed to PDF too   {pdf:6.1f} s  (site rebuilt, then printed)")
    print(f"baseline: papermill in turn + jupyter-book build  {base:6.1f} s")
    print(f"baseline / cold build = {base / cold:.2f}")


if __name__ == "__main__":
    main()
