"""The page a chapter shows while it waits for data names each dataset in words, the period asked
and what the data at hand holds, never a month after the edition was written."""

from assess.periods import Period, span_label
from assess.present.pages import waiting_for


def test_a_waiting_page_names_the_data_in_words_and_nothing_after_the_edition():
    asked = Period("2012-09", "2016-10")
    assert waiting_for("Counts", asked, Period("2015-01", "2019-02"), "2016-10") == (
        "Counts for September 2012 to October 2016 (the data at hand covers only January 2015 to October 2016 of it)"
    )
    assert waiting_for("Counts", asked, Period("2012-01", "2019-02"), "2016-10").endswith(
        "(the data at hand has months of it missing)"  # covers the span, so a gap inside is why
    )
    assert waiting_for("Counts", asked, Period("2010-01", "2011-12"), "2016-10").endswith(
        "(the data at hand holds none of those months)"
    )
    later = waiting_for("Counts", Period("2016-06", "2016-10"), Period("2018-10", "2019-02"), "2016-10")
    assert later.endswith("(the data at hand starts after this edition was written)") and "2018" not in later
    assert waiting_for("Counts", None, None, "2016-10") == "Counts (not supplied)"
    assert waiting_for("Counts", asked, None, "2016-10").endswith("(the data at hand has no dated rows)")
    assert waiting_for("Counts", asked, None, "2016-10", supplied=False) == (
        f"Counts for {span_label(asked, 'long')} (not supplied for this edition)"
    )


def test_the_waiting_page_says_in_plain_words_what_is_not_given_and_points_to_pages_that_follow():
    from assess.present.pages import placeholder_page

    page = placeholder_page("Threat assessments", ["Counts for June 2016 to October 2016 (not supplied)"], True)
    assert page.startswith("# Threat assessments\n\nThe data this chapter needs is not held for this edition's period")
    assert "pages that follow it are still given" in page and "yet" not in page
    assert "pages that follow" not in placeholder_page("Demand", ["Counts (not supplied)"])
