"""The offer as a guide: the overview and its "At a glance" answer, a page per section,
"What does my situation mean?", and the answer rules (offers.answers) on their own.

Cast: an officer of council A, an officer of council B, an approver of A, and an
anonymous carer (the plain client)."""

import pytest
from django.utils.html import escape

from offers import answers
from offers.choices import ARRANGEMENT_EXPLANATIONS, ArrangementType
from offers.models import Offer
from offers.services import preview_link_create, preview_link_token

from .conftest import publish
from .factories import (
    AllowanceFactory,
    ContactFactory,
    SectionFactory,
    SocialWorkServiceFactory,
    SupportServiceFactory,
)

URL = "/offers/ashdown-test/"


@pytest.fixture
def guide(offer_a, approver_a):
    """Council A's offer: money for SGO carers only, benefits advice for everyone, social work
    support, a charity's help, and a contacts section with opening hours."""
    money = offer_a.sections.get()  # "Money for carers A": "Allowance A", £190 a week, SGO
    SupportServiceFactory(
        section=money, title="Help to check your benefits", provider="Ashdown Welfare Rights"
    )
    social = SectionFactory(offer=offer_a, kind="social_work", heading="What social workers do")
    SocialWorkServiceFactory(section=social, kind="form_k", arrangement_types=["kinship_foster"])
    SocialWorkServiceFactory(section=social, kind="support_plan", arrangement_types=[])
    health = SectionFactory(offer=offer_a, kind="health", heading="Health")
    SupportServiceFactory(
        section=health,
        title="Counselling for carers",
        provider="Ashdown Family Friends (a local charity)",
    )
    SupportServiceFactory(
        section=health, title="Council therapy team", provider="Ashdown Test Council"
    )
    contacts = SectionFactory(offer=offer_a, kind="contacts", heading="Contact us")
    ContactFactory(
        section=contacts,
        name="Kinship team",
        phone="0161 496 0123",
        opening_hours="Monday to Friday, 9am to 5pm",
    )
    publish(offer_a, approver_a)
    return offer_a


def test_overview_puts_who_to_call_first_then_the_question_then_the_contents(client, guide):
    html = client.get(URL).content.decode()
    call = html.index('href="tel:01614960123"')
    question = html.index("How does the child live with you?")
    contents = html.index('id="contents-heading"')
    assert call < question < contents
    assert "Monday to Friday, 9am to 5pm" in html[call:question]
    assert "At a glance" not in html  # nothing to answer until the family says


def test_answer_for_sgo_lists_the_money_social_work_and_who_to_call(client, guide):
    html = client.get(URL + "?for=sgo").content.decode()
    answer = html[html.index('id="answer-heading"') : html.index("Change how the child lives")]
    assert "Allowance A" in answer and "£190 a week" in answer
    assert "Means-tested" in answer
    key = guide.published_revision.content["sections"][0]["allowances"][0]["key"]
    assert f'href="{URL}financial/?for=sgo#allowances-{key[:8]}"' in answer
    assert "Support plan and reviews" in answer  # for every family
    assert "Kinship assessment (Form K)" not in answer  # for foster carers only
    assert "Kinship team" in answer and "0161 496 0123" in answer
    # The answer comes before the question, so it is on the first screen.
    assert html.index("At a glance") < html.index("Change how the child lives with you")


def test_answer_with_no_money_for_the_family_says_so_and_points_to_other_help(client, guide):
    html = client.get(URL + "?for=informal").content.decode()
    answer = html[html.index('id="answer-heading"') : html.index("Change how the child lives")]
    assert "None of the allowances in this offer is for your situation" in answer
    assert "Help to check your benefits" in answer  # money advice that is for everyone
    assert "Counselling for carers" in answer  # run by a charity, not the council
    assert "Council therapy team" not in answer
    assert "Allowance A" not in answer


def test_answer_lists_money_when_there_is_some_for_the_family(client, offer_a, approver_a):
    AllowanceFactory(
        section=offer_a.sections.get(),
        name="Informal carers' grant",
        amount="300.00",
        frequency="one_off",
        arrangement_types=["informal"],
    )
    publish(offer_a, approver_a)
    html = client.get(URL + "?for=informal").content.decode()
    assert "Informal carers&#x27; grant" in html and "£300 one-off payment" in html
    assert "None of the allowances" not in html


def test_situations_page_explains_every_arrangement_type_and_links_to_its_answer(client, guide):
    html = client.get(URL + "situations/").content.decode()
    assert '<h1 class="govuk-heading-xl">What does my situation mean?</h1>' in html
    for code, explained in ARRANGEMENT_EXPLANATIONS.items():
        assert ArrangementType(code).label.replace('"', "&quot;") in html
        assert escape(explained.parental_responsibility) in html
        assert f'href="{URL}?for={code}"' in html
    assert set(ARRANGEMENT_EXPLANATIONS) == set(ArrangementType.values)


def test_the_question_explains_the_choices_beside_it(client, guide):
    html = client.get(URL).content.decode()
    assert "What do these mean?" in html
    assert escape(ARRANGEMENT_EXPLANATIONS["sgo"].what_it_is) in html
    assert f'href="{URL}situations/"' in html


