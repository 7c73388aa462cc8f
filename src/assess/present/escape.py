"""Escaping of text from data and parameter files, one helper per place the text ends up.

Each helper takes any text and returns text that shows exactly those characters (after the
normalisation its docstring states) and can never become markup in that place:

- :func:`html_text` – an HTML text node or a quoted attribute value;
- :func:`myst_inline` – MyST Markdown prose or a Markdown table cell, as the book parses it;
- :func:`code_block` – a fenced MyST code block at the start of a line;
- :func:`csv_cell` – a cell of a CSV file a reader may open in a spreadsheet;
- :func:`alt_text` – an image's ``alt`` attribute;
- :func:`title_text` – Jupyter Book ``title`` and ``author``, which the theme writes unescaped;
- :func:`heading_text` – a MyST heading that may become a page title, which the theme writes
  unescaped after undoing the Markdown escapes.

Which values the installed themes write into HTML without escaping (pydata-sphinx-theme 0.17.1,
sphinx-book-theme 1.3.0, Sphinx 7.4; Sphinx's templates do not autoescape):

- ``html_title`` (Jupyter Book ``title``) as ``docstitle``: the navbar title
  (pydata ``components/navbar-logo.html``: ``{{ theme_logo.get("text") or docstitle }}``),
  the logo's ``alt="{{ alt }}"`` built as ``"%s - Home" % docstitle``, and the search page's
  ``<title>{{ _("Search") }} - {{ title or docstitle }}</title>``;
- ``author`` (Jupyter Book ``author``): sphinx-book-theme ``components/author.html``,
  ``{{ translate('By') }} {{ author }}``;
- the root page's title as ``root_title`` (sphinx-book-theme ``sbt-sidebar-nav.html``) and
  every page's title as ``pagetitle`` (the print-only ``<h1>{{ pagetitle }}</h1>`` in its
  ``layout.html``): both are ``astext()`` of the parsed heading, so Markdown escaping is undone
  before they reach the HTML;
- ``html_theme_options``: ``logo.text``, ``logo.alt_text``, ``extra_footer`` and
  ``announcement`` (HTML by design), ``search_bar_text``, ``icon_links_label``, ``toc_title``;
  and ``version`` in ``<meta name="docsearch:version" content="{{ version }}">``.

``copyright`` and ``last_updated`` are escaped (``|e``) everywhere they appear, and so is
``docstitle`` in the ``<title>`` of ordinary pages (Sphinx ``basic/layout.html``).
"""

from __future__ import annotations

import html
import re

# Characters dropped from one-line text: zero-width characters and bidirectional controls
# (they can make text display in a different order from the one stored), and the byte-order mark.
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"  # a character-class body
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f" + _INVISIBLE + "]")
_HIDDEN = re.compile("[" + _INVISIBLE + "]")
_ASCII_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_LANGUAGE = re.compile(r"[A-Za-z0-9_+-]*")
_TRIGGERS = tuple("=+-@\t\r")


def one_line(text: object) -> str:
    """``text`` as one line of visible characters: the normalisation every helper here applies.

    Each line break (CR LF, CR, LF, NEL, U+2028, U+2029) and each tab, vertical tab and form
    feed becomes one space; other control characters (C0, DEL, C1), zero-width characters
    (U+200B–U+200D, U+2060–U+2064), bidirectional controls (U+061C, U+200E, U+200F,
    U+202A–U+202E, U+2066–U+2069) and U+FEFF are removed; leading and trailing whitespace is
    stripped (as a Markdown paragraph or table cell strips it).
    """
    return _CONTROLS.sub("", _LINE_BREAKS.sub(" ", str(text))).strip()


def html_text(text: object) -> str:
    """``text`` for an HTML text node or a quoted attribute value: ``&``, ``<``, ``>``, ``"``
    and ``'`` become character references, so the text can neither open a tag nor end the
    attribute. Zero-width characters, bidirectional controls and U+FEFF are removed, as
    :func:`one_line` removes them; nothing else changes (line breaks stay)."""
    return html.escape(_HIDDEN.sub("", str(text)), quote=True)


