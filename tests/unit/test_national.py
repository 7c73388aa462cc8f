"""assess.analysis.national and its reader: ranks, spread, outliers, noise, peer distances, and one
force's rate and rank recomputed from the raw files with plain pandas and scipy."""

import csv
import functools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from assess.analysis import harm, national
from assess.edition import load_edition
from assess.errors import InputError
from assess.read.national_crime import FRAUD, ONS_LAYOUT, read_national_recorded_crime
from assess.read.ons_pfa_tables import TOTAL
from assess.read.period_cut import read_period, uncovered
from assess.read.recorded_crime import header_of
from conftest import ROOT, checked_editions, made_up_registry, names, shipped_editions, waits_for

NAMED = [p for p in shipped_editions() if "national_recorded_crime" in names(p)]


@functools.cache
def _covers(params) -> bool:
    """True when the national recorded crime of edition ``params`` covers its period (a later
    edition may wait for it): read when a test first asks, not when the tests are collected."""
    return not uncovered(load_edition(params, ROOT), ["national_recorded_crime"])


def _covered(params):
    """Skip the test unless the national recorded crime of ``params`` covers its period."""
    if not _covers(params):
        pytest.skip("the edition's national recorded crime does not cover its period")


@functools.cache
def _edition_tables(params):
    edition = load_edition(params, ROOT)
    crime = read_period(edition, "national_recorded_crime")
    weights = national.group_weights(read_period(edition, "harm_weights_chi"), sorted(crime["offence_group"].unique()))
    staff = national.workforce_by_force(
        read_period(edition, "workforce_specials"), edition.registry.by_home_office_name()
    )
    years = national.per_officer(national.force_years(crime, weights), staff)
    return national.per_resident(years, read_period(edition, "force_population"))


def test_every_shipped_edition_names_the_dataset_or_waits_for_it():
    waiting = [p for p in shipped_editions() if "national" in waits_for(p)]
    assert any(_covers(p) for p in NAMED) and set(NAMED) | set(waiting) == set(shipped_editions())


@pytest.mark.parametrize("params", checked_editions(NAMED), ids=lambda p: p.stem)
def test_one_forces_rate_and_rank_recomputed_from_the_raw_files(params):
    """Crimes per officer and per 1,000 residents of each of the edition's forces in the latest
    financial year of its period, and its ranks of all forces, from the three raw CSV files with
    the csv module, pandas and scipy (residents at the mid-year inside the financial year)."""
    _covered(params)
    edition = load_edition(params, ROOT)
    year_end = edition.periods["national_recorded_crime"].end  # YYYY-03
    registry = edition.registry.names
    path = edition.path("national_recorded_crime")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    crimes = {}
    if ONS_LAYOUT in header_of(path):  # the ONS table prints each force's total beside its groups
        codes = dict(zip(edition.registry.table["ons_pfa_code"], edition.registry.table["force"], strict=True))
        for row in rows:
            if row["twelve_months_ending"] == f"{year_end}-31" and row["offence_group_clean"] == TOTAL:
                crimes[codes[row["area_code"]]] = int(row["offences"])
    else:
        day = f"31/03/{year_end[:4]}"
        for row in rows:
            if row["12 months ending"] == day and row["PFA"] in registry and row["Offence"] != FRAUD:
                crimes[row["PFA"]] = crimes.get(row["PFA"], 0) + int(row["Rolling year total number of offences"])
    workforce = pd.read_csv(edition.path("workforce_specials"))
    officers = workforce[
        (workforce["as_at"] == f"{year_end[:4]}-03-31")
        & (workforce["level"] == "force")
        & (workforce["measure"] == "police_officers_fte")
    ]
    names = {k.replace("&", "and"): v for k, v in edition.registry.by_home_office_name().items()}
    fte = {names[a.replace("&", "and")]: v for a, v in zip(officers["area"], officers["value"], strict=True)}
    assert set(crimes) == set(fte) == set(registry)
    forces = sorted(crimes)
    rate = np.array([crimes[f] / fte[f] for f in forces])
    ranks = stats.rankdata(-rate, method="min")

    computed = _edition_tables(params)
    latest = computed[computed["financial_year"] == computed["financial_year"].max()].set_index("force")
    assert national.year_end(latest["financial_year"].iloc[0])[:7] == year_end
    mine = national.rank(latest["crimes_per_officer"])
    for force in edition.forces:
        i = forces.index(force)
        assert latest.loc[force, "crimes_per_officer"] == pytest.approx(rate[i], rel=1e-12)
        assert mine[force] == ranks[i]

    with open(edition.path("force_population"), newline="", encoding="utf-8") as handle:
        mid_year = str(int(year_end[:4]) - 1)  # 30 June inside the year to March
        home_office = edition.registry.by_home_office_name()
        people = {
            home_office[r["pfa_name"]]: int(r["population"]) for r in csv.DictReader(handle) if r["year"] == mid_year
        }
    per_1000 = np.array([1000 * crimes[f] / people[f] for f in forces])
    resident_ranks = stats.rankdata(-per_1000, method="min")
    mine = national.rank(latest["crimes_per_1000"])
    for force in edition.forces:
        i = forces.index(force)
        assert latest.loc[force, "crimes_per_1000"] == pytest.approx(per_1000[i], rel=1e-12)
        assert mine[force] == resident_ranks[i]
    whole = 1000 * sum(crimes.values()) / sum(people.values())
    assert national.england_and_wales(latest, "crimes_per_1000") == pytest.approx(whole, rel=1e-12)


