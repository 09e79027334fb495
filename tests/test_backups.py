"""export_all writes a backup of everything; import_all restores it into an empty database,
after which every public page is the same to the byte."""

import datetime
import json
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from offers import backups, demo, flood, services
from offers.documents import document_for
from offers.models import (
    AuditEvent,
    Council,
    Membership,
    NationalHelpline,
    Offer,
    OfferStatus,
    ScheduledPublish,
    ScheduleStatus,
)

from .conftest import publish
from .factories import (
    AllowanceFactory,
    CouncilFactory,
    MembershipFactory,
    SectionFactory,
    UserFactory,
)

User = get_user_model()


def _quiet(*args):
    call_command(*args, stdout=StringIO(), stderr=StringIO())


def _seed_the_demo_and_more():
    """The demo, plus what it lacks: a pending schedule, a sent-back offer, an inactive
    council, an officer who is not staff and a hidden helpline."""
    with override_settings(DEBUG=True):
        _quiet("seed_demo")
    ashdown = Offer.objects.get(council__slug="ashdown")
    ashdown.title = "Ashdown's offer, next month"
    ashdown.save()
    services.offer_schedule(
        offer=ashdown,
        by=User.objects.get(username="ashdown-approver"),
        summary="New title next month",
        publish_at=timezone.now() + datetime.timedelta(days=30),
        accept_gaps=True,
    )
    Offer.objects.filter(council__slug="brackenford").update(
        status=OfferStatus.DRAFT, rejection_reason="Check the rates"
    )
    Council.objects.filter(slug="coldmere").update(is_active=False)
    Council.objects.create(
        name="Hollinford Council",
        slug="hollinford",
        gss_code="E06900199",
        region="london",
        brand_colour="#0b0c0c",
        is_active=False,
    )
    User.objects.filter(username="brackenford-editor").update(is_staff=False)
    NationalHelpline.objects.create(
        name="Hidden line", phone="0161 496 0991", order=5, is_active=False
    )


def _public_urls() -> list[str]:
    urls = ["/", "/search/"]
    for council in Council.objects.order_by("slug"):
        slug = council.slug
        urls += [
            reverse("offer_detail", args=[slug]),
            reverse("offer_detail", args=[slug]) + "?for=sgo",
            reverse("offer_situations", args=[slug]),
            reverse("offer_print", args=[slug]),
            reverse("offer_changes", args=[slug]),
            reverse("offer_changes_atom", args=[slug]),
        ]
        offer = Offer.objects.filter(council=council).select_related("published_revision").first()
        revision = offer.published_revision if offer else None
        for section in revision.content["sections"] if revision else []:
            urls.append(reverse("offer_section", args=[slug, section["anchor"]]))
            urls.append(reverse("offer_section", args=[slug, section["anchor"]]) + "?for=cao")
    return urls


def _pages(client, urls) -> dict[str, tuple[int, bytes]]:
    for cache in ("default", "pages"):
        caches[cache].clear()  # rendered now, from the database, not kept from before
    # Every page of the site made afresh at once: not what the render limit is for.
    with mock.patch.object(flood, "RENDERS_PER_MINUTE", 10**9):
        return {url: (r.status_code, r.content) for url in urls for r in [client.get(url)]}


def _use_up_ids():
    """Rows made from now on get other ids than before: a page showing an id would differ."""
    council = CouncilFactory(slug="throwaway", gss_code="E06900198")
    offer = AllowanceFactory(section=SectionFactory(offer__council=council)).section.offer
    MembershipFactory(council=council, user=UserFactory(username="throwaway"))
    services.offer_publish(
        offer=offer,
        by=UserFactory(username="throwaway-admin", is_superuser=True),
        summary="x",
        accept_gaps=True,
    )
    helpline = NationalHelpline.objects.create(name="x", phone="0161 496 0992")
    Council.objects.all().delete()
    User.objects.all().delete()
    helpline.delete()


