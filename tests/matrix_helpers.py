"""Helpers for the permission matrix (tests/test_permission_matrix.py): every URL pattern
of the project from the resolver, the fixed world the matrix runs in, and a snapshot of the
database to tell a refusal from a change."""

import datetime
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from django.apps import apps
from django.conf import settings
from django.contrib.admin import ModelAdmin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from offers import alerts, consultations, services
from offers.api.open_referral import (
    ARRANGEMENT_TAXONOMY_ID,
    arrangement_term_id,
    service_id,
    stable_id,
)
from offers.choices import Role
from offers.documents import document_for, document_to_json
from offers.entry_types import ENTRY_TYPES
from offers.fact_check import fact_check_send
from offers.forms import ImportConfirmForm, working_copy_fingerprint
from offers.models import (
    AlertSubscription,
    Allowance,
    Contact,
    JargonTerm,
    Membership,
    NationalHelpline,
    Offer,
    PeerGroup,
    RemovedItem,
    SocialWorkService,
    SupportService,
    TrainingCourse,
)
from offers.national_schemes import national_schemes_publish

from .conftest import publish
from .factories import (
    AllowanceFactory,
    ContactFactory,
    CouncilFactory,
    FeedbackFactory,
    MembershipFactory,
    NationalSchemeFactory,
    OfferFactory,
    PeerGroupFactory,
    SectionFactory,
    SocialWorkServiceFactory,
    SupportServiceFactory,
    TrainingCourseFactory,
    UserFactory,
)

PASSWORD = "test-password"  # tests.factories.UserFactory's

# Text only council A's officers (and site administrators) may ever see. A response to
# anyone else that contains one of these has leaked A's working copy, its families'
# feedback or its audit trail.
DRAFT_MARK = "Draftonly Quillwort"  # in A's working copy (title, a heading), never published
FEEDBACK_MARK = "Privatecomment Sedgewarbler"  # what a family told A
AUDIT_MARK = "Approvernote Bittercress"  # an A editor's note to A's approvers
RESPONSE_MARK = "Consultanswer Moonwort"  # what a family answered A's consultation
PRIVATE_MARKS = (DRAFT_MARK, FEEDBACK_MARK, AUDIT_MARK, RESPONSE_MARK)
RESPONSE_QUOTE = "short breaks in the holidays"  # the words of it an officer may quote


# --- Every URL pattern, from the resolver ----------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # "home", "admin:offers_council_change", or "admin:<route>" for an unnamed one
    name: str | None  # the name to reverse ("admin:offers_council_change"), None if unnamed
    route: str  # the whole pattern, "admin/offers/council/<path:object_id>/change/"
    params: tuple[str, ...]  # what the address needs: ("object_id",)
    regex: bool  # a re_path (only reversible by name)
    model_admin: ModelAdmin | None = field(default=None, compare=False)


def _model_admin_of(callback) -> ModelAdmin | None:
    """The ModelAdmin a view belongs to: Django marks its own views, and the admin_view()
    wrapper keeps the bound method of a ModelAdmin's custom ones."""
    while callback is not None:
        found = getattr(callback, "model_admin", None) or getattr(callback, "__self__", None)
        if isinstance(found, ModelAdmin):
            return found
        callback = getattr(callback, "__wrapped__", None)
    return None


def all_routes() -> list[Route]:
    """Every URL pattern of the project, the admin's and every ModelAdmin's included."""
    routes: list[Route] = []

    def walk(resolver, prefix: str, namespace: str, in_namespace: str, outer_params=()):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner, inner_path = namespace, in_namespace + str(pattern.pattern)
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                    inner_path = ""
                params = outer_params + tuple(pattern.pattern.regex.groupindex)
                walk(pattern, prefix + str(pattern.pattern), inner, inner_path, params)
                continue
            assert isinstance(pattern, URLPattern)
            own = in_namespace + str(pattern.pattern)
            qualified = f"{namespace}:{pattern.name}" if namespace else pattern.name
            # An unnamed pattern is known by its address within its namespace.
            key = qualified if pattern.name else f"{namespace}:{own}" if namespace else own
            routes.append(
                Route(
                    key=key,
                    name=qualified if pattern.name else None,
                    route=prefix + str(pattern.pattern),
                    params=outer_params + tuple(pattern.pattern.regex.groupindex),
                    regex=not isinstance(pattern.pattern, RoutePattern),
                    model_admin=_model_admin_of(pattern.callback),
                )
            )

    walk(get_resolver(), "", "", "")
    return routes


# --- The world: council A's objects, council B, and a logged-in session per actor ------------

