"""The workspace's front door: which council's task list to open."""

from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render

from .. import access
from .base import officer_required


@officer_required
def home(request):
    """One council: its task list. Several (a site administrator, an officer of two
    councils): a list to choose from."""
    councils = list(access.councils_for(request.user).order_by("name"))
    if len(councils) == 1:
        return redirect("workspace:tasks", council=councils[0].slug)
    return render(request, "workspace/home.html", {"councils": councils})


class SignIn(LoginView):
    """Django's sign-in (so django-axes counts every try) in the workspace's look."""

    template_name = "workspace/sign_in.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["form"].errors:
            context["error_list"] = [("id_username", SIGN_IN_FAILED)]
        context["sign_in_failed"] = SIGN_IN_FAILED
        return context


SIGN_IN_FAILED = "Enter a correct username and password. Both are case-sensitive."
