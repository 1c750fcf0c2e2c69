"""A story is about several of the portal's shared towns and categories: the migration that moved the single choices
over, the service that sets them, and the demo data."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor

from associations import demo as associations_demo
from associations.models import Town
from portal import demo as portal_demo
from recognition import demo, services
from recognition.models import Story, StoryTown
from tests.factories.associations import CategoryFactory
from tests.factories.recognition import StoryFactory, StoryTownFactory

pytestmark = pytest.mark.django_db


def test_a_town_is_on_a_story_only_once():
    row = StoryTownFactory(town=Town.HORNBAEK)

    with pytest.raises(IntegrityError):
        StoryTown.objects.create(story=row.story, town=Town.HORNBAEK)


def test_story_towns_set_replaces_the_towns():
    story = StoryFactory(towns=[Town.HORNBAEK, Town.TIKOB])

    services.story_towns_set(story=story, towns=[Town.TIKOB, Town.WHOLE_MUNICIPALITY])

    assert sorted(story.towns.values_list("town", flat=True)) == ["kommune", "tikob"]
    with pytest.raises(ValidationError):
        services.story_towns_set(story=story, towns=["paris"])


def test_story_save_keeps_towns_and_categories_when_not_given():
    nature = CategoryFactory(slug="natur")
    story = StoryFactory(status=Story.Status.DRAFT, published_at=None, towns=[Town.HORNBAEK], categories=[nature])

    services.story_save(author=story.author, story=story, title="Ny", teaser="T", body="B")

    assert list(story.towns.values_list("town", flat=True)) == ["hornbaek"]
    assert list(story.categories.all()) == [nature]


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_the_single_town_and_category():
    executor = MigrationExecutor(connection)
    executor.migrate([("recognition", "0002_association_links")])
    old = executor.loader.project_state([("recognition", "0002_association_links")]).apps
    user = old.get_model("portal", "User").objects.create(email="gammel@example.org")
    Category = old.get_model("associations", "Category")
    culture = Category.objects.create(slug="kultur", name_da="Kultur", name_en="Culture")
    OldStory = old.get_model("recognition", "Story")
    common = {"teaser": "T", "body": "B", "author": user}
    OldStory.objects.create(title="A", slug="a", town="alsgarde", category="culture", **common)
    OldStory.objects.create(title="B", slug="b", town="", category="nature", **common)
    OldStory.objects.create(title="C", slug="c", town="kvistgard", category="", **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    a, b, c = Story.objects.order_by("slug")
    assert list(a.towns.values_list("town", flat=True)) == ["aalsgaarde"]
    assert list(a.categories.values_list("pk", flat=True)) == [culture.pk]
    # "nature" has no shared category in this database, so it is skipped rather than invented.
    assert not b.towns.exists() and not b.categories.exists()
    assert list(c.towns.values_list("town", flat=True)) == ["kvistgaard"]


def test_the_demo_stories_have_several_towns_and_categories_and_seeding_twice_changes_nothing():
    portal_demo.seed(stdout=io.StringIO())
    associations_demo._seed_categories()

    for _ in range(2):
        demo._seed_stories(io.StringIO())

    story = Story.objects.get(title="Strandrensning ved Hornbæk")
    assert sorted(story.towns.values_list("town", flat=True)) == ["hellebaek", "hornbaek"]
    assert sorted(story.categories.values_list("slug", flat=True)) == ["miljoe", "natur"]
    assert Story.objects.filter(title="Strandrensning ved Hornbæk").count() == 1
    assert StoryTown.objects.filter(story__title="Strandrensning ved Hornbæk").count() == 2
