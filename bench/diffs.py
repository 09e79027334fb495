"""In-process timings of the diffs officers see, for `make bench` (never a test).

bench/timings.py calls measure() after the publish and import timings; `python -m
bench.diffs` prints the same lines on its own (no database needed). Target: under 1 s each.

The text is made of the demo offers' own sentences (offers/demo/*.json), shuffled into
paragraphs with a fixed seed, so two runs time the same texts:

- inline_diff on two 10,000-word texts (100 paragraphs or so) where a few paragraphs were
  edited, one removed and one added: a word diff, as an officer gets for a real edit;
- inline_diff on two 10,000-word texts with nothing but their words in common: past the
  limit, so the officer gets the "too much text" sentence and the new text;
- inline_diff at the limit: two one-paragraph texts of the most words whose comparing the
  budget pays for (DIFF_PAIR_LIMIT), as shuffled prose, and as the slowest shape found for
  difflib (every other word changed, which makes it find one short match at a time);
- change_rows(document_changes(...)), what the compare, publish, rollback and import pages
  show, on a 10,000-word offer (Ashdown's sections with longer bodies): with a few edits,
  and with every long text in it rewritten at the same length.
"""

import copy
import json
import math
import os
import random
import re
import sys
import time

ROUNDS = 5
TARGET_S = 1.0
WORDS = 10_000


