"""Known answers of assess.analysis.area_rates: hand-worked mixes and annualised rates, and the
shipped Crime Harm Index weights re-derived from their own national counts."""

import math

import pandas as pd
import pytest

from assess.analysis import area_rates, harm
from assess.edition import load_edition
from conftest import DEFAULT_PARAMS, ROOT


def test_national_mix_nets_adjustments_and_never_goes_below_zero():
    recorded = pd.DataFrame({"offence_code": ["8N", "8N", "8N", "X"], "count": [10, 7, -2, -3]})
    assert area_rates.national_mix(recorded).to_dict() == {"8N": 15, "X": 0}


def test_mix_weights_hand_worked():
    """Category X: codes a (10 days, 30 crimes) and b (100 days, 10 crimes): (300 + 1,000) / 40 =
    32.5; code d has no weight and code c no volume, so category Y has no weight at all."""
    weights = pd.Series({"a": 10.0, "b": 100.0, "c": 5.0, "d": float("nan")})
    categories = pd.Series({"a": "X", "b": "X", "c": "Y", "d": "X"})
    mix = pd.Series({"a": 30, "b": 10, "c": 0, "d": 100, "e": 50})
    found = area_rates.mix_weights(weights, categories, mix)
    assert found.to_dict() == {"X": 32.5}
    assert area_rates.coverage(weights, mix) == pytest.approx(100 * 40 / 190)


def test_the_year_of_the_mix_moves_the_category_weight():
    """The same two codes, a year when the serious one is a fifth of the category and a year when
    it is a tenth: 0.2 × 365 + 0.8 × 10 = 81 days against 0.1 × 365 + 0.9 × 10 = 45.5."""
    weights, categories = pd.Series({"injury": 365.0, "no injury": 10.0}), pd.Series({"injury": "V", "no injury": "V"})
    earlier = area_rates.mix_weights(weights, categories, pd.Series({"injury": 200, "no injury": 800}))
    later = area_rates.mix_weights(weights, categories, pd.Series({"injury": 100, "no injury": 900}))
    assert earlier["V"] == pytest.approx(81.0) and later["V"] == pytest.approx(45.5)


def test_annualised_rates_hand_worked():
    """405 days of harm among 100 residents over 5 months: 4,050 per 1,000 in those months, 9,720
    per 1,000 a year; a 12-month value is unchanged."""
    assert area_rates.per_thousand_a_year(405, 100, 5) == pytest.approx(9720.0)
    assert area_rates.per_thousand_a_year(405, 100, 12) == pytest.approx(4050.0)
    with pytest.raises(ValueError, match="at least one month"):
        area_rates.per_thousand_a_year(1, 1, 0)
    frame = pd.DataFrame({"harm": [405.0, 10.0], "count": [50, 5], "population": [100.0, float("nan")]})
    out = area_rates.annualised(frame, ["harm", "count"], "population", 5)
    assert out["harm_per_1000_a_year"].iloc[0] == pytest.approx(9720.0)
    assert out["count_per_1000_a_year"].iloc[0] == pytest.approx(1200.0)
    assert math.isnan(out["harm_per_1000_a_year"].iloc[1]) and out["months_covered"].tolist() == [5, 5]


def test_shipped_chi_weights_reweighted_by_their_own_counts_give_the_category_weights():
    """Keyed by subgroup, with the weights file's own national counts as the mix, ``mix_weights``
    gives what ``harm.category_weights`` gives (and test_harm checks against the published file)."""
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    chi = pd.read_csv(edition.data["harm_weights_chi"])
    counts = next(c for c in chi.columns if c.startswith("national_count_"))
    keyed = chi.set_index("chi_subgroup")
    found = area_rates.mix_weights(keyed["cchi_days"], keyed["police_uk_category"], keyed[counts])
    expected = harm.category_weights(chi, "police_uk_category", "cchi_days", counts)
    assert found.to_dict() == pytest.approx(expected.to_dict())
