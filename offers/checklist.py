"""The coverage checklist: is an offer complete, current and free of starter prompts?

A pure function of an offer document (offers.documents) and a date, so the offer's admin
page, the officer's preview, the publish page and offer_publish all judge the same thing
the same way. Families never see it.

One row per requirement, built on the statutory list in ../shared/DOMAIN.md and on what
audits of published offers found missing. Which section kinds satisfy each statutory area:

- general approach: the offer's "our general approach" text (Offer.introduction), or a
  "general_approach" section that says something;
- financial support: a "financial" section;
- health and wellbeing: a "health" section;
- relationships and family time: a "family_time" section;
- education and training: an "education" section (the child's) or a "carer_training"
  section (the carer's); DOMAIN.md counts both under this area;
- accommodation: a "housing" section.

A section "says something" when it has body text or at least one entry: its summary alone
(one line for the contents list) is not an offer of help.

The other rules, as each check's docstring below says: a responsible senior manager with a
job title; an eligibility section with text; something for every arrangement type; every
allowance with how-to-apply text and a rate for the current financial year (from 1 April,
offers.financial_year); the social work basics;
a contact who answers; independent help; how to complain; a review date that is due within
a year; no "[Replace: …]" prompt from the starter offer.

Each gap says where to fix it (Fix), as precisely as it can: down to the field of one entry
when one entry is the problem (Fix.place, an offers.places.Place).
"""

import datetime
from dataclasses import dataclass, field

from .applicability import document_for_arrangement
from .choices import ArrangementType, SectionKind, SocialWorkKind, label
from .entry_types import BY_KEY, ENTRY_KEYS, ENTRY_TYPES
from .financial_year import financial_year_start
from .formatting import join_words, uk_date
from .places import Place

PROMPT = "[Replace:"
REVIEW_MAX_AHEAD_MONTHS = 12

# Every family of these kinds must find help when they filter the offer. Private fostering
# is optional: the council must be told of it, but it is not kinship care by a relative.
ARRANGEMENTS_NEEDING_HELP = (
    ArrangementType.INFORMAL,
    ArrangementType.KINSHIP_FOSTER,
    ArrangementType.SGO,
    ArrangementType.CAO,
    ArrangementType.ADOPTION,
)
# What counts as help for one kind of family: money, a service, or social work. A training
# course, a peer group or a contact alone does not give a family support it can ask for.
HELP_ENTRY_KEYS = ("allowances", "support_services", "social_work_services")

SOCIAL_WORK_BASICS = (
    SocialWorkKind.FORM_K,
    SocialWorkKind.SUPPORT_PLAN,
    SocialWorkKind.COURT_REPORT,
)

# Words in a provider's or group organiser's name that say it is not the council. Officers
# make a service count by saying who runs it, for example "Family Friends (a local charity)".
INDEPENDENT_WORDS = (
    "charity",
    "charitable",
    "voluntary",
    "volunteer",
    "independent",
    "not-for-profit",
    "not for profit",
    "community interest company",
    "social enterprise",
    "law centre",
    "nhs",
)


@dataclass(frozen=True)
class Fix:
    """Where an officer fixes a gap. At most one of section_key, offer_field and add_kind.

    section_key: a section of the document (its key), whose editor holds the text or entry,
    and within it, when one thing is the problem: entry_type and entry_key (one entry, by
    its type's document key, like "allowances") and field (the section's or that entry's
    field, like "body" or "how_to_apply");
    offer_field: a field of the offer itself, like "manager_name" (or "sections", its list
    of sections); add_kind: no such section yet, so add a section of this kind.
    """

    section_key: str = ""
    offer_field: str = ""
    add_kind: str = ""
    label: str = ""  # the place in words: "the section “Money”", "Responsible senior manager"
    entry_type: str = ""
    entry_key: str = ""
    field: str = ""

    @property
    def place(self) -> Place | None:
        """The same place as the other checks give it; None when a section must be added
        (or nothing is said)."""
        if self.offer_field:
            return Place.of_offer(self.offer_field)
        if self.section_key and self.entry_key:
            return Place.of_entry(self.section_key, self.entry_type, self.entry_key, self.field)
        if self.section_key:
            return Place.of_section(self.section_key, self.field)
        return None


@dataclass(frozen=True)
class Check:
    code: str  # stable, for tests and the audit trail: "financial_support"
    requirement: str  # the requirement in plain words
    passed: bool
    missing: str = ""  # what is missing, in words ("" when passed)
    fix: Fix = field(default_factory=Fix)


# --- Reading a document ---------------------------------------------------------------------


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _entries(section: dict):
    for key in ENTRY_KEYS:
        yield from section.get(key) or []


def _says_something(section: dict) -> bool:
    return bool(_text(section.get("body"))) or any(True for _ in _entries(section))


