"""The page a chapter shows while it waits for data names each dataset in words, the period asked
and what the data at hand holds, never a month after the edition was written."""

from assess.periods import Period
from assess.present.pages import waiting_for


def test_a_waiting_page_names_the_data_in_words_and_nothing_after_the_edition():
    asked = Period("2012-09", "2016-10")
    assert waiting_for("Counts", asked, Period("2015-01", "2019-02"), "2016-10") == (
        "Counts for September 2012 to October 2016 (the data at hand holds January 2015 to October 2016)"
    )
    later = waiting_for("Counts", Period("2016-06", "2016-10"), Period("2018-10", "2019-02"), "2016-10")
    assert later.endswith("(the data at hand starts after this edition was written)") and "2018" not in later
    assert waiting_for("Counts", None, None, "2016-10") == "Counts (not supplied)"
    assert waiting_for("Counts", asked, None, "2016-10").endswith("(the data at hand has no dated rows)")
