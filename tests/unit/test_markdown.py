"""The analysts' Markdown, parsed then allowed (``assess.read.markdown``) and written back from its
tree (``assess.present.markdown``): every hostile string is refused in one line naming the file,
line and what was found, or reaches the page holding only allowed nodes; allowed Markdown comes
back as the same document; a problem Sphinx finds later in a generated page is reported at the
analyst's own file and line; a failed copy of the site is one short line."""

from __future__ import annotations

import errno
import shutil

import pytest
from docutils import nodes
from docutils.parsers.rst import roles
from myst_trees import HOSTILE, doctree, node_kinds

from assess.build.cli import MESSAGE_LIMIT, _error
from assess.build.site import _analyst_problem, copy_for_readers
from assess.errors import BuildError, InputError
from assess.present.markdown import SOURCE_MARK, analyst_line, page_markdown, sentence_markdown
from assess.read.markdown import check_page, check_sentence, page_findings, sentence_findings


def _doc_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """The book's ``{doc}`` role as docutils alone can show it: a reference to the page."""
    title, _, target = text.rpartition(" <")
    return [nodes.reference(rawtext, title, refuri=target.rstrip(">"))], []


@pytest.fixture(autouse=True, scope="module")
def doc_role():
    """The ``{doc}`` role, for this module's tests only."""
    roles.register_local_role("doc", _doc_role)
    yield
    roles._roles.pop("doc", None)


PAGE = {
    "document",
    "section",
    "title",
    "subtitle",
    "paragraph",
    "Text",
    "emphasis",
    "strong",
    "bullet_list",
    "enumerated_list",
    "list_item",
    "table",
    "tgroup",
    "colspec",
    "thead",
    "tbody",
    "row",
    "entry",
    "comment",
    "reference",
}
"""What a page made from an analyst's Markdown may hold once the book parses it (``comment``: the
source notes; ``reference``: a link to a page of the book)."""


def _references(tree) -> list[str]:
    return [node["refuri"] for node in tree.findall(nodes.reference)]


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[label for label, _ in HOSTILE])
def test_a_hostile_sentence_is_refused_in_one_line_or_shown_as_text(text):
    try:
        check_sentence(text, "registers/judgements.yml", row=7, column="judgement j.text")
    except InputError as err:
        message = str(err)
        assert "\n" not in message and len(message) < MESSAGE_LIMIT
        assert message.startswith("registers/judgements.yml, row 7, column 'judgement j.text': expected")
        return
    tree = doctree(f"Judgement: {sentence_markdown(text)} (end).")
    assert node_kinds(tree) <= PAGE, node_kinds(tree) - PAGE
    assert all(uri.startswith(("/sections/",)) for uri in _references(tree))


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[label for label, _ in HOSTILE])
def test_a_hostile_page_is_refused_in_one_line_or_shown_as_text(text):
    body = f"## Heading\n\nA paragraph.\n\n{text}\n"
    try:
        check_page(body, "threats/cyber-crime.md", first_line=30)
    except InputError as err:
        message = str(err)
        assert "\n" not in message and len(message) < MESSAGE_LIMIT
        row = int(message.split(", row ")[1].split(":")[0])
        assert 30 <= row < 30 + body.count("\n")
        return
    tree = doctree("# Page\n\n" + page_markdown(body, source="threats/cyber-crime.md", lines=tuple(range(30, 90))))
    assert node_kinds(tree) <= PAGE, node_kinds(tree) - PAGE
    assert all(uri.startswith("/sections/") for uri in _references(tree))


@pytest.mark.parametrize(
    "body, line, found",
    [
        (
            "> ```{include} ../../../../etc/passwd\n> ```\n",
            0,
            "a block quote (> ...) holding a MyST directive (```{include})",
        ),
        ("> ```{raw} html\n> :file: /etc/passwd\n> ```\n", 0, "a MyST directive (```{raw})"),
        ("- a list\n\n  > :::{raw} html\n  > x\n  > :::\n", 2, "holding a MyST directive (:::{raw})"),
        ("Go to [the portal][b].\n\n[b]: //example.org/phish\n", 0, "a link to '//example.org/phish'"),
        ("[b]: //example.org/phish\n", 0, "a reference definition ([b]: ...)"),
        ("[portal](\\/\\/example.org/phish)\n", 0, "a link to '//example.org/phish'"),
        ("[home](https://example.org/)\n", 0, "a link to 'https://example.org/'"),
        ("<https://example.org/>\n", 0, "not to a page of the book"),
        ("Visit https://example.org/ now.\n", 0, "an address of another site"),
        ("| a | b |\n|---|---|\n| {raw}`<b>` | y |\n", 2, "a MyST role ({raw}`...`)"),
        ("![pixel](x.png)\n", 0, "an image"),
        ("One\n\ntwo <span>x</span>\n", 2, "raw HTML"),
        ("Costs $5 and $10.\n", 0, "maths ($...$)"),
        ("(target)=\n", 0, "a MyST target"),
        ("% comment\n", 0, "a MyST comment"),
        ("# Title\n", 0, "a level-1 heading"),
        ("Text[^1].\n\n[^1]: Note.\n", 0, "a footnote"),
        ("{{ secret }}\n", 0, "a substitution"),
        ("A [span]{.cls} here.\n", 0, "attributes"),
        ("{#anchor}\nA paragraph.\n", 1, "attributes"),
        ("- [ ] task\n", 0, "a task list"),
    ],
)
def test_what_a_page_may_not_hold_is_named_at_its_line(body, line, found):
    findings, _ = page_findings("Intro.\n\n" + body)
    assert findings and findings[0].line == line + 2 and found in findings[0].what, findings


