"""Threat files: the shipped set, one-line errors for bad front matter and refused bodies, the
lookup and recommendations checked against them, and the page each becomes (escaped)."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
import yaml
from docutils import nodes
from myst_trees import HOSTILE, doctree, node_kinds

from assess.errors import InputError
from assess.present.escape import myst_inline, one_line
from assess.present.glossary import Acronyms, glossary_markdown
from assess.present.markdown import page_markdown
from assess.present.threat_pages import threat_markdown
from assess.read.judgements import read_glossary, read_recommendations_ahead
from assess.read.markdown import sentence_findings
from assess.read.threats import (
    KEYS,
    check_lookup,
    check_recommendations,
    read_threat,
    read_threat_indicators,
    read_threats,
)
from conftest import ROOT

THREATS = ROOT / "data" / "reference" / "threats"
REFERENCE = ROOT / "data" / "reference"
# The threats the 2016/17 assessment assessed, which issue 15 asks a page for.
NAMED = {
    "child-sexual-exploitation",
    "cyber-crime",
    "modern-slavery-human-trafficking",
    "rape-serious-sexual-offences",
    "domestic-abuse",
    "serious-organised-crime-county-lines",
    "foreign-national-offenders",
    "radicalisation-terrorism",
    "killed-seriously-injured-collisions",
    "pipeline-incursions",
    "serious-acquisitive-crime",
    "violent-crime",
    "rural-crime",
    "missing-people",
}


@pytest.fixture
def threat_file(tmp_path):
    """A copy of a shipped threat file, changed by ``edit(text) -> text``; returns its path."""

    def make(edit, name="cyber-crime"):
        folder = tmp_path / "threats"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name}.md"
        path.write_text(edit((THREATS / f"{name}.md").read_text(encoding="utf-8")), encoding="utf-8")
        return path

    return make


def _one_line_error(path, *parts):
    with pytest.raises(InputError) as caught:
        read_threat(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    for part in parts:
        assert part in message, message
    return message


def test_shipped_threats_cover_the_named_ones_and_agree_with_their_registers():
    threats = read_threats(THREATS)
    assert {t["id"] for t in threats} >= NAMED
    check_lookup(threats, read_threat_indicators(REFERENCE / "threat_indicators.csv"), "lookup")
    check_recommendations(
        threats, read_recommendations_ahead(REFERENCE / "registers" / "recommendations_ahead.csv"), "ahead"
    )
    assert all(t["indicators"] or t["data_needed"] for t in threats)


def _without(key):
    """Edit: the threat file with front-matter ``key`` taken out."""

    def edit(text):
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front)
        data.pop(key)
        return "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n" + body

    return edit


@pytest.mark.parametrize("key", KEYS)
def test_a_missing_front_matter_key_is_named(threat_file, key):
    _one_line_error(threat_file(_without(key)), f"'{key}'")


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("likelihood: almost certain", "likelihood: very likely", "likelihood"),
        ("control_strategy: priority", "control_strategy: top", "control_strategy"),
        ("direction: increasing", "direction: up", "direction"),
        ('last_reviewed: "2016-11"', "last_reviewed: 2016-11-01", "last_reviewed"),
        ("id: cyber-crime", "id: cyber", "id"),
        ("recommendations: [1, 2, 3]", "recommendations: [one]", "recommendations"),
        ("title: Cyber crime", "title: Cyber <b>crime</b>", "title"),
        ("issue_id: 2", "issue_id: two", "issue_id"),
        ("indicators: []", "indicators: [Drugs]", "indicators"),
        ("source_section:", "extra: 1\nsource_section:", "extra"),
    ],
)
def test_a_bad_front_matter_value_is_named_with_its_line(threat_file, old, new, key):
    assert old in (THREATS / "cyber-crime.md").read_text()
    path = threat_file(lambda text: text.replace(old, new))
    line = next(i for i, t in enumerate(path.read_text().splitlines(), start=1) if t.startswith(f"{key}:"))
    _one_line_error(path, f"column '{key}'", f"row {line}")


def test_a_threat_without_indicators_must_say_which_data_would_measure_it(threat_file):
    path = threat_file(
        lambda text: text.replace("data_needed:\n  - the ONS", "data_needed: []\nx:\n  - the ONS"), "rural-crime"
    )
    _one_line_error(path)


def test_broken_yaml_names_the_file_line(threat_file):
    path = threat_file(lambda text: text.replace("direction: increasing", "direction: [unclosed"))
    _one_line_error(path, "row")


@pytest.mark.parametrize(
    "line",
    [
        "<script>alert(1)</script>",
        "Some <b>bold</b> text.",
        "A {download}`../../etc/passwd` role.",
        "```{raw} html",
        ":::{note}",
        "(target)=",
        "See [the force](https://evil.example/) for more.",
        "Visit http://evil.example/ today.",
        "Or www.evil.com.",
        "![pixel](//evil.example/p.png)",
        "Mail mailto:someone@evil.example now.",
        "{{ substitution }}",
        "Maths $x$ here.",
        "> ```{include} ../../../../etc/passwd",
        "- item\n\n  ```{raw} html",
        "| a | b |\n|---|---|\n| {raw}`<b>` | y |",
        "[b]: //example.org/phish",
        "[portal](\\/\\/example.org/phish)",
        "[home](../../index.md)",
        "<https://evil.example/>",
        "A footnote[^1].\n\n[^1]: Hidden.",
        "$$\nx^2\n$$",
        "% a comment",
        "+++",
        "# A second title",
        "    indented code",
        "Some `code`.",
        "- [ ] a task",
        "Term\n: a definition list",
        "***",
        "<div>\nblock HTML\n</div>",
        "~~struck~~ text",
    ],
)
def test_a_body_with_markup_or_an_outside_link_is_refused_at_its_line(threat_file, line):
    path = threat_file(lambda text: text.rstrip("\n") + "\n\n" + line + "\n")
    message = _one_line_error(path, "plain Markdown", "found ")
    first = len(path.read_text().splitlines()) - line.count("\n")
    assert int(re.search(r"row (\d+)", message)[1]) in range(first, first + line.count("\n") + 1), message
    assert len(message) < 400


@pytest.mark.parametrize(
    "line, shown",
    [
        ("## A heading &lt;img src=x onerror=alert(1)&gt;", "A heading <img src=x onerror=alert(1)>"),
        ("Numbered &#60;script&#62; and &#x3c;b&#x3e; too.", "Numbered <script> and <b> too."),
        ("See data.police.uk or someone@example.org.", "See data.police.uk or someone@example.org."),
        ("Costs \\$5 and 1 * 2 = 2 | c", "Costs $5 and 1 * 2 = 2 | c"),
    ],
)
def test_text_that_only_looks_like_markup_reaches_the_page_as_text(threat_file, line, shown):
    threat = read_threat(threat_file(lambda text: text.rstrip("\n") + "\n\n" + line + "\n"))
    tree = doctree("# Page\n\n" + page_markdown(threat["body"], source=threat["source"], lines=threat["body_lines"]))
    assert node_kinds(tree) <= {"document", "section", "title", "paragraph", "Text", "comment"}
    assert shown in tree.astext()


def test_the_lookup_must_agree_with_the_front_matter(tmp_path):
    threats = read_threats(THREATS)
    lookup = read_threat_indicators(REFERENCE / "threat_indicators.csv")
    missing = lookup[~((lookup["threat"] == "violent-crime") & (lookup["category"] == "2"))]
    with pytest.raises(
        InputError, match="a row for every indicator of threats/violent-crime.md.*no home_office_code 2"
    ):
        check_lookup(threats, missing, "x.csv")
    extra = pd.concat([lookup, pd.DataFrame([{"threat": "cyber-crime", "source": "police_uk", "category": "Drugs"}])])
    with pytest.raises(InputError, match="only indicators that threats/cyber-crime.md lists.*police_uk Drugs"):
        check_lookup(threats, extra, "x.csv")
    # A row too many and a row missing: the row too many is named first.
    with pytest.raises(InputError, match="only indicators"):
        check_lookup(threats, pd.concat([missing, extra.tail(1)]), "x.csv")


def test_recommendations_must_name_their_threat():
    threats = read_threats(THREATS)
    ahead = read_recommendations_ahead(REFERENCE / "registers" / "recommendations_ahead.csv")
    moved = ahead.assign(threat=ahead["threat"].where(ahead["number"] != 1, "domestic-abuse"))
    with pytest.raises(InputError, match="cyber-crime.md.*column 'recommendations'.*found 1"):
        check_recommendations(threats, moved, "ahead.csv")


def test_a_recommendations_threat_must_be_a_known_threat_id_named_at_its_row(tmp_path):
    """The register's own row and column are named, not a threat file; a path is refused on reading."""
    threats = read_threats(THREATS)
    ahead = read_recommendations_ahead(REFERENCE / "registers" / "recommendations_ahead.csv")
    second = ahead["number"].eq(2).fillna(False).astype(bool)
    unknown = ahead.assign(threat=ahead["threat"].where(~second, "no-such-threat"))
    line = ahead.attrs["lines"][int(second.to_numpy().argmax())]
    with pytest.raises(InputError) as caught:
        check_recommendations(threats, unknown, "recommendations_ahead.csv")
    assert str(caught.value).startswith(f"recommendations_ahead.csv, row {line}, column 'threat': expected the id")
    path = tmp_path / "recommendations_ahead.csv"
    text = (REFERENCE / "registers" / "recommendations_ahead.csv").read_text(encoding="utf-8")
    path.write_text(text.replace(",cyber-crime,", ",../../../etc/passwd,", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"recommendations_ahead.csv, row 2, column 'threat': expected a threat id"):
        read_recommendations_ahead(path)


def test_the_readme_is_not_a_threat(tmp_path):
    folder = tmp_path / "threats"
    shutil.copytree(THREATS, folder)
    assert "README" not in {t["id"] for t in read_threats(folder)}
    for path in folder.glob("[a-z]*.md"):
        path.unlink()
    with pytest.raises(InputError, match="threat files"):
        read_threats(folder)


def _threat(**changes) -> dict:
    return {**read_threat(THREATS / "cyber-crime.md"), **changes}


GLOSSARY = read_glossary(REFERENCE / "glossary.csv")
AHEAD = read_recommendations_ahead(REFERENCE / "registers" / "recommendations_ahead.csv")


@pytest.mark.parametrize("text", [t for _, t in HOSTILE if len(t) < 2000], ids=[i for i, t in HOSTILE if len(t) < 2000])
def test_front_matter_and_register_text_reach_the_page_as_text(text):
    """Hostile text in every field, even where no reader checked it: labels show as text, and
    sentences (Markdown) keep no markup beyond emphasis."""
    threat = _threat(key_judgement=text, owner=text, intelligence_gaps=[text], body="## Text\n\nPlain words.\n")
    ahead = AHEAD.assign(recommendation=text, owner=text)
    page = threat_markdown(threat, ahead, [], "", None)
    tree = doctree(page)
    assert not node_kinds(tree) & {"raw", "reference", "image", "substitution_reference", "math", "target", "literal"}
    assert myst_inline(text) in page  # the owner, a label
    if not sentence_findings(text) and "*" not in text and "_" not in text:
        assert one_line(text).strip() in tree.astext() or not one_line(text).strip()


def test_a_threat_page_has_its_box_gaps_recommendations_and_measure():
    threat = read_threat(THREATS / "rural-crime.md")
    page = threat_markdown(threat, AHEAD, [], "", GLOSSARY)
    text = doctree(page).astext()
    assert "Control Strategy" in text and "November 2016" in text and threat["intelligence_gaps"][0] in text
    assert "Assess rural crime in the alliance" in text  # recommendation 26
    assert "No published data measures this threat" in text
    assert "LSOA (Lower layer Super Output Area)" in text  # spelt out at first use, once
    assert text.count("Lower layer Super Output Area") == 1


def test_an_acronym_is_spelt_out_once_and_not_after_its_expansion():
    glossary = pd.DataFrame(
        {"term": ["CSE", "PREVENT"], "expansion": ["Child sexual exploitation", "Prevent"], "definition": ["x", "y"]}
    )
    page = Acronyms(glossary)
    assert page.expand("CSE and CSE again; PREVENT.") == "CSE (Child sexual exploitation) and CSE again; PREVENT."
    other = Acronyms(glossary)
    assert other.expand("Child sexual exploitation (CSE) is a priority.") == (
        "Child sexual exploitation (CSE) is a priority."
    )


def test_bare_addresses_in_a_body_link_nowhere():
    page = page_markdown("See data.police.uk or someone@example.org.")
    tree = doctree(page)
    assert "reference" not in node_kinds(tree)
    assert tree.astext() == "See data.police.uk or someone@example.org."


def test_glossary_page_escapes_and_lists_every_term():
    hostile = pd.DataFrame(
        {
            "term": ["<b>X</b>", "ASB"],
            "expansion": ["[x](https://evil.example)", "Anti-social behaviour"],
            "definition": ["{raw}`<i>`", "d"],
        }
    )
    tree = doctree(glossary_markdown(hostile))
    assert not node_kinds(tree) & {"raw", "reference"}
    assert "<b>X</b>" in tree.astext()
    assert len(list(doctree(glossary_markdown(GLOSSARY)).findall(nodes.row))) == len(GLOSSARY) + 1


def test_a_threat_pages_method_describes_only_the_tables_it_shows():
    from assess.present.threat_pages import method_markdown

    street = {
        "recent": "Mar 2018 to Feb 2019",
        "earlier": "Mar 2017 to Feb 2018",
        "significance": "5%",
        "level": "99.0%",
        "series": 26,
    }
    both = method_markdown(street, "2017/18", "chi")
    recorded = method_markdown(None, "2017/18", "css")
    crimes = method_markdown(street, None, "chi")
    assert "data.police.uk" in both and "financial year 2017\\/18" in both and "Performance chapter" in both
    assert "data.police.uk" not in recorded and "Performance chapter" not in recorded
    assert "financial year 2017\\/18" in recorded and "Crime Severity Score" in recorded
    assert "financial year" not in crimes and "Mar 2018 to Feb 2019" in crimes and r"5\%" in crimes
