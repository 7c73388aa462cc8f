"""Force blocks in a threat file (a passage about one force or an alliance, kept only by editions
that cover it), and the agreement of the threat pages' Control Strategy with the MoRiLE one."""

from __future__ import annotations

import re

import pytest

from assess.analysis import morile
from assess.chapters import Chapter, control_strategy, declaration
from assess.edition import load_edition
from assess.errors import InputError
from assess.read.registers import read_morile
from assess.read.registry import read_dataset
from assess.read.scope import threats_for
from assess.read.threats import check_control_strategy, read_threat
from conftest import ROOT, checked_editions, made_up_registry, shipped_editions, shipped_reads, shipped_threats

THREATS = ROOT / "data" / "reference" / "threats"
REGISTRY = made_up_registry()
BLOCKS = """
Shared text.

:::{force} Alpha
About Alpha only.
:::

```{force} Pact
About the Pact together.
```

Closing text.
"""


def _page(tmp_path, body: str):
    """A copy of the cyber crime threat file, for every force (``force: all``: the made-up
    registry's forces are not the shipped ones), with ``body`` after its text; returns its path."""
    path = tmp_path / "threats" / "cyber-crime.md"
    path.parent.mkdir(exist_ok=True)
    text = (THREATS / "cyber-crime.md").read_text(encoding="utf-8")
    text = re.sub(r"^force: .*$", "force: all", text, count=1, flags=re.M)
    path.write_text(text + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "forces, kept, dropped",
    [
        (("Alpha", "Beta"), ["About Alpha only.", "About the Pact together."], []),
        (("Alpha",), ["About Alpha only."], ["About the Pact together."]),
        (("Beta",), [], ["About Alpha only.", "About the Pact together."]),
        (("Gamma",), [], ["About Alpha only.", "About the Pact together."]),
    ],
)
def test_a_force_block_is_kept_only_by_editions_that_cover_its_force(tmp_path, forces, kept, dropped):
    threat = read_threat(_page(tmp_path, BLOCKS))
    (shown,) = threats_for([threat], REGISTRY, forces)
    body = shown["body"]
    for text in ["Shared text.", "Closing text.", *kept]:
        assert text in body
    for text in dropped:
        assert text not in body
    assert "{force}" not in body and ":::" not in body and "```" not in body
    assert "\n\n\n" not in body


def test_a_kept_block_reads_as_a_paragraph_of_the_page(tmp_path):
    (shown,) = threats_for([read_threat(_page(tmp_path, BLOCKS))], REGISTRY, ("Beta",))
    assert shown["body"].endswith("Shared text.\n\nClosing text.\n")


def test_an_unknown_force_in_a_block_names_the_file_line_and_what_was_expected(tmp_path):
    path = _page(tmp_path, BLOCKS.replace("{force} Alpha", "{force} Alfa"))
    threat = read_threat(path)
    with pytest.raises(InputError) as caught:
        threats_for([threat], REGISTRY, ("Alpha",))
    message = str(caught.value)
    line = path.read_text(encoding="utf-8").splitlines().index(":::{force} Alfa") + 1
    assert "\n" not in message
    assert f"cyber-crime.md, row {line}, column 'force block': expected 'all', an alliance (Pact)" in message
    assert "did you mean 'Alpha'?" in message and "found 'Alfa'" in message


@pytest.mark.parametrize(
    "body, line_of",
    [
        ("\n:::{force} Alpha\nnever closed\n", ":::{force} Alpha"),
        ("\n:::{force} Alpha\n```{force} Beta\n```\n:::\n", "```{force} Beta"),
        ("\n:::{force} Alpha\n:::{note}\n:::\n:::\n", ":::{note}"),
        ("\n```{force}\n```\n", "```{force}"),
    ],
)
def test_an_unclosed_nested_or_unnamed_block_is_refused_at_its_line(tmp_path, body, line_of):
    path = _page(tmp_path, body)
    with pytest.raises(InputError) as caught:
        read_threat(path)
    line = path.read_text(encoding="utf-8").splitlines().index(line_of) + 1
    assert f"cyber-crime.md, row {line}" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("params", checked_editions(), ids=lambda p: p.stem)
