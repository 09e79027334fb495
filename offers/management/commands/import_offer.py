"""`manage.py import_offer <slug> <file> --by <username>`: make a document the working copy.

The file is checked the same way as an upload in the admin (size, JSON, schema, the
models' own rules, that it is this council's offer or a starter template). With
--publish --summary "..." it is also published, as the same user, who must be an
approver; an offer that misses checklist requirements (offers.checklist) is published only
with --accept-gaps, the command line's "Publish with these gaps". Everything happens in one
transaction: any refusal changes nothing.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from offers import services
from offers.documents import document_for
from offers.entry_types import ENTRY_TYPES
from offers.models import Council, Offer
from offers.schema import document_from_file


class Command(BaseCommand):
    help = (
        "Import an offer document (from export_offer, or a starter template) as a council's "
        "working copy; with --publish, also publish it."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The council's web address name, like ashdown.")
        parser.add_argument("file", help="The .json file to import.")
        parser.add_argument(
            "--by",
            required=True,
            metavar="USERNAME",
            help="Who is importing: an officer of the council or a site administrator. "
            "Recorded in the audit trail.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imported working copy too (the user must be an approver).",
        )
        parser.add_argument("--summary", default="", help="What changed, for families.")
        parser.add_argument(
            "--accept-gaps",
            action="store_true",
            help="With --publish: publish even if the offer misses checklist requirements "
            "(recorded in the audit trail).",
        )

    def handle(
        self, *args, slug, file, by, publish=False, summary="", accept_gaps=False, **options
    ):
        if summary and not publish:
            raise CommandError("--summary is only used with --publish")
        if accept_gaps and not publish:
            raise CommandError("--accept-gaps is only used with --publish")
        user = get_user_model().objects.filter(username=by).first()
        if user is None:
            raise CommandError(f"No user is called “{by}”")
        council = Council.objects.filter(slug=slug).first()
        if council is None:
            raise CommandError(f"No council has the web address name “{slug}”")
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error

        try:
            document = document_from_file(data)
            with transaction.atomic():
                offer = Offer.objects.filter(council=council).first()
                started = offer is None
                if started:
                    offer = services.offer_create_from_document(
                        council=council, document=document, by=user
                    )
                services.offer_import(offer=offer, document=document, by=user)
                revision = (
                    services.offer_publish(
                        offer=offer, by=user, summary=summary, accept_gaps=accept_gaps
                    )
                    if publish
                    else None
                )
        except PermissionDenied as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        except services.GapsNotAccepted as error:
            missing = "; ".join(check.requirement for check in error.gaps)
            raise CommandError(
                f"Nothing was imported: the offer misses {len(error.gaps)} checklist "
                f"requirements ({missing}). Fix them, or publish it with them using "
                "--accept-gaps."
            ) from error
        except ValidationError as error:
            raise CommandError(f"Nothing was imported: {' '.join(error.messages)}") from error

        imported = document_for(offer.pk)
        entries = sum(len(s[t.key]) for s in imported["sections"] for t in ENTRY_TYPES)
        line = (
            f"{'Started' if started else 'Replaced'} the working copy of {council.name}'s offer "
            f"with {len(imported['sections'])} sections and {entries} entries from {file}"
        )
        if revision is not None:
            line += f", and published it as version {revision.version}"
        self.stdout.write(line)
