"""Every page of every edition meets WCAG 2.2 A and AA as far as axe-core can tell, in the theme's
light and dark mode, and reflows at 320 CSS px: axe-core (the copy ``axe-playwright-python``
ships) runs in Debian's Chromium over each page at 1280 px in light mode (every rule tagged
WCAG 2.0, 2.1 and 2.2 A and AA), again in dark mode (the colour rules: only colours change), and
at 320 px (every rule but colour contrast), where the page must not scroll sideways. Two rules
axe leaves off by default are on: ``label-content-name-mismatch`` (WCAG 2.5.3, label in name) and
``focus-order-semantics`` (a box that takes keyboard focus says what it is). No rule is turned
off and no element is left out: zero violations.

Each page is visited once for this test and the site test (``swept``: tests/page_sweep.py holds
the visit, tests/conftest.py the session fixture), its pages shared between two browsers to keep
the run short on two cores; the site is built once per session (the ``site`` fixture)."""

from __future__ import annotations

import pytest

from conftest import EDITIONS, site_pages

pytestmark = [pytest.mark.build, EDITIONS]


def test_every_page_of_every_edition_has_no_axe_violation_in_either_mode_and_reflows(site, swept):
    out, editions, _ = site
    assert len(swept.screenshots) == sum(len(site_pages(out, e)) for e in editions) > len(editions) * 10
    assert swept.access == [], "\n".join(swept.access)


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
