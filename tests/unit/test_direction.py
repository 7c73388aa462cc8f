"""The one method behind every crime direction: known answers from simulated series (synthetic
data), a hand-worked example and an independent statsmodels fit."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from assess.analysis import direction

MONTHS = pd.period_range("2015-01", periods=60, freq="M")


def _series(mean, months=MONTHS, seed=0, size=None):
    """A negative binomial series (synthetic) with the given mean per month; ``size`` None is Poisson."""
    rng = np.random.default_rng(seed)
    mean = np.broadcast_to(np.asarray(mean, dtype=float), (len(months),))
    counts = rng.poisson(mean) if size is None else rng.negative_binomial(size, size / (size + mean))
    return pd.Series(counts, index=months.astype(str))


def _frame(series_by_key):
    return pd.concat(
        [
            pd.DataFrame({"force": f, "crime_type": c, "month": s.index, "count": s.to_numpy()})
            for (f, c), s in series_by_key.items()
        ],
        ignore_index=True,
    )


def test_hand_worked_ratio_and_standard_error():
    """Constant counts fit the model exactly: dispersion floors at 1, and the ratio and its standard
    error are those of two Poisson totals over their days."""
    months = pd.period_range("2017-03", periods=24, freq="M")
    counts = pd.Series([100] * 12 + [150] * 12, index=months.astype(str))
    found = direction.compare_years(counts)
    days = months.days_in_month.to_numpy()
    expected = (1800 / days[12:].sum()) / (1200 / days[:12].sum())
    assert found["rate_ratio"] == pytest.approx(expected)
    assert found["dispersion"] == 1.0
    assert found["log_se"] == pytest.approx(np.sqrt(1 / 1800 + 1 / 1200))
    assert (found["recent_start"], found["recent_end"], found["earlier_start"]) == ("2018-03", "2019-02", "2017-03")
    assert (found["recent_count"], found["earlier_count"]) == (1800, 1200)


def test_dispersion_matches_an_independent_statsmodels_quasi_poisson_fit():
    """The Pearson dispersion equals statsmodels' GLM scale ('X2') with the same design."""
    series = _series(300 + 40 * np.sin(np.arange(60) * 2 * np.pi / 12) + 2 * np.arange(60), size=40, seed=3)
    phi, df = direction.dispersion(series)
    import patsy

    months = MONTHS
    moy = pd.get_dummies(months.month, drop_first=True, dtype=float).to_numpy()
    spline = np.asarray(patsy.dmatrix("cr(x, df=5, constraints='center') - 1", {"x": np.arange(60) / 12}))
    design = np.column_stack([np.ones(60), moy, spline])
    fit = sm.GLM(
        series.to_numpy(),
        design,
        family=sm.families.Poisson(),
        offset=np.log(months.days_in_month.to_numpy(dtype=float)),
    ).fit(scale="X2")
    assert df == 60 - design.shape[1]
    assert phi == pytest.approx(max(1.0, fit.scale), rel=1e-6)


def test_a_steady_trend_does_not_inflate_the_dispersion():
    """Poisson counts (true dispersion 1) on a steep within-year trend: a model with a level per year
    would see several times the Poisson variance; the smooth-trend model sees about 1."""
    mean = 200 * np.exp(0.02 * np.arange(60))
    estimates = [direction.dispersion(_series(mean, seed=s))[0] for s in range(20)]
    assert np.median(estimates) < 1.3


def test_overdispersion_is_recovered():
    """Negative binomial counts with mean 400 and size 40 have variance 1 + 400/40 = 11 times the mean."""
    estimates = [direction.dispersion(_series(400, size=40, seed=s))[0] for s in range(30)]
    assert np.median(estimates) == pytest.approx(11, rel=0.25)


@pytest.mark.slow
def test_a_known_rise_is_called_higher_and_its_interval_covers_it_about_95_times_in_100():
    """Synthetic: the last 12 months are 30% above the years before (overdispersed, both windows of
    365 days), one series at a time: its interval is a plain 95% one."""
    mean = np.r_[np.full(48, 500.0), np.full(12, 650.0)]
    covered, called = 0, 0
    for seed in range(200):
        row = direction.directions(
            _frame({("A", "x"): _series(mean, size=60, seed=seed)}), ["force", "crime_type"], 0.05
        ).iloc[0]
        assert row["level"] == pytest.approx(0.95)
        covered += row["ci_low"] < 30 < row["ci_high"]
        called += row["verdict"] == direction.HIGHER
    assert 0.9 <= covered / 200 <= 0.99
    assert called >= 190


