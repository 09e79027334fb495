"""Sign-in throttling for the officers' login (django-axes), settings.AUTHENTICATION_BACKENDS."""

from axes.backends import AxesStandaloneBackend


class SignInThrottleBackend(AxesStandaloneBackend):
    """Refuses a sign-in while its username and address are locked out (settings.AXES_*).

    Every sign-in over the web passes the request (Django's login view does), so it is
    counted. Code that checks a password with no request at all, like the test client's
    login(), has no address to count against; django-axes would raise an error there, and
    this backend lets Django's own backend answer instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
