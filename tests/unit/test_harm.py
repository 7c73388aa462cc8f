"""Harm weighting: hand-computed harm, nothing dropped, the crosswalk covers the shipped data,
and the reference weights still agree with the raw files they were copied from."""

import csv
import math

import pandas as pd
import pytest

from assess.analysis import area_rates, harm
from assess.edition import load_edition
from assess.read.period_cut import read_period, uncovered
from assess.read.recorded_crime import NATIONAL_BODIES, read_recorded_crime
from assess.read.registry import read_dataset
from conftest import DEFAULT_PARAMS, ROOT

EDITION = load_edition(DEFAULT_PARAMS, ROOT)
CROSSWALK = read_dataset(EDITION, "offence_crosswalk")
CHI = read_dataset(EDITION, "harm_weights_chi")
CSS = read_dataset(EDITION, "harm_weights_css")
WEIGHTS = harm.offence_weights(CROSSWALK, CHI, CSS).set_index("offence_code")


def test_harm_by_hand():
    counts = pd.DataFrame({"force": ["A", "A", "B"], "offence_code": ["46", "19C", "46"], "count": [10, 2, 3]})
    out = harm.weigh(counts, WEIGHTS["chi"], "offence_code")
    # Shoplifting (46) weighs 1 day; rape of a female aged 16 and over (19C) 2,555 days (CCHI 2026 medians).
    assert out["weight"].tolist() == [1.0, 2555.0, 1.0]
    assert out["harm"].tolist() == [10.0, 5110.0, 3.0]
    css = harm.weigh(counts, WEIGHTS["css"], "offence_code")
    assert css["harm"].iloc[1] == pytest.approx(2 * 2952.940993)


def test_unknown_code_is_an_explicit_unweighted_row_never_dropped():
    counts = pd.DataFrame({"offence_code": ["46", "ZZ9", "ZZ9"], "count": [4, 5, 6]})
    out = harm.weigh(counts, WEIGHTS["chi"], "offence_code")
    assert len(out) == 3 and out["count"].sum() == counts["count"].sum()
    assert out["weighted"].tolist() == [True, False, False] and out["harm"].isna().tolist() == [False, True, True]
    assert harm.unweighted(out, "offence_code").to_dict("records") == [{"offence_code": "ZZ9", "count": 11}]


PRC_2017_18 = ROOT / "data/raw/home_office_prc_pfa/prc-pfa-mar2013-onwards-tables201718.csv"
SPELLINGS = {**EDITION.registry.resolver("home_office_name"), **EDITION.registry.resolver("prc_rds_name")}


@pytest.mark.slow
def test_every_code_an_edition_reads_has_both_weights():
    """Every offence code of the recorded crime each shipped edition reads (its own period) has a
    Crime Harm Index weight, and a Crime Severity Score weight unless the crosswalk gives it none."""
    no_css = set(CROSSWALK.loc[CROSSWALK["css_code"] == "", "offence_code"])
    checked = 0
    for params in sorted((ROOT / "params").glob("*.yml")):
        edition = load_edition(params, ROOT)
        if "recorded_crime_force" not in edition.data or uncovered(edition, ["recorded_crime_force"]):
            continue
        recorded = read_period(edition, "recorded_crime_force")
        codes = set(recorded.loc[recorded["force"].notna(), "offence_code"])
        assert codes <= set(WEIGHTS.index), (params.name, sorted(codes - set(WEIGHTS.index)))
        assert WEIGHTS.loc[sorted(codes), "chi"].notna().all(), params.name
        assert WEIGHTS.loc[sorted(codes - no_css), "css"].notna().all(), params.name
        checked += 1
    assert checked >= 4


def test_out_of_scope_rows_are_the_national_bodies_only():
    recorded = read_recorded_crime(PRC_2017_18, SPELLINGS)
    outside = set(recorded.loc[recorded["force"].isna(), "force_name"])
    assert outside == {"Action Fraud", "CIFAS", "UK Finance", "Financial Fraud Action UK", "British Transport Police"}
    assert outside == set(NATIONAL_BODIES) and recorded["force"].nunique() == 43


