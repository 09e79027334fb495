"""What a new officer tripped over, each fixed (issue 10, point 5; issue 19 moved the officers'
pages to the workspace): GOV.UK date inputs and plausible dates, a council's address name and
its old addresses, the review date on the approvals page, an entry removed by someone else,
https:// for web addresses, a scheduled publish on the approvals page, and no link to a 403.
Cast: an editor and an approver of council A, an editor of council B, a site administrator."""

import datetime
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from offers import services
from offers.documents import document_for
from offers.models import (
    Allowance,
    AuditAction,
    AuditEvent,
    Council,
    CouncilSlugRedirect,
    NationalHelpline,
    OfferRevision,
    ScheduledPublish,
    ScheduleStatus,
    SectionKind,
    TrainingCourse,
)
from offers.schema import DocumentError
from offers.validators import years_after

from .admin_helpers import form_data, resubmit
from .conftest import publish
from .factories import (
    AllowanceFactory,
    ContactFactory,
    CouncilFactory,
    FeedbackFactory,
    OfferFactory,
    PeerGroupFactory,
    SectionFactory,
    TrainingCourseFactory,
)

pytestmark = pytest.mark.django_db


def ws(name: str, offer, *args) -> str:
    return reverse(f"workspace:{name}", args=[offer.council.slug, *args])


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def today():
    return timezone.localdate()


def post_form(client, url: str, **changes):
    """Post a workspace form as its page has it, with some fields changed."""
    data = {k: v for k, v in form_data(client.get(url)).items() if k != "add_band"}
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data)


# --- 2. Dates: the GOV.UK date input, and dates an offer could mean ----------------------------


def _manager(client, offer, **changes):
    return post_form(client, ws("about", offer, "manager"), completed="yes", **changes)


def test_officer_saves_dates_typed_in_three_boxes(client_a, offer_a):
    response = _manager(
        client_a,
        offer_a,
        last_reviewed_day="2",
        last_reviewed_month="June",
        last_reviewed_year="2026",
        next_review_due_day="02",
        next_review_due_month="6",
        next_review_due_year="2027",
    )
    assert response.status_code == 302
    offer_a.refresh_from_db()
    assert offer_a.last_reviewed == datetime.date(2026, 6, 2)
    assert offer_a.next_review_due == datetime.date(2027, 6, 2)


@pytest.mark.parametrize(
    "day, month, year, message",
    [
        ("", "4", "2026", "must include a day"),
        ("1", "", "2026", "must include a month"),
        ("1", "4", "", "must include a year"),
        ("", "", "2026", "must include a day and month"),
        ("31", "2", "2026", "Enter a real"),
        ("1", "13", "2026", "Enter a real"),
        ("first", "4", "2026", "Enter a real"),
        ("1", "4", "26", "must include 4 numbers"),
    ],
)
def test_a_date_that_is_not_whole_or_real_gets_the_govuk_message(
    client_a, offer_a, day, month, year, message
):
    response = _manager(
        client_a,
        offer_a,
        last_reviewed_day=day,
        last_reviewed_month=month,
        last_reviewed_year=year,
    )
    html = html_of(response)
    assert "There is a problem" in html and message in html
    assert f'value="{day or year}"' in html  # what the officer typed is kept
    offer_a.refresh_from_db()
    assert offer_a.last_reviewed == datetime.date(2026, 4, 1)


def _offer_dates(client, offer, last, due):
    return _manager(
        client,
        offer,
        last_reviewed_day=str(last.day),
        last_reviewed_month=str(last.month),
        last_reviewed_year=str(last.year),
        next_review_due_day=str(due.day),
        next_review_due_month=str(due.month),
        next_review_due_year=str(due.year),
    )


def test_last_reviewed_today_is_kept_and_tomorrow_is_refused(client_a, offer_a):
    due = today() + datetime.timedelta(days=300)
    refused = _offer_dates(client_a, offer_a, today() + datetime.timedelta(days=1), due)
    assert "The last reviewed date must be today or in the past" in html_of(refused)
    assert _offer_dates(client_a, offer_a, today(), due).status_code == 302


