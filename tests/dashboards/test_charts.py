"""Charts people read: the dashboards' Vega-Lite charts drawn on the server as SVG — every bar with its
category and value as text, CSP-safe (no ``style=``, no script), an all-zero chart said in words, a
one-point trend drawn as a point with its date and value, Hebrew laid out right to left — the same
stage codes in charts and tables, and a digest without arrows that read backwards in Hebrew."""

import io
import random
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from pypdf import PdfReader

from api_human.core import charts
from api_human.core.models import stage_code
from api_human.scoring import services as scoring
from dashboards.services import digests_send
from initiatives.models import ContentWorld, Initiative, Need
from stages.models import Goal, Measurement, StagePhase, SuccessMetric
from tests.dashboards.test_dashboards import seed

pytestmark = pytest.mark.django_db

SAMPLE = [("Bottom-up (citizens, field workers)", 4), ("Top-down", 0), ("Self-service welfare", 17)]
HEBREW = [("מלמטה למעלה (אזרחים, עובדי שטח)", 3), ("שירות מרחוק", 0)]


def texts(svg: str) -> list[str]:
    """The words a reader sees: every <text>, without the right-to-left marks around a line."""
    return [re.sub(r"<[^>]+>", "", t).strip("\u200f") for t in re.findall(r"<text\b[^>]*>.*?</text>", svg)]


def assert_csp_safe(svg: str):
    assert "style=" not in svg
    assert "<script" not in svg.lower()
    assert "javascript:" not in svg.lower()


def test_a_bar_chart_names_every_category_and_value_as_text():
    with translation.override("en"):
        svg = str(charts.bar_chart(charts.Bars(SAMPLE)))
    assert svg.startswith('<svg class="chart chart-bars" aria-hidden="true"')
    assert_csp_safe(svg)
    root = svg[: svg.index(">")]
    assert "viewBox=" in root and " width=" not in root and " height=" not in root  # it scales
    assert 'fill="white"' not in svg  # no background
    words = texts(svg)
    assert {"4", "0", "17"} <= set(words)  # the zero too
    assert "Top-down" in words and "Self-service welfare" in words
    assert "Bottom-up (citizens," in words and "field workers)" in words  # a long label wraps
    assert "<tspan" not in svg  # one <text> a line


def test_labels_are_escaped_and_long_ones_cut_with_the_whole_label_left_to_the_table():
    label = "<script>alert(1)</script> " + "word " * 30
    with translation.override("en"):
        svg = str(charts.bar_chart(charts.Bars([(label, 2)])))
    assert_csp_safe(svg)
    assert "&lt;script&gt;" in svg
    assert len(texts(svg)) == 1 + 3 and texts(svg)[-1].endswith("…")  # the value and three lines


def test_hebrew_bars_read_right_to_left():
    with translation.override("he"):
        svg = str(charts.bar_chart(charts.Bars(HEBREW)))
    assert_csp_safe(svg)
    labels = re.findall(r"<text\b([^>]*)>\u200f(מלמטה למעלה[^<]*)</text>", svg)
    assert labels and all('direction="rtl"' in attributes for attributes, _text in labels)
    values = re.findall(r"<text\b([^>]*)>3</text>", svg)
    assert values and 'direction="ltr"' in values[0]
    # The labels sit right of the bars' baseline (bars grow leftwards from it).
    baseline = float(re.search(r'<line transform="translate\(([\d.]+),', svg).group(1))
    label_x = float(re.search(r'translate\(([\d.]+),[\d.]+\)"[^>]*direction="rtl"', svg).group(1))
    assert label_x > baseline


def test_an_all_zero_chart_says_so_in_words():
    with translation.override("en"):
        html = str(charts.bar_chart(charts.Bars([("A", 0), ("B", 0)], empty="No initiative yet.")))
    assert html == '<p class="chart-empty">No initiative yet.</p>'


def test_a_trend_has_its_dates_and_latest_value_and_one_point_is_a_point():
    trend = charts.Trend(
        [(date(2025, 1, 5), 45.2), (date(2025, 3, 7), None), (date(2025, 7, 14), 71.8)], name="Reach"
    )
    with translation.override("en"):
        svg = str(charts.trend_chart(trend))
        one = str(charts.trend_chart(charts.Trend([(date(2025, 6, 30), 12)], name="Centres")))
        none = str(charts.trend_chart(charts.Trend([], name="Nothing")))
    assert_csp_safe(svg)
    assert svg.startswith(
        '<svg class="chart chart-trend" role="img" aria-label="Reach: 71.80 on 14 July 2025 (the latest of 2 measurements)"'
    )
    assert {"5 Jan 2025", "14 Jul 2025", "71.80"} <= set(texts(svg))  # as the table: floatformat:"-2"
    assert_csp_safe(one)
    assert {"30 Jun 2025", "12"} <= set(texts(one))
    assert "<path" in one  # the point
    assert none == '<span class="chart-none">—</span>'
    with translation.override("he"):
        assert "14.7.2025" in texts(str(charts.trend_chart(trend)))


def test_a_chart_is_drawn_once_and_then_read_from_the_cache(monkeypatch):
    calls = []
    convert = charts._convert
    monkeypatch.setattr(charts, "_convert", lambda spec, language: calls.append(1) or convert(spec, language))
    bars = charts.Bars([("Cached once", 123456)])
    with translation.override("en"):
        first = str(charts.bar_chart(bars))
        charts._memo.clear()  # another process: from Django's cache
        second = str(charts.bar_chart(bars))
    with translation.override("he"):
        str(charts.bar_chart(bars))  # another language is another drawing
    assert first == second and len(calls) == 2


