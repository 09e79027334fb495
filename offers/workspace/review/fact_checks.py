"""Fact check, the officer's side: send a section or the whole draft to someone outside the
workspace, and read what they said (offers.fact_check)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ...documents import document_for
from ...fact_check import FACT_CHECK_DAYS, fact_check_send, fact_checks_for
from ..base import council_page
from .approvals import offer_of
from .common import error_list, private, service_errors
from .forms import FactCheckForm


@require_http_methods(["GET", "HEAD", "POST"])
@council_page
def fact_checks(request, council):
    offer = offer_of(council)
    sections = document_for(offer.pk)["sections"]
    form = FactCheckForm(request.POST if request.method == "POST" else None, sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            sent = fact_check_send(
                offer=offer,
                by=request.user,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                section_key=form.section_key,
            )
        except ValidationError as error:
            service_errors(form, error)
        else:
            check = sent.fact_check
            messages.success(
                request,
                f"Sent {check.sent} to {check.name}. The link works for {FACT_CHECK_DAYS} days.",
            )
            return redirect("workspace:fact_checks", council=council.slug)
    context = {
        "council": council,
        "offer": offer,
        "form": form,
        "checks": fact_checks_for(offer),
        "days": FACT_CHECK_DAYS,
        "error_list": error_list(form),
    }
    return private(render(request, "workspace/review/fact_checks.html", context))
