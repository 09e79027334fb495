"""The task list and the pages that write the working copy."""

from django.shortcuts import render

from ..base import council_page


@council_page
def tasks(request, council):
    return render(request, "workspace/tasks.html", {"council": council})
