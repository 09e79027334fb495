"""Backups: the whole portal as a folder of JSON files, and a restore into an empty database.

`manage.py export_all <dir>` writes, `manage.py import_all <dir>` restores. The folder:

    manifest.json                    format version, when, counts, sha256 of every other file
    councils.json                    every council, every field (brand colour, active…)
    old-addresses.json               the web address names councils used before, which still
                                     redirect to them (optional: older backups lack it)
    officers.json                    every login: username, names, email, active, staff,
                                     superuser; never a password hash
    memberships.json                 who works for which council, in which role
    helplines.json                   the national helplines, every field
    national-schemes.json            the national schemes list as administrators keep it,
                                     every field (optional: older backups lack it)
    national-schemes-versions.json   every published version of that list: number, date,
                                     who, summary and document, exactly as published
    offers/<slug>/offer.json         the offer's state (status, live version), its versions'
                                     records and its pending scheduled publishes
    offers/<slug>/working-copy.json  the working copy's document (offers.documents)
    offers/<slug>/versions/<n>.json  version n's document exactly as it was published
    offers/<slug>/scheduled/<n>.json the document of its n-th pending scheduled publish
    what-families-told-us/<slug>/<n>.json
                                     version n of the council's published "What families
                                     told us", as it was published (optional: older
                                     backups lack it)

Documents are written with offers.documents.document_to_json, so they are the same files
export_offer writes and the same data always gives the same bytes: export, import, export
differs only in the manifest's exported_at.

A restore puts versions back as they were (number, date, who, summary and document), as
records rather than new publishes, and remakes what is derived from them (search rows).
Logins come back with unusable passwords: `manage.py changepassword <username>` sets a
site administrator's, who then sets the officers' in the admin. NOT_BACKED_UP says what is
left out.
"""

import datetime
import hashlib
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from .documents import document_for, document_to_json
from .entry_types import ENTRY_TYPES
from .models import (
    ConsultationResult,
    Council,
    CouncilSlugRedirect,
    Membership,
    NationalHelpline,
    NationalScheme,
    NationalSchemesVersion,
    Offer,
    OfferRevision,
    OfferStatus,
    ScheduledPublish,
    ScheduleStatus,
)
from .schema import DocumentError, document_text_check, parse_document_json
from .search import search_index_revision
from .services import offer_restore

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
OFFICER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
)

# Every model of the app is either in a backup or left out for a stated reason (a test
# checks that a new model is one or the other).
BACKED_UP = {
    "Council": "councils.json",
    "CouncilSlugRedirect": "old-addresses.json",
    "Membership": "memberships.json",
    "NationalHelpline": "helplines.json",
    "NationalScheme": "national-schemes.json",
    "NationalSchemesVersion": "national-schemes-versions.json",
    "Offer": "offers/<slug>/offer.json and working-copy.json",
    "Section": "offers/<slug>/working-copy.json",
    **{entry_type.model.__name__: "offers/<slug>/working-copy.json" for entry_type in ENTRY_TYPES},
    "OfferRevision": "offers/<slug>/versions/<n>.json",
    "ScheduledPublish": "offers/<slug>/scheduled/<n>.json (pending ones only)",
    "ConsultationResult": "what-families-told-us/<slug>/<n>.json",
}
NOT_BACKED_UP = {
    "AuditEvent": "the audit trail stays in the old database's own backups; each version "
    "keeps who published it and when",
    "Feedback": "families' answers are kept for 2 years at most and serve no page",
    "PreviewLink": "links last 7 days; officers make new ones",
    "SearchEntry": "made again from each live version when restoring",
    "ReminderSent": "at worst one reminder email is sent again",
    "JargonTerm": "advice for officers, never shown to families: migration 0005 puts the "
    "examples back, and terms an administrator added are typed in again",
    "AlertSubscription": "families' email addresses are personal data, kept only in the "
    "database (and its own backups), never in these files: after a restore from them, "
    "families ask for alerts again",
    "AlertSent": "goes with the subscriptions it records",
    "TaskAnswer": 'an officer\'s answer to "Have you completed this section?": the working '
    "copy a backup holds comes back with every task to answer again",
    "RemovedItem": "what an officer removed since the last publish, kept only so it can be "
    "undone until the next publish: a restore starts from what the backup holds",
    "PublicContentVersion": "a token naming what public pages show: restoring replaces it "
    "(each council it saves does), so no page kept before the restore is served",
    "FactCheck": "a fact-check link lasts 14 days and holds someone's email address: "
    "officers ask again",
    "FactCheckComment": "comments on a draft that has since moved on, from someone outside "
    "the council; they go with their fact check",
    "NationalSchemeReminderSent": "at worst one check reminder email is sent again",
    # Consultations (offers.consultations): families' answers are not copied out of the
    # database, as the feedback form's are not. What was published from them is backed up
    # (ConsultationResult), and comes back without the consultation it was made from.
    "Consultation": "a consultation's link and snapshot serve families only while it is open",
    "ConsultationResponse": "families' answers stay in the old database's own backups",
    "ConsultationTheme": "officers' working notes on families' answers",
    "ConsultationQuote": "officers' working notes on families' answers",
}


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why, for the operator."""


@dataclass
class _Backup:
    """The files of a backup being written: path -> bytes, in the order they are added."""

    files: dict[str, bytes] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, path: str, text: str) -> None:
        self.files[path] = text.encode("utf-8")

    def add_data(self, path: str, data) -> None:
        self.add(path, document_to_json(data))


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    return value


def _own_fields(model) -> list:
    """A model's own stored fields: no id, no links to other rows."""
    return [f for f in model._meta.concrete_fields if not f.primary_key and not f.is_relation]


