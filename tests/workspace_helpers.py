"""Reading workspace pages as a browser would: the error summary, its links and the ids
they point at (html5lib, as test_html_wellformed does)."""

import html5lib


def tree(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def error_summary(response) -> list[tuple[str, str]]:
    """[(the id a link points at, its words)] of the page's error summary."""
    page = tree(response)
    found = []
    for summary in page.iter("div"):
        if "govuk-error-summary" in (summary.get("class") or "").split():
            for link in summary.iter("a"):
                found.append((link.get("href", "").removeprefix("#"), _text(link)))
    return found


def inline_errors(response) -> list[str]:
    """The words of each inline error message (without its hidden "Error:")."""
    page = tree(response)
    return [
        _text(p).removeprefix("Error:").strip()
        for p in page.iter("p")
        if "govuk-error-message" in (p.get("class") or "").split()
    ]


def assert_error_summary_points_at_fields(response) -> list[tuple[str, str]]:
    """Every error summary link points at an element on the page, in the words of an inline
    message there, and the title starts "Error:"; returns the links."""
    links = error_summary(response)
    assert links, "the page has no error summary"
    page = tree(response)
    ids = {element.get("id") for element in page.iter() if element.get("id")}
    messages = inline_errors(response)
    for target, words in links:
        assert target in ids, f"the error summary links to #{target}, which is not on the page"
        assert words in messages, f"“{words}” is not the words of any message beside a field"
    title = _text(next(page.iter("title")))
    assert title.startswith("Error: "), title
    return links


def publish_form(summary: str, **overrides) -> dict:
    """What the approvals page's "Publish now" posts: keep the last reviewed date, the next
    review on 1 April 2027, and the checklist's gaps accepted."""
    return {
        "action": "publish",
        "publish-summary": summary,
        "publish-review": "keep",
        "publish-next_review_due_day": "1",
        "publish-next_review_due_month": "4",
        "publish-next_review_due_year": "2027",
        "publish-accept_gaps": "on",
        **overrides,
    }
