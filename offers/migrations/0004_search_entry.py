"""Search rows for the live offers (SearchEntry), and rows for the versions live already.

The GIN index on the tsvector is PostgreSQL's; SQLite (development and tests) cannot
create it, so the index is part of the model's state everywhere but only built on
PostgreSQL. The rows come from offers.search.search_rows, the same pure function of a
document that a publish uses.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from offers.search import search_rows, search_vectors_update


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """AddIndex that only touches the database on PostgreSQL (GIN does not exist elsewhere)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def rows_for_live_versions(apps, schema_editor):
    Offer = apps.get_model("offers", "Offer")
    SearchEntry = apps.get_model("offers", "SearchEntry")
    live = Offer.objects.filter(published_revision__isnull=False).select_related(
        "published_revision"
    )
    for offer in live.iterator():
        revision = offer.published_revision
        SearchEntry.objects.bulk_create(
            SearchEntry(revision_id=revision.pk, council_id=offer.council_id, **row)
            for row in search_rows(revision.content)
        )
    search_vectors_update(SearchEntry.objects.all())


class Migration(migrations.Migration):

    dependencies = [
        ("offers", "0003_document_keys"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("section_anchor", models.CharField(max_length=80)),
                ("section_heading", models.CharField(max_length=200)),
                ("fragment", models.CharField(blank=True, help_text="The entry's id on the page.", max_length=80)),
                ("heading", models.CharField(max_length=200)),
                ("text", models.TextField(blank=True)),
                ("arrangement_types", models.CharField(blank=True, max_length=200)),
                ("weight", models.CharField(default="B", help_text="Full-text weight of the text (A to D).", max_length=1)),
                ("order", models.PositiveIntegerField(default=0)),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("council", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="offers.council")),
                ("revision", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="search_entries", to="offers.offerrevision")),
            ],
            options={
                "verbose_name_plural": "search entries",
                "ordering": ["revision", "order"],
            },
        ),
        AddIndexOnPostgreSQL(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_vector"], name="offers_search_vector_gin"),
        ),
        migrations.RunPython(rows_for_live_versions, migrations.RunPython.noop),
    ]
