"""Every fixed list in the portal, with the words officers and families read for each value.

One module, imported by the models, validators, document schema, diff, templates and
(later) the API, so a label or an explanation is written once. It imports nothing from the
rest of the app, which is what keeps models and validators free of import cycles.
"""

from dataclasses import dataclass

from django.db import models


class ArrangementType(models.TextChoices):
    """The legal shape of a kinship family; eligibility for support depends on it."""

    KINSHIP_FOSTER = "kinship_foster", 'Kinship foster care (the child is "looked after")'
    SGO = "sgo", "Special guardianship order (SGO)"
    CAO = "cao", "Child arrangements order (CAO)"
    ADOPTION = "adoption", "Adoption by a relative"
    INFORMAL = "informal", "Informal or private family arrangement"
    PRIVATE_FOSTERING = "private_fostering", "Private fostering (not a relative, 28+ days)"


@dataclass(frozen=True)
class ArrangementExplanation:
    """What an arrangement type means for the family, in plain words (reading age about 9)."""

    short_name: str  # fits in a sentence: "a special guardianship order"
    what_it_is: str
    parental_responsibility: str
    how_long: str
    support: str


ARRANGEMENT_EXPLANATIONS: dict[str, ArrangementExplanation] = {
    ArrangementType.KINSHIP_FOSTER: ArrangementExplanation(
        short_name="kinship foster care",
        what_it_is=(
            "The council placed the child with you and checked that you can be their foster "
            'carer. The child is "looked after" by the council.'
        ),
        parental_responsibility=(
            "The council and the child's parents share parental responsibility. You make "
            "day-to-day decisions, but you need to ask the council about big ones."
        ),
        how_long="It lasts until a court makes a different order or the child turns 18.",
        support=(
            "You get at least the national minimum fostering allowance, a social worker for "
            "the child and one for you, and training."
        ),
    ),
    ArrangementType.SGO: ArrangementExplanation(
        short_name="a special guardianship order",
        what_it_is=(
            "A court made you the child's special guardian. The child is no longer looked "
            "after by the council."
        ),
        parental_responsibility=(
            "You have parental responsibility, and you can make most decisions without "
            "asking the parents."
        ),
        how_long="It lasts until the child turns 18, unless a court ends it.",
        support=(
            "You can ask for a support plan. Many councils pay a means-tested allowance. "
            "You can ask the council to apply to a national fund for therapy for the child."
        ),
    ),
    ArrangementType.CAO: ArrangementExplanation(
        short_name="a child arrangements order",
        what_it_is="A court decided that the child lives with you.",
        parental_responsibility=(
            "You have parental responsibility while the order lasts. You share it with the "
            "child's parents."
        ),
        how_long="It usually lasts until the child turns 18.",
        support=(
            "Some councils pay a means-tested allowance. You can ask for an assessment of "
            "what support your family needs."
        ),
    ),
    ArrangementType.ADOPTION: ArrangementExplanation(
        short_name="adoption by a relative",
        what_it_is="A court made you the child's legal parent.",
        parental_responsibility=(
            "You have parental responsibility. The birth parents no longer have it."
        ),
        how_long="It lasts for life.",
        support=(
            "You can ask for an adoption support assessment. You can ask the council to apply "
            "to a national fund for therapy for the child."
        ),
    ),
    ArrangementType.INFORMAL: ArrangementExplanation(
        short_name="an informal family arrangement",
        what_it_is=(
            "The child lives with you because the family agreed it. There is no court order "
            "and the council did not place the child with you."
        ),
        parental_responsibility=(
            "The child's parents keep parental responsibility. You may need their agreement "
            "for things like school trips or medical treatment."
        ),
        how_long="It can change at any time if the parents ask for the child back.",
        support=(
            "You can still ask for advice, training, peer support and help to claim "
            "benefits. Ask the council what else you can get."
        ),
    ),
    ArrangementType.PRIVATE_FOSTERING: ArrangementExplanation(
        short_name="private fostering",
        what_it_is=(
            "You look after a child who is not a close relative for 28 days or more, and the "
            "family arranged it."
        ),
        parental_responsibility="The child's parents keep parental responsibility.",
        how_long="It lasts as long as the family agrees.",
        support=(
            "You must tell the council. A social worker will visit to check the child is "
            "safe and to tell you what help you can get."
        ),
    ),
}


class Region(models.TextChoices):
    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and The Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"


class Role(models.TextChoices):
    EDITOR = "editor", "Editor (writes the offer and submits it for approval)"
    APPROVER = "approver", "Approver (writes, approves and publishes)"


class OfferStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"


