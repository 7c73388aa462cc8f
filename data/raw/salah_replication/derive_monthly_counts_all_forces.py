"""Derive monthly_counts_all_forces_2015-01_2018-09.csv from cleaned_all_crime.rds, values unchanged.

Run: python derive_monthly_counts_all_forces.py  (needs pandas and pyreadr)

Keeps the rows of the 43 territorial forces of England and Wales (drops the archive's "btp",
British Transport Police, and "northern-ireland"), and drops the "All" rows (in every force and
month of the file the crime types sum exactly to "All"; checked below). Columns: month (YYYY-MM),
county (the archive's own spelling of the force, unchanged: "west_marcia", "london", ...),
crime_type, count. No row is added: a force, month or crime type the archive lacks stays absent
(the project's reader flags it as missing, never as zero).
"""

import pandas as pd
import pyreadr

NOT_TERRITORIAL = ("btp", "northern-ireland")

data = pyreadr.read_r("cleaned_all_crime.rds")[None]
data = data[~data["county"].isin(NOT_TERRITORIAL)]
data = data.assign(month=data["month"].astype(str).str[:7])
types = data[data["crime.type"] != "All"]
every = data[data["crime.type"] == "All"].set_index(["county", "month"])["num_crimes"]
summed = types.groupby(["county", "month"])["num_crimes"].sum()
assert summed.reindex(every.index).eq(every).all(), "crime types do not sum to All"
assert types["county"].nunique() == 43
out = pd.DataFrame(
    {"month": types["month"], "county": types["county"], "crime_type": types["crime.type"], "count": types["num_crimes"]}
)
out = out.sort_values(["county", "month", "crime_type"])
out.to_csv("monthly_counts_all_forces_2015-01_2018-09.csv", index=False, lineterminator="\n")
print(len(out), "rows,", out["county"].nunique(), "forces,", out["month"].min(), "to", out["month"].max())