def myst_inline(text: object) -> str:
    """``text`` for MyST Markdown prose or a Markdown table cell: it renders as the characters of
    :func:`one_line` ``(text)``, never as markup.

    Every ASCII punctuation character gets a backslash, which CommonMark and the book's MyST
    extensions (colon_fence, dollarmath, linkify, substitution, tasklist) honour: no emphasis,
    code span, link, image, autolink, raw HTML, entity, role, substitution, math, target,
    comment or block start can form, and linkify finds no address because no text run keeps
    its ``.``, ``:`` or ``@``. A ``|`` is escaped for tables too. Text is on one line, so it
    cannot start a block of its own when placed after other text.

    Not for headings: the book theme writes page titles into the HTML unescaped (see the module
    docstring). Sphinx's smart quotes still turn ``"``, ``--`` and ``...`` into typographic
    characters unless the book sets ``smartquotes = False``.
    """
    return _ASCII_PUNCTUATION.sub(r"\\\1", one_line(text))


def myst_run(text: object) -> str:
    """A run of text within a line of MyST (between other inline markup): :func:`myst_inline`
    without stripping the spaces at either end, which separate it from its neighbours. Line
    breaks become spaces, so a run can never start a block of its own."""
    return _ASCII_PUNCTUATION.sub(r"\\\1", _CONTROLS.sub("", _LINE_BREAKS.sub(" ", str(text))))


def code_block(text: object, lang: str = "") -> str:
    """A fenced MyST code block showing ``text`` verbatim, to place at the start of a line.

    The fence is one backtick longer than the longest run of backticks in ``text`` (at least
    three), so no line of ``text`` can close it. ``lang`` must be a plain lexer name (letters,
    digits, ``_``, ``+``, ``-``), so the info string cannot turn the block into a directive such
    as ``{raw}``; anything else raises ValueError. CR LF and CR become LF (as the parser would
    read them); the parser shows NUL as U+FFFD. Returns the block, ending with a newline.
    """
    text = re.sub(r"\r\n?", "\n", str(text))
    if not _LANGUAGE.fullmatch(lang):
        raise ValueError(f"code_block: language must be a plain lexer name, not {lang!r}")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") or not text else text + "\n"
    return f"{fence}{lang}\n{body}{fence}\n"


def csv_cell(value: object) -> object:
    """``value`` for a CSV cell, safe from formula injection (OWASP "CSV Injection").

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``,
    so a spreadsheet shows it as text instead of running it. That includes text that merely
    looks like a number, such as ``"-12"``: numbers should arrive as numbers. Anything that is
    not a ``str`` (numbers, dates, None, missing values) is returned unchanged; quoting of
    commas, quotes and line breaks is left to the CSV writer.
    """
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def alt_text(text: object, limit: int = 150) -> str:
    """``text`` for an image's ``alt`` attribute: :func:`one_line`, cut to at most ``limit``
    characters (the last one "…" when cut), then :func:`html_text`."""
    line = one_line(text)
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return html_text(line)


def title_text(text: object) -> str:
    """``text`` for Jupyter Book ``title`` or ``author``: :func:`one_line`, then :func:`html_text`.

    The theme writes these into the navbar and sidebar unescaped, so they must arrive escaped;
    the price is that the browser tab, which Sphinx does escape, shows ``&amp;`` for ``&``
    (and the like for ``<``, ``>``, quotes). Refusing those five characters in titles avoids both.
    """
    return html_text(one_line(text))


_HTML_LOOKALIKES = str.maketrans({"<": "‹", ">": "›", "&": "+", '"': "”", "'": "’"})


def heading_text(text: object) -> str:
    """``text`` for a MyST heading (``# ...``) that may become a page title: :func:`myst_inline`
    of the text with the five characters HTML gives meaning to replaced by look-alikes
    (``<`` by ``‹``, ``>`` by ``›``, ``&`` by ``+``, ``"`` by ``”``, ``'`` by ``’``).

    Escaping cannot help here: the theme writes a page's title from the parsed heading's plain
    text, after Markdown and entity escapes are undone, into the HTML unescaped (the module
    docstring says where), so those characters must not be in it at all.
    """
    return myst_inline(one_line(text).translate(_HTML_LOOKALIKES))
