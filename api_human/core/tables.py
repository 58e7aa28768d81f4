"""The one shape of every dashboard table: the page shows it (with a chart where it helps), and the
same object is exported as CSV and XLSX — so what a manager exports is exactly what they saw.

Every number may carry the link of the filtered list behind it.
"""

from dataclasses import dataclass, field

from .charts import Bars


@dataclass
class Cell:
    value: object
    link: str = ""
    css: str = ""
    note: object = None  # a second figure shown in brackets (e.g. how many are established)

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str = ""
    chart: Bars | None = None  # a bar chart of the same figures, drawn above the table
    heat: bool = False  # shade numeric cells by size (matrices)

    def add(self, *cells):
        self.rows.append([cell if isinstance(cell, Cell) else Cell(cell) for cell in cells])
        return self

    @property
    def total(self) -> int:
        return sum(c.value for row in self.rows for c in row[1:] if c.is_number)

    def shade(self):
        """Heat classes heat-0…heat-4 by a cell's share of the largest number (matrices)."""
        numbers = [c.value for row in self.rows for c in row[1:] if c.is_number]
        top = max(numbers, default=0)
        for row in self.rows:
            for cell in row[1:]:
                if cell.is_number:
                    cell.css = f"heat-{0 if not cell.value else min(4, 1 + int(3 * cell.value / top))}"
        self.heat = True
        return self
