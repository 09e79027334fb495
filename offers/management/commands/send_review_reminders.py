"""Email council officers about reviews coming up and out-of-date allowance rates, and site
administrators about national schemes due for a check. Run it once a day from cron, next to
publish_scheduled.

Each reminder goes once (offers.reminders keeps a ReminderSent row for it), so running it
twice on the same day, or on two hosts, sends nothing twice.
"""

from django.core.management.base import BaseCommand

from offers.reminders import (
    reminders_due,
    reminders_send,
    scheme_check_reminders_due,
    scheme_check_reminders_send,
)


class Command(BaseCommand):
    help = (
        "Email each council's officers 30, 7 and 0 days before their offer's review is due, "
        "and from 1 April while live allowance rates are older than the financial year; "
        "email site administrators when a national scheme is due for a check. "
        "Each reminder is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the reminders that are due without sending them.",
        )

    def handle(self, *args, **options):
        if options["dry_run"]:
            reminders = reminders_due()
            checks = scheme_check_reminders_due()
            verb = "Would send"
        else:
            reminders = reminders_send()
            checks = scheme_check_reminders_send()
            verb = "Sent"
        for reminder in reminders:
            people = len(reminder.recipients)
            noun = "officer" if people == 1 else "officers"
            self.stdout.write(f"{verb} “{reminder.subject}” to {people} {noun}")
        for reminder in checks:
            people = len(reminder.recipients)
            noun = "site administrator" if people == 1 else "site administrators"
            self.stdout.write(f"{verb} “{reminder.subject}” to {people} {noun}")
        if options["verbosity"] > 1 and not (reminders or checks):
            self.stdout.write("No reminders were due.")
