"""The whole edition as one HTML page to print: a cover, a contents page, then every page of the
built site in reading order, each chapter on a new page.

The page is assembled from the built site (``index.html``'s menu gives the reading order), so
the PDF shows exactly what the HTML shows. Each page's ids are prefixed with the page's own
name, links between pages become links inside the document, and pictures and files are linked
from the site's root, where the assembled page is written. Reader aids that mean nothing on
paper (the "¶" anchors, the CSV download links, each page's own contents box) are left out and
collapsed blocks are opened.

The printed PDF is tagged, and Chromium builds its bookmarks from the headings, so the headings
say where each page sits: a page under a chapter (a threat page) has its headings moved one
level down, under the chapter's. A register page (the figures register, the changes since the
last edition) is printed as its summary only (the part of the page in a ``div`` of class
``PRINT_SUMMARY``), with a line saying where the full list is: pages of lists would bury the
assessment.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from ..edition import Edition
from ..periods import day_label, year_label
from ..present.pages import PRINT_SUMMARY
from ..present.wording import join_words

STYLESHEET = Path(__file__).with_name("book.css")
"""The print styles of the assembled page (A4, cover, contents, chapter breaks, wide tables)."""
LANGUAGE = "en-GB"
"""The language of the assembled page when the site's pages declare none."""


@dataclass(frozen=True)
class Entry:
    """One page of the site in reading order: its path from the site's root, its title, the
    part of the book it is in, and its depth in the menu (1 for a chapter, 2 for a page under one)."""

    path: str
    title: str
    part: str
    level: int

    @property
    def anchor(self) -> str:
        """The id of the page's start in the assembled document."""
        return "pg-" + re.sub(r"[^a-z0-9]+", "-", self.path.removesuffix(".html").lower()).strip("-")


def reading_order(site: Path) -> list[Entry]:
    """Every page the site's menu lists (``index.html``), in reading order, with the part each
    is in. The edition's own start page is not listed: the cover and contents replace it."""
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.bd-docs-nav") or soup
    entries, part = [], ""
    for node in nav.find_all(["p", "a"]):
        if node.name == "p" and "caption" in (node.get("class") or []):
            part = node.get_text(" ", strip=True)
        elif node.name == "a" and "reference" in (node.get("class") or []) and "internal" in node.get("class"):
            href = node.get("href", "").split("#")[0]
            item = node.find_parent("li")
            level = next((int(c[-1]) for c in item.get("class", []) if re.fullmatch(r"toctree-l\d", c)), 1)
            if href and href != "index.html" and (site / href).is_file():
                entries.append(Entry(href, node.get_text(" ", strip=True), part, level))
    return entries


def book_html(site: Path, edition: Edition, pages: dict[str, int] | None = None) -> str:
    """The assembled HTML page of the edition built in ``site`` (to be written at its root).

    ``pages`` gives the page number of each entry's anchor for the contents; without it the
    contents shows "000" in its place, which takes the same room (the first of the two prints).
    """
    entries = reading_order(site)
    styles = "\n".join(f'<link rel="stylesheet" href="{html.escape(href)}">' for href in _stylesheets(site))
    body = [_cover(edition), _contents(entries, pages)]
    paths = {e.path: e.anchor for e in entries}
    for entry in entries:
        body.append(_page(site, entry, paths))
    language = html.escape(site_language(site))
    return (
        f'<!DOCTYPE html>\n<html lang="{language}" data-theme="light"><head><meta charset="utf-8">'
        f"<title>{html.escape(edition.title)}</title>\n{styles}\n"
        f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style></head>\n"
        f'<body class="assess-book">\n{"".join(body)}\n</body></html>\n'
    )


def site_language(site: Path) -> str:
    """The language the site's start page declares (``<html lang>``, from the book's Sphinx
    ``language``), or ``LANGUAGE`` when it declares none."""
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    return (soup.html.get("lang") if soup.html else None) or LANGUAGE


def _stylesheets(site: Path) -> list[str]:
    """The stylesheets the site's pages load, as links from its root."""
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [link["href"] for link in soup.find_all("link", rel="stylesheet") if link.get("href")]


