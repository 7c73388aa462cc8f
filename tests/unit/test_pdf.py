"""The PDF's pieces that need no browser: links of the assembled page, the running footer, and the
print times taken out of the PDF."""

from assess.build.book_html import Entry, _link, _resource
from assess.build.pdf import footer, header, renumbered, undated
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


def test_node_ids_are_numbered_by_first_appearance_without_moving_a_byte():
    def tagged(first: int) -> bytes:
        a, b = b"(node%08d)" % first, b"(node%08d)" % (first + 1)
        return b"<</S /TH /ID " + a + b">> <</S /TH /ID " + b + b">> <</S /TD /Headers [" + a + b" " + b + b"]>>"

    one, later = renumbered(tagged(101)), renumbered(tagged(102))
    assert one == later and len(one) == len(tagged(101))
    assert one.count(b"(node00000001)") == 2 and one.count(b"(node00000002)") == 2


def test_a_link_to_a_file_outside_the_document_keeps_its_words_only(tmp_path):
    from assess.build.book_html import _page

    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "figures.html").write_text(
        '<article class="bd-article"><p>Every figure is in <a href="../figures.json">the register</a>; '
        'see <a href="https://data.police.uk">data.police.uk</a>.</p></article>'
    )
    page = _page(tmp_path, Entry("sections/figures.html", "Figures", "Appendices", 1), {})
    assert "the register" in page and "figures.json" not in page and 'href="https://data.police.uk"' in page


def test_a_page_under_a_chapter_has_its_headings_one_level_down(tmp_path):
    from assess.build.book_html import _page

    (tmp_path / "sections" / "threats").mkdir(parents=True)
    (tmp_path / "sections" / "threats" / "cyber-crime.html").write_text(
        '<article class="bd-article"><section id="cyber-crime"><h1>Cyber crime</h1><section id="why">'
        "<h2>Why it matters</h2><h6>Small print</h6></section></section></article>"
    )
    page = _page(tmp_path, Entry("sections/threats/cyber-crime.html", "Cyber crime", "The assessment", 2), {})
    assert "<h2>Cyber crime</h2>" in page and "<h3>Why it matters</h3>" in page and "<h6>Small print</h6>" in page
    assert "<h1>" not in page
    chapter = _page(tmp_path, Entry("sections/threats/cyber-crime.html", "Cyber crime", "The assessment", 1), {})
    assert "<h1>Cyber crime</h1>" in chapter


def test_a_register_page_prints_its_summary_and_where_the_full_list_is(tmp_path):
    from assess.build.book_html import _page
    from assess.present.pages import PRINT_SUMMARY

    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "figures.html").write_text(
        f'<article class="bd-article"><section id="figures"><h1>Figures in this book</h1>'
        f'<div class="{PRINT_SUMMARY} docutils container"><p>618 figures.</p><table><caption>By chapter</caption>'
        "</table></div><p>Web only.</p><section id='demand'><h2>Demand</h2><table><caption>Figures quoted"
        "</caption></table></section></section></article>"
    )
    page = _page(tmp_path, Entry("sections/figures.html", "Figures in this book", "Appendices", 1), {})
    assert "618 figures." in page and "By chapter" in page and "<h1>Figures in this book</h1>" in page
    assert "Web only." not in page and "Demand" not in page and "Figures quoted" not in page
    assert "sections/figures.html" in page and "The full list is not printed here" in page
    (tmp_path / "sections" / "other.html").write_text('<article class="bd-article"><h1>Other</h1><p>All</p></article>')
    whole = _page(tmp_path, Entry("sections/other.html", "Other", "Appendices", 1), {})
    assert "All" in whole and "not printed" not in whole


def test_the_assembled_page_declares_the_sites_language(tmp_path):
    from assess.build.book_html import LANGUAGE, site_language

    (tmp_path / "index.html").write_text('<!DOCTYPE html><html lang="en-GB"><body></body></html>')
    assert site_language(tmp_path) == "en-GB"
    (tmp_path / "index.html").write_text("<!DOCTYPE html><html><body></body></html>")
    assert site_language(tmp_path) == LANGUAGE


def _with_bookmarks(titles: list[tuple[str, list[str]]]) -> bytes:
    """A one-page PDF whose bookmarks are ``titles`` (each with its children's titles)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    for title, children in titles:
        parent = writer.add_outline_item(title=title, page_number=0)
        for child in children:
            writer.add_outline_item(title=child, page_number=0, parent=parent)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_bookmarks_take_their_headings_text_where_chromium_pieced_it_wrongly():
    import io

    from pypdf import PdfReader

    from assess.build.pdf import headings, outline_titled

    page = (
        "<h1>Contents</h1><h1>Demand: harm as well as\n   volume</h1><h2>Forces whose figures differ markedly</h2>"
        "<h2>Glossary</h2><h1>Strategic Assessment 2019/20</h1>"
    )
    titles = headings(page)
    assert titles[1] == "Demand: harm as well as volume"
    data = _with_bookmarks(
        [
            ("ContentsContents", []),
            (
                "Demand: harm as well asDemand: harm as well asvolume",
                ["Forces whose figures differmarkedlymarkedly", "Glossary"],
            ),
            ("StrategicAssessment 2019/20", []),
        ]
    )
    fixed = outline_titled(data, titles)
    assert fixed.startswith(data)  # an update appended: the printed bytes are kept
    outline = PdfReader(io.BytesIO(fixed)).outline
    assert [outline[0].title, outline[1].title, outline[3].title] == [
        "Contents",
        "Demand: harm as well as volume",
        "Strategic Assessment 2019/20",
    ]
    assert [o.title for o in outline[2]] == ["Forces whose figures differ markedly", "Glossary"]
    assert outline_titled(fixed, titles) == fixed  # nothing left to change
    unrelated = _with_bookmarks([("Something else", [])])
    assert outline_titled(unrelated, titles) == unrelated
