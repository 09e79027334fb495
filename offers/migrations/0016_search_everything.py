"""Search rows made afresh for the live versions: they now hold the offer's title and
introduction and every entry field families read (offers.search.search_rows), so text
published before this change is found too. Rows only: the table is as it was."""

import importlib

from django.db import migrations

# The rows are made as migration 0004 first made them, from the same pure function.
FIRST_ROWS = importlib.import_module("offers.migrations.0004_search_entry")


def search_rows_remade(apps, schema_editor):
    apps.get_model("offers", "SearchEntry").objects.all().delete()
    FIRST_ROWS.rows_for_live_versions(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0015_audit_actions"),
    ]

    operations = [
        migrations.RunPython(search_rows_remade, migrations.RunPython.noop),
    ]
