"""`manage.py offer_schema`: write the offer document's JSON Schema file from the registry."""

from django.core.management.base import BaseCommand, CommandError

from offers.schema import SCHEMA_PATH, is_schema_file_current, schema_json


class Command(BaseCommand):
    help = (
        "Write offers/schemas/offer-document.schema.json from the entry registry and models. "
        "--check only says whether the committed file is current."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; fail if out of date."
        )

    def handle(self, *args, check=False, **options):
        if check:
            if not is_schema_file_current():
                raise CommandError(f"{SCHEMA_PATH} is out of date: run manage.py offer_schema")
            self.stdout.write("The schema file is current.")
            return
        SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
        SCHEMA_PATH.write_text(schema_json(), encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_PATH}")
