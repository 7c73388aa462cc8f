"""The published site in a real browser (Debian's Chromium, driven by Playwright), every page of
every edition: no console error, no failed request, no request leaving the machine, alt text on
every figure, a caption on every table, search and navigation working; a screenshot of the top of
each page at 1280 px is saved in _build/screenshots/<edition>/. And nothing row-level from the street
data is published."""

from __future__ import annotations

import csv
import re
from urllib.parse import urlparse

import pytest

from assess.build.project import toc_files
from conftest import EDITIONS, ROOT, site_pages
from page_sweep import keep_on_machine

pytestmark = [pytest.mark.build, EDITIONS]
# The fixtures ``site`` (every edition built once per test session and served on 127.0.0.1),
# ``swept`` (every page of it visited once) and ``browser`` (Debian's Chromium) are in
# tests/conftest.py, shared with test_accessibility.py.


def _open(browser, url: str, problems: list[str]):
    """A page at 1280 px that records console errors, failed requests and requests leaving the machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    keep_on_machine(context, problems.append)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error on {url}: {m.text}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request on {url}: {r.url}"))
    page.goto(url, wait_until="networkidle")
    return context, page


def test_a_request_for_another_host_is_reported_and_goes_nowhere(browser, tmp_path):
    """The watch on every page the browser tests open: a request for another host is reported,
    and fails, since the browser resolves no other name (CHROMIUM_ARGS)."""
    page_file = tmp_path / "page.html"
    picture = "https://example.com/picture.png"
    page_file.write_text(
        f'<!DOCTYPE html><html lang="en-GB"><title>t</title><img alt="from elsewhere" src="{picture}">'
    )
    problems: list[str] = []
    context, _ = _open(browser, page_file.as_uri(), problems)
    context.close()
    assert f"request leaving the machine: {picture}" in problems
    assert f"failed request on {page_file.as_uri()}: {picture}" in problems


def test_every_page_of_every_edition(site, swept):
    """Each page was opened once (``swept``, tests/page_sweep.py, shared with the accessibility
    test): no console error, failed request or request leaving the machine, no table wider than
    the text column at 1280 px, alt text on every image, a caption on every table, and a
    screenshot of the top of the page."""
    out, editions, _ = site
    assert all(len(site_pages(out, e)) > len(toc_files(ROOT / "_toc.yml")) for e in editions), "no threat pages"
    assert swept.site == [], "\n".join(swept.site)
    expected = {(e, n.replace("/", "-")) for e in editions for n in site_pages(out, e)}
    assert {(shot.parent.name, shot.stem) for shot in swept.screenshots} == expected
    assert all(shot.stat().st_size > 10000 for shot in swept.screenshots)


def test_the_first_chapter_is_the_executive_summary_with_yardstick_judgements(site, browser):
    _, editions, base = site
    problems: list[str] = []
    context, page = _open(browser, f"{base}/{editions[0]}/index.html", problems)
    links = page.eval_on_selector_all("nav.bd-docs-nav a.reference.internal", "els => els.map(e => e.href)")
    first = next(link for link in links if "/sections/" in link)  # the home page leads the menu
    assert first.endswith("sections/summary.html")
    page.goto(first, wait_until="networkidle")
    judgements = page.eval_on_selector_all("article section#key-judgements li", "els => els.map(e => e.textContent)")
    phrases = (
        "Remote chance",
        "Highly unlikely",
        "Unlikely",
        "Realistic possibility",
        "Likely",
        "Highly likely",
        "Almost certain",
    )
    assert judgements and all(j.strip().startswith(phrases) for j in judgements)
    assert not any("[[" in j for j in judgements) and problems == []
    context.close()


def test_navigation_reaches_every_chapter(site, browser):
    _, editions, base = site
    problems: list[str] = []
    context, page = _open(browser, f"{base}/{editions[0]}/index.html", problems)
    links = page.eval_on_selector_all("nav.bd-docs-nav a", "els => els.map(e => e.href)")
    reached = {urlparse(link).path.removeprefix(f"/{editions[0]}/") for link in links}
    expected = {f"{name}.html" for name in toc_files(ROOT / "_toc.yml")[1:]}
    assert expected <= reached and problems == []
    context.close()


def test_search_finds_a_crime_type(site, browser):
    _, editions, base = site
    problems: list[str] = []
    context, page = _open(browser, f"{base}/{editions[0]}/search.html?q=burglary", problems)
    page.wait_for_selector("#search-results li", timeout=15000)
    titles = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.textContent)")
    assert titles and all(t.strip() for t in titles), titles  # pages that name burglary, e.g. a threat page
    assert problems == []
    context.close()


def test_the_landing_page_links_every_edition(site, browser):
    _, editions, base = site
    problems: list[str] = []
    context, page = _open(browser, f"{base}/index.html", problems)
    for edition in editions:
        page.click(f"a[href='{edition}/index.html']")
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/{edition}/index.html")
        page.go_back(wait_until="networkidle")
    assert problems == []
    context.close()


def test_no_row_level_street_detail_is_published(site):
    out, editions, _ = site
    ids, coordinates = set(), set()
    for path in sorted((ROOT / "data" / "raw" / "police_uk_street").glob("*-street.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["Crime ID"]:
                    ids.add(row["Crime ID"])
                coordinates.update(v for v in (row["Longitude"], row["Latitude"]) if v)
    assert len(ids) > 50000
    leaks = []
    # What is published: each edition's folder and the landing page beside them (the output folder
    # may also hold the build's cache and the unit tests' scratch copies of raw data).
    published = [p for p in out.iterdir() if p.is_file()] + [p for e in editions for p in (out / e).rglob("*")]
    for path in (p for p in published if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="ignore")
        if "On or near" in text:
            leaks.append(f"{path}: a street location")
        leaks += [f"{path}: crime id {t}" for t in set(re.findall(r"[0-9a-f]{64}", text)) & ids]
        leaks += [f"{path}: coordinate {t}" for t in set(re.findall(r"-?\d{1,2}\.\d{6}", text)) & coordinates]
    assert leaks == []