def _files(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def _flush():
    call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_after_export_flush_and_import_every_public_page_is_byte_identical(client, tmp_path):
    _seed_the_demo_and_more()
    urls = _public_urls()
    before = _pages(client, urls)
    assert sum(status == 200 for status, _ in before.values()) >= 30

    _quiet("export_all", str(tmp_path / "backup"))
    _flush()
    _use_up_ids()
    assert not Council.objects.exists()
    _quiet("import_all", str(tmp_path / "backup"))

    after = _pages(client, urls)
    assert [url for url in urls if after[url] != before[url]] == []


@pytest.mark.django_db(transaction=True)
def test_export_import_export_gives_the_same_files_but_the_manifests_time(tmp_path):
    _seed_the_demo_and_more()
    _quiet("export_all", str(tmp_path / "first"))
    _flush()
    _quiet("import_all", str(tmp_path / "first"))
    _quiet("export_all", str(tmp_path / "second"))

    first, second = _files(tmp_path / "first"), _files(tmp_path / "second")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == ["manifest.json"]
    manifests = [json.loads(files["manifest.json"]) for files in (first, second)]
    for manifest in manifests:
        del manifest["exported_at"]
    assert manifests[0] == manifests[1]


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_versions_working_copies_people_and_schedules(tmp_path):
    _seed_the_demo_and_more()

    def snapshot():
        return {
            "councils": list(
                Council.objects.order_by("slug").values(
                    "name",
                    "slug",
                    "gss_code",
                    "region",
                    "website",
                    "email",
                    "phone",
                    "brand_colour",
                    "is_active",
                )
            ),
            "users": list(
                User.objects.order_by("username").values_list(
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                )
            ),
            "memberships": sorted(
                Membership.objects.values_list("user__username", "council__slug", "role")
            ),
            "helplines": list(
                NationalHelpline.objects.order_by("order", "name").values(
                    "name", "description", "phone", "website", "opening_hours", "order", "is_active"
                )
            ),
            "offers": {
                offer.council.slug: (
                    document_for(offer.pk),
                    offer.status,
                    offer.rejection_reason,
                    offer.published_revision.version if offer.published_revision else None,
                    list(
                        offer.revisions.order_by("version").values_list(
                            "version",
                            "content",
                            "summary",
                            "published_at",
                            "published_by__username",
                        )
                    ),
                )
                for offer in Offer.objects.select_related("council", "published_revision")
            },
            "schedules": list(
                ScheduledPublish.objects.filter(status=ScheduleStatus.PENDING).values_list(
                    "offer__council__slug",
                    "content",
                    "summary",
                    "publish_at",
                    "created_at",
                    "created_by__username",
                    "based_on__version",
                )
            ),
        }

    before = snapshot()
    assert len(before["schedules"]) == 1
    _quiet("export_all", str(tmp_path / "backup"))
    _flush()
    _quiet("import_all", str(tmp_path / "backup"))

    assert snapshot() == before
    assert not AuditEvent.objects.exists()  # the audit trail is not in a backup (README)


@pytest.mark.django_db(transaction=True)
def test_a_restored_scheduled_publish_still_runs_and_search_finds_the_live_text(tmp_path):
    _seed_the_demo_and_more()
    schedule = ScheduledPublish.objects.get()
    _quiet("export_all", str(tmp_path / "backup"))
    _flush()
    _quiet("import_all", str(tmp_path / "backup"))

    [revision] = services.scheduled_publish_due(
        now=schedule.publish_at + datetime.timedelta(minutes=1)
    )
    assert revision.version == 3
    assert revision.content["offer"]["title"] == "Ashdown's offer, next month"


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_no_password_hashes_and_restored_logins_cannot_log_in(tmp_path, client):
    _seed_the_demo_and_more()
    hashes = list(User.objects.values_list("password", flat=True))
    _quiet("export_all", str(tmp_path / "backup"))

    text = b"".join(_files(tmp_path / "backup").values()).decode()
    assert '"password"' not in text
    assert not any(h.split("$")[-1] in text for h in hashes)

    _flush()
    _quiet("import_all", str(tmp_path / "backup"))
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert not client.login(username="ashdown-approver", password=demo.DEMO_PASSWORD)


@pytest.mark.django_db
def test_import_refuses_a_database_that_has_a_council_and_changes_nothing(tmp_path, offer_a):
    _quiet("export_all", str(tmp_path / "backup"))
    users_before = User.objects.count()

    with pytest.raises(CommandError, match="has councils already"):
        _quiet("import_all", str(tmp_path / "backup"))

    assert Council.objects.count() == 1
    assert User.objects.count() == users_before


@pytest.mark.django_db
def test_import_refuses_a_login_that_exists_already(tmp_path, officer_a):
    _quiet("export_all", str(tmp_path / "backup"))
    Council.objects.all().delete()

    with pytest.raises(CommandError, match="These logins exist already: officer-a"):
        _quiet("import_all", str(tmp_path / "backup"))
    assert not Council.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_changed_file_before_writing_anything(tmp_path, offer_a, approver_a):
    publish(offer_a, approver_a, "First")
    backup = tmp_path / "backup"
    _quiet("export_all", str(backup))
    Council.objects.all().delete()
    User.objects.all().delete()
    version = backup / "offers" / "ashdown-test" / "versions" / "1.json"
    version.write_text(version.read_text().replace("Ashdown test offer", "Tampered offer"))

    with pytest.raises(CommandError, match="versions/1.json has changed since the backup"):
        _quiet("import_all", str(backup))
    assert not Council.objects.exists()
    assert not User.objects.exists()

    version.write_text(version.read_text().replace("Tampered offer", "Ashdown test offer"))
    _quiet("import_all", str(backup))  # the same backup, unchanged, restores
    assert Offer.objects.get().published_revision.content["offer"]["title"] == (
        "Ashdown test offer"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: (d / "councils.json").unlink(), "councils.json is missing"),
        (lambda d: (d / "manifest.json").unlink(), "has no manifest.json"),
        (
            lambda d: _edit_manifest(d, lambda m: m["files"].update({"../outside.json": "0"})),
            "outside the backup",
        ),
        (lambda d: _edit_manifest(d, lambda m: m.update(format=99)), "format is 99"),
    ],
    ids=["file-missing", "no-manifest", "path-outside", "unknown-format"],
)
def test_import_refuses_a_broken_backup_with_a_clear_message(tmp_path, offer_a, change, message):
    backup = tmp_path / "backup"
    _quiet("export_all", str(backup))
    Council.objects.all().delete()
    change(backup)

    with pytest.raises(CommandError, match=message):
        _quiet("import_all", str(backup))
    assert not Council.objects.exists()


