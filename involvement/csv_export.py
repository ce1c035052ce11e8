"""CSV exports: one writer for every CSV the platform makes, so that no cell
is ever run as a formula when the file is opened in a spreadsheet (CSV
injection). Every cell goes through `csv_safe`; nobody has to remember which
columns a person could have typed into."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

# A spreadsheet runs a cell starting with = + - or @ as a formula, and some
# strip a leading tab or carriage return first and then run what follows.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> str:
    """The cell as text, with a leading apostrophe when it would otherwise
    start a formula (the spreadsheet then shows it as typed)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeCsvWriter:
    """csv.writer's writerow/writerows, with every cell made safe."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([csv_safe(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options) -> SafeCsvWriter:
    """The writer for every CSV export: `out` is a file-like object (an
    HttpResponse or a StringIO); options as for csv.writer."""
    return SafeCsvWriter(out, **options)
