"""Benchmark: weight 10 million SYNTHETIC offence records with the Crime Harm Index.

The records are generated here (random offence codes in proportion to West Mercia's 2017/18
mix) and are not real data. Reports records per second and peak memory of the weighting step.

Usage: python benchmarks/harm.py [--records 10000000]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np
import pandas as pd

from assess.analysis import harm
from assess.edition import load_edition
from assess.read.registry import read_dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--params", default="params/alliance-2016-17.yml")
    args = parser.parse_args()
    edition = load_edition(args.params, ".")
    weights = harm.offence_weights(
        read_dataset(edition, "offence_crosswalk"),
        read_dataset(edition, "harm_weights_chi"),
        read_dataset(edition, "harm_weights_css"),
    ).set_index("offence_code")
    real = read_dataset(edition, "recorded_crime_force")
    mix = real[real["force_name"] == "West Mercia"].groupby("offence_code")["count"].sum().clip(lower=0)
    rng = np.random.default_rng(0)
    codes = pd.Categorical.from_codes(
        rng.choice(len(mix), size=args.records, p=(mix / mix.sum()).to_numpy()), categories=mix.index
    )
    records = pd.DataFrame({"offence_code": codes, "count": np.ones(args.records, dtype=np.int32)})  # SYNTHETIC

    tracemalloc.start()
    start = time.perf_counter()
    weighed = harm.weigh(records, weights["chi"], "offence_code")
    total = float(weighed["harm"].sum())
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{args.records:,} synthetic records weighted in {seconds:.2f} s "
        f"({args.records / seconds:,.0f} records a second, one core); total harm {total:,.0f} days"
    )
    print(f"peak memory allocated by the weighting step: {peak / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
