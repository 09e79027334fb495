"""Publish scheduled offers that are due. Run it every minute from cron.

Safe to run often (a published row is never published again) and twice at once (rows are
taken with SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL).
"""

from django.core.management.base import BaseCommand

from offers.services import scheduled_publish_due


class Command(BaseCommand):
    help = "Publish every scheduled offer whose time has come."

    def handle(self, *args, **options):
        revisions = scheduled_publish_due()
        for revision in revisions:
            self.stdout.write(f"Published {revision}")
        if options["verbosity"] > 1 and not revisions:
            self.stdout.write("Nothing was due.")