ENTRY_FACTORIES = {
    Allowance: AllowanceFactory,
    SocialWorkService: SocialWorkServiceFactory,
    SupportService: SupportServiceFactory,
    TrainingCourse: TrainingCourseFactory,
    PeerGroup: PeerGroupFactory,
    Contact: ContactFactory,
}


@dataclass
class World:
    """Council A's objects (every URL's arguments come from these) and the actors."""

    council_a: object
    council_b: object
    council_c: object  # no offer yet: what a site administrator may add one for
    offer_a: object
    offer_b: object
    sections: dict  # entry type key -> A's section holding one entry of that type
    users: dict  # actor -> user (None for anonymous)
    sessions: dict  # actor -> session key (None for anonymous)
    schedule: object
    link: object
    token: str
    feedback: object
    event: object
    helpline: object
    scheme: object  # a national scheme in published version 1, edited since
    term: object
    group: object
    anchor: str  # the page (section anchor) of A's first section, live and in the copy
    oruk_id: str  # an Open Referral service of A's live version
    oruk_place_id: str  # an Open Referral service at a location of A's live version
    import_file: bytes  # A's working copy with one heading changed, as an export file
    import_confirm: dict  # the import page's confirm step for that file
    # The links in an email alert's confirmation email, for an address of A's not confirmed.
    alert_confirm_token: str = ""
    alert_unsubscribe_token: str = ""
    removed: object = None  # an entry removed from A's first section, which "Undo" puts back
    fact_check_token: str = ""  # the link of a fact check of A's whole working copy
    # A's open consultation (one answer, one answered theme, one quote of the answer); an
    # earlier one's result is published, so "What families told us" exists.
    consultation: object = None
    consultation_token: str = ""
    theme: object = None
    response: object = None
    quote: object = None

    def first_section(self):
        return self.sections[ENTRY_TYPES[0].key]