@pytest.mark.parametrize("params", checked_editions(NAMED), ids=lambda p: p.stem)
def test_nothing_after_the_as_of_date(params):
    """Crime years end, and workforce counts are dated, on or before the edition's as-of date."""
    _covered(params)
    edition = load_edition(params, ROOT)
    computed = _edition_tables(params)
    assert computed["as_at"].max() <= edition.as_of
    staff = read_period(edition, "workforce_specials")
    assert staff["as_at"].max() <= edition.as_of


def test_peer_distance_by_hand():
    # Median (1, 1), quartiles 0 and 2 (IQR 2) in each column: A(-0.5,-0.5) B(0.5,-0.5) C(-0.5,0.5) D(0.5,0.5).
    features = pd.DataFrame({"x": [0, 2, 0, 2], "y": [0, 0, 2, 2]}, index=list("ABCD"), dtype=float)
    near = national.peers(features, "A", 3)
    assert list(near["force"]) == ["B", "C", "D"]  # B and C tie at 1: by name
    assert near["distance"].tolist() == pytest.approx([1.0, 1.0, math.sqrt(2)])
    # Standardising makes the unit of a characteristic irrelevant.
    rescaled = features.assign(y=features["y"] * 1000)
    assert national.peers(rescaled, "A", 3)["distance"].tolist() == pytest.approx(near["distance"].tolist())


def test_peer_distance_uneven_columns():
    # x: 0, 1, 5 -> quartiles 0.5 and 3 (IQR 2.5); y: 0, 3, 3 -> quartiles 1.5 and 3 (IQR 1.5).
    features = pd.DataFrame({"x": [0.0, 1.0, 5.0], "y": [0.0, 3.0, 3.0]}, index=["P", "Q", "R"])
    near = national.peers(features, "P", 2).set_index("force")["distance"]
    assert near["Q"] == pytest.approx(math.hypot(1 / 2.5, 3 / 1.5))
    assert near["R"] == pytest.approx(math.hypot(5 / 2.5, 3 / 1.5))


def test_one_force_far_from_the_rest_does_not_squeeze_the_others():
    """The distance between two ordinary forces is the same whether the far force's value is
    100 or 10,000 (the median and quartiles do not move); with means and standard deviations it
    would shrink a hundredfold."""
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    near = lambda far: national.peers(pd.DataFrame({"x": [*values, far]}, index=[*"ABCDEFGH", "Z"]), "A", 1)  # noqa: E731
    assert near(100.0)["distance"].iloc[0] == pytest.approx(near(10_000.0)["distance"].iloc[0])
    assert near(100.0)["force"].iloc[0] == "B"


def test_rates_per_1000_residents_and_england_and_wales_by_hand():
    years = pd.DataFrame(
        {
            "financial_year": ["2018-19", "2018-19", "2017-18"],
            "force": ["Alpha", "Beta", "Alpha"],
            "crimes": [1_234, 40_000, 1_000],
            "harm": [98_765.0, 1_000_000.0, 90_000.0],
            "officers": [50.0, 1_000.0, 48.0],
        }
    )
    population = pd.DataFrame(
        {
            "force": ["Alpha", "Beta", "Alpha", "Alpha"],
            "year": [2018, 2018, 2017, 2019],
            "population": [56_789, 500_000, 56_000, 57_000],
        }
    )
    out = national.per_resident(years, population).set_index(["financial_year", "force"])
    # 2018/19 takes the mid-2018 estimate (30 June 2018 lies inside April 2018 to March 2019).
    assert out.loc[("2018-19", "Alpha"), "population"] == 56_789
    assert out.loc[("2018-19", "Alpha"), "crimes_per_1000"] == pytest.approx(1_234 / 56_789 * 1000)  # 21.73
    assert out.loc[("2018-19", "Alpha"), "harm_per_1000"] == pytest.approx(98_765 / 56.789)
    assert out.loc[("2017-18", "Alpha"), "officers_per_1000"] == pytest.approx(48 / 56)
    latest = out.loc["2018-19"]
    # England and Wales as a whole: all crime over all residents, not the middle force.
    assert national.england_and_wales(latest, "crimes_per_1000") == pytest.approx(41_234 / 556.789)
    assert national.measure(latest, "crimes_per_1000")["Beta"] == pytest.approx(80.0)
    assert national.england_and_wales(latest, "crimes_per_officer") == pytest.approx(41_234 / 1_050)


