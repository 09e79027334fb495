"""Factories for tests: fictional councils and offers only."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from offers import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"officer-{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    is_staff = True
    password = factory.django.Password("test-password")


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Council

    name = factory.Sequence(lambda n: f"Testshire {n} Council")
    slug = factory.Sequence(lambda n: f"testshire-{n}")
    gss_code = factory.Sequence(lambda n: f"E06{n:06d}")
    region = models.Region.SOUTH_EAST
    website = factory.LazyAttribute(lambda c: f"https://{c.slug}.example")
    email = factory.LazyAttribute(lambda c: f"kinship@{c.slug}.example")
    phone = "0161 496 0000"
    brand_colour = "#1d70b8"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)
    role = models.Role.EDITOR


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Offer

    council = factory.SubFactory(CouncilFactory)
    title = "Our kinship local offer"
    introduction = "We help families who raise a relative's child."
    manager_name = "Sam Example"
    manager_job_title = "Head of Kinship Services"
    last_reviewed = datetime.date(2026, 4, 1)
    next_review_due = datetime.date(2027, 4, 1)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Section

    offer = factory.SubFactory(OfferFactory)
    kind = models.SectionKind.FINANCIAL
    heading = "Financial support"
    summary = "Money you can get to help you care for the child."
    body = "We pay **allowances** to some carers."
    order = factory.Sequence(lambda n: n)


class AllowanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Allowance

    section = factory.SubFactory(SectionFactory)
    name = "Special guardianship allowance"
    amount = Decimal("190.00")
    frequency = models.Frequency.WEEKLY
    means_tested = True
    applies_from = datetime.date(2026, 4, 1)
    arrangement_types = ["sgo"]


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TrainingCourse

    section = factory.SubFactory(SectionFactory, kind=models.SectionKind.CARER_TRAINING)
    title = "Understanding trauma"
    format = models.CourseFormat.ONLINE
    when = "Tuesdays 10am, termly"


class PeerGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PeerGroup

    section = factory.SubFactory(SectionFactory, kind=models.SectionKind.PEER_SUPPORT)
    name = "Grandparents' coffee morning"
    meets = "First Friday of the month"


class SocialWorkServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SocialWorkService

    section = factory.SubFactory(SectionFactory, kind=models.SectionKind.SOCIAL_WORK)
    kind = models.SocialWorkKind.FORM_K
    what_happens = "A social worker visits you to see how we can support you."


class SupportServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SupportService

    section = factory.SubFactory(SectionFactory, kind=models.SectionKind.PRACTICAL)
    title = "Help with school uniform"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contact

    section = factory.SubFactory(SectionFactory, kind=models.SectionKind.CONTACTS)
    name = "Kinship support team"
    phone = "0161 496 0123"
    email = "kinship@council.example"


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Feedback

    council = factory.SubFactory(CouncilFactory)
    section_anchor = "financial"
    section_heading = "Financial support"
    was_clear = False
    comment = "I did not understand means-tested."


class NationalSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NationalScheme

    name = factory.Sequence(lambda n: f"National test scheme {n}")
    arrangement_types = factory.LazyFunction(list)
    summary = "Money towards the child's costs."
    amount = Decimal("22.95")
    frequency = models.Frequency.WEEKLY
    how_to_apply = "Claim it from the government's office."
    source_url = "https://www.gov.example/scheme"
    checked_on = datetime.date(2026, 12, 1)
    next_check_due = datetime.date(2027, 4, 6)
    check_before_live = False
