"""Charts drawn on the server as SVG coordinates (no script, no CDN; CSP-safe attributes only).

Right-to-left pages mirror the time axis, so time runs the way the page reads. Every chart comes
with the same data as a table for screen readers and keyboard users (the templates render both).
"""

from datetime import datetime

WIDTH, HEIGHT, PAD = 600, 160, 24


def line_chart(
    points: list[tuple[datetime, float | None]],
    *,
    rtl: bool,
    y_max: float = 100,
    guide: float | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
    pad: int = PAD,
) -> dict:
    """``points`` in time order → {"path": "x,y x,y…", "dots": [...], "guide": y, "ticks": [...]}."""
    values = [(when, value) for when, value in points if value is not None]
    if not values:
        return {"path": "", "dots": [], "guide": None, "ticks": [], "width": width, "height": height}
    start, end = values[0][0], values[-1][0]
    span = (end - start).total_seconds() or 1

    def x(when):
        share = (when - start).total_seconds() / span if len(values) > 1 else 0.5
        position = pad + share * (width - 2 * pad)
        return round(width - position if rtl else position, 1)

    def y(value):
        return round(height - pad - (min(max(value, 0), y_max) / y_max) * (height - 2 * pad), 1)

    dots = [{"x": x(when), "y": y(float(value)), "value": value, "when": when} for when, value in values]
    return {
        "path": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
        "guide": None if guide is None else y(guide),
        "ticks": [{"y": y(v), "label": v} for v in (0, y_max / 2, y_max)],
        "width": width,
        "height": height,
        "label_x": width - 4 if rtl else 4,
    }
