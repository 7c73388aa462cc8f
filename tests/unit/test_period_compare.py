"""Known-answer tests of assess.analysis.period_compare on SIMULATED counts (fixed seeds)."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
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