def _login(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def build_world() -> World:
    council_a = CouncilFactory(
        name="Ashdown Test Council", slug="ashdown-test", gss_code="E06900001"
    )
    council_b = CouncilFactory(
        name="Brackenford Test Council", slug="brackenford-test", gss_code="E06900002"
    )
    council_c = CouncilFactory(name="Carrow Test Council", slug="carrow-test", gss_code="E06900003")

    def member(name, council, role):
        return MembershipFactory(council=council, user=UserFactory(username=name), role=role).user

    users = {
        "anonymous": None,
        "editor_a": member("editor-a", council_a, Role.EDITOR),
        "approver_a": member("approver-a", council_a, Role.APPROVER),
        "editor_b": member("editor-b", council_b, Role.EDITOR),
        "approver_b": member("approver-b", council_b, Role.APPROVER),
        "site_admin": UserFactory(username="site-admin", is_superuser=True),
        "inactive": member("inactive-approver-a", council_a, Role.APPROVER),
        "removed": member("removed-approver-a", council_a, Role.APPROVER),
    }
    editor_a, approver_a = users["editor_a"], users["approver_a"]

    # A's offer: one section per entry type, each with one entry of that type.
    offer_a = OfferFactory(council=council_a, title="Ashdown test offer")
    sections = {}
    for order, entry_type in enumerate(ENTRY_TYPES):
        kind = sorted(entry_type.section_kinds)[0]
        section = SectionFactory(
            offer=offer_a, kind=kind, order=order, heading=f"A section for {entry_type.noun}"
        )
        # A peer group with a venue is an Open Referral service at a location.
        extra = {"venue": "Ashdown Library"} if entry_type.key == "peer_groups" else {}
        ENTRY_FACTORIES[entry_type.model](section=section, **extra)
        sections[entry_type.key] = section
    publish(offer_a, approver_a, "First")
    first = sections[ENTRY_TYPES[0].key]
    first.heading = "Money for kinship carers"
    first.save()
    live = publish(offer_a, approver_a, "Second")
    # The working copy now differs from the live version 2 by a heading nobody outside A
    # may read; version 1 differs from both, so a rollback to it changes something.
    first.heading = f"Money for kinship carers {DRAFT_MARK}"
    first.save()
    Offer.objects.filter(pk=offer_a.pk).update(title=f"Ashdown test offer {DRAFT_MARK}")
    offer_a.refresh_from_db()

    offer_b = OfferFactory(council=council_b, title="Brackenford test offer")
    AllowanceFactory(section=SectionFactory(offer=offer_b, heading="Money for carers B"))
    publish(offer_b, users["approver_b"], "B")

    services.offer_submit(offer=offer_a, by=editor_a, note=AUDIT_MARK)
    event = offer_a.audit_events.get(detail=AUDIT_MARK)
    schedule = services.offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="Scheduled",
        publish_at=timezone.now() + datetime.timedelta(days=30),
        accept_gaps=True,
    )
    link = services.preview_link_create(offer=offer_a, by=editor_a)
    anchor = next(s["anchor"] for s in live.content["sections"] if s["key"] == str(first.key))
    feedback = FeedbackFactory(
        council=council_a,
        revision=live,
        section_anchor=anchor,
        section_heading="Money for kinship carers",
        comment=FEEDBACK_MARK,
    )
    support, group = (
        next(entry for section in live.content["sections"] for entry in section[entry_type])
        for entry_type in ("support_services", "peer_groups")
    )

    removed = RemovedItem.objects.create(
        offer=offer_a,
        section_key=first.key,
        entry_type="support_services",
        name="Removed by the matrix",
        content={
            "key": "7d1c3a52-6c1e-4d0b-9a57-3f3f1f7d0b11",
            "title": "Removed by the matrix",
            "description": "",
            "provider": "",
            "cost": "Free",
            "how_to_get": "",
            "arrangement_types": [],
        },
    )

    changed = document_for(offer_a.pk)
    changed["sections"][-1]["heading"] = "Heading changed by an import"
    checked = services.offer_import_check(offer=offer_a, document=changed)
    offer_a.refresh_from_db()
    import_confirm = {
        "document": ImportConfirmForm.document_text(checked),
        "lock_version": str(offer_a.lock_version),
        "working_copy": working_copy_fingerprint(document_for(offer_a.pk)),
    }
    waiting = AlertSubscription.objects.create(council=council_a, email="matrix@family.example")
    fact_check = fact_check_send(
        offer=offer_a, by=editor_a, name="Matrix checker", email="checker@health.example"
    )
    scheme = NationalSchemeFactory(name="Matrix national scheme")
    national_schemes_publish(by=users["site_admin"], summary="First national list")
    scheme.summary = "Changed since version 1, so publishing again changes something."
    scheme.save()
    consultation_parts = _consultations_of_a(council_a, editor_a, approver_a)
    sessions = {actor: _login(user) for actor, user in users.items() if user is not None}
    sessions["anonymous"] = None
    # Logged in while they could, then switched off or taken off council A.
    get_user_model().objects.filter(pk=users["inactive"].pk).update(is_active=False)
    Membership.objects.filter(user=users["removed"]).delete()

    return World(
        council_a=council_a,
        council_b=council_b,
        council_c=council_c,
        offer_a=offer_a,
        offer_b=offer_b,
        sections=sections,
        users=users,
        sessions=sessions,
        schedule=schedule,
        link=link,
        token=services.preview_link_token(link=link),
        feedback=feedback,
        event=event,
        helpline=NationalHelpline.objects.create(name="Matrix kinship line", phone="0161 496 0999"),
        scheme=scheme,
        term=JargonTerm.objects.create(term="matrixword", plain_alternative="plain word"),
        group=Group.objects.create(name="Matrix group"),
        anchor=anchor,
        oruk_id=service_id(council_a.gss_code, support["key"]),
        oruk_place_id=stable_id(
            "service-at-location", service_id(council_a.gss_code, group["key"])
        ),
        import_file=document_to_json(changed).encode(),
        import_confirm=import_confirm,
        alert_confirm_token=_last_part(alerts.confirm_url(waiting)),
        alert_unsubscribe_token=_last_part(alerts.unsubscribe_url(waiting)),
        removed=removed,
        fact_check_token=fact_check.token,
        **consultation_parts,
    )


