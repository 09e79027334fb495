"""The feedback inbox in the workspace: officers mark families' answers as handled (recorded
in the audit trail), filter them by page and by handled or not, and download them as CSV; what
families said never changes, and another council's answers are never shown or touched.
Cast: an editor and an approver of council A, an editor of council B, a site administrator."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied

from offers.feedback_inbox import CSV_HEADER, feedback_mark_handled
from offers.models import AuditAction, AuditEvent, Feedback
from offers.spreadsheets import BOM

from .factories import FeedbackFactory

pytestmark = pytest.mark.django_db

INBOX = "/workspace/ashdown-test/feedback/"
EXPORT = "/workspace/ashdown-test/feedback/export/"
EXPORT_B = "/workspace/brackenford-test/feedback/export/"


@pytest.fixture
def answers(offer_a, offer_b):
    """Two answers for council A on different pages, one for council B."""
    return {
        "money": FeedbackFactory(council=offer_a.council, comment="What is means-tested?"),
        "overview": FeedbackFactory(
            council=offer_a.council,
            section_anchor="overview",
            section_heading="Overview",
            was_clear=True,
            comment="",
        ),
        "theirs": FeedbackFactory(
            council=offer_b.council, section_heading="Brackenford money", comment="B's words"
        ),
    }


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def mark(client, *ids):
    return client.post(INBOX, {"handled": [str(pk) for pk in ids]})


def listed(response) -> list:
    assert response.status_code == 200
    return list(response.context["page"].object_list)


def parse(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline="")))


# --- Marking as handled --------------------------------------------------------------------


def test_officer_marks_feedback_as_handled_and_the_trail_records_it(
    client_a, answers, officer_a, offer_a
):
    money = answers["money"]
    response = mark(client_a, money.pk)
    assert response.status_code == 302
    money = fresh(money)
    assert money.handled_by == officer_a and money.handled_at is not None
    assert money.comment == "What is means-tested?"  # what the family said is unchanged
    [event] = AuditEvent.objects.filter(action=AuditAction.FEEDBACK_HANDLED)
    assert (event.offer, event.actor) == (offer_a, officer_a)
    assert event.detail == "Marked 1 answer from families as handled, about “Financial support”"
    assert fresh(answers["overview"]).handled_at is None


def test_tampered_ids_of_another_councils_feedback_are_not_marked(client_a, answers):
    mark(client_a, answers["money"].pk, answers["theirs"].pk)
    assert fresh(answers["money"]).handled_at is not None
    assert fresh(answers["theirs"]).handled_at is None
    assert not AuditEvent.objects.filter(offer__council=answers["theirs"].council).exists()


def test_service_refuses_another_councils_officer(answers, officer_b, officer_a):
    with pytest.raises(PermissionDenied):
        feedback_mark_handled(feedback=[answers["money"]], by=officer_b)
    assert fresh(answers["money"]).handled_at is None
    assert not AuditEvent.objects.exists()
    # The same call by the council's own officer works.
    assert feedback_mark_handled(feedback=[answers["money"]], by=officer_a) == 1


def test_handled_feedback_keeps_who_handled_it_first(answers, officer_a, approver_a):
    feedback_mark_handled(feedback=[answers["money"]], by=officer_a)
    first = fresh(answers["money"]).handled_at
    assert feedback_mark_handled(feedback=[answers["money"]], by=approver_a) == 0
    money = fresh(answers["money"])
    assert (money.handled_by, money.handled_at) == (officer_a, first)
    assert AuditEvent.objects.filter(action=AuditAction.FEEDBACK_HANDLED).count() == 1


def test_the_inbox_shows_who_handled_an_answer_as_text(client_a, answers, officer_a):
    feedback_mark_handled(feedback=[answers["money"]], by=officer_a)
    html = client_a.get(INBOX, {"state": "handled"}).content.decode()
    assert "What is means-tested?" in html and "officer-a" in html
    assert "/admin/" not in html


# --- Filters -------------------------------------------------------------------------------


def test_filter_unread_and_handled(client_a, answers, officer_a):
    feedback_mark_handled(feedback=[answers["money"]], by=officer_a)
    assert listed(client_a.get(INBOX, {"state": "unread"})) == [answers["overview"]]
    assert listed(client_a.get(INBOX, {"state": "handled"})) == [answers["money"]]


def test_filter_by_page_lists_only_own_councils_pages(client_a, answers):
    response = client_a.get(INBOX, {"page": "overview"})
    assert listed(response) == [answers["overview"]]
    html = response.content.decode()
    assert '<option value="financial">Financial support</option>' in html
    assert "Brackenford money" not in html


# --- CSV -------------------------------------------------------------------------------------


def test_csv_is_utf8_with_a_bom_and_parses_back(client_a, answers):
    response = client_a.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="feedback-')
    rows = parse(response)
    assert rows[0] == list(CSV_HEADER)
    by_page = {row[2]: row for row in rows[1:]}
    assert set(by_page) == {"financial", "overview"}
    assert by_page["financial"][1:6] == [
        "Ashdown Test Council",
        "financial",
        "Financial support",
        "No",
        "What is means-tested?",
    ]
    assert by_page["overview"][4] == "Yes"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(client_a, offer_a, start):
    comment = f'{start}HYPERLINK("https://evil.example","Click")'
    FeedbackFactory(council=offer_a.council, comment=comment, section_heading=f"{start}SUM(A1)")
    [_header, row] = parse(client_a.get(EXPORT))
    assert row[5] == "'" + comment
    assert row[3] == f"'{start}SUM(A1)"


def test_csv_follows_the_filters(client_a, answers, officer_a):
    feedback_mark_handled(feedback=[answers["money"]], by=officer_a)
    rows = parse(client_a.get(EXPORT, {"state": "unread"}))
    assert [row[2] for row in rows[1:]] == ["overview"]
    [_header, handled] = parse(client_a.get(EXPORT, {"state": "handled"}))
    assert handled[8] == "officer-a" and handled[7]


def test_csv_holds_only_the_officers_own_council(client, answers, officer_a, officer_b):
    client.force_login(officer_b)
    assert client.get(EXPORT).status_code == 404
    rows = parse(client.get(EXPORT_B))
    assert [row[1] for row in rows[1:]] == ["Brackenford Test Council"]
    assert "means-tested" not in "".join(map(str, rows))
    # The same request by A's officer has A's answers.
    client.force_login(officer_a)
    rows = parse(client.get(EXPORT))
    assert sorted(row[1] for row in rows[1:]) == ["Ashdown Test Council"] * 2


def test_inbox_links_to_the_csv_with_the_current_filters(client_a, answers, officer_a):
    feedback_mark_handled(feedback=[answers["money"]], by=officer_a)
    html = client_a.get(INBOX, {"state": "handled"}).content.decode()
    assert f'href="{EXPORT}?state=handled' in html


def test_site_admin_exports_any_council(client_admin, answers):
    rows = parse(client_admin.get(EXPORT))
    assert len(rows) == 1 + Feedback.objects.filter(council=answers["money"].council).count()


def test_nobody_without_a_council_can_export(client, answers):
    from .factories import UserFactory

    client.force_login(UserFactory(username="stranger", is_staff=True))
    response = client.get(EXPORT)
    assert response.status_code in (403, 404)
    assert "means-tested" not in response.content.decode()
