"""`manage.py export_all <dir>`: back up every council's offer, versions and officers.

See offers.backups for what the folder holds. Logins are written without passwords.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from offers.backups import BackupError, backup_export


class Command(BaseCommand):
    help = (
        "Write a backup of every council, offer (working copy and every published version), "
        "officer (without passwords), membership, national helpline and pending scheduled "
        "publish to a new or empty folder, with a manifest of sha256 hashes."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new or empty folder to write the backup to.")

    def handle(self, *args, directory, **options):
        try:
            counts = backup_export(Path(directory))
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote a backup to {directory}: {summary}"))