def _cover(edition: Edition) -> str:
    marking = html.escape(edition.marking)
    forces = html.escape(join_words(edition.registry.full_name(f) for f in edition.forces))
    day = day_label(edition.as_of)
    return (
        '<section class="assess-cover">'
        f'<p class="assess-cover-marking">{marking}</p>'
        f"<h1>{html.escape(edition.title)}</h1>"
        f'<p class="assess-cover-forces">{forces}</p>'
        f'<p class="assess-cover-year">Assessment year {html.escape(year_label(edition.assessment_year))}</p>'
        f'<p class="assess-cover-date">As of {html.escape(day)}</p>'
        f'<p class="assess-cover-marking">{marking}</p>'
        "</section>\n"
    )


def _contents(entries: list[Entry], pages: dict[str, int] | None) -> str:
    rows, part = [], None
    for entry in entries:
        if entry.part != part:
            part = entry.part
            rows.append(f'<li class="assess-contents-part">{html.escape(part)}</li>')
        number = str(pages[entry.anchor]) if pages else "000"
        rows.append(
            f'<li class="assess-contents-l{entry.level}"><a href="#{entry.anchor}">'
            f'<span class="assess-contents-title">{html.escape(entry.title)}</span>'
            f'<span class="assess-contents-page">{number}</span></a></li>'
        )
    return f'<section class="assess-contents"><h1>Contents</h1><ul>{"".join(rows)}</ul></section>\n'


def _page(site: Path, entry: Entry, paths: dict[str, str]) -> str:
    """One page of the site as a section of the document: its article, with ids, links and
    picture paths rewritten for the document at the site's root."""
    soup = BeautifulSoup((site / entry.path).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article") or soup.find("article")
    for junk in article.select("#jb-print-docs-body, a.headerlink, script, .toctree-wrapper, button"):
        junk.decompose()
    for link in article.select('a[href^="data:"]'):
        (link.find_parent("p") or link).decompose()
    for details in article.find_all("details"):
        details["open"] = ""
    _summary_only(article, entry.path)
    if entry.level > 1:
        _demote_headings(article, entry.level - 1)
    prefix = entry.anchor + "--"
    for node in article.find_all(id=True):
        node["id"] = prefix + node["id"]
    folder = posixpath.dirname(entry.path)
    for node in article.find_all(href=True):
        node["href"] = _link(node["href"], folder, prefix, paths)
        if node.name == "a" and not re.match(r"#|[a-z][a-z0-9+.-]*:", node["href"]):
            node.unwrap()  # a file beside the site (figures.json): the PDF would link the print's own folder
    for node in article.find_all(src=True):
        node["src"] = _resource(node["src"], folder)
    kind = "assess-chapter" if entry.level == 1 else "assess-subpage"
    return f'<section class="{kind}" id="{entry.anchor}">{article.decode_contents()}</section>\n'


def _summary_only(article, path: str) -> None:
    """Cut a register page (one holding a ``PRINT_SUMMARY`` block) down to its title and that
    block, and say where the full list is; any other page is left whole."""
    summary = article.select_one(f"div.{PRINT_SUMMARY}")
    if summary is None:
        return
    title = article.find("h1")
    note = BeautifulSoup(
        f'<p class="assess-print-note">The full list is not printed here: it is the page '
        f"<em>{html.escape(title.get_text(' ', strip=True) if title else path)}</em> of the HTML edition "
        f"(<code>{html.escape(path)}</code> in the folder of this PDF).</p>",
        "html.parser",
    )
    summary.append(note)
    kept = summary.extract()
    if title is not None:
        title = title.extract()
    article.clear()
    article.extend([node for node in (title, kept) if node is not None])


def _demote_headings(article, levels: int) -> None:
    """Move every heading of ``article`` ``levels`` levels down (an h1 becomes an h2 for one
    level), to at most h6."""
    for heading in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        heading.name = f"h{min(6, int(heading.name[1]) + levels)}"


def _link(href: str, folder: str, prefix: str, paths: dict[str, str]) -> str:
    """A link of a page at ``folder``, as a link of the assembled document."""
    if href.startswith("#"):
        return "#" + prefix + href[1:] if len(href) > 1 else href
    if re.match(r"[a-z][a-z0-9+.-]*:", href):
        return href
    target, _, fragment = href.partition("#")
    resolved = posixpath.normpath(posixpath.join(folder, target))
    if resolved in paths:
        return f"#{paths[resolved]}--{fragment}" if fragment else f"#{paths[resolved]}"
    return resolved + (f"#{fragment}" if fragment else "")


def _resource(src: str, folder: str) -> str:
    """A picture's path from a page at ``folder``, as a path from the site's root."""
    if re.match(r"[a-z][a-z0-9+.-]*:", src):
        return src
    return posixpath.normpath(posixpath.join(folder, src))