def _row(obj, fields) -> dict:
    return {f.name: _plain(f.value_from_object(obj)) for f in fields}


def _values(model, item: dict) -> dict:
    return {name: model._meta.get_field(name).to_python(value) for name, value in item.items()}


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def _when(value: str | None):
    return datetime.datetime.fromisoformat(value) if value else None


# --- Export ---------------------------------------------------------------------------------


def backup_export(directory: Path) -> dict[str, int]:
    """Write a backup of everything into directory (made if missing; it must be empty).

    Read in one transaction, on PostgreSQL a repeatable-read snapshot, so a publish made
    meanwhile is either wholly in the backup or not at all. Returns the counts.
    """
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty. Choose a new or empty folder")
    # Only as the transaction's first statement: not when called inside another one.
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        backup = _backup_collect()
    directory.mkdir(parents=True, exist_ok=True)
    for path, content in backup.files.items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    manifest = {
        "format": FORMAT_VERSION,
        "exported_at": timezone.now().astimezone(datetime.UTC).isoformat(),
        "counts": backup.counts,
        "files": {
            path: hashlib.sha256(content).hexdigest()
            for path, content in sorted(backup.files.items())
        },
    }
    (directory / MANIFEST).write_bytes(document_to_json(manifest).encode("utf-8"))
    return backup.counts


def _backup_collect() -> _Backup:
    backup = _Backup()
    councils = list(Council.objects.order_by("slug"))
    backup.add_data("councils.json", [_row(c, _own_fields(Council)) for c in councils])
    old_addresses = CouncilSlugRedirect.objects.select_related("council").order_by("old_slug")
    backup.add_data(
        "old-addresses.json",
        [{"old_slug": old.old_slug, "council": old.council.slug} for old in old_addresses],
    )
    User = get_user_model()
    officers = [
        {name: getattr(user, name) for name in OFFICER_FIELDS}
        for user in User.objects.order_by(User.USERNAME_FIELD)
    ]
    backup.add_data("officers.json", officers)
    memberships = [
        {"council": m.council.slug, "username": _username(m.user), "role": m.role}
        for m in Membership.objects.select_related("council", "user").order_by(
            "council__slug", f"user__{User.USERNAME_FIELD}"
        )
    ]
    backup.add_data("memberships.json", memberships)
    helplines = NationalHelpline.objects.order_by("order", "name", "pk")
    backup.add_data("helplines.json", [_row(h, _own_fields(NationalHelpline)) for h in helplines])
    schemes = NationalScheme.objects.order_by("order", "name", "pk")
    backup.add_data(
        "national-schemes.json", [_row(s, _own_fields(NationalScheme)) for s in schemes]
    )
    versions = [
        {
            "number": version.number,
            "summary": version.summary,
            "published_at": _plain(version.published_at),
            "published_by": _username(version.published_by),
            "document": version.document,
        }
        for version in NationalSchemesVersion.objects.select_related("published_by").order_by(
            "number"
        )
    ]
    backup.add_data("national-schemes-versions.json", versions)
    backup.counts = {
        "councils": len(councils),
        "officers": len(officers),
        "memberships": len(memberships),
        "helplines": len(helplines),
        "national_schemes": len(schemes),
        "national_schemes_versions": len(versions),
        "offers": 0,
        "versions": 0,
        "scheduled_publishes": 0,
    }
    offers = Offer.objects.select_related("council", "published_revision").order_by("council__slug")
    for offer in offers:
        _offer_collect(backup, offer)
    _results_collect(backup)
    return backup


