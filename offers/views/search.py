"""Search (GET, no script): council names, and words inside every live offer.

The home page's "Council name" box submits ?q= here; the page's second form searches
inside the offers (?q=&scope=offers, with ?council= and ?for= filters). One q drives
both: council names that match come first, then the offers that mention the words.
"""

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..choices import ArrangementType
from ..page_cache import cached_view, do_not_keep, one_of, written_plainly
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
            NULL_CHARACTERS: ("Your search has a character we cannot read. Type your search again"),
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


# A search's answer is kept only when it found something for words written plainly (at most
# KEPT_QUERY_LENGTH characters, no spaces at the ends or doubled) with filters that are known,
# and only the first KEPT_SEARCHES such answers under each content version: search words are
# free text, and however they were bounded anyone could make up more of them than a cache
# should hold (case, word order and a council name's first letters all find something). So
# searches people repeat (a council's name, "peer group") are kept, and the rest are made
# every time, within the render limit (offers.flood).
KEPT_QUERY_LENGTH = 60
KEPT_SEARCHES = 500
SEARCH_READS = {
    "q": written_plainly(KEPT_QUERY_LENGTH),
    "scope": one_of([OFFERS_SCOPE]),
    "council": written_plainly(60),  # and known: the view says so
    "for": one_of(["", *ArrangementType.values]),  # the form's "everyone" is empty
}


@require_safe
@cached_view(reads=SEARCH_READS, kept_at_most=KEPT_SEARCHES)
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
    response = render(request, "public/search.html", context)
    return response if _worth_keeping(request, form, context) else do_not_keep(response)


def _worth_keeping(request, form, context) -> bool:
    """A search that found something, with filters we know; or a form with no filter."""
    if not form.is_bound:
        return "council" not in request.GET and "for" not in request.GET
    if not form.is_valid():
        return False
    data = form.cleaned_data
    known = all(data[name] == request.GET.get(name, "") for name in ("council", "for"))
    return known and bool(context["results"] or context["offer_results"].total)
