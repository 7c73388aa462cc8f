"""The executive summary: judgements read strictly, figures filled from the register (a missing
name stops with one line), text escaped, and the indicator arithmetic of the threat pages."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml
from myst_trees import HOSTILE, doctree, node_kinds

from assess.analysis import threat_indicators as indicators
from assess.errors import InputError
from assess.present.escape import myst_inline
from assess.present.summary import fill_figures, recommendations_markdown, summary_markdown
from assess.read.judgements import PHRASES, read_judgements
from conftest import ROOT, shipped_threats

JUDGEMENTS = ROOT / "data" / "reference" / "registers" / "judgements.yml"


def _edited(tmp_path, change):
    data = yaml.safe_load(JUDGEMENTS.read_text())
    change(data)
    path = tmp_path / "judgements.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_shipped_judgements_use_the_yardstick():
    yardstick, judgements = read_judgements(JUDGEMENTS)
    assert list(yardstick["phrase"]) == list(PHRASES)
    assert set(judgements["likelihood"]) <= set(PHRASES)
    assert judgements["evidence"].str.match(r"(sections|threats)/").all()


REWORDING = next(j["id"] for j in yaml.safe_load(JUDGEMENTS.read_text())["judgements"] if j.get("rewords"))
"""A shipped judgement rewording the alliance's for one force."""


def _rewording(data: dict) -> dict:
    return next(j for j in data["judgements"] if j["id"] == REWORDING)


@pytest.mark.parametrize(
    "change, column",
    [
        (lambda d: d["judgements"][0].update(likelihood="quite likely"), "judgement hidden-harm.likelihood"),
        (lambda d: d["judgements"][0].update(evidence="https://evil.example"), "judgement hidden-harm.evidence"),
        (lambda d: d["judgements"][0].update(text="Two\nlines"), "judgement hidden-harm.text"),
        (lambda d: d["judgements"][0].update(text="A [[Bad Name]] figure."), "judgement hidden-harm.text"),
        (lambda d: d["judgements"][1].update(id="hidden-harm"), "judgements[1].id"),
        (lambda d: d["yardstick"].pop(), "yardstick"),
        (lambda d: d["yardstick"][2].update(low=1), "yardstick.unlikely"),
        (lambda d: d["judgements"][0].pop("reviewed"), "judgements[0]"),
        (lambda d: d["judgements"][0].update(reviewed="November 2016"), "judgement hidden-harm.reviewed"),
        (lambda d: d["judgements"][0].update(threats="domestic-abuse"), "judgement hidden-harm.threats"),
        (lambda d: d["judgements"][0].update(threats=["threats/domestic-abuse"]), "judgement hidden-harm.threats"),
        (lambda d: d["judgements"][0].update(direction="rising"), "judgement hidden-harm.direction"),
        (lambda d: d["judgements"][0].update(since="29 October 2018"), "judgement hidden-harm.since"),
        (lambda d: d["judgements"][0].update(drafted=["a", "b"]), "judgement hidden-harm.drafted"),
        (lambda d: d["judgements"][0].update(force=[]), "judgement hidden-harm.force"),
        (lambda d: _rewording(d).update(rewords="no-such-judgement"), f"judgement {REWORDING}.rewords"),
        (lambda d: _rewording(d).update(likelihood="unlikely"), f"judgement {REWORDING}.likelihood"),
    ],
)
def test_a_bad_judgement_is_one_line_naming_the_field(tmp_path, change, column):
    path = _edited(tmp_path, change)
    with pytest.raises(InputError) as caught:
        read_judgements(path)
    assert "\n" not in str(caught.value) and f"column '{column}'" in str(caught.value)


def test_figures_are_filled_as_the_register_prints_them():
    values = {"n_crimes": 123456, "share": 52.345678, "span": "Oct 2018 to Feb 2019"}
    text = "[[n_crimes]] crimes, [[share]] per cent, in [[span]]."
    assert (
        fill_figures(text, values, "j", "judgements.yml") == "123,456 crimes, 52.35 per cent, in Oct 2018 to Feb 2019."
    )


def test_a_missing_figure_stops_with_one_line_naming_judgement_and_figure():
    with pytest.raises(InputError) as caught:
        fill_figures("About [[n_crimes]] and [[no_such_figure]].", {"n_crimes": 1}, "recorded-demand", "judgements.yml")
    message = str(caught.value)
    assert "\n" not in message
    assert "judgements.yml" in message and "recorded-demand" in message and "'no_such_figure'" in message


def _summary(judgements, figures, **kwargs):
    threats = shipped_threats()
    titles = {"sections/demand": "Demand", **{f"threats/{t['id']}": t["title"] for t in threats}}
    return summary_markdown(judgements, figures, None, False, threats, None, None, titles, "judgements.yml", **kwargs)