class SectionKind(models.TextChoices):
    GENERAL_APPROACH = "general_approach", "Our general approach"
    ELIGIBILITY = "eligibility", "Who can get support"
    FINANCIAL = "financial", "Financial support"
    PRACTICAL = "practical", "Practical support"
    LEGAL = "legal", "Legal advice"
    HEALTH = "health", "Health and wellbeing"
    EDUCATION = "education", "Education and training for your child"
    CARER_TRAINING = "carer_training", "Training for carers"
    PEER_SUPPORT = "peer_support", "Peer support"
    SOCIAL_WORK = "social_work", "Social work support"
    FAMILY_TIME = "family_time", "Relationships and family time"
    HOUSING = "housing", "Housing"
    WORK = "work", "Work and kinship leave"
    SHORT_BREAKS = "short_breaks", "Short breaks"
    AGE_18 = "age_18", "Support at 18 and beyond"
    COMPLAINTS = "complaints", "How to complain"
    CONTACTS = "contacts", "Contacts"


class Frequency(models.TextChoices):
    """How often an allowance is paid; the label follows the amount: "£184 a week"."""

    WEEKLY = "weekly", "a week"
    FORTNIGHTLY = "fortnightly", "a fortnight"
    MONTHLY = "monthly", "a month"
    ANNUAL = "annual", "a year"
    ONE_OFF = "one_off", "one-off payment"


class CourseFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    BOTH = "both", "In person or online"


class SocialWorkKind(models.TextChoices):
    FORM_K = "form_k", "Kinship assessment (Form K)"
    SUPPORT_PLAN = "support_plan", "Support plan and reviews"
    COURT_REPORT = "court_report", "Court report for an SGO or CAO"
    CIN_PLAN = "cin_plan", "Child in need plan"
    ASGSF = "asgsf", "ASGSF assessment and application"
    SHORT_BREAKS = "short_breaks", "Short breaks decision"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    OTHER = "other", "Other"


class ScheduleStatus(models.TextChoices):
    PENDING = "pending", "Scheduled"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class AuditAction(models.TextChoices):
    SUBMIT = "submit", "Submitted for approval"
    PUBLISH = "publish", "Published"
    REJECT = "reject", "Sent back to editor"
    SCHEDULE = "schedule", "Scheduled to publish"
    CANCEL_SCHEDULE = "cancel_schedule", "Cancelled a scheduled publish"
    ROLLBACK = "rollback", "Republished an older version"
    SHARE_CREATE = "share_create", "Created a preview link"
    SHARE_REVOKE = "share_revoke", "Revoked a preview link"
    IMPORT = "import", "Imported a document into the working copy"
    EDIT = "edit", "Edited the working copy"
    DELETE = "delete", "Deleted from the working copy"
    WITHDRAW = "withdraw", "Withdrawn from approval by an edit"
    FEEDBACK_HANDLED = "feedback_handled", "Marked feedback as handled"
    RESTORE = "restore", "Restored an older version into the working copy"
    FACT_CHECK = "fact_check", "Sent for a fact check"


class ReminderKind(models.TextChoices):
    """The emails send_review_reminders sends; each is sent once per review date or year."""

    REVIEW_30 = "review_30", "Review due in 30 days or fewer"
    REVIEW_7 = "review_7", "Review due in 7 days or fewer"
    REVIEW_DUE = "review_due", "Review due today or overdue"
    RATES = "rates", "Allowance rates older than the financial year"


def label(choices: type[models.TextChoices], code) -> str:
    """A code's label, or the code itself if it is not one of the choices (old documents)."""
    try:
        return choices(code).label
    except ValueError:
        return "" if code is None else str(code)


# --- Consulting families on the offer (offers.consultations) ---------------------------


class ConsultationSource(models.TextChoices):
    """What a consultation shows families: a snapshot of one of the offer's two states."""

    WORKING_COPY = "working_copy", "The working copy (the draft you are writing)"
    LIVE = "live", "The live offer (what families see now)"


class Respondent(models.TextChoices):
    """Who answered, if they chose to say. Nothing else about them is asked or kept."""

    CHILD = "child", "A child or young person"
    CARER = "carer", "A kinship carer"
    PROFESSIONAL = "professional", "A professional"
    NOT_SAID = "not_said", "Prefer not to say"


class Usefulness(models.TextChoices):
    """The answer to "Was this useful?" about one section."""

    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class ThemeAnswerKind(models.TextChoices):
    """The council's answer to a theme in what families told it."""

    CHANGED = "changed", "We changed"
    WILL = "will", "We will"
    CANNOT = "cannot", "We cannot, because"
