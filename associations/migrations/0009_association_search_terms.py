import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

import associations.models


class OnPostgresOnly:
    """The search indexes exist only on Postgres (see 0001_initial); SQLite searches without them."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddIndexOnPostgres(OnPostgresOnly, migrations.AddIndex):
    pass


class RemoveIndexIfThere(migrations.RemoveIndex):
    """On SQLite the search index exists or not depending on whether an earlier migration rebuilt the table (SQLite
    alters a table by building it anew, with every index of the model), so it is dropped only if it is there."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill_search_terms(apps, schema_editor):
    Association = apps.get_model("associations", "Association")
    changed = []
    for association in Association.objects.prefetch_related("categories", "towns", "target_groups").only("pk"):
        association.search_terms = associations.models.association_search_terms(
            categories=[(category.name_da, category.name_en) for category in association.categories.all()],
            towns=[town.town for town in association.towns.all()],
            target_groups=[group.group for group in association.target_groups.all()],
        )
        changed.append(association)
    Association.objects.bulk_update(changed, ["search_terms"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0008_alter_association_logo"),
    ]

    # A generated column's expression cannot be altered: the vector (and its index) is dropped and added again.
    operations = [
        RemoveIndexIfThere(model_name="association", name="association_public_search"),
        migrations.RemoveField(model_name="association", name="search_vector"),
        migrations.AddField(
            model_name="association",
            name="search_terms",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The names of the association's categories, target groups and towns, for the search.",
                verbose_name="search terms",
            ),
        ),
        migrations.AddField(
            model_name="association",
            name="search_vector",
            field=associations.models.StoredGeneratedField(
                db_persist=True,
                expression=associations.models.PortableSearchVector(
                    "name", "search_terms", "description", "meeting_place", weights=("A", "B", "B", "C")
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        AddIndexOnPostgres(
            model_name="association",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status", "approved")), fields=["search_vector"], name="association_public_search"
            ),
        ),
        AddIndexOnPostgres(
            model_name="association",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status", "approved")),
                fields=["search_terms"],
                name="association_public_terms_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ),
        migrations.RunPython(fill_search_terms, migrations.RunPython.noop),
    ]
