"""Every unit test starts with empty analysis caches.

``trend_models`` and ``period_compare`` cache the design matrices of a run of months. Mutation
testing runs each mutant's tests in a process forked after a clean run, so without this a mutant
in a design builder would be tested against designs its clean run had cached.
"""

import pytest

from assess.analysis import period_compare, trend_models


@pytest.fixture(autouse=True)
def empty_design_caches():
    for cached in (trend_models._designs, trend_models._cosines, period_compare._dispersion_design):
        cached.cache_clear()
