"""`manage.py import_all <dir>`: restore a backup made by export_all into an empty database.

Every file is checked against the manifest's sha256 first, and everything is written in one
transaction: a refusal or a failure leaves the database as it was. Logins come back with
unusable passwords; officers set new ones.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from offers.backups import BackupError, backup_import


class Command(BaseCommand):
    help = (
        "Restore a backup written by export_all into an empty database (run migrate first). "
        "Refuses if any council exists. Logins get unusable passwords: officers set new ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The backup folder (with its manifest.json).")

    def handle(self, *args, directory, **options):
        try:
            counts = backup_import(Path(directory))
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Restored {directory}: {summary}"))
        self.stdout.write(
            "Every login has an unusable password. Set a site administrator's with "
            "`manage.py changepassword <username>`; they then set the officers' in the admin "
            "(Users, then the officer, then the password form)."
        )
