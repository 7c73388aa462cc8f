"""The PDF's pieces that need no browser: links of the assembled page, the running footer, and the
print times taken out of the PDF."""

from assess.build.book_html import Entry, _link, _resource
from assess.build.pdf import footer, header, undated
from assess.edition import load_edition
from conftest import DEFAULT_PARAMS, ROOT

PATHS = {
    "sections/demand.html": "pg-sections-demand",
    "sections/threats/cyber-crime.html": "pg-sections-threats-cyber-crime",
}


def test_links_between_pages_become_links_inside_the_document():
    assert (
        Entry("sections/threats/cyber-crime.html", "Cyber crime", "The assessment", 2).anchor
        == PATHS["sections/threats/cyber-crime.html"]
    )
    prefix = "pg-sections-threats-cyber-crime--"
    assert _link("#what-the-threat-is", "sections/threats", prefix, PATHS) == f"#{prefix}what-the-threat-is"
    assert _link("../demand.html#harm", "sections/threats", prefix, PATHS) == "#pg-sections-demand--harm"
    assert _link("../demand.html", "sections/threats", prefix, PATHS) == "#pg-sections-demand"
    assert _link("../../figures.json", "sections/threats", prefix, PATHS) == "figures.json"
    assert _link("https://data.police.uk", "sections/threats", prefix, PATHS) == "https://data.police.uk"
    assert _resource("../../_images/chart.png", "sections/threats") == "_images/chart.png"
    assert _resource("data:image/png;base64,AAAA", "sections") == "data:image/png;base64,AAAA"


def test_running_header_and_footer_carry_the_marking_and_the_page_number():
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    assert edition.marking in header(edition) and edition.marking in footer(edition)
    assert 'class="pageNumber"' in footer(edition) and 'class="totalPages"' in footer(edition)


def test_print_times_are_fixed_without_moving_a_byte():
    data = b"<</Creator (Chromium)/CreationDate (D:20261123041336+00'00')\n/ModDate (D:20261123041337+00'00')>>"
    fixed = undated(data)
    assert len(fixed) == len(data)
    assert fixed.count(b"D:19700101000000+00'00'") == 2 and b"2026" not in fixed


def test_a_link_to_a_file_outside_the_document_keeps_its_words_only(tmp_path):
    from assess.build.book_html import _page

    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "figures.html").write_text(
        '<article class="bd-article"><p>Every figure is in <a href="../figures.json">the register</a>; '
        'see <a href="https://data.police.uk">data.police.uk</a>.</p></article>'
    )
    page = _page(tmp_path, Entry("sections/figures.html", "Figures", "Appendices", 1), {})
    assert "the register" in page and "figures.json" not in page and 'href="https://data.police.uk"' in page
