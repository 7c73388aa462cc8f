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


def test_csv_download_holds_the_table():
    from urllib.parse import unquote

    frame = pd.DataFrame({"Area": ["North, East", "South"], "Crimes": [1200, 3]})
    html = table(frame, caption="Crimes by area, 2018", source="x").data
    assert 'download="crimes-by-area-2018.csv"' in html
    encoded = html.split('href="data:text/csv;charset=utf-8,', 1)[1].split('"', 1)[0]
    assert unquote(encoded) == 'Area,Crimes\n"North, East",1200\nSouth,3\n'


def test_small_counts_are_suppressed_and_zero_is_not():
    from assess.present.suppression import suppress

    frame = pd.DataFrame({"month": ["a", "b", "c", "d"], "crimes": [0, 3, 5, 12]})
    out, hidden = suppress(frame, ["crimes"], below=5)
    assert [str(v) for v in out["crimes"]] == ["0", "<5", "5", "12"] and hidden == 1