def test_weighted_totals_equal_the_raw_counts_read_independently():
    recorded = read_recorded_crime(PRC_2017_18, SPELLINGS)
    mine = recorded[recorded["force"] == "West Mercia"]
    out = harm.weigh(mine, WEIGHTS["chi"], "offence_code")
    with open(PRC_2017_18, newline="") as f:
        raw = sum(int(r["Number of Offences"].strip()) for r in csv.DictReader(f) if r["Force Name"] == "West Mercia")
    assert out["count"].sum() == raw == 84350
    assert out["weighted"].all()
    shares = harm.shares(out, "offence_group")
    assert shares["volume_share"].sum() == pytest.approx(100) and shares["harm_share"].sum() == pytest.approx(100)


def test_reference_weights_agree_with_the_raw_files():
    raw_chi = pd.read_csv(ROOT / "data/raw/cchi_cbl_realcrime/cchi_weights.csv")
    assert dict(zip(raw_chi["prc_subgroup"], raw_chi["cchi_days"], strict=True)) == dict(
        zip(CHI["chi_subgroup"], CHI["cchi_days"], strict=True)
    )
    raw_css = pd.read_csv(ROOT / "data/raw/ons_css_mopd/policeuk-ons-code-join.csv", dtype=str)
    expected = {c: float(w) for c, w in zip(raw_css["ONS_SEVERITY_code"], raw_css["ONS_SEVERITY_weight"], strict=True)}
    assert dict(zip(CSS["css_code"], CSS["css_weight"], strict=True)) == expected


def test_crosswalk_categories_agree_with_the_published_mapping():
    with open(ROOT / "data/raw/home_office_prc_pfa/CrimeCatMappings.csv", encoding="utf-8") as f:
        published = {r["Offence_Code"].strip(): r["Police.uk_Cat"].strip().lower() for r in csv.DictReader(f)}
    crosswalk = read_dataset(EDITION, "offence_crosswalk")
    assert len(crosswalk) > 100
    mapped = crosswalk[crosswalk["offence_code"].isin(list(published))]
    assert {c: p.lower() for c, p in zip(mapped["offence_code"], mapped["police_uk_category"], strict=True)} == {
        c: published[c] for c in mapped["offence_code"]
    }
    # A code of a later table than the mapping's says so, and takes its subgroup's category.
    later = crosswalk[~crosswalk["offence_code"].isin(list(published))]
    assert len(later) < 10 and later["note"].str.contains("October 2023").all()
    category_of = (
        crosswalk[crosswalk["offence_code"].isin(list(published))]
        .groupby("chi_subgroup")["police_uk_category"]
        .agg(set)
    )
    for row in later.itertuples():
        assert category_of[row.chi_subgroup] == {row.police_uk_category}, row.offence_code


def test_crosswalk_renames_are_explicit():
    row = CROSSWALK.set_index("offence_code")
    assert (
        row.loc["28E", "prc_subgroup_2017_18"] == "Domestic burglary"
        and row.loc["28E", "chi_subgroup"] == "Residential burglary"
    )
    assert row.loc["1/4.1/4.10/4.2", "css_code"] == "1, 4.1/2/10"
    assert "Residential burglary" in row.loc["28E", "note"]


def test_category_weights_reproduce_the_published_by_category_weights():
    derived = harm.category_weights(CHI, "police_uk_category", "cchi_days", "national_count_2024_25")
    published = pd.read_csv(ROOT / "data/raw/cchi_cbl_realcrime/cchi_weights_by_category.csv").set_index("crime_type")[
        "cchi_days"
    ]
    assert derived.round(2).to_dict() == pytest.approx(published.to_dict(), abs=0.006)


def test_category_weight_by_hand():
    members = pd.DataFrame({"cat": ["X", "X", "Y"], "w": [10.0, 1.0, 5.0], "n": [1, 3, 7]})
    assert harm.category_weights(members, "cat", "w", "n").to_dict() == {"X": pytest.approx(13 / 4), "Y": 5.0}


def _css_mix_weights(weights: pd.DataFrame, recorded: pd.DataFrame) -> dict:
    """CSS weight per police.uk category as the Demand chapter averages it: the code weights by the
    codes' recorded volumes (``area_rates``)."""
    keyed = weights.set_index("offence_code")
    return area_rates.mix_weights(
        keyed["css"], keyed["police_uk_category"], area_rates.national_mix(recorded)
    ).to_dict()


