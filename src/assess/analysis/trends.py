"""Statistics of counts over time, each returning a small record the prose can quote.

Every function takes plain numbers or a tidy monthly series (a pandas Series of counts indexed
by month, ``YYYY-MM`` text or Period) and returns a ``TestResult``: the estimate with its 95%
interval, the p-value and the name of the test. The words that report a result are in
``assess.present.verdicts``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd
import pymannkendall
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.rates import confint_poisson_2indep, test_poisson_2indep

ALPHA = 0.05
XMR_CONSTANT = 2.66
"""3 / d2 with d2 = 1.128 for moving ranges of two points: the usual XmR limit multiplier."""
RUN_LENGTH = 7
"""Points in a row on one side of the centre line that count as a signal."""
MIN_MONTHS_FOR_TREND = 24
OVERDISPERSION_LIMIT = 1.5
"""Pearson chi-square / degrees of freedom above which a Poisson model's intervals are widened."""


@dataclass(frozen=True)
class TestResult:
    """What a test found. ``estimate`` and the interval are on the scale ``measure`` names."""

    test: str
    measure: str
    estimate: float
    ci_low: float
    ci_high: float
    p_value: float
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """Plain dict, details flattened, for a table row."""
        row = asdict(self)
        row.update(row.pop("details"))
        return row


# 1. This period against the same period last year --------------------------------------------


def compare_periods(
    count_now: int, count_before: int, exposure_now: float = 1.0, exposure_before: float = 1.0
) -> TestResult:
    """Rate ratio of two Poisson counts (now / before), with the score test and its 95% interval.

    Exposures are the lengths of the periods (days, say), so periods of unequal length compare
    fairly. ``details`` holds the absolute change and the % change of the counts.
    """
    test = test_poisson_2indep(count_now, exposure_now, count_before, exposure_before, method="score", compare="ratio")
    low, high = confint_poisson_2indep(
        count_now, exposure_now, count_before, exposure_before, method="score", compare="ratio", alpha=ALPHA
    )
    ratio = (count_now / exposure_now) / (count_before / exposure_before) if count_before else math.inf
    p = float(test.pvalue)
    name = "Poisson rate-ratio score test"
    return TestResult(
        name,
        "rate ratio",
        float(ratio),
        float(low),
        float(high),
        p,
        {
            "change": int(count_now - count_before),
            "pct_change": (count_now / count_before - 1) * 100 if count_before else math.nan,
        },
    )


# 2. Statistical process control ----------------------------------------------------------------


def xmr(series: pd.Series) -> pd.DataFrame:
    """XmR (individuals) chart of a series: centre line = mean, limits = mean ± 2.66 × mean moving range.

    Returns one row per point: ``value``, ``centre``, ``lower``, ``upper`` (the lower limit is
    not below 0 for counts), ``above`` (above the centre line), ``beyond_upper``,
    ``beyond_lower``, ``run_above`` and ``run_below`` (length of the run of consecutive points
    on that side that this point belongs to, 0 when not on that side), and ``signal_high`` /
    ``signal_low``: beyond a limit or in a run of 7 or more on that side.
    """
    values = series.astype("float64")
    centre = values.mean()
    mr_bar = values.diff().abs().mean()
    upper, lower = centre + XMR_CONSTANT * mr_bar, max(0.0, centre - XMR_CONSTANT * mr_bar)
    chart = pd.DataFrame({"value": values, "centre": centre, "lower": lower, "upper": upper})
    chart["above"] = values > centre
    chart["beyond_upper"] = values > upper
    chart["beyond_lower"] = values < lower
    chart["run_above"] = _run_lengths(values > centre)
    chart["run_below"] = _run_lengths(values < centre)
    chart["signal_high"] = chart["beyond_upper"] | (chart["run_above"] >= RUN_LENGTH)
    chart["signal_low"] = chart["beyond_lower"] | (chart["run_below"] >= RUN_LENGTH)
    return chart


def _run_lengths(flags: pd.Series) -> pd.Series:
    """For each True, the length of the whole run of consecutive Trues it belongs to; 0 for False."""
    groups = (flags != flags.shift()).cumsum()
    lengths = flags.groupby(groups).transform("size")
    return lengths.where(flags, 0).astype(int)


def xmr_status(chart: pd.DataFrame) -> str:
    """Where the latest point stands: "significantly above average", "above average",
    "below average", "significantly below average" or "at average" (XmR rules)."""
    last = chart.iloc[-1]
    if last["signal_high"]:
        return "significantly above average"
    if last["signal_low"]:
        return "significantly below average"
    if last["value"] > last["centre"]:
        return "above average"
    if last["value"] < last["centre"]:
        return "below average"
    return "at average"


# 3. Trend with seasonality -----------------------------------------------------------------------


