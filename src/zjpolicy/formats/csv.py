"""CSV files (.csv): a table, one line per row with the cells joined by " | ".

The bytes are decoded as a plain-text file's are (a BOM, UTF-16, UTF-8, else
GB18030: see ``text``); the delimiter is a comma unless the first line holds
more tabs or semicolons (an export from a spreadsheet set to another locale).
"""

from __future__ import annotations

import csv
import io

from zjpolicy.errors import ZjpolicyError
from zjpolicy.formats import text
from zjpolicy.formats._common import sheet_lines

_DELIMITERS = (",", "\t", ";")


def read(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a CSV file."""
    content, encoding = text.read(data, name)
    first = next((line for line in content.splitlines() if line.strip()), "")
    delimiter = max(_DELIMITERS, key=first.count)  # ties keep the comma, the first
    try:
        rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise ZjpolicyError(f"{name}: not a readable CSV file ({e})") from None
    lines = sheet_lines(rows)
    if not lines:
        raise ZjpolicyError(f"{name}: no text in the file")
    return "\n".join(lines) + "\n", encoding