def test_css_category_weight_by_hand():
    weights = pd.DataFrame(
        {"offence_code": ["a", "b", "c"], "police_uk_category": ["X", "X", "Y"], "css": [10.0, 2.0, 7.0]}
    )
    recorded = pd.DataFrame({"offence_code": ["a", "b", "b", "c"], "count": [1, 2, 1, -4]})
    # X: (10 × 1 + 2 × 3) / 4 = 4; Y's only volume is a negative adjustment, counted as none.
    assert _css_mix_weights(weights, recorded) == {"X": pytest.approx(4.0)}


def test_css_category_weights_count_negative_adjustments_as_none():
    weights = pd.DataFrame(
        {
            "offence_code": ["a", "b", "c", "d", "e"],
            "police_uk_category": ["X", "X", "Y", "Y", "Z"],
            "css": [10.0, 2.0, 7.0, 1.0, 3.0],
        }
    )
    recorded = pd.DataFrame({"offence_code": ["a", "a", "b", "c", "d", "d", "e"], "count": [2, 1, -1, 1, 5, -2, 0]})
    out = _css_mix_weights(weights, recorded)
    # X: a = 3, b = -1 counted as 0 → 10. Unclipped it would be (30 - 2) / 2 = 14.
    # Y: c = 1, d nets to 3 (adjustments within a code cancel first) → (7 + 3) / 4 = 2.5.
    # Z: only a zero volume: no weight can be averaged, so it has none.
    assert out == {"X": pytest.approx(10.0), "Y": pytest.approx(2.5)}


def test_css_category_weights_leave_out_codes_without_a_weight_or_count():
    weights = pd.DataFrame(
        {"offence_code": ["a", "b", "c"], "police_uk_category": ["X", "X", "X"], "css": [4.0, None, 100.0]}
    )
    recorded = pd.DataFrame({"offence_code": ["a", "b", "z"], "count": [2, 50, 9]})
    # b has no weight and c no recorded count: X's weight is a's alone.
    assert _css_mix_weights(weights, recorded) == {"X": 4.0}


def test_offence_weights_join_both_schemes_and_keep_gaps():
    crosswalk = pd.DataFrame(
        {
            "offence_code": ["1", "2", "3"],
            "offence_description": ["one", "two", "three"],
            "chi_subgroup": ["s1", "s2", "s9"],
            "css_code": ["c1", "c9", "c1"],
            "police_uk_category": ["K", "K", "L"],
            "note": ["", "", ""],
        }
    )
    chi = pd.DataFrame({"chi_subgroup": ["s1", "s2"], "cchi_days": [5.0, 50.0], "other": [0, 0]})
    css = pd.DataFrame({"css_code": ["c1"], "css_weight": [12.5]})
    out = harm.offence_weights(crosswalk, chi, css)
    assert list(out.columns) == [
        "offence_code",
        "offence_description",
        "chi_subgroup",
        "police_uk_category",
        "chi",
        "css",
    ]
    assert out["offence_code"].tolist() == ["1", "2", "3"]
    assert out["chi"].tolist()[:2] == [5.0, 50.0] and math.isnan(out["chi"].iloc[2])
    assert out["css"].iloc[0] == 12.5 and math.isnan(out["css"].iloc[1]) and out["css"].iloc[2] == 12.5


def test_shares_and_unweighted_by_hand():
    weighed = pd.DataFrame(
        {
            "g": ["A", "A", "B", "C", "C"],
            "offence_code": ["1", "2", "3", "4", "5"],
            "count": [1, 3, 4, 10, 2],
            "harm": [10.0, 30.0, 60.0, None, None],
            "weighted": [True, True, True, False, False],
        }
    )
    out = harm.shares(weighed, "g")
    # Weighted rows only: A has 4 of 8 crimes and 40 of 100 harm; B 4 of 8 and 60 of 100.
    assert out["g"].tolist() == ["B", "A"]
    assert out["volume_share"].tolist() == [50.0, 50.0] and out["harm_share"].tolist() == [60.0, 40.0]
    assert out["count"].tolist() == [4, 4] and out.index.tolist() == [0, 1]
    missing = harm.unweighted(weighed, "offence_code")
    assert missing.to_dict("records") == [{"offence_code": "4", "count": 10}, {"offence_code": "5", "count": 2}]
    assert harm.unweighted(weighed.iloc[::-1], "offence_code")["offence_code"].tolist() == ["4", "5"]


