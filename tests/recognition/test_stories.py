import datetime as dt
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from associations.models import Town
from recognition.models import Story, StoryTown
from tests.factories.associations import CategoryFactory
from tests.factories.portal import UserFactory
from tests.factories.recognition import StoryFactory, StoryImageFactory, image_bytes
from tests.recognition.conftest import count_queries

pytestmark = pytest.mark.django_db


def story_data(**overrides) -> dict:
    return {
        "title": "Lektiecaféen på biblioteket",
        "teaser": "Pensionerede lærere hjælper med lektierne.",
        "body": "Hver tirsdag kommer **tyve** børn.",
        "towns": [Town.HELSINGOR, Town.SNEKKERSTEN],
        "consent_confirmed": "on",
        **overrides,
    }


# The list


def test_it_lists_published_stories_newest_first(client):
    now = timezone.now()
    old = StoryFactory(title="Den gamle", published_at=now - dt.timedelta(days=5))
    new = StoryFactory(title="Den nye", published_at=now - dt.timedelta(days=1))
    StoryFactory(title="Kladden", status=Story.Status.DRAFT, published_at=None)
    StoryFactory(title="Den indsendte", status=Story.Status.SUBMITTED, published_at=None)
    StoryFactory(title="Den afviste", status=Story.Status.REJECTED, published_at=None)

    response = client.get(reverse("recognition:story-list"))

    assert list(response.context["page_obj"]) == [new, old]
    assert "Kladden" not in response.content.decode()


def test_it_filters_by_town_and_category(client):
    nature, sport = CategoryFactory(slug="natur", name_da="Natur"), CategoryFactory(slug="sport", name_da="Idræt")
    match = StoryFactory(towns=[Town.HORNBAEK], categories=[nature])
    StoryFactory(towns=[Town.HORNBAEK], categories=[sport])
    StoryFactory(towns=[Town.TIKOB], categories=[nature])

    response = client.get(reverse("recognition:story-list"), {"by": "hornbaek", "kategori": "natur"})

    assert list(response.context["page_obj"]) == [match]
    html = response.content.decode()
    assert '<option value="hornbaek" selected>' in html
    assert '<option value="natur" selected>Natur</option>' in html
    assert '<option value="sport">Idræt</option>' in html


def test_a_story_about_several_towns_and_categories_is_found_by_each_and_listed_once(client):
    nature, environment = CategoryFactory(slug="natur"), CategoryFactory(slug="miljoe")
    story = StoryFactory(towns=[Town.HORNBAEK, Town.HELLEBAEK], categories=[nature, environment])
    other = StoryFactory(towns=[Town.TIKOB], categories=[])
    url = reverse("recognition:story-list")

    for params in [{"by": "hornbaek"}, {"by": "hellebaek"}, {"kategori": "natur"}, {"kategori": "miljoe"}]:
        assert list(client.get(url, params).context["page_obj"]) == [story], params
    assert list(client.get(url, {"by": "hellebaek", "kategori": "miljoe"}).context["page_obj"]) == [story]
    assert list(client.get(url, {"by": "tikob"}).context["page_obj"]) == [other]
    assert list(client.get(url, {"by": "tikob", "kategori": "natur"}).context["page_obj"]) == []
    assert list(client.get(url).context["page_obj"]) == [other, story]


def test_a_story_shows_all_its_towns_and_categories(client):
    nature, environment = (
        CategoryFactory(slug="natur", name_da="Natur"),
        CategoryFactory(slug="miljoe", name_da="Miljø"),
    )
    story = StoryFactory(towns=[Town.HORNBAEK, Town.HELLEBAEK], categories=[nature, environment])

    card = client.get(reverse("recognition:story-list")).content.decode()
    page = client.get(story.get_absolute_url()).content.decode()

    assert '<span class="story-towns">Hellebæk, Hornbæk</span>' in card
    assert '<span class="story-categories">Miljø, Natur</span>' in card or "Natur, Miljø" in card
    assert '<a href="/historier/?by=hornbaek">Hornbæk</a>' in page
    assert '<a href="/historier/?kategori=natur">Natur</a>' in page
    assert '<meta property="article:tag" content="Natur">' in page