RESULTS_FOLDER = "what-families-told-us"


def _results_collect(backup: _Backup) -> None:
    """Every published "What families told us", each version as it was published."""
    results = ConsultationResult.objects.select_related("council", "published_by")
    backup.counts["families_told_us"] = 0
    for result in results.order_by("council__slug", "version"):
        backup.add_data(
            f"{RESULTS_FOLDER}/{result.council.slug}/{result.version}.json",
            {
                "version": result.version,
                "published_at": _plain(result.published_at),
                "published_by": _username(result.published_by),
                "content": result.content,
            },
        )
        backup.counts["families_told_us"] += 1


def _results_restore(files: dict, *, councils: dict, users: dict, counts: dict) -> None:
    """Put published results back as they were (version, date, who, what it said)."""
    restored = 0
    for name in sorted(files):
        parts = PurePosixPath(name).parts
        if len(parts) != 3 or parts[0] != RESULTS_FOLDER:
            continue
        if parts[1] not in councils:
            raise BackupError(f"{name}: the backup has no council {parts[1]}")
        item = _parsed(name, files[name])
        result = ConsultationResult(
            council=councils[parts[1]],
            version=item["version"],
            content=item["content"],
            published_by=users.get(item.get("published_by")),
            published_at=_when(item["published_at"]),
        )
        result.full_clean(exclude=["consultation", "published_by"])
        result.save()
        restored += 1
    if restored or "families_told_us" in counts:
        counts["families_told_us"] = restored


def _offer_collect(backup: _Backup, offer: Offer) -> None:
    folder = f"offers/{offer.council.slug}"
    backup.add(f"{folder}/working-copy.json", document_to_json(document_for(offer.pk)))
    versions = []
    for revision in offer.revisions.select_related("published_by").order_by("version"):
        backup.add(f"{folder}/versions/{revision.version}.json", document_to_json(revision.content))
        versions.append(
            {
                "version": revision.version,
                "summary": revision.summary,
                "published_at": _plain(revision.published_at),
                "published_by": _username(revision.published_by),
            }
        )
    scheduled = []
    pending = offer.scheduled_publishes.filter(status=ScheduleStatus.PENDING)
    for number, schedule in enumerate(
        pending.select_related("created_by", "based_on").order_by("publish_at", "pk"), start=1
    ):
        backup.add(f"{folder}/scheduled/{number}.json", document_to_json(schedule.content))
        scheduled.append(
            {
                "number": number,
                "summary": schedule.summary,
                "publish_at": _plain(schedule.publish_at),
                "created_at": _plain(schedule.created_at),
                "created_by": _username(schedule.created_by),
                "based_on_version": schedule.based_on.version if schedule.based_on else None,
            }
        )
    live = offer.published_revision
    backup.add_data(
        f"{folder}/offer.json",
        {
            "council": offer.council.slug,
            "status": offer.status,
            "rejection_reason": offer.rejection_reason,
            "live_version": live.version if live else None,
            "versions": versions,
            "scheduled_publishes": scheduled,
        },
    )
    backup.counts["offers"] += 1
    backup.counts["versions"] += len(versions)
    backup.counts["scheduled_publishes"] += len(scheduled)


