"""Helpers for the public-site tests (search, feedback, pages, HTML checks)."""


def first_section(revision) -> dict:
    return revision.content["sections"][0]
