"""assess: a reproducible Strategic Assessment book for UK police forces."""

__version__ = "0.1.0"