# --- Import ---------------------------------------------------------------------------------


def backup_files(directory: Path) -> dict[str, bytes]:
    """The backup's files, each checked against the manifest's sha256 before it is used."""
    directory = Path(directory)
    try:
        manifest = _parsed(MANIFEST, (directory / MANIFEST).read_bytes())
    except FileNotFoundError as error:
        raise BackupError(f"{directory} has no {MANIFEST}: it is not a backup") from error
    found = manifest.get("format") if isinstance(manifest, dict) else None
    if found != FORMAT_VERSION:
        raise BackupError(
            f"This backup's format is {found}; this version of the portal restores format "
            f"{FORMAT_VERSION}"
        )
    files = {MANIFEST: manifest}
    root = directory.resolve()
    for name, expected in sorted(manifest.get("files", {}).items()):
        relative = PurePosixPath(name)
        target = (root / relative).resolve()
        if relative.is_absolute() or ".." in relative.parts or not target.is_relative_to(root):
            raise BackupError(f"The manifest names a file outside the backup: {name}")
        try:
            content = target.read_bytes()
        except FileNotFoundError as error:
            raise BackupError(f"{name} is missing from the backup") from error
        if hashlib.sha256(content).hexdigest() != expected:
            raise BackupError(f"{name} has changed since the backup was made (sha256 differs)")
        files[name] = content
    for required in ("councils.json", "officers.json", "memberships.json", "helplines.json"):
        if required not in files:
            raise BackupError(f"The manifest does not list {required}")
    return files


