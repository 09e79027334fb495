"""Addresses in the workspace for a task, a check's finding (an offers.places.Place) and a
page another branch of the workspace may not have yet."""

from django.urls import NoReverseMatch, reverse

from ...places import Place
from ...tasks import ABOUT, CHECK, PREVIEW, PUBLISH, REPLACE, SECTION, SEND, Task
from ...writing import ABOUT_INTRODUCTION, ABOUT_MANAGER

INTRODUCTION_FIELDS = ("title", "introduction")
# An allowance's amount and age band are its form's first age band row.
ROW_FIELDS = {"allowances": {"amount": "bands-0-amount", "age_band": "bands-0-age_band"}}


def optional_url(name: str, **kwargs) -> str:
    """The address of a workspace page, or "" if there is no such page (yet)."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def about_url(council, task: str) -> str:
    part = "introduction" if task == ABOUT_INTRODUCTION else "manager"
    return reverse("workspace:about", kwargs={"council": council.slug, "part": part})


def place_url(council, place: Place) -> str:
    """The page and the field's id where an officer fixes what a check found there."""
    slug = council.slug
    fragment = f"#id_{place.field}" if place.field else ""
    if place.council:
        return ""  # the council's details are the site administrator's
    if place.entry_key and place.section_key:
        row_field = ROW_FIELDS.get(place.entry_type or "", {}).get(place.field)
        if row_field:
            fragment = f"#id_{row_field}"
        url = reverse(
            "workspace:entry_change",
            kwargs={
                "council": slug,
                "section_key": place.section_key,
                "entry_type": place.entry_type,
                "entry_key": place.entry_key,
            },
        )
        return url + fragment
    if place.section_key:
        base = reverse(
            "workspace:section", kwargs={"council": slug, "section_key": place.section_key}
        )
        if place.field:
            details = reverse(
                "workspace:section_details",
                kwargs={"council": slug, "section_key": place.section_key},
            )
            return details + fragment
        return base
    if place.field in INTRODUCTION_FIELDS:
        return about_url(council, ABOUT_INTRODUCTION) + fragment
    if place.field == "sections":
        return reverse("workspace:section_add", kwargs={"council": slug})
    return about_url(council, ABOUT_MANAGER) + fragment


def task_url(council, task: Task) -> str:
    slug = council.slug
    if task.target == ABOUT:
        return about_url(council, task.key)
    if task.target == SECTION:
        return reverse("workspace:section", kwargs={"council": slug, "section_key": task.key})
    if task.target == PREVIEW:
        return reverse("workspace:preview", kwargs={"council": slug})
    if task.target == CHECK:
        return reverse("workspace:check", kwargs={"council": slug})
    if task.target == REPLACE:
        return place_url(council, task.place)
    if task.status.startswith("Cannot"):
        return ""
    if task.target == SEND:
        return reverse("workspace:send", kwargs={"council": slug})
    if task.target == PUBLISH:
        return optional_url("workspace:approvals", council=slug)
    return ""
