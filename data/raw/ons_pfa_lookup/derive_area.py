"""Land area of every local authority district of England and Wales (2021 geography), from the
column "Area (sq km)" of sheet "MYE 5" (header row 8) of the ONS mid-2020 workbook in ../ons_mye/;
values copied unchanged, codes stripped of the non-breaking spaces the sheet carries in places.

Checks: the same 331 districts as lad_to_pfa_2021geography.csv beside this file, each area
positive, and the areas of England (E92000001) and Wales (W92000004) equal to the sum of theirs.
Run: python derive_area.py (needs pandas and xlrd)."""

import pandas as pd

SHEET = "../ons_mye/ukpopestimatesmid2020on2021geography.xls"
DISTRICT = r"(E0[6-9]|W06)\d{6}"

sheet = pd.read_excel(SHEET, sheet_name="MYE 5", header=7)
sheet["Code"] = sheet["Code"].astype(str).str.replace("\xa0", "").str.strip()
districts = sheet[sheet["Code"].str.fullmatch(DISTRICT)]
out = pd.DataFrame({"lad_code": districts["Code"], "lad_name": districts["Name"], "area_sq_km": districts["Area (sq km)"]})

lookup = pd.read_csv("lad_to_pfa_2021geography.csv")
assert sorted(out["lad_code"]) == sorted(lookup["lad_code"]), "the lookup's 331 districts"
assert (out["area_sq_km"] > 0).all()
for country, prefix in (("E92000001", "E"), ("W92000004", "W")):
    total = float(sheet.loc[sheet["Code"] == country, "Area (sq km)"].iloc[0])
    summed = float(out.loc[out["lad_code"].str.startswith(prefix), "area_sq_km"].sum())
    assert abs(total - summed) < 0.01, (country, total, summed)
    print(f"{country}: {total:,.4f} sq km, the sum of its {out['lad_code'].str.startswith(prefix).sum()} districts")
out.sort_values("lad_code").to_csv("lad_area_2021geography.csv", index=False)
print(f"{len(out)} districts written")