def test_per_thousand():
    assert harm.per_thousand(250, 500_000) == pytest.approx(0.5)
    assert harm.per_thousand(3, 1500) == pytest.approx(2.0)


def test_weigh_uses_the_named_count_column():
    counts = pd.DataFrame({"k": ["x", "y"], "n": [3, 4], "count": [100, 100]})
    out = harm.weigh(counts, pd.Series({"x": 2.0, "y": 0.5}), "k", count="n")
    assert out["harm"].tolist() == [6.0, 2.0] and out["weighted"].tolist() == [True, True]


def test_rates_are_rounded_to_the_population_behind_them():
    assert harm.significant_figures(500000) == 1 and harm.significant_figures(1200000) == 2
    assert harm.significant_figures(562143) == 6
    assert harm.round_to_population(1234.5678, 500000) == 1000.0
    assert harm.round_to_population(1234.5678, 1200000) == 1200.0
    assert harm.round_to_population(1234.5678, 562143) == 1230.0  # at most three figures


def test_index_shares_side_by_side_by_hand():
    weighed = pd.DataFrame(
        {
            "group": ["a", "a", "b", "c"],
            "count": [10, 10, 60, 20],
            "chi": [100.0, 100.0, 60.0, 40.0],
            "css": [10.0, 10.0, 120.0, None],
        }
    )
    out = harm.index_shares(weighed, "group", {"chi": "chi", "css": "css"}).set_index("group")
    # c has no CSS weight, so it is left out of every share.
    assert list(out.index) == ["a", "b"] and out["volume_share"].tolist() == pytest.approx([25.0, 75.0])
    assert out.loc["a", "chi_share"] == pytest.approx(200 / 260 * 100) and out.loc["a", "css_share"] == pytest.approx(
        100 / 7
    )
    assert out.loc["a", "chi_rank"] == 1 and out.loc["a", "css_rank"] == 2


def test_area_population_joins_ons_names_to_the_lookup():
    population = pd.DataFrame(
        {
            "lad_name": ["Herefordshire, County of", "Worcester", "Malvern Hills", "Worcester"],
            "year": [2017, 2017, 2017, 2016],
            "population": [190000, 100000, 75000, 1],
        }
    )
    areas = pd.DataFrame(
        {
            "force": ["W"] * 3,
            "policing_area": ["Herefordshire", "South", "South"],
            "local_authority": ["Herefordshire", "Worcester", "Malvern Hills"],
        }
    )
    out = harm.area_population(population, areas, 2017).set_index("policing_area")
    assert out.loc["South", "population"] == 175000 and out.loc["Herefordshire", "districts"] == 1
    with pytest.raises(ValueError, match="mid-2016 population for the districts Herefordshire, Malvern Hills"):
        harm.area_population(population, areas, 2016)
    financial_year = [f"2017-{m:02d}" for m in range(4, 13)] + ["2018-01", "2018-02", "2018-03"]
    assert harm.population_year(financial_year, range(2015, 2021)) == 2017
    assert harm.population_year(financial_year, [2018]) == 2018  # the only estimate the edition holds
    assert harm.population_year(financial_year, [2016, 2018]) == 2016
    assert harm.population_year(["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"], range(2015, 2021)) == 2018


def test_every_district_of_the_policing_areas_lookup_has_an_ons_population():
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    population = read_dataset(edition, "district_population")
    areas = read_dataset(edition, "policing_areas")
    for year in sorted(population["year"].unique()):
        people = harm.area_population(population, areas, year)
        assert people["districts"].sum() == len(areas)
        by_force = people.groupby("force")["population"].sum()
        assert (by_force == population[population["year"] == year].groupby("force")["population"].sum()).all()