def test_no_change_is_not_distinguishable_from_chance_and_bh_keeps_false_calls_rare():
    """Synthetic: 200 overdispersed series with no change at all; Benjamini-Hochberg at 5% calls
    almost none higher or lower (the false discovery rate is 100% when every call is false, so
    the expected number of calls is at most 5% of runs with any)."""
    frames = {("A", f"type {i}"): _series(300, size=30, seed=100 + i) for i in range(200)}
    table = direction.directions(_frame(frames), ["force", "crime_type"], 0.05)
    called = table["verdict"].isin([direction.HIGHER, direction.LOWER]).sum()
    assert called <= 3
    assert (table["verdict"] == direction.CHANCE).sum() >= 195
    p = table["p_value"].to_numpy()
    assert stats.kstest(p, "uniform").pvalue > 0.001  # calibrated p-values under no change


def test_an_interval_excludes_no_change_exactly_when_the_verdict_is_higher_or_lower():
    frames = {
        ("A", f"type {i}"): _series(np.r_[np.full(48, 300.0), np.full(12, 300.0 * (1 + i / 40))], size=40, seed=i)
        for i in range(20)
    }
    table = direction.directions(_frame(frames), ["force", "crime_type"], 0.05)
    excludes = (table["ci_low"] > 0) | (table["ci_high"] < 0)
    called = table["verdict"].isin([direction.HIGHER, direction.LOWER, direction.UNSETTLED])
    assert (excludes == called).all()
    assert called.any() and (~called).any()


def test_a_rise_against_a_long_fall_is_not_settled():
    """Synthetic: four years falling steeply, then a last year above the year before: the year
    comparison says higher, the seasonal Mann-Kendall says falling, so the direction is not settled."""
    mean = np.r_[1000 * np.exp(-0.03 * np.arange(48)), np.full(12, 350.0)]
    table = direction.directions(_frame({("A", "x"): _series(mean, seed=5)}), ["force", "crime_type"], 0.05)
    row = table.iloc[0]
    assert row["rate_ratio"] > 1 and row["trend"] == direction.FALLING
    assert row["verdict"] == direction.UNSETTLED


def test_a_series_shorter_than_a_year_and_a_half_is_not_compared():
    short = _series(100, months=pd.period_range("2018-01", periods=direction.MIN_MONTHS - 1, freq="M"))
    table = direction.directions(_frame({("A", "x"): short, ("A", "y"): _series(100)}), ["force", "crime_type"], 0.05)
    assert table.set_index("crime_type").at["x", "verdict"] == direction.UNCOMPARED


def test_a_series_of_22_months_compares_its_last_10_with_the_same_months_a_year_before():
    """Hand-worked: January 2015 to October 2016, 100 crimes a month and then 150 in 2016: the
    months of 2016 held (January to October) against January to October 2015."""
    months = pd.period_range("2015-01", "2016-10", freq="M")
    counts = pd.Series([100] * 12 + [150] * 10, index=months.astype(str))
    found = direction.compare_years(counts)
    assert (found["recent_start"], found["recent_end"]) == ("2016-01", "2016-10")
    assert (found["earlier_start"], found["earlier_end"]) == ("2015-01", "2015-10")
    assert (found["recent_count"], found["earlier_count"]) == (1500, 1000)
    days = months.days_in_month.to_numpy()
    assert found["rate_ratio"] == pytest.approx((1500 / days[12:].sum()) / (1000 / days[:10].sum()))


def test_a_known_rise_over_22_months_is_called_higher():
    """Synthetic: 22 months, the months after the first year 30% above the year before (overdispersed)."""
    months = pd.period_range("2015-01", periods=22, freq="M")
    mean = np.r_[np.full(12, 500.0), np.full(10, 650.0)]
    rows = [
        direction.directions(
            _frame({("A", "x"): _series(mean, months=months, size=60, seed=seed)}), ["force", "crime_type"], 0.05
        ).iloc[0]
        for seed in range(50)
    ]
    assert sum(row["verdict"] == direction.HIGHER for row in rows) >= 45
    assert 0.85 <= np.mean([row["ci_low"] < 30 < row["ci_high"] for row in rows]) <= 1


def test_the_significance_level_decides_what_is_called():
    """A modest rise called at a lenient level and not at a strict one."""
    mean = np.r_[np.full(48, 400.0), np.full(12, 440.0)]
    frame = _frame({("A", "x"): _series(mean, size=80, seed=11)})
    p = direction.directions(frame, ["force", "crime_type"], 0.05).iloc[0]["p_value"]
    lenient = direction.directions(frame, ["force", "crime_type"], min(0.49, p * 1.5)).iloc[0]["verdict"]
    strict = direction.directions(frame, ["force", "crime_type"], p / 2).iloc[0]["verdict"]
    assert lenient == direction.HIGHER and strict == direction.CHANCE
