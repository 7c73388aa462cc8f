"""Read OpenDocument spreadsheets (.ods) quickly: the sheet XML is streamed from the zip file.

pandas reads .ods through odfpy, which builds the whole document in memory and takes seconds
for a Home Office workforce table; this reader takes a fraction of that. Each sheet becomes a
list of rows of cell values: float for numbers and percentages, Timestamp for dates, str for
text, None for empty cells. Runs of empty rows are kept as one empty row; empty cells at the
end of a row are dropped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import iterparse

import pandas as pd

from ..errors import InputError
from .budget import MAX_FILE_BYTES, within_budget

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_SHEET, _ROW = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row"
_CELLS = {f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"}
_PARAGRAPH = f"{{{_TEXT}}}p"
MAX_CELLS = 20_000_000
"""The most cells with values a spreadsheet may hold, counting those a repeated row or column stands for."""
_SPACE = f"{{{_TEXT}}}s"


def read_ods(path: str | Path) -> dict[str, list[list]]:
    """Every sheet of an .ods file, by name, as rows of cell values. The file and its unpacked
    content are held to the readers' memory budget (``budget.MAX_FILE_BYTES``), and so are the
    cells a repeated row or column stands for (:data:`MAX_CELLS`)."""
    path = Path(path)
    within_budget(path)
    try:
        archive = zipfile.ZipFile(path)
        unpacked = archive.getinfo("content.xml").file_size
        content = archive.open("content.xml")
    except (OSError, zipfile.BadZipFile, KeyError):
        raise InputError(path, "an OpenDocument spreadsheet (.ods)", found="a file that is not one") from None
    if unpacked > MAX_FILE_BYTES:
        archive.close()
        raise InputError(
            path, f"a spreadsheet of at most {MAX_FILE_BYTES / 2**20:,.0f} MiB unpacked", found=f"{unpacked:,} bytes"
        )
    cells = 0
    sheets: dict[str, list[list]] = {}
    rows: list[list] = []
    with archive, content:
        for event, element in iterparse(content, events=("start", "end")):
            if event == "start" and element.tag == _SHEET:
                rows = sheets.setdefault(element.get(f"{{{_TABLE}}}name"), [])
            elif event == "end" and element.tag == _ROW:
                row = _row_values(element)
                repeat = int(element.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
                cells += len(row) * (repeat if row else 1)
                if cells > MAX_CELLS:
                    raise InputError(path, f"a spreadsheet of at most {MAX_CELLS:,} cells with values")
                rows.extend([row] * (repeat if row else 1))
                element.clear()
    return sheets


def _row_values(row) -> list:
    values = []
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        value = _cell_value(cell)
        repeat = min(int(cell.get(f"{{{_TABLE}}}number-columns-repeated", "1")), MAX_CELLS + 1)
        values.extend([value] * repeat if value is not None else [None] * min(repeat, 1024))
    while values and values[-1] is None:
        values.pop()
    return values


def _cell_value(cell):
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        return float(cell.get(f"{{{_OFFICE}}}value"))
    if kind == "date":
        return pd.Timestamp(cell.get(f"{{{_OFFICE}}}date-value"))
    text = "\n".join(_text(p) for p in cell.iter(_PARAGRAPH))
    return text if text else None


def _text(element) -> str:
    """The text of an element, with <text:s text:c="n"/> read as n spaces."""
    parts = [element.text or ""]
    for child in element:
        parts.append(" " * int(child.get(f"{{{_TEXT}}}c", "1")) if child.tag == _SPACE else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def sheet_frame(rows: list[list]) -> pd.DataFrame:
    """A sheet's rows as a DataFrame with positional column labels, short rows padded."""
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [None] * (width - len(r)) for r in rows])
