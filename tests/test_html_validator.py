"""Every public page type passes the Nu Html Checker (vnu.jar, the W3C validator).

The pages are rendered through the Django test client (a published test offer with one of
each kind of entry, plus every guide page of the seeded demo offer "ashdown"), written to a
temporary folder and checked in ONE run of the checker, which takes a few seconds however
many files there are. The jar comes from npm (`vnu-jar` in package.json, `npm ci`) and needs
Java. Without them the test skips, unless REQUIRE_BROWSER=1 (set by CI), where it fails.
"""

import datetime
import json
import os
import shutil
import subprocess
from io import StringIO
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from offers import alerts, consultations
from offers.fact_check import fact_check_send
from offers.models import AlertSubscription, Offer, SectionKind

from .conftest import publish
from .factories import (
    ContactFactory,
    PeerGroupFactory,
    SectionFactory,
    SocialWorkServiceFactory,
    SupportServiceFactory,
    TrainingCourseFactory,
    UserFactory,
)

VNU_JAR = Path(__file__).resolve().parents[1] / "node_modules/vnu-jar/build/dist/vnu.jar"
BASE = "/offers/ashdown-test/"
CANARY = "canary with a known error"


def _checker_missing_reason() -> str:
    if not shutil.which("java"):
        return "java is not installed (apt-get install -y default-jre-headless)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing: run `npm ci`"
    return ""


@pytest.fixture
def vnu():
    """The command that runs the checker, or a skip (a failure when REQUIRE_BROWSER=1)."""
    reason = _checker_missing_reason()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but the HTML checker cannot run: {reason}")
        pytest.skip(reason)
    return ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


@pytest.fixture
def live_offer(offer_a, approver_a, council_b):
    """Council A's offer with one of each kind of entry, published; council B has none."""
    for kind, entry_factory in [
        (SectionKind.CARER_TRAINING, TrainingCourseFactory),
        (SectionKind.PEER_SUPPORT, PeerGroupFactory),
        (SectionKind.SOCIAL_WORK, SocialWorkServiceFactory),
        (SectionKind.PRACTICAL, SupportServiceFactory),
        (SectionKind.CONTACTS, ContactFactory),
    ]:
        entry_factory(section=SectionFactory(offer=offer_a, kind=kind, heading=kind.label))
    cache.clear()
    return publish(offer_a, approver_a)


def _public_pages(client, revision) -> dict[str, str]:
    """Every public page type, by a name that says which page it is: {name: html}."""
    anchor = revision.content["sections"][0]["anchor"]
    gets = {
        "home": "/",
        "search": "/search/",
        "search-results": "/search/?q=ashdown",
        "search-no-results": "/search/?q=nowhere",
        "search-empty-query-error": "/search/?q=",
        "council-not-published": "/offers/brackenford-test/",
        "overview": BASE,
        "overview-sgo": f"{BASE}?for=sgo",
        "overview-informal": f"{BASE}?for=informal",
        "section": f"{BASE}{anchor}/",
        "section-sgo": f"{BASE}{anchor}/?for=sgo",
        "section-informal-left-out": f"{BASE}{anchor}/?for=informal",
        "overview-not-sure": f"{BASE}?for=not_sure",
        "overview-situation-error": f"{BASE}?for=",
        "situations": f"{BASE}situations/",
        "print": f"{BASE}print/",
        "leaflet": f"{BASE}leaflet/",
        "alerts": f"{BASE}alerts/",
        "alerts-sent": f"{BASE}alerts/sent/",
        "alert-link-not-valid": "/alerts/confirm/not-a-link/",
        "changes": f"{BASE}changes/",
        "feedback": f"{BASE}feedback/?page={anchor}&useful=no",
        "search-offers": "/search/?q=money&scope=offers",
        "compare": "/compare/",
        "compare-sorted": "/compare/?region=south_east&sort=sgo&order=desc",
        "api": "/api/",
        "accessibility": "/accessibility/",
        "privacy": "/privacy/",
        "not-found": "/no-such-page/",
    }
    pages = {}
    for name, url in gets.items():
        response = client.get(url)
        assert response.status_code in {200, 404}, (name, url, response.status_code)
        pages[name] = response.content.decode()
    error = client.post(f"{BASE}feedback/", {"page": anchor, "comment": "x" * 1001})
    assert "There is a problem" in error.content.decode()
    pages["feedback-error"] = error.content.decode()
    thanks = client.post(f"{BASE}feedback/", {"page": anchor, "useful": "yes"}, follow=True)
    assert "Thank you for your feedback" in thanks.content.decode()
    pages["feedback-thanks"] = thanks.content.decode()
    alerts_error = client.post(f"{BASE}alerts/", {"email": "not-an-address"})
    assert "There is a problem" in alerts_error.content.decode()
    pages["alerts-error"] = alerts_error.content.decode()
    client.post(f"{BASE}alerts/", {"email": "carer@family.example"})
    subscription = AlertSubscription.objects.get(email="carer@family.example")
    for name, url in [
        ("alert-confirm", alerts.confirm_url(subscription)),
        ("alert-unsubscribe", alerts.unsubscribe_url(subscription)),
    ]:
        path = urlparse(url).path
        pages[name] = client.get(path).content.decode()
        pages[f"{name}-done"] = client.post(path).content.decode()
    pages.update(_fact_check_pages(client, revision))

    # A consultation's pages (never kept: each has a form token) and the published result.
    pages.update(_consultation_pages(client, revision))

    # Real officer text: every guide page of one demo offer (seeding takes a fraction of a second).
    # 26 generated councils too, so the whole comparison table has a second page.
    with override_settings(DEBUG=True):
        call_command("seed_demo", councils=26, stdout=StringIO())
    demo = Offer.objects.get(council__slug="ashdown").published_revision.content
    demo_urls = ["/offers/ashdown/", "/offers/ashdown/?for=sgo", "/offers/ashdown/situations/"]
    demo_urls += ["/offers/ashdown/?for=kinship_foster", "/offers/ashdown/?for=informal"]
    demo_urls += ["/offers/ashdown/financial/?for=informal", "/offers/ashdown/print/"]
    demo_urls += [
        "/compare/?councils=ashdown,coldmere",  # chosen councils side by side
        "/compare/?councils=ashdown,brackenford,coldmere",
        "/compare/?councils=ashdown,nowhere",  # the GOV.UK error
        "/compare/?page=2",  # the whole table, in pages
    ]
    demo_urls += [f"/offers/ashdown/{section['anchor']}/" for section in demo["sections"]]
    for url in demo_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[f"demo {url}"] = response.content.decode()
    return pages


