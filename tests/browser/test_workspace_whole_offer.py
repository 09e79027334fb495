"""A new council's editor writes a whole offer in the workspace in chromium, as they would:
starts empty, fills in the offer's details, adds 7 sections with 20 entries between them,
says each is complete and sends it for approval; then an approver publishes it from the
approvals page. The test counts the page loads and clicks each took (in the admin a similar
offer took 61 page loads and 101 clicks)."""

import datetime

import pytest

from offers.choices import Role
from offers.entry_types import ENTRY_KEYS
from offers.models import Offer
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.slow]

APPLIES_FROM = datetime.date(2026, 4, 1)

# (kind's label, heading, entry type's noun, [entries: {field id: value}])
SECTIONS = [
    (
        "Financial support",
        "Money you can get",
        "allowance",
        [
            {
                "#id_name": "Special guardianship allowance",
                "radio": "#id_frequency_0",
                "#id_bands-0-age_band": "Age 0 to 10",
                "#id_bands-0-amount": "184.00",
                "band": ("Age 11 and over", "210.00"),
                "#id_how_to_apply": "Ask your social worker.",
            },
            {
                "#id_name": "Setting up home grant",
                "radio": "#id_frequency_4",
                "#id_bands-0-amount": "500.00",
                "#id_how_to_apply": "Ask your social worker.",
            },
            {
                "#id_name": "Child arrangements allowance",
                "radio": "#id_frequency_0",
                "#id_bands-0-amount": "150.00",
                "#id_how_to_apply": "Ask your social worker.",
            },
        ],
    ),
    (
        "Social work support",
        "What our social workers do",
        "social work service",
        [
            {"radio": "#id_kind_0", "#id_what_happens": "We visit you and write the assessment."},
            {"radio": "#id_kind_1", "#id_what_happens": "We agree a plan with you."},
            {"radio": "#id_kind_2", "#id_what_happens": "We write a report for the court."},
        ],
    ),
    (
        "Peer support",
        "Meet other carers",
        "peer support group",
        [
            {"#id_name": "Grandparents group", "#id_meets": "Tuesdays 10am"},
            {"#id_name": "Young carers club", "#id_meets": "Saturdays 2pm"},
        ],
    ),
    (
        "Training for carers",
        "Training for you",
        "training course",
        [
            {"#id_title": "Understanding trauma", "radio": "#id_format_0"},
            {"#id_title": "Life story work", "radio": "#id_format_1"},
            {"#id_title": "Caring for teenagers", "radio": "#id_format_2"},
        ],
    ),
    (
        "Health and wellbeing",
        "Health and wellbeing",
        "support service",
        [
            {"#id_title": "Therapy for children", "#id_provider": "Brightside (a local charity)"},
            {"#id_title": "Counselling for carers"},
            {"#id_title": "Health visitor checks"},
        ],
    ),
    (
        "Housing",
        "Help with housing",
        "support service",
        [{"#id_title": "Housing advice"}, {"#id_title": "Help to move to a bigger home"}],
    ),
    (
        "Contacts",
        "Who to contact",
        "contact",
        [
            {"#id_name": "Kinship team", "#id_phone": "0161 496 0123"},
            {"#id_name": "Out of hours", "#id_phone": "0161 496 0124"},
            {"#id_name": "Virtual school", "#id_phone": "0161 496 0125"},
        ],
    ),
]


class Counted:
    """Clicks and page loads of one page, as the officer makes them."""

    def __init__(self, page):
        self.page, self.clicks, self.loads = page, 0, 0
        page.on("load", lambda _: self._loaded())

    def _loaded(self):
        self.loads += 1

    def click(self, selector_or_locator):
        self.clicks += 1
        target = (
            self.page.locator(selector_or_locator)
            if isinstance(selector_or_locator, str)
            else selector_or_locator
        )
        target.click()
        self.page.wait_for_load_state()

    def button(self, name):
        self.click(self.page.get_by_role("button", name=name, exact=True))

    def link(self, name):
        self.click(self.page.get_by_role("link", name=name, exact=True))


