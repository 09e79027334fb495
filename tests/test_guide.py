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


def test_every_page_of_the_guide_says_who_to_call_day_and_night(client, guide):
    """Issue 20: the council's number was only on the overview. One box, from the document:
    the day-time number with its hours and the number for when the office is closed."""
    ContactFactory(
        section=guide.sections.get(kind="contacts"),
        name="Emergency duty team",
        phone="0161 496 0199",
        opening_hours="Evenings, weekends and bank holidays",
    )
    revision = publish(guide, None, "Out of hours")
    pages = [URL, URL + "situations/", URL + "print/"]
    pages += [f"{URL}{s['anchor']}/" for s in revision.content["sections"]]
    for page in pages:
        html = client.get(page).content.decode()
        box = html[html.index('id="contact-heading"') :]
        box = box[: box.index("</aside>")]
        assert "Contact Ashdown Test Council" in box, page
        assert 'Kinship team: <a class="govuk-link kp-call__number" href="tel:01614960123">' in box
        assert "Monday to Friday, 9am to 5pm" in box, page
        assert (
            'Emergency duty team: <a class="govuk-link kp-call__number" href="tel:01614960199">'
            in box
        )
        assert "Evenings, weekends and bank holidays" in box, page


def test_the_out_of_hours_number_is_found_by_what_the_contact_says():
    day = {"key": "c1", "name": "Kinship team", "phone": "0161 496 0100", "opening_hours": "9 to 5"}
    night = {"key": "c2", "name": "Out-of-hours team", "phone": "0161 496 0199"}
    fortnightly = {
        "key": "c3",
        "name": "Drop-in",
        "phone": "0161 496 0150",
        "opening_hours": "Fortnightly",
    }
    doc = _doc(_section("contacts", "contacts", contacts=[night, fortnightly, day]))
    contact = answers.council_contact(doc)
    assert contact.main.name == "Drop-in"  # a day-time number comes before the night one
    assert contact.out_of_hours.name == "Out-of-hours team"
    assert (
        answers.council_contact(_doc(_section("contacts", "contacts", contacts=[day]))).out_of_hours
        is None
    )
    # Without any contact, the council's own number from the document.
    doc = {
        **_doc(),
        "council": {"name": "Testshire", "phone": "0161 496 0000", "email": "", "website": ""},
    }
    assert answers.council_contact(doc).main.phone == "0161 496 0000"


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


def test_answer_with_no_money_for_the_family_says_so_and_calls_nothing_else_money(client, guide):
    """Issue 20: "other help with money" came from the section a service sat in (and a
    charity's counselling was listed as money); now only money entry types are money, and
    the answer promises nothing the offer does not say (no "one-off payment" sentence)."""
    html = client.get(URL + "?for=informal").content.decode()
    start = html.index('id="answer-heading"')
    answer = html[start : html.index("</section>", start)]
    assert "None of the allowances in this offer is for your situation." in answer
    assert f'href="{URL}financial/?for=informal">Read the money page</a>' in answer
    assert "Counselling for carers" not in answer
    assert "Help to check your benefits" not in answer
    assert "one-off payment" not in answer and "call us" not in answer.lower()
    assert "Allowance A" not in answer


def test_answer_for_an_offer_with_no_allowances_does_not_mention_other_allowances(
    client, offer_a, approver_a
):
    offer_a.sections.get().allowances.all().delete()
    publish(offer_a, approver_a)
    html = client.get(URL + "?for=sgo").content.decode()
    assert "This offer does not list any allowances." in html
    assert "None of the allowances" not in html


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
        if target == f"{URL}social-work/":  # "Show everything on this page" (issue 20)
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
    assert [m.name for m in answers.at_a_glance(_doc(money), "cao").money] == ["Start-up"]


def _allowance(key, name, band, amount, **fields):
    return {
        "key": key,
        "name": name,
        "amount": amount,
        "frequency": "weekly",
        "means_tested": False,
        "applies_from": "2026-04-06",
        "age_band": band,
        "arrangement_types": ["kinship_foster"],
        **fields,
    }


def test_age_bands_of_one_allowance_make_one_group_and_other_allowances_stay_apart():
    bands = [
        _allowance("a1", "Fostering allowance", "Age 0 to 4", "180.00"),
        _allowance("a2", "Fostering allowance", "Age 5 to 10", "200.00"),
        _allowance("a3", "Setting-up payment", "", "400.00", frequency="one_off"),
        _allowance("a4", "Fostering allowance", "Age 11 to 17", "250.00"),
        _allowance("a5", "Fostering allowance", "Age 18 to 21", "250.00", means_tested=True),
    ]
    groups = answers.allowance_groups(bands)
    assert [[entry["key"] for entry in group] for group in groups] == [
        ["a1", "a2"],
        ["a3"],
        ["a4"],  # the council listed it after another allowance: kept where it put it
        ["a5"],  # means-tested, unlike the band before it
    ]
    answer = answers.at_a_glance(
        _doc(_section("financial", "financial", allowances=bands)), "kinship_foster"
    )
    first = answer.money_groups[0]
    assert (first.name, first.has_age_bands) == ("Fostering allowance", True)
    assert [(band.age_band, band.amount) for band in first.bands] == [
        ("Age 0 to 4", "£180 a week"),
        ("Age 5 to 10", "£200 a week"),
    ]
    assert first.fragment == "allowances-a1"
    assert answer.money_groups[1].has_age_bands is False


def test_only_money_entry_types_are_money_in_the_answer():
    """The entry-type registry says what is money, not the section an entry is in."""
    from offers.entry_types import ENTRY_TYPES

    assert [t.key for t in ENTRY_TYPES if t.money] == ["allowances"]
    for entry_type in ENTRY_TYPES:
        if entry_type.money:  # the answer reads these fields of every money entry
            assert {"name", "amount", "frequency", "means_tested", "age_band"} <= set(
                entry_type.fields
            )
    money = _section(
        "financial",
        "financial",
        support_services=[
            {"key": "s1", "title": "Counselling for carers", "arrangement_types": []}
        ],
    )
    late = _section("age_18", "age-18", allowances=[_allowance("a9", "Staying Put", "", "216.00")])
    answer = answers.at_a_glance(_doc(money, late), "kinship_foster")
    assert [group.name for group in answer.money_groups] == ["Staying Put"]
    assert answer.money_anchor == "financial"
