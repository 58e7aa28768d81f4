"""Trigram indexes for the ``q`` search of the opportunities (and of the organisation's name it also
searches): ``icontains`` is ``UPPER(column::text) LIKE UPPER('%…%')``, which no b-tree can serve, so
the board's search read all 100,000 profiles once per column. With ``pg_trgm``'s GIN index on the same
expression PostgreSQL finds the matches through the index (api_human/core/filtersets.py, ``search``).

PostgreSQL only; nothing on SQLite. ``pg_trgm`` is a trusted extension (a database owner may create it);
where the role may not, the indexes are left out and the search still works, only slower."""

from django.db import DatabaseError, migrations

INDEXES = [
    ("opportunity_title_trgm", "opportunities_opportunity", "title"),
    ("opportunity_summary_trgm", "opportunities_opportunity", "summary"),
    ("opportunity_problem_trgm", "opportunities_opportunity", "problem"),
    ("organization_name_trgm", "core_organization", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            cursor.execute("SAVEPOINT trigrams")
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except DatabaseError:  # not allowed here: the search works without the indexes
                cursor.execute("ROLLBACK TO SAVEPOINT trigrams")
                return
            cursor.execute("RELEASE SAVEPOINT trigrams")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0008_board_order"),
        ("core", "0008_list_orders"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
