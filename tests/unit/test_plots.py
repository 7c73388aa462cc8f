"""Charts: SVG with real text, month-year date axes, and the chart's data as a CSV download."""

from urllib.parse import unquote_to_bytes

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from assess.present import plots  # noqa: E402


def _date_chart(months: int):
    plots.use_style()
    index = pd.period_range("2014-04", periods=months, freq="M").to_timestamp()
    fig, ax = plt.subplots()
    ax.plot(index, range(months))
    return fig, ax


def test_svg_keeps_text_as_text_and_carries_no_date():
    fig, ax = _date_chart(24)
    ax.set_title("Recorded hate crime a day")
    drawn = plots.svg(fig)
    plt.close(fig)
    assert drawn.lstrip().startswith("<?xml") and "<svg" in drawn
    assert "Recorded hate crime a day" in drawn  # searchable, not outlines
    assert "<dc:date>" not in drawn


def test_a_dollar_in_a_label_is_shown_not_read_as_mathtext():
    fig, ax = _date_chart(3)
    ax.set_title("Fraud of $5 to $10 ($x^2$)")
    drawn = plots.svg(fig)
    plt.close(fig)
    assert ">Fraud of $5 to $10 ($x^2$)</text>" in drawn  # one text element, not mathtext glyphs


def test_date_axes_read_month_and_year_and_do_not_crowd():
    for months in (6, 30, 66, 120):
        fig, ax = _date_chart(months)
        plots.svg(fig)
        labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        plt.close(fig)
        assert 2 <= len(labels) <= plots.MAX_DATE_TICKS, (months, labels)
        assert all(pd.to_datetime(label, format="%b %Y") for label in labels), labels


def test_an_axis_without_dates_is_left_alone():
    plots.use_style()
    fig, ax = plt.subplots()
    ax.plot([2014, 2015, 2016], [1, 2, 3])
    formatter = ax.xaxis.get_major_formatter()
    plots.month_year_axis(ax)
    plt.close(fig)
    assert ax.xaxis.get_major_formatter() is formatter


def test_chart_note_has_the_source_and_the_data_as_csv_with_bom():
    note = plots.chart_note(
        pd.DataFrame({"Month": ["Apr 2014"], "Crimes a day": [3.25]}), "Hate crime <a day>", "FOI & APSR"
    )
    assert note.startswith('<p class="assess-source assess-chart-source">Source: FOI &amp; APSR. <a class="assess-csv"')
    assert 'download="hate-crime-a-day.csv"' in note
    raw = unquote_to_bytes(note.split("charset=utf-8,", 1)[1].split('"', 1)[0])
    assert raw == "\ufeffMonth,Crimes a day\nApr 2014,3.25\n".encode()
