"""A new council's web address name is short: the place, not the whole legal name
("ashdown", never "ashdown-borough-council"). Left empty on the Council admin's add form, it
is made on the server (models.suggest_council_slug), so it works with JavaScript off."""

import pytest

from offers.models import Council, CouncilSlugRedirect, suggest_council_slug

from .admin_helpers import resubmit
from .factories import CouncilFactory

ADD = "/admin/offers/council/add/"


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Ashdown Borough Council", "ashdown"),
        ("Brackenford City Council", "brackenford"),
        ("Coldmere District Council", "coldmere"),
        ("Durham County Council", "durham"),
        ("London Borough of Tower Hamlets", "tower-hamlets"),
        ("Royal Borough of Kensington and Chelsea", "kensington-and-chelsea"),
        ("The Royal Borough of Greenwich", "greenwich"),
        ("City of Bradford Metropolitan District Council", "bradford"),
        ("Metropolitan Borough of Wirral", "wirral"),
        ("Kingston upon Hull City Council", "kingston-upon-hull"),
        ("City of London Corporation", "london"),
        ("Council of the Isles of Scilly", "isles-of-scilly"),
        ("Isle of Wight Council", "isle-of-wight"),  # "of" inside a place name stays
        ("Bath and North East Somerset Council", "bath-and-north-east-somerset"),
        ("St. Helens Borough Council", "st-helens"),
        ("Herefordshire, County of", "herefordshire"),
        ("County Council", "county-council"),  # nothing but such words: keep them
        ("!!!", ""),
    ],
)
def test_a_suggested_address_name_is_the_place_alone(name, slug):
    assert suggest_council_slug(name) == slug


def test_a_suggested_address_name_fits_the_field_cut_at_a_word():
    name = "Borough of " + " ".join(["Longplacename"] * 10) + " Council"
    slug = suggest_council_slug(name)
    assert len(slug) <= 60
    assert slug == "-".join(["longplacename"] * 4)  # 55 characters; a fifth would be 69


def _new_council(**values) -> dict:
    return {
        "name": "Ashdown Borough Council",
        "slug": "",
        "gss_code": "E06000099",
        "region": "south_east",
        "brand_colour": "#1d70b8",
        **values,
    }


@pytest.mark.django_db
def test_the_add_page_does_not_fill_in_the_whole_name_and_says_what_an_empty_box_does(
    client_admin,
):
    html = client_admin.get(ADD).content.decode()
    # Django's script would make "ashdown-borough-council" from the name as it is typed.
    assert 'data-prepopulated-fields="[]"' in html
    assert (
        "Leave it empty to use the place’s name from the council’s name: “ashdown” for "
        "Ashdown Borough Council." in html
    )


@pytest.mark.django_db
def test_a_council_added_with_no_address_name_gets_the_short_one(client_admin):
    response = resubmit(client_admin, ADD, _new_council())
    assert response.status_code == 302
    assert Council.objects.get(gss_code="E06000099").slug == "ashdown"


@pytest.mark.django_db
def test_an_address_name_the_administrator_types_is_kept(client_admin):
    response = resubmit(client_admin, ADD, _new_council(slug="ashdown-bc"))
    assert response.status_code == 302
    assert Council.objects.get(gss_code="E06000099").slug == "ashdown-bc"


@pytest.mark.django_db
@pytest.mark.parametrize("taken_by", ["council", "old address"])
def test_a_suggestion_another_council_has_is_refused_with_a_clear_message(client_admin, taken_by):
    other = CouncilFactory(name="Ashdown Test", slug="ashdown-now")
    if taken_by == "council":
        Council.objects.filter(pk=other.pk).update(slug="ashdown")
    else:
        CouncilSlugRedirect.objects.create(old_slug="ashdown", council=other)
    response = resubmit(client_admin, ADD, _new_council())
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "“ashdown”, made from the council’s name, is another council’s web address name. "
        "Enter a different one" in html
    )
    assert not Council.objects.filter(gss_code="E06000099").exists()


@pytest.mark.django_db
def test_an_existing_councils_address_name_cannot_be_emptied(client_admin, council_a):
    response = resubmit(client_admin, f"/admin/offers/council/{council_a.pk}/change/", {"slug": ""})
    assert response.status_code == 200
    council_a.refresh_from_db()
    assert council_a.slug == "ashdown-test"
