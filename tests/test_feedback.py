"""'Was this section clear?' on the live offer page: storing answers, and refusing bad ones."""

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client

from offers.feedback import FEEDBACK_LIMIT_PER_HOUR, client_key_for
from offers.models import Feedback

from .factories import FeedbackFactory
from .public_site_helpers import first_section, publish

URL_A = "/offers/ashdown-test/feedback/"


@pytest.fixture(autouse=True)
def empty_cache():
    # The flood limit lives in the cache; each test starts with no answers counted.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def live_a(offer_a, approver_a):
    return publish(offer_a, approver_a)


@pytest.fixture
def anchor(live_a):
    return first_section(live_a)["anchor"]


def test_live_offer_page_asks_was_this_section_clear_after_each_section(client, live_a, anchor):
    html = client.get("/offers/ashdown-test/").content.decode()
    assert f'action="{URL_A}" method="post"' in html
    assert f'<input type="hidden" name="section" value="{anchor}">' in html
    assert "Was this section clear?" in html
    assert "csrfmiddlewaretoken" in html
    assert "Do not include any names, addresses or phone numbers" in html
    assert "You can enter up to 1,000 characters" in html


def test_feedback_form_is_not_shown_without_a_live_revision(council_a, live_a):
    section = first_section(live_a)
    context = {"council": council_a, "section": section}
    assert render_to_string("includes/feedback.html", {**context, "revision": None}).strip() == ""
    preview = render_to_string(
        "includes/feedback.html", {**context, "revision": live_a, "preview_banner": "Preview"}
    )
    assert preview.strip() == ""


