"""The edition as one PDF, ``<edition>.pdf`` beside its ``index.html``: printed by Debian's
Chromium (``make book`` installs it) from the whole site assembled into one page
(``assess.build.book_html``), A4, with the page number and the protective marking on every page.

The contents page needs the page each chapter starts on, which only the print knows: the book is
printed once with "000" in their place, the pages are read from the PDF's named destinations
(Chromium writes one for each place the contents links to), and it is printed again with the
numbers filled in; the numbers take no more room than the placeholders, so no chapter moves.
Before printing, each table that cannot fit the text column without breaking words is scaled
down until it does (Chromium lays out landscape pages at the portrait width, so turning the
page would not give a table more room).

The PDF is tagged (a structure tree of headings, paragraphs, lists, tables and figures with their
alt text, in reading order), carries the edition's title and the pages' language, and has a
bookmark for every heading, nested as the headings are (Chromium writes bookmarks only for a
tagged PDF). Chromium builds a bookmark's title from the heading's lines as laid out, which drops
the space where a heading wraps and sometimes repeats it; each title is set back to its
heading's text (``outline_titled``), in an update appended to the file.
"""

from __future__ import annotations

import html
import io
import os
import re
import time
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from ..edition import Edition
from ..errors import BuildError
from ..periods import year_label
from .book_html import book_html, reading_order

CHROMIUM = Path(os.environ.get("ASSESS_CHROMIUM", "/usr/bin/chromium"))
"""Debian's Chromium, as the Makefile installs it (ASSESS_CHROMIUM names another)."""
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
ASSEMBLED = ".book.html"
"""The assembled page, written at the site's root while printing and removed afterwards."""
MARGINS = {"top": "20mm", "bottom": "20mm", "left": "15mm", "right": "15mm"}
PORTRAIT_TEXT_PX = 680
"""The width of the portrait text column in CSS pixels: A4's 210 mm less two 15 mm margins."""
SMALLEST_TABLE = 0.7
"""The least a wide table is scaled to (its 8.5 pt text then prints at 6 pt)."""
_PRINT_TIME = re.compile(rb"(/(?:CreationDate|ModDate) ?)\(D:\d{14}")
_PRINTS = 3
"""The most prints made to settle the contents page's numbers (two always suffice unless a
number needs more room than its placeholder)."""

_FIT_WIDE_TABLES = """(smallest) => {
  let wide = 0;
  for (const table of document.querySelectorAll('section table')) {
    const column = table.closest('section').getBoundingClientRect().width;
    table.classList.add('assess-measure');
    const needed = table.getBoundingClientRect().width;
    table.classList.remove('assess-measure');
    if (needed > column + 1) {
      table.style.zoom = Math.max(smallest, column / needed);
      if (column / needed < smallest) table.classList.add('assess-squeeze');
      wide += 1;
    }
  }
  return wide;
}"""
"""Scales down each table whose narrowest layout without breaking words is wider than the text
column, so that it fits; one that would need less than ``smallest`` of its size is scaled to
that and breaks its words as well (``assess-squeeze``)."""
_MEASURE_CSS = (
    "table.assess-measure { width: min-content !important; }"
    " table.assess-measure th, table.assess-measure td { overflow-wrap: normal !important; }"
    " table.assess-measure.assess-names td:first-child,"
    " table.assess-measure.assess-hashes td:nth-child(2) { overflow-wrap: anywhere !important; }"
)


def pdf_name(edition: Edition) -> str:
    """The PDF's file name, beside the edition's ``index.html``."""
    return f"{edition.edition}.pdf"


def write_pdf(site: Path, edition: Edition, log=print) -> Path:
    """Print the edition built in ``site`` to ``site/<edition>.pdf``; returns its path. Logs one
    line when done: its pages, size and the seconds printing took.

    Raises BuildError (one line) when Chromium is missing or fails, or when the contents page's
    numbers do not settle; ``site`` then holds no PDF and no assembled page.
    """
    if not CHROMIUM.is_file():
        raise BuildError(f"PDF of {edition.edition}: expected Chromium at {CHROMIUM} (make book installs it)")
    from playwright.sync_api import Error as PlaywrightError  # heavy: imported only when printing
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    assembled, target = site / ASSEMBLED, site / pdf_name(edition)
    anchors = [entry.anchor for entry in reading_order(site)]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                data = _print_settled(browser, assembled, site, edition, anchors)
            finally:
                browser.close()
    except PlaywrightError as err:
        first = (str(err).strip().splitlines() or ["no message"])[0]
        raise BuildError(f"PDF of {edition.edition}: Chromium failed: {first}") from None
    finally:
        assembled.unlink(missing_ok=True)
    target.write_bytes(renumbered(undated(data)))
    pages = len(PdfReader(io.BytesIO(data)).pages)
    log(f"printed {target.name}: {pages} pages, {len(data) / 1e6:.1f} MB, {time.monotonic() - started:.1f} s")
    return target


def _print_settled(browser, assembled: Path, site: Path, edition: Edition, anchors: list[str]) -> bytes:
    """The PDF bytes of the print whose contents page gives the pages its chapters start on."""
    pages = None
    for _ in range(_PRINTS):
        text = book_html(site, edition, pages)
        assembled.write_text(text, encoding="utf-8")
        data = _print(browser, assembled, edition)
        found = anchor_pages(data, anchors)
        if found == pages:
            return outline_titled(data, headings(text))
        pages = found
    raise BuildError(f"PDF of {edition.edition}: the contents page's numbers did not settle in {_PRINTS} prints")


