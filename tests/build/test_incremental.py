"""An incremental rebuild publishes the same site as a cold build of the same sources, byte for
byte apart from the build date (so two builds of the same sources, each running its chapters, are
identical: charts, tables and downloads included), and a failed rebuild leaves the last good site
in place."""

from __future__ import annotations

import datetime as dt
import difflib
import json

import pytest
import yaml
from projects import make_project, quiet

from assess.build import build
from assess.build.declarations import read_declaration
from conftest import DEFAULT_PARAMS, snapshot

pytestmark = pytest.mark.build
SECTIONS = ["introduction", "hate-crime", "data-and-methods"]


def published(site) -> dict[str, bytes]:
    """Every published file's bytes by relative path, with today's date blanked out. In the search
    index, words that no longer lead to any page are dropped: Sphinx keeps them, with no pages,
    after an incremental build (here the old SHA-256 of the edited register), and a search for
    them finds nothing either way."""
    today = dt.date.today().isoformat().encode()
    files = {
        p.relative_to(site).as_posix(): p.read_bytes().replace(today, b"DATE") for p in site.rglob("*") if p.is_file()
    }
    prefix, index = b"Search.setIndex(", json.loads(files["searchindex.js"][len(b"Search.setIndex(") : -1])
    index["terms"] = {word: pages for word, pages in index["terms"].items() if pages != []}
    files["searchindex.js"] = prefix + json.dumps(index, sort_keys=True).encode()
    return files


def first_difference(one: dict[str, bytes], other: dict[str, bytes], names: list[str]) -> str:
    """The names that differ, and the first differing lines of the first of them."""
    if not names:
        return ""
    lines = difflib.unified_diff(
        one[names[0]].decode(errors="replace").splitlines(),
        other[names[0]].decode(errors="replace").splitlines(),
        "incremental",
        "cold",
        n=0,
        lineterm="",
    )
    return f"{names}\n" + "\n".join(line[:300] for line in list(lines)[:20])


def edit_prose(notebook) -> None:
    """Add one sentence to the first Markdown paragraph after the title that every edition shows
    and that holds no fenced block (the benchmark's rule)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    tagged = lambda c: any(t.startswith(("if:", "unless:")) for t in c["metadata"].get("tags", []))  # noqa: E731
    fenced = lambda c: "```" in "".join(c["source"]) or ":::" in "".join(c["source"])  # noqa: E731
    cell = next(c for c in nb["cells"][1:] if c["cell_type"] == "markdown" and not tagged(c) and not fenced(c))
    cell["source"] = "".join(cell["source"]) + " A sentence added by the incremental test."
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_an_incremental_rebuild_publishes_what_a_cold_build_does(tmp_path):
    project = make_project(tmp_path / "project", SECTIONS)
    toc = yaml.safe_load((project / "_toc.yml").read_text())
    toc["parts"][1]["chapters"].insert(0, {"file": "sections/glossary"})
    (project / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    params, warm = project / "params" / DEFAULT_PARAMS.name, tmp_path / "warm"
    edition = yaml.safe_load(params.read_text())["edition"]
    build(params, warm, project, jobs=2, log=quiet)

    # An analyst's edit of one chapter's prose, and of the glossary register.
    edit_prose(project / "notebooks" / "hate-crime.ipynb")
    glossary = project / yaml.safe_load(params.read_text())["data"]["glossary"]
    text = glossary.read_text(encoding="utf-8")
    assert text.count("Strategic Assessment") > 0
    glossary.write_text(text.replace("Strategic Assessment", "Strategic  Assessment (edited)", 1), encoding="utf-8")
    _, summary = build(params, warm, project, jobs=2, log=quiet)
    # The chapters that read the glossary re-run (Data and methods lists every dataset); the edited
    # chapter, which does not read it, is not re-run.
    readers = [
        name
        for name in SECTIONS
        if "glossary" in read_declaration(project / "notebooks" / f"{name}.ipynb").dataset_names(["glossary"])
    ]
    assert "data-and-methods" in readers and "hate-crime" not in readers
    assert sorted(summary.executed) == sorted(readers) and summary.reworded == ["hate-crime"] and summary.site_rebuilt
    site = warm / edition
    assert "added by the incremental test" in (site / "sections" / "hate-crime.html").read_text()
    assert "Assessment (edited)" in (site / "sections" / "glossary.html").read_text()

    # A chapter that fails leaves the last good site, and the rebuild after the fix is still right.
    good = snapshot(site)
    notebook = project / "notebooks" / "introduction.ipynb"
    source = notebook.read_text(encoding="utf-8")
    nb = json.loads(source)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"][-1]
    code["source"] = "".join(code["source"]) + "\nraise RuntimeError('broken on purpose')"
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(Exception, match="broken on purpose"):
        build(params, warm, project, jobs=2, log=quiet)
    assert snapshot(site) == good
    notebook.write_text(source, encoding="utf-8")
    build(params, warm, project, jobs=2, log=quiet)

    cold = tmp_path / "cold"
    build(params, cold, project, jobs=2, log=quiet)
    incremental, fresh = published(site), published(cold / edition)
    assert sorted(incremental) == sorted(fresh)
    different = [name for name in sorted(fresh) if incremental[name] != fresh[name]]
    assert different == [], first_difference(incremental, fresh, different)
    assert sum(name.endswith(".html") for name in fresh) > 5 and any(name.endswith(".svg") for name in fresh)
