"""The workspace's task list for one offer: its tasks and their statuses, worked out from the
working copy's document, the coverage checklist and the officers' answers to "Have you
completed this section?" (models.TaskAnswer). A pure function of those, so the page, its
tests and any later report judge a task the same way. The page only shows what this says.

Statuses, as GOV.UK's "Complete multiple tasks" pattern uses them:
- "Not started": nothing written yet (a section with no body and no entries; the offer's
  general approach or manager still empty);
- "In progress": something written, and the officer has not said it is complete;
- "Completed": the officer said so;
- "There is a problem": the officer said so, but the checklist now finds a gap in it, or a
  "[Replace: …]" prompt of the example offer is still in it;
- "Cannot start yet": "Send for approval" and "Publish" until every required task (the
  offer's details and every section) is completed.
"""

import datetime
import json
from dataclasses import dataclass, field

from . import checklist
from .checklist import PROMPT
from .choices import OfferStatus
from .entry_types import ENTRY_TYPES
from .places import Place, document_texts
from .writing import ABOUT_INTRODUCTION, ABOUT_MANAGER

NOT_STARTED = "Not started"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"
PROBLEM = "There is a problem"
CANNOT_START = "Cannot start yet"
WAITING = "Waiting for approval"
OPEN_STATUSES = frozenset({NOT_STARTED, IN_PROGRESS, PROBLEM})

# Which of the offer's own fields each "About your offer" task holds.
ABOUT_FIELDS = {
    ABOUT_INTRODUCTION: ("title", "introduction"),
    ABOUT_MANAGER: ("manager_name", "manager_job_title", "last_reviewed", "next_review_due"),
}
ABOUT_TITLES = {
    ABOUT_INTRODUCTION: "Title and general approach",
    ABOUT_MANAGER: "Responsible manager and review dates",
}
# The field that must be written before the task counts as started.
ABOUT_STARTED_BY = {ABOUT_INTRODUCTION: "introduction", ABOUT_MANAGER: "manager_name"}

# What a task leads to (the workspace turns each into an address).
ABOUT, SECTION, PREVIEW, CHECK, SEND, PUBLISH, REPLACE = (
    "about",
    "section",
    "preview",
    "check",
    "send",
    "publish",
    "replace",
)


@dataclass(frozen=True)
class Task:
    key: str  # "about:introduction", a section's key, "send"…
    title: str
    status: str  # one of the statuses above, or "" for a task that has none (preview)
    target: str  # ABOUT, SECTION… what its link opens
    hint: str = ""
    required: bool = False  # must be completed before sending for approval
    place: Place | None = None  # REPLACE: the field that holds the prompt
    count: int = 0  # CHECK: how many things to look at

    @property
    def is_open(self) -> bool:
        return self.required and self.status in OPEN_STATUSES


@dataclass
class TaskGroup:
    heading: str
    tasks: list[Task] = field(default_factory=list)
    adds_sections: bool = False  # "Add a section" follows its list


@dataclass
class TaskList:
    groups: list[TaskGroup]
    open_tasks: int  # required tasks not completed yet
    gaps: list  # the checklist's gaps (checklist.Check)

    @property
    def ready(self) -> bool:
        return self.open_tasks == 0


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _status(*, started: bool, answer: bool | None, problem: bool) -> str:
    if answer:
        return PROBLEM if problem else COMPLETED
    return IN_PROGRESS if started or answer is not None else NOT_STARTED


def prompt_places(document: dict) -> list[tuple[Place, str]]:
    """Every field still holding a "[Replace: …]" prompt, with where it is in words, in the
    order of the page."""
    if PROMPT not in json.dumps(document, ensure_ascii=False):
        return []  # none anywhere: no need to walk every field
    return [(item.place, item.where) for item in document_texts(document) if PROMPT in item.text]


def _section_started(section: dict) -> bool:
    return bool(_text(section.get("body"))) or any(
        section.get(entry_type.key) for entry_type in ENTRY_TYPES
    )


def build(
    *,
    document: dict,
    answers: dict[str, bool],
    status: str,
    today: datetime.date,
    can_publish: bool,
    advice_count: int = 0,
) -> TaskList:
    """The task list of a working copy's document.

    answers: TaskAnswer.completed by task key; status: the offer's OfferStatus;
    can_publish: whether the officer reading it is an approver (they see "Publish");
    advice_count: how many other findings to count in "Check your offer" (the workspace
    counts web address warnings; plain English is read on the check page itself).
    """
    gaps = checklist.gaps(document, today=today)
    prompts = prompt_places(document)
    gap_sections = {gap.fix.section_key for gap in gaps if gap.fix.section_key}
    gap_offer_fields = {gap.fix.offer_field for gap in gaps if gap.fix.offer_field}
    prompt_sections = {place.section_key for place, _ in prompts if place.section_key}
    prompt_offer_fields = {place.field for place, _ in prompts if not place.section_key}
    offer = document["offer"]

    about = TaskGroup("About your offer")
    for key, names in ABOUT_FIELDS.items():
        problem = bool(set(names) & (gap_offer_fields | prompt_offer_fields))
        started = bool(_text(offer.get(ABOUT_STARTED_BY[key])))
        about.tasks.append(
            Task(
                key=key,
                title=ABOUT_TITLES[key],
                status=_status(started=started, answer=answers.get(key), problem=problem),
                target=ABOUT,
                required=True,
            )
        )

    write = TaskGroup("Write your offer", adds_sections=True)
    for section in document["sections"]:
        key = section["key"]
        problem = key in gap_sections or key in prompt_sections
        write.tasks.append(
            Task(
                key=key,
                title=section["heading"],
                status=_status(
                    started=_section_started(section), answer=answers.get(key), problem=problem
                ),
                target=SECTION,
                required=True,
            )
        )

    groups = [about, write]
    if prompts:
        replace = TaskGroup("Replace the example text")
        for place, where in prompts:
            replace.tasks.append(
                Task(
                    key=f"replace:{where}",
                    title=f"Replace the example text: {where}",
                    status=IN_PROGRESS,
                    target=REPLACE,
                    place=place,
                )
            )
        groups.append(replace)

    open_tasks = sum(1 for group in groups for task in group.tasks if task.is_open)
    to_check = len(gaps) + advice_count
    check = TaskGroup("Check and publish")
    check.tasks.append(
        Task(
            key="preview",
            title="Preview your offer",
            status="",
            target=PREVIEW,
            hint="See it as families will",
        )
    )
    check.tasks.append(
        Task(
            key="check",
            title="Check your offer",
            status=f"{to_check} to look at" if to_check else COMPLETED,
            target=CHECK,
            hint="What the offer still needs, plain English and web addresses",
            count=to_check,
        )
    )
    if status == OfferStatus.SUBMITTED:
        send_status = WAITING
    else:
        send_status = NOT_STARTED if open_tasks == 0 else CANNOT_START
    check.tasks.append(Task(key="send", title="Send for approval", status=send_status, target=SEND))
    if can_publish:
        check.tasks.append(
            Task(
                key="publish",
                title="Publish",
                status=NOT_STARTED if open_tasks == 0 else CANNOT_START,
                target=PUBLISH,
            )
        )
    groups.append(check)
    return TaskList(groups=groups, open_tasks=open_tasks, gaps=gaps)
