"""Find a council by the name a family types, allowing for typos and extra words.

One rule, kept simple so results are predictable: drop the words every council name shares
("council", "city", "borough"…), then score each active council's name against the query with
rapidfuzz's WRatio and keep those at or above MATCH_THRESHOLD, best first, ties A to Z.
"""

import re

from rapidfuzz import fuzz

from .models import Council
from .selectors import councils_for_directory

# Scores run 0 to 100. 80 keeps one or two typing mistakes ("brakenford" scores 95) and a
# name's first letters ("bracken"), and drops names that only share a few letters ("kent").
MATCH_THRESHOLD = 80
# Longer input is not a council name; cutting it keeps the work per search small.
MAX_QUERY_LENGTH = 100

# Words that say what kind of council it is, not which one: they must not make a match.
GENERIC_WORDS = frozenset(
    {"council", "city", "county", "borough", "district", "metropolitan", "royal", "of", "the",
     "and"}
)


def name_normalise(name: str) -> str:
    """Lower-case words without punctuation or generic words: "City of Ashdown" -> "ashdown"."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    return " ".join(word for word in words if word not in GENERIC_WORDS)


def council_search(query: str) -> list[Council]:
    """Active councils whose name matches the query, best match first (empty if none)."""
    wanted = name_normalise((query or "")[:MAX_QUERY_LENGTH])
    if not wanted:
        return []
    scored = []
    for council in councils_for_directory():
        score = fuzz.WRatio(wanted, name_normalise(council.name))
        if score >= MATCH_THRESHOLD:
            scored.append((score, council))
    scored.sort(key=lambda pair: (-pair[0], pair[1].name))
    return [council for _score, council in scored]
