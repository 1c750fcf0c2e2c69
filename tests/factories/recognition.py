import datetime as dt
import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from associations.models import Town
from recognition.models import Award, AwardRound, Nomination, Story, StoryImage, StoryTown, Thanks, ThanksReport
from tests.factories.portal import UserFactory


def image_bytes(*, size: tuple[int, int] = (800, 600), kind: str = "PNG", colour=(0, 73, 147)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=kind)
    return buffer.getvalue()


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Historie nummer {n}")
    slug = factory.Sequence(lambda n: f"historie-{n}")
    teaser = "En kort indledning om frivillige."
    body = "Frivillige gør en **forskel**."
    author = factory.SubFactory(UserFactory)
    consent_confirmed = True
    status = Story.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def associations(self, create, extracted, **kwargs):
        if create and extracted:
            self.associations.set(extracted)

    @factory.post_generation
    def towns(self, create, extracted, **kwargs):
        # About Helsingør unless told otherwise; `towns=[]` makes a story about no town in particular.
        if create:
            towns = [Town.HELSINGOR] if extracted is None else extracted
            StoryTown.objects.bulk_create([StoryTown(story=self, town=town) for town in towns])

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class StoryTownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryTown
        django_get_or_create = ["story", "town"]

    story = factory.SubFactory(StoryFactory, towns=[])
    town = Town.HORNBAEK


class StoryImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryImage

    story = factory.SubFactory(StoryFactory)
    image = factory.LazyFunction(lambda: ContentFile(image_bytes(kind="JPEG"), name="billede.jpg"))
    thumbnail = factory.LazyFunction(lambda: ContentFile(image_bytes(size=(320, 240), kind="JPEG"), name="lille.jpg"))
    alt_text = "Frivillige samler affald på stranden"


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    slug = factory.Sequence(lambda n: f"pris-{n}")
    name_da = factory.Sequence(lambda n: f"Frivilligprisen {n}")
    name_en = factory.Sequence(lambda n: f"The Volunteer Award {n}")
    description_da = "Til en frivillig, der gør en forskel."
    description_en = "For a volunteer who makes a difference."


class AwardRoundFactory(factory.django.DjangoModelFactory):
    """An open round unless told otherwise."""

    class Meta:
        model = AwardRound

    award = factory.SubFactory(AwardFactory)
    title = factory.Sequence(lambda n: str(2000 + n))
    nominations_open = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    nominations_close = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    announced_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    round = factory.SubFactory(AwardRoundFactory)
    kind = Nomination.Kind.PERSON
    nominee_name = factory.Faker("name", locale="da_DK")
    nominee_email = factory.Sequence(lambda n: f"nominee{n}@example.org")
    reason = "Hun har hjulpet i lektiecaféen i ti år."
    nominated_by = factory.SubFactory(UserFactory)


class ThanksFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thanks

    recipient = "Træner Jonas"
    message = "Tak for at du altid har tid til de mindste."
    author = factory.SubFactory(UserFactory)
    status = Thanks.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ThanksReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThanksReport

    thanks = factory.SubFactory(ThanksFactory)
    reporter = factory.SubFactory(UserFactory)