def test_no_threat_page_of_an_edition_names_a_force_it_does_not_cover(params):
    """A page for several forces (``all``, or a list) names no alliance partner the edition lacks,
    nor two forces, the forces or an alliance in a book of forces that make up no alliance (its
    ``Alliance`` blocks dropped): a one-force book reads as that force's own. Only a page of one
    force may name it."""
    edition = load_edition(params, ROOT)
    partners = {m for f in edition.forces for m in edition.registry.alliance_members(edition.registry.alliance(f))}
    others = sorted(partners - set(edition.forces))
    if len(edition.registry.alliances_covered(edition.forces)) == 0:
        others += ["both forces", "two forces", "the forces", "alliance"]
    for threat in read_dataset(edition, "threats"):
        if threat["force"] in edition.registry.names:
            continue
        text = " ".join([threat["body"], threat["key_judgement"], *threat["intelligence_gaps"]])
        for name in others:
            assert not re.search(rf"\b{re.escape(name)}\b", text, re.I), (params.stem, threat["id"], name)


def test_the_shipped_force_blocks_reach_the_editions_of_their_force():
    by_edition = {}
    for params in shipped_editions():
        edition = load_edition(params, ROOT)
        pages = {t["id"]: t["body"] for t in shipped_reads(params)("threats")}
        by_edition[edition.forces] = "Satisfaction of hate crime victims in Warwickshire" in pages["hate-crime"]
    assert {forces: kept for forces, kept in by_edition.items()} == {
        forces: "Warwickshire" in forces for forces in by_edition
    }
    assert True in by_edition.values() and False in by_edition.values()


@pytest.mark.parametrize("params", checked_editions(), ids=lambda p: p.stem)
def test_threat_pages_and_the_control_strategy_chapter_agree(params):
    """What the Threat assessments chapter counts (the threat files' ``control_strategy``) and names
    equals what the Control Strategy chapter derives from the MoRiLE scores, for every edition."""
    edition = load_edition(params, ROOT)
    if "morile" not in edition.data or "threats" not in edition.data:
        pytest.skip("the edition has no MoRiLE register or no threat pages")
    threats = shipped_reads(params)("threats")
    strategy = control_strategy.compute(Chapter(edition, declaration(control_strategy), shipped_reads(params)))
    strategy = strategy.strategy.table
    for category in morile.CATEGORIES[:2]:
        pages = sorted(t["title"] for t in threats if t["control_strategy"] == category)
        names = strategy.loc[strategy["category"] == category, "name"].str.replace(r"\s*\([^()]*\)$", "", regex=True)
        assert pages == sorted(names), (params.stem, category)
    assert sum(t["control_strategy"] != "monitor" for t in threats) == (strategy["category"] != "monitor").sum() > 0


def _shipped():
    template, scores = read_morile(ROOT / "data" / "reference" / "registers" / "morile.yml")
    return shipped_threats(), (template, scores)


@pytest.mark.parametrize(
    "threat_id, key, value, expected",
    [
        ("violent-crime", "control_strategy", "intelligence requirement", "expected 'monitor', the Control Strategy"),
        ("stalking-harassment", "control_strategy", "priority", "expected 'intelligence requirement'"),
    ],
)  # fmt: skip
def test_a_threat_file_that_disagrees_with_morile_stops_the_build_in_one_line(threat_id, key, value, expected):
    threats, register = _shipped()
    threat = next(t for t in threats if t["id"] == threat_id)
    threat[key] = value
    with pytest.raises(InputError) as caught:
        check_control_strategy(threats, register, "morile.yml")
    message = str(caught.value)
    assert "\n" not in message and f"{threat_id}.md, row {threat[f'{key}_line']}" in message
    assert expected in message, message


def test_a_morile_threat_in_the_control_strategy_needs_a_threat_file():
    threats, register = _shipped()
    with pytest.raises(InputError, match=r"morile.yml, column 'fgm': expected a threat file whose morile_id is 'fgm'"):
        check_control_strategy([t for t in threats if t["morile_id"] != "fgm"], register, "morile.yml")


def test_the_shipped_threat_files_agree_with_the_shipped_morile_register():
    threats, register = _shipped()
    check_control_strategy(threats, register, "morile.yml")
