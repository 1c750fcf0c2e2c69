import datetime as dt

import factory
from django.utils import timezone

from dialogue.models import (
    AgendaItem,
    AgendaTopic,
    Comment,
    CommentReport,
    Forum,
    ForumMember,
    Idea,
    InspirationEntry,
    Meeting,
    Support,
)
from tests.factories.portal import UserFactory


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idé nummer {n}")
    description = "En **god** idé til frivilligheden i kommunen."
    proposer = factory.SubFactory(UserFactory)


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
    user = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(UserFactory)
    body = "Det er en rigtig god idé."


class CommentReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentReport

    comment = factory.SubFactory(CommentFactory)
    reporter = factory.SubFactory(UserFactory)


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    name_da = factory.Sequence(lambda n: f"Forum {n}")
    name_en = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    description_da = "Et forum for frivillige og politikere."


class ForumMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumMember

    forum = factory.SubFactory(ForumFactory)
    name = factory.Faker("name", locale="da_DK")
    role_da = "Medlem"
    role_en = "Member"


class MeetingFactory(factory.django.DjangoModelFactory):
    """An upcoming meeting that still takes topic proposals for a week."""

    class Meta:
        model = Meeting

    forum = factory.SubFactory(ForumFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    topic_deadline = factory.LazyAttribute(lambda o: o.starts_at - dt.timedelta(days=7))
    place = "Rådhuset, Stengade 59, 3000 Helsingør"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Punkt {n}")


class AgendaTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaTopic

    meeting = factory.SubFactory(MeetingFactory)
    proposer = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Forslag {n}")
    description = "Vi vil gerne drøfte lokaler til foreningerne."


class InspirationEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspirationEntry

    slug = factory.Sequence(lambda n: f"inspiration-{n}")
    title_da = factory.Sequence(lambda n: f"Inspiration {n}")
    title_en = factory.Sequence(lambda n: f"Inspiration {n}")
    summary_da = "En idé fra frivilligkonferencen."
    who_da = "Alle foreninger."
