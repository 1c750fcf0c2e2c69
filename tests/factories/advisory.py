import factory
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from advisory.models import AdviceRequest, Guide, Message, Topic
from tests.factories.associations import MembershipFactory
from tests.factories.portal import StaffFactory, UserFactory


class StaffGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ["name"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Rådgivere {n}")

    @factory.post_generation
    def advisory_permissions(self, create, extracted, **kwargs):
        if create:
            self.permissions.add(*Permission.objects.filter(content_type__app_label="advisory"))


class AdvisorFactory(StaffFactory):
    """A staff member in a group with the advisory permissions, as the municipality sets them up."""

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(*(extracted or [StaffGroupFactory()]))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"emne-{n}")
    name_da = factory.Sequence(lambda n: f"Emne {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    summary_da = "Kort om emnet."
    summary_en = "About the topic."
    staff_group = factory.SubFactory(StaffGroupFactory)


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    topic = factory.SubFactory(TopicFactory)
    slug = factory.Sequence(lambda n: f"vejledning-{n}")
    title_da = factory.Sequence(lambda n: f"Vejledning {n}")
    title_en = factory.Sequence(lambda n: f"Guide {n}")
    body_da = "## Sådan gør I\n\nSkriv **vedtægter** og vælg en bestyrelse."
    body_en = ""


class AdviceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceRequest

    topic = factory.SubFactory(TopicFactory)
    asker = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"Spørgsmål {n}")
    question = "Hvordan opretter vi en bankkonto til foreningen?"
    status = AdviceRequest.Status.NEW
    created_at = factory.LazyFunction(timezone.now)
    waiting_since = factory.LazyAttribute(lambda o: o.created_at if o.status in AdviceRequest.AWAITING_STAFF else None)
    closed_at = factory.LazyAttribute(lambda o: o.created_at if o.status == AdviceRequest.Status.CLOSED else None)

    class Params:
        # Asked on behalf of a new association that the asker is an administrator of, as the service requires.
        for_association = factory.Trait(
            association=factory.LazyAttribute(lambda o: MembershipFactory(user=o.asker).association)
        )


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    request = factory.SubFactory(AdviceRequestFactory)
    author = factory.LazyAttribute(lambda o: o.request.asker)
    from_staff = factory.LazyAttribute(lambda o: o.author.pk != o.request.asker_id)
    body = "Tak for svaret."
