"""Find a council by name: the search box on the home page submits here (GET, no script)."""

from django.shortcuts import render

from ..forms_public import CouncilSearchForm
from ..search import council_search


def council_search_page(request):
    """Results for ?q=, an error for an empty box, or the plain form when there is no q."""
    form = CouncilSearchForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        results = council_search(form.cleaned_data["q"])
    return render(request, "public/search.html", {"form": form, "results": results})
