"""Python's garbage collector, set for a server process (kinship_portal.wsgi).

A workspace page for a 40-section offer builds a document of some thousands of small objects.
With Python's default thresholds (700, 10, 10) a full collection ran every ten or so such
requests and walked every object the process holds (Django, the templates, the caches):
measured in-process, the task list took 36 ms, and 94 to 118 ms on each request that ran one
(4 in 40). Two changes, as large Django sites make them:

- gc.freeze() once the application is loaded: what was made at start-up (modules, URL
  patterns, templates) is left out of every later collection; it lives as long as the
  process anyway.
- Collect the youngest generation after 50,000 allocations, not 700, and the older ones less
  often: no full collection in 40 requests, the slowest 52 ms. Objects in reference cycles
  live a little longer; the process's memory is checked by `make bench` (worker RSS).
"""

import gc

THRESHOLDS = (50_000, 20, 100)


def tune() -> None:
    """Freeze what exists now and set the thresholds: call once the application is loaded."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