def test_answer_is_stored_with_heading_from_the_live_document_and_thanks_shown(
    client, live_a, anchor
):
    response = client.post(
        URL_A,
        {"section": anchor, "was_clear": "no", "comment": "What does means-tested mean?",
         "section_heading": "Forged heading"},
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.council.slug == "ashdown-test"
    assert feedback.revision == live_a
    assert feedback.section_anchor == anchor
    assert feedback.section_heading == "Money for carers A"
    assert feedback.was_clear is False
    assert feedback.comment == "What does means-tested mean?"

    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback" in thanks
    assert f'href="/offers/ashdown-test/#{anchor}">Go back to Money for carers A</a>' in thanks


def test_yes_answer_without_comment_is_stored(client, live_a, anchor):
    client.post(URL_A, {"section": anchor, "was_clear": "yes"})
    feedback = Feedback.objects.get()
    assert feedback.was_clear is True
    assert feedback.comment == ""


def test_no_answer_shows_error_summary_keeps_comment_and_stores_nothing(client, live_a, anchor):
    response = client.post(URL_A, {"section": anchor, "comment": "The money part"})
    html = response.content.decode()
    assert "There is a problem" in html
    message = "Select yes if this section was clear, or no if it was not"
    assert f'<a href="#feedback-{anchor}-yes">{message}</a>' in html
    assert f'id="feedback-{anchor}-answer-error"' in html
    assert ">The money part</textarea>" in html
    assert "<title>Error: " in html
    assert Feedback.objects.count() == 0


def test_comment_of_2000_characters_is_refused_and_kept_for_editing(client, live_a, anchor):
    long_comment = "a" * 2000
    response = client.post(URL_A, {"section": anchor, "was_clear": "no", "comment": long_comment})
    html = response.content.decode()
    assert "What was unclear must be 1,000 characters or fewer" in html
    assert f'<a href="#feedback-{anchor}-comment">' in html
    assert "govuk-textarea--error" in html
    assert f">{long_comment}</textarea>" in html
    assert 'value="no" checked>' in html
    assert Feedback.objects.count() == 0


def test_comment_of_exactly_1000_characters_counting_new_lines_as_one_is_stored(
    client, live_a, anchor
):
    comment = "a" * 100 + ("\r\n" + "a" * 99) * 9  # 1,009 as sent, 1,000 as typed
    client.post(URL_A, {"section": anchor, "was_clear": "no", "comment": comment})
    assert len(Feedback.objects.get().comment) == 1000


def test_unknown_section_anchor_is_404_and_stores_nothing(client, live_a):
    response = client.post(URL_A, {"section": "made-up", "was_clear": "yes"})
    assert response.status_code == 404
    assert client.post(URL_A, {"was_clear": "yes"}).status_code == 404
    assert Feedback.objects.count() == 0


def test_feedback_for_unpublished_council_is_404(client, offer_b):
    response = client.post(
        "/offers/brackenford-test/feedback/", {"section": "financial", "was_clear": "yes"}
    )
    assert response.status_code == 404
    assert Feedback.objects.count() == 0


def test_feedback_for_inactive_council_is_404(client, live_a, anchor, council_a):
    council_a.is_active = False
    council_a.save()
    assert client.post(URL_A, {"section": anchor, "was_clear": "yes"}).status_code == 404
    assert Feedback.objects.count() == 0


def test_get_on_feedback_url_is_not_allowed(client, live_a):
    assert client.get(URL_A).status_code == 405


def test_eleventh_answer_in_an_hour_gets_429_and_is_not_stored(client, live_a, anchor):
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        assert client.post(URL_A, {"section": anchor, "was_clear": "yes"}).status_code == 302
    response = client.post(URL_A, {"section": anchor, "was_clear": "no", "comment": "flood"})
    assert response.status_code == 429
    assert "You have sent a lot of feedback" in response.content.decode()
    assert Feedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR
    assert not Feedback.objects.filter(comment="flood").exists()


def test_flood_limit_is_per_client(client, live_a, anchor):
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        client.post(URL_A, {"section": anchor, "was_clear": "yes"}, REMOTE_ADDR="192.0.2.1")
    other = client.post(URL_A, {"section": anchor, "was_clear": "yes"}, REMOTE_ADDR="192.0.2.2")
    assert other.status_code == 302
    assert Feedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR + 1


def test_invalid_answers_do_not_use_up_the_limit(client, live_a, anchor):
    for _ in range(FEEDBACK_LIMIT_PER_HOUR + 2):
        client.post(URL_A, {"section": anchor})
    assert client.post(URL_A, {"section": anchor, "was_clear": "yes"}).status_code == 302


def test_client_key_is_a_keyed_hash_not_the_address(rf):
    one = client_key_for(rf.get("/", REMOTE_ADDR="192.0.2.1"))
    assert "192.0.2.1" not in one
    assert len(one) == 64
    assert one == client_key_for(rf.get("/", REMOTE_ADDR="192.0.2.1"))
    assert one != client_key_for(rf.get("/", REMOTE_ADDR="192.0.2.2"))


def test_post_without_csrf_token_is_refused_with_friendly_page(live_a, anchor):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL_A, {"section": anchor, "was_clear": "yes"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sorry, we could not send your answer" in html
    assert 'href="#main-content"' in html
    assert Feedback.objects.count() == 0


def test_post_with_csrf_token_from_the_offer_page_is_stored(live_a, anchor):
    strict = Client(enforce_csrf_checks=True)
    strict.get("/offers/ashdown-test/")
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        URL_A, {"section": anchor, "was_clear": "yes", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


def test_officer_sees_only_their_own_councils_feedback_in_admin(
    client, officer_a, officer_b, council_a, council_b
):
    feedback_a = FeedbackFactory(council=council_a, comment="Comment about Ashdown")
    FeedbackFactory(council=council_b, comment="Comment about Brackenford")

    client.force_login(officer_b)
    changelist = client.get("/admin/offers/feedback/").content.decode()
    assert "Comment about Brackenford" in changelist
    assert "Comment about Ashdown" not in changelist
    assert client.get(f"/admin/offers/feedback/{feedback_a.pk}/change/").status_code == 404

    client.force_login(officer_a)
    assert "Comment about Ashdown" in client.get("/admin/offers/feedback/").content.decode()
