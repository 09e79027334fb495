"""`manage.py export_offer <slug>`: write an offer's document as a JSON file.

The live version by default, an older one with --version N, or the working copy with
--working-copy. The text is exactly what import_offer reads, and the same document always
gives the same bytes, so export, import, export changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from offers.documents import document_for, document_to_json
from offers.models import Council, Offer


class Command(BaseCommand):
    help = (
        "Write a council's offer document (the live version, unless told otherwise) as "
        "pretty-printed JSON to standard output or to a file."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Django gives every command --version (its own version number); here --version
        # means the offer's version, which is what an officer would expect.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The council's web address name, like ashdown.")
        parser.add_argument(
            "--version", type=int, metavar="N", help="Export published version N instead."
        )
        parser.add_argument(
            "--working-copy",
            action="store_true",
            help="Export the working copy as officers are editing it now.",
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to FILE.")

    def handle(self, *args, slug, version=None, working_copy=False, output=None, **options):
        if version is not None and working_copy:
            raise CommandError("Choose --version or --working-copy, not both")
        offer = _offer(slug)
        if working_copy:
            document, what = document_for(offer.pk), "the working copy"
        else:
            revision = _revision(offer, version)
            document, what = revision.content, f"version {revision.version}"
        text = document_to_json(document)
        if output is None:
            self.stdout.write(text, ending="")
            return
        # Bytes, not text mode, so no platform changes the line endings.
        Path(output).write_bytes(text.encode("utf-8"))
        self.stdout.write(f"Wrote {what} of {offer.council.name}'s offer to {output}")


def _offer(slug: str) -> Offer:
    offer = (
        Offer.objects.select_related("council", "published_revision")
        .filter(council__slug=slug)
        .first()
    )
    if offer is not None:
        return offer
    council = Council.objects.filter(slug=slug).first()
    if council is None:
        raise CommandError(f"No council has the web address name “{slug}”")
    raise CommandError(f"{council.name} has no offer yet")


def _revision(offer: Offer, version: int | None):
    name = offer.council.name
    if offer.published_revision is None:
        raise CommandError(
            f"{name} has not published its offer yet. Use --working-copy to export the draft"
        )
    if version is None:
        return offer.published_revision
    revision = offer.revisions.filter(version=version).first()
    if revision is None:
        last = offer.revisions.order_by("-version").values_list("version", flat=True).first()
        raise CommandError(f"{name} has no version {version}. Its versions are 1 to {last}")
    return revision