def _design(months: pd.PeriodIndex, seasonal: bool, step_at: pd.Period | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({"const": 1.0, "years": np.arange(len(months)) / 12.0}, index=months)
    if step_at is not None:
        frame["step"] = (months >= step_at).astype(float)
    if seasonal:
        dummies = pd.get_dummies(months.month, prefix="m", drop_first=True, dtype=float)
        dummies.index = months
        frame = frame.join(dummies)
    return frame


def _monthly(series: pd.Series) -> pd.Series:
    index = pd.PeriodIndex(series.index, freq="M")
    out = pd.Series(series.to_numpy(dtype=float), index=index).sort_index()
    expected = pd.period_range(out.index[0], out.index[-1], freq="M")
    if len(expected) != len(out):
        raise ValueError(f"the series has gaps: {len(out)} months between {expected[0]} and {expected[-1]}")
    return out


def _fit_counts(counts: pd.Series, design: pd.DataFrame):
    """Poisson GLM with a log(days in month) offset; quasi-Poisson when overdispersed.

    Returns (fitted model, model name, dispersion).
    """
    offset = np.log(counts.index.days_in_month.to_numpy(dtype=float))
    model = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=offset)
    fit = model.fit()
    dispersion = float(fit.pearson_chi2 / fit.df_resid) if fit.df_resid > 0 else math.nan
    if dispersion > OVERDISPERSION_LIMIT:
        return model.fit(scale="X2"), "quasi-Poisson GLM", dispersion
    return fit, "Poisson GLM", dispersion


def seasonal_trend(series: pd.Series) -> TestResult:
    """Annual % change of a monthly count series, allowing for the month of the year.

    Poisson GLM of counts on time (years) with month-of-year effects and a days-in-month offset;
    when the Pearson dispersion exceeds 1.5, the same model is refitted as quasi-Poisson (its
    intervals widened by the dispersion) and the record says so. Needs 24 or more months.
    """
    counts = _monthly(series)
    if len(counts) < MIN_MONTHS_FOR_TREND:
        raise ValueError(f"a seasonal trend needs {MIN_MONTHS_FOR_TREND} or more months; got {len(counts)}")
    fit, model, dispersion = _fit_counts(counts, _design(counts.index, seasonal=True))
    beta, (low, high) = fit.params["years"], fit.conf_int(ALPHA).loc["years"]
    p = float(fit.pvalues["years"])
    pct = (math.exp(beta) - 1) * 100
    name = f"{model} with month effects"
    return TestResult(
        name,
        "annual % change",
        pct,
        (math.exp(low) - 1) * 100,
        (math.exp(high) - 1) * 100,
        p,
        {"model": model, "dispersion": dispersion, "months": len(counts)},
    )


# 4. Non-parametric cross-check --------------------------------------------------------------------


def mann_kendall(series: pd.Series, seasonal: bool = True) -> TestResult:
    """(Seasonal) Mann-Kendall test for a monotonic trend, with Sen's slope in counts a year.

    Seasonal (months compared only with the same month of other years) when ``seasonal`` and
    the series has 24 or more months; otherwise the ordinary test with Sen's slope per month
    scaled to a year. The interval is not computed (NaN): Sen's slope is reported as an estimate.
    """
    counts = _monthly(series)
    use_seasonal = seasonal and len(counts) >= MIN_MONTHS_FOR_TREND
    if use_seasonal:
        result = pymannkendall.seasonal_test(counts.to_numpy(), period=12)
        slope_per_year, name = result.slope, "seasonal Mann-Kendall test"
    else:
        result = pymannkendall.original_test(counts.to_numpy())
        slope_per_year, name = result.slope * 12, "Mann-Kendall test"
    p = float(result.p)
    return TestResult(
        name,
        "Sen's slope, counts a year",
        float(slope_per_year),
        math.nan,
        math.nan,
        p,
        {"tau": float(result.Tau), "s": float(result.s)},
    )


# 5. Step change -------------------------------------------------------------------------------------


def step_change(series: pd.Series, at: str) -> TestResult:
    """Level shift at month ``at`` (YYYY-MM): segmented Poisson regression of counts on time and a
    step from ``at`` on, with month effects when there are 24 or more months.

    The estimate is the rate ratio after/before the step, net of trend and season, with its
    95% interval; quasi-Poisson when overdispersed, as in ``seasonal_trend``.
    """
    counts = _monthly(series)
    step_at = pd.Period(at, freq="M")
    if not counts.index[0] < step_at <= counts.index[-1]:
        raise ValueError(f"the step month {at} must fall inside the series, after its first month")
    seasonal = len(counts) >= MIN_MONTHS_FOR_TREND
    fit, model, dispersion = _fit_counts(counts, _design(counts.index, seasonal, step_at))
    beta, (low, high) = fit.params["step"], fit.conf_int(ALPHA).loc["step"]
    p = float(fit.pvalues["step"])
    ratio = math.exp(beta)
    name = f"segmented {model}{' with month effects' if seasonal else ''}"
    after = int((counts.index >= step_at).sum())
    return TestResult(
        name,
        "rate ratio after/before",
        ratio,
        math.exp(low),
        math.exp(high),
        p,
        {"model": model, "dispersion": dispersion, "months_after": after, "step_at": str(step_at)},
    )


# 6. Many series at once ---------------------------------------------------------------------------


def false_discovery(p_values: pd.Series, rate: float = ALPHA) -> pd.DataFrame:
    """Benjamini-Hochberg adjustment of many p-values, so few flags among many tests are chance.

    Returns ``p_value``, ``q_value`` (BH-adjusted) and ``flagged`` (q below ``rate``), same index.
    Missing p-values stay missing and are never flagged.
    """
    present = p_values.dropna()
    flagged, q, _, _ = (
        multipletests(present.to_numpy(), alpha=rate, method="fdr_bh") if len(present) else ([], [], 0, 0)
    )
    out = pd.DataFrame({"p_value": p_values})
    out["q_value"] = pd.Series(q, index=present.index)
    out["flagged"] = pd.Series(flagged, index=present.index).reindex(p_values.index, fill_value=False).astype(bool)
    return out
