from django.db import migrations

# The sub-categories the source uses for each category of need (administrators may add more).
SUBCATEGORIES = {
    "ministry_methods": ["Supervision processes", "Data-driven management", "Knowledge management",
                         "Cooperation between ministry units and the IT division"],
    "division_methods": ["Professional learning", "Probation community-service process", "Placing women in shelters"],
    "quality_of_care": ["Continuity of care"],
    "citizen_services": ["Promoting existing services and rights", "New services for target groups",
                         "New universal services"],
    "professional_tools": ["Risk assessment of youth"],
}


def create(apps, schema_editor):
    NeedSubcategory = apps.get_model("initiatives", "NeedSubcategory")
    for category, names in SUBCATEGORIES.items():
        for order, name in enumerate(names):
            NeedSubcategory.objects.get_or_create(category=category, name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
