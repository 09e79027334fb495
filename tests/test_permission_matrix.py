"""The permission matrix: every URL pattern of the project × every actor × the methods the
URL uses, each cell's expected outcome written down below as data.

The list of URLs comes from the resolver (the admin's own patterns and every ModelAdmin's
get_urls included), so a new URL fails the suite until someone classifies it here. The admin
is for site administrators: an officer who opens any admin page is sent to the workspace. Every
address is filled with council A's objects. A POST that is refused must change nothing in
the database; the POST that is allowed must change something, so a broken request cannot
pass for a refusal. Text only council A may read (its working copy, its families' feedback,
its audit trail) must never reach anyone outside A, and the pages meant to show it do show
it to A, so that check cannot pass by showing nothing.

Outcomes, one per actor in the order of ACTORS:
  ok      GET: 200. POST: it took effect (the database changed, or the recipe's own check)
  login   a redirect to the admin's login page
  ws      a redirect to the workspace (an officer who opened an admin page)
  301/302 any other redirect
  200     (POST) answered 200, a form shown again with an error, and nothing changed
  403, 404, 405   that status
Every refused POST (anything but ok) must leave the database as it was.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import reverse

from offers.models import Offer

from .admin_helpers import form_data
from .matrix_helpers import (
    AUDIT_MARK,
    DRAFT_MARK,
    FEEDBACK_MARK,
    PASSWORD,
    PRIVATE_MARKS,
    RESPONSE_MARK,
    RESPONSE_QUOTE,
    address,
    all_routes,
    build_world,
    client_for,
    differences,
    snapshot,
)

ACTORS = (
    "anonymous",
    "editor_a",
    "approver_a",
    "editor_b",
    "approver_b",
    "site_admin",
    "inactive",  # was an approver of A; is_active is now False
    "removed",  # was an approver of A; membership deleted, still is_staff
)
OUTSIDERS = ("anonymous", "editor_b", "approver_b", "inactive", "removed")
OUTCOMES = {"ok", "login", "ws", "200", "301", "302", "403", "404", "405"}
OFFICERS = ("editor_a", "approver_a", "editor_b", "approver_b")

# What a URL is for; the rules in test_the_matrix_keeps_the_access_rules read these.
PUBLIC = "public"  # families' pages and the open data API: the same for everyone
TOKEN = "token"  # a preview link: whoever holds the token, logged in or not
ACCOUNT = "account"  # any staff user's own pages (login, password, admin home)
COUNCIL_A = "council A"  # one of council A's objects: A's officers and site admins
APPROVER_A = "approver A"  # publishing decisions on A's offer: A's approvers, site admins
SITE = "site"  # site administrators only (councils, people, helplines, jargon, read-only lists)
NOBODY = "nobody"  # read-only for everyone, site administrators too (offers, feedback, audit)
MISSING = "missing"  # the admin's answer to an address it does not have, once logged in


LOGIN_PAGE = resolve_url(settings.LOGIN_URL)  # the workspace's sign-in


@dataclass(frozen=True)
class Row:
    kind: str
    methods: dict  # "GET" / "POST" / "POST <variant>" -> eight outcomes, in ACTORS order
    query: str = ""  # added to the address (autocomplete's parameters, a feedback page)
    shows: str = ""  # a private mark A's allowed GETs must contain (the leak check's control)
    read_only: bool = False  # POST refused to everyone, site administrators included

    def outcome(self, method: str, actor: str) -> str:
        return self.methods[method].split()[ACTORS.index(actor)]


# The usual lines of the table. Columns, in ACTORS order:
#                       anon     ed_A  ap_A  ed_B  ap_B  admin inact.  removed
EVERYONE = "ok       ok    ok    ok    ok    ok    ok      ok"
# The admin: officers are sent to the workspace; a staff user with no membership left is not
# an officer, so the admin answers them itself (their own account pages, and 403 elsewhere).
STAFF = "login    ws    ws    ws    ws    ok    login   ok"
ADMINS = "login    ws    ws    ws    ws    ok    login   403"
NOT_EVEN_ADMINS = "login    ws    ws    ws    ws    403   login   403"
ANY_STAFF_REDIRECT = "login    ws    ws    ws    ws    302   login   302"
# The workspace: someone with no membership left is not an officer (403 before any council
# is looked up); another council's officer gets a 404, as if A had no workspace.
WORKSPACE_A = "login    ok    ok    404   404   ok    login   403"
WORKSPACE_APPROVERS_A = "login   403   ok    404   404   ok    login   403"
ONLY_POST = "405 405 405 405 405 405 405 405"


def public(**extra) -> Row:
    return Row(PUBLIC, {"GET": EVERYONE}, **extra)


def site_model(model: str) -> dict:
    """The pages of a model only site administrators manage."""
    return {
        f"admin:{model}_changelist": Row(SITE, {"GET": ADMINS, "POST delete_selected": ADMINS}),
        f"admin:{model}_add": Row(SITE, {"GET": ADMINS, "POST": ADMINS}),
        f"admin:{model}_history": Row(SITE, {"GET": ADMINS}),
        f"admin:{model}_delete": Row(SITE, {"GET": ADMINS, "POST": ADMINS}),
        f"admin:{model}_change": Row(SITE, {"GET": ADMINS, "POST": ADMINS}),
        f"admin:{model.replace('_', '/', 1)}/<path:object_id>/": Row(
            SITE, {"GET": ANY_STAFF_REDIRECT}
        ),
    }


def read_only_model(model: str, shows: str = "") -> dict:
    """A list site administrators read and nobody changes here (officers use the workspace)."""
    return {
        f"admin:{model}_changelist": Row(SITE, {"GET": ADMINS}, shows=shows),
        f"admin:{model}_add": Row(NOBODY, {"GET": NOT_EVEN_ADMINS, "POST": NOT_EVEN_ADMINS}),
        f"admin:{model}_history": Row(SITE, {"GET": ADMINS}),
        f"admin:{model}_delete": Row(NOBODY, {"GET": NOT_EVEN_ADMINS, "POST": NOT_EVEN_ADMINS}),
        f"admin:{model}_change": Row(
            SITE, {"GET": ADMINS, "POST": NOT_EVEN_ADMINS}, shows=shows, read_only=True
        ),
        f"admin:{model.replace('_', '/', 1)}/<path:object_id>/": Row(
            SITE, {"GET": ANY_STAFF_REDIRECT}
        ),
    }


MATRIX: dict[str, Row] = {
    # --- The open data API --------------------------------------------------------------
    "api_home": public(),
    "api_councils": public(),
    "api_offer": public(),
    "api_offer_version": public(),
    "api_allowances": public(),
    "api_national_schemes": public(),
    "api_families_told_us": public(),
    "api_oruk_root": public(),
    "api_oruk_services": public(),
    "api_oruk_service": public(),
    "api_oruk_service_at_locations": public(),
    "api_oruk_service_at_location": public(),
    "api_oruk_taxonomies": public(),
    "api_oruk_taxonomy": public(),
    "api_oruk_taxonomy_terms": public(),
    "api_oruk_taxonomy_term": public(),
    "api_openapi": public(),
    "api_oruk_schema": public(),
    "api_document_schema": public(),
    "api_not_found": Row(PUBLIC, {"GET": "404 404 404 404 404 404 404 404"}),
    # --- Families' pages ----------------------------------------------------------------
    "home": public(),
    "brand_css": public(),
    "offer_detail": public(),
    "offer_print": public(),
    "offer_leaflet": public(),
    "offer_changes": public(),
    "offer_changes_atom": public(),
    "offer_situations": public(),
    "council_search": public(query="?q=carers"),
    "compare": public(),
    "allowances_csv_all": public(),
    "services_csv_all": public(),
    "offer_allowances_csv": public(),
    "national_schemes_csv": public(),
    "offer_feedback": Row(PUBLIC, {"GET": EVERYONE, "POST": EVERYONE}, query="?page={anchor}"),
    "offer_feedback_thanks": public(query="?page={anchor}"),
    "offer_alerts": Row(PUBLIC, {"GET": EVERYONE, "POST": EVERYONE}),
    "offer_alerts_sent": public(),
    # The links in an alert email: whoever holds the signed link, logged in or not.
    "alert_confirm": Row(TOKEN, {"GET": EVERYONE, "POST": EVERYONE}),
    "alert_unsubscribe": Row(TOKEN, {"GET": EVERYONE, "POST": EVERYONE}),
    "accessibility": public(),
    "privacy": public(),
    "robots_txt": public(),
    "sitemap": public(),
    "healthz": public(),
    "offer_section": public(),
    "preview_link": Row(
        TOKEN, {"GET": EVERYONE, "POST": "405 405 405 405 405 405 405 405"}, shows=DRAFT_MARK
    ),
    "preview_link_page": Row(TOKEN, {"GET": EVERYONE}, shows=DRAFT_MARK),
    "offer_families_told_us": public(),
    "consultation": Row(TOKEN, {"GET": EVERYONE, "POST": EVERYONE}),
    "consultation_thanks": Row(TOKEN, {"GET": EVERYONE}),
    # --- The officers' workspace (offers.workspace) --------------------------------------
    "workspace:home": Row(ACCOUNT, {"GET": "login 302 302 302 302 ok login 403"}),
    "workspace:sign_in": Row(ACCOUNT, {"GET": "ok 302 302 302 302 302 ok 302"}),
    "workspace:sign_out": Row(ACCOUNT, {"GET": "405 405 405 405 405 405 405 405"}),
    "workspace:tasks": Row(COUNCIL_A, {"GET": WORKSPACE_A}, shows=DRAFT_MARK),
    # Council A has an offer, so its start page is gone: GET goes to the task list, and a
    # POST is a 404 (test_workspace_start shows it working for a council with none).
    "workspace:start": Row(
        MISSING,
        {
            "GET": "login 302 302 404 404 302 login 403",
            "POST": "login 404 404 404 404 404 login 403",
        },
    ),
    "workspace:about": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}, shows=DRAFT_MARK),
    "workspace:section_add": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:sections_order": Row(
        COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}, shows=DRAFT_MARK
    ),
    "workspace:section": Row(
        COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}, shows=DRAFT_MARK
    ),
    "workspace:section_details": Row(
        COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}, shows=DRAFT_MARK
    ),
    "workspace:section_remove": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:entry_undo": Row(
        COUNCIL_A, {"GET": "405 405 405 405 405 405 405 405", "POST": WORKSPACE_A}
    ),
    "workspace:entry_add": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:entry_change": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:entry_remove": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:check": Row(COUNCIL_A, {"GET": WORKSPACE_A}),
    "workspace:preview": Row(COUNCIL_A, {"GET": WORKSPACE_A}, shows=DRAFT_MARK),
    "workspace:preview_page": Row(COUNCIL_A, {"GET": WORKSPACE_A}, shows=DRAFT_MARK),
    "workspace:send": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:export": Row(COUNCIL_A, {"GET": WORKSPACE_A}, shows=DRAFT_MARK),
    "workspace:import": Row(
        COUNCIL_A, {"GET": WORKSPACE_A, "POST upload": WORKSPACE_A, "POST confirm": WORKSPACE_A}
    ),
    # Review: sending, approving, history, previews, fact check, audit and feedback
    "workspace:approvals": Row(
        APPROVER_A,
        {
            "GET": WORKSPACE_APPROVERS_A,
            "POST publish": WORKSPACE_APPROVERS_A,
            "POST schedule": WORKSPACE_APPROVERS_A,
            "POST send_back": WORKSPACE_APPROVERS_A,
        },
        shows=AUDIT_MARK,
    ),
    "workspace:schedule_cancel": Row(APPROVER_A, {"GET": ONLY_POST, "POST": WORKSPACE_APPROVERS_A}),
    "workspace:history": Row(COUNCIL_A, {"GET": WORKSPACE_A}),
    "workspace:compare": Row(COUNCIL_A, {"GET": WORKSPACE_A}, shows=DRAFT_MARK),
    "workspace:restore": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:version": Row(COUNCIL_A, {"GET": WORKSPACE_A}),
    "workspace:version_download": Row(COUNCIL_A, {"GET": WORKSPACE_A}),
    "workspace:version_page": Row(COUNCIL_A, {"GET": WORKSPACE_A}),
    "workspace:share": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:share_revoke": Row(COUNCIL_A, {"GET": ONLY_POST, "POST": WORKSPACE_A}),
    "workspace:fact_checks": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:audit": Row(COUNCIL_A, {"GET": WORKSPACE_A}, shows=AUDIT_MARK),
    "workspace:feedback_export": Row(COUNCIL_A, {"GET": WORKSPACE_A}, shows=FEEDBACK_MARK),
    "workspace:feedback": Row(
        COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}, shows=FEEDBACK_MARK
    ),
    # A fact-check link: whoever holds it, signed in or not (offers.views.fact_check)
    "fact_check": Row(TOKEN, {"GET": EVERYONE, "POST": EVERYONE}, shows=DRAFT_MARK),
    # Consultations (offers.workspace.consult)
    "workspace:consultations": Row(COUNCIL_A, {"GET": WORKSPACE_A}),
    "workspace:consultation_new": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:consultation": Row(COUNCIL_A, {"GET": WORKSPACE_A}, shows=RESPONSE_MARK),
    "workspace:consultation_close": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:consultation_theme_new": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:consultation_theme": Row(COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}),
    "workspace:consultation_theme_remove": Row(
        COUNCIL_A, {"GET": "405 405 405 405 405 405 405 405", "POST": WORKSPACE_A}
    ),
    "workspace:consultation_response": Row(
        COUNCIL_A, {"GET": WORKSPACE_A, "POST": WORKSPACE_A}, shows=RESPONSE_MARK
    ),
    "workspace:consultation_quote_remove": Row(
        COUNCIL_A, {"GET": "405 405 405 405 405 405 405 405", "POST": WORKSPACE_A}
    ),
    "workspace:consultation_publish": Row(
        APPROVER_A, {"GET": WORKSPACE_APPROVERS_A, "POST": WORKSPACE_APPROVERS_A}
    ),
    # --- The admin site's own pages (site administrators; officers go to the workspace) --
    "admin:index": Row(ACCOUNT, {"GET": STAFF}),
    "admin:login": Row(ACCOUNT, {"GET": "ok ws ws ws ws 302 ok 302"}),
    "admin:logout": Row(ACCOUNT, {"GET": "302 ws ws ws ws 405 302 405"}),
    "admin:password_change": Row(ACCOUNT, {"GET": STAFF, "POST": STAFF}),  # their own
    "admin:password_change_done": Row(ACCOUNT, {"GET": STAFF}),
    "admin:jsi18n": Row(ACCOUNT, {"GET": STAFF}),
    "admin:view_on_site": Row(ACCOUNT, {"GET": ANY_STAFF_REDIRECT}),  # a public address
    "admin:app_list": Row(SITE, {"GET": "login ws ws ws ws ok login 404"}),
    "admin:(?P<url>.*)$": Row(MISSING, {"GET": "login ws ws ws ws 404 login 404"}),
    "admin:autocomplete": Row(
        SITE,
        {"GET": ADMINS},
        query="?app_label=offers&model_name=membership&field_name=council&term=",
    ),
    # --- Every council's offers, feedback and audit trail, to read ----------------------
    **read_only_model("offers_offer", shows=DRAFT_MARK),
    **read_only_model("offers_feedback", shows=FEEDBACK_MARK),
    **read_only_model("offers_auditevent", shows=AUDIT_MARK),
    # --- Site administrators' pages -----------------------------------------------------
    **site_model("offers_council"),
    **site_model("offers_nationalhelpline"),
    **site_model("offers_jargonterm"),
    **site_model("offers_nationalscheme"),
    "admin:offers_nationalscheme_publish": Row(SITE, {"GET": ADMINS, "POST": ADMINS}),
    "admin:offers_nationalscheme_versions": Row(SITE, {"GET": ADMINS}),
    "admin:offers_nationalscheme_version": Row(SITE, {"GET": ADMINS}),
    **site_model("auth_user"),
    **site_model("auth_group"),
    "admin:auth_user_password_change": Row(SITE, {"GET": ADMINS, "POST": ADMINS}),
}


# --- What each POST sends ---------------------------------------------------------------------


@dataclass(frozen=True)
class Recipe:
    """The body of one POST, as the allowed actor's browser would send it.

    data(world) gives the fields; scrape first reads the form from the page itself (as a
    site administrator), and data's fields are then changed in it. took_effect says whether
    the request did what it is for; by default, whether the database changed.
    """

    data: object = field(default=lambda world: {})
    scrape: bool = False
    took_effect: object = None


def action(name: str, target: str = "offer_a", confirm: bool = False) -> Recipe:
    def data(world):
        chosen = getattr(world, target) if target != "section" else world.first_section()
        fields = {"action": name, "_selected_action": [chosen.pk], "index": "0"}
        return {**fields, "post": "yes"} if confirm else fields

    return Recipe(data)


def date_fields(name: str, day: datetime.date) -> dict:
    """A GOV.UK date input's three boxes."""
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


