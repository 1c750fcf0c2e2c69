import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from grants.models import (
    ApplicantKind,
    Application,
    Attachment,
    BudgetLine,
    Declaration,
    GrantScheme,
    Purpose,
    ReminderSubscription,
    Round,
    SchemeLink,
    TargetGroup,
)
from tests.factories.portal import UserFactory


class ApplicantKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicantKind
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"kind-{n}")
    name_da = factory.Sequence(lambda n: f"Foreningstype {n}")
    name_en = factory.Sequence(lambda n: f"Association kind {n}")


class PurposeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Purpose
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"purpose-{n}")
    name_da = factory.Sequence(lambda n: f"Formål {n}")
    name_en = factory.Sequence(lambda n: f"Purpose {n}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_da = factory.Sequence(lambda n: f"Målgruppe {n}")
    name_en = factory.Sequence(lambda n: f"Target group {n}")


class GrantSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantScheme
        skip_postgeneration_save = True

    title_da = factory.Sequence(lambda n: f"Pulje {n}")
    title_en = factory.Sequence(lambda n: f"Pool {n}")
    slug = factory.Sequence(lambda n: f"pulje-{n}")
    status = GrantScheme.Status.PUBLISHED
    summary_da = "Støtte til frivilligt arbejde i Helsingør Kommune."
    summary_en = "Support for voluntary work in Helsingør Municipality."
    amount_min = Decimal("5000")
    amount_max = Decimal("50000")
    legal_basis = "Serviceloven § 18"


class RoundFactory(factory.django.DjangoModelFactory):
    """An open round by default: it opened a week ago and closes in three weeks."""

    class Meta:
        model = Round

    scheme = factory.SubFactory(GrantSchemeFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=21))


class SchemeLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchemeLink

    scheme = factory.SubFactory(GrantSchemeFactory)
    title_da = "Retningslinjer"
    url = "https://www.helsingor.dk/"


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    scheme = factory.SubFactory(GrantSchemeFactory)
    text_da = factory.Sequence(lambda n: f"Vi erklærer punkt {n}.")
    text_en = factory.Sequence(lambda n: f"We declare item {n}.")


class ReminderSubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderSubscription

    scheme = factory.SubFactory(GrantSchemeFactory)
    email = factory.Sequence(lambda n: f"reminder{n}@example.org")
    confirmed_at = factory.LazyFunction(timezone.now)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    round = factory.SubFactory(RoundFactory)
    scheme = factory.SelfAttribute("round.scheme")
    applicant = factory.SubFactory(UserFactory)
    association = None
    organisation_name = "Espergærde Spejderne"
    cvr = "12345678"
    contact_name = "Frederik Formand"
    contact_email = "formand@example.org"
    title = factory.Sequence(lambda n: f"Projekt {n}")
    description = "Vi vil lave en sommerlejr for børn fra hele kommunen."
    target_group = "Børn 8-12 år"
    period_start = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    period_end = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))
    amount_requested = Decimal("10000")


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    application = factory.SubFactory(ApplicationFactory)
    item = "Telte og udstyr"
    amount = Decimal("15000")


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    application = factory.SubFactory(ApplicationFactory)
    file = factory.django.FileField(filename="budget.pdf", data=b"%PDF-1.4\n%test\n")
    original_name = "budget.pdf"
    content_type = "application/pdf"
    size = 15