def test_it_ignores_unknown_filter_values(client):
    StoryFactory.create_batch(2)

    response = client.get(reverse("recognition:story-list"), {"by": "paris", "kategori": "<x>"})

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 2


def test_it_paginates_and_keeps_the_filters(client):
    StoryFactory.create_batch(14, towns=[Town.HORNBAEK])

    response = client.get(reverse("recognition:story-list"), {"by": "hornbaek"})

    assert len(response.context["page_obj"]) == 12
    assert "by=hornbaek&amp;side=2" in response.content.decode()
    assert len(client.get(reverse("recognition:story-list"), {"by": "hornbaek", "side": 2}).context["page_obj"]) == 2


def _stories_with_pictures(count: int) -> None:
    categories = [CategoryFactory(slug="natur"), CategoryFactory(slug="sport")]
    for _ in range(count):
        story = StoryFactory(author=UserFactory(verified=False), towns=[Town.HORNBAEK, Town.TIKOB])
        story.categories.set(categories)
        StoryImageFactory(story=story)


@pytest.mark.parametrize("url_name", ["recognition:story-list", "home"])
def test_lists_use_a_constant_number_of_queries(client, django_assert_num_queries, url_name):
    _stories_with_pictures(3)
    Story.objects.update(featured=True)
    queries = count_queries(client, reverse(url_name))
    _stories_with_pictures(7)
    Story.objects.update(featured=True)
    with django_assert_num_queries(queries):
        response = client.get(reverse(url_name))
    assert response.status_code == 200


# A story's page


def test_a_story_page_has_open_graph_tags_and_article_json_ld(client):
    story = StoryFactory(title="Spejderne bygger bro", teaser="Tolv spejdere byggede en bro.")
    picture = StoryImageFactory(story=story, alt_text="Spejdere på broen")

    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    assert '<meta property="og:title" content="Spejderne bygger bro">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:image" content="http://testserver{picture.image.url}">' in html
    assert '<meta property="og:image:alt" content="Spejdere på broen">' in html
    ld = json.loads(re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html).group(1))
    assert ld["@type"] == "Article"
    assert ld["headline"] == "Spejderne bygger bro"
    assert ld["datePublished"] == story.published_at.isoformat()
    assert ld["image"] == [f"http://testserver{picture.image.url}"]
    assert [place["name"] for place in ld["contentLocation"]] == ["Helsingør"]
    assert f'<img src="{picture.image.url}" alt="Spejdere på broen"' in html


def test_a_story_body_is_rendered_as_markdown(client):
    story = StoryFactory(body="Hej **verden**\n\n[Kommunen](https://www.helsingor.dk/)")

    html = client.get(story.get_absolute_url()).content.decode()

    assert "<strong>verden</strong>" in html
    assert '<a href="https://www.helsingor.dk/" rel="noopener noreferrer">Kommunen</a>' in html


