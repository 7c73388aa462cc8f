"""The risk and partners chapter: what it reads."""

from __future__ import annotations

DATASETS = ("risk_register", "csp_priorities", "csp_partnerships", "pcc_themes")
PARAMETERS = ()
