"""One visit to every page of every edition, for every check the browser tests make of a page.

Each page is opened once in Debian's Chromium (driven by Playwright) and, while it is open: what
the site test checks (no console error, no failed request, no request leaving the machine, no
table wider than the text column at 1280 px, alt text on every image, a caption on every table,
no heading link named '#', a screenshot of the top of the page at 1280 px), then what the accessibility
test checks (axe-core at 1280 px in light mode with every WCAG 2.0, 2.1 and 2.2 A and AA rule, in
dark mode with the colour rules, and at 320 px with every rule but colour contrast, where the page
must not scroll sideways). The pages are shared between four browsers, each taking the next page
as it finishes one, so both cores are used. ``sweep`` returns each check's problems, one line each, naming the page."""

from __future__ import annotations

import queue
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
"""axe-core's tags of the WCAG 2.0, 2.1 and 2.2 level A and AA success criteria."""
ALSO_ON = {"label-content-name-mismatch": {"enabled": True}, "focus-order-semantics": {"enabled": True}}
"""Rules axe-core leaves off by default (experimental) that the book passes as well."""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The rules whose outcome depends on the colour mode."""
ONLY_WHAT_IS_CHECKED = {"resultTypes": ["violations"], "preload": {"assets": ["media"]}}
"""axe-core's options for what it gathers: every element only of a violation (one of each rule's
passes), and before each run the page's media but not its stylesheets. The one rule that reads
the stylesheets (``css-orientation-lock``) is experimental and not among the rules run (the same
outcome on every rule run was checked on the largest page); fetching and parsing them took about
0.09 CPU-seconds a run, three runs a page."""
WIDE, NARROW = 1280, 320
"""The widths, in CSS px, at which each page is read, and at which it must reflow (WCAG 1.4.10)."""
WORKERS = 4
"""Browsers working at once: two a core, as each spends part of a visit waiting on the theme's
timers (measured: one edition's 37 pages took 50 s with four, 59 to 60 s with two or three)."""
WIDER_THAN_COLUMN = "els => els.filter(e => e.scrollWidth > e.parentElement.clientWidth + 1).length"
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"
"""A style put into each page once it has settled: colours change at once when the mode is
switched (the theme's buttons fade), so no frame is drawn between the two modes."""


@dataclass
class Problems:
    """What the visits found, one line each naming the page: ``site`` for the site test,
    ``access`` for the accessibility test; ``screenshots`` are the files written."""

    site: list[str] = field(default_factory=list)
    access: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)

    def extend(self, other: Problems) -> None:
        self.site += other.site
        self.access += other.access
        self.screenshots += other.screenshots


VIOLATIONS = """options => axe.run(document, options).then(found => found.violations.map(
    v => `${v.id} (${v.nodes.length}x, e.g. ${v.nodes[0].html.slice(0, 120)})`))"""
"""axe-core run in the page, handing back one line a violation (rule, count, first element): only
these lines leave the browser, not the whole result (a passing element of every rule run)."""


def _axe(page, options: dict) -> list[str]:
    """axe-core's violations on ``page`` with ``options``, one line each: rule, count, first
    element. axe-core is put into the page once per visit."""
    from axe_playwright_python.sync_playwright import Axe

    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(Axe().axe_script)
    return page.evaluate(VIOLATIONS, {**options, **ONLY_WHAT_IS_CHECKED})


def _settled(page, before: str | None) -> None:
    """Wait until the book's script has named the page's scrolling boxes after the theme set
    their keyboard focus (``data-assess-settled`` moves on from ``before``, about 350 ms after the
    page loads or is resized). Asked every 50 ms: Playwright's default, on every animation frame,
    has the browser draw frames meanwhile."""
    page.wait_for_function(
        "before => (document.documentElement.dataset.assessSettled || null) !== before",
        arg=before,
        polling=50,
        timeout=15000,
    )


