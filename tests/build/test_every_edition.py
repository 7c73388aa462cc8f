"""Every edition of params/, built together as ``assess build --all`` builds them (the session's
``every_edition``, shared with the browser tests): each names only its forces, says where a chapter
reads a source published after it was written, and carries its provenance block and page."""

from __future__ import annotations

import json

import pytest
import yaml

from assess.build.declarations import read_declaration
from assess.edition import load_edition
from assess.read.catalogue import published_after, read_catalogue
from conftest import EDITIONS, ROOT, shipped_editions, single_force_params

pytestmark = [pytest.mark.build, EDITIONS]


def test_all_builds_every_edition_and_each_names_only_its_forces(every_edition):
    """Every edition of params/, built together as ``assess build --all`` builds them (the session's
    ``every_edition``, shared with the browser tests)."""
    out = every_edition[0].parent.parent
    editions = {p.stem: load_edition(p, ROOT) for p in shipped_editions()}
    assert [p.parent.name for p in every_edition] == list(editions)
    landing = (out / "index.html").read_text()
    assert all(f'href="{p.parent.name}/index.html"' in landing for p in every_edition)
    catalogue = read_catalogue(ROOT)
    chapters = [p.stem for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    for name, edition in editions.items():
        values = {f["name"]: f["value"] for f in json.loads((out / name / "figures.json").read_text())["figures"]}
        assert values["forces_named"] == " and ".join(edition.forces)
        others = set(edition.registry.alliance_members("Alliance")) - set(edition.forces)
        assert not [n for n in values if any(o.lower().replace(" ", "_") in n for o in others)]
        for page in (out / name / "sections").glob("*.html"):
            title = page.read_text().split("<title>")[1].split("</title>")[0]
            assert all(edition.registry.full_name(f) in title for f in edition.forces), (name, page.name)
        # A chapter reading a source published after the as-of date says so at its top; no other does.
        for chapter in chapters:
            declared = read_declaration(ROOT / "notebooks" / f"{chapter}.ipynb").dataset_names(edition.data)
            later = [
                d
                for d in declared
                if d in edition.data and published_after(catalogue[d], edition.periods.get(d), edition.as_of)
            ]
            page = (out / name / "sections" / f"{chapter}.html").read_text()
            if "so its figures and findings are not given here" in page:
                later = []  # a page waiting for its data shows none of it
            assert ("published after this edition was written" in page) == bool(later), (name, chapter, later)


def test_provenance_page_and_block(built):
    params = single_force_params()
    site = built(params)
    block = json.loads((site / "figures.json").read_text())["provenance"]
    paths = {item["path"]: item for item in block["inputs"]}
    raw = yaml.safe_load(params.read_text())
    hours_path = raw["data"]["specials_duty_hours"]
    hours = paths[hours_path]
    with open(ROOT / hours_path, encoding="utf-8") as handle:
        assert hours["rows"] == sum(1 for _ in handle) - 1 and len(hours["sha256"]) == 64
    assert block["parameters"]["edition"] == raw["edition"] and block["packages"]["pandas"]
    page = (site / "sections" / "provenance.html").read_text()
    assert hours["sha256"] in page and block["build_date"] in page
