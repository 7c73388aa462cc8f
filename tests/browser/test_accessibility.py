"""Every page of every edition meets WCAG 2.2 A and AA as far as axe-core can tell, in the theme's
light and dark mode, and reflows at 320 CSS px: axe-core (the copy ``axe-playwright-python``
ships) runs in Debian's Chromium over each page at 1280 px in light mode (every rule tagged
WCAG 2.0, 2.1 and 2.2 A and AA), again in dark mode (the colour rules: only colours change), and
at 320 px (every rule but colour contrast), where the page must not scroll sideways. Two rules
axe leaves off by default are on: ``label-content-name-mismatch`` (WCAG 2.5.3, label in name) and
``focus-order-semantics`` (a box that takes keyboard focus says what it is). No rule is turned
off and no element is left out: zero violations.

The pages are shared between two workers, each with its own browser, to keep the run short on
two cores; the site is built once per session (the ``site`` fixture, tests/conftest.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, chromium_or_fail, site_pages

pytestmark = pytest.mark.build
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
"""axe-core's tags of the WCAG 2.0, 2.1 and 2.2 level A and AA success criteria."""
ALSO_ON = {"label-content-name-mismatch": {"enabled": True}, "focus-order-semantics": {"enabled": True}}
"""Rules axe-core leaves off by default (experimental) that the book passes as well."""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The rules whose outcome depends on the colour mode."""
NARROW = 320
"""The width, in CSS px, at which a page must reflow (WCAG 1.4.10)."""
WORKERS = 2
_TRANSITIONS_DONE = "Promise.all(document.getAnimations().map(a => a.finished)).then(() => true)"
"""Waits until the colours the theme's switch set have finished fading in (its buttons fade)."""


def _axe(page, options: dict) -> list[str]:
    """axe-core's violations on ``page`` with ``options``, one line each: rule, count, first element."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options={**options, "resultTypes": ["violations"]}).response["violations"]
    return [f"{v['id']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})" for v in found]


def _settled(page, before: str | None) -> None:
    """Wait until the book's script has named the page's scrolling boxes after the theme set
    their keyboard focus (``data-assess-settled`` moves on from ``before``)."""
    page.wait_for_function(
        "before => (document.documentElement.dataset.assessSettled || null) !== before", arg=before, timeout=15000
    )


def _check(urls: list[str]) -> list[str]:
    """Every problem on the pages at ``urls``, each line naming the page, the mode and the width."""
    from playwright.sync_api import sync_playwright

    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for url in urls:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(url, wait_until="load")
            _settled(page, None)
            problems += [
                f"{url} light: {v}" for v in _axe(page, {"runOnly": {"type": "tag", "values": WCAG}, "rules": ALSO_ON})
            ]
            hashes = page.get_by_role("link", name="#", exact=True).count()
            problems += [f"{url}: {hashes} heading link(s) named '#'"] if hashes else []
            page.evaluate("document.documentElement.dataset.theme = 'dark'")
            page.evaluate(_TRANSITIONS_DONE)
            problems += [f"{url} dark: {v}" for v in _axe(page, {"runOnly": COLOUR_RULES})]
            page.evaluate("document.documentElement.dataset.theme = 'light'")
            before = page.evaluate("document.documentElement.dataset.assessSettled")
            page.set_viewport_size({"width": NARROW, "height": 800})
            _settled(page, before)
            wide = page.evaluate("document.documentElement.scrollWidth")
            problems += [f"{url}: the page is {wide} px wide at {NARROW} px"] if wide > NARROW else []
            narrow = {
                "runOnly": {"type": "tag", "values": WCAG},
                "rules": {**ALSO_ON, "color-contrast": {"enabled": False}},
            }
            problems += [f"{url} at {NARROW} px: {v}" for v in _axe(page, narrow)]
        browser.close()
    return problems


def test_every_page_of_every_edition_has_no_axe_violation_in_either_mode_and_reflows(site):
    chromium_or_fail()
    out, editions, base = site
    urls = [f"{base}/{edition}/{name}.html" for edition in editions for name in site_pages(out, edition)]
    assert len(urls) > len(editions) * 10
    with ThreadPoolExecutor(WORKERS) as pool:
        problems = [line for lines in pool.map(_check, [urls[i::WORKERS] for i in range(WORKERS)]) for line in lines]
    assert problems == [], "\n".join(problems)


def test_dark_mode_is_the_themes_own(site, browser):
    """The dark mode the test switches to is the one the theme's switch remembers: a page opened
    with the theme's stored choice (localStorage ``mode``) is dark, and the book's colours change."""
    out, editions, base = site
    sourced = next(  # the first page, in reading order, with a source line
        f"{edition}/{name}.html"
        for edition in editions
        for name in site_pages(out, edition)
        if 'class="assess-source' in (out / edition / f"{name}.html").read_text(encoding="utf-8")
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    page = context.new_page()
    page.goto(f"{base}/{sourced}", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    source = "getComputedStyle(document.querySelector('p.assess-source')).color"
    dark = page.evaluate(source)
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    assert page.evaluate(source) != dark
    context.close()


def test_a_page_declares_british_english(site):
    out, editions, _ = site
    for edition in editions:
        for name in site_pages(out, edition)[:3]:
            head = (out / edition / f"{name}.html").read_text(encoding="utf-8")[:400]
            assert '<html lang="en-GB"' in head, (edition, name)
