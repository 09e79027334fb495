"""'What applies to me': a family picks its arrangement and sees only the support for it."""

import copy

import pytest

from offers.applicability import arrangement_from_query, document_for_arrangement

from .conftest import publish
from .public_offer_helpers import add_informal_and_sgo_entries


def _doc():
    entries = {
        "social_work_services": [],
        "support_services": [],
        "training_courses": [],
        "peer_groups": [],
        "contacts": [],
    }
    return {
        "schema": 1,
        "offer": {"title": "Offer"},
        "sections": [
            {
                "key": "k1",
                "anchor": "financial",
                "heading": "Money",
                "arrangement_types": [],
                "allowances": [
                    {"key": "k10", "name": "SGO allowance", "arrangement_types": ["sgo"]},
                    {"key": "k11", "name": "Informal grant", "arrangement_types": ["informal"]},
                    {"key": "k12", "name": "For all", "arrangement_types": []},
                ],
                **entries,
            },
            {
                "key": "k2",
                "anchor": "legal",
                "heading": "Legal",
                "arrangement_types": ["sgo", "cao"],
                "allowances": [],
                **entries,
            },
            {
                "key": "k3",
                "anchor": "housing",
                "heading": "Housing",
                "arrangement_types": ["informal"],
                "allowances": [],
                **entries,
            },
        ],
    }


def _names(doc):
    return [a["name"] for s in doc["sections"] for a in s["allowances"]]


def test_sgo_family_sees_sgo_items_and_items_for_everyone_only():
    shown = document_for_arrangement(_doc(), "sgo")
    assert [s["heading"] for s in shown["sections"]] == ["Money", "Legal"]
    assert _names(shown) == ["SGO allowance", "For all"]


def test_informal_family_sees_informal_items_and_items_for_everyone_only():
    shown = document_for_arrangement(_doc(), "informal")
    assert [s["heading"] for s in shown["sections"]] == ["Money", "Housing"]
    assert _names(shown) == ["Informal grant", "For all"]


@pytest.mark.parametrize("code", [None, "", "not_sure"])
def test_not_sure_shows_everything(code):
    assert document_for_arrangement(_doc(), code) == _doc()


def test_filtering_never_changes_the_published_document():
    doc = _doc()
    before = copy.deepcopy(doc)
    document_for_arrangement(doc, "sgo")
    document_for_arrangement(doc, "not_sure")
    assert doc == before


def test_an_unknown_code_is_refused_by_the_rule():
    with pytest.raises(ValueError):
        document_for_arrangement(_doc(), "pirates")


def test_the_query_value_is_read_without_errors():
    assert arrangement_from_query("sgo") == ("sgo", False)
    assert arrangement_from_query("not_sure") == (None, False)
    assert arrangement_from_query(None) == (None, False)
    assert arrangement_from_query("<script>") == (None, True)


@pytest.fixture
def live_mixed_offer(offer_a, approver_a):
    add_informal_and_sgo_entries(offer_a)
    publish(offer_a, approver_a)
    return offer_a


def test_for_sgo_hides_informal_only_support_and_shows_sgo_support(client, live_mixed_offer):
    overview = client.get("/offers/ashdown-test/?for=sgo").content.decode()
    assert "Legal help for SGO carers" in overview  # in the contents
    assert "Housing for informal carers" not in overview
    assert 'value="sgo" checked' in overview
    assert '<a class="govuk-link" href="/offers/ashdown-test/">Show everything</a>' in overview
    money = client.get("/offers/ashdown-test/financial-2/?for=sgo").content.decode()
    assert "SGO weekly allowance" in money
    assert "Birthday grant for all" in money
    assert "Informal carers&#x27; grant" not in money
    # Every link onwards keeps the family's situation.
    assert 'href="/offers/ashdown-test/legal/?for=sgo"' in money


def test_the_unfiltered_pages_show_every_family_everything(client, live_mixed_offer):
    overview = client.get("/offers/ashdown-test/").content.decode()
    assert "Housing for informal carers" in overview and "Legal help for SGO carers" in overview
    assert "Show everything" not in overview
    money = client.get("/offers/ashdown-test/financial-2/").content.decode()
    assert "Informal carers&#x27; grant" in money and "SGO weekly allowance" in money


