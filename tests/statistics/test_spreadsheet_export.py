"""CSV downloads are safe in a spreadsheet and keep every script readable."""

from __future__ import annotations

import pytest

from signaal.statistics.export import csv_text, neutralise


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil")'])
def test_formula_starts_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Łucja", "Стефка", "فاطمة", "1", "a=b", "", None, 12])
def test_ordinary_cells_are_left_alone(cell):
    assert neutralise(cell) == ("" if cell is None else str(cell))


def test_headers_and_rows_are_neutralised():
    assert csv_text(["=x"], [["-2", "ok"]]) == "'=x\r\n'-2,ok\r\n"
