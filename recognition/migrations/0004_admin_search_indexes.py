from django.db import migrations


def trigram_indexes(columns_by_index: dict[str, tuple[str, list[str]]]):
    """Trigram indexes for the admin's search, on Postgres only (SQLite searches without them). Django's
    case-insensitive lookups compare UPPER(column), so the indexes hold that expression."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, (table, columns) in columns_by_index.items():
            expressions = ", ".join(
                f"UPPER({schema_editor.quote_name(column)}::text) gin_trgm_ops" for column in columns
            )
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(name)} "
                f"ON {schema_editor.quote_name(table)} USING gin ({expressions})"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in columns_by_index:
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(create, drop, elidable=False)


class Migration(migrations.Migration):
    dependencies = [
        ("recognition", "0003_story_towns_categories"),
        ("associations", "0001_initial"),
    ]

    operations = [
        trigram_indexes(
            {
                "story_search_trgm": ("recognition_story", ["title", "teaser", "body"]),
                "nomination_search_trgm": ("recognition_nomination", ["nominee_name", "nominee_email", "reason"]),
            }
        ),
    ]
