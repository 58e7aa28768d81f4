"""The seeded need sub-categories in the interface's three languages.

0002 seeded them with English names; ``name`` is now the Hebrew name, with ``name_en`` and ``name_ar``
beside it. A sub-category an administrator already added under its Hebrew name is kept (the needs of
the English-named duplicate move to it); names an administrator already filled in are left as they are.
"""

from django.db import migrations
from django.db.models import Q

# category: [(English, Hebrew, Arabic)], in the order 0002 seeded them.
SUBCATEGORIES = {
    "ministry_methods": [
        ("Supervision processes", "תהליכי פיקוח", "إجراءات الرقابة"),
        ("Data-driven management", "ניהול מבוסס נתונים", "الإدارة المبنية على البيانات"),
        ("Knowledge management", "ניהול ידע", "إدارة المعرفة"),
        (
            "Cooperation between ministry units and the IT division",
            "שיתוף פעולה בין יחידות המשרד לאגף מערכות המידע",
            "التعاون بين وحدات الوزارة وقسم أنظمة المعلومات",
        ),
    ],
    "division_methods": [
        ("Professional learning", "למידה מקצועית", "التعلّم المهني"),
        (
            "Probation community-service process",
            'מסלול השל"צ בשירות המבחן',
            "مسار العمل لصالح الجمهور في خدمة المراقبة",
        ),
        ("Placing women in shelters", "השמת נשים במקלטים", "إيواء النساء في الملاجئ"),
    ],
    "quality_of_care": [
        ("Continuity of care", "רצף טיפולי", "استمرارية الرعاية"),
    ],
    "citizen_services": [
        (
            "Promoting existing services and rights",
            "קידום שירותים קיימים ומיצוי זכויות",
            "تعزيز الخدمات القائمة وتحصيل الحقوق",
        ),
        ("New services for target groups", "שירותים חדשים לקהלי יעד", "خدمات جديدة لفئات مستهدفة"),
        ("New universal services", "שירותים אוניברסליים חדשים", "خدمات شاملة جديدة"),
    ],
    "professional_tools": [
        ("Risk assessment of youth", "הערכת סיכון של בני נוער", "تقييم المخاطر لدى أبناء الشبيبة"),
    ],
}


def name_in_three_languages(apps, schema_editor):
    NeedSubcategory = apps.get_model("initiatives", "NeedSubcategory")
    Need = apps.get_model("initiatives", "Need")
    for category, rows in SUBCATEGORIES.items():
        for order, (english, hebrew, arabic) in enumerate(rows):
            in_category = NeedSubcategory.objects.filter(category=category)
            seeded = in_category.filter(Q(name=english) | Q(name_en=english)).order_by("pk").first()
            by_hebrew = in_category.filter(name=hebrew).first()
            if seeded is not None and by_hebrew is not None and seeded.pk != by_hebrew.pk:
                Need.objects.filter(subcategory=seeded).update(subcategory=by_hebrew)
                seeded.delete()
                seeded = None
            row = seeded or by_hebrew
            if row is None:
                NeedSubcategory.objects.create(
                    category=category, name=hebrew, name_en=english, name_ar=arabic, order=order
                )
                continue
            if row.name == english:
                row.name = hebrew
            row.name_en = row.name_en or english
            row.name_ar = row.name_ar or arabic
            row.save(update_fields=["name", "name_en", "name_ar"])


def english_names_again(apps, schema_editor):
    NeedSubcategory = apps.get_model("initiatives", "NeedSubcategory")
    for category, rows in SUBCATEGORIES.items():
        for english, hebrew, _arabic in rows:
            row = NeedSubcategory.objects.filter(category=category, name=hebrew).first()
            if row is None or NeedSubcategory.objects.filter(category=category, name=english).exists():
                continue
            row.name = english
            row.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0004_learning_plans_and_subcategory_languages")]
    operations = [migrations.RunPython(name_in_three_languages, english_names_again)]