def visit(page, url: str, label: str, shot: Path, found: Problems, watching: dict) -> None:
    """Every check of one page. ``watching["page"]`` is True while the page's own requests and
    console are watched (from opening it until it is idle)."""
    watching["page"] = True
    page.set_viewport_size({"width": WIDE, "height": 900})
    page.goto(url, wait_until="load")
    _settled(page, None)
    page.add_style_tag(content=STILL)
    wide = page.eval_on_selector_all("article table", WIDER_THAN_COLUMN)
    found.site += [f"{label}: {wide} table(s) wider than the text column at {WIDE} px"] if wide else []
    images = page.eval_on_selector_all("article img", "els => els.map(e => e.getAttribute('alt') || '')")
    found.site += [f"{label}: an image without alt text" for alt in images if len(alt.strip()) < 15]
    tables = page.eval_on_selector_all("article table", "els => els.map(e => !!e.querySelector('caption'))")
    found.site += [f"{label}: a table without a caption" for has in tables if not has]
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), type="jpeg", quality=70)
    found.screenshots.append(shot)
    # Every request the page made has been answered (or failed, and was recorded). What follows
    # (axe-core's runs, the colour mode switched, the resize) is the test's, not the page's load.
    page.wait_for_load_state("networkidle")
    watching["page"] = False

    light = {"runOnly": {"type": "tag", "values": WCAG}, "rules": ALSO_ON}
    found.access += [f"{label} light: {v}" for v in _axe(page, light)]
    hashes = page.get_by_role("link", name="#", exact=True).count()
    found.access += [f"{label}: {hashes} heading link(s) named '#'"] if hashes else []
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    found.access += [f"{label} dark: {v}" for v in _axe(page, {"runOnly": COLOUR_RULES})]
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    before = page.evaluate("document.documentElement.dataset.assessSettled")
    page.set_viewport_size({"width": NARROW, "height": 800})
    _settled(page, before)
    width = page.evaluate("document.documentElement.scrollWidth")
    found.access += [f"{label}: the page is {width} px wide at {NARROW} px"] if width > NARROW else []
    narrow = {"runOnly": {"type": "tag", "values": WCAG}, "rules": {**ALSO_ON, "color-contrast": {"enabled": False}}}
    found.access += [f"{label} at {NARROW} px: {v}" for v in _axe(page, narrow)]


def keep_on_machine(context, record) -> None:
    """Hand ``record`` one line for each request a page of the browser ``context`` makes to any
    host but 127.0.0.1. The requests are watched, not intercepted: intercepting them would turn off
    the browser's cache, so every page would fetch, parse and compile the theme's scripts and
    stylesheets afresh (a sixth of the sweep's CPU). The browser cannot reach another host anyway:
    ``CHROMIUM_ARGS`` (tests/conftest.py) resolve every other name to nothing."""

    def watch(request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https") and parsed.hostname != "127.0.0.1":
            record(f"request leaving the machine: {request.url}")

    context.on("request", watch)


def _record(current: dict, wrong: bool, what: str, found: Problems) -> None:
    """Record ``what`` against the page being visited when it is ``wrong`` and the page's own."""
    if wrong and current["page"]:
        found.site.append(f"{current['label']}: {what}")


def _worker(chromium: Path, args: list[str], visits: queue.SimpleQueue) -> Problems:
    """One browser's share of the visits: it takes (address, label, screenshot file) from
    ``visits`` until none is left."""
    from playwright.sync_api import sync_playwright

    found = Problems()
    current = {"label": "", "page": False}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=args)
        context = browser.new_context(viewport={"width": WIDE, "height": 900})

        keep_on_machine(context, lambda what: found.site.append(f"{current['label']}: {what}"))
        page = context.new_page()
        page.on("console", lambda m: _record(current, m.type == "error", f"console error: {m.text}", found))
        page.on("requestfailed", lambda r: _record(current, True, f"failed request: {r.url}", found))
        while True:
            try:
                url, label, shot = visits.get_nowait()
            except queue.Empty:
                break
            current["label"] = label
            visit(page, url, label, shot, found, current)
        context.close()
        browser.close()
    return found


def sweep(
    base: str, out: Path, pages: list[tuple[str, str]], screenshots: Path, chromium: Path, args: list[str]
) -> Problems:
    """Visit every page, ``pages`` as (edition, page path without suffix) published in ``out`` and
    served under ``base``, shared between ``WORKERS`` browsers; each page's screenshot in
    ``screenshots/<edition>/``. Each browser takes the next page as it finishes one, the largest
    files first (axe-core's time grows with a page's size), so that the browsers finish together."""
    waiting: queue.SimpleQueue = queue.SimpleQueue()
    for edition, name in sorted(pages, key=lambda p: -(out / p[0] / f"{p[1]}.html").stat().st_size):
        shot = screenshots / edition / f"{name.replace('/', '-')}.jpg"
        waiting.put((f"{base}/{edition}/{name}.html", f"{edition}/{name}", shot))
    found = Problems()
    with ThreadPoolExecutor(WORKERS) as pool:
        for share in pool.map(lambda _: _worker(chromium, args, waiting), range(WORKERS)):
            found.extend(share)
    return found