def test_section_pages_link_previous_and_next_and_the_first_goes_back_to_the_overview(
    client, guide
):
    anchors = [s["anchor"] for s in guide.published_revision.content["sections"]]
    first = client.get(f"{URL}{anchors[0]}/").content.decode()
    assert f'href="{URL}" rel="prev"' in first
    assert f'href="{URL}{anchors[1]}/" rel="next"' in first
    last = client.get(f"{URL}{anchors[-1]}/").content.decode()
    assert f'href="{URL}{anchors[-2]}/" rel="prev"' in last
    assert 'rel="next"' not in last


def test_section_pages_keep_the_situation_in_every_link(client, guide):
    html = client.get(f"{URL}social-work/?for=sgo").content.decode()
    main = html[html.index("<main") :]
    offer_links = [link for link in main.split('href="')[1:] if link.startswith(URL)]
    for link in offer_links:
        target = link.split('"')[0]
        if "/feedback/" in target or target.endswith("/print/"):
            continue
        assert "for=sgo" in target, target


def test_a_page_not_for_the_familys_situation_says_so(client, offer_a, approver_a):
    SectionFactory(offer=offer_a, kind="legal", heading="Court costs", arrangement_types=["sgo"])
    publish(offer_a, approver_a)
    html = client.get(URL + "legal/?for=informal").content.decode()
    assert "This part of the offer is for families with special guardianship order" in html
    assert f'href="{URL}?for=informal">See what is for you' in html


def test_an_unknown_page_is_not_found_in_the_site_layout(client, guide):
    response = client.get(URL + "no-such-part/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and "Skip to main content" in html


def test_what_changed_links_each_change_to_its_sections_page(client, guide, approver_a):
    section = guide.sections.get(kind="health")
    section.summary = "Help for your child's feelings."
    section.save()
    publish(guide, approver_a, "Health summary")
    html = client.get(URL + "changes/").content.decode()
    item = html[html.index("Health: summary changed") :]
    assert f'href="{URL}health/">Read this part' in item.split("</li>")[0]


def test_share_link_previews_every_page_of_the_working_copy(client, offer_a, officer_a):
    link = preview_link_create(offer=offer_a, by=officer_a)
    base = f"/preview/{preview_link_token(link=link)}/"
    Offer.objects.filter(pk=offer_a.pk).update(title="Draft title")
    overview = client.get(base).content.decode()
    assert "Draft title" in overview and f'href="{base}financial/"' in overview
    page = client.get(base + "financial/")
    assert page.status_code == 200 and "Allowance A" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert client.get(base + "nothing-here/").status_code == 404
    assert client.get("/preview/not-a-token/financial/").status_code == 404


# --- The answer rules, on plain documents ---------------------------------------------------


def _doc(*sections):
    return {"schema": 2, "council": None, "offer": {}, "sections": list(sections)}


def _section(kind, anchor, **entries):
    lists = {
        key: []
        for key in (
            "allowances",
            "social_work_services",
            "support_services",
            "training_courses",
            "peer_groups",
            "contacts",
        )
    }
    lists.update(entries)
    return {
        "key": anchor,
        "anchor": anchor,
        "kind": kind,
        "heading": anchor,
        "summary": "",
        "body": "",
        "arrangement_types": [],
        **lists,
    }


def test_main_phone_prefers_the_contacts_section_then_the_council():
    complaints = _section(
        "complaints",
        "complaints",
        contacts=[
            {
                "key": "c1",
                "name": "Complaints",
                "phone": "0161 496 0170",
                "opening_hours": "",
                "arrangement_types": [],
            }
        ],
    )
    team = _section(
        "contacts",
        "contacts",
        contacts=[
            {"key": "c2", "name": "No phone", "phone": "", "arrangement_types": []},
            {
                "key": "c3",
                "name": "Team",
                "phone": "0161 496 0100",
                "opening_hours": "9 to 5",
                "arrangement_types": [],
            },
        ],
    )
    assert answers.main_phone(_doc(complaints, team)).name == "Team"
    assert answers.main_phone(_doc(complaints)).name == "Complaints"
    assert answers.main_phone(_doc(), council_phone="0161 496 0000").phone == "0161 496 0000"
    assert answers.main_phone(_doc()) is None


def test_weekly_and_one_off_money_read_as_families_read_them():
    money = _section(
        "financial",
        "financial",
        allowances=[
            {
                "key": "a1",
                "name": "Weekly",
                "amount": "184.00",
                "frequency": "weekly",
                "means_tested": True,
                "age_band": "",
                "arrangement_types": ["sgo"],
            },
            {
                "key": "a2",
                "name": "Start-up",
                "amount": "1234.50",
                "frequency": "one_off",
                "means_tested": False,
                "age_band": "",
                "arrangement_types": [],
            },
        ],
    )
    answer = answers.at_a_glance(_doc(money), "sgo")
    assert [(m.name, m.amount, m.means_tested) for m in answer.money] == [
        ("Weekly", "£184 a week", True),
        ("Start-up", "£1,234.50 one-off payment", False),
    ]
    assert answer.other_help == []
    assert [m.name for m in answers.at_a_glance(_doc(money), "cao").money] == ["Start-up"]
