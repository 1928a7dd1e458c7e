"""CSV downloads that are safe to open in a spreadsheet.

A cell that starts with = + - @, a tab or a carriage return (also after
leading blanks or quotes, which spreadsheets skip) would be read by Excel or
LibreOffice as a formula (CSV injection); such cells get a leading
apostrophe. Every cell is quoted: a Dutch Excel splits on ";" rather than
",", and an unquoted `Jan;=1+1;` would become a cell starting with "=". The
file is UTF-8 with a byte-order mark, which is how Excel knows to show
Polish, Bulgarian or Arabic names correctly.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Iterable

from flask import Response

FORMULA_START = re.compile(r"""^[ "']*[=+\-@\t\r]""")


def neutralise(value) -> str:
    """The cell as text, defused if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if FORMULA_START.match(text) else text


def csv_text(headers: list[str], rows: Iterable[Iterable]) -> str:
    buffer = io.StringIO()
    # Quoting every cell keeps each cell whole whatever separator the spreadsheet assumes.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def csv_response(filename: str, headers: list[str], rows: Iterable[Iterable]) -> Response:
    body = "\ufeff" + csv_text(headers, rows)
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            # Figures about people: never keep them in a shared cache.
            "Cache-Control": "no-store",
        },
    )
