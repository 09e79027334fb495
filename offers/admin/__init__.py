"""The officers' workspace (the Django admin), as a package.

- registrations.py: which models officers and site administrators work on, and how;
- scoping.py: every admin query kept to the officer's own councils (offers.access decides);
- publishing.py: preview, submit, publish, schedule, history, compare, roll back, import;
- dashboard.py: the officer's admin home; audit.py: the audit trail and edit recording;
  feedback_inbox.py: marking feedback handled and the CSV download.
"""

from . import dashboard, national_schemes, registrations  # noqa: F401 - registering the models is the import's effect