def _last_part(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def _consultations_of_a(council_a, editor_a, approver_a) -> dict:
    def opened():
        return consultations.consultation_open(
            council=council_a,
            by=editor_a,
            source="live",
            closes_on=timezone.localdate() + datetime.timedelta(days=30),
            questions=list(consultations.DEFAULT_QUESTIONS),
        )

    def answered_theme(consultation):
        return consultations.theme_save(
            consultation=consultation,
            by=editor_a,
            title="Families asked about short breaks",
            answer_kind="will",
            answer="add a section on short breaks.",
        )

    earlier = opened()
    answered_theme(earlier)
    consultations.result_publish(consultation=earlier, by=approver_a)
    consultation = opened()
    theme = answered_theme(consultation)
    response = consultations.response_record(
        consultation=consultation,
        respondent="carer",
        answers=[f"{RESPONSE_MARK} wants {RESPONSE_QUOTE}", ""],
        sections={},
        client_key="matrix",
    )
    quote = consultations.quote_add(
        response=response, theme=theme, by=editor_a, text=RESPONSE_QUOTE
    )
    return {
        "consultation": consultation,
        "consultation_token": consultations.consultation_token(consultation),
        "theme": theme,
        "response": response,
        "quote": quote,
    }


_CLIENTS: dict[str, Client] = {}


def client_for(world: World, actor: str) -> Client:
    """A client carrying only the actor's session (logged in once, when the world was built).

    One client per actor for the whole run: a new client loads the middleware again, and
    WhiteNoise's scan of the static files then costs more than most requests.
    """
    client = _CLIENTS.setdefault(actor, Client(raise_request_exception=False))
    client.cookies = SimpleCookie()
    if world.sessions[actor]:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[actor]
    return client


# --- Addresses: each URL filled with council A's objects -------------------------------------


def admin_object(world: World, model):
    """Council A's object of a ModelAdmin's model (a user of A, the shared helpline...)."""
    objects = {
        "offers.offer": world.offer_a,
        "offers.feedback": world.feedback,
        "offers.auditevent": world.event,
        "offers.council": world.council_a,
        "offers.nationalhelpline": world.helpline,
        "offers.nationalscheme": world.scheme,
        "offers.jargonterm": world.term,
        "auth.user": world.users["editor_a"],
        "auth.group": world.group,
    }
    label = model._meta.label_lower
    assert label in objects, f"No object of council A for the admin of {label}: add one"
    return objects[label]


def url_arguments(world: World, route: Route) -> dict:
    values = {
        "slug": world.council_a.slug,
        "council": world.council_a.slug,
        "anchor": world.anchor,
        "page": world.anchor,
        "version": 1,
        "schedule_id": world.schedule.pk,
        "link_id": world.link.pk,
        "token": world.token,
        "confirm_token": world.alert_confirm_token,
        "unsubscribe_token": world.alert_unsubscribe_token,
        "check_token": world.fact_check_token,
        "colour": world.council_a.brand_colour.lstrip("#"),
        "service_id": world.oruk_id,
        "service_at_location_id": world.oruk_place_id,
        "taxonomy_id": ARRANGEMENT_TAXONOMY_ID,
        "term_id": arrangement_term_id("sgo"),
        "id": world.users["editor_a"].pk,
        "app_label": "offers",
        "rest": "no-such-thing/",
        "url": "no-such-page/",
        "content_type_id": ContentType.objects.get_for_model(world.council_a).pk,
        "section_key": world.first_section().key,
        "entry_type": ENTRY_TYPES[0].key,
        "entry_key": getattr(world.first_section(), ENTRY_TYPES[0].key).get().key,
        "part": "introduction",
        "consultation_id": world.consultation.pk,
        "consultation_token": world.consultation_token,
        "theme_id": world.theme.pk,
        "response_id": world.response.pk,
        "quote_id": world.quote.pk,
    }
    kwargs = {}
    for param in route.params:
        if param == "object_id":
            if route.model_admin is not None:
                kwargs[param] = admin_object(world, route.model_admin.model).pk
            else:  # view_on_site: the content type's object
                kwargs[param] = world.council_a.pk
        else:
            assert param in values, f"{route.key}: no value for the URL argument {param!r}"
            kwargs[param] = values[param]
    return kwargs


def address(world: World, route: Route) -> str:
    kwargs = url_arguments(world, route)
    if route.name:
        return reverse(route.name, kwargs=kwargs)
    fill = lambda match: str(kwargs[match.group(1)])  # noqa: E731
    if route.regex:  # only simple ones: "admin/(?P<url>.*)$"
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", fill, route.route).replace("^", "").rstrip("$")
    else:
        path = re.sub(r"<(?:\w+:)?(\w+)>", fill, route.route)
    match = resolve("/" + path)
    assert match.route == route.route, f"{route.key}: /{path} is {match.route}, not this URL"
    return "/" + path


# --- What the database holds ---------------------------------------------------------------

# Not what anyone changes through a page: sessions (logging in and out), sign-in
# throttling, and Django's own tables of content types and permissions.
UNWATCHED_APPS = {"sessions", "axes", "contenttypes"}
UNWATCHED_MODELS = {"auth.permission"}


def snapshot(world: World) -> dict:
    """Every row of every watched model, and council A's document as publishing reads it."""
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in UNWATCHED_APPS or label in UNWATCHED_MODELS:
            continue
        state[label] = list(model.objects.order_by("pk").values())
    state["document of A"] = document_for(world.offer_a.pk)
    return state


def differences(before: dict, after: dict) -> list[str]:
    """What changed between two snapshots, in words: ["offers.offerrevision: 3 -> 4 rows"]."""
    changed = []
    for name in before:
        if before[name] == after[name]:
            continue
        if isinstance(before[name], list) and len(before[name]) != len(after[name]):
            changed.append(f"{name}: {len(before[name])} -> {len(after[name])} rows")
        else:
            changed.append(f"{name} changed")
    return changed
