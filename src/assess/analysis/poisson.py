"""Poisson log-link regression of monthly counts in plain numpy: the shared engine of
``trend_models`` and ``direction``, fast enough to run on thousands of series.

Every function works on arrays: ``y`` the counts (n,), ``design`` the columns (n, p) or a stack
of K designs (K, n, p), ``offset`` log(exposure) (n,), usually log(days in the month).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import xlogy

TOLERANCE = 1e-10
"""IRLS stops when no coefficient moves by more than this."""
MAX_ITERATIONS = 30


@dataclass(frozen=True)
class PoissonFit:
    """One fitted Poisson GLM. ``beta`` (p,) the coefficients; ``mu`` (n,) the fitted counts;
    ``bread`` (p, p) the inverse Fisher information (the Poisson covariance); ``dispersion`` the
    Pearson chi-square / residual df (not floored); ``df_resid`` = n − p."""

    beta: np.ndarray
    mu: np.ndarray
    bread: np.ndarray
    dispersion: float
    df_resid: int


def monthly(series: pd.Series) -> pd.Series:
    """``series`` as float counts on a sorted monthly PeriodIndex; ValueError on gaps or repeats."""
    index = pd.PeriodIndex(series.index, freq="M")
    out = pd.Series(series.to_numpy(dtype=float), index=index).sort_index()
    if out.index.has_duplicates:
        raise ValueError("the series repeats a month")
    expected = out.index[-1].ordinal - out.index[0].ordinal + 1
    if expected != len(out):
        raise ValueError(f"the series has gaps: {len(out)} months between {out.index[0]} and {out.index[-1]}")
    return out


def irls(y: np.ndarray, designs: np.ndarray, offset: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Poisson GLMs of one count vector ``y`` (n,), or of one per design (K, n), under K designs
    ``designs`` (K, n, p), fitted at once by iteratively reweighted least squares. Returns
    (coefficients (K, p), fitted counts (K, n))."""
    y = np.asarray(y, dtype=float)
    eta = np.broadcast_to(np.log((y + y.mean()) / 2.0 + 1e-10), designs.shape[:2]).copy()
    beta = np.zeros(designs.shape[::2])
    designs_t = np.swapaxes(designs, 1, 2)
    for _ in range(MAX_ITERATIONS):
        mu = np.exp(eta)
        z = eta - offset + (y - mu) / mu
        xtw = designs_t * mu[:, None, :]
        new = np.linalg.solve(xtw @ designs, (xtw @ z[..., None]))[..., 0]
        eta = np.einsum("knp,kp->kn", designs, new) + offset
        done = np.max(np.abs(new - beta)) < TOLERANCE
        beta = new
        if done:
            break
    return beta, np.exp(eta)


def fit(y: np.ndarray, design: np.ndarray, offset: np.ndarray) -> PoissonFit:
    """One Poisson GLM with its covariance and Pearson dispersion (see ``PoissonFit``)."""
    beta, mu = irls(y, design[None], offset)
    beta, mu = beta[0], mu[0]
    df = len(y) - design.shape[1]
    bread = np.linalg.inv(design.T @ (design * mu[:, None]))
    dispersion = float(((y - mu) ** 2 / mu).sum() / df) if df > 0 else float("nan")
    return PoissonFit(beta, mu, bread, dispersion, df)


def deviance(y: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """Poisson deviance, 2 Σ [y log(y/μ) − (y − μ)], over the last axis."""
    return 2.0 * (xlogy(y, y) - xlogy(y, mu) - (y - mu)).sum(axis=-1)


def ljung_box(residuals: np.ndarray, lags: int) -> float:
    """p-value of the Ljung-Box test that ``residuals`` are uncorrelated up to ``lags``:
    Q = n(n+2) Σ r_k² / (n−k) against chi-square with ``lags`` df (r_k: sample autocorrelation)."""
    x = residuals - residuals.mean()
    n = len(x)
    denominator = (x * x).sum()
    r = np.array([(x[k:] * x[:-k]).sum() / denominator for k in range(1, lags + 1)])
    q = n * (n + 2) * (r**2 / (n - np.arange(1, lags + 1))).sum()
    return float(stats.chi2.sf(q, lags))


def quasi_poisson_draws(mu: np.ndarray, dispersion: float, rng: np.random.Generator) -> np.ndarray:
    """Counts with mean ``mu`` (any shape) and variance ``dispersion`` × ``mu`` (quasi-Poisson):
    Poisson when the dispersion is 1 or less, else Poisson with a gamma-distributed mean of shape
    μ / (φ − 1) (negative binomial). A mean of 0 gives 0."""
    mu = np.asarray(mu, dtype=float)
    if dispersion <= 1.0:
        return rng.poisson(mu).astype(float)
    scale = dispersion - 1.0
    return rng.poisson(rng.gamma(np.maximum(mu, 1e-300) / scale, scale)).astype(float) * (mu > 0)


def t_quantile(df: int, alpha: float = 0.05) -> float:
    """The two-sided 1 − ``alpha`` quantile of Student's t with ``df`` degrees of freedom."""
    return float(stats.t.ppf(1 - alpha / 2, df))
