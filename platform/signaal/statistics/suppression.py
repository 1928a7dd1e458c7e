"""Small-cell suppression: regional figures must not let anyone single out a person.

When a scope spans several organisations, a count below the minimum (5 by
default, STATISTICS_MIN_CELL_SIZE) is shown as "<5", and so is every rate,
median or average computed from fewer people than that.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class Cell:
    value: float | int | None  # None when suppressed or unknown
    text: str

    @property
    def suppressed(self) -> bool:
        return self.text.startswith("<")

    def __str__(self) -> str:
        return self.text


EMPTY = Cell(None, "–")


class Suppressor:
    def __init__(self, active: bool, minimum: int | None = None):
        self.active = active
        self.minimum = minimum if minimum is not None else current_app.config.get("STATISTICS_MIN_CELL_SIZE", 5)

    def hides(self, people: int) -> bool:
        return self.active and 0 < people < self.minimum

    @property
    def hidden(self) -> Cell:
        return Cell(None, f"<{self.minimum}")

    def count(self, n: int) -> Cell:
        return self.hidden if self.hides(n) else Cell(n, str(n))

    def percent(self, part: int, whole: int) -> Cell:
        """part of whole as a whole percentage; hidden if either count is."""
        if self.hides(part) or self.hides(whole):
            return self.hidden
        if not whole:
            return EMPTY
        value = round(100 * part / whole)
        return Cell(value, f"{value}%")

    def measure(self, value: float | None, people: int, unit: str = "") -> Cell:
        """A median or an average over `people` persons, to one decimal."""
        if self.hides(people):
            return self.hidden
        if value is None or not people:
            return EMPTY
        rounded = round(value, 1)
        return Cell(rounded, f"{rounded:g}{unit}")
