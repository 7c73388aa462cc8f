"""The default edition's PDF: beside its index.html, linked from the landing page and the sidebar,
A4, a cover and contents before the chapters, every page numbered and marked, the contents'
page numbers right, and no table column lost. And the changes page of an edition that names its
previous edition. A failed print leaves the last good site and PDF in place."""

from __future__ import annotations

import re
import shutil
import unicodedata

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from assess.build import build, pdf
from assess.build.book_html import reading_order
from assess.edition import default_params, load_edition
from assess.errors import BuildError
from assess.present.pages import PRINT_SUMMARY
from conftest import EDITIONS, ROOT, snapshot

pytestmark = [pytest.mark.build, EDITIONS]
A4 = (595, 842)


@pytest.fixture(scope="module")
def default_printed(built):
    """The book's default edition with its PDF (its previous edition is built first), from the
    session's ``built`` (each edition built once per test run): (output folder, edition, site)."""
    params = ROOT / default_params(ROOT)
    site = built(params, printed=True)
    return built.out, load_edition(params, ROOT), site


@pytest.fixture(scope="module")
def printed(default_printed):
    _, edition, site = default_printed
    reader = PdfReader(site / f"{edition.edition}.pdf")
    return reader, [_plain(page.extract_text()) for page in reader.pages]


def _plain(text: str) -> str:
    """Text as compared: ligatures undone, all white space gone (a header may wrap anywhere)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_pdf_is_beside_index_and_linked_from_the_landing_page_and_the_sidebar(default_printed):
    out, edition, site = default_printed
    name = f"{edition.edition}.pdf"
    assert (site / name).read_bytes().startswith(b"%PDF")
    assert not (site / pdf.ASSEMBLED).exists()
    landing = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    assert f"{edition.edition}/{name}" in [a["href"] for a in landing.find_all("a")]
    for page in ("index.html", "sections/summary.html"):
        sidebar = BeautifulSoup((site / page).read_text(), "html.parser").select_one(".assess-sidebar-pdf a")
        assert (site / page).parent.joinpath(sidebar["href"]).resolve() == (site / name).resolve()


def test_html_pages_carry_the_marking(default_printed):
    _, edition, site = default_printed
    for page in ("index.html", "sections/summary.html", "sections/threats/cyber-crime.html"):
        marking = BeautifulSoup((site / page).read_text(), "html.parser").select_one("p.assess-marking")
        assert marking.get_text(strip=True) == edition.marking


def test_every_page_is_a4_numbered_and_marked(default_printed, printed):
    _, edition, site = default_printed
    reader, texts = printed
    chapters = [e for e in reading_order(site) if e.level == 1]
    assert len(reader.pages) >= len(chapters) + 2
    for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), start=1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4, number
        assert f"Page{number}of{len(reader.pages)}" in text, number
        assert _plain(edition.marking) in text, number


def test_cover_and_contents_come_first_and_the_contents_page_numbers_are_right(default_printed, printed):
    _, edition, site = default_printed
    _, texts = printed
    assert _plain(edition.title) in texts[0] and _plain(edition.organisation.split(" (")[0]) in texts[0]
    contents = texts[1]
    assert contents.startswith("Contents")
    for entry in reading_order(site):
        found = re.search(re.escape(_plain(entry.title)) + r"(\d+)", contents)
        assert found, entry.title
        assert _plain(entry.title) in texts[int(found[1]) - 1], (entry.title, found[1])


def test_every_tables_last_column_header_is_printed(default_printed, printed):
    _, _, site = default_printed
    whole = "".join(printed[1])
    headers = []
    for entry in reading_order(site):
        soup = BeautifulSoup((site / entry.path).read_text(), "html.parser")
        summary = soup.select_one(f"article div.{PRINT_SUMMARY}")  # a register page prints only this
        for table in (summary or soup).select("article table" if summary is None else "table"):
            row = table.select_one("thead tr") or table.select_one("tr")
            headers.append((entry.path, row.find_all(["th", "td"])[-1].get_text(" ", strip=True)))
    assert headers
    for path, header in headers:
        assert _plain(header) in whole, (path, header)


def _bookmarks(outline, depth: int = 0) -> list[tuple[int, str]]:
    """The PDF's bookmarks in document order, each as (depth from 0, title)."""
    found = []
    for item in outline:
        found += _bookmarks(item, depth + 1) if isinstance(item, list) else [(depth, item.title)]
    return found