def _print(browser, assembled: Path, edition: Edition) -> bytes:
    """One print of the assembled page, A4, with the running header and footer."""
    page = browser.new_page(viewport={"width": PORTRAIT_TEXT_PX, "height": 1000})
    try:
        page.goto(assembled.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        page.add_style_tag(content=_MEASURE_CSS)
        page.evaluate(_FIT_WIDE_TABLES, SMALLEST_TABLE)
        return page.pdf(
            format="A4",
            prefer_css_page_size=True,
            print_background=True,
            display_header_footer=True,
            header_template=header(edition),
            footer_template=footer(edition),
            margin=MARGINS,
            outline=True,
            tagged=True,
        )
    finally:
        page.close()


def undated(data: bytes) -> bytes:
    """The PDF ``data`` with the print's creation and modification times set to the start of 1970,
    as the site's pages carry no build time: two builds of the same edition give the same bytes.
    The times keep their length, so the PDF's table of byte offsets stays right."""
    return _PRINT_TIME.sub(rb"\1(D:19700101000000", data)


_NODE_ID = re.compile(rb"\(node(\d{8})\)")
"""A node id of the tagged PDF's structure, as Chromium writes it: ``(node00000101)``."""


def renumbered(data: bytes) -> bytes:
    """The PDF ``data`` with the node ids of its tagged structure (a table's header cells and the
    cells that point to them) numbered from 1 in the order they first appear. Chromium numbers
    them by its count of the page's nodes, which one print can start one later than another (seen
    once, a cold build's PDF against an incremental build's), so two builds of the same pages give
    the same bytes. Each id keeps its length, so the PDF's table of byte offsets stays
    right."""
    order: dict[bytes, int] = {}
    return _NODE_ID.sub(lambda m: b"(node%08d)" % order.setdefault(m.group(1), len(order) + 1), data)


def header(edition: Edition) -> str:
    """Chromium's running header: the protective marking, centred."""
    return (
        '<div style="font-family:sans-serif;font-size:8pt;font-weight:bold;width:100%;text-align:center">'
        f"{html.escape(edition.marking)}</div>"
    )


def footer(edition: Edition) -> str:
    """Chromium's running footer: the assessment's year, the marking and "Page N of M"."""
    return (
        '<div style="font-family:sans-serif;font-size:8pt;width:100%;margin:0 15mm;display:flex;'
        'justify-content:space-between;gap:1em">'
        f'<span style="flex:1">Strategic Assessment {html.escape(year_label(edition.assessment_year))}</span>'
        f'<span style="font-weight:bold">{html.escape(edition.marking)}</span>'
        '<span style="flex:1;text-align:right">Page <span class="pageNumber"></span> of '
        '<span class="totalPages"></span></span></div>'
    )


def headings(page: str) -> list[str]:
    """The text of every heading (h1 to h6) of the HTML ``page``, in document order, its white
    space collapsed to single spaces."""
    soup = BeautifulSoup(page, "html.parser")
    return [" ".join(h.get_text(" ").split()) for h in soup.find_all(re.compile(r"^h[1-6]$"))]


def outline_titled(data: bytes, titles: list[str]) -> bytes:
    """The PDF ``data`` with each bookmark titled with its heading's text: bookmarks and
    ``titles`` are taken in document order, and a bookmark takes the next title it is made of
    (``_pieced_from``). A bookmark that matches none keeps its title. The change is appended as
    an incremental update; ``data`` is returned unchanged when no title differs."""
    reader = PdfReader(io.BytesIO(data))
    if "/Outlines" not in reader.trailer["/Root"]:
        return data
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    changed, position = 0, 0
    for item in _bookmarks(writer.root_object["/Outlines"]):
        for index in range(position, len(titles)):
            if _pieced_from(str(item["/Title"]), titles[index]):
                if str(item["/Title"]) != titles[index]:
                    item[NameObject("/Title")] = TextStringObject(titles[index])
                    changed += 1
                position = index + 1
                break
    if not changed:
        return data
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pieced_from(shown: str, title: str) -> bool:
    """Whether the bookmark title ``shown`` is ``title``'s letters in order, white space aside,
    with some of its lines repeated (as Chromium pieces it together from the laid-out lines): all
    of ``title`` in order within ``shown``, and ``shown`` at most twice as long."""
    shown, wanted = "".join(shown.split()), "".join(title.split())
    if not wanted or len(shown) > 2 * len(wanted):
        return False
    letters = iter(shown)
    return all(letter in letters for letter in wanted)


def _bookmarks(outlines) -> list:
    """Every bookmark below the outline dictionary ``outlines``, depth first in document order."""
    found, stack = [], [outlines.get("/First")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        node = node.get_object()
        found.append(node)
        stack += [node.get("/Next"), node.get("/First")]  # the children first, then the next sibling
    return found


def anchor_pages(data: bytes, anchors: list[str]) -> dict[str, int]:
    """The page number (from 1) each of ``anchors`` falls on in the PDF ``data``, from its named
    destinations. Raises BuildError when one has none (Chromium writes one for each link target)."""
    reader = PdfReader(io.BytesIO(data))
    destinations = reader.named_destinations.items()
    found = {name.lstrip("/"): reader.get_destination_page_number(dest) + 1 for name, dest in destinations}
    missing = [a for a in anchors if a not in found]
    if missing:
        raise BuildError(f"PDF: no page found for '{missing[0]}' (expected a named destination in the printed PDF)")
    return {a: found[a] for a in anchors}
