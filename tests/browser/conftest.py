"""Real-browser tests: Playwright driving Debian's chromium, with axe-core for accessibility.

One browser per run of this package, a fresh context (cookies, viewport, JavaScript on/off)
per test. Without /usr/bin/chromium the tests skip, unless REQUIRE_BROWSER=1 (set by .ci/run),
where a missing browser is a failure: CI must never pass by skipping them.
"""

import os
import shutil
from pathlib import Path

import pytest

from ..conftest import publish

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    # Without these chromium keeps calling home, and the closed network refuses it constantly.
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: real-browser test (Playwright + chromium)")


def _browser_missing_reason():
    """Why the browser tests cannot run here, or "" if they can."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"playwright / axe-playwright-python not importable: {exc}"
    # Without the compiled stylesheet, reflow and focus checks would fail for the wrong reason.
    if not (Path(__file__).resolve().parents[2] / "static" / "css" / "app.css").exists():
        return "static/css/app.css is missing: run `make css` first"
    return ""


@pytest.fixture(scope="package")
def browser():
    """One headless chromium for the whole browser package."""
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but the browser cannot run: {reason}")
        pytest.skip(reason)

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, so Django would
    # refuse ORM calls from the tests (factories, fixtures) as "async unsafe". The ORM is used
    # synchronously here, so the check is switched off while the browser lives, then restored.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every browser request comes from 127.0.0.1, so per-address limits (feedback) and cached
    pages must not carry over from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def new_page(browser, live_server):
    """Make pages in fresh contexts: `new_page(width=320, javascript=False, user=officer)`."""
    contexts = []

    def make(*, width=1024, height=768, javascript=True, user=None):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            base_url=live_server.url,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            context.add_cookies([_session_cookie_for(user, live_server.url)])
        page = context.new_page()
        # axe-core needs JavaScript (its promise never settles without timers), so the
        # accessibility helper checks this and refuses instead of hanging.
        page.kp_javascript = javascript
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page with JavaScript on, as an anonymous visitor."""
    return new_page()


def _session_cookie_for(user, url):
    """Log `user` in the way Django's test client does, and hand its cookie to the browser."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


@pytest.fixture
def live_offer_a(offer_a, approver_a):
    """Ashdown's offer, published twice, with entries for different families (SGO, CAO)."""
    from offers.models import NationalHelpline, SectionKind
    from tests.factories import (
        AllowanceFactory,
        ContactFactory,
        PeerGroupFactory,
        SectionFactory,
        SocialWorkServiceFactory,
    )

    money = offer_a.sections.get()
    AllowanceFactory(section=money, name="Child arrangements allowance", arrangement_types=["cao"])
    social_work = SectionFactory(
        offer=offer_a, kind=SectionKind.SOCIAL_WORK, heading="What our social workers do"
    )
    SocialWorkServiceFactory(section=social_work)
    peers = SectionFactory(
        offer=offer_a, kind=SectionKind.PEER_SUPPORT, heading="Meet other carers"
    )
    PeerGroupFactory(section=peers)
    contacts = SectionFactory(offer=offer_a, kind=SectionKind.CONTACTS, heading="Contact us")
    ContactFactory(section=contacts)
    NationalHelpline.objects.create(
        name="Kinship advice (example)",
        description="A charity, not the council.",
        phone="0161 496 0990",
        website="https://kinship-advice.example",
        opening_hours="Monday to Friday, 10am to 3pm",
    )
    # National help on the money page and in "At a glance", one for everyone and a pilot
    # limited to this council (offers.national_schemes).
    from offers.national_schemes import national_schemes_publish
    from tests.factories import NationalSchemeFactory, UserFactory

    NationalSchemeFactory(name="Guardian payment (example)")
    NationalSchemeFactory(
        name="Allowance pilot (example)",
        arrangement_types=["sgo", "cao"],
        council_gss_codes=[offer_a.council.gss_code],
        amount=None,
        frequency="",
    )
    national_schemes_publish(
        by=UserFactory(username="schemes-admin", is_superuser=True), summary="First list"
    )
    publish(offer_a, approver_a, "First version")
    offer_a.introduction = "We help families who raise a relative's child. Call us any weekday."
    offer_a.save()
    publish(offer_a, approver_a, "We added our opening times")
    return offer_a
