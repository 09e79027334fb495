"""The foundation a council relies on: no crown or GDS font, a council's colour, safe settings."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import publish

CSS = Path(settings.BASE_DIR) / "static" / "css" / "app.css"


@pytest.fixture(scope="module")
def compiled_css() -> str:
    if not CSS.exists():
        pytest.fail("static/css/app.css is missing: run `make css` (make test does it)")
    return CSS.read_text()


def test_compiled_css_never_names_or_loads_the_gds_transport_font(compiled_css):
    assert "GDS Transport" not in compiled_css
    assert "@font-face" not in compiled_css
    assert "arial" in compiled_css.lower()


def test_compiled_css_points_at_no_crest_or_other_missing_image(compiled_css):
    urls = re.findall(r"url\(([^)]*)\)", compiled_css)
    assert not [u for u in urls if "crest" in u]
    for url in urls:  # whitenoise's manifest storage fails collectstatic on a missing file
        path = url.strip("'\"").removeprefix("/static/")
        assert (Path(settings.BASE_DIR) / "static" / path).exists(), url


def test_council_pages_are_tinted_with_the_councils_brand_colour(client, offer_a, approver_a):
    offer_a.council.brand_colour = "#00703c"
    offer_a.council.save()
    publish(offer_a, approver_a, "First version")

    html = client.get("/offers/ashdown-test/").content.decode()
    assert '<link rel="stylesheet" href="/brand/00703c.css">' in html
    css = client.get("/brand/00703c.css")
    assert css["Content-Type"] == "text/css"
    assert css.content.decode().strip() == ":root{--kp-brand:#00703c}"
    assert "immutable" in css["Cache-Control"]


def test_brand_stylesheet_refuses_anything_but_a_hex_colour(client, db):
    assert client.get("/brand/red;}body{display:none.css").status_code == 404
    assert client.get("/brand/12345g.css").status_code == 404


def test_pages_show_no_crown_no_govuk_logotype_and_the_portal_name(client, offer_a, approver_a):
    publish(offer_a, approver_a, "First version")
    for url in ["/", "/offers/ashdown-test/", "/accessibility/"]:
        html = client.get(url).content.decode()
        assert "govuk-header__logotype" not in html
        assert "crown" not in html.lower()
        assert 'class="govuk-generic-header__homepage-link">Kinship support</a>' in html
