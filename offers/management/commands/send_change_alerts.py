"""Email families who asked for alerts when a council publishes a new version of its offer.
Run it from cron every few minutes, next to publish_scheduled.

Each version goes to each subscriber once (offers.alerts claims an AlertSent row before each
email), so running it twice at once, or on two hosts, sends nothing twice.
"""

from django.core.management.base import BaseCommand, CommandError

from offers.alerts import BATCH_SIZE, change_alerts_send


class Command(BaseCommand):
    help = (
        "Email each confirmed subscriber what changed in each new version of the offer they "
        "follow, once per version, and delete addresses never confirmed whose link expired."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Emails sent through one connection to the mail server (default {BATCH_SIZE}).",
        )

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be 1 or more.")
        sent = change_alerts_send(batch_size=options["batch_size"])
        if sent or options["verbosity"] > 1:
            self.stdout.write(f"Sent {sent} {'alert' if sent == 1 else 'alerts'}")