def _demo_sentences() -> list[str]:
    """Every sentence of the demo offers' text, in file order."""
    from offers.demo import DEMO_DIR

    texts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(DEMO_DIR.glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    sentences = []
    for text in texts:
        for line in text.splitlines():
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", line.strip(" -")) if " " in s]
    return sentences


def _word_count(text: str) -> int:
    return len(text.split())


def prose(words: int, seed: int, *, per_paragraph: int = 5) -> str:
    """About `words` words of the demo's sentences in a shuffled order, `per_paragraph`
    sentences to a paragraph (0: one paragraph), blank lines between paragraphs."""
    sentences, rng = _demo_sentences(), random.Random(seed)
    paragraphs, paragraph, count = [], [], 0
    while count < words:
        sentence = rng.choice(sentences)
        sentence_words = sentence.split()[: words - count]
        paragraph.append(" ".join(sentence_words))
        count += len(sentence_words)
        if per_paragraph and len(paragraph) == per_paragraph:
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    return "\n\n".join(paragraphs)


def edited(text: str, seed: int) -> str:
    """The text with a few paragraphs edited, one removed and one added."""
    rng = random.Random(seed)
    paragraphs = text.split("\n\n")
    for index in rng.sample(range(len(paragraphs)), 3):
        words = paragraphs[index].split(" ")
        spot = rng.randrange(len(words))
        words[spot : spot + 2] = ["within", "10", "working", "days"]
        paragraphs[index] = " ".join(words)
    del paragraphs[rng.randrange(len(paragraphs))]
    paragraphs.insert(rng.randrange(len(paragraphs)), prose(60, seed + 1000))
    return "\n\n".join(paragraphs)


def _outcome(html: str) -> str:
    from offers.diff import TOO_MUCH_TEXT

    if TOO_MUCH_TEXT in html:
        return "past the limit: the sentence and the new text"
    marks = html.count("<del>") + html.count("<ins>")
    return f"word diff, {marks} <del>/<ins> marks"


def _timed(function) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(ROUNDS):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return seconds, result


def _text_case(name: str, old: str, new: str) -> dict:
    from offers.diff import inline_diff

    seconds, html = _timed(lambda: inline_diff(old, new))
    return {
        "case": f"inline_diff, {name}",
        "size": f"{_word_count(old):,} and {_word_count(new):,} words",
        "seconds": seconds,
        "outcome": _outcome(html),
    }


def _document_words(document: dict) -> int:
    total = 0

    def walk(value):
        nonlocal total
        if isinstance(value, str):
            total += _word_count(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document)
    return total


def ten_thousand_word_offer() -> dict:
    """Ashdown's demo offer with longer section bodies: about WORDS words in all."""
    from offers import demo

    document = demo.offer_document("ashdown")
    sections = document["sections"]
    short = WORDS - _document_words(document)
    for index, section in enumerate(sections):
        extra = short // len(sections) + (1 if index < short % len(sections) else 0)
        section["body"] += "\n\n" + prose(extra, seed=100 + index)
    return document


def _long_texts(document: dict):
    """(holder, field) for every long text in a document's sections and entries."""
    from offers.diff import LONG_FIELDS
    from offers.entry_types import ENTRY_KEYS

    for section in document["sections"]:
        holders = [section] + [entry for key in ENTRY_KEYS for entry in section[key]]
        for holder in holders:
            for field in sorted(LONG_FIELDS & holder.keys()):
                if isinstance(holder[field], str) and holder[field].strip():
                    yield holder, field


def _document_case(name: str, old: dict, new: dict) -> dict:
    from offers.diff import TOO_MUCH_TEXT, change_rows, document_changes

    seconds, rows = _timed(lambda: change_rows(document_changes(old, new)))
    diffs = [row["diff"] for row in rows if row["diff"]]
    past = sum(TOO_MUCH_TEXT in diff for diff in diffs)
    alone, _ = _timed(lambda: document_changes(old, new))
    return {
        "case": f"change_rows(document_changes), {name}",
        "size": f"{_document_words(old):,} and {_document_words(new):,} words",
        "seconds": seconds,
        "outcome": (
            f"{len(rows)} changes, {len(diffs) - past} word diffs, {past} past the limit; "
            f"document_changes alone best {min(alone):.4f} s"
        ),
    }


def measure() -> list[dict]:
    """Every case above, timed ROUNDS times each."""
    from offers.diff import DIFF_PAIR_LIMIT

    old = prose(WORDS, seed=1)
    results = [
        _text_case("a few paragraphs edited", old, edited(old, seed=2)),
        _text_case("rewritten, nothing in common", old, prose(WORDS, seed=3)),
    ]
    # The most words two one-paragraph texts may have and still be compared word by word:
    # comparing their one line each costs 1 pair, their words n x n.
    most = math.isqrt(DIFF_PAIR_LIMIT - 1)
    results.append(
        _text_case(
            "at the limit, one paragraph each, rewritten",
            prose(most, seed=4, per_paragraph=0),
            prose(most, seed=5, per_paragraph=0),
        )
    )
    words = [f"w{i}" for i in range(most)]
    results.append(
        _text_case(
            "at the limit, every other word changed",
            " ".join(words),
            " ".join(w if i % 2 else f"x{w}" for i, w in enumerate(words)),
        )
    )

    document = ten_thousand_word_offer()
    few = copy.deepcopy(document)
    sections = few["sections"]
    for section in (sections[0], sections[len(sections) // 2], sections[-1]):
        section["body"] = edited(section["body"], seed=6)
    few["offer"]["introduction"] += " We review this offer every year with kinship carers."
    results.append(_document_case("a few edits", document, few))

    rewritten = copy.deepcopy(document)
    for index, (holder, field) in enumerate(_long_texts(rewritten)):
        holder[field] = prose(_word_count(holder[field]), seed=500 + index)
    results.append(_document_case("every long text rewritten", document, rewritten))
    return results


def diff_lines(results: list[dict]) -> list[str]:
    """One line per case for bench/results.md."""
    return [
        f"Diff: {r['case']} ({r['size']}): best of {len(r['seconds'])} "
        f"{min(r['seconds']):.3f} s (worst {max(r['seconds']):.3f}); {r['outcome']}; "
        f"target < {TARGET_S:.0f} s: " + ("ok" if max(r["seconds"]) < TARGET_S else "MISSED")
        for r in results
    ]


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinship_portal.settings")
    import django

    django.setup()
    for line in diff_lines(measure()):
        print(line)
    sys.exit(0)
