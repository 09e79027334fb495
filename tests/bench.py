"""`make bench`: how fast the public pages are, as ratios measured in one run.

Not a test (pytest does not collect it) and not timed in CI: it prints figures to compare
between runs on the same machine. It builds a throwaway SQLite database with the demo
councils, then sends requests in-process through the whole WSGI stack (whitenoise and all
middleware) and compares each page with serving the compiled stylesheet, a static file.
Query counts are asserted in the tests (tests/test_public_offer.py), not here.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5
REQUESTS = 200


def _setup() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="kinship-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinship_portal.settings")
    os.environ["DEBUG"] = "1"  # seed_demo's demo passwords need it; whitenoise uses finders
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))


def _rate(client, path: str) -> float:
    """Best of ROUNDS runs of REQUESTS sequential GETs, in requests a second."""
    rates = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(REQUESTS):
            response = client.get(path)
            body = b"".join(response) if response.streaming else response.content
            assert response.status_code == 200 and body, path
        rates.append(REQUESTS / (time.perf_counter() - start))
    return max(rates), statistics.median(rates)


def main() -> int:
    _setup()
    from django.test import Client

    client = Client()
    static_best, static_median = _rate(client, "/static/css/app.css")
    print(f"static file /static/css/app.css: {static_best:,.0f} requests/s (best), "
          f"{static_median:,.0f} (median)")
    for path in ["/", "/offers/ashdown/", "/offers/ashdown/?for=sgo", "/offers/ashdown/print/",
                 "/offers/ashdown/changes/"]:
        size = len(client.get(path).content)
        best, median = _rate(client, path)
        print(f"{path}: {best:,.0f} requests/s (best), {median:,.0f} (median), "
              f"{size / 1024:.0f} KB, "
              f"{best / static_best:.2f}x the static file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