def _edit_manifest(directory: Path, edit):
    manifest = json.loads((directory / "manifest.json").read_text())
    edit(manifest)
    (directory / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.django_db
def test_export_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        _quiet("export_all", str(tmp_path))


@pytest.mark.django_db
def test_the_working_copy_and_versions_are_the_documents_export_offer_writes(
    tmp_path, offer_a, approver_a
):
    publish(offer_a, approver_a, "First")
    _quiet("export_all", str(tmp_path / "backup"))
    _quiet("export_offer", "ashdown-test", "-o", str(tmp_path / "live.json"))
    _quiet("export_offer", "ashdown-test", "--working-copy", "-o", str(tmp_path / "draft.json"))

    folder = tmp_path / "backup" / "offers" / "ashdown-test"
    assert (folder / "versions" / "1.json").read_bytes() == (tmp_path / "live.json").read_bytes()
    assert (folder / "working-copy.json").read_bytes() == (tmp_path / "draft.json").read_bytes()


def test_every_model_is_either_backed_up_or_left_out_for_a_stated_reason():
    models = {model.__name__ for model in apps.get_app_config("offers").get_models()}
    classified = backups.BACKED_UP.keys() | backups.NOT_BACKED_UP.keys()
    assert models - classified == set(), "say in offers/backups.py what a backup does with it"
    assert classified - models == set()
    assert backups.BACKED_UP.keys() & backups.NOT_BACKED_UP.keys() == set()


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_the_national_schemes_and_their_published_versions(tmp_path):
    from offers.models import NationalScheme, NationalSchemesVersion
    from offers.national_schemes import national_schemes_publish

    from .factories import NationalSchemeFactory

    CouncilFactory(slug="ashdown-test", gss_code="E06900001")
    admin = UserFactory(username="schemes-admin", is_superuser=True)
    scheme = NationalSchemeFactory(name="Guardian payment", council_gss_codes=["E06000035"])
    national_schemes_publish(by=admin, summary="First list")
    scheme.name = "Guardian payment, renamed"
    scheme.save()  # an edit not yet published is kept as it is
    national_schemes_publish(by=admin, summary="Renamed")
    scheme.admin_note = "Check in April"
    scheme.save()
    rows_before = list(NationalScheme.objects.values())
    versions_before = list(
        NationalSchemesVersion.objects.order_by("number").values(
            "number", "summary", "published_at", "document", "published_by__username"
        )
    )

    _quiet("export_all", str(tmp_path / "backup"))
    _flush()
    assert not NationalScheme.objects.exists()
    _quiet("import_all", str(tmp_path / "backup"))

    restored = list(NationalScheme.objects.values())
    for row in rows_before + restored:
        del row["id"]
    assert restored == rows_before
    assert (
        list(
            NationalSchemesVersion.objects.order_by("number").values(
                "number", "summary", "published_at", "document", "published_by__username"
            )
        )
        == versions_before
    )