def _fact_check_pages(client, revision) -> dict[str, str]:
    """The fact-check link's pages (offers.views.fact_check): the form, its error, the
    thanks, a used link and an unknown one."""
    sender = UserFactory(username="fact-check-sender", is_superuser=True)
    sent = fact_check_send(
        offer=revision.offer, by=sender, name="Dr Example", email="gp@health.example"
    )
    path = f"/fact-check/{sent.token}/"
    pages = {
        "fact-check": client.get(path),
        "fact-check-error": client.post(path, {"comment_1": ""}),
        "fact-check-unknown": client.get("/fact-check/no-such-link/"),
        "fact-check-thanks": client.post(path, {"comment_1": "The phone number is old"}),
        "fact-check-used": client.get(path),
    }
    assert "There is a problem" in pages["fact-check-error"].content.decode()
    assert pages["fact-check-used"].status_code == 410
    return {name: response.content.decode() for name, response in pages.items()}


def _consultation_pages(client, revision) -> dict[str, str]:
    approver, council = revision.published_by, revision.offer.council
    consultation = consultations.consultation_open(
        council=council,
        by=approver,
        source="live",
        closes_on=datetime.date.today() + datetime.timedelta(days=7),
        questions=list(consultations.DEFAULT_QUESTIONS),
    )
    url = consultations.consultation_path(consultation)
    anchor = revision.content["sections"][0]["anchor"]
    pages = {"consultation": client.get(url).content.decode()}
    error = client.post(url, {"answer-0": "x" * 1001})
    assert "There is a problem" in error.content.decode()
    pages["consultation-error"] = error.content.decode()
    thanks = client.post(url, {"answer-0": "Dates", f"useful-{anchor}": "no"}, follow=True)
    assert "Thank you for your answers" in thanks.content.decode()
    pages["consultation-thanks"] = thanks.content.decode()
    consultations.theme_save(
        consultation=consultation,
        by=approver,
        title="Payment dates",
        answer_kind="changed",
        answer="the money section to give payment dates.",
    )
    consultations.quote_add(
        response=consultation.responses.get(),
        theme=consultation.themes.get(),
        by=approver,
        text="Dates",
    )
    consultations.result_publish(consultation=consultation, by=approver)
    closed = client.get(url)
    assert closed.status_code == 410
    pages["consultation-closed"] = closed.content.decode()
    result = client.get(f"{BASE}what-families-told-us/")
    assert "What families told us" in result.content.decode()
    pages["what-families-told-us"] = result.content.decode()
    return pages


def _file_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name) + ".html"


def test_every_public_page_type_passes_the_nu_html_checker(client, live_offer, vnu, tmp_path):
    pages = _public_pages(client, live_offer)
    # A page with a known error goes through the same run: the check must be able to fail.
    pages[CANARY] = (
        "<!DOCTYPE html><html lang='en'><head><title>x</title></head>"
        "<body><span id='a'></span><span id='a'></span></body></html>"
    )
    names = {}
    for name, html in pages.items():
        path = tmp_path / _file_name(name)
        path.write_text(html, encoding="utf-8")
        names[path.name] = name

    # The checker exits 1 when it finds errors; its JSON report goes to stderr.
    run = subprocess.run(
        [*vnu, *sorted(str(tmp_path / file) for file in names)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    try:
        report = json.loads(run.stderr or run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the checker did not report JSON (exit {run.returncode}): {run.stderr[:2000]}")

    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        page = names.get(Path(unquote(urlparse(message.get("url", "")).path)).name, "?")
        extract = (message.get("extract") or "").replace("\n", " ").strip()
        errors.setdefault(page, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']}  [{extract[:120]}]"
        )
    canary = errors.pop(CANARY, [])
    assert any("Duplicate ID" in error for error in canary), f"checker missed the canary: {report}"
    report_lines = [f"{page}:\n  " + "\n  ".join(found) for page, found in errors.items()]
    assert not errors, "Nu Html Checker errors:\n" + "\n".join(report_lines)