DELETE = Recipe(lambda world: {"post": "yes"})
NEW_PASSWORD = "Plover-Harbour-Lantern-61"


def _lock_version(world) -> str:
    return str(Offer.objects.get(pk=world.offer_a.pk).lock_version)


def shows_the_workspace_import_check(world, response, changes) -> bool:
    return response.status_code == 200 and "Check the file before it replaces" in (
        response.content.decode()
    )


RECIPES: dict[tuple[str, str], Recipe] = {
    # The workspace
    ("workspace:start", "POST"): Recipe(lambda world: {"start": "example"}),
    ("workspace:about", "POST"): Recipe(
        lambda world: {
            "title": "Renamed by the matrix",
            "introduction": "We help kinship families.",
            "lock_version": _lock_version(world),
            "completed": "yes",
        }
    ),
    ("workspace:section_add", "POST"): Recipe(
        lambda world: {"kind": "legal", "heading": "Added by the matrix", "summary": "New."}
    ),
    ("workspace:sections_order", "POST"): Recipe(
        lambda world: {"move": f"down:{world.first_section().key}"}
    ),
    ("workspace:section", "POST"): Recipe(lambda world: {"completed": "yes"}),
    ("workspace:section_details", "POST"): Recipe(
        lambda world: {"heading": "Changed by the matrix"}, scrape=True
    ),
    ("workspace:section_remove", "POST"): Recipe(lambda world: {"confirm": "yes"}),
    ("workspace:entry_undo", "POST"): Recipe(lambda world: {"removed": str(world.removed.pk)}),
    ("workspace:entry_add", "POST"): Recipe(
        lambda world: {
            "name": "Added by the matrix",
            "frequency": "weekly",
            **date_fields("applies_from", datetime.date(2026, 4, 1)),
            "bands-0-amount": "190.00",
        },
        scrape=True,
    ),
    ("workspace:entry_change", "POST"): Recipe(
        lambda world: {"name": "Changed by the matrix"}, scrape=True
    ),
    ("workspace:entry_remove", "POST"): Recipe(lambda world: {"confirm": "yes"}),
    ("workspace:send", "POST"): Recipe(lambda world: {"note": "Please check"}),
    ("workspace:import", "POST upload"): Recipe(
        lambda world: {
            "file": SimpleUploadedFile(
                "offer.json", world.import_file, content_type="application/json"
            )
        },
        took_effect=shows_the_workspace_import_check,
    ),
    ("workspace:import", "POST confirm"): Recipe(
        lambda world: {**world.import_confirm, "confirm": "1"}
    ),
    ("offer_feedback", "POST"): Recipe(
        lambda world: {"page": world.anchor, "useful": "no", "comment": "The matrix asks"}
    ),
    ("preview_link", "POST"): Recipe(),
    ("offer_alerts", "POST"): Recipe(lambda world: {"email": "new-matrix@family.example"}),
    ("alert_confirm", "POST"): Recipe(),
    ("alert_unsubscribe", "POST"): Recipe(),
    ("fact_check", "POST"): Recipe(lambda world: {"comment_1": "The phone number is old"}),
    # The workspace's review pages
    ("workspace:approvals", "POST publish"): Recipe(
        lambda world: {
            "action": "publish",
            "publish-summary": "Published by the matrix",
            "publish-review": "keep",
            **date_fields("publish-next_review_due", world.offer_a.next_review_due),
            "publish-cancel_schedule": "on",
            "publish-accept_gaps": "on",
        }
    ),
    ("workspace:approvals", "POST schedule"): Recipe(
        lambda world: {
            "action": "schedule",
            "schedule-summary": "Scheduled by the matrix",
            **date_fields(
                "schedule-publish_at", datetime.date.today() + datetime.timedelta(days=60)
            ),
            "schedule-publish_at_time": "9am",
            "schedule-accept_gaps": "on",
        }
    ),
    ("workspace:approvals", "POST send_back"): Recipe(
        lambda world: {"action": "send_back", "send_back-reason": "Needs work"}
    ),
    ("workspace:schedule_cancel", "POST"): Recipe(),
    ("workspace:restore", "POST"): Recipe(),
    ("workspace:share", "POST"): Recipe(),
    ("workspace:share_revoke", "POST"): Recipe(),
    ("workspace:fact_checks", "POST"): Recipe(
        lambda world: {"name": "Dr Example", "email": "gp@health.example", "section": "whole"}
    ),
    ("workspace:feedback", "POST"): Recipe(lambda world: {"handled": [world.feedback.pk]}),
    ("consultation", "POST"): Recipe(lambda world: {"answer-0": "The matrix answers"}),
    # Consultations
    ("workspace:consultation_new", "POST"): Recipe(
        lambda world: {
            "source": "live",
            **date_fields("closes_on", datetime.date.today() + datetime.timedelta(days=30)),
            "question_1": "What is missing?",
            "ask_about_sections": "on",
        }
    ),
    ("workspace:consultation_close", "POST"): Recipe(),
    ("workspace:consultation_theme_new", "POST"): Recipe(
        lambda world: {"title": "Added by the matrix"}
    ),
    ("workspace:consultation_theme", "POST"): Recipe(
        lambda world: {"title": "Changed by the matrix", "answer_kind": "will", "answer": "act."}
    ),
    ("workspace:consultation_response", "POST"): Recipe(
        lambda world: {"action": "quote", "theme": str(world.theme.pk), "text": RESPONSE_QUOTE}
    ),
    ("workspace:consultation_theme_remove", "POST"): Recipe(),
    ("workspace:consultation_quote_remove", "POST"): Recipe(),
    ("workspace:consultation_publish", "POST"): Recipe(),
    ("admin:password_change", "POST"): Recipe(
        lambda world: {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        }
    ),
    # Offers
    ("admin:offers_offer_add", "POST"): Recipe(lambda world: {"title": "Added in the admin"}),
    ("admin:offers_offer_delete", "POST"): DELETE,
    ("admin:offers_offer_change", "POST"): Recipe(lambda world: {"title": "Changed in the admin"}),
    ("admin:offers_feedback_add", "POST"): Recipe(lambda world: {"comment": "Forged"}),
    ("admin:offers_feedback_delete", "POST"): DELETE,
    ("admin:offers_feedback_change", "POST"): Recipe(lambda world: {"comment": "Edited"}),
    ("admin:offers_auditevent_add", "POST"): Recipe(lambda world: {"detail": "Forged"}),
    ("admin:offers_auditevent_delete", "POST"): DELETE,
    ("admin:offers_auditevent_change", "POST"): Recipe(lambda world: {"detail": "Forged"}),
    # Site administrators
    ("admin:offers_council_add", "POST"): Recipe(
        lambda world: {
            "name": "Dunmere Test Council",
            "slug": "dunmere-test",
            "gss_code": "E06900004",
            "region": "south_east",
            "website": "https://dunmere.example",
            "email": "kinship@dunmere.example",
            "phone": "0161 496 0004",
            "brand_colour": "#1d70b8",
        },
        scrape=True,
    ),
    ("admin:offers_council_change", "POST"): Recipe(
        lambda world: {"phone": "0161 496 0555"}, scrape=True
    ),
    ("admin:offers_nationalhelpline_add", "POST"): Recipe(
        lambda world: {"name": "Another line", "phone": "0161 496 0777"}, scrape=True
    ),
    ("admin:offers_nationalhelpline_change", "POST"): Recipe(
        lambda world: {"name": "Renamed line"}, scrape=True
    ),
    ("admin:offers_nationalscheme_add", "POST"): Recipe(
        lambda world: {
            "name": "Another national scheme",
            "summary": "Money for the child.",
            "how_to_apply": "Ask the office that runs it.",
            "source_url": "https://www.gov.example/another",
            **date_fields("checked_on", datetime.date(2026, 12, 1)),
            **date_fields("next_check_due", datetime.date(2027, 4, 6)),
        },
        scrape=True,
    ),
    ("admin:offers_nationalscheme_change", "POST"): Recipe(
        lambda world: {"name": "Renamed national scheme"}, scrape=True
    ),
    ("admin:offers_nationalscheme_publish", "POST"): Recipe(
        lambda world: {"summary": "Published by the matrix"}
    ),
    ("admin:offers_jargonterm_add", "POST"): Recipe(
        lambda world: {"term": "matrixword two", "plain_alternative": "plain words"},
        scrape=True,
    ),
    ("admin:offers_jargonterm_change", "POST"): Recipe(
        lambda world: {"plain_alternative": "plainer word"}, scrape=True
    ),
    ("admin:auth_user_add", "POST"): Recipe(
        lambda world: {
            "username": "newcomer",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        scrape=True,
    ),
    ("admin:auth_user_change", "POST"): Recipe(
        lambda world: {"first_name": "Renamed"}, scrape=True
    ),
    ("admin:auth_user_password_change", "POST"): Recipe(
        lambda world: {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, scrape=True
    ),
    ("admin:auth_group_add", "POST"): Recipe(lambda world: {"name": "New group"}, scrape=True),
    ("admin:auth_group_change", "POST"): Recipe(
        lambda world: {"name": "Renamed group"}, scrape=True
    ),
}
for _model, _target in (
    ("offers_council", "council_a"),
    ("offers_nationalhelpline", "helpline"),
    ("offers_jargonterm", "term"),
    ("offers_nationalscheme", "scheme"),
    ("auth_group", "group"),
):
    RECIPES[(f"admin:{_model}_changelist", "POST delete_selected")] = action(
        "delete_selected", _target, confirm=True
    )
    RECIPES[(f"admin:{_model}_delete", "POST")] = DELETE
RECIPES[("admin:auth_user_changelist", "POST delete_selected")] = Recipe(
    lambda world: {
        "action": "delete_selected",
        "_selected_action": [world.users["editor_a"].pk],
        "index": "0",
        "post": "yes",
    }
)
RECIPES[("admin:auth_user_delete", "POST")] = DELETE


# --- Cells whose real outcome differs from the rule (reported, kept visible) --------------------

_NO_DELETE = (
    "Site administrators cannot delete an offer or a council once it has audit trail entries "
    "(every publish writes one): Django asks for delete permission on the cascaded "
    "AuditEvent rows, which AuditEventAdmin refuses to everyone, so the POST answers 403"
)
SURPRISES: dict[tuple[str, str, str], str] = {
    ("admin:offers_council_delete", "POST", "site_admin"): _NO_DELETE,
    ("admin:offers_council_changelist", "POST delete_selected", "site_admin"): _NO_DELETE,
}


# --- The world, built once for the module -----------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Council A's objects and the cast, made once; each test runs in a savepoint of this
    transaction (pytest-django's db), so whatever a cell changes is undone after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
            built.scraped, built.before = {}, None
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


ROUTES = {route.key: route for route in all_routes()}


def cells():
    for key, row in MATRIX.items():
        for method in row.methods:
            for actor in ACTORS:
                marks = []
                if (key, method, actor) in SURPRISES:
                    reason = SURPRISES[(key, method, actor)]
                    marks.append(pytest.mark.xfail(strict=True, reason=reason))
                yield pytest.param(key, method, actor, marks=marks, id=f"{key}-{method}-{actor}")


def outcome_of(response, key: str = "") -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path in (reverse("admin:login"), LOGIN_PAGE):
            return "login"
        if key.startswith("admin:") and path == reverse("workspace:home"):
            return "ws"
    return str(response.status_code)


def post_data(world, key: str, method: str, url: str) -> dict:
    recipe = RECIPES[(key, method)]
    if not recipe.scrape:
        return recipe.data(world)
    if (key, method) not in world.scraped:
        page = client_for(world, "site_admin").get(url)
        assert page.status_code == 200, f"{key}: the form to fill answered {page.status_code}"
        world.scraped[(key, method)] = form_data(page)
    data = {name: list(values) for name, values in world.scraped[(key, method)].items()}
    return {**data, **recipe.data(world)}


def check_private_text(key: str, row: Row, actor: str, got: str, body: str) -> None:
    if actor in OUTSIDERS and row.kind != TOKEN:
        for mark in PRIVATE_MARKS:
            assert mark not in body, f"{key}: {actor} ({got}) was shown council A's {mark!r}"


@pytest.mark.parametrize("key, method, actor", list(cells()))
def test_cell(db, world, key, method, actor):
    row, route = MATRIX[key], ROUTES[key]
    expected = row.outcome(method, actor)
    url = address(world, route) + row.query.format(anchor=world.anchor)
    client = client_for(world, actor)

    if method == "GET":
        response = client.get(url)
        got = outcome_of(response, key)
        body = response.content.decode(errors="replace")
        assert got == "200" if expected == "ok" else got == expected, (
            f"GET {url} as {actor}: expected {expected}, got {got}"
        )
        check_private_text(key, row, actor, got, body)
        if row.shows and expected == "ok" and actor not in OUTSIDERS:
            assert row.shows in body, f"{key}: {actor} should see {row.shows!r} here"
        return

    data = post_data(world, key, method, url)
    # Every test starts from the world as built (the savepoint undoes each cell), so the
    # state before is the same for all of them and is read once.
    if world.before is None:
        world.before = snapshot(world)
    before = world.before
    response = client.post(url, data)
    after = snapshot(world)
    changes = differences(before, after)
    got = outcome_of(response, key)
    recipe = RECIPES[(key, method)]
    took_effect = (
        recipe.took_effect(world, response, changes) if recipe.took_effect else bool(changes)
    )
    check_private_text(key, row, actor, got, response.content.decode(errors="replace"))
    if expected == "ok":
        assert got not in {"login", "ws", "403", "404", "405"} and not got.startswith("5"), (
            f"{method} {url} as {actor}: expected it to work, got {got}"
        )
        assert took_effect, f"{method} {url} as {actor} ({got}) changed nothing"
    else:
        assert got == expected, f"{method} {url} as {actor}: expected {expected}, got {got}"
        assert not changes and not took_effect, (
            f"{method} {url} as {actor} was refused ({got}) but changed: {changes}"
        )


# --- The table itself -------------------------------------------------------------------------


def test_every_url_pattern_is_classified():
    """A URL added to the project fails here until its row is written in MATRIX."""
    found = set(ROUTES)
    unclassified = sorted(found - set(MATRIX))
    gone = sorted(set(MATRIX) - found)
    assert not unclassified, (
        f"New URL patterns: {unclassified}. Classify each in MATRIX in "
        "tests/test_permission_matrix.py: who may GET or POST it (and a RECIPE for each POST)."
    )
    assert not gone, f"MATRIX has rows for URL patterns that no longer exist: {gone}"


def test_every_post_in_the_matrix_has_a_recipe_and_every_recipe_a_post():
    posts = {
        (key, method) for key, row in MATRIX.items() for method in row.methods if method != "GET"
    }
    assert posts == set(RECIPES), (sorted(posts - set(RECIPES)), sorted(set(RECIPES) - posts))


def test_the_matrix_keeps_the_access_rules():
    """The expected outcomes themselves obey the rules, so a wrong row cannot hide a hole."""
    problems = []
    for key, row in MATRIX.items():
        for method, line in row.methods.items():
            outcomes = dict(zip(ACTORS, line.split(), strict=True))
            where = f"{key} {method}"
            if set(outcomes.values()) - OUTCOMES:
                problems.append(f"{where}: unknown outcome in {line!r}")
            if row.kind in (PUBLIC, TOKEN) and len(set(outcomes.values())) != 1:
                problems.append(f"{where}: a public page answers everyone alike")
                continue
            if row.kind in (PUBLIC, TOKEN):
                continue
            if (
                method != "GET"
                and "ok" not in outcomes.values()
                and {*outcomes.values()} - {"login", "ws", "403", "404", "405"}
            ):
                problems.append(f"{where}: a refusal by 200 or redirect needs an allowed control")
            for actor in ("editor_b", "approver_b"):
                if outcomes[actor] == "ok" and (
                    row.kind in (COUNCIL_A, APPROVER_A, SITE, NOBODY)
                    or (method != "GET" and row.kind != ACCOUNT)
                ):
                    problems.append(f"{where}: council B may {method} council A's {key}")
            for actor in ("anonymous", "inactive"):
                if outcomes[actor] == "ok" and key not in ("admin:login", "workspace:sign_in"):
                    problems.append(f"{where}: {actor} reaches an officers' page")
            if key.startswith("admin:") and any(outcomes[a] != "ws" for a in OFFICERS):
                problems.append(f"{where}: an officer who opens the admin goes to the workspace")
            if not key.startswith("admin:") and "ws" in outcomes.values():
                problems.append(f"{where}: only admin pages send officers to the workspace")
            if outcomes["removed"] == "ok" and row.kind != ACCOUNT:
                problems.append(f"{where}: a removed officer still reaches it")
            if row.kind in (APPROVER_A, SITE, NOBODY) and outcomes["editor_a"] == "ok":
                problems.append(f"{where}: an editor may do an approver's or admin's work")
            if row.kind == NOBODY or (row.read_only and method != "GET"):
                if outcomes["site_admin"] != "403":
                    problems.append(f"{where}: read-only for everyone, site admins too")
            elif outcomes["site_admin"] in {"login", "403", "404"} and row.kind != MISSING:
                problems.append(f"{where}: site administrators may do everything")
    assert not problems, "\n".join(problems)
