"""The need sub-categories the migrations seed are named in Hebrew, English and Arabic, and a
sub-category is shown in the interface's language."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from initiatives.models import Need, NeedSubcategory
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

seeding = importlib.import_module("initiatives.migrations.0005_subcategory_names")
SEEDED = [(category, en, he, ar) for category, rows in seeding.SUBCATEGORIES.items() for en, he, ar in rows]


def is_hebrew(text):
    return any("\u0590" <= ch <= "\u05ff" for ch in text)


def is_arabic(text):
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_every_seeded_sub_category_has_a_name_in_each_language():
    rows = list(NeedSubcategory.objects.all())  # after migrate: the seeded list
    assert {(r.category, r.name_en) for r in rows} >= {(c, en) for c, en, _he, _ar in SEEDED}
    missing = [
        (r.category, r.name, r.name_en, r.name_ar)
        for r in rows
        if not (r.name.strip() and r.name_en.strip() and r.name_ar.strip())
    ]
    assert missing == []
    for r in rows:
        assert is_hebrew(r.name) and not is_arabic(r.name), r.name
        assert r.name_en.isascii(), r.name_en
        assert is_arabic(r.name_ar) and not is_hebrew(r.name_ar), r.name_ar


def test_the_label_follows_the_active_language():
    sub = NeedSubcategory.objects.get(category="division_methods", name_en="Placing women in shelters")
    with translation.override("en"):
        assert sub.label == str(sub) == "Placing women in shelters"
    with translation.override("ar"):
        assert sub.label == str(sub) == sub.name_ar
    with translation.override("he"):
        assert sub.label == str(sub) == sub.name == "השמת נשים במקלטים"


def test_a_name_not_translated_yet_falls_back_to_hebrew():
    sub = NeedSubcategory.objects.create(category="quality_of_care", name="ליווי אחרי שחרור")
    for language in ("en", "ar", "he"):
        with translation.override(language):
            assert str(sub) == "ליווי אחרי שחרור"


def test_the_migration_names_an_english_row_and_merges_a_hebrew_duplicate():
    """A database seeded by 0002 (English names), where an administrator added one Hebrew name by hand."""
    english_only = NeedSubcategory.objects.get(category="quality_of_care", name_en="Continuity of care")
    english_only.name, english_only.name_en, english_only.name_ar = "Continuity of care", "", ""
    english_only.save()
    seeded = NeedSubcategory.objects.get(category="professional_tools", name_en="Risk assessment of youth")
    seeded.name, seeded.name_en, seeded.name_ar = "Risk assessment of youth", "", ""
    seeded.save()
    by_hand = NeedSubcategory.objects.create(category="professional_tools", name="הערכת סיכון של בני נוער")
    need = Need.objects.create(
        engagement=EngagementFactory(), title="Youth", source="field_workers", category="professional_tools"
    )
    need.subcategory = seeded
    need.save()

    seeding.name_in_three_languages(apps, None)

    english_only.refresh_from_db()
    assert (english_only.name, english_only.name_en, english_only.name_ar) == (
        "רצף טיפולי",
        "Continuity of care",
        "استمرارية الرعاية",
    )
    assert not NeedSubcategory.objects.filter(pk=seeded.pk).exists()
    by_hand.refresh_from_db()
    assert by_hand.name_en == "Risk assessment of youth" and is_arabic(by_hand.name_ar)
    need.refresh_from_db()
    assert need.subcategory == by_hand


def test_the_need_list_prints_the_sub_category_in_the_interface_language(client, cast):
    sub = NeedSubcategory.objects.get(category="division_methods", name_en="Professional learning")
    Need.objects.create(
        engagement=cast.engagement,
        title="Peer learning",
        source="field_workers",
        category="division_methods",
        subcategory=sub,
    )
    client.force_login(cast.team_member)
    hebrew = client.get("/needs/", HTTP_ACCEPT_LANGUAGE="he").content.decode()
    assert sub.name in hebrew
    client.cookies["django_language"] = "en"
    english = client.get("/needs/").content.decode()
    assert "Professional learning" in english and sub.name not in english
