"""Rebuilds, on copies of the project: the cache re-runs exactly what changed, and a threat page left
by another build never reaches the book. (Every edition built by --all, and the provenance block:
test_every_edition.py; two builds byte-identical apart from the build date: test_incremental.py.)"""

from __future__ import annotations

import json

import pytest
import yaml
from projects import SECTIONS, make_project, quiet

from assess.build import build
from assess.build.project import copy_project
from conftest import DEFAULT_PARAMS, ROOT, single_force_params

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("project"))


def test_rebuild_runs_exactly_what_changed(project, tmp_path):
    params, out = project / "params" / DEFAULT_PARAMS.name, tmp_path / "out"
    raw = yaml.safe_load(params.read_text())
    _, cold = build(params, out, project, jobs=2, log=quiet, printed=False)
    assert sorted(cold.executed) == sorted(SECTIONS) and cold.site_rebuilt

    _, unchanged = build(params, out, project, jobs=2, log=quiet, printed=False)
    assert unchanged.executed == [] and sorted(unchanged.reused) == sorted(SECTIONS) and not unchanged.site_rebuilt

    def hate_totals() -> dict:
        figures = json.loads((out / raw["edition"] / "figures.json").read_text())["figures"]
        return {f["name"]: f["value"] for f in figures if f["name"].startswith("hate_total_")}

    before = hate_totals()
    hate = project / raw["data"]["hate_crime_monthly"]
    lines = hate.read_text().splitlines()
    month, count = lines[-1].split(",")
    hate.write_text("\n".join(lines[:-1] + [f"{month},{int(count) + 1}"]) + "\n")
    _, one_file = build(params, out, project, jobs=2, log=quiet, printed=False)
    # The hate crime chapter reads that file, and the Data and methods appendix reads every file.
    assert sorted(one_file.executed) == ["data-and-methods", "hate-crime"] and one_file.site_rebuilt
    after = hate_totals()
    assert sum(after.values()) == sum(before.values()) + 1 and len(after) == len(before)

    # A parameter section re-runs only the chapters that declare it: suppression, the hate crime chapter.
    params.write_text(params.read_text().replace("suppress_below: 5", "suppress_below: 6"))
    _, new_params = build(params, out, project, jobs=2, log=quiet, printed=False)
    assert new_params.executed == ["hate-crime"] and new_params.site_rebuilt


def test_a_threat_page_left_by_another_build_does_not_reach_the_book(tmp_path):
    """Threat pages are listed by a glob: a page an earlier build wrote for another edition (a
    threat of another force) must be gone from ``book/sections/threats`` and from the site."""
    folder = copy_project(ROOT, tmp_path / "project")
    toc = {
        "format": "jb-book",
        "root": "index",
        "parts": [
            {
                "caption": "Chapters",
                "chapters": [{"file": "sections/threats", "sections": [{"glob": "sections/threats/*"}]}],
            }
        ],
    }
    (folder / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    stray = folder / "book" / "sections" / "threats" / "left-by-another-edition.md"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("# A threat of another force\n\nNot this edition's.\n")
    params = folder / "params" / single_force_params().name
    page, _ = build(params, tmp_path / "out", folder, jobs=2, log=quiet, printed=False)
    assert not stray.exists()
    site = page.parent
    assert list((site / "sections" / "threats").glob("*.html"))
    assert not list(site.rglob("left-by-another-edition*"))
    assert "A threat of another force" not in (site / "sections" / "threats.html").read_text()
