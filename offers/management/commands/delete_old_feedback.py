"""Delete feedback, and answers to consultations, older than the privacy notice promises to
keep them (2 years), and fact checks (which hold the email address of someone outside the
council) after a year.

Run it daily from cron, beside publish_scheduled.
"""

from django.core.management.base import BaseCommand

from offers.consultations import responses_delete_expired
from offers.fact_check import fact_checks_delete_old
from offers.services import feedback_delete_expired


class Command(BaseCommand):
    help = (
        "Delete families' feedback and answers to consultations older than 2 years, as the "
        "privacy notice says."
    )

    def handle(self, *args, **options):
        deleted = feedback_delete_expired()
        self.stdout.write(f"Deleted {deleted} feedback answers older than 2 years.")
        checks = fact_checks_delete_old()
        self.stdout.write(f"Deleted {checks} fact checks older than a year.")
        answers = responses_delete_expired()
        self.stdout.write(f"Deleted {answers} answers to consultations older than 2 years.")
