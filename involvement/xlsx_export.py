"""XLSX exports beside the CSV ones: the same rows, as a spreadsheet whose
figures are real number cells and whose text is never run as a formula.

A value as shown on the page becomes a number cell when it is one: a whole
number ("12"), a decimal ("3.5"), a percentage ("80%", kept as 0.8 with a
per-cent format) or an amount in pounds ("£1,234.56", with a pounds
format). Anything else ("fewer than 5", "Yes", a name) stays text, and text
is always written as a string cell (never a formula, whatever it starts
with), with the characters a spreadsheet file cannot hold taken out."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POUNDS_FORMAT = '"£"#,##0.00'
PER_CENT_FORMAT = "0%"

_WHOLE = re.compile(r"-?\d{1,15}")
_DECIMAL = re.compile(r"-?\d{1,15}\.\d{1,6}")
_PER_CENT = re.compile(r"(-?\d{1,3}(?:\.\d{1,2})?)%")
_POUNDS = re.compile(r"£(\d{1,3}(?:,\d{3})*|\d+)\.(\d{2})")


def typed(value: Any) -> tuple[Any, str | None]:
    """(cell value, number format or None) for one value as shown."""
    if isinstance(value, bool) or value is None:
        return ("" if value is None else ("Yes" if value else "No")), None
    if isinstance(value, int | float | Decimal):
        return value, None
    text = str(value).strip()
    if _WHOLE.fullmatch(text):
        return int(text), None
    if _DECIMAL.fullmatch(text):
        return Decimal(text), None
    if match := _PER_CENT.fullmatch(text):
        return Decimal(match.group(1)) / 100, PER_CENT_FORMAT
    if match := _POUNDS.fullmatch(text):
        return Decimal(f"{match.group(1).replace(',', '')}.{match.group(2)}"), POUNDS_FORMAT
    return str(value), None


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def xlsx_bytes(*, sheet: str, header: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """One sheet: a bold header row, then the rows, typed as above."""
    book = Workbook()
    ws = book.active
    ws.title = _text(sheet)[:31] or "Figures"
    ws.append([_text(str(name)) for name in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths: dict[int, int] = {}
    for row_number, row in enumerate(rows, start=2):
        for column, raw in enumerate(row, start=1):
            value, number_format = typed(raw)
            cell = ws.cell(row=row_number, column=column)
            if isinstance(value, str):
                # Set as a string cell: never read as a formula.
                cell.value = _text(value)
                cell.data_type = "s"
            else:
                cell.value = value
                if number_format:
                    cell.number_format = number_format
            widths[column] = max(widths.get(column, 10), min(len(str(raw)), 80))
    for column, width in widths.items():
        ws.column_dimensions[ws.cell(row=1, column=column).column_letter].width = width + 2
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["CONTENT_TYPE", "typed", "xlsx_bytes"]
