"""The landing page of an output folder: a plain page linking every edition published there."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).with_name("landing.html")


def write_landing_page(out: Path) -> Path:
    """Write ``<out>/index.html`` listing every edition in ``out`` (each folder with a
    ``figures.json``) with a link to its PDF when it has one, titles escaped; returns its path.
    Written aside, then moved into place."""
    items = []
    for register in sorted(out.glob("*/figures.json")):
        title = json.loads(register.read_text(encoding="utf-8"))["title"]
        folder = html.escape(register.parent.name)
        pdf = register.parent / f"{register.parent.name}.pdf"
        printable = f' <a href="{folder}/{folder}.pdf">PDF</a>' if pdf.is_file() else ""
        link = f'<a href="{folder}/index.html">{html.escape(title)}</a>'
        items.append(f"    <li>{link}{printable} <span>({folder})</span></li>")
    page = Template(TEMPLATE.read_text(encoding="utf-8")).substitute(items="\n".join(items))
    landing, temporary = out / "index.html", out / ".index.html.tmp"
    temporary.write_text(page, encoding="utf-8")
    os.replace(temporary, landing)
    return landing