def test_a_new_councils_editor_writes_a_whole_offer_and_an_approver_publishes_it(
    new_page, council_b, officer_b
):
    page = new_page(user=officer_b, width=1024, height=900)
    ui = Counted(page)
    page.goto(f"/workspace/{council_b.slug}/")
    page.wait_for_load_state()

    ui.click("#start-empty")
    ui.button("Continue")
    ui.link("Title and general approach")
    page.fill("#id_title", "Kinship support in Brackenford")
    page.fill("#id_introduction", "We help every family who raises a relative's child.")
    ui.click("#id_completed_0")
    ui.button("Save and continue")
    ui.link("Responsible manager and review dates")
    page.fill("#id_manager_name", "Pat Example")
    page.fill("#id_manager_job_title", "Head of Kinship Services")
    ui.click("#id_completed_0")
    ui.button("Save and continue")

    entries = 0
    for kind, heading, noun, items in SECTIONS:
        ui.link("Add a section")
        ui.click(page.get_by_label(kind, exact=True))
        page.fill("#id_heading", heading)
        page.fill("#id_summary", f"{heading}, and how to ask.")
        ui.button("Add the section")
        article = "an" if noun[0] in "aeiou" else "a"
        ui.link(f"Add {article} {noun}")
        for n, item in enumerate(items):
            for selector, value in item.items():
                if selector == "radio":
                    ui.click(value)
                elif selector == "band":
                    ui.button("Add another age band")
                    page.fill("#id_bands-1-age_band", value[0])
                    page.fill("#id_bands-1-amount", value[1])
                    entries += 1
                else:
                    page.fill(selector, value)
            if noun == "allowance":
                page.fill("#id_applies_from_day", str(APPLIES_FROM.day))
                page.fill("#id_applies_from_month", str(APPLIES_FROM.month))
                page.fill("#id_applies_from_year", str(APPLIES_FROM.year))
            entries += 1
            last = n == len(items) - 1
            ui.button("Save and return to the section" if last else "Save and add another")
            assert not page.locator(".govuk-error-summary").count(), page.content()[:3000]
        ui.click("#id_completed_0")
        ui.button("Save and continue to the next section")

    assert entries == 20
    assert "Cannot start yet" not in page.locator("main").inner_text()
    ui.link("Send for approval")
    page.fill("#id_note", "Our first offer, ready for you to check.")
    ui.button("Send for approval")
    assert "Sent for approval" in page.locator("main").inner_text()

    offer = Offer.objects.get(council=council_b)
    assert offer.sections.count() == 7
    editor = (ui.loads, ui.clicks)

    # The approver opens the task list, then "Publish", and publishes it.
    approver = MembershipFactory(council=council_b, role=Role.APPROVER).user
    page = new_page(user=approver, width=1024, height=900)
    ui = Counted(page)
    page.goto(f"/workspace/{council_b.slug}/")
    page.wait_for_load_state()
    ui.link("Publish")
    publish = page.locator("form", has=page.get_by_role("button", name="Publish now"))
    publish.get_by_label("What changed, in words families will understand").fill("First offer")
    ui.click(publish.locator("input[type=radio][value=keep]"))
    gaps = publish.get_by_label("Publish with these gaps")
    if gaps.count():
        ui.click(gaps)
    ui.button("Publish now")
    assert page.locator(".govuk-error-summary").count() == 0, page.locator("main").inner_text()
    offer.refresh_from_db()
    published = offer.published_revision.content["sections"]
    assert sum(len(section[key]) for section in published for key in ENTRY_KEYS) == 20
    print(
        f"\nA whole offer, 7 sections and 20 entries: the editor {editor[0]} page loads and "
        f"{editor[1]} clicks, the approver {ui.loads} and {ui.clicks}"
    )
