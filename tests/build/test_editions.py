"""Editions and rebuilds: the cache re-runs exactly what changed, --all builds every edition,
two builds are byte-identical apart from the build date, and new-year scaffolds a valid file."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from projects import SECTIONS, make_project, quiet

from assess.build import build, build_all
from assess.build.declarations import read_declaration
from assess.build.project import copy_project
from assess.edition import load_edition
from assess.read.catalogue import published_after, read_catalogue
from conftest import DEFAULT_PARAMS, ROOT, single_force_params

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("project"))


def test_rebuild_runs_exactly_what_changed(project, tmp_path):
    params, out = project / "params" / DEFAULT_PARAMS.name, tmp_path / "out"
    raw = yaml.safe_load(params.read_text())
    _, cold = build(params, out, project, jobs=2, log=quiet)
    assert sorted(cold.executed) == sorted(SECTIONS) and cold.site_rebuilt

    _, unchanged = build(params, out, project, jobs=2, log=quiet)
    assert unchanged.executed == [] and sorted(unchanged.reused) == sorted(SECTIONS) and not unchanged.site_rebuilt

    def hate_totals() -> dict:
        figures = json.loads((out / raw["edition"] / "figures.json").read_text())["figures"]
        return {f["name"]: f["value"] for f in figures if f["name"].startswith("hate_total_")}

    before = hate_totals()
    hate = project / raw["data"]["hate_crime_monthly"]
    lines = hate.read_text().splitlines()
    month, count = lines[-1].split(",")
    hate.write_text("\n".join(lines[:-1] + [f"{month},{int(count) + 1}"]) + "\n")
    _, one_file = build(params, out, project, jobs=2, log=quiet)
    # The hate crime chapter reads that file, and the Data and methods appendix reads every file.
    assert sorted(one_file.executed) == ["data-and-methods", "hate-crime"] and one_file.site_rebuilt
    after = hate_totals()
    assert sum(after.values()) == sum(before.values()) + 1 and len(after) == len(before)

    # A parameter section re-runs only the chapters that declare it: suppression, the hate crime chapter.
    params.write_text(params.read_text().replace("suppress_below: 5", "suppress_below: 6"))
    _, new_params = build(params, out, project, jobs=2, log=quiet)
    assert new_params.executed == ["hate-crime"] and new_params.site_rebuilt


def test_all_builds_every_edition_and_each_names_only_its_forces(project, tmp_path):
    out = tmp_path / "out"
    pages = build_all(project / "params", out, project, jobs=2, log=quiet)
    editions = {p.stem: load_edition(p, project) for p in sorted((project / "params").glob("*.yml"))}
    assert [p.parent.name for p in pages] == list(editions)
    landing = (out / "index.html").read_text()
    assert all(f'href="{p.parent.name}/index.html"' in landing for p in pages)
    for name, edition in editions.items():
        values = {f["name"]: f["value"] for f in json.loads((out / name / "figures.json").read_text())["figures"]}
        assert values["forces_named"] == " and ".join(edition.forces)
        others = set(edition.registry.alliance_members("Alliance")) - set(edition.forces)
        assert not [n for n in values if any(o.lower().replace(" ", "_") in n for o in others)]
        for page in (out / name / "sections").glob("*.html"):
            title = page.read_text().split("<title>")[1].split("</title>")[0]
            assert all(edition.registry.full_name(f) in title for f in edition.forces), (name, page.name)
        # A chapter reading a source published after the as-of date says so at its top; no other does.
        catalogue = read_catalogue(project)
        for chapter in SECTIONS:
            declared = read_declaration(project / "notebooks" / f"{chapter}.ipynb").dataset_names(edition.data)
            later = [
                d
                for d in declared
                if d in edition.data and published_after(catalogue[d], edition.periods.get(d), edition.as_of)
            ]
            page = (out / name / "sections" / f"{chapter}.html").read_text()
            if "so its figures and findings are not given here" in page:
                later = []  # a page waiting for its data shows none of it
            assert ("published after this edition was written" in page) == bool(later), (name, chapter, later)


@pytest.fixture(scope="module")
def single_force_twice(project, tmp_path_factory):
    """The index pages of two builds of a single-force edition of ``project``, into two folders."""
    params = project / "params" / single_force_params().name
    folder = tmp_path_factory.mktemp("twice")
    return tuple(build(params, folder / name, project, jobs=2, log=quiet)[0] for name in ("one", "two"))


def test_two_builds_are_identical_apart_from_the_build_date(single_force_twice):
    first, second = single_force_twice
    today = dt.date.today().isoformat()
    files = sorted(p.relative_to(first.parent) for p in first.parent.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second.parent) for p in second.parent.rglob("*") if p.is_file())
    different = [
        f
        for f in files
        if (first.parent / f).read_bytes().replace(today.encode(), b"DATE")
        != (second.parent / f).read_bytes().replace(today.encode(), b"DATE")
    ]
    assert different == []
    assert any(f.suffix == ".svg" for f in files)


def test_provenance_page_and_block(project, single_force_twice):
    params = project / "params" / single_force_params().name
    index = single_force_twice[0]
    block = json.loads((index.parent / "figures.json").read_text())["provenance"]
    paths = {item["path"]: item for item in block["inputs"]}
    raw = yaml.safe_load(params.read_text())
    hours_path = raw["data"]["specials_duty_hours"]
    hours = paths[hours_path]
    with open(project / hours_path, encoding="utf-8") as handle:
        assert hours["rows"] == sum(1 for _ in handle) - 1 and len(hours["sha256"]) == 64
    assert block["parameters"]["edition"] == raw["edition"] and block["packages"]["pandas"]
    page = (index.parent / "sections" / "provenance.html").read_text()
    assert hours["sha256"] in page and block["build_date"] in page


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
    page, _ = build(params, tmp_path / "out", folder, jobs=2, log=quiet)
    assert not stray.exists()
    site = page.parent
    assert list((site / "sections" / "threats").glob("*.html"))
    assert not list(site.rglob("left-by-another-edition*"))
    assert "A threat of another force" not in (site / "sections" / "threats.html").read_text()
