"""Search (GET, no script): council names, and words inside every live offer.

The home page's "Council name" box submits ?q= here; the page's second form searches
inside the offers (?q=&scope=offers, with ?council= and ?for= filters). One q drives
both: council names that match come first, then the offers that mention the words.
"""

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..choices import ArrangementType
from ..page_cache import cached_view
from ..search import (
    MAX_SEARCH_LENGTH,
    council_search,
    offer_search,
    search_words,
)
from ..selectors import councils_with_live_offers

OFFERS_SCOPE = "offers"
NULL_CHARACTERS = "null_characters_not_allowed"  # the code of Django's own NUL check


class SearchForm(forms.Form):
    """?q= (required, at most 200 characters, some letters or numbers); ?council= and ?for=
    narrow the offer results and are ignored if they are not ones we know."""

    q = forms.CharField(
        max_length=MAX_SEARCH_LENGTH,
        error_messages={
            "max_length": f"Your search must be {MAX_SEARCH_LENGTH} characters or fewer",
            NULL_CHARACTERS: (
                "Your search has a character we cannot read. Type your search again"
            ),
        },
    )

    def __init__(self, data=None, *, council_slugs=()):
        # A NUL byte is refused, but never written back into the page (it is not valid HTML).
        self.had_null = bool(data) and "\x00" in data.get("q", "")
        if self.had_null:
            data = data.copy()
            data["q"] = data["q"].replace("\x00", "")
        super().__init__(data)
        self.council_slugs = set(council_slugs)
        self.scope = OFFERS_SCOPE if data and data.get("scope") == OFFERS_SCOPE else ""
        self.fields["q"].error_messages["required"] = (
            "Enter words to search for, like peer group"
            if self.scope
            else "Enter the name of your council"
        )

    def clean_q(self) -> str:
        q = self.cleaned_data["q"]
        if self.had_null:
            raise forms.ValidationError(self.fields["q"].error_messages[NULL_CHARACTERS])
        if not search_words(q):
            raise forms.ValidationError(
                "Enter letters or numbers to search for, like Ashdown or peer group"
            )
        return q

    def clean(self):
        data = super().clean()
        council = (self.data.get("council") or "").strip()
        arrangement = (self.data.get("for") or "").strip()
        data["council"] = council if council in self.council_slugs else ""
        data["for"] = arrangement if arrangement in ArrangementType.values else ""
        return data


@require_safe
@cached_view(reads=("q", "scope", "council", "for"))
def search_page(request):
    """Results for ?q=, a friendly error for an empty, long or odd one, or the forms."""
    councils = list(councils_with_live_offers())
    form = SearchForm(
        request.GET if "q" in request.GET else None,
        council_slugs=[council.slug for council in councils],
    )
    context = {
        "form": form,
        "scope": form.scope,
        "councils": councils,
        "situations": ArrangementType.choices,
        "results": None,
    }
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        context["results"] = council_search(data["q"])
        context["offer_results"] = offer_search(
            data["q"], council_slug=data["council"], arrangement=data["for"]
        )
    return render(request, "public/search.html", context)