def test_next_review_is_due_at_most_three_years_ahead(client_a, offer_a):
    latest = years_after(today(), 3)
    refused = _offer_dates(client_a, offer_a, today(), latest + datetime.timedelta(days=1))
    assert "The next review must be due within 3 years" in html_of(refused)
    assert _offer_dates(client_a, offer_a, today(), latest).status_code == 302
    offer_a.refresh_from_db()
    assert offer_a.next_review_due == latest


@pytest.mark.parametrize(
    "applies_from, allowed",
    [
        (datetime.date(1999, 12, 31), False),
        (datetime.date(2000, 1, 1), True),
        ("two years on", True),
        ("two years and a day on", False),
    ],
)
def test_an_allowance_applies_from_2000_to_two_years_ahead(offer_a, applies_from, allowed):
    latest = years_after(today(), 2)
    applies_from = {
        "two years on": latest,
        "two years and a day on": latest + datetime.timedelta(days=1),
    }.get(applies_from, applies_from)
    allowance = AllowanceFactory.build(section=offer_a.sections.get(), applies_from=applies_from)
    if allowed:
        allowance.full_clean()
        return
    with pytest.raises(ValidationError) as error:
        allowance.full_clean()
    assert list(error.value.message_dict) == ["applies_from"]


def test_the_allowance_page_refuses_an_allowance_from_before_2000(client_a, offer_a):
    section = offer_a.sections.get()
    allowance = section.allowances.get()
    response = post_form(
        client_a,
        ws("entry_change", offer_a, section.key, "allowances", allowance.key),
        applies_from_year="1926",
    )
    assert "must be 1 January 2000 or later" in html_of(response)
    assert Allowance.objects.get().applies_from == datetime.date(2026, 4, 1)


