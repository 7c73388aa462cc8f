"""The analysts' Markdown written back as MyST from its parsed tree, escaped by construction.

The readers have refused anything outside the allowlist (``assess.read.markdown``); here the
allowed tree is written out node by node: each run of text through :func:`escape.myst_run` (every
ASCII punctuation character escaped, so no text can become markup wherever it lands), emphasis as
``*...*``, strong as ``**...**``, headings, lists and tables in their plain form, a hard line
break as an ordinary one, and a link to a page of the book as a ``{doc}`` role to that page. A
node outside the allowlist that reaches this module without a reader's check is written as
escaped text, never as markup.

:func:`page_markdown` also puts a MyST comment (which the book does not show) before each block,
naming the analyst's file and line it came from (:data:`SOURCE_MARK`), so that a problem the book
finds later is reported at the analyst's own line (:func:`analyst_line`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from ..read.markdown import PAGE_LINK, parse_page, parse_sentence
from .escape import myst_run, one_line

Words = Callable[[str], str]
"""What happens to a run of the analyst's text before it is escaped (acronyms spelt out, figures
filled in): text in, text out."""
SOURCE_MARK = "% assess-source "
"""The start of the comment before each block of a page made from an analyst's file:
``% assess-source <file>:<line>``, the file line of the block's first line."""
_MARK = re.compile(r"% assess-source (?P<path>.+):(?P<line>\d+)\s*")
_ALIGN = {"text-align:left": ":---", "text-align:right": "---:", "text-align:center": ":---:"}


def _same(text: str) -> str:
    return text


def sentence_markdown(text: str, words: Words = _same) -> str:
    """One field of an analyst's text (read as inline Markdown, ``read.markdown.check_sentence``)
    as MyST on one line: allowed markup kept, every run of text passed through ``words`` and then
    escaped, line breaks made spaces."""
    inline = parse_sentence(str(text)).children[0]
    return one_line(_inline(inline, words))


def page_markdown(
    text: str,
    words: Words = _same,
    source: str | Path | None = None,
    lines: tuple[int, ...] | None = None,
) -> str:
    """A page of an analyst's Markdown as MyST, block by block, ending with a newline; a force
    block (which an edition's share of a page no longer holds, ``read.threats.body_for``) is
    written as its content.

    ``source`` and ``lines`` (the analyst's file, and the file line of each line of ``text``) put
    a :data:`SOURCE_MARK` comment before each block, naming the file line it starts on.
    """
    tree, _ = parse_page(text)
    numbers = lines or tuple(range(1, text.count("\n") + 2))
    blocks = []
    for node in tree.children:
        if _is_force_block(node):
            start = node.map[0] + 1
            inner = page_markdown(node.content, words, source, numbers[start:])
            blocks += [inner.rstrip("\n")] if inner.strip() else []
            continue
        rendered = _block(node, words)
        mark = f"{SOURCE_MARK}{source}:{numbers[node.map[0]]}\n" if source is not None and lines else ""
        blocks.append(mark + rendered)
    return "\n\n".join(blocks) + "\n"


def analyst_line(generated: Path, line: int) -> tuple[str, int] | None:
    """The analyst's file and line that line ``line`` (from 1) of the generated page ``generated``
    was made from, by the nearest :data:`SOURCE_MARK` above it; None when there is none."""
    try:
        lines = generated.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for at in range(min(line, len(lines)) - 1, -1, -1):
        mark = _MARK.fullmatch(lines[at])
        if mark:
            return mark["path"], int(mark["line"]) + max(line - at - 2, 0)
    return None


def _is_force_block(node: SyntaxTreeNode) -> bool:
    return node.type in ("fence", "colon_fence") and node.info.strip().startswith("{force}")


def _block(node: SyntaxTreeNode, words: Words) -> str:
    """One block node as MyST (no trailing newline)."""
    kind = node.type
    if kind == "paragraph":
        return _inline(node.children[0], words)
    if kind == "heading":
        level = max(2, int(node.tag[1:]))
        return "#" * level + " " + one_line(_inline(node.children[0], words))
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, words)
    if kind == "table":
        return _table(node, words)
    return _escaped_source(node)


def _list(node: SyntaxTreeNode, words: Words) -> str:
    start = int(node.attrs.get("start", 1))
    loose = any(not p.hidden for item in node.children for p in item.children if p.type == "paragraph")
    items = []
    for number, item in enumerate(node.children, start):
        marker = f"{number}. " if node.type == "ordered_list" else "- "
        parts = [_block(child, words) for child in item.children]
        body = ("\n\n" if loose else "\n").join(parts) or ""
        indent = " " * len(marker)
        items.append(marker + body.replace("\n", "\n" + indent).replace("\n" + indent + "\n", "\n\n"))
    return ("\n\n" if loose else "\n").join(items)


def _table(node: SyntaxTreeNode, words: Words) -> str:
    rows = [row for part in node.children for row in part.children]
    if not rows:
        return ""

    def cells(row: SyntaxTreeNode) -> list[str]:
        return [one_line(_inline(cell.children[0], words)) if cell.children else "" for cell in row.children]

    header = cells(rows[0])
    align = [_ALIGN.get(str(cell.attrs.get("style", "")), "---") for cell in rows[0].children]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(cells(row)) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _inline(inline: SyntaxTreeNode, words: Words) -> str:
    return "".join(_inline_node(child, words) for child in inline.children)


def _inline_node(node: SyntaxTreeNode, words: Words) -> str:
    kind = node.type
    if kind == "text":
        return myst_run(words(node.content))
    if kind in ("softbreak", "hardbreak"):  # a hard break would be raw HTML on the page: written as a line break
        return "\n"
    if kind in ("em", "strong"):
        mark = "*" if kind == "em" else "**"
        return mark + "".join(_inline_node(child, words) for child in node.children) + mark
    if kind == "link":
        return _link(node, words)
    return myst_run(_plain(node))


def _link(node: SyntaxTreeNode, words: Words) -> str:
    """A link to a page of the book as a ``{doc}`` role; any other link (a bare name the parser
    linked, or one no reader checked) as its escaped text."""
    href = str(node.attrs.get("href", ""))
    text = _plain(node)
    if node.markup == "linkify" or not PAGE_LINK.fullmatch(href):
        return myst_run(words(text))
    shown = re.sub(r"[`<>\\]", "", one_line(words(text))) or href
    target = "/sections/" + href if href.startswith("threats/") else "/" + href
    return f"{{doc}}`{shown} <{target}>`"


def _plain(node: SyntaxTreeNode) -> str:
    """The characters of an inline node as written (its text, or its content)."""
    texts = [child.content for child in node.walk() if child.type == "text"]
    return "".join(texts) if texts else node.content


def _escaped_source(node: SyntaxTreeNode) -> str:
    """A block that is not allowed, as escaped text (only for text no reader checked)."""
    text = node.content or "".join(child.content for child in node.walk() if child.type == "text")
    return "\n".join(myst_run(line) for line in text.splitlines() if line.strip()) or myst_run(node.type)
