"""Known-answer tests of assess.analysis.period_compare on SIMULATED counts (fixed seeds)."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats import rates

from assess.analysis import period_compare as pc


def nb_series(
    seed: int, months: int = 50, mean: float = 100.0, size: float = 20.0, start: str = "2015-01"
) -> pd.Series:
    """Negative binomial monthly counts with a season and no change (dispersion about 1 + mean/size)."""
    rng = np.random.default_rng(seed)
    index = pd.period_range(start, periods=months, freq="M")
    mu = mean * (1 + 0.2 * np.sin(2 * np.pi * index.month.to_numpy() / 12)) * index.days_in_month.to_numpy() / 30.4
    return pd.Series(rng.poisson(rng.gamma(size, mu / size)), index=index.astype(str))


def test_one_month_against_a_year_before_by_hand():
    series = nb_series(1, months=30)
    result = pc.compare_window(series, recent_months=1)
    y_now, y_then = series.iloc[-1], series.iloc[-13]
    days_now, days_then = (
        pd.Period(series.index[-1], "M").days_in_month,
        pd.Period(series.index[-13], "M").days_in_month,
    )
    assert result.comparison == pc.LIKE and result.direction_allowed
    assert result.rate_ratio == pytest.approx((y_now / days_now) / (y_then / days_then))
    months = pd.PeriodIndex(series.index, freq="M")
    design = pd.DataFrame({"const": 1.0}, index=months)
    design = design.join(
        pd.get_dummies((29 - np.arange(30)) // 12, prefix="b", drop_first=True, dtype=float).set_axis(months)
    )
    design = design.join(pd.get_dummies(months.month, prefix="m", drop_first=True, dtype=float).set_axis(months))
    reference = sm.GLM(
        series.to_numpy(),
        design,
        family=sm.families.Poisson(),
        offset=np.log(months.days_in_month.to_numpy(dtype=float)),
    ).fit(scale="X2")
    assert result.dispersion == pytest.approx(max(1.0, reference.scale)) and result.df == reference.df_resid
    assert result.log_se == pytest.approx(np.sqrt(result.dispersion * (1 / y_now + 1 / y_then)))


def test_adjacent_when_no_year_before():
    result = pc.compare_window(nb_series(2, months=13), recent_months=2, earlier_months=3)
    assert result.comparison == pc.ADJACENT and not result.direction_allowed
    assert (result.recent, result.earlier) == ("2015-12..2016-01", "2015-09..2015-11")


def test_overdispersed_null_is_calibrated_and_bh_flags_about_five_percent():
    """400 NB series with no change, in 20 batches of 20: p < 0.05 about 5% of the time; BH flags
    something in about 5% of batches; the old Poisson test on pooled counts flags far more."""
    frames, unadjusted, old = [], 0, 0
    for seed in range(400):
        series = nb_series(1000 + seed)
        frames.append(
            pd.DataFrame({"batch": seed // 20, "group": seed, "month": series.index, "count": series.to_numpy()})
        )
        unadjusted += pc.compare_window(series, 2).p_value < 0.05
        old += (
            rates.test_poisson_2indep(
                int(series.iloc[-2:].sum()), 59, int(series.iloc[-14:-12].sum()), 59, method="score"
            ).pvalue
            < 0.05
        )
    sd = np.sqrt(0.05 * 0.95 / 400)
    assert abs(unadjusted / 400 - 0.05) <= 3 * sd
    assert old / 400 > 0.15
    batches = [
        pc.compare_groups(frame, ["group"], 2)["flagged"].any() for _, frame in pd.concat(frames).groupby("batch")
    ]
    assert sum(batches) <= 4  # binomial(20, 0.05) exceeds 4 with probability 0.3%


def test_fcr_intervals_match_bh_verdicts():
    frames = []
    for group, ratio in enumerate([1.0] * 8 + [1.6, 0.6]):
        series = nb_series(50 + group, size=200).astype(float)
        series.iloc[-2:] = np.round(series.iloc[-2:] * ratio)
        frames.append(pd.DataFrame({"group": group, "month": series.index, "count": series.to_numpy()}))
    table = pc.compare_groups(pd.concat(frames), ["group"], 2)
    excludes_one = (table["fcr_low"] > 1) | (table["fcr_high"] < 1)
    assert (excludes_one == table["flagged"]).all() and table["flagged"].sum() >= 1
    assert set(table.loc[table["flagged"], "direction"]) <= {"higher", "lower"}
    assert table["fcr_level"].iloc[0] == pytest.approx(1 - table["flagged"].sum() * 0.05 / 10)


def glm_reference(series: pd.Series, recent: int, comparison: str, dispersion: float, df: int):
    """The window comparison fitted by statsmodels: rate ratio, 95% t interval, p (quasi-Poisson)."""
    months = pd.PeriodIndex(series.index, freq="M")
    later = months[-recent:]
    window = months[-recent:].append(months[-recent - 12 : -12]) if comparison == pc.LIKE else months
    counts = pd.Series(series.to_numpy(dtype=float), index=months).loc[window]
    design = pd.DataFrame({"const": 1.0, "recent": window.isin(later).astype(float)}, index=window)
    if comparison == pc.LIKE:
        design = design.join(pd.get_dummies(window.month, prefix="m", drop_first=True, dtype=float).set_axis(window))
    fit = sm.GLM(
        counts.to_numpy(), design, family=sm.families.Poisson(), offset=np.log(window.days_in_month.to_numpy(float))
    ).fit()
    beta, se = fit.params["recent"], fit.bse["recent"] * np.sqrt(dispersion)
    t = stats.t.ppf(0.975, df)
    return np.exp(beta), np.exp(beta - t * se), np.exp(beta + t * se), 2 * stats.t.sf(abs(beta / se), df), se


def dispersion_reference(series: pd.Series, block: int, seasonal: bool) -> tuple[float, int]:
    """Pearson chi-square / df (statsmodels) under a level per ``block`` months from the end (and season)."""
    months = pd.PeriodIndex(series.index, freq="M")
    n = len(months)
    design = pd.DataFrame({"const": 1.0}, index=months)
    design = design.join(
        pd.get_dummies((n - 1 - np.arange(n)) // block, prefix="b", drop_first=True, dtype=float).set_axis(months)
    )
    if seasonal:
        design = design.join(pd.get_dummies(months.month, prefix="m", drop_first=True, dtype=float).set_axis(months))
    fit = sm.GLM(
        series.to_numpy(dtype=float),
        design,
        family=sm.families.Poisson(),
        offset=np.log(months.days_in_month.to_numpy(float)),
    ).fit(scale="X2")
    return fit.scale, int(fit.df_resid)


def test_three_months_against_a_year_before_match_statsmodels_with_overdispersion():
    series = nb_series(7, months=40, size=200)  # dispersion about 1.5
    result = pc.compare_window(series, recent_months=3)
    scale, df = dispersion_reference(series, 12, seasonal=True)
    assert 1 < scale < 2 and result.dispersion == pytest.approx(scale) and result.df == df
    ratio, low, high, p, se = glm_reference(series, 3, pc.LIKE, scale, df)
    assert (result.recent, result.earlier) == ("2018-02..2018-04", "2017-02..2017-04")
    assert (result.recent_count, result.earlier_count) == (series.iloc[-3:].sum(), series.iloc[-15:-12].sum())
    assert result.rate_ratio == pytest.approx(ratio) and result.log_se == pytest.approx(se)
    assert (result.ci_low, result.ci_high, result.p_value) == pytest.approx((low, high, p))
    assert result.ci_low < result.rate_ratio < result.ci_high


def test_adjacent_months_match_statsmodels_with_a_level_per_window_length():
    series = nb_series(8, months=11, mean=60, size=10)
    result = pc.compare_window(series, recent_months=3, earlier_months=5)
    assert (result.recent, result.earlier) == ("2015-09..2015-11", "2015-04..2015-08")
    scale, df = dispersion_reference(series, 3, seasonal=False)
    assert scale > 1 and result.dispersion == pytest.approx(scale) and result.df == df == 7
    ratio, low, high, p, se = glm_reference(series.iloc[-8:], 3, pc.ADJACENT, scale, df)
    assert result.rate_ratio == pytest.approx(ratio) and result.log_se == pytest.approx(se)
    assert (result.ci_low, result.ci_high, result.p_value) == pytest.approx((low, high, p))


def test_the_fewest_months_a_comparison_takes_and_what_it_refuses():
    three = pd.Series([5, 1, 1], index=["2019-01", "2019-02", "2019-03"])  # one earlier month, one df
    result = pc.compare_window(three, recent_months=2)
    assert (result.earlier, result.df, result.recent_count, result.earlier_count) == ("2019-01..2019-01", 1, 2, 5)
    assert result.rate_ratio == pytest.approx((2 / 59) / (5 / 31))
    with pytest.raises(ValueError, match="^no earlier months to compare with$"):
        pc.compare_window(three, recent_months=3)
    with pytest.raises(ValueError, match="^2 months leave no degrees of freedom to estimate the dispersion$"):
        pc.compare_window(three.iloc[:2], recent_months=1)
    for counts in ([5, 0, 0], [0, 1, 1]):
        with pytest.raises(ValueError, match="^a window with no counts has no finite rate ratio$"):
            pc.compare_window(pd.Series(counts, index=three.index), recent_months=2)
    assert pc.compare_window(pd.Series([1, 1, 0], index=three.index), recent_months=2).recent_count == 1


def test_compare_totals_by_hand_and_as_the_window_comparison_estimates_it():
    # 30 crimes in 90 days against 20 in 90: the rate ratio is 1.5 and z = (30 − 20) / √(30 + 20) = √2.
    ratio, p = pc.compare_totals(30, 90, 20, 90)
    assert ratio == pytest.approx(1.5) and p == pytest.approx(2 * stats.norm.sf(np.sqrt(2)))
    assert p == pytest.approx(0.157299, abs=1e-6)
    # Other totals: z = (r₁ − r₀) / √(r̂ (1/d₁ + 1/d₀)) with r̂ the pooled rate (0.3 a day, then 87/59).
    ratio, p = pc.compare_totals(40, 100, 20, 100)
    assert p == pytest.approx(2 * stats.norm.sf((0.4 - 0.2) / np.sqrt(0.3 * (1 / 100 + 1 / 100))))
    ratio, p = pc.compare_totals(31, 31, 56, 28)
    z = (1 - 2) / np.sqrt(87 / 59 * (1 / 31 + 1 / 28))
    assert ratio == pytest.approx(0.5) and p == pytest.approx(2 * stats.norm.sf(abs(z)))
    # The same two windows as a monthly series (months of equal length, no overdispersion left
    # once the dispersion is floored at 1): the window comparison's rate ratio is the same.
    series = pd.Series([10, 10, 10, 7, 7, 6], index=["2019-04", "2019-05", "2019-06", "2019-07", "2019-08", "2019-09"])
    window = pc.compare_window(series, recent_months=3)
    assert window.dispersion == 1.0
    assert window.rate_ratio == pytest.approx(pc.compare_totals(20, 92, 30, 91)[0])


def test_fcr_adjust_by_hand():
    table = pd.DataFrame(
        {
            "rate_ratio": [1.5, 1.2, 0.8, 1.0, np.nan],
            "log_se": [0.1, 0.2, 0.1, 0.3, np.nan],
            "df": [10, 20, 30, 40, np.nan],
            "p_value": [0.01, 0.04, 0.03, 0.5, np.nan],
        },
        index=[10, 11, 12, 13, 14],
    )
    # Benjamini-Hochberg over the four p-values: q = 0.04, 0.0533, 0.0533, 0.5.
    out = pc.fcr_adjust(table)
    assert out.index.tolist() == [10, 11, 12, 13, 14]
    assert out["q_value"].iloc[:4].tolist() == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5])
    assert np.isnan(out["q_value"].iloc[4])
    assert out["flagged"].tolist() == [True, False, False, False, False] and out["flagged"].dtype == bool
    level = 1 - 1 * 0.05 / 4
    assert (out["fcr_level"] == level).all()
    half = stats.t.ppf(1 - (1 - level) / 2, [10, 20, 30, 40]) * np.array([0.1, 0.2, 0.1, 0.3])
    assert out["fcr_low"].iloc[:4].tolist() == pytest.approx((table["rate_ratio"].iloc[:4] * np.exp(-half)).tolist())
    assert out["fcr_high"].iloc[:4].tolist() == pytest.approx((table["rate_ratio"].iloc[:4] * np.exp(half)).tolist())
    # At a rate of 10% three are flagged, and each interval is a 1 − 3 × 0.10 / 4 interval.
    loose = pc.fcr_adjust(table, rate=0.10)
    assert loose["flagged"].tolist() == [True, True, True, False, False]
    assert loose["fcr_level"].iloc[0] == pytest.approx(0.925)
    # With none flagged, intervals are 1 − 0.05 / m intervals (not 1 − 0).
    none = pc.fcr_adjust(table.assign(p_value=[0.5, 0.6, 0.7, 0.8, np.nan]))
    assert not none["flagged"].any() and none["fcr_level"].iloc[0] == pytest.approx(1 - 0.05 / 4)


def test_compare_groups_fills_missing_months_and_says_what_it_could_not_compare():
    months = pd.period_range("2017-01", periods=30, freq="M").astype(str)
    rows = []
    for area, crime, seed in (("north", "theft", 1), ("north", "arson", 2), ("east", "theft", 3)):
        series = nb_series(seed, months=30, mean=80, size=40, start="2017-01")
        if crime == "arson":
            series = series.drop(["2018-06", "2019-01"])  # months without a row count as 0
        rows += [{"crime": crime, "area": area, "month": m, "count": c} for m, c in series.items()]
    rows.append({"crime": "fraud", "area": "east", "month": months[-1], "count": 0})  # one row, empty windows
    counts = pd.DataFrame(rows).sample(frac=1, random_state=0)  # rows in no particular order
    table = pc.compare_groups(counts, ["area", "crime"], recent_months=2)
    assert table[["area", "crime"]].values.tolist() == [
        ["east", "fraud"],
        ["east", "theft"],
        ["north", "arson"],
        ["north", "theft"],
    ]
    for position, (area, crime) in ((1, ("east", "theft")), (2, ("north", "arson"))):
        mine = counts[(counts["area"] == area) & (counts["crime"] == crime)]
        series = mine.groupby("month")["count"].sum().reindex(months, fill_value=0)
        expected = pc.compare_window(series, 2)
        assert table["rate_ratio"].iloc[position] == pytest.approx(expected.rate_ratio)
        assert table["recent_count"].iloc[position] == expected.recent_count
        assert table["p_value"].iloc[position] == pytest.approx(expected.p_value)
    assert table.loc[0, "direction"] == "not assessed" and not table.loc[0, "direction_allowed"]
    assert np.isnan(table.loc[0, "p_value"]) and not table.loc[0, "flagged"]


def test_compare_groups_passes_the_earlier_window_on():
    series = nb_series(4, months=10)
    counts = pd.DataFrame({"group": "g", "month": series.index, "count": series.to_numpy()})
    table = pc.compare_groups(counts, ["group"], recent_months=2, earlier_months=5)
    assert table["earlier"].tolist() == ["2015-04..2015-08"] and table["direction"].tolist() == ["not assessed"]


def test_direction_words():
    rows = [
        {"direction_allowed": False, "flagged": True, "rate_ratio": 2.0},
        {"direction_allowed": True, "flagged": False, "rate_ratio": 2.0},
        {"direction_allowed": True, "flagged": True, "rate_ratio": 1.5},
        {"direction_allowed": True, "flagged": True, "rate_ratio": 0.5},
    ]
    assert [pc._direction(row) for row in rows] == ["not assessed", "no clear change", "higher", "lower"]


def test_compare_groups_with_nothing_comparable_flags_nothing():
    counts = pd.DataFrame(
        {"crime": ["fraud", "arson"], "month": ["2017-01", "2017-01"], "count": [0, 3]}
    )  # one month: no window to compare with
    table = pc.compare_groups(counts, ["crime"], recent_months=2)
    assert table["crime"].tolist() == ["arson", "fraud"]
    assert (table["direction"] == "not assessed").all() and not table["flagged"].any()
    assert table[["q_value", "fcr_low", "fcr_high"]].isna().all().all()
