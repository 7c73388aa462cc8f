"""Tables for readers: caption, source line, escaping and number formatting."""

import pandas as pd

from assess.present.tables import table


def test_table_has_caption_source_and_escapes_text():
    html = table(
        pd.DataFrame({"Issue": ["<script>alert(1)</script>"], "Crimes": [12345]}),
        caption="Crimes & issues",
        source="Home Office, 2017/18",
    ).data
    assert "<caption>Crimes &amp; issues</caption>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "12,345" in html
    assert 'class="assess-source">Source: Home Office, 2017/18. <a class="assess-csv"' in html
    assert html.index("<caption>") < html.index("<thead>")


def test_column_headers_are_escaped_like_cells():
    hostile = "<img src=x onerror=alert(1)> 2019/20"
    html = table(
        pd.DataFrame({hostile: [1.5], "Crimes": [12]}),
        caption="Headers",
        source="a register",
        formats={hostile: "{:.1f}"},
    ).data
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert "<img" not in head and "&lt;img src=x onerror=" in head
    assert "1.5" in html  # the formatter still finds its column


def test_csv_download_holds_the_table():
    from urllib.parse import unquote

    frame = pd.DataFrame({"Area": ["North, East", "South"], "Crimes": [1200, 3]})
    html = table(frame, caption="Crimes by area, 2018", source="x").data
    assert 'download="crimes-by-area-2018.csv"' in html
    encoded = html.split('href="data:text/csv;charset=utf-8,', 1)[1].split('"', 1)[0]
    assert unquote(encoded) == '\ufeffArea,Crimes\n"North, East",1200\nSouth,3\n'


def _download(html: str) -> bytes:
    from urllib.parse import unquote_to_bytes

    return unquote_to_bytes(html.split('href="data:text/csv;charset=utf-8,', 1)[1].split('"', 1)[0])


def test_csv_starts_with_the_bom_and_keeps_numbers_as_numbers():
    import io

    frame = pd.DataFrame({"Priority": ["Drugs", "=cmd|' /C calc'!A0"], "Share": [91.0, 12.5], "q": [0.0123, 0.0004]})
    html = table(
        frame, "Priorities", "x", formats={"Share": "{:.0f}%", "q": lambda q: "< 0.001" if q < 0.001 else f"{q:.3f}"}
    ).data
    raw = _download(html)
    assert raw.startswith(b"\xef\xbb\xbf")
    read = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(read.columns) == ["Priority", "Share (%)", "q"]
    assert read["Share (%)"].tolist() == [91.0, 12.5] and read["q"].tolist() == [0.0123, 0.0004]
    assert read["Priority"].iloc[1].startswith("'=")  # still no formulas
    assert "<td>91%</td>" in html and "<td>&lt; 0.001</td>" in html and "<td>0.012</td>" in html


def test_a_format_leaves_missing_and_suppressed_cells_alone():
    from assess.present.suppression import Suppressed

    frame = pd.DataFrame({"Rate": [1.25, None], "Crimes": [Suppressed(5), 7]}, dtype=object)
    html = table(frame, "Rates", "x", formats={"Rate": "{:.1f}", "Crimes": "{:,}"}).data
    assert "<td>1.2</td>" in html and "<td></td>" in html and "&lt;5" in html


def test_small_counts_are_suppressed_and_zero_is_not():
    from assess.present.suppression import suppress

    frame = pd.DataFrame({"month": ["a", "b", "c", "d"], "crimes": [0, 3, 5, 12]})
    out, hidden = suppress(frame, ["crimes"], below=5)
    assert [str(v) for v in out["crimes"]] == ["0", "<5", "5", "12"] and hidden == 1


def test_a_download_frame_replaces_text_that_holds_several_numbers():
    import io

    shown = pd.DataFrame({"Crime": ["Burglary"], "Change (interval)": ["-16.7% (-37.0% to +10.0%)"]})
    numbers = pd.DataFrame({"Crime": ["Burglary"], "Change (%)": [-16.7], "From (%)": [-37.0], "To (%)": [10.0]})
    html = table(shown, "Trends", "x", download=numbers).data
    assert "-16.7% (-37.0% to +10.0%)" in html
    read = pd.read_csv(io.BytesIO(_download(html)), encoding="utf-8-sig")
    assert read.to_dict("list") == {"Crime": ["Burglary"], "Change (%)": [-16.7], "From (%)": [-37.0], "To (%)": [10.0]}


def test_long_runs_without_spaces_get_break_opportunities_and_stay_escaped():
    import re

    from assess.present.tables import LONG_RUN, cell_html

    assert (
        cell_html("data/raw/alliance_facts/documents.csv")
        == "data/<wbr>raw/<wbr>alliance_<wbr>facts/<wbr>documents.<wbr>csv"
    )
    assert cell_html("Warwickshire & <b>") == "Warwickshire &amp; &lt;b&gt;"
    # a word is never broken inside, however long: only runs that are not words get break points
    assert cell_html("approximately (Northamptonshire), counter-terrorism’s") == (
        "approximately (Northamptonshire), counter-<wbr>terrorism’s"
    )
    assert "<wbr>" in cell_html("0123456789abcdef0123") and "<wbr>" in cell_html("x" * 30)
    html = table(pd.DataFrame({"File": ["a" * 64], "Path": ["x/" * 30]}), "Files", "x").data
    cells = re.findall(r"<t[dh]>(.*?)</t[dh]>", html)
    assert cells and all(len(run) <= LONG_RUN for cell in cells for run in re.split(r"<wbr>|\s", cell))


def test_a_format_for_a_column_the_table_lacks_is_an_error():
    import pytest

    with pytest.raises(KeyError, match="Share"):
        table(pd.DataFrame({"Crimes": [1]}), "x", "y", formats={"Share": "{:.0f}%"})


def test_a_pivoted_frame_shows_no_column_axis_name():
    from assess.present.tables import table

    frame = pd.DataFrame({"priority": ["Burglary"], "West Mercia": [3]})
    frame.columns.name = "force"
    html_text = table(frame, caption="Priorities", source="Partnerships").data
    assert ">force<" not in html_text and html_text.count("<th>") == 2


def test_missing_cells_show_the_text_given_and_the_download_keeps_them_empty():
    import io

    import pytest

    frame = pd.DataFrame({"Year": ["2013", "2014"], "Hours": [None, 53776.0], "Change": [None, None]})
    html = table(frame, "Hours", "x", formats={"Hours": "{:,.0f}"}, missing={"Hours": "not printed"}).data
    assert html.count("<td>not printed</td>") == 1 and "<td>53,776</td>" in html
    assert html.count("<td></td>") == 2  # the Change column, not named, stays empty
    read = pd.read_csv(io.BytesIO(_download(html)), encoding="utf-8-sig")
    assert read["Hours"].isna().tolist() == [True, False]
    everywhere = table(frame, "Hours", "x", missing="none").data
    assert everywhere.count("<td>none</td>") == 3 and "<td></td>" not in everywhere
    with pytest.raises(KeyError, match="Share"):
        table(frame, "x", "y", missing={"Share": "none"})
