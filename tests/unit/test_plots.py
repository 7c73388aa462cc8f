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


def test_a_clean_chart_has_no_label_clash():
    plots.use_style()
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    ax.set(title="A clean chart", xlabel="Month", ylabel="Crimes")
    ax.legend(["Crimes"])
    assert plots.label_clashes(fig) == []
    plt.close(fig)


def test_two_axis_titles_printed_on_top_of_each_other_are_found():
    # Two panels narrower than their long x-axis titles: the titles run into each other.
    plots.use_style()
    fig, axes = plt.subplots(1, 2, figsize=(4, 3), layout="constrained")
    for ax in axes:
        ax.plot([1, 2])
        ax.set_xlabel("Change in recorded crimes per day, %")
    clashes = plots.label_clashes(fig)
    assert clashes == ["'Change in recorded crimes per day, %' overlaps 'Change in recorded crimes per day, %'"]
    fig.supxlabel(axes[0].get_xlabel())  # one title for both panels, as a chapter should draw it
    for ax in axes:
        ax.set_xlabel("")
    assert plots.label_clashes(fig) == []
    plt.close(fig)


def test_a_label_cut_by_its_clipping_box_and_crowded_ticks_are_found():
    plots.use_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1])
    ax.text(0.95, 0.5, "a long annotation past the axes", clip_on=True)
    assert plots.label_clashes(fig) == ["'a long annotation past the axes' is cut by the edge of the chart"]
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_xticks(range(4), [f"Criminal damage and arson {i}" for i in range(4)])
    assert any("overlaps" in clash for clash in plots.label_clashes(fig))
    plt.close(fig)


def test_show_refuses_a_chart_whose_labels_clash():
    import pytest

    plots.use_style()
    fig, axes = plt.subplots(1, 2, figsize=(4, 3), layout="constrained")
    for ax in axes:
        ax.set_xlabel("Change in recorded crimes per day, %")
    with pytest.raises(ValueError, match="chart 'Two panels'.*overlaps"):
        plots.show(fig, pd.DataFrame({"a": [1]}), "Two panels", "a source")
    assert not plt.fignum_exists(fig.number)  # closed, not left for the notebook to draw


def test_charts_name_the_font_labels_are_measured_with_first():
    plots.use_style()
    fig, ax = plt.subplots()
    ax.set_title("Title")
    assert "font-family: 'DejaVu Sans'" in plots.svg(fig)
    plt.close(fig)


def test_crowded_tick_labels_are_thinned_until_none_touches():
    plots.use_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    months = [f"20{14 + i // 3}-{1 + 4 * (i % 3):02d}" for i in range(12)]
    ax.plot(months, range(12))
    assert any("overlaps" in clash for clash in plots.label_clashes(fig))
    plots.thin_crowded_ticks(fig)
    shown = [t.get_text() for t in ax.get_xticklabels() if t.get_visible()]
    assert shown[0] == months[0] and 1 < len(shown) < len(months)
    assert plots.label_clashes(fig) == []
    plt.close(fig)
