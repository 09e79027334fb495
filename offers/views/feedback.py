"""'Is this page useful?': the feedback page for one page of the live guide, and its thanks.

The guide's pages only link here (templates/includes/page_feedback.html), so they carry no
form, no CSRF token and no cookie, and can be cached whole.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from ..feedback import FeedbackLimitReached, client_key_for, feedback_record, live_page_get
from ..forms_public import FeedbackForm


@require_http_methods(["GET", "HEAD", "POST"])
def offer_feedback(request, slug: str):
    """The form about one page (?page=, ?useful= picks an answer); POST stores the answer."""
    data = request.POST if request.method == "POST" else request.GET
    page = live_page_get(slug=slug, page=data.get("page", ""))
    context = {"council": page.council, "page": page}
    if request.method != "POST":
        form = FeedbackForm(initial={"page": page.anchor, "useful": data.get("useful")})
        return render(request, "public/feedback.html", {**context, "form": form})
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "public/feedback.html", {**context, "form": form})
    try:
        feedback_record(
            page=page,
            was_useful=form.cleaned_data["useful"] == "yes",
            comment=form.cleaned_data["comment"],
            client_key=client_key_for(request),
        )
    except FeedbackLimitReached:
        return render(request, "public/feedback_limit.html", context, status=429)
    thanks = reverse("offer_feedback_thanks", args=[page.council.slug])
    return redirect(f"{thanks}?page={page.anchor}")


@require_safe
def offer_feedback_thanks(request, slug: str):
    """Thank-you page with a link back to the page the family answered about."""
    page = live_page_get(slug=slug, page=request.GET.get("page", ""))
    return render(request, "public/feedback_thanks.html", {"council": page.council, "page": page})
