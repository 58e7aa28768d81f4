"""One date style per language: pages, notification sentences and exports (issue 14, item 6)."""

import csv
import io
from datetime import date, datetime

import pytest
from django.utils import formats, translation
from openpyxl import load_workbook

from api_human.core.models import Notification
from stages.models import StagePhase

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 2)
EXPECTED = {"he": "2 בדצמבר 2026", "en": "2 December 2026", "ar": "2 ديسمبر 2026"}


@pytest.mark.parametrize("language", EXPECTED)
def test_short_and_long_dates_are_one_style(language):
    with translation.override(language):
        assert formats.date_format(DAY) == EXPECTED[language]
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == EXPECTED[language]
        moment = formats.date_format(datetime(2026, 12, 2, 14, 5), "SHORT_DATETIME_FORMAT")
        assert moment.startswith(EXPECTED[language]) and moment.endswith("14:05")


@pytest.mark.parametrize(("language", "words"), [("he", "1 בינואר 2020"), ("en", "1 January 2020")])
def test_notification_sentences_say_the_date_in_words(cast, language, words):
    alert = Notification(
        user=cast.team_member,
        kind=Notification.Kind.INITIATIVE_STALE,
        params={"title": "Pilot", "since": "2020-01-01"},
    )
    with translation.override(language):
        assert words in alert.text and "2020-01-01" not in alert.text


def test_exports_write_dates_in_the_language_style(client, cast):
    phase = StagePhase.objects.get(engagement=cast.engagement, stage="A")
    phase.started_on = DAY
    phase.save()
    client.force_login(cast.manager)
    url = f"/dashboards/engagements/{cast.engagement.pk}/export/stages"
    for language, words in EXPECTED.items():
        client.cookies["django_language"] = language
        text = client.get(f"{url}.csv").content.decode("utf-8-sig")
        started = {row[0][:1]: row[2] for row in csv.reader(io.StringIO(text))}
        assert words in started.values(), (language, started)
    sheet = load_workbook(io.BytesIO(client.get(f"{url}.xlsx").content)).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    dated = [cell for cell in cells if cell.value]
    assert [cell.value.date() for cell in dated] == [DAY]
    assert dated[0].is_date and "mmmm" in dated[0].number_format
