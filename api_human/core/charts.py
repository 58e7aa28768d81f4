"""Charts drawn on the server as SVG coordinates (no script, no CDN; CSP-safe attributes only).

Right-to-left pages mirror the time axis, so time runs the way the page reads. Every chart comes
with the same data as a table for screen readers and keyboard users (the templates render both).
"""

from datetime import datetime

WIDTH, HEIGHT, PAD = 600, 160, 24


def line_chart(
    points: list[tuple[datetime, float | None]], *, rtl: bool, y_max: float = 100, guide: float | None = None
) -> dict:
    """``points`` in time order → {"path": "x,y x,y…", "dots": [...], "guide": y, "ticks": [...]}."""
    values = [(when, value) for when, value in points if value is not None]
    if not values:
        return {"path": "", "dots": [], "guide": None, "ticks": [], "width": WIDTH, "height": HEIGHT}
    start, end = values[0][0], values[-1][0]
    span = (end - start).total_seconds() or 1

    def x(when):
        share = (when - start).total_seconds() / span if len(values) > 1 else 0.5
        position = PAD + share * (WIDTH - 2 * PAD)
        return round(WIDTH - position if rtl else position, 1)

    def y(value):
        return round(HEIGHT - PAD - (min(max(value, 0), y_max) / y_max) * (HEIGHT - 2 * PAD), 1)

    dots = [{"x": x(when), "y": y(float(value)), "value": value, "when": when} for when, value in values]
    return {
        "path": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
        "guide": None if guide is None else y(guide),
        "ticks": [{"y": y(v), "label": v} for v in (0, y_max / 2, y_max)],
        "width": WIDTH,
        "height": HEIGHT,
        "label_x": WIDTH - 4 if rtl else 4,
    }