@pytest.mark.parametrize("text", [t for _, t in HOSTILE if len(t) < 2000], ids=[i for i, t in HOSTILE if len(t) < 2000])
def test_judgement_text_and_figure_values_reach_the_page_as_text(text):
    judgements = pd.DataFrame(
        [{"id": "j", "text": text + " [[x]]", "likelihood": "likely", "evidence": "sections/demand", "figures": ["x"]}]
    )
    page = _summary(judgements, [{"name": "x", "value": text}])
    line = next(line for line in page.splitlines() if line.startswith("- **Likely:**"))
    assert myst_inline(text) in line  # the figure's value, text wherever it comes from
    judgement = line.split(" ({doc}")[0]
    tree = doctree(re.sub(r"\{doc\}`[^`<>]* </sections/[a-z0-9/-]+>`", "", judgement))  # links to the book's pages
    assert not node_kinds(tree) & {"raw", "reference", "image", "math", "substitution_reference", "target", "literal"}


def test_a_judgement_citing_a_page_the_book_lacks_stops():
    judgements = pd.DataFrame(
        [{"id": "j", "text": "T.", "likelihood": "likely", "evidence": "threats/no-such-threat", "figures": []}]
    )
    with pytest.raises(InputError, match="judgement j.evidence"):
        _summary(judgements, [])


def test_the_summary_leads_with_judgements_in_the_yardstick_words():
    _, judgements = read_judgements(JUDGEMENTS)
    names = {n for names in judgements["figures"] for n in names}
    page = _summary(judgements.assign(evidence="sections/demand"), [{"name": n, "value": 1.5} for n in names])
    assert page.startswith("# Executive summary\n\n## Key judgements")
    assert page.count("- **") == len(judgements) and "[[" not in page
    assert all(f"**{p.capitalize()}:**" in page for p in judgements["likelihood"])


def test_recorded_indicator_by_hand():
    recorded = pd.DataFrame(
        {"force": ["F", "F", "F", "G"], "offence_code": ["19C", "19C", "8L", "19C"], "count": [2, 3, 10, 4]}
    )
    weights = pd.Series({"19C": 100.0, "8L": 5.0})
    out = indicators.recorded_indicator(recorded, ["F", "G", "H"], ["19C"], weights).set_index("force")
    assert out.loc["F", "crimes"] == 5 and out.loc["F", "harm"] == 500.0
    assert out.loc["F", "harm_share"] == pytest.approx(100 * 500 / 550)
    assert out.loc["G", "harm_share"] == 100.0 and out.loc["H", "crimes"] == 0


def test_a_judgement_citing_a_page_that_waits_for_data_says_so():
    judgements = pd.DataFrame(
        [{"id": "j", "text": "Demand will rise.", "likelihood": "likely", "evidence": "sections/demand"}]
    )
    waiting = _summary(judgements, [], waiting=frozenset({"sections/demand"}))
    assert "{doc}`Demand <demand>`, a page that waits for data in this edition)" in waiting
    assert "waits for data" not in _summary(judgements, [])


def test_recommendation_numbers_with_gaps_are_explained():
    threats = shipped_threats()

    def page(numbers):
        ahead = pd.DataFrame(
            {"number": numbers, "recommendation": "Act", "owner": "Head", "due": "2017-06", "threat": threats[0]["id"]}
        )
        return recommendations_markdown(ahead, threats, None, "2016-11-30")

    assert "a number missing here" in page([2, 3, 5])
    assert "a number missing here" not in page([1, 2, 3])


def test_a_judgement_naming_threats_measured_by_harm_alone_says_what_the_data_shows_untested():
    """A judgement that expects no direction is never called supported or contradicted, and
    never 'no data' when its threats are measured: the line gives their harm share and rank."""
    from assess.present.summary import Evidence

    threats = shipped_threats()
    first, second = threats[0]["id"], threats[1]["id"]
    table = pd.DataFrame(
        [
            {"threat": first, "force": "Alpha", "harm_share": 12.34, "harm_rank": 2, "measured": 9, "found": None},
            {
                "threat": second,
                "force": "Alpha",
                "harm_share": float("nan"),
                "harm_rank": None,
                "measured": None,
                "found": None,
            },
        ]
    )
    judgements = pd.DataFrame(
        [
            {
                "id": "a",
                "text": "A.",
                "likelihood": "likely",
                "evidence": "sections/demand",
                "figures": [],
                "threats": [first],
                "direction": None,
            },
            {
                "id": "b",
                "text": "B.",
                "likelihood": "likely",
                "evidence": "sections/demand",
                "figures": [],
                "threats": [second],
                "direction": None,
            },
        ]
    )
    page = _summary(judgements, [], evidence=Evidence(table, None, "2018-19"), forces=("Alpha",))
    measured, unmeasured = (line for line in page.splitlines() if line.startswith("- **Likely:**"))
    title = threats[0]["title"].lower()
    assert "*Evidence: not tested against the data; its page shows what the data holds*" in measured
    assert myst_inline(f"{title}: 12.3% of the harm in Alpha (2nd of 9 measured threats)") in measured
    assert "*Evidence: this edition holds no data for it*." in unmeasured