def _sections(document: dict, *kinds: str) -> list[dict]:
    return [s for s in document.get("sections") or [] if s.get("kind") in kinds]


def _section_fix(section: dict, field: str = "") -> Fix:
    heading = section.get("heading", "")
    return Fix(section_key=section.get("key", ""), label=f"the section “{heading}”", field=field)


def _entry_fix(section: dict, entry_type: str, entry: dict, field: str) -> Fix:
    """One entry's field: "the allowance “SGO allowance” in the section “Money”"."""
    kind, heading = BY_KEY[entry_type], section.get("heading", "")
    return Fix(
        section_key=section.get("key", ""),
        entry_type=entry_type,
        entry_key=entry.get("key", ""),
        field=field,
        label=f"the {kind.noun} “{kind.name_of(entry)}” in the section “{heading}”",
    )


def _add_fix(kind: str) -> Fix:
    return Fix(add_kind=kind, label=f"a new “{label(SectionKind, kind)}” section")


def _offer_fix(name: str, words: str) -> Fix:
    return Fix(offer_field=name, label=words)


def _months_after(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# --- The checks -----------------------------------------------------------------------------


def _area(
    document: dict, *, code: str, requirement: str, kinds: tuple[str, ...], noun: str
) -> Check:
    """A statutory area is covered by a section of one of these kinds that says something."""
    sections = _sections(document, *kinds)
    if any(_says_something(s) for s in sections):
        return Check(code, requirement, True)
    if sections:
        return Check(
            code,
            requirement,
            False,
            f"The {noun} section has no text or entries yet",
            _section_fix(sections[0], "body"),
        )
    return Check(code, requirement, False, f"There is no section about {noun}", _add_fix(kinds[0]))


def _general_approach(document: dict) -> Check:
    """The offer's "our general approach" text, or a general approach section with text."""
    requirement = "Says how the council supports kinship families (its general approach)"
    if _text(document["offer"].get("introduction")) or any(
        _says_something(s) for s in _sections(document, SectionKind.GENERAL_APPROACH)
    ):
        return Check("general_approach", requirement, True)
    return Check(
        "general_approach",
        requirement,
        False,
        "The general approach is not written yet",
        _offer_fix("introduction", "the offer's “Our general approach”"),
    )


def _senior_manager(document: dict) -> Check:
    """A responsible senior manager, named, with their job title."""
    requirement = "Names the responsible senior manager and their job title"
    offer = document["offer"]
    name, title = _text(offer.get("manager_name")), _text(offer.get("manager_job_title"))
    if name and title:
        return Check("senior_manager", requirement, True)
    if not name:
        return Check(
            "senior_manager",
            requirement,
            False,
            "No senior manager is named",
            _offer_fix("manager_name", "the offer's “Responsible senior manager”"),
        )
    return Check(
        "senior_manager",
        requirement,
        False,
        "The senior manager's job title is missing",
        _offer_fix("manager_job_title", "the offer's “Manager's job title”"),
    )


def _eligibility(document: dict) -> Check:
    """An eligibility ("Who can get support") section with body text, not only a summary."""
    requirement = "Says who can get support"
    sections = _sections(document, SectionKind.ELIGIBILITY)
    if any(_text(s.get("body")) for s in sections):
        return Check("eligibility", requirement, True)
    if sections:
        return Check(
            "eligibility",
            requirement,
            False,
            "The section on who can get support has no text",
            _section_fix(sections[0], "body"),
        )
    return Check(
        "eligibility",
        requirement,
        False,
        "There is no section on who can get support",
        _add_fix(SectionKind.ELIGIBILITY),
    )


def _every_arrangement(document: dict) -> Check:
    """Every kind of kinship family that filters the offer sees some help meant for them.

    A family of each type in ARRANGEMENTS_NEEDING_HELP, filtering the offer as "What
    applies to me" does, must see at least one allowance, support service or social work
    service (one for everyone counts: an empty list of arrangement types).
    """
    requirement = (
        "Has help for every kind of kinship family (informal, kinship foster care, SGO, CAO, "
        "adoption)"
    )
    left_out = []
    for code in ARRANGEMENTS_NEEDING_HELP:
        shown = document_for_arrangement(document, code)
        if not any(s.get(key) for s in shown["sections"] for key in HELP_ENTRY_KEYS):
            left_out.append(label(ArrangementType, code))
    if not left_out:
        return Check("every_arrangement", requirement, True)
    return Check(
        "every_arrangement",
        requirement,
        False,
        f"No allowance or service is for: {join_words(left_out)}",
        _offer_fix("sections", "the offer's sections (say who each is for)"),
    )


def _allowances(document: dict, today: datetime.date) -> Check:
    """Every allowance says how to apply and has a rate for the current financial year: it
    applies from its first day (1 April, offers.financial_year) or later.

    An offer with no allowances passes here (the financial support area is checked apart).
    """
    requirement = "Every allowance says how to apply and has a rate for this financial year"
    start = financial_year_start(today)
    problems, fix = [], None
    for section in document.get("sections") or []:
        for allowance in section.get("allowances") or []:
            name = _text(allowance.get("name")) or "An allowance"
            wrong, fields = [], []
            if not _text(allowance.get("how_to_apply")):
                wrong.append("has no how-to-apply text")
                fields.append("how_to_apply")
            applies_from = _date(allowance.get("applies_from"))
            if applies_from is None or applies_from < start:
                wrong.append(
                    f"applies from {uk_date(allowance.get('applies_from'))}, before "
                    f"this financial year started on {uk_date(start)}"
                )
                fields.append("applies_from")
            if wrong:
                problems.append(f"“{name}” {join_words(wrong)}")
                fix = fix or _entry_fix(section, "allowances", allowance, fields[0])
    if not problems:
        return Check("allowances_current", requirement, True)
    return Check("allowances_current", requirement, False, "; ".join(problems), fix)


def _social_work(document: dict) -> Check:
    """Social work support with at least a kinship assessment (Form K), a support plan and
    a court report entry."""
    requirement = (
        "Says what social workers do: a kinship assessment, a support plan and a court report"
    )
    sections = _sections(document, SectionKind.SOCIAL_WORK)
    kinds = {
        e.get("kind")
        for s in document.get("sections") or []
        for e in s.get("social_work_services") or []
    }
    missing = [label(SocialWorkKind, kind) for kind in SOCIAL_WORK_BASICS if kind not in kinds]
    if not missing:
        return Check("social_work", requirement, True)
    fix = _section_fix(sections[0]) if sections else _add_fix(SectionKind.SOCIAL_WORK)
    return Check("social_work", requirement, False, f"Missing: {join_words(missing)}", fix)


def _contact(document: dict) -> Check:
    """At least one contact entry with a phone number or an email address."""
    requirement = "Has a contact with a phone number or email"
    first = None
    for section in document.get("sections") or []:
        for contact in section.get("contacts") or []:
            if _text(contact.get("phone")) or _text(contact.get("email")):
                return Check("contact", requirement, True)
            first = first or _entry_fix(section, "contacts", contact, "phone")
    sections = _sections(document, SectionKind.CONTACTS)
    fix = first or (_section_fix(sections[0]) if sections else _add_fix(SectionKind.CONTACTS))
    return Check(
        "contact", requirement, False, "No contact has a phone number or email address", fix
    )


def is_independent(provider: str) -> bool:
    """Whether who runs a service says it is not the council (see INDEPENDENT_WORDS).

    Names alone cannot tell ("Ashdown Family Friends" may be a charity or a council team),
    so it counts when the name says what kind of body it is and does not say "council".
    """
    words = provider.lower()
    return "council" not in words and any(word in words for word in INDEPENDENT_WORDS)


def _independent_help(document: dict) -> Check:
    """At least one support service (its provider) or peer group (who runs it) that says it
    is not the council: a charity, voluntary group, independent service, law centre or NHS."""
    requirement = (
        "Names at least one source of help that is not the council (a charity, for example)"
    )
    for section in document.get("sections") or []:
        providers = [_text(e.get("provider")) for e in section.get("support_services") or []]
        providers += [_text(e.get("run_by")) for e in section.get("peer_groups") or []]
        if any(is_independent(p) for p in providers):
            return Check("independent_help", requirement, True)
    sections = _sections(document, SectionKind.PEER_SUPPORT)
    fix = _section_fix(sections[0]) if sections else _add_fix(SectionKind.PEER_SUPPORT)
    return Check(
        "independent_help",
        requirement,
        False,
        "No service or group says it is run by a charity, voluntary group or other "
        "organisation that is not the council",
        fix,
    )


def _complaints(document: dict) -> Check:
    """A complaints ("How to complain") section that says something."""
    return _area(
        document,
        code="complaints",
        requirement="Says how to complain",
        kinds=(SectionKind.COMPLAINTS,),
        noun="how to complain",
    )


def _review_date(document: dict, today: datetime.date) -> Check:
    """The next review is after today and at most 12 months away."""
    requirement = f"Has a next review date in the next {REVIEW_MAX_AHEAD_MONTHS} months"
    due = _date(document["offer"].get("next_review_due"))
    latest = _months_after(today, REVIEW_MAX_AHEAD_MONTHS)
    fix = _offer_fix("next_review_due", "the offer's “Next review due”")
    if due is None:
        return Check("review_date", requirement, False, "There is no next review date", fix)
    if due <= today:
        return Check(
            "review_date", requirement, False, f"The review was due on {uk_date(due)}", fix
        )
    if due > latest:
        return Check(
            "review_date",
            requirement,
            False,
            f"The next review ({uk_date(due)}) is more than {REVIEW_MAX_AHEAD_MONTHS} months away",
            fix,
        )
    return Check("review_date", requirement, True)


def _prompts(value) -> int:
    if isinstance(value, str):
        return value.count(PROMPT)
    if isinstance(value, dict):
        return sum(_prompts(v) for v in value.values())
    if isinstance(value, list):
        return sum(_prompts(v) for v in value)
    return 0


def _prompt_fix(section: dict) -> Fix:
    """The first field of a section (its own, or one entry's) with a prompt in it."""
    for name, value in section.items():
        if name not in ENTRY_KEYS and _prompts(value):
            return _section_fix(section, name)
    for entry_type in ENTRY_TYPES:
        for entry in section.get(entry_type.key) or []:
            for name, value in entry.items():
                if _prompts(value):
                    return _entry_fix(section, entry_type.key, entry, name)
    return _section_fix(section)


def _no_prompts(document: dict) -> Check:
    """No "[Replace: …]" prompt from the starter offer is left anywhere in the document."""
    requirement = "Has no “[Replace: …]” prompts left from the starter offer"
    places, fix = [], Fix()
    in_offer = _prompts(document.get("offer")) + _prompts(document.get("council"))
    if in_offer:
        places.append("the offer's details")
        names = [n for n, v in (document.get("offer") or {}).items() if _prompts(v)]
        fix = _offer_fix(names[0], "the offer's details") if names else fix
    for section in document.get("sections") or []:
        if _prompts(section):
            places.append(f"“{section.get('heading', '')}”")
            fix = fix if (fix.offer_field or fix.section_key) else _prompt_fix(section)
    total = in_offer + sum(_prompts(s) for s in document.get("sections") or [])
    if not total:
        return Check("no_prompts", requirement, True)
    noun = "prompt is" if total == 1 else "prompts are"
    if len(places) > 3:  # enough to start with; the preview shows the rest
        places = [*places[:3], f"{len(places) - 3} more sections"]
    return Check(
        "no_prompts", requirement, False, f"{total} {noun} left, in {join_words(places)}", fix
    )


def coverage(document: dict, *, today: datetime.date) -> list["Check"]:
    """Every requirement of a complete offer, in a fixed order, each passed or not.

    Pure: the same document and day always give the same rows.
    """
    return [
        _general_approach(document),
        _area(
            document,
            code="financial_support",
            requirement="Covers financial support",
            kinds=(SectionKind.FINANCIAL,),
            noun="financial support",
        ),
        _area(
            document,
            code="health_wellbeing",
            requirement="Covers health and wellbeing",
            kinds=(SectionKind.HEALTH,),
            noun="health and wellbeing",
        ),
        _area(
            document,
            code="family_time",
            requirement="Covers relationships and family time with parents and siblings",
            kinds=(SectionKind.FAMILY_TIME,),
            noun="relationships and family time",
        ),
        _area(
            document,
            code="education_training",
            requirement="Covers education and training",
            kinds=(SectionKind.EDUCATION, SectionKind.CARER_TRAINING),
            noun="education and training",
        ),
        _area(
            document,
            code="housing",
            requirement="Covers accommodation (housing)",
            kinds=(SectionKind.HOUSING,),
            noun="housing",
        ),
        _senior_manager(document),
        _eligibility(document),
        _every_arrangement(document),
        _allowances(document, today),
        _social_work(document),
        _contact(document),
        _independent_help(document),
        _complaints(document),
        _review_date(document, today),
        _no_prompts(document),
    ]


# The checks an editor must pass before sending a working copy for approval: the offer's
# own details (its "About your offer" tasks) and no starter prompts left. The statutory
# areas and the rest may go to an approver with gaps: approvers decide to publish with them.
REQUIRED_TO_SEND = ("general_approach", "senior_manager", "review_date", "no_prompts")


def send_blockers(document: dict, *, today: datetime.date) -> list[Check]:
    """The required checks (REQUIRED_TO_SEND) this document fails: while there are any,
    "Send for approval" cannot start yet."""
    return [
        check
        for check in coverage(document, today=today)
        if check.code in REQUIRED_TO_SEND and not check.passed
    ]


def gaps(document: dict, *, today: datetime.date) -> list[Check]:
    """The requirements this document does not meet yet."""
    return [check for check in coverage(document, today=today) if not check.passed]


def gaps_summary(failed: list[Check]) -> str:
    """The gaps in one line, for the audit trail: "2 checklist gaps: A; B"."""
    noun = "gap" if len(failed) == 1 else "gaps"
    return f"{len(failed)} checklist {noun}: " + "; ".join(
        f"{check.requirement} ({check.missing})" for check in failed
    )
