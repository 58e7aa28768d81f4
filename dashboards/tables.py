"""The one shape of every dashboard table: the page shows it (with a chart where it helps), and the
same object is exported as CSV and XLSX — so what a manager exports is exactly what they saw.

Every number may carry the link of the filtered list behind it.
"""

from dataclasses import dataclass, field


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
    chart: dict | None = None  # bar-chart geometry (see bars()), drawn above the table
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


def bars(items: list[tuple[str, int, str]], *, rtl: bool, width: int = 600, row: int = 26) -> dict:
    """Horizontal bars for ``[(label, value, link)]`` on an SVG of ``width``; right-to-left pages grow
    the bars from the right. Labels are drawn by HTML beside the chart, not inside the SVG."""
    top = max((value for _, value, _ in items), default=0) or 1
    area = width - 60
    drawn = []
    for i, (label, value, link) in enumerate(items):
        length = round(area * value / top, 1) if value else 0
        drawn.append(
            {
                "label": label,
                "value": value,
                "link": link,
                "y": i * row + 4,
                "x": round(width - length, 1) if rtl else 0,
                "width": length,
                "text_x": round(width - length - 6, 1) if rtl else round(length + 6, 1),
                "anchor": "end" if rtl else "start",
            }
        )
    return {"bars": drawn, "width": width, "height": max(len(items) * row + 8, 20), "row": row}
