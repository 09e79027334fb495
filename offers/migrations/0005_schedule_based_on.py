"""A scheduled publish remembers the live version it was made against (ScheduledPublish.based_on).

Schedules still pending get the version that was live when they were made: the offer's
highest version published at or before the schedule's created_at (a publish or rollback
always makes the highest version live), or none if nothing was live yet. So a schedule made
before this migration is checked at run time like a new one.
"""

import django.db.models.deletion
from django.db import migrations, models


def based_on_for_pending(apps, schema_editor):
    ScheduledPublish = apps.get_model("offers", "ScheduledPublish")
    OfferRevision = apps.get_model("offers", "OfferRevision")
    for schedule in ScheduledPublish.objects.filter(status="pending"):
        live = (
            OfferRevision.objects.filter(
                offer_id=schedule.offer_id, published_at__lte=schedule.created_at
            )
            .order_by("-version")
            .first()
        )
        if live is not None:
            ScheduledPublish.objects.filter(pk=schedule.pk).update(based_on=live)


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0004_search_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="scheduledpublish",
            name="based_on",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="offers.offerrevision",
            ),
        ),
        migrations.RunPython(based_on_for_pending, migrations.RunPython.noop),
    ]
