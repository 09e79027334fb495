"""Pages every public sector site needs: accessibility, privacy, errors, robots and sitemap."""

import datetime
import re

from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.views.defaults import server_error

from offers.models import Feedback, OfferRevision

from .conftest import publish
from .factories import CouncilFactory, OfferFactory, SectionFactory


def test_accessibility_statement_has_the_sections_the_regulations_expect(client, db):
    response = client.get("/accessibility/")
    html = response.content.decode()
    assert "<title>Accessibility statement – Kinship support</title>" in html
    for heading in [
        "How accessible this website is",
        "What to do if you cannot use parts of this website",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ]:
        assert f">{heading}</h" in html, heading
    assert "partially compliant with the" in html and "version 2.2</a> AA standard" in html
    assert "Equality Advisory and Support Service (EASS)" in html
    assert "prepared on 26 November 2026" in html
    assert "Each council writes its own offer and is responsible for the words in it." in html


def test_privacy_notice_says_what_is_kept_for_how_long_and_who_to_contact(client, db):
    html = client.get("/privacy/").content.decode()
    assert "<title>Privacy notice – Kinship support</title>" in html
    assert "We do not ask for your name, address, phone number or email address." in html
    assert "We do not keep your internet address (IP address)." in html
    assert "csrftoken" in html and "sessionid" in html
    assert "We keep feedback for 2 years" in html
    assert "Contact the council that publishes the offer" in html
    assert 'href="https://ico.org.uk/make-a-complaint/"' in html


def test_pages_have_meta_description_and_og_title(client, db):
    for url, title in [
        ("/", "Find your council"),
        ("/accessibility/", "Accessibility"),
        ("/privacy/", "Privacy notice"),
    ]:
        html = client.get(url).content.decode()
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), url
        assert f'<meta property="og:title" content="{title}' in html, url


def test_unknown_page_is_404_in_the_site_layout(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found – Kinship support</title>" in html
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert 'href="/#councils"' in html
    assert 'href="#main-content"' in html


def test_500_page_renders_without_database_or_request():
    # No db fixture: pytest-django would fail this test if rendering touched the database.
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "<title>Sorry, there is a problem with the service – Kinship support</title>" in html
    assert 'id="main-content"' in html
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@override_settings(SITE_URL="https://kinship.example")
def test_robots_txt_allows_all_but_admin_and_previews_and_points_to_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert "Sitemap: https://kinship.example/sitemap.xml" in lines


@override_settings(SITE_URL="https://kinship.example")
def test_sitemap_lists_live_offers_with_published_date(client, offer_a, council_b, approver_a):
    revision = publish(offer_a, approver_a)
    published = datetime.datetime(2026, 10, 5, 9, 30, tzinfo=datetime.UTC)
    OfferRevision.objects.filter(pk=revision.pk).update(published_at=published)
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert (
        "<url><loc>https://kinship.example/offers/ashdown-test/</loc>"
        "<lastmod>2026-10-05</lastmod>" in xml
    )
    assert "<loc>https://kinship.example/accessibility/</loc>" in xml
    assert "brackenford-test" not in xml  # nothing published yet


def test_sitemap_leaves_out_inactive_councils(client, approver_a, site_admin):
    closed = CouncilFactory(name="Closed Test Council", slug="closed-test")
    offer = OfferFactory(council=closed)
    SectionFactory(offer=offer)
    publish(offer, site_admin)
    assert "closed-test" in client.get("/sitemap.xml").content.decode()
    closed.is_active = False
    closed.save()
    assert "closed-test" not in client.get("/sitemap.xml").content.decode()


# --- A CSRF failure says the right thing to each audience -------------------------------------


def test_a_csrf_failure_on_the_officers_sign_in_says_the_session_timed_out(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Your session timed out. Go back, reload the page and sign in again." in html
    assert 'id="site-name"' in html  # the admin's look
    assert "could not send your answer" not in html


def test_a_csrf_failure_on_the_feedback_form_keeps_the_families_wording(live_a, anchor):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/offers/ashdown-test/feedback/", {"page": anchor, "useful": "yes", "comment": ""}
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert "Sorry, we could not send your answer" in html
    assert "sign in again" not in html
    assert not Feedback.objects.exists()
