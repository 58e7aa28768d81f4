"""Charts drawn on the server as SVG (no script, no CDN; CSP-safe attributes only).

The dashboards' charts are Vega-Lite specs rendered to SVG here by ``vl-convert`` (an embedded Vega,
no browser, no network): ``bar_chart`` for counts by category, ``trend_chart`` for a small line over
time. The SVG is cleaned (no background, no fixed size — it scales with its box — no ``style=``, no
script, no ARIA noise from Vega) and cached in Django's cache by a hash of the spec and the language,
so only the first drawing of a chart costs anything (0.5–1 s for the first chart of a process, while
vl-convert starts its Vega; 20–50 ms for each later one; well under a millisecond from the cache).

Every chart comes with the same data as a table for screen readers and keyboard users (the templates
render both), so a bar chart is ``aria-hidden``; a trend names its latest value in ``aria-label``.

Right to left: a horizontal bar chart puts its category labels on the right and grows its bars
leftwards, as a Hebrew or Arabic reader reads the row. A text in Hebrew or Arabic is laid out right to
left (``direction="rtl"``, with its anchor swapped so it stays where Vega measured it), numbers and
dates left to right. Time runs the way the page reads, as in the stage timeline on the same page and
the score history: right to left in Hebrew and Arabic (the latest measurement on the left).

``line_chart`` below is the older hand-drawn geometry the score page still uses.
"""

import base64
import functools
import hashlib
import json
import logging
import re
import time as timer
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from .breaker import redis_breaker

logger = logging.getLogger(__name__)

WIDTH, HEIGHT, PAD = 600, 160, 24
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
VERSION = "1"  # part of the cache key: bump it when the drawing below changes
CACHE_SECONDS = 7 * 24 * 3600

INK = "#1b1f23"  # text (contrast 16:1 on white)
MUTED = "#495057"  # axis labels (7.8:1)
BAR = "#0b5394"  # the app's blue (7.6:1)
# Texts are measured with DejaVu Sans (it has Hebrew and Arabic, and is wider than most fonts a browser
# would show instead: a label measured with it fits); the page's CSS sets the font shown, the PDF's too.
FONT = "DejaVu Sans, sans-serif"
FONT_SIZE = 12
BAR_WIDTH = 340  # the whole bar chart, labels included: about a phone's width (it scales, charts.css)
LABEL_LIMIT = 135  # a category label's column in pixels: it wraps on three lines at most, then "…"

# d3-time-format locales vl-convert knows (month and day names, should a format use them).
TIME_LOCALES = {"he": "he-IL", "en": "en-US", "ar": "ar-EG"}
RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f]")


# ------------------------------------------------------------------------------------------------
# What the selectors hand to the templates: plain data, drawn only when a page shows it.
# ------------------------------------------------------------------------------------------------
@dataclass
class Bars:
    """Horizontal bars for ``[(label, value)]``; ``empty`` is said instead when every value is zero."""

    items: list[tuple[str, float]]
    empty: str = ""

    @property
    def all_zero(self) -> bool:
        return not any(value for _label, value in self.items)


@dataclass
class Trend:
    """A small line over time for ``[(date or datetime, value)]`` (``None`` values are skipped).

    ``lo``/``hi`` fix the value axis (scores: 0–100); otherwise it fits the values."""

    points: list[tuple[date | datetime, float | None]] = field(default_factory=list)
    lo: float | None = None
    hi: float | None = None
    decimals: int = 2  # at most this many decimals in the value label (as the table's floatformat)
    name: str = ""  # what is measured, for the chart's accessible name

    @property
    def values(self) -> list[tuple[datetime, float]]:
        """The measured points at their local wall-clock time (a date at midnight), in time order."""
        return sorted((_local(when), float(value)) for when, value in self.points if value is not None)


def _local(when) -> datetime:
    if isinstance(when, datetime):
        return timezone.localtime(when).replace(tzinfo=None) if timezone.is_aware(when) else when
    return datetime.combine(when, datetime.min.time())


def _stamp(when: datetime) -> str:
    """Vega reads the wall-clock time as UTC and draws it on a UTC scale: the day shown is the local one."""
    return when.isoformat() + "Z"