def test_an_import_obeys_the_same_date_rules(offer_a, officer_a):
    document = document_for(offer_a.pk)
    document["sections"][0]["allowances"][0]["applies_from"] = "1999-12-31"
    with pytest.raises(DocumentError) as error:
        services.offer_import(offer=offer_a, document=document, by=officer_a)
    assert "sections[0].allowances[0].applies_from" in str(error.value)

    document = document_for(offer_a.pk)
    document["offer"]["last_reviewed"] = (today() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(DocumentError, match="today or in the past"):
        services.offer_import(offer=offer_a, document=document, by=officer_a)


def _schedule_form(when: datetime.datetime, **extra) -> dict:
    local = timezone.localtime(when)
    return {
        "action": "schedule",
        "schedule-summary": "New rates",
        "schedule-publish_at_day": str(local.day),
        "schedule-publish_at_month": str(local.month),
        "schedule-publish_at_year": str(local.year),
        "schedule-publish_at_time": local.strftime("%H:%M"),
        "schedule-accept_gaps": "on",
        **extra,
    }


def test_the_schedule_form_takes_a_date_in_three_boxes_and_a_time(client_approver_a, offer_a):
    when = (timezone.localtime() + datetime.timedelta(days=3)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    form = {**_schedule_form(when), "schedule-publish_at_time": "9:30am"}

    response = client_approver_a.post(ws("approvals", offer_a), form)

    assert response.status_code == 302
    assert ScheduledPublish.objects.get().publish_at == when


def test_a_schedule_more_than_a_year_ahead_is_refused(client_approver_a, offer_a, approver_a):
    latest = years_after(timezone.localtime(), 1)
    too_far = latest + datetime.timedelta(days=1)
    response = client_approver_a.post(ws("approvals", offer_a), _schedule_form(too_far))
    assert "You can schedule a publish up to a year ahead" in html_of(response)
    with pytest.raises(ValidationError, match="up to a year ahead"):
        services.offer_schedule(
            offer=offer_a, by=approver_a, summary="Far", publish_at=too_far, accept_gaps=True
        )
    assert not ScheduledPublish.objects.exists()

    fine = latest - datetime.timedelta(hours=1)
    services.offer_schedule(
        offer=offer_a, by=approver_a, summary="Within a year", publish_at=fine, accept_gaps=True
    )
    assert ScheduledPublish.objects.count() == 1


@pytest.mark.parametrize(
    "time, message",
    [("", "must include a time"), ("25:00", "Enter a real time")],
)
def test_the_schedule_form_asks_for_a_real_time(client_approver_a, offer_a, time, message):
    when = timezone.localtime() + datetime.timedelta(days=3)
    form = {**_schedule_form(when), "schedule-publish_at_time": time}
    assert message in html_of(client_approver_a.post(ws("approvals", offer_a), form))
    assert not ScheduledPublish.objects.exists()


# --- 3. A council's address name, and its old addresses ----------------------------------------


@pytest.fixture
def published_a(offer_a, approver_a):
    publish(offer_a, approver_a, "First")
    offer_a.refresh_from_db()
    return offer_a


def _council_page(council) -> str:
    return f"/admin/offers/council/{council.pk}/change/"


def test_the_council_form_warns_that_changing_the_address_name_changes_the_address(
    client_admin, council_a
):
    html = html_of(client_admin.get(_council_page(council_a)))
    assert (
        "Changing this changes the public address of Ashdown Test Council’s offer, now "
        "/offers/ashdown-test/" in html
    )
    assert "Changing this changes" not in html_of(client_admin.get("/admin/offers/council/add/"))

    response = resubmit(client_admin, _council_page(council_a), {"slug": "ashdown-new"})
    shown = html_of(client_admin.get(response["Location"]))
    assert "The public address of Ashdown Test Council’s offer is now /offers/ashdown-new/" in shown


def test_old_addresses_redirect_to_the_same_page_under_the_new_name_for_good(
    client, client_admin, published_a
):
    council = published_a.council
    anchor = published_a.published_revision.content["sections"][0]["anchor"]
    resubmit(client_admin, _council_page(council), {"slug": "ashdown-new"})
    resubmit(client_admin, _council_page(council), {"slug": "ashdown-newest"})
    client.logout()

    for old in ("ashdown-test", "ashdown-new"):
        for rest, new_rest in (
            ("", ""),
            (f"{anchor}/?situation=sgo", f"{anchor}/?situation=sgo"),
            ("print/", "print/"),
            ("changes/", "changes/"),
            ("changes.atom", "changes.atom"),
            ("situations/", "situations/"),
            ("allowances.csv", "allowances.csv"),
        ):
            response = client.get(f"/offers/{old}/{rest}")
            assert response.status_code == 301, (old, rest)
            # One hop, straight to the address the council has now.
            assert response["Location"] == f"/offers/ashdown-newest/{new_rest}"
    assert client.get("/offers/ashdown-newest/").status_code == 200
    assert client.get("/offers/never-was-a-council/").status_code == 404


def test_going_back_to_an_old_name_makes_it_the_councils_own_address_again(
    client, client_admin, published_a
):
    council = published_a.council
    resubmit(client_admin, _council_page(council), {"slug": "ashdown-new"})
    resubmit(client_admin, _council_page(council), {"slug": "ashdown-test"})

    assert list(CouncilSlugRedirect.objects.values_list("old_slug", flat=True)) == ["ashdown-new"]
    assert client.get("/offers/ashdown-test/").status_code == 200
    assert client.get("/offers/ashdown-new/")["Location"] == "/offers/ashdown-test/"


def test_another_council_cannot_take_an_old_address(client_admin, council_a, council_b):
    council_a.slug = "ashdown-new"
    council_a.save()
    response = resubmit(client_admin, _council_page(council_b), {"slug": "ashdown-test"})
    assert "This was Ashdown Test Council&#x27;s web address name" in html_of(response)
    assert Council.objects.get(pk=council_b.pk).slug == "brackenford-test"


def test_an_inactive_councils_old_address_does_not_redirect(client, published_a):
    council = published_a.council
    council.slug, council.is_active = "ashdown-new", False
    council.save()
    assert client.get("/offers/ashdown-test/").status_code == 404


def test_a_known_address_never_looks_for_an_old_one(client, published_a):
    council = published_a.council
    council.slug = "ashdown-new"
    council.save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/offers/ashdown-new/").status_code == 200
    assert not [q for q in queries.captured_queries if "councilslugredirect" in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/offers/ashdown-test/").status_code == 301
    # The page cache's content version, the council, then the old name.
    assert len(queries.captured_queries) == 3


def test_old_addresses_survive_a_backup_and_its_restore(tmp_path, council_a):
    from django.contrib.auth import get_user_model

    from offers import backups

    council_a.slug = "ashdown-new"
    council_a.save()
    backups.backup_export(tmp_path / "backup")
    Council.objects.all().delete()
    get_user_model().objects.all().delete()

    backups.backup_import(tmp_path / "backup")

    old = CouncilSlugRedirect.objects.get()
    assert (old.old_slug, old.council.slug) == ("ashdown-test", "ashdown-new")


# --- 4. The approvals page: keep the "last reviewed" date, or set it to today -------------------


def _publish_form(**overrides) -> dict:
    due = today() + datetime.timedelta(days=300)
    return {
        "action": "publish",
        "publish-summary": "We checked every section.",
        "publish-next_review_due_day": str(due.day),
        "publish-next_review_due_month": str(due.month),
        "publish-next_review_due_year": str(due.year),
        "publish-accept_gaps": "on",
        **overrides,
    }


def test_the_approvals_page_shows_the_last_reviewed_date_and_chooses_nothing_for_the_approver(
    client_approver_a, offer_a
):
    html = html_of(client_approver_a.get(ws("approvals", offer_a)))
    assert "Keep 1 April 2026" in html
    assert f"Change it to today, {today().day} {today():%B %Y}" in html
    review = html[html.index('name="publish-review"') - 400 :]
    review = review[: review.index("</fieldset>")]
    assert "checked" not in review


@pytest.mark.parametrize("choice", ["keep", "today"])
def test_the_last_reviewed_date_changes_only_when_the_approver_says_so(
    client_approver_a, offer_a, choice
):
    due = today() + datetime.timedelta(days=200)
    form = _publish_form(
        **{
            "publish-review": choice,
            "publish-next_review_due_day": str(due.day),
            "publish-next_review_due_month": str(due.month),
            "publish-next_review_due_year": str(due.year),
        }
    )
    response = client_approver_a.post(ws("approvals", offer_a), form)
    assert response.status_code == 302
    offer_a.refresh_from_db()
    expected = {"keep": datetime.date(2026, 4, 1), "today": today()}[choice]
    assert offer_a.last_reviewed == expected
    assert offer_a.next_review_due == due
    assert OfferRevision.objects.get().content["offer"]["last_reviewed"] == expected.isoformat()


def test_the_approvals_page_takes_the_next_review_within_three_years(client_approver_a, offer_a):
    latest = years_after(today(), 3) + datetime.timedelta(days=1)
    form = _publish_form(
        **{
            "publish-review": "keep",
            "publish-next_review_due_day": str(latest.day),
            "publish-next_review_due_month": str(latest.month),
            "publish-next_review_due_year": str(latest.year),
        }
    )
    response = client_approver_a.post(ws("approvals", offer_a), form)
    assert "The next review must be due within 3 years" in html_of(response)
    assert not OfferRevision.objects.exists()


# --- 5. The status in words, never "Draft" -------------------------------------------------------


def test_the_offer_list_words_each_status_in_the_same_number_of_queries(
    client_admin, offer_a, offer_b
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            html_of(client_admin.get("/admin/offers/offer/"))
        return len(captured.captured_queries)

    two = queries()
    for _ in range(3):
        offer = OfferFactory(council=CouncilFactory())
        AllowanceFactory(section=SectionFactory(offer=offer))
    assert queries() == two


def test_an_entry_removed_by_someone_else_is_not_found_and_nothing_is_made(
    client, officer_a, offer_a
):
    """The workspace's answer to the admin's "someone else deleted this": the entry's page is
    gone (a 404, never a 500), and the save makes no new entry."""
    section = offer_a.sections.get()
    allowance = section.allowances.get()
    url = ws("entry_change", offer_a, section.key, "allowances", allowance.key)
    client.force_login(officer_a)
    data = form_data(client.get(url))
    Allowance.objects.filter(section=section).delete()  # the other officer's removal

    response = client.post(url, {**data, "name": ["Renamed allowance"]})

    assert response.status_code == 404
    assert not Allowance.objects.exists()


# --- 8. A web address typed without https:// -----------------------------------------------------


def test_a_web_address_typed_without_a_scheme_becomes_https(
    client_admin, client, offer_a, council_a, officer_a
):
    resubmit(client_admin, _council_page(council_a), {"website": "ashdown.example/kinship"})
    council_a.refresh_from_db()
    assert council_a.website == "https://ashdown.example/kinship"

    client_admin.post(
        "/admin/offers/nationalhelpline/add/",
        {
            "name": "Advice line",
            "phone": "0161 496 0990",
            "website": "advice.example",
            "order": "1",
            "is_active": "on",
        },
    )
    assert NationalHelpline.objects.get().website == "https://advice.example"

    course = TrainingCourseFactory(
        section=SectionFactory(offer=offer_a, kind=SectionKind.CARER_TRAINING, heading="Training")
    )
    client.force_login(officer_a)
    response = post_form(
        client,
        ws("entry_change", offer_a, course.section.key, "training_courses", course.key),
        booking_url="book.example/courses",
    )
    assert response.status_code == 302
    assert TrainingCourse.objects.get().booking_url == "https://book.example/courses"


def test_every_web_address_field_in_the_admin_assumes_https(site_admin, offer_a):
    from django import forms

    request = RequestFactory().get("/admin/")
    request.user = site_admin
    checked = []
    for model, model_admin in admin.site._registry.items():
        instance = None
        form_classes = [model_admin.get_form(request, instance)]
        form_classes += [
            inline.get_formset(request, instance).form
            for inline in model_admin.get_inline_instances(request, instance)
        ]
        for form_class in form_classes:
            for name, field in form_class.base_fields.items():
                if isinstance(field, forms.URLField):
                    checked.append((model.__name__, name))
                    assert field.assume_scheme == "https", (model, name)
    assert ("Council", "website") in checked and ("NationalHelpline", "website") in checked


# --- 9. A scheduled publish, on the approvals page ------------------------------------------------


def test_the_approvals_page_shows_a_scheduled_publish_and_asks_to_confirm_cancelling_it(
    client_approver_a, approver_a, offer_a
):
    when = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    when += datetime.timedelta(days=5)
    schedule = services.offer_schedule(
        offer=offer_a, by=approver_a, summary="April rates", publish_at=when, accept_gaps=True
    )
    words = f"{when.day} {when:%B %Y} at 9am"

    html = html_of(client_approver_a.get(ws("approvals", offer_a)))
    assert "April rates" in html
    assert f"Publishing now cancels the scheduled publish of {words}" in html
    assert 'name="publish-cancel_schedule"' in html

    refused = client_approver_a.post(
        ws("approvals", offer_a), _publish_form(**{"publish-review": "keep"})
    )
    assert (
        "Tick the box to confirm that publishing now cancels the scheduled publish of "
        f"{words}" in html_of(refused)
    )
    assert not OfferRevision.objects.exists()
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.PENDING

    response = client_approver_a.post(
        ws("approvals", offer_a),
        _publish_form(**{"publish-review": "keep", "publish-cancel_schedule": "on"}),
    )

    assert response.status_code == 302
    assert OfferRevision.objects.count() == 1
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.CANCELLED
    assert AuditEvent.objects.filter(action=AuditAction.CANCEL_SCHEDULE).exists()


def test_without_a_schedule_the_approvals_page_asks_nothing_about_one(client_approver_a, offer_a):
    html = html_of(client_approver_a.get(ws("approvals", offer_a)))
    assert 'name="publish-cancel_schedule"' not in html


# --- 6. No link on an officer page leads to a 403 ------------------------------------------------

CRAWL_LIMIT = 300  # pages per role


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _site_links(html: str, prefix: str) -> list[str]:
    """Same-site links under `prefix` a GET may follow: not sign-out, pop-ups or other sites."""
    parser = _Links()
    parser.feed(html)
    links = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith(prefix):
            continue
        if (
            "logout" in parts.path
            or "sign-out" in parts.path
            or "_popup" in parts.query
            or "_to_field" in parts.query
        ):
            continue
        # "_changelist_filters" only remembers the list an officer came from: same page.
        query = "&".join(
            p for p in parts.query.split("&") if p and not p.startswith("_changelist_filters=")
        )
        links.append(parts.path + (f"?{query}" if query else ""))
    return links


def crawl(client, start="/workspace/", limit=CRAWL_LIMIT) -> tuple[dict, list]:
    """Every page under `start` reachable from it by GET, pages without a query string first.

    Returns ({url: status}, [(status, url, the page that linked to it)] for anything that
    is not a 200, 301 or 302).
    """
    seen = {start: "(start)"}
    plain, with_query = deque([start]), deque()
    statuses, problems = {}, []
    while (plain or with_query) and len(statuses) < limit:
        url = plain.popleft() if plain else with_query.popleft()
        try:
            response = client.get(url)
        except Exception as error:  # a server error, raised by the test client
            problems.append((500, url, seen[url], repr(error)))
            continue
        statuses[url] = response.status_code
        if response.status_code not in (200, 301, 302):
            problems.append((response.status_code, url, seen[url]))
            continue
        if response.status_code in (301, 302):
            found = [response["Location"]]
        elif response.get("Content-Type", "").startswith("text/html"):
            found = _site_links(response.content.decode(), start)
        else:
            found = []
        for link in found:
            if link.startswith(start) and link not in seen:
                seen[link] = url
                (with_query if "?" in link else plain).append(link)
    return statuses, problems


@pytest.fixture
def busy_offers(offer_a, offer_b, officer_a, approver_a, officer_b):
    """Two councils' offers with something on every officer page: versions, a schedule, a
    preview link, entries of every type, feedback, audit events and a jargon term."""
    from offers.models import JargonTerm

    from .factories import SocialWorkServiceFactory, SupportServiceFactory

    social = SectionFactory(offer=offer_a, kind=SectionKind.SOCIAL_WORK, heading="Social work")
    SocialWorkServiceFactory(section=social)
    peers = SectionFactory(offer=offer_a, kind=SectionKind.PEER_SUPPORT, heading="Peers")
    PeerGroupFactory(section=peers)
    SupportServiceFactory(section=peers)
    training = SectionFactory(offer=offer_a, kind=SectionKind.CARER_TRAINING, heading="Courses")
    TrainingCourseFactory(section=training)
    ContactFactory(section=SectionFactory(offer=offer_a, kind=SectionKind.CONTACTS))
    publish(offer_a, approver_a, "First")
    offer_a.title = "Second title"
    offer_a.save()
    publish(offer_a, approver_a, "Second")
    offer_a.title = "Third title, not published"
    offer_a.save()
    services.offer_submit(offer=offer_a, by=officer_a, note="Ready")
    services.offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="Later",
        publish_at=timezone.now() + datetime.timedelta(days=3),
        accept_gaps=True,
    )
    services.preview_link_create(offer=offer_a, by=officer_a)
    FeedbackFactory(council=offer_a.council, revision=offer_a.published_revision)
    FeedbackFactory(council=offer_b.council)
    JargonTerm.objects.get_or_create(
        term="SGO", defaults={"plain_alternative": "special guardianship order"}
    )
    NationalHelpline.objects.create(name="Advice line", phone="0161 496 0990")
    return offer_a


@pytest.mark.slow
@pytest.mark.parametrize("who", ["officer-a", "approver-a", "site-admin"])
def test_no_link_on_any_workspace_page_leads_to_a_403_or_an_error(
    client, busy_offers, site_admin, who
):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=who))
    statuses, problems = crawl(client)

    assert not problems, "\n".join(str(problem) for problem in problems)
    # The crawl reached the pages that matter, not just the home page.
    offer = busy_offers
    approves = who != "officer-a"

    def reached(name: str, *args) -> bool:
        page = ws(name, offer, *args)
        return any(url.startswith(page) for url in statuses)

    for name, args in (
        ("tasks", ()),
        ("about", ("introduction",)),
        ("check", ()),
        ("preview", ()),
        ("history", ()),
        ("compare", ()),
        ("version", (1,)),
        ("share", ()),
        ("audit", ()),
        ("feedback", ()),
        ("fact_checks", ()),
    ):
        assert reached(name, *args), name
    assert reached("approvals") == approves
    section = offer.sections.order_by("order", "id").first()
    assert reached("section", section.key)
    assert len(statuses) > 30


@pytest.mark.slow
def test_no_link_on_any_admin_page_leads_a_site_administrator_to_a_403_or_an_error(
    client, busy_offers, site_admin
):
    client.force_login(site_admin)
    statuses, problems = crawl(client, start="/admin/")
    assert not problems, "\n".join(str(problem) for problem in problems)
    for page in ("/admin/offers/council/", "/admin/offers/offer/", "/admin/offers/auditevent/"):
        assert page in statuses
    assert len(statuses) > 20
