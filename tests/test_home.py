from offers.services import offer_publish


def test_home_lists_councils_a_to_z_with_published_ones_linked(
    client, offer_a, council_b, approver_a
):
    offer_publish(offer=offer_a, by=approver_a, summary="First version")
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
