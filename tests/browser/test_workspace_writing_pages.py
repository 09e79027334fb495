"""The workspace's writing pages in chromium: axe-core with every rule (best practice
included) on the task list, a section's page, an entry's form and that form with errors, at
desktop width and at 320 px with nothing off the side; the error summary takes focus."""

import pytest
from django.urls import reverse

from offers.writing import ABOUT_INTRODUCTION, ABOUT_MANAGER, task_answer_set

from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.slow]


def pages(offer):
    section = offer.sections.get()
    entry = section.allowances.get()
    slug = offer.council.slug
    return {
        "task list": reverse("workspace:tasks", args=[slug]),
        "section": reverse("workspace:section", args=[slug, section.key]),
        "entry form": reverse("workspace:entry_add", args=[slug, section.key, "allowances"]),
        "change entry": reverse(
            "workspace:entry_change", args=[slug, section.key, "allowances", entry.key]
        ),
        "remove entry": reverse(
            "workspace:entry_remove", args=[slug, section.key, "allowances", entry.key]
        ),
        "section text": reverse("workspace:section_details", args=[slug, section.key]),
        "add a section": reverse("workspace:section_add", args=[slug]),
        "remove a section": reverse("workspace:section_remove", args=[slug, section.key]),
        "order of sections": reverse("workspace:sections_order", args=[slug]),
        "general approach": reverse("workspace:about", args=[slug, "introduction"]),
        "offer details": reverse("workspace:about", args=[slug, "manager"]),
        "check": reverse("workspace:check", args=[slug]),
        "send for approval": reverse("workspace:send", args=[slug]),
        "import": reverse("workspace:import", args=[slug]),
    }


# The status words of a task list that the browser broke inside a word (none should be).
BROKEN_STATUSES = """() => [...document.querySelectorAll('.govuk-task-list__status')].filter(el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node, broken = false;
  while ((node = walker.nextNode())) {
    let top = null;
    for (let i = 0; i < node.textContent.length; i++) {
      if (/\\s/.test(node.textContent[i])) { top = null; continue; }
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const now = range.getBoundingClientRect().top;
      if (top !== null && Math.abs(now - top) > 2) broken = true;
      top = now;
    }
  }
  return broken;
}).map(el => el.textContent.trim())"""


def test_task_statuses_stay_whole_words_at_320px(new_page, officer_a, offer_a):
    """The site breaks officers' long words anywhere; the task list's own status words
    ("Completed" beside a two-line task name) must not be split."""
    for task in (ABOUT_INTRODUCTION, ABOUT_MANAGER, str(offer_a.sections.get().key)):
        task_answer_set(offer=offer_a, by=officer_a, task=task, completed=True)
    offer_a.sections.update(heading="Money and help with the costs of raising the child")
    page = new_page(user=officer_a, width=320, height=800)
    page.goto(reverse("workspace:tasks", args=[offer_a.council.slug]))
    assert "Completed" in page.locator(".govuk-task-list").first.inner_text()
    assert page.evaluate(BROKEN_STATUSES) == []


@pytest.mark.parametrize("width", [1024, 320])
def test_writing_pages_have_no_axe_violations(new_page, officer_a, offer_a, width):
    page = new_page(user=officer_a, width=width, height=800)
    for name, address in pages(offer_a).items():
        page.goto(address)
        assert page.locator("h1").count() == 1, name
        assert_no_axe_violations(page)
        if width == 320:
            assert_no_horizontal_scroll(page, 320)


@pytest.mark.parametrize("width", [1024, 320])
def test_an_entry_form_with_errors_has_no_axe_violations_and_focuses_the_summary(
    new_page, officer_a, offer_a, width
):
    page = new_page(user=officer_a, width=width, height=800)
    page.goto(pages(offer_a)["entry form"])
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Save and return to the section").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.closest('.govuk-error-summary') !== null")
    assert_no_axe_violations(page)
    if width == 320:
        assert_no_horizontal_scroll(page, 320)
    # Each link moves to its field.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_name"


def test_add_another_age_band_works_with_javascript_off(new_page, officer_a, offer_a):
    page = new_page(user=officer_a, javascript=False)
    page.goto(pages(offer_a)["entry form"])
    page.locator("#id_bands-0-amount").fill("184.00")
    page.get_by_role("button", name="Add another age band").click()
    page.wait_for_load_state()
    assert page.locator("#id_bands-1-amount").count() == 1
    assert page.locator("#id_bands-0-amount").input_value() == "184.00"


@pytest.mark.parametrize("width", [1024, 320])
def test_error_states_of_the_other_forms_have_no_axe_violations(
    new_page, officer_a, offer_a, council_b, officer_b, width
):
    page = new_page(user=officer_a, width=width, height=800)
    for name in ("offer details", "add a section", "section", "remove entry", "import"):
        page.goto(pages(offer_a)[name])
        if name == "offer details":
            page.fill("#id_next_review_due_month", "13")
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state()
        assert page.title().startswith("Error: "), name
        assert_no_axe_violations(page)
        if width == 320:
            assert_no_horizontal_scroll(page, 320)
    starter = new_page(user=officer_b, width=width, height=800)
    starter.goto(reverse("workspace:start", args=[council_b.slug]))
    assert_no_axe_violations(starter)
    starter.get_by_role("button", name="Continue").click()
    starter.wait_for_load_state()
    assert starter.title().startswith("Error: ")
    assert_no_axe_violations(starter)
