from django.db import migrations

STAGES = ["A", "B1", "B2", "C", "D"]


def create_phases(apps, schema_editor):
    Engagement = apps.get_model("core", "Engagement")
    StagePhase = apps.get_model("stages", "StagePhase")
    for engagement_id in Engagement.objects.values_list("id", flat=True):
        existing = set(StagePhase.objects.filter(engagement_id=engagement_id).values_list("stage", flat=True))
        StagePhase.objects.bulk_create(
            StagePhase(engagement_id=engagement_id, stage=stage) for stage in STAGES if stage not in existing
        )


class Migration(migrations.Migration):
    dependencies = [("stages", "0001_initial"), ("core", "0001_initial")]
    operations = [migrations.RunPython(create_phases, migrations.RunPython.noop)]