def test_not_sure_shows_the_whole_offer_with_the_explainer_linked(client, live_mixed_offer):
    """Issue 20: "I'm not sure, show me everything" led to the explainer, not to everything."""
    response = client.get("/offers/ashdown-test/?for=not_sure")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Housing for informal carers" in html and "Legal help for SGO carers" in html
    assert "we are showing everything in this offer" in html
    assert 'href="/offers/ashdown-test/situations/">Find out what each situation means</a>' in html
    assert 'value="not_sure" checked' in html
    assert "At a glance" not in html


def test_the_situation_form_sent_with_nothing_chosen_gets_a_govuk_error(client, live_mixed_offer):
    """Issue 20: an empty submission gave no message. The form sends an empty "for" before
    its radios, so "?for=" alone is the form sent with nothing chosen."""
    html = client.get("/offers/ashdown-test/?for=").content.decode()
    assert "<title>Error: Ashdown test offer – " in html
    summary = html[html.index("govuk-error-summary") : html.index("<h1")]
    assert "There is a problem" in summary
    assert '<a href="#for-kinship_foster">Select how the child lives with you</a>' in summary
    assert (
        '<p id="for-error" class="govuk-error-message"><span class="govuk-visually-hidden">'
        "Error:</span> Select how the child lives with you</p>"
    ) in html
    assert 'aria-describedby="for-hint for-error"' in html
    assert 'id="for-kinship_foster"' in html
    # The plain overview (no "for" at all) is not an error.
    plain = client.get("/offers/ashdown-test/").content.decode()
    assert "There is a problem" not in plain and "govuk-form-group--error" not in plain


def test_the_situation_form_sent_with_a_choice_goes_to_that_choices_address(
    client, live_mixed_offer
):
    html = client.get("/offers/ashdown-test/").content.decode()
    form = html[html.index('<form method="get"') : html.index("</form>")]
    assert form.index('<input type="hidden" name="for" value="">') < form.index('type="radio"')
    response = client.get("/offers/ashdown-test/?for=&for=sgo")
    assert response.status_code == 302
    assert response["Location"] == "/offers/ashdown-test/?for=sgo"
    not_sure = client.get("/offers/ashdown-test/?for=&for=not_sure")
    assert not_sure["Location"] == "/offers/ashdown-test/?for=not_sure"


def test_a_filtered_overview_names_the_situation_and_links_to_everything(client, live_mixed_offer):
    html = client.get("/offers/ashdown-test/?for=informal").content.decode()
    assert (
        "Showing the parts of this offer for: <strong>Informal or private family arrangement"
        "</strong>. "
        '<a class="govuk-link" href="/offers/ashdown-test/">Show everything</a>'
    ) in html


def test_a_filtered_section_page_says_so_and_what_it_left_out(client, live_mixed_offer):
    """Issue 20: a filtered page dropped entries silently (the allowance table vanished
    under a summary that still promised allowances)."""
    html = client.get("/offers/ashdown-test/financial-2/?for=sgo").content.decode()
    assert (
        "Showing what is for: <strong>Special guardianship order (SGO)</strong>. "
        '<a class="govuk-link" href="/offers/ashdown-test/financial-2/">'
        "Show everything on this page</a>"
    ) in html
    assert "1 more allowance on this page is for other situations, not yours." in html
    assert 'href="/offers/ashdown-test/financial-2/">See everything on this page</a>' in html
    # A page with nothing for them says that in words, and links to the rest.
    html = client.get("/offers/ashdown-test/financial/?for=informal").content.decode()
    assert "The allowance on this page is for other situations, not yours." in html
    assert 'href="/offers/ashdown-test/financial/">See everything on this page</a>' in html
    # Unfiltered, nothing is said to be left out.
    html = client.get("/offers/ashdown-test/financial/").content.decode()
    assert "Showing what is for" not in html and "other situations" not in html


def test_an_unknown_arrangement_shows_a_message_and_everything(client, live_mixed_offer):
    response = client.get("/offers/ashdown-test/?for=martians")
    html = response.content.decode()
    assert response.status_code == 200
    assert "We did not recognise the situation in the web address" in html
    assert "Housing for informal carers" in html and "Legal help for SGO carers" in html
    assert "martians" not in html


def test_the_form_is_a_plain_get_form_with_a_label_for_every_choice(client, live_mixed_offer):
    html = client.get("/offers/ashdown-test/").content.decode()
    assert '<form method="get"' in html
    for code in (
        "kinship_foster",
        "sgo",
        "cao",
        "adoption",
        "informal",
        "private_fostering",
        "not_sure",
    ):
        assert f'id="for-{code}" name="for" type="radio" value="{code}"' in html
        assert f'<label class="govuk-label govuk-radios__label" for="for-{code}">' in html
