"""The officers' workspace (the Django admin), as a package.

- registrations.py: which models officers and site administrators work on, and how;
- scoping.py: every admin query kept to the officer's own councils (offers.access decides);
- publishing.py: preview, submit, publish, schedule, history, compare, roll back, import.
"""

from . import registrations  # noqa: F401 - registering the models is the import's effect