# ------------------------------------------------------------------------------------------------
# Formats of the active language (the same as the tables beside the charts)
# ------------------------------------------------------------------------------------------------
def number(value, decimals: int = 2) -> str:
    """A figure as the tables print it (``floatformat:"-2"``, localised): "80", "45.20" ("45,20" in
    Arabic)."""
    if isinstance(value, int) or float(value).is_integer():
        return formats.number_format(int(value), use_l10n=True)
    return floatformat(value, f"-{decimals}")


def short_date(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _axis_date_format(language: str) -> str:
    """A date on a chart's axis, as a d3 time format: the language's style (Django's SHORT_DATE_FORMAT,
    see api_human/formats) with the month shortened, so two dates fit under a small chart — "3 Dec
    2026"; Arabic has no short month names (vl-convert's ar-EG gives the whole name). Hebrew has no
    customary short month either: its axes say 3.12.2026, as Israeli forms do."""
    if language == "he":
        return "%-d.%-m.%Y"
    codes = {
        "d": "%d",
        "j": "%-d",
        "m": "%m",
        "n": "%-m",
        "Y": "%Y",
        "y": "%y",
        "F": "%b",
        "N": "%b",
        "M": "%b",
    }
    result, escaped = [], False
    for char in formats.get_format("SHORT_DATE_FORMAT"):
        if escaped or char == "\\":
            result.append("" if char == "\\" and not escaped else char.replace("%", "%%"))
            escaped = char == "\\" and not escaped
            continue
        result.append(codes.get(char, char.replace("%", "%%")))
    return "".join(result)


def _number_locale() -> dict:
    """d3-format's locale from Django's separators (Western digits, as in the tables)."""
    return {
        "decimal": formats.get_format("DECIMAL_SEPARATOR"),
        "thousands": formats.get_format("THOUSAND_SEPARATOR"),
        "grouping": [3],
        "currency": ["", ""],
    }


def _isolate(line: str) -> str:
    """A line in Hebrew or Arabic between two RIGHT-TO-LEFT MARKs, so a comma or bracket at either end
    keeps its place whatever direction a renderer assumes (a browser is told; the PDF's is not)."""
    return f"\u200f{line}\u200f" if RTL_LETTERS.search(line) else line


@functools.cache
def _font():
    """DejaVu Sans as Pillow reads it (the font the charts are measured with), or None without it."""
    try:
        from PIL import ImageFont

        return ImageFont.truetype("DejaVuSans.ttf", FONT_SIZE)
    except OSError:
        return None


def text_width(text: str) -> float:
    """The text's width in pixels at FONT_SIZE (about 0.62 em a character without the font)."""
    font = _font()
    return font.getlength(text) if font else len(text) * FONT_SIZE * 0.62


def wrap(label: str, width: float = LABEL_LIMIT - 6, lines: int = 3) -> str:
    """A long label on at most ``lines`` lines of at most ``width`` pixels, the rest cut with "…"
    (the table beside the chart has it whole)."""
    parts: list[str] = []
    for word in label.split():
        if parts and text_width(f"{parts[-1]} {word}") <= width:
            parts[-1] = f"{parts[-1]} {word}"
        else:
            parts.append(word)
    if len(parts) > lines:
        last = " ".join(parts[lines - 1 :])
        while last and text_width(last + "…") > width:
            last = last[:-1]
        parts = [*parts[: lines - 1], last.rstrip() + "…"]
    return "\n".join(parts) or ""


# ------------------------------------------------------------------------------------------------
# The charts
# ------------------------------------------------------------------------------------------------
def _config() -> dict:
    return {
        "view": {"stroke": None},
        "aria": False,  # the table beside the chart is the accessible form
        "font": FONT,
        "axis": {"labelColor": MUTED, "labelFont": FONT, "labelFontSize": FONT_SIZE - 1, "tickColor": MUTED},
        "text": {"font": FONT, "fontSize": FONT_SIZE, "color": INK},
    }


def bar_spec(bars: Bars, *, rtl: bool) -> dict:
    """Bars with their category and value: each label is a text mark beside the baseline, a line to a
    <text> (no <tspan>: renderers other than a browser's, such as the PDF's, lay those out wrongly
    right to left), and the value just past the bar's end — the value axis is padded so the longest
    bar leaves room for its number; a zero reads "0" at the baseline."""
    labels = [wrap(str(label)).split("\n") for label, _value in bars.items]
    lines = max(len(label) for label in labels)
    top = max((float(value) for _label, value in bars.items), default=0) or 1
    data = [
        {"key": i, "value": float(value), "text": number(value), "lines": len(label)}
        | {f"line{n}": _isolate(line) for n, line in enumerate(label)}
        for i, ((_label, value), label) in enumerate(zip(bars.items, labels, strict=True))
    ]
    # The value's text in pixels (about 0.62 em a bold digit, and the gap): the domain is padded so
    # that the longest bar still leaves room for its number inside the plot.
    text = max(len(row["text"]) for row in data) * FONT_SIZE * 0.62 + 8
    column = LABEL_LIMIT + 8 + 8  # the labels, their gap to the baseline, a margin
    plot = BAR_WIDTH - column - 4
    label_layers = [
        {
            "transform": [{"filter": f"datum.lines == {count}"}],
            "mark": {
                "type": "text",
                "align": "left" if rtl else "right",
                "baseline": "middle",
                "dx": 8 if rtl else -8,
                "dy": (n - (count - 1) / 2) * (FONT_SIZE + 3),
                "limit": LABEL_LIMIT,
                "color": INK,
            },
            "encoding": {"x": {"datum": 0}, "text": {"field": f"line{n}"}},
        }
        for count in sorted({len(label) for label in labels})
        for n in range(count)
    ]
    return {
        "$schema": SCHEMA,
        "background": None,
        "config": _config(),
        "autosize": {"type": "none"},
        "width": plot,
        "height": {"step": 14 + 14 * lines},
        # The labels live in the padding on their side: one column for every chart, so bars line up.
        "padding": {"left": 4 if rtl else column, "right": column if rtl else 4, "top": 2, "bottom": 2},
        "data": {"values": data},
        "encoding": {
            "y": {
                "field": "key",
                "type": "ordinal",
                "sort": None,
                "scale": {"paddingInner": 0.25, "paddingOuter": 0.15},
                "axis": {
                    "title": None,
                    "orient": "right" if rtl else "left",
                    "domainColor": MUTED,  # the bars' baseline, where a zero sits
                    "ticks": False,
                    "labels": False,
                },
            },
            "x": {
                "field": "value",
                "type": "quantitative",
                "axis": None,
                "scale": {"domain": [0, top * plot / (plot - text)], "nice": False, "reverse": rtl},
            },
        },
        "layer": [
            {"mark": {"type": "bar", "color": BAR}},
            {
                "mark": {
                    "type": "text",
                    "align": "right" if rtl else "left",
                    "baseline": "middle",
                    "dx": -5 if rtl else 5,
                    "fontWeight": "bold",
                },
                "encoding": {"text": {"field": "text"}},
            },
            *label_layers,
        ],
    }


def trend_spec(trend: Trend, *, rtl: bool, width: int = 180, height: int = 34) -> dict:
    """A line with its points, the first and last dates on the time axis, the latest value beside the
    latest point. One measurement is a point with its value and date."""
    values = trend.values
    first, last = values[0][0], values[-1][0]
    if first.date() == last.date():  # one day (one measurement): a point in the middle, its date under it
        start, end = first - timedelta(days=1), last + timedelta(days=1)
        ticks = [last]
    else:
        start, end = first, last
        ticks = [first, last]
    data = [
        {"when": _stamp(when), "value": value, "last": i == len(values) - 1}
        for i, (when, value) in enumerate(values)
    ]
    data[-1]["text"] = number(values[-1][1], trend.decimals)
    low, high = min(v for _w, v in values), max(v for _w, v in values)
    lo = trend.lo if trend.lo is not None else low
    hi = trend.hi if trend.hi is not None else high
    if hi == lo:
        lo, hi = lo - (abs(lo) or 1) * 0.1, hi + (abs(hi) or 1) * 0.1
    # A fixed frame, so trends side by side share one scale and line up: the latest value's room on
    # its side (wider only for a long figure), the dates' under the axis.
    room = max(44, round(text_width(data[-1]["text"]) * 1.1) + 10)
    return {
        "$schema": SCHEMA,
        "background": None,
        "config": _config(),
        "autosize": {"type": "none"},
        "width": width,
        "height": height,
        "padding": {"left": room if rtl else 4, "right": 4 if rtl else room, "top": 8, "bottom": 20},
        "data": {"values": data},
        "encoding": {
            "x": {
                "field": "when",
                "type": "temporal",
                # Time runs the way the page reads: leftwards in Hebrew and Arabic (see the module's note).
                "scale": {"type": "utc", "domain": [_stamp(start), _stamp(end)], "reverse": rtl},
                "axis": {
                    "title": None,
                    "values": [_stamp(when) for when in ticks],
                    "format": _axis_date_format(translation.get_language() or ""),
                    "labelFlush": len(ticks) > 1,
                    "labelFontSize": FONT_SIZE - 1,
                    "labelOverlap": False,
                    "grid": False,
                    "tickSize": 3,
                    "domainColor": "#adb5bd",
                },
            },
            # A few pixels above and below, so a point at either end is drawn whole, clear of the axis.
            "y": {
                "field": "value",
                "type": "quantitative",
                "axis": None,
                "scale": {"domain": [lo, hi], "padding": 5, "nice": False},
            },
        },
        "layer": [
            {"mark": {"type": "line", "color": BAR, "strokeWidth": 2, "point": {"color": BAR, "size": 22}}},
            {
                "transform": [{"filter": "datum.last"}],
                "mark": {
                    "type": "text",
                    "align": "right" if rtl else "left",
                    "baseline": "middle",
                    "dx": -6 if rtl else 6,
                    "fontWeight": "bold",
                    "fontSize": FONT_SIZE,
                },
                "encoding": {"text": {"field": "text"}},
            },
        ],
    }


def bar_chart(bars: Bars, *, pdf: bool = False) -> SafeString:
    """The bars as inline SVG, or a sentence when every value is zero (the table still shows them)."""
    if not bars.items:
        return SafeString("")
    if bars.all_zero:
        return format_html('<p class="chart-empty">{}</p>', bars.empty)
    rtl = translation.get_language_bidi()
    return render(bar_spec(bars, rtl=rtl), css="chart chart-bars", pdf=pdf)


def trend_chart(trend: Trend, *, pdf: bool = False) -> SafeString:
    """A trend as inline SVG named by its latest value and date; "—" when nothing was measured."""
    values = trend.values
    if not values:
        return SafeString('<span class="chart-none">—</span>')
    when, value = values[-1]
    label = ngettext(
        "%(name)s: %(value)s on %(date)s (one measurement)",
        "%(name)s: %(value)s on %(date)s (the latest of %(count)s measurements)",
        len(values),
    ) % {
        "name": trend.name,
        "value": number(value, trend.decimals),
        "date": short_date(when.date()),
        "count": len(values),
    }
    rtl = translation.get_language_bidi()
    return render(trend_spec(trend, rtl=rtl), css="chart chart-trend", label=label, pdf=pdf)


# ------------------------------------------------------------------------------------------------
# Rendering, cleaning and caching
# ------------------------------------------------------------------------------------------------
_memo: dict[str, str] = {}  # this process's charts (a few hundred at most), in front of the cache


def render(spec: dict, *, css: str, label: str = "", pdf: bool = False) -> SafeString:
    """``spec`` → cleaned inline SVG, cached by a hash of the spec and the language; ``label`` names it
    as an image (``role="img"``), without one it is ``aria-hidden`` beside its data table.

    ``pdf``: a PNG (twice the size, as a data: URL) instead. WeasyPrint draws an SVG's text a
    letter at a time from left to right — Hebrew comes out backwards and Arabic unjoined — while
    vl-convert's own renderer shapes and orders it; the table under each chart keeps its figures as
    text in the PDF."""
    language = translation.get_language() or "he"
    payload = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    kind = "png" if pdf else "svg"
    key = f"chart:{kind}:" + hashlib.sha256(f"{VERSION}|{language}|{payload}".encode()).hexdigest()
    drawn = _memo.get(key) or _cache_get(key)
    if drawn is None:
        drawn = _to_png(spec, language) if pdf else clean(_convert(spec, language), prefix=key[10:20])
        _cache_set(key, drawn)
    if len(_memo) > 500:
        _memo.clear()
    _memo[key] = drawn
    if pdf:
        return format_html('<img class="{}" src="{}" alt="{}">', css, drawn, label)
    aria = format_html('role="img" aria-label="{}"', label) if label else 'aria-hidden="true"'
    # Vega escapes the texts it writes and clean() checked the rest: the SVG is safe to inline.
    return SafeString(drawn.replace("<svg ", f'<svg class="{css}" {aria} focusable="false" ', 1))


def _to_png(spec: dict, language: str) -> str:
    import vl_convert

    png = vl_convert.vegalite_to_png(
        {**spec, "background": "white"},  # no alpha channel: WeasyPrint embeds it much faster
        scale=2,
        format_locale=_number_locale(),
        time_format_locale=TIME_LOCALES.get(language, "en-US"),
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _convert(spec: dict, language: str) -> str:
    import vl_convert

    started = timer.perf_counter()
    svg = vl_convert.vegalite_to_svg(
        spec,
        format_locale=_number_locale(),
        time_format_locale=TIME_LOCALES.get(language, "en-US"),
    )
    logger.debug("chart drawn in %.0f ms", (timer.perf_counter() - started) * 1000)
    return svg


def _cache_get(key):
    if not redis_breaker.available():
        return None
    try:
        return cache.get(key)
    except Exception:  # the cache is down: draw the chart again rather than fail the page
        logger.warning("chart cache unreachable")
        redis_breaker.failed()
        return None


def _cache_set(key, svg):
    if not redis_breaker.available():
        return
    try:
        cache.set(key, svg, CACHE_SECONDS)
    except Exception:
        logger.warning("chart cache unreachable")
        redis_breaker.failed()


ROOT = re.compile(r"<svg\b[^>]*>")
TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)


def clean(svg: str, *, prefix: str) -> str:
    """Vega's SVG made fit for an inline, CSP-bound page: the root keeps only its viewBox (so CSS sizes
    it), Vega's ARIA attributes go (the root's are set by ``render``), no background, no ``style=``,
    ids made unique on the page, and each text laid out in its own script's direction."""
    view_box = re.search(r'viewBox="([^"]+)"', ROOT.search(svg).group(0)).group(1)
    svg = ROOT.sub(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">', svg, count=1)
    svg = re.sub(r'<rect width="[\d.]+" height="[\d.]+" fill="white"/>', "", svg)
    svg = re.sub(r'<path class="(?:background|foreground)"[^>]*/>', "", svg)
    svg = re.sub(r'\s(?:role|aria-[a-z]+|pointer-events|style)="[^"]*"', "", svg)
    svg = re.sub(r'\sclass="[^"]*"', "", svg)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)
    svg = TEXT.sub(_direction, svg)
    if "<script" in svg.lower() or "style=" in svg or "javascript:" in svg.lower():
        raise ValueError("unsafe chart SVG")
    return svg


def _direction(match) -> str:
    """Hebrew or Arabic right to left, with ``start``/``end`` swapped so the text keeps the place Vega
    gave it; numbers and dates left to right — whatever the page's own direction."""
    attributes, content = match.groups()
    if RTL_LETTERS.search(content):
        attributes = re.sub(
            r'text-anchor="(start|end)"',
            lambda m: f'text-anchor="{"end" if m.group(1) == "start" else "start"}"',
            attributes,
        )
        if "text-anchor" not in attributes:  # Vega's default is start
            attributes += ' text-anchor="end"'
        return f'<text{attributes} direction="rtl" unicode-bidi="embed">{content}</text>'
    return f'<text{attributes} direction="ltr" unicode-bidi="embed">{content}</text>'


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