def test_force_blocks_are_found_closed_and_named():
    text = "Shared.\n\n:::{force} Alpha\nAbout *Alpha*.\n:::\n\n```{force} Pact\nAbout the Pact.\n```\n"
    blocks = check_page(text, "x.md", first_line=10, force_blocks=True)
    assert [(b.name, b.line, b.first, b.last) for b in blocks] == [("Alpha", 12, 13, 13), ("Pact", 16, 17, 17)]
    findings, _ = page_findings(text)  # where force blocks are not allowed (a register's field)
    assert findings[0].what.startswith("a MyST directive (:::{force}")
    inner, _ = page_findings(":::{force} Alpha\n{raw}`<b>`\n:::\n", force_blocks=True)
    assert inner[0].line == 1 and "MyST role" in inner[0].what


def test_allowed_markdown_comes_back_as_the_same_document():
    body = (
        "## What it is\n\nA *careful* and **strong** claim, over\n"
        "two lines (see [the chapter](sections/hate-crime)).\n\n"
        "### Details\n\n- one\n- two, with [a threat](threats/cyber-crime)\n  - nested\n\n"
        "3. third\n4. fourth\n\n| Area | Crimes |\n|:---|---:|\n| North | 1,234 |\n| South \\| East | 5 |\n\n"
        "Bare data.police.uk stays text; 1 * 2 = 2 and a \\$ sign.\n"
    )
    check_page(body, "x.md")
    written = page_markdown(body)
    again = page_markdown(
        written.replace("{doc}`the chapter </sections/hate-crime>`", "[the chapter](sections/hate-crime)")
    )
    tree = doctree("# Page\n\n" + written)
    assert node_kinds(tree) <= PAGE
    text = tree.astext()
    for shown in (
        "A careful and strong claim, over",
        "North",
        "1,234",
        "South | East",
        "Bare data.police.uk stays text",
    ):
        assert shown in text, shown
    assert "1 * 2 = 2 and a $ sign." in text
    assert _references(tree) == ["/sections/hate-crime", "/sections/threats/cyber-crime"]
    assert len(list(tree.findall(nodes.enumerated_list))) == 1 and tree.next_node(nodes.enumerated_list)["start"] == 3
    assert len(list(tree.findall(nodes.emphasis))) == 1 and len(list(tree.findall(nodes.strong))) == 1
    assert [e.astext() for e in tree.findall(nodes.entry)] == ["Area", "Crimes", "North", "1,234", "South | East", "5"]
    assert again.count("\n") == written.count("\n")


def test_sentences_keep_emphasis_and_links_and_spell_out_acronyms_in_text_only():
    shown = sentence_markdown("*CSE* is in [the CSE page](threats/child-sexual-exploitation).", str.upper)
    assert shown == r"*CSE* IS IN {doc}`THE CSE PAGE </sections/threats/child-sexual-exploitation>`\."
    assert sentence_findings("# Not a heading, 1. not a list") == []


def test_a_sphinx_warning_in_a_generated_page_names_the_analysts_file_and_line(tmp_path):
    body = "## Heading\n\nFirst line\nsecond line [a page](sections/no-such-page).\n"
    page = tmp_path / "book" / "sections" / "threats" / "cyber-crime.md"
    page.parent.mkdir(parents=True)
    text = "# Cyber crime\n\nBox.\n\n" + page_markdown(
        body, source="data/reference/threats/cyber-crime.md", lines=(40, 41, 42, 43, 44)
    )
    page.write_text(text)
    lines = text.splitlines()
    assert lines[4] == f"{SOURCE_MARK}data/reference/threats/cyber-crime.md:40"
    warned = next(i for i, line in enumerate(lines, 1) if "no-such-page" in line)
    assert analyst_line(page, warned) == ("data/reference/threats/cyber-crime.md", 43)
    assert analyst_line(page, 1) is None
    project = type("Project", (), {"book": tmp_path / "book"})()
    detail = f"{page}:{warned}: WARNING: unknown document: '/sections/no-such-page' [ref.doc]"
    error = _analyst_problem(project, detail)
    assert isinstance(error, InputError)
    assert str(error).startswith("data/reference/threats/cyber-crime.md, row 43: expected text the book can render")
    assert "unknown document" in str(error) and "book/sections" not in str(error)
    other = tmp_path / "book" / "sections" / "summary.md"
    other.write_text("# Summary\n\nText.\n")
    assert _analyst_problem(project, f"{other}:3: WARNING: something") is None


def test_a_full_disk_while_publishing_is_one_short_line(tmp_path, monkeypatch):
    site = tmp_path / "html"
    for i in range(41):
        (site / f"page-{i}.html").parent.mkdir(parents=True, exist_ok=True)
        (site / f"page-{i}.html").write_text("x" * 100)

    def full(src, dst, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(shutil, "copyfile", full)
    target = tmp_path / "out" / ".publish-x"
    with pytest.raises(BuildError) as caught:
        copy_for_readers(site, target)
    message = str(caught.value)
    assert "No space left on device" in message and "41 files not copied" in message
    assert len(message) < 300 and "\n" not in message and not target.exists()


def test_no_error_line_is_longer_than_the_limit(capsys):
    _error("x " * 5000)
    line = capsys.readouterr().err.strip()
    assert line.startswith("error: x") and len(line) <= len("error: ") + MESSAGE_LIMIT
