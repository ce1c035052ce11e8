"""One CSV writer for every export: no cell a person could have typed is run
as a formula when the file is opened in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from involvement.csv_export import csv_safe, csv_writer

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_starting_a_formula_is_shown_as_text(start):
    assert csv_safe(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize("value", ["Alys Brightwater", "", "BACS-2026", "12.50", "a=b", " =x"])
def test_other_cells_are_left_as_they_are(value):
    assert csv_safe(value) == value


def test_numbers_and_nothing_become_plain_text():
    assert (csv_safe(12), csv_safe(None)) == ("12", "")


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_the_writer_makes_every_cell_safe(start):
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(["Who", "What"])
    writer.writerows([[f"{start}cmd|' /C calc'!A0", 7]])
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows == [["Who", "What"], [f"'{start}cmd|' /C calc'!A0", "7"]]


def test_no_export_writes_csv_without_the_one_writer():
    """Every CSV goes through involvement.csv_export: no other module builds a
    csv.writer or DictWriter of its own."""
    own = ROOT / "involvement" / "csv_export.py"
    offenders = []
    for app in ("involvement", "recruitment", "meetings", "workplans", "evaluation", "config"):
        for path in (ROOT / app).rglob("*.py"):
            if path == own or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"\bcsv\.(writer|DictWriter)\b|\bfrom csv import\b", text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
