import datetime as dt

import factory
from django.utils import timezone

from associations.models import (
    Activity,
    Association,
    AssociationTargetGroup,
    AssociationTown,
    Category,
    Interest,
    Invitation,
    Membership,
    MunicipalUnit,
    TargetGroup,
    Town,
    VolunteerRole,
)
from tests.factories.portal import UserFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name_da = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Forening nummer {n}")
    slug = factory.Sequence(lambda n: f"forening-{n}")
    kind = Association.Kind.FOLKEOPLYSENDE
    description = "En forening i Helsingør Kommune."
    contact_email = factory.Sequence(lambda n: f"forening{n}@example.org")
    status = Association.Status.APPROVED

    @factory.post_generation
    def towns(self, create, extracted, **kwargs):
        if create:
            for town in extracted or [Town.HELSINGOR]:
                AssociationTown.objects.create(association=self, town=town)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)
    role = Membership.Role.ADMIN


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    association = factory.SubFactory(AssociationFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Membership.Role.EDITOR


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    association = factory.SubFactory(AssociationFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    description = "Kom og vær med."
    kind = Activity.Kind.ONCE
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=3))
    start_time = dt.time(17, 0)
    end_time = dt.time(19, 0)
    place = "Stengade 1, 3000 Helsingør"
    town = Town.HELSINGOR


class MunicipalUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalUnit

    name = factory.Sequence(lambda n: f"Plejecenter {n}")
    slug = factory.Sequence(lambda n: f"plejecenter-{n}")
    kind = MunicipalUnit.Kind.NURSING_HOME
    email = factory.Sequence(lambda n: f"enhed{n}@example.org")


class VolunteerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerRole

    association = factory.SubFactory(AssociationFactory)
    title = factory.Sequence(lambda n: f"Frivillig træner {n}")
    description = "Hjælp med træningen."
    time_commitment = "2 timer om ugen"
    town = Town.HELSINGOR


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    role = factory.SubFactory(VolunteerRoleFactory)
    name = "Hanne Hjælpsom"
    email = factory.Sequence(lambda n: f"helper{n}@example.org")
    consent = True


class AssociationTownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssociationTown

    association = factory.SubFactory(AssociationFactory, towns=[])
    town = Town.SNEKKERSTEN


class AssociationTargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssociationTargetGroup

    association = factory.SubFactory(AssociationFactory)
    group = TargetGroup.EVERYONE