@pytest.mark.parametrize("status", [Story.Status.DRAFT, Story.Status.SUBMITTED, Story.Status.REJECTED])
def test_an_unpublished_story_is_hidden_from_others(client, user, status):
    story = StoryFactory(status=status, published_at=None)

    assert client.get(story.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.get(story.get_absolute_url()).status_code == 404


def test_the_author_and_staff_can_preview_an_unpublished_story(client, staff_user):
    story = StoryFactory(status=Story.Status.SUBMITTED, published_at=None)

    client.force_login(story.author)
    assert client.get(story.get_absolute_url()).status_code == 200
    client.force_login(staff_user)
    assert client.get(story.get_absolute_url()).status_code == 200


# Telling a story


def test_it_submits_a_story_with_a_picture(client, user):
    client.force_login(user)
    picture = SimpleUploadedFile("strand.png", image_bytes(size=(2400, 1600)), content_type="image/png")

    response = client.post(
        reverse("recognition:story-create"),
        story_data(title="Strandrensning i Hornbæk", image=picture, alt_text="Frivillige med sække", submit="1"),
    )

    assert response.status_code == 302
    story = Story.objects.get()
    assert story.author == user
    assert sorted(row.town for row in story.towns.all()) == ["helsingor", "snekkersten"]
    assert story.status == Story.Status.SUBMITTED
    assert story.submitted_at is not None
    assert story.slug == "strandrensning-i-hornbaek"
    image = story.images.get()
    assert (image.width, image.height) == (1600, 1067)
    assert image.alt_text == "Frivillige med sække"


def test_it_saves_a_draft_without_consent(client, user):
    client.force_login(user)

    client.post(reverse("recognition:story-create"), story_data(consent_confirmed="", draft="1"))

    assert Story.objects.get().status == Story.Status.DRAFT


def test_it_submits_a_story_about_several_categories(client, user):
    social, children, sport = CategoryFactory(slug="socialt"), CategoryFactory(slug="boern-unge"), CategoryFactory()
    client.force_login(user)

    response = client.post(
        reverse("recognition:story-create"), story_data(categories=["socialt", "boern-unge"], submit="1")
    )

    assert response.status_code == 302
    assert set(Story.objects.get().categories.all()) == {social, children}
    assert sport.stories.count() == 0


def test_the_form_rejects_an_unknown_town_or_category(client, user):
    client.force_login(user)

    response = client.post(reverse("recognition:story-create"), story_data(towns=["paris"], categories=["x"]))

    assert set(response.context["form"].errors) == {"towns", "categories"}
    assert not Story.objects.exists()


def test_the_form_keeps_the_chosen_towns_and_categories_when_it_has_errors(client, user):
    CategoryFactory(slug="natur", name_da="Natur")
    CategoryFactory(slug="sport", name_da="Idræt")
    client.force_login(user)

    response = client.post(
        reverse("recognition:story-create"),
        story_data(title="", towns=["hornbaek", "tikob"], categories=["natur"], submit="1"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors
    assert form["towns"].value() == ["hornbaek", "tikob"]
    assert form["categories"].value() == ["natur"]
    html = response.content.decode()
    assert re.search(r'<input type="checkbox" name="towns" value="hornbaek"[^>]* checked', html)
    assert re.search(r'<input type="checkbox" name="categories" value="natur"[^>]* checked', html)
    assert not re.search(r'<input type="checkbox" name="categories" value="sport"[^>]* checked', html)


def test_editing_shows_and_replaces_the_towns_and_categories(client):
    nature, sport = CategoryFactory(slug="natur"), CategoryFactory(slug="sport")
    story = StoryFactory(
        status=Story.Status.DRAFT, published_at=None, towns=[Town.HORNBAEK, Town.TIKOB], categories=[nature]
    )
    client.force_login(story.author)
    url = reverse("recognition:story-edit", kwargs={"slug": story.slug})

    form = client.get(url).context["form"]
    assert sorted(form["towns"].value()) == ["hornbaek", "tikob"]
    assert form["categories"].value() == ["natur"]
    response = client.post(url, story_data(towns=["tikob", "kommune"], categories=["sport"]))

    assert response.status_code == 302
    assert sorted(StoryTown.objects.filter(story=story).values_list("town", flat=True)) == ["kommune", "tikob"]
    assert list(story.categories.all()) == [sport]


def test_submitting_requires_consent(client, user):
    client.force_login(user)

    response = client.post(reverse("recognition:story-create"), story_data(consent_confirmed="", submit="1"))

    assert response.status_code == 200
    assert response.context["form"].errors["consent_confirmed"]
    assert "Lektiecaféen på biblioteket" in response.content.decode()
    assert not Story.objects.exists()


def test_the_form_explains_missing_fields(client, user):
    client.force_login(user)

    response = client.post(reverse("recognition:story-create"), {"submit": "1"})

    assert set(response.context["form"].errors) >= {"title", "teaser", "body"}


def test_telling_a_story_requires_signing_in(client):
    response = client.post(reverse("recognition:story-create"), story_data(submit="1"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Story.objects.exists()


def test_the_author_edits_a_story_sent_back(client):
    story = StoryFactory(status=Story.Status.DRAFT, published_at=None, moderation_comment="Tilføj et billede")
    client.force_login(story.author)

    page = client.get(reverse("recognition:story-edit", kwargs={"slug": story.slug}))
    assert "Tilføj et billede" in page.content.decode()
    response = client.post(
        reverse("recognition:story-edit", kwargs={"slug": story.slug}), story_data(title="Ny titel", submit="1")
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Ny titel"
    assert story.status == Story.Status.SUBMITTED


def test_nobody_edits_someone_elses_story(client, user):
    story = StoryFactory(status=Story.Status.DRAFT, published_at=None)
    client.force_login(user)

    response = client.post(reverse("recognition:story-edit", kwargs={"slug": story.slug}), story_data(submit="1"))

    assert response.status_code == 404
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT


def test_a_published_story_is_locked_for_its_author(client):
    story = StoryFactory()
    client.force_login(story.author)

    response = client.post(reverse("recognition:story-edit", kwargs={"slug": story.slug}), story_data(submit="1"))

    assert response.status_code == 403


def test_editing_requires_signing_in(client):
    story = StoryFactory(status=Story.Status.DRAFT, published_at=None)

    response = client.get(reverse("recognition:story-edit", kwargs={"slug": story.slug}))

    assert response.status_code == 302


def test_editing_does_not_accept_other_methods(client):
    story = StoryFactory(status=Story.Status.DRAFT, published_at=None)
    client.force_login(story.author)

    assert client.delete(reverse("recognition:story-edit", kwargs={"slug": story.slug})).status_code == 405
    assert client.put(reverse("recognition:story-create")).status_code == 405


def test_your_stories_lists_only_your_own(client, user):
    mine = StoryFactory(author=user, status=Story.Status.SUBMITTED, published_at=None)
    StoryFactory(title="Ikke min")
    client.force_login(user)

    response = client.get(reverse("recognition:story-mine"))

    assert list(response.context["page_obj"]) == [mine]
    assert "Ikke min" not in response.content.decode()


def test_your_stories_requires_signing_in(client):
    assert client.get(reverse("recognition:story-mine")).status_code == 302


def test_home_shows_featured_stories(client):
    StoryFactory(title="Fremhævet historie", featured=True)
    StoryFactory(title="Almindelig historie")

    html = client.get(reverse("home")).content.decode()

    assert "Fremhævet historie" in html
    assert "Almindelig historie" not in html


def test_an_authors_email_address_is_never_shown(client):
    story = StoryFactory(author=UserFactory(full_name="", email="hemmelig@example.org"))

    html = client.get(story.get_absolute_url()).content.decode()

    assert "hemmelig@example.org" not in html


def test_a_town_also_finds_the_stories_about_the_whole_municipality(client):
    local = StoryFactory(towns=[Town.HORNBAEK])
    everywhere = StoryFactory(towns=[Town.WHOLE_MUNICIPALITY])
    StoryFactory(towns=[Town.TIKOB])

    found = client.get(reverse("recognition:story-list"), {"by": "hornbaek"}).context["page_obj"]
    assert set(found) == {local, everywhere}
    only_everywhere = client.get(reverse("recognition:story-list"), {"by": Town.WHOLE_MUNICIPALITY}).context["page_obj"]
    assert list(only_everywhere) == [everywhere]
