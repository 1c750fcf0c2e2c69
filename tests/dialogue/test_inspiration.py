import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogue.models import Idea
from tests.factories.dialogue import IdeaFactory, InspirationEntryFactory

pytestmark = pytest.mark.django_db


def test_the_catalogue_lists_published_entries(client):
    InspirationEntryFactory(title_da="Lektiecafé på biblioteket")
    InspirationEntryFactory(title_da="Kladde", is_published=False)
    content = client.get(reverse("dialogue:inspiration-list")).content.decode()
    assert "Lektiecafé på biblioteket" in content
    assert "Kladde" not in content


def test_an_entry_shows_its_idea_examples_and_links(client, association):
    entry = InspirationEntryFactory(
        title_da="Lektiecafé", who_da="Foreninger med **frivillige** voksne", examples_da="Hornbæk Bibliotek"
    )
    idea = IdeaFactory(title="Lektiehjælp i Tikøb")
    entry.ideas.add(idea, IdeaFactory(title="Skjult idé", is_hidden=True, status=Idea.Status.NEW))
    entry.associations.add(association)
    content = client.get(entry.get_absolute_url()).content.decode()
    assert "<strong>frivillige</strong>" in content
    assert "Hornbæk Bibliotek" in content
    assert idea.get_absolute_url() in content
    assert "Skjult idé" not in content
    assert association.name in content


def test_an_entry_is_in_english_when_asked(client):
    entry = InspirationEntryFactory(title_da="Lektiecafé", title_en="Homework café", who_en="Libraries")
    content = client.get(f"/en{entry.get_absolute_url()}").content.decode()
    assert "Homework café" in content
    assert "Libraries" in content


def test_an_unpublished_entry_is_not_found(client):
    entry = InspirationEntryFactory(is_published=False)
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_the_catalogue_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    InspirationEntryFactory.create_batch(3)
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("dialogue:inspiration-list"))
    InspirationEntryFactory.create_batch(7)
    with django_assert_num_queries(len(three)):
        client.get(reverse("dialogue:inspiration-list"))
