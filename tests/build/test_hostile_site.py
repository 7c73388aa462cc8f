"""Hostile text in every text field of a parameter file and of every register reaches the built
site only as text: no live markup, no event handler, no outside address, no spreadsheet formula
in a CSV download. One build carries the whole corpus (tests/hostile/strings.yml), spread over
the fields so that every string lands in several places."""

from __future__ import annotations

import csv
import io
import itertools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from projects import make_project

from assess.build import build
from assess.read.yamlfile import read_yaml
from conftest import DEFAULT_PARAMS, ROOT

pytestmark = pytest.mark.build
STRINGS = [e["text"] * e.get("repeat", 1) for e in read_yaml(ROOT / "tests" / "hostile" / "strings.yml")["strings"]]
SECTIONS = [
    "introduction",
    "assessment-summary",
    "control-strategy",
    "risk-and-partners",
    "hate-crime",
    "data-and-methods",
]
REGISTERS = Path("data") / "reference" / "registers"
FACTS = Path("data") / "raw" / "alliance_facts"
# (file, text columns) of every CSV register or transcription with free text.
CSV_FIELDS = [
    (REGISTERS / "recommendations.csv", ["theme", "recommendation", "update"]),
    (REGISTERS / "csp_priorities.csv", ["priority", "focus_noted"]),
    (REGISTERS / "csp_partnerships.csv", ["partnership"]),
    (REGISTERS / "pcc_themes.csv", ["theme"]),
    (FACTS / "key_facts.csv", ["qualifier", "unit"]),
    (FACTS / "timeline.csv", ["event"]),
]
# (file, list key, text fields of each entry) of every YAML register.
YAML_FIELDS = [
    (REGISTERS / "issues.yml", "issues", ["name"]),
    (REGISTERS / "morile.yml", "threats", ["name"]),
    (REGISTERS / "risks.yml", "risks", ["title", "owner", "mitigation"]),
]
MARKERS = ("alert", "evil.example", "javascript:", "calc", "secret")
THEME_HANDLERS = {"toggleFullScreen()"}
"""The event handlers the book theme itself writes (sphinx-book-theme's full-screen button)."""


def _fill(project: Path) -> int:
    """Put the corpus, in turn, into every text field; returns how many fields were filled."""
    corpus = itertools.cycle(range(len(STRINGS)))
    filled = 0

    def hostile() -> str:
        nonlocal filled
        filled += 1
        return STRINGS[next(corpus)] + f" #{filled}"  # numbered: keys stay unique

    params_file = project / "params" / DEFAULT_PARAMS.name
    params = yaml.safe_load(params_file.read_text())
    params["title"], params["organisation"] = hostile(), hostile()
    params["hate_crime"]["step_event"] = hostile()
    params_file.write_text(yaml.safe_dump(params, sort_keys=False, allow_unicode=True))
    for rel, key, fields in YAML_FIELDS:
        data = yaml.safe_load((project / rel).read_text())
        for entry in data[key]:
            entry.update({field: hostile() for field in fields})
        (project / rel).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    for rel, columns in CSV_FIELDS:
        rows = list(csv.DictReader(io.StringIO((project / rel).read_text(encoding="utf-8-sig"), newline="")))
        for row in rows:
            row.update({column: hostile() for column in columns})
        with (project / rel).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return filled


class _Markup(HTMLParser):
    """Every tag, attribute and script of a page, to find live markup from the corpus."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.downloads, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        if tag in ("iframe", "b", "svg") or (
            tag == "img" and any(n == "alt" and v == "tracking pixel" for n, v in attrs)
        ):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if value.startswith("data:text/csv"):
                self.downloads.append(unquote(value.split(",", 1)[1]))
                continue
            if (name.startswith("on") and value not in THEME_HANDLERS) or any(m in value.lower() for m in MARKERS):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and any(m in data for m in MARKERS):
            self.problems.append(f"script: {data[:60]!r}")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile") / "project", sections=SECTIONS)
    filled = _fill(project)
    index, _ = build(project / "params" / DEFAULT_PARAMS.name, project / "_build", project, jobs=2, log=print)
    return index.parent, filled


def test_every_hostile_string_was_placed_in_several_fields(site):
    _, filled = site
    assert len(STRINGS) >= 70 and filled >= 2 * len(STRINGS)


def test_the_site_holds_no_live_markup_and_no_outside_address(site):
    folder, _ = site
    pages = sorted(folder.rglob("*.html"))
    problems = {}
    for page in pages:
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.problems:
            problems[page.relative_to(folder).as_posix()] = parser.problems[:5]
    assert len(pages) >= len(SECTIONS) and problems == {}


def test_the_hostile_text_is_shown_as_text(site):
    folder, _ = site
    summary = (folder / "sections" / "assessment-summary.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary or "alert(1)" in summary


def test_csv_downloads_hold_no_formula(site):
    folder, _ = site
    downloads = []
    for page in folder.rglob("*.html"):
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        downloads += parser.downloads
    cells = [cell for text in downloads for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for cell in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(c)]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
