from .conftest import publish
from .factories import CouncilFactory


def test_home_lists_councils_a_to_z_with_published_ones_linked(
    client, offer_a, council_b, approver_a
):
    publish(offer_a, approver_a, "First version")
    html = client.get("/").content.decode()
    assert html.index("Ashdown Test Council") < html.index("Brackenford Test Council")
    assert 'href="/offers/ashdown-test/"' in html
    assert "Brackenford Test Council – not published yet" in html


def test_home_page_has_no_crown_and_uses_council_neutral_header(client, db):
    html = client.get("/").content.decode()
    assert "govuk-header__logotype" not in html
    assert "crown" not in html.lower()
    assert '<html lang="en-GB"' in html
    assert 'href="#main-content"' in html


def test_home_explains_kinship_care_in_plain_words(client, db):
    html = client.get("/").content.decode()
    assert "Kinship care is when you look after a child because their parents cannot." in html
    assert "kinship local offer" in html


def test_home_has_council_name_search_box_that_works_without_javascript(client, db):
    html = client.get("/").content.decode()
    assert '<form action="/search/" method="get"' in html
    assert 'for="council-name">Council name</label>' in html
    assert '<div id="council-name-hint" class="govuk-hint">For example, Ashdown</div>' in html
    assert 'id="council-name" name="q"' in html


def test_home_links_unpublished_councils_to_their_website_and_hides_inactive_ones(
    client, council_b
):
    CouncilFactory(name="Closed Test Council", slug="closed-test", is_active=False)
    html = client.get("/").content.decode()
    assert 'href="https://brackenford-test.example"' in html
    assert "Closed Test Council" not in html


def test_home_search_box_submission_finds_council(client, council_b):
    response = client.get("/search/", {"q": "Brackenford city"})
    assert "Brackenford Test Council – not published yet" in response.content.decode()


def test_home_puts_the_council_finder_before_the_longer_explanation(client, db):
    """Issue 20: on a phone the finder is on the first screen (tests/browser measure it)."""
    html = client.get("/").content.decode()
    assert html.index("<h1") < html.index('id="council-name"')
    assert html.index('id="council-name"') < html.index("You might be the child's grandparent")
    assert '<a class="govuk-link" href="#councils">find your council in the A to Z list</a>' in html
