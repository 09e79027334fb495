"""The site administrators' admin, as a package. Officers work in /workspace/
(offers.workspace); offers.middleware.OfficersToWorkspaceMiddleware sends them there.

- registrations.py: councils, people and memberships, helplines, the jargon list, and
  read-only lists of offers, families' feedback and the audit trail;
- national_schemes.py: the national schemes list and its published versions;
- scoping.py: pages only site administrators may open, and how their forms read.
"""

from . import national_schemes, registrations  # noqa: F401 - registering the models is the import's effect
