"""A consultation in a real browser: the public link (with JavaScript off, at 320 px, and
every axe rule), its error, thanks and closed pages, "What families told us", and the
officers' consultation pages."""

import datetime

import pytest
from django.utils import timezone

from offers import consultations
from offers.models import Consultation, ConsultationResponse

from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def consultation(live_offer_a, officer_a):
    return consultations.consultation_open(
        council=live_offer_a.council,
        by=officer_a,
        source="live",
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
        questions=list(consultations.DEFAULT_QUESTIONS),
    )


def test_a_family_answers_with_javascript_off_and_every_page_passes_axe(
    new_page, page, consultation
):
    url = consultations.consultation_path(consultation)
    failures = []
    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Tell us what you think of our kinship local offer"
    )
    failures.append(axe_violations(page))

    # An answer too long: the GOV.UK error summary, linked to the box, passes axe too.
    page.get_by_label("What is missing?").fill("x" * 1001)
    page.get_by_role("button", name="Send your answers").click()
    page.locator(".govuk-error-summary").wait_for(state="visible")  # the page after the POST
    assert page.title().startswith("Error:")
    failures.append(axe_violations(page))

    quiet = new_page(javascript=False)
    quiet.goto(url)
    quiet.get_by_label("What is unclear?").fill("When payments arrive")
    quiet.get_by_label("A kinship carer").check()
    quiet.get_by_role("button", name="Send your answers").click()
    quiet.wait_for_url("**/thanks/")
    assert quiet.get_by_role("heading", level=1).inner_text() == "Thank you for your answers"
    stored = ConsultationResponse.objects.get()
    assert stored.answers == [{"question": "What is unclear?", "answer": "When payments arrive"}]
    assert stored.respondent == "carer"
    page.goto(quiet.url)
    failures.append(axe_violations(page))

    Consultation.objects.filter(pk=consultation.pk).update(closed_at=timezone.now())
    response = page.goto(url)
    assert response.status == 410
    assert page.get_by_role("heading", level=1).inner_text() == "This consultation has closed"
    failures.append(axe_violations(page))
    failures = [failure for failure in failures if failure]
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_consultation_page_at_320px_does_not_scroll_sideways(new_page, consultation, javascript):
    page = new_page(width=320, height=640, javascript=javascript)
    page.goto(consultations.consultation_path(consultation))
    assert page.get_by_role("heading", level=1).is_visible()
    assert_no_horizontal_scroll(page, 320)


def test_what_families_told_us_passes_axe_and_reflows(
    new_page, page, consultation, officer_a, approver_a
):
    response = consultations.response_record(
        consultation=consultation,
        respondent="child",
        answers=["Nothing about school trips", ""],
        sections={},
        client_key="browser",
    )
    theme = consultations.theme_save(
        consultation=consultation,
        by=officer_a,
        title="School trips",
        answer_kind="will",
        answer="add help with school trips to the education section.",
    )
    consultations.quote_add(response=response, theme=theme, by=officer_a, text="school trips")
    consultations.result_publish(consultation=consultation, by=approver_a)
    page.goto("/offers/ashdown-test/")
    page.get_by_role("navigation", name="Contents").get_by_role(
        "link", name="What families told us"
    ).click()
    page.wait_for_url("**/offers/ashdown-test/what-families-told-us/")
    assert page.get_by_role("heading", level=1).inner_text() == "What families told us"
    assert "“school trips”" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    narrow = new_page(width=320, height=640)
    narrow.goto("/offers/ashdown-test/what-families-told-us/")
    assert_no_horizontal_scroll(narrow, 320)


def test_officers_consultation_pages_pass_axe(new_page, consultation, officer_a, approver_a):
    consultations.response_record(
        consultation=consultation,
        respondent="professional",
        answers=["More on housing", ""],
        sections={},
        client_key="browser",
    )
    theme = consultations.theme_save(consultation=consultation, by=officer_a, title="Housing")
    base = f"/workspace/ashdown-test/consultations/{consultation.pk}/"
    response_id = consultation.responses.get().pk
    editor = new_page(user=officer_a)
    failures = []
    for path in [
        "/workspace/ashdown-test/consultations/",
        "/workspace/ashdown-test/consultations/new/",
        base,
        f"{base}close/",
        f"{base}themes/new/",
        f"{base}themes/{theme.pk}/",
        f"{base}responses/{response_id}/",
    ]:
        assert editor.goto(path).ok, path
        failures.append(axe_violations(editor))
    editor.goto("/workspace/ashdown-test/consultations/new/")
    editor.get_by_role("button", name="Open the consultation").click()
    editor.locator(".govuk-error-summary").wait_for(state="visible")  # the page after the POST
    assert editor.title().startswith("Error:")
    failures.append(axe_violations(editor))
    approver = new_page(user=approver_a)
    assert approver.goto(f"{base}publish/").ok
    failures.append(axe_violations(approver))
    failures = [failure for failure in failures if failure]
    assert not failures, "\n\n".join(failures)