def test_the_pdf_is_tagged_titled_and_in_british_english(default_printed, printed):
    _, edition, _ = default_printed
    reader, _ = printed
    catalogue = reader.trailer["/Root"]
    assert catalogue["/Lang"] == "en-GB"
    assert catalogue["/MarkInfo"]["/Marked"].value is True
    assert catalogue["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == edition.title
    kinds, alt = {}, []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "get") and node.get("/S") is not None:
            kinds[node["/S"]] = kinds.get(node["/S"], 0) + 1
            if node["/S"] == "/Figure":
                alt.append(str(node.get("/Alt", "")))
            if node.get("/K") is not None:
                walk(node["/K"])

    walk(catalogue["/StructTreeRoot"]["/K"])
    assert {"/Document", "/H1", "/H2", "/P", "/L", "/Table", "/TH", "/TD", "/Figure"} <= set(kinds)
    assert kinds["/Table"] >= 10 and kinds["/Figure"] >= 5
    assert all(len(a.strip()) >= 15 for a in alt), alt  # every chart says what it shows


def test_a_bookmark_for_every_chapter_and_page_of_the_contents_nested_as_there(default_printed, printed):
    _, edition, site = default_printed
    reader, _ = printed
    marks = _bookmarks(reader.outline)
    assert marks[:2] == [(0, edition.title), (0, "Contents")]
    position = 0
    for entry in reading_order(site):
        wanted = (entry.level - 1, entry.title)
        assert wanted in marks[position:], (wanted, marks[position : position + 5])
        position = marks.index(wanted, position) + 1
    chapters = [t for d, t in marks if d == 0][2:]
    assert chapters == [e.title for e in reading_order(site) if e.level == 1]
    assert any(d == 1 for d, _ in marks) and any(d == 2 for d, _ in marks)  # sections under pages
    doubled = [t for _, t in marks if len(t) % 2 == 0 and t[: len(t) // 2] == t[len(t) // 2 :]]
    assert doubled == []


def test_the_registers_are_summarised_in_the_pdf_and_listed_in_full_on_the_site(default_printed, printed):
    _, _, site = default_printed
    _, texts = printed
    whole = "".join(texts)
    registers = [
        e
        for e in reading_order(site)
        if BeautifulSoup((site / e.path).read_text(), "html.parser").select(f"div.{PRINT_SUMMARY}")
    ]
    assert {e.path for e in registers} >= {"sections/figures.html", "sections/changes.html"}
    for entry in registers:
        assert _plain(entry.path) in whole  # the line saying where the full list is
        page = BeautifulSoup((site / entry.path).read_text(), "html.parser")
        listed = [c.get_text(" ", strip=True) for c in page.select("article section section table caption")]
        assert listed and not any(_plain(caption) in whole for caption in listed), entry.path


def test_an_edition_naming_its_previous_one_has_a_changes_page_the_summary_links(default_printed):
    _, edition, site = default_printed
    assert edition.previous_edition is not None, "the default edition names its previous edition"
    previous = load_edition(edition.previous_edition, ROOT)
    page = BeautifulSoup((site / "sections" / "changes.html").read_text(), "html.parser")
    text = page.get_text(" ", strip=True)
    assert previous.title in text and "changed" in text
    assert page.select("table")
    summary = BeautifulSoup((site / "sections" / "summary.html").read_text(), "html.parser")
    assert "changes.html" in [a["href"] for a in summary.select("a")]


def test_a_failed_print_keeps_the_last_good_site_and_pdf(default_printed, tmp_path, monkeypatch):
    out, edition, site = default_printed
    before = snapshot(site)
    params = yaml.safe_load(edition.source.read_text())
    params["marking"] = "OFFICIAL-SENSITIVE"  # a change to the site, not to the chapters
    changed = tmp_path / edition.source.name
    changed.write_text(yaml.safe_dump(params))
    shutil.copy(edition.previous_edition, tmp_path / edition.previous_edition.name)
    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(BuildError) as caught:
        build(changed, out, root=ROOT, log=lambda message: None)
    assert "\n" not in str(caught.value) and "Chromium" in str(caught.value)
    assert snapshot(site) == before
    assert not (out / f".publish-{edition.edition}").exists()  # the half-made copy is not left beside it
