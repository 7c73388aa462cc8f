"""Small pieces of English the chapters share: counted nouns, lists, and changes in words."""

from __future__ import annotations

import math

_IRREGULAR = {
    "county": "counties",
    "priority": "priorities",
    "authority": "authorities",
    "person": "people",
    "this": "these",
    "was": "were",
    "is": "are",
    "has": "have",
    "series": "series",
}


def plural(word: str, n: int | float) -> str:
    """``word`` in the singular for 1 and the plural otherwise: plural("force", 2) → "forces".

    The last word of a phrase is the one made plural ("crime type" → "crime types").
    """
    if n == 1:
        return word
    head, _, last = word.rpartition(" ")
    if last in _IRREGULAR:
        many = _IRREGULAR[last]
    elif last.endswith(("s", "x", "ch", "sh")):
        many = last + "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        many = last[:-1] + "ies"
    else:
        many = last + "s"
    return f"{head} {many}" if head else many


def counted(n: int, word: str) -> str:
    """A whole number with its noun: counted(1, "force") → "1 force"; counted(1200, "crime") → "1,200 crimes"."""
    return f"{n:,} {plural(word, n)}"


def join_words(items, conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"; "" for none. When an item itself holds a comma or the
    conjunction ("Stalking and harassment"), the items are parted by semicolons ("a; b, c; and d"),
    so the reader can count them."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    if any("," in i or f" {conjunction} " in f" {i} " for i in items):
        return f"{'; '.join(items[:-1])}; {conjunction} {items[-1]}"
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def split_words(counts: dict[str, int], total: int, none: str) -> str:
    """How ``total`` items part among ways, in words, from ``counts`` by way ({"lower": 35,
    "higher": 2}): "lower in 35 and higher in 2"; "lower in all of them" when one way holds them
    all and there is more than one; ``none`` when no way holds any. Ways with no item are left out."""
    held = {way: n for way, n in counts.items() if n}
    if len(held) == 1 and total > 1 and next(iter(held.values())) == total:
        return f"{next(iter(held))} in all of them"
    return join_words(f"{way} in {n:,}" for way, n in held.items()) or none


def percent_change_words(pct: float, decimals: int = 1, more: str = "more", fewer: str = "fewer") -> str:
    """ "3.1% fewer" / "1.2% more" / "about the same" for a % change; "no comparison" when unknown."""
    if pct is None or (isinstance(pct, float) and math.isnan(pct)):
        return "no comparison"
    if round(pct, decimals) == 0:
        return "about the same"
    return f"{abs(pct):.{decimals}f}% {more if pct > 0 else fewer}"
