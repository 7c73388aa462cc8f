"""Tables for readers: caption, source line, escaping and number formatting."""

import pandas as pd

from assess.tables import table


def test_table_has_caption_source_and_escapes_text():
    html = table(pd.DataFrame({"Issue": ["<script>alert(1)</script>"], "Crimes": [12345]}),
                 caption="Crimes & issues", source="Home Office, 2017/18").data
    assert "<caption>Crimes &amp; issues</caption>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "12,345" in html
    assert 'class="assess-source">Source: Home Office, 2017/18</p>' in html
    assert html.index("<caption>") < html.index("<thead>")