def test_the_pdf_gets_the_chart_as_an_image():
    with translation.override("he"):
        html = str(charts.bar_chart(charts.Bars(HEBREW), pdf=True))
    assert html.startswith('<img class="chart chart-bars" src="data:image/png;base64,')


def test_the_stage_dashboard_draws_labelled_charts_in_hebrew_and_english(client, cast):
    seed(cast.engagement, random.Random(11), n=10)
    goal = Goal.objects.create(engagement=cast.engagement, title="Reach")
    metric = SuccessMetric.objects.create(goal=goal, name="Centres", unit="n", baseline=0, target=12)
    Measurement.objects.create(metric=metric, measured_on=date(2025, 6, 30), value=4, source="report")
    client.force_login(cast.manager)
    counts = {
        value: Initiative.objects.filter(engagement=cast.engagement, needs__content_world=value)
        .distinct()
        .count()
        for value in ContentWorld.values
    }
    for language in ("he", "en"):
        client.cookies["django_language"] = language
        html = client.get(f"/dashboards/engagements/{cast.engagement.pk}/").content.decode()
        section = html[html.index('id="table-initiatives-by-world"') :]
        svg = section[section.index("<svg") : section.index("</svg>")]
        with translation.override(language):
            for _value, label in ContentWorld.choices:
                first_line = charts.wrap(str(label)).split("\n")[0]
                assert first_line in texts(svg), (language, first_line)
            assert {str(n) for n in counts.values()} <= set(texts(svg))
        for drawn in re.findall(r'<svg class="chart.*?</svg>', html, re.S):
            assert_csp_safe(drawn)
        kpis = html[html.index('id="kpi-heading"') :]
        trend = kpis[kpis.index('<svg class="chart chart-trend"') :]
        assert "4" in texts(trend[: trend.index("</svg>")])
    assert "30.6.2025" in html or "30 Jun 2025" in html


def test_stage_codes_are_one_style_per_language_in_charts_and_tables(client, cast):
    StagePhase.objects.filter(engagement=cast.engagement, stage="A").update(
        status="active", started_on=date(2024, 1, 1)
    )
    scoring.mark_all_dirty()
    scoring.run_recompute()
    with translation.override("he"):
        assert [stage_code(s) for s in ("A", "B1", "C")] == ["א'", "ב'1", "ג'"]
    with translation.override("en"):
        assert [stage_code(s) for s in ("A", "B1", "C")] == ["A", "B1", "C"]
    client.force_login(cast.manager)
    html = client.get(f"/dashboards/engagements/{cast.engagement.pk}/").content.decode()
    assert '<span class="timeline-label">א\'</span>' in html.replace("&#x27;", "'")
    portfolio = client.get("/dashboards/").content.decode().replace("&#x27;", "'")
    assert "<strong>א'</strong>" in portfolio and '<span class="timeline-label">ב\'1</span>' in portfolio


def test_the_digest_says_from_and_to_in_words_never_with_an_arrow(client, cast, settings):
    from api_human.core.services import record_create
    from stages.models import ChangeFocus

    settings.DIGEST_SCORE_CHANGE = 5
    StagePhase.objects.filter(engagement=cast.engagement, stage="A").update(status="active")
    scoring.mark_all_dirty()
    scoring.run_recompute()
    for title in ("a", "b", "c"):
        record_create(
            ChangeFocus, actor=cast.team_member, data={"engagement": cast.engagement, "title": title}
        )
    scoring.run_recompute()
    initiative = Initiative.objects.create(engagement=cast.engagement, title="Moves")
    initiative.status = "pilot"
    initiative.save()
    client.force_login(cast.manager)
    client.cookies["django_language"] = "en"
    html = client.get(f"/dashboards/digest/?since={timezone.localdate():%Y-%m-%d}").content.decode()
    assert "→" not in html
    assert re.search(
        r"from <bdi>[\d.]+</bdi> to <bdi><strong>[\d.]+</strong></bdi> \(<bdi>\+[\d.]+</bdi>\)", html
    )
    assert "from <bdi>Idea</bdi> to <bdi><strong>Pilot</strong></bdi>" in html

    cast.manager.email = "manager@example.org"
    cast.manager.save()
    Need.objects.create(
        engagement=cast.engagement,
        title="Fresh",
        source="citizens",
        category=Need._meta.get_field("category").choices[0][0],
    )
    settings.DIGEST_EMAILS = True
    assert digests_send() == 1
    body = mail.outbox[0].body  # in the manager's language: Hebrew
    assert "→" not in body and re.search(r"מ־[\d.]+ ל־[\d.]+", body)


def test_the_report_carries_the_charts_with_their_tables(client, cast, django_capture_on_commit_callbacks):
    seed(cast.engagement, random.Random(12), n=6)
    goal = Goal.objects.create(engagement=cast.engagement, title="Reach")
    metric = SuccessMetric.objects.create(goal=goal, name="Centres", unit="n", baseline=0, target=12)
    for n, value in enumerate((1, 3, 4)):
        Measurement.objects.create(
            metric=metric, measured_on=date(2025, 1, 1) + timedelta(days=40 * n), value=value, source="r"
        )
    client.force_login(cast.manager)
    page = client.get(f"/dashboards/engagements/{cast.engagement.pk}/report/").content.decode()
    assert (
        page.count('<svg class="chart chart-bars"') == 3 and page.count('<svg class="chart chart-trend"') == 1
    )
    assert page.count('<div class="report-figure">') == 3
    url = f"/dashboards/engagements/{cast.engagement.pk}/report.pdf"
    with django_capture_on_commit_callbacks(execute=True):  # drawn by the worker (in-process here)
        assert client.get(url).status_code == 202
    pdf = PdfReader(io.BytesIO(client.get(url).content))
    assert sum(len(p.images) for p in pdf.pages) >= 4  # the three bar charts and the trend
