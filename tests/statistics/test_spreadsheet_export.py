"""CSV downloads are safe in a spreadsheet and keep every script readable."""

from __future__ import annotations

import csv
import io

import pytest

from signaal.statistics.export import FORMULA_START, csv_text, neutralise


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil")', "  =1+1", '"=1+1', "' =1", " \t@x"],
)
def test_formula_starts_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Łucja", "Стефка", "فاطمة", "1", "a=b", "", None, 12])
def test_ordinary_cells_are_left_alone(cell):
    assert neutralise(cell) == ("" if cell is None else str(cell))


def test_headers_and_rows_are_neutralised_and_every_cell_is_quoted():
    assert csv_text(["=x"], [["-2", "ok"]]) == '"\'=x"\r\n"\'-2","ok"\r\n'


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_no_cell_starts_a_formula_whatever_the_separator(separator):
    """A spreadsheet that splits on ";" (Dutch Excel) or tab still sees whole, defused cells."""
    text = csv_text(["Name"], [["Jan;=1+1;"], ["a,=2+2"], ["b\t@SUM(A1)"], ['x";=3+3']])
    for cells in csv.reader(io.StringIO(text), delimiter=separator):
        for cell in cells:
            assert not FORMULA_START.match(cell), (separator, cell)
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in rows] == ["Name", "Jan;=1+1;", "a,=2+2", "b\t@SUM(A1)", 'x";=3+3']