def test_only_years_that_hold_every_force_are_compared():
    years = pd.DataFrame(
        {
            "financial_year": ["2016-17", "2017-18", "2017-18", "2018-19", "2018-19"],
            "force": ["A", "A", "B", "A", "B"],
            "crimes": [1, 2, 3, 4, 5],
            "population": [10, 10, 10, 10, None],
        }
    )
    assert national.complete_years(years, ["A", "B"]) == ["2017-18"]


def test_rank_spread_and_outliers_known_answers():
    values = pd.Series([1.0, 2.0, 3.0, 4.0, 100.0], index=list("abcde"))
    assert national.spread(values) == {"median": 3.0, "q1": 2.0, "q3": 4.0, "iqr": 2.0}
    assert list(national.outliers(values)) == [False, False, False, False, True]  # fence at 4 + 1.5 × 2 = 7
    tied = pd.Series([1.0, 2.0, 2.0, 3.0], index=list("wxyz"))
    assert national.rank(tied).tolist() == [4, 2, 2, 1]


def test_group_weights_volume_weighted():
    chi = pd.DataFrame(
        {
            "chi_subgroup": ["Rape offences", "Other sexual offences", "Shoplifting"],
            "cchi_days": [1000.0, 100.0, 1.0],
            "national_count_2024_25": [1, 3, 50],
        }
    )
    weights = national.group_weights(chi, ["Sexual offences", "Shoplifting", "Robbery"])
    assert weights["Sexual offences"] == pytest.approx((1000 + 300) / 4)
    assert weights["Shoplifting"] == 1.0
    assert math.isnan(weights["Robbery"])


def test_every_published_group_has_a_weight():
    edition = load_edition(next(p for p in NAMED if _covers(p)), ROOT)
    crime = read_period(edition, "national_recorded_crime")
    weights = national.group_weights(read_period(edition, "harm_weights_chi"), sorted(crime["offence_group"].unique()))
    assert weights.notna().all(), list(weights[weights.isna()].index)


def test_reader_keeps_territorial_forces_financial_years_and_no_fraud(write_csv):
    header = "12 months ending,PFA,Region,Offence,Rolling year total number of offences\r\n"
    body = (
        "31/03/2018,Alpha,R,Robbery,5\r\n31/03/2018,Alpha,R,Fraud offences,7\r\n"
        "31/03/2018,Beta,R,Robbery,2\r\n31/03/2018,Action Fraud,R,Action Fraud,9\r\n"
        "30/06/2018,Alpha,R,Robbery,6\r\n30/06/2018,Beta,R,Robbery,3\r\n"
    )
    two = made_up_registry()
    two = type(two)(two.table[two.table["force"] != "Gamma"].reset_index(drop=True))
    table = read_national_recorded_crime(write_csv(header + body), two)
    assert table.to_dict("records") == [
        {"financial_year": "2017-18", "force": "Alpha", "offence_group": "Robbery", "count": 5},
        {"financial_year": "2017-18", "force": "Beta", "offence_group": "Robbery", "count": 2},
    ]
    with pytest.raises(InputError, match="column 'PFA'.*no counts for Gamma"):
        read_national_recorded_crime(write_csv(header + body), made_up_registry())


def test_group_weighting_agrees_with_offence_code_weighting():
    """Harm weighted by offence group (this chapter) against harm weighted by offence code (the
    Demand chapter), in a year both tables hold: every force within 15%, and the two orders of
    harm per crime with a Spearman correlation above 0.9."""
    params = next(p for p in NAMED if _covers(p) and not uncovered(load_edition(p, ROOT), ["recorded_crime_force"]))
    edition = load_edition(params, ROOT)
    code_level = read_period(edition, "recorded_crime_force")
    year = code_level["financial_year"].iloc[0].replace("/", "-")
    code_level["force"] = code_level["force_name"].map(edition.registry.by_home_office_name())
    code_level = code_level[code_level["force"].notna()]
    chi = read_period(edition, "harm_weights_chi")
    weights = harm.offence_weights(
        read_period(edition, "offence_crosswalk"), chi, read_period(edition, "harm_weights_css")
    ).set_index("offence_code")["chi"]
    by_code = harm.weigh(code_level, weights, "offence_code").groupby("force")[["count", "harm"]].sum()
    crime = read_period(edition, "national_recorded_crime")
    crime = crime[crime["financial_year"] == year]
    by_group = national.force_years(
        crime, national.group_weights(chi, sorted(crime["offence_group"].unique()))
    ).set_index("force")
    by_group = by_group.loc[by_code.index]  # the forces the code-level table holds
    ratio = by_group["harm"] / by_code["harm"]
    assert ratio.between(0.85, 1.15).all(), ratio[~ratio.between(0.85, 1.15)]
    rho = stats.spearmanr(by_group["harm_per_crime"], by_code["harm"] / by_code["count"]).statistic
    assert rho > 0.9