def _parsed(name: str, content: bytes):
    """A backup file's JSON, read as strictly as an offer file (offers.schema)."""
    try:
        return parse_document_json(content.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BackupError(f"{name} is not UTF-8 text") from error
    except DocumentError as error:
        raise BackupError(f"{name}: {error.messages[0]}") from error


def _version_document(files: dict, name: str):
    """A published version's or scheduled publish's document, restored as it was stored,
    but never with a character no page or database can take."""
    document = _parsed(name, files[name])
    try:
        document_text_check(document)
    except DocumentError as error:
        raise BackupError(f"{name}: {error.messages[0]}") from error
    return document


def backup_import(directory: Path) -> dict[str, int]:
    """Restore a backup into an empty database, in one transaction. Returns the counts.

    Refused before anything is written if a council exists, if a login in the backup
    exists already, or if any file differs from the manifest's sha256.
    """
    files = backup_files(directory)

    def data(name: str):
        return _parsed(name, files[name])

    with transaction.atomic():
        if Council.objects.exists():
            raise BackupError(
                "This database has councils already. Restore only into an empty database "
                "(after `manage.py migrate`), so nothing is mixed or overwritten"
            )
        councils = {}
        for item in data("councils.json"):
            council = Council(**_values(Council, item))
            council.full_clean()
            council.save()
            councils[council.slug] = council
        if "old-addresses.json" in files:  # older backups have none
            for item in data("old-addresses.json"):
                CouncilSlugRedirect.objects.create(
                    old_slug=item["old_slug"], council=councils[item["council"]]
                )
        users = _officers_restore(data("officers.json"))
        memberships = [
            Membership(user=users[m["username"]], council=councils[m["council"]], role=m["role"])
            for m in data("memberships.json")
        ]
        for membership in memberships:
            membership.full_clean()
        # bulk_create: Membership.save would make every member staff, and staff is restored
        # exactly as it was.
        Membership.objects.bulk_create(memberships)
        helplines = data("helplines.json")
        for item in helplines:
            helpline = NationalHelpline(**_values(NationalHelpline, item))
            helpline.full_clean()
            helpline.save()
        counts = {
            "councils": len(councils),
            "officers": len(users),
            "memberships": len(memberships),
            "helplines": len(helplines),
            **_national_schemes_restore(files, data, users),
            "offers": 0,
            "versions": 0,
            "scheduled_publishes": 0,
        }
        for slug, council in councils.items():
            if f"offers/{slug}/offer.json" in files:
                try:
                    _offer_restore(files, council=council, users=users, counts=counts)
                except ValidationError as error:  # the document or a model's own rules
                    raise BackupError(f"offers/{slug}: {' '.join(error.messages)}") from error
        expected = files[MANIFEST].get("counts")
        if expected is not None and "families_told_us" in expected:  # older backups lack it
            counts["families_told_us"] = 0
        _results_restore(files, councils=councils, users=users, counts=counts)
        if expected is not None and expected != counts:
            raise BackupError(f"The backup's manifest counts {expected}, but it holds {counts}")
    return counts


def _national_schemes_restore(files: dict, data, users: dict) -> dict:
    """The national schemes list and its published versions, as they were (backups made
    before national schemes have neither file, and count neither)."""
    if "national-schemes.json" not in files:
        return {}
    schemes = data("national-schemes.json")
    for item in schemes:
        scheme = NationalScheme(**_values(NationalScheme, item))
        scheme.full_clean()
        scheme.save()
    versions = data("national-schemes-versions.json")
    for item in versions:
        version = NationalSchemesVersion(
            number=item["number"],
            summary=item["summary"],
            published_at=_when(item["published_at"]),
            published_by=users.get(item["published_by"]),
            document=item["document"],
        )
        version.full_clean()
        version.save()
    return {"national_schemes": len(schemes), "national_schemes_versions": len(versions)}


def _officers_restore(officers: list[dict]) -> dict:
    User = get_user_model()
    names = [item["username"] for item in officers]
    taken = list(
        User.objects.filter(**{f"{User.USERNAME_FIELD}__in": names}).values_list(
            User.USERNAME_FIELD, flat=True
        )
    )
    if taken:
        raise BackupError(
            f"These logins exist already: {', '.join(sorted(taken))}. Restore only into an "
            "empty database"
        )
    users = {}
    for item in officers:
        user = User(**{name: item[name] for name in OFFICER_FIELDS})
        user.set_unusable_password()  # hashes are never in a backup: officers set new ones
        user.full_clean()
        user.save()
        users[user.get_username()] = user
    return users


def _offer_restore(files: dict, *, council: Council, users: dict, counts: dict) -> None:
    folder = f"offers/{council.slug}"
    state = _parsed(f"{folder}/offer.json", files[f"{folder}/offer.json"])
    if state["status"] not in OfferStatus.values:
        raise BackupError(f"{folder}/offer.json has an unknown status: {state['status']}")
    working_copy = f"{folder}/working-copy.json"
    offer = offer_restore(council=council, document=_parsed(working_copy, files[working_copy]))
    revisions = {}
    for item in state["versions"]:
        revision = OfferRevision(
            offer=offer,
            version=item["version"],
            content=_version_document(files, f"{folder}/versions/{item['version']}.json"),
            summary=item["summary"],
            published_at=_when(item["published_at"]),
            published_by=users.get(item["published_by"]),
        )
        revision.full_clean()
        revision.save()  # a record put back as it was, not a new publish
        revisions[revision.version] = revision
    live = revisions.get(state["live_version"]) if state["live_version"] else None
    if state["live_version"] and live is None:
        raise BackupError(f"{folder}/offer.json names a live version that is not in the backup")
    Offer.objects.filter(pk=offer.pk).update(
        published_revision=live, status=state["status"], rejection_reason=state["rejection_reason"]
    )
    if live is not None:
        search_index_revision(revision=live)
    for item in state["scheduled_publishes"]:
        schedule = ScheduledPublish(
            offer=offer,
            content=_version_document(files, f"{folder}/scheduled/{item['number']}.json"),
            summary=item["summary"],
            publish_at=_when(item["publish_at"]),
            status=ScheduleStatus.PENDING,
            created_by=users.get(item["created_by"]),
            created_at=_when(item["created_at"]),
            based_on=revisions.get(item["based_on_version"]),
        )
        schedule.full_clean(exclude=["created_by"] if schedule.created_by is None else None)
        schedule.save()
    counts["offers"] += 1
    counts["versions"] += len(revisions)
    counts["scheduled_publishes"] += len(state["scheduled_publishes"])
