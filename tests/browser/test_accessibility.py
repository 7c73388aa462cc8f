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
from page_sweep import NARROW, Problems, visit

pytestmark = [pytest.mark.build, EDITIONS]


def test_every_page_of_every_edition_has_no_axe_violation_in_either_mode_and_reflows(site, swept):
    out, editions, _ = site
    assert len(swept.screenshots) == sum(len(site_pages(out, e)) for e in editions) > len(editions) * 10
    assert swept.access == [], "\n".join(swept.access)


FAINT = '<p style="color: #8a8a8a; background: #9a9a9a">faint words</p>'
"""Text whose contrast with its background fails in both modes (about 1.2:1; WCAG asks 4.5:1)."""
NO_ALT = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">'
"""An image with no text alternative (WCAG 1.1.1), at every width."""


def test_the_sweep_reports_each_violation_axe_core_finds_in_each_mode_and_width(site, browser, tmp_path):
    """A published page with faint text and an image without alt text, planted beside the
    edition's pages for this test only: the visit every page gets reports both in light mode, the
    faint text in dark mode, and the image at 320 px, each naming the page."""
    out, editions, base = site
    edition, first = editions[0], site_pages(out, editions[0])[0]
    planted, article = out / edition / f"{first}-planted.html", '<article class="bd-article">'
    page_html = (out / edition / f"{first}.html").read_text(encoding="utf-8")
    assert page_html.count(article) == 1
    planted.write_text(page_html.replace(article, f"{article}{FAINT}{NO_ALT}"), encoding="utf-8")
    found, page = Problems(), browser.new_page()
    try:
        visit(page, f"{base}/{edition}/{first}-planted.html", "planted", tmp_path / "a.jpg", found, {})
    finally:
        page.close()
        planted.unlink()
    lines = {line.split(" (")[0]: line for line in found.access}
    assert set(lines) == {
        "planted light: color-contrast",
        "planted light: image-alt",
        "planted dark: color-contrast",
        f"planted at {NARROW} px: image-alt",
    }, found.access
    assert "1x, e.g. <p" in lines["planted dark: color-contrast"]
    assert "1x, e.g. <img" in lines["planted light: image-alt"]


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
