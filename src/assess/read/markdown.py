"""The analysts' Markdown, parsed and then allowed: threat pages and the text fields of the
registers that the book shows as sentences.

Text goes through markdown-it-py with MyST's own syntax rules (``myst_parser.parsers.mdit``, with
every MyST syntax extension switched on, so that a directive, a role, a target, maths or a
substitution is seen as what it is wherever it stands: in a block quote, a list, a table cell).
What the parse finds is then held against a short allowlist of node types
(:data:`BLOCKS`, :data:`INLINE`): paragraphs, emphasis and strong emphasis, lists, tables,
headings from ``##`` down, and links to the book's own pages written ``[text](sections/<page>)``
or ``[text](threats/<id>)``. A bare name such as data.police.uk is text. Anything else is refused
with one line naming the file, its line and what was found (:func:`check_page`,
:func:`check_sentence`). No regular expression decides what reaches a page; the pages are
written back from the parsed tree (``assess.present.markdown``), escaped by construction.

A threat page may also hold force blocks (```` ```{force} <name> ```` or ``:::{force} <name>``
at the top level, closed by the same fence): their content is parsed and allowed in the same
way, and an edition keeps a block only when it covers that force (``assess.read.scope``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from ..errors import InputError, Said

SYNTAX = frozenset(
    {
        "amsmath",
        "attrs_block",
        "attrs_inline",
        "colon_fence",
        "deflist",
        "dollarmath",
        "fieldlist",
        "linkify",
        "strikethrough",
        "substitution",
        "tasklist",
    }
)
"""The MyST syntax extensions the parser knows: every one that adds syntax (a superset of the
book's), so that nothing MyST could read as markup passes as text. Extensions that only change
text (smart quotes, replacements) are left to the book."""
BLOCKS = frozenset(
    {"paragraph", "heading", "bullet_list", "ordered_list", "list_item", "table", "thead", "tbody", "tr", "th", "td"}
)
"""Block nodes a page may hold (headings from level 2)."""
INLINE = frozenset({"text", "softbreak", "hardbreak", "em", "strong", "link"})
"""Inline nodes a page or a sentence may hold (links only to the book's own pages)."""
PAGE_LINK = re.compile(r"(sections|threats)/[a-z0-9][a-z0-9-]*")
"""Where a link may lead: a chapter or page of the book (``sections/<name>``) or a threat page
(``threats/<id>``)."""
FORCE_BLOCK = re.compile(r"\{force\}(?:[ \t]+(?P<name>\S.*?))?\s*")
"""The info of a force block's fence: ``{force} <name>``."""
PAGE_ALLOWED = (
    "plain Markdown (paragraphs, *emphasis*, lists, tables, ## headings, links to the book's pages "
    "as [text](sections/<page>) or [text](threats/<id>))"
)
SENTENCE_ALLOWED = "plain text, *emphasis* or links to the book's pages as [text](sections/<page>)"
_ATTRIBUTES = {"ordered_list": {"start"}, "th": {"style"}, "td": {"style"}, "link": {"href", "title"}}
"""The attributes the parser itself gives an allowed node (a list's first number, a column's
alignment, a link's address and title); any other (``{#id .class}``, a task list) is refused."""
MAX_TEXT = 200_000
"""Characters of Markdown one file or field may hold: the book's longest threat page is under 5,000."""


@dataclass(frozen=True)
class ForceBlock:
    """A force block of a page: the force it names, the file line of its opening fence, and the
    file lines of its content (first, last)."""

    name: str
    line: int
    first: int
    last: int


@dataclass(frozen=True)
class Finding:
    """Something a page may not hold: its line within the text (from 0) and what it is, in words."""

    line: int
    what: str


@functools.cache
def parser() -> MarkdownIt:
    """markdown-it-py as MyST configures it, with every MyST syntax extension (:data:`SYNTAX`)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(SYNTAX), dmath_double_inline=True), RendererHTML)


def parse_page(text: str) -> tuple[SyntaxTreeNode, dict]:
    """The syntax tree of a page of Markdown and the parser's environment (its ``references``:
    the reference definitions, which leave no node in the tree)."""
    env: dict = {}
    return SyntaxTreeNode(parser().parse(text, env)), env


def parse_sentence(text: str) -> SyntaxTreeNode:
    """The syntax tree of one field of text read as inline Markdown only (no blocks: a field that
    starts with ``#`` or ``1.`` is a sentence, not a heading or a list): the root's one child is
    the ``inline`` node."""
    return SyntaxTreeNode(parser().parseInline(text, {}))


def page_findings(text: str, force_blocks: bool = False) -> tuple[list[Finding], list[ForceBlock]]:
    """What the page ``text`` holds that a page may not (in order of line), and its force blocks
    (lines within ``text``, from 0) when ``force_blocks``; otherwise a force block is a finding."""
    tree, env = parse_page(text)
    lines = text.splitlines()
    findings = [
        Finding(ref["map"][0], f"a reference definition ([{name.lower()}]: ...)")
        for name, ref in (env.get("references") or {}).items()
    ]
    blocks = []
    for node in tree.children:
        name = _force_name(node)
        if name is None or not force_blocks:
            findings += _block_findings(node)
            continue
        start, end = node.map
        closing = lines[end - 1].strip() if end - 1 > start else ""
        if not name or not re.fullmatch(re.escape(node.markup[0]) + f"{{{len(node.markup)},}}", closing):
            what = "a force block closed by a line holding only its fence" if name else "a force named after {force}"
            return [Finding(start, f"{what} ({node.markup}{{force}} <name> ... {node.markup})")], []
        inner, _ = page_findings(node.content)
        findings += [Finding(start + 1 + f.line, f.what) for f in inner]
        blocks.append(ForceBlock(name, start, start + 1, end - 2))
    return sorted(findings, key=lambda f: f.line), blocks


def sentence_findings(text: str) -> list[Finding]:
    """What the one field of text ``text``, read as inline Markdown, holds that a sentence may not."""
    inline = parse_sentence(text).children[0]
    return _inline_findings(inline, 0)


def check_page(text: str, path: str | Path, first_line: int = 1, force_blocks: bool = False) -> list[ForceBlock]:
    """Raise InputError (one line: ``path``, the file line, what was found) at the first thing
    the page ``text`` may not hold; ``first_line`` is the file line ``text`` starts on. Returns
    its force blocks with file lines (``force_blocks``; otherwise a force block is refused)."""
    if len(text) > MAX_TEXT:
        raise InputError(path, f"at most {MAX_TEXT:,} characters of text", row=first_line)
    findings, blocks = page_findings(text, force_blocks)
    if findings:
        first = findings[0]
        raise InputError(path, PAGE_ALLOWED, row=first_line + first.line, found=Said(first.what))
    shift = first_line
    return [ForceBlock(b.name, b.line + shift, b.first + shift, b.last + shift) for b in blocks]


def check_sentence(text: str, path: str | Path, row: int | None = None, column: str | None = None) -> str:
    """``text`` (a field the book shows as a sentence) when it holds only what a sentence may
    (:data:`SENTENCE_ALLOWED`); otherwise InputError naming ``path``, ``row`` and ``column``."""
    if len(text) > MAX_TEXT:
        raise InputError(path, f"at most {MAX_TEXT:,} characters", row=row, column=column)
    findings = sentence_findings(text)
    if findings:
        raise InputError(path, SENTENCE_ALLOWED, row=row, column=column, found=Said(findings[0].what))
    return text


def page_links(text: str) -> list[tuple[str, int]]:
    """The book's pages the page ``text`` links to (``sections/<page>``, ``threats/<id>``), each with
    the line it is on within ``text`` (from 0), force blocks included."""
    tree, _ = parse_page(text)
    found = []

    def visit(node: SyntaxTreeNode, line: int) -> None:
        if _force_name(node):
            found.extend((target, node.map[0] + 1 + at) for target, at in page_links(node.content))
            return
        line = node.map[0] if not node.is_root and node.map else line
        if node.type == "inline":
            for child, at in _with_lines(node, line):
                if child.type == "link" and child.markup != "linkify":
                    found.append((str(child.attrs.get("href", "")), at))
            return
        for child in node.children:
            visit(child, line)

    visit(tree, 0)
    return found


def _force_name(node: SyntaxTreeNode) -> str | None:
    """The force a top-level fence names as a force block (``""`` when it names none), or None
    when ``node`` is not a force block."""
    if node.type not in ("fence", "colon_fence"):
        return None
    match = FORCE_BLOCK.fullmatch(node.info.strip())
    return (match["name"] or "") if match else None


def _block_findings(node: SyntaxTreeNode, line: int = 0) -> list[Finding]:
    """What ``node`` (a block node) and everything in it hold that a page may not."""
    if node.map:
        line = node.map[0]
    kind = node.type
    if kind == "inline":
        return _inline_findings(node, line)
    if kind not in BLOCKS:
        return [Finding(line, _block_words(node))]
    if kind == "heading" and node.tag == "h1":
        return [Finding(line, "a level-1 heading (# ...): the page's title comes from title:, so start at ##")]
    if unexpected := _unexpected_attributes(node):
        return [Finding(line, unexpected)]
    return [finding for child in node.children for finding in _block_findings(child, line)]


def _inline_findings(inline: SyntaxTreeNode, line: int) -> list[Finding]:
    """What the inline content ``inline`` (starting on ``line``) holds that is not allowed."""
    found = []
    for child, at in _with_lines(inline, line):
        found += _inline_node_findings(child, at)
    return found


def _inline_node_findings(node: SyntaxTreeNode, line: int) -> list[Finding]:
    kind = node.type
    if kind not in INLINE:
        return [Finding(line, _inline_words(node))]
    if unexpected := _unexpected_attributes(node):
        return [Finding(line, unexpected)]
    if kind == "link":
        href = str(node.attrs.get("href", ""))
        if node.markup == "linkify":
            text = "".join(c.content for c in node.walk() if c.type == "text")
            if "://" in text or text.lower().startswith(("www.", "mailto:")):
                return [Finding(line, f"an address of another site ({text})")]
            return []  # a bare name (data.police.uk) the book shows as text
        if node.markup == "autolink" or not PAGE_LINK.fullmatch(href):
            return [Finding(line, f"a link to {href!r}, not to a page of the book")]
    found = []
    for child in node.children:
        found += _inline_node_findings(child, line)
        if kind == "link" and child.type not in ("text", "em", "strong"):
            found.append(Finding(line, "a link whose text is more than words"))
    return found


def _with_lines(inline: SyntaxTreeNode, line: int):
    """Each child of an inline node with the line it is on (a line break moves to the next)."""
    for child in inline.children:
        yield child, line
        if child.type in ("softbreak", "hardbreak"):
            line += 1


def _unexpected_attributes(node: SyntaxTreeNode) -> str | None:
    """Words for attributes the parser would only give ``node`` from markup that is not allowed."""
    extra = set(node.attrs) - _ATTRIBUTES.get(node.type, set())
    if not extra:
        return None
    if "task-list-item" in str(node.attrs.get("class", "")) or "contains-task-list" in str(node.attrs.get("class")):
        return "a task list (- [ ] ...)"
    return "attributes ({...}) on " + node.type.replace("_", " ")


def _directive(node: SyntaxTreeNode) -> str:
    name = node.info.strip().split(maxsplit=1)[0] if node.info.strip() else ""
    return f"a MyST directive ({node.markup}{name})" if name.startswith("{") else "a code block (```)"


_BLOCK_WORDS = {
    "code_block": "a code block (a line indented by four spaces)",
    "html_block": "raw HTML",
    "blockquote": "a block quote (> ...)",
    "hr": "a horizontal rule (---)",
    "math_block": "maths ($$...$$)",
    "math_block_label": "maths ($$...$$)",
    "amsmath": "maths (\\begin{...})",
    "myst_target": "a MyST target ((name)=)",
    "myst_line_comment": "a MyST comment (% ...)",
    "myst_block_break": "a block break (+++)",
    "footnote_block": "a footnote",
    "substitution_block": "a substitution ({{ ... }})",
    "dl": "a definition list",
    "field_list": "a field list (:name: ...)",
    "front_matter": "a second front matter (---)",
}
_INLINE_WORDS = {
    "html_inline": "raw HTML",
    "image": "an image",
    "code_inline": "code (`...`): write it as plain text",
    "math_inline": "maths ($...$): write an amount in words, or escape the dollar as \\$",
    "math_inline_double": "maths ($$...$$)",
    "footnote_ref": "a footnote",
    "substitution_inline": "a substitution ({{ ... }})",
    "s": "strikethrough (~~...~~)",
    "span": "attributes ([...]{...})",
}


def _block_words(node: SyntaxTreeNode) -> str:
    """What a block node that is not allowed is, and the first thing in it that could do harm."""
    if node.type in ("fence", "colon_fence"):
        return _directive(node)
    words = _BLOCK_WORDS.get(node.type, node.type.replace("_", " "))
    inside = next((n for n in node.walk() if n is not node and n.type in _HARMFUL), None)
    if inside is None:
        return words
    held = _directive(inside) if inside.type in ("fence", "colon_fence") else _inline_words(inside)
    return f"{words} holding {held}"


_HARMFUL = {"fence", "colon_fence", "html_block", "html_inline", "myst_role", "image"}
"""Nodes worth naming inside a block that is refused (a directive in a block quote)."""


def _inline_words(node: SyntaxTreeNode) -> str:
    if node.type == "html_block":
        return "raw HTML"
    if node.type == "myst_role":
        return f"a MyST role ({{{node.meta.get('name', '')}}}`...`)"
    return _INLINE_WORDS.get(node.type, node.type.replace("_", " "))
