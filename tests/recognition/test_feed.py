import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from associations.models import Town
from recognition.models import Story
from tests.factories.associations import CategoryFactory
from tests.factories.recognition import StoryFactory
from tests.recognition.conftest import count_queries

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_atom_feed_lists_published_stories_newest_first(client):
    now = timezone.now()
    old = StoryFactory(title="Gammel & god", teaser="Om <frivillige>", published_at=now - dt.timedelta(days=3))
    new = StoryFactory(
        title="Ny historie",
        published_at=now - dt.timedelta(days=1),
        author__full_name="Inge Hansen",
        towns=[Town.HORNBAEK, Town.TIKOB],
        categories=[CategoryFactory(slug="natur", name_da="Natur"), CategoryFactory(slug="sport", name_da="Idræt")],
    )
    StoryFactory(title="Kladde", status=Story.Status.DRAFT, published_at=None)

    response = client.get(reverse("recognition:story-feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/historier/feed/"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Ny historie", "Gammel & god"]
    first, second = entries
    assert first.find(f"{ATOM}link").get("href") == f"http://testserver{new.get_absolute_url()}"
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Inge Hansen"
    assert dt.datetime.fromisoformat(first.find(f"{ATOM}published").text) == new.published_at
    assert first.find(f"{ATOM}id").text == f"http://testserver{new.get_absolute_url()}"
    assert {category.get("term") for category in first.findall(f"{ATOM}category")} == {
        "Natur",
        "Idræt",
        "Hornbæk",
        "Tikøb",
    }
    assert [category.get("term") for category in second.findall(f"{ATOM}category")] == ["Helsingør"]
    assert second.find(f"{ATOM}summary").text == "Om <frivillige>"
    assert old.title == "Gammel & god"


def test_the_list_page_points_to_the_feed(client):
    html = client.get(reverse("recognition:story-list")).content.decode()

    assert '<link rel="alternate" type="application/atom+xml"' in html


def test_the_feed_uses_a_constant_number_of_queries(client, django_assert_num_queries):
    categories = [CategoryFactory(slug="natur"), CategoryFactory(slug="sport")]
    StoryFactory.create_batch(3, towns=[Town.HORNBAEK, Town.TIKOB], categories=categories)
    queries = count_queries(client, reverse("recognition:story-feed"))
    StoryFactory.create_batch(7, towns=[Town.HORNBAEK, Town.TIKOB], categories=categories)

    with django_assert_num_queries(queries):
        client.get(reverse("recognition:story-feed"))
