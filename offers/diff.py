"""Compare two offer documents and say what changed, in words. A pure function of two dicts.

(Interface fixed now; issue B fills in the comparison.)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed" or "changed"
    where: str  # e.g. "Financial support" or "Financial support: Weekly allowance for SGO carers"
    text: str  # one plain sentence, e.g. "Weekly allowance for SGO carers: £190.00 → £201.00"
    field_name: str = ""  # the field that changed, for "changed"
    old: str = ""  # long text before, for inline text diffs
    new: str = ""  # long text after


def document_changes(old: dict | None, new: dict) -> list[Change]:
    """Every difference between two documents, in reading order. old=None: first version."""
    return []
