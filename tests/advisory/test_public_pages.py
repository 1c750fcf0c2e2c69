"""Topics, guides and search, open to everyone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.advisory import GuideFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_the_topic_list_shows_topics_with_their_guides(client, topic):
    GuideFactory(topic=topic, title_da="Sådan skriver I vedtægter")
    TopicFactory(name_da="Skjult emne", is_active=False)

    response = client.get(reverse("advisory:topic-list"))

    assert response.status_code == 200
    assert "Start en forening" in response.text
    assert "Sådan skriver I vedtægter" in response.text
    assert "Skjult emne" not in response.text


def test_the_topic_list_is_in_english_under_en(client, topic):
    topic.name_en = "Starting an association"
    topic.save()

    response = client.get("/en/raadgivning/")

    assert "Starting an association" in response.text


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_topic_list_uses_the_same_queries_for_3_and_10_topics(client):
    for _ in range(3):
        GuideFactory.create_batch(2, topic=TopicFactory())
    with_3 = _queries(client, reverse("advisory:topic-list"))
    for _ in range(7):
        GuideFactory.create_batch(2, topic=TopicFactory())

    assert _queries(client, reverse("advisory:topic-list")) == with_3


def test_search_results_use_the_same_queries_for_3_and_10_guides(client, topic):
    GuideFactory.create_batch(3, body_da="Om foreningskonto")
    with_3 = _queries(client, reverse("advisory:topic-list") + "?q=konto")
    GuideFactory.create_batch(7, body_da="Om foreningskonto")

    assert _queries(client, reverse("advisory:topic-list") + "?q=konto") == with_3


def test_search_finds_words_inside_compound_words(client, topic):
    GuideFactory(topic=topic, title_da="Bankkonto og CVR-nummer", body_da="Spørg banken om en foreningskonto.")
    GuideFactory(topic=topic, title_da="Børneattest", body_da="Hent samtykke fra den frivillige.")

    response = client.get(reverse("advisory:topic-list"), {"q": "konto"})

    assert [guide.title_da for guide in response.context["results"]] == ["Bankkonto og CVR-nummer"]
    assert "1 vejledning matcher" in response.text


def test_search_lists_title_matches_first(client, topic):
    GuideFactory(topic=topic, position=0, title_da="Regnskab", body_da="Husk bilag til bankkonto.")
    GuideFactory(topic=topic, position=1, title_da="Bankkonto", body_da="Tag vedtægterne med.")

    response = client.get(reverse("advisory:topic-list"), {"q": "bankkonto"})

    assert [guide.title_da for guide in response.context["results"]] == ["Bankkonto", "Regnskab"]


def test_search_keeps_the_query_in_the_box(client):
    response = client.get(reverse("advisory:topic-list"), {"q": '"><script>'})

    assert "<script>" not in response.text.split("<main", 1)[1]
    assert "&quot;&gt;&lt;script&gt;" in response.text


def test_the_topic_page_links_to_the_form_with_the_topic_chosen(client, topic):
    response = client.get(topic.get_absolute_url())

    assert response.status_code == 200
    assert f"{reverse('advisory:request-create')}?emne=start-en-forening" in response.text


def test_an_inactive_topic_is_not_found(client):
    topic = TopicFactory(is_active=False)

    assert client.get(topic.get_absolute_url()).status_code == 404


def test_the_guide_page_renders_markdown(client, topic):
    guide = GuideFactory(topic=topic, body_da="## Vedtægter\n\nSe [skabelonen](https://example.org/vedtaegter).")

    response = client.get(guide.get_absolute_url())

    assert "<h2>Vedtægter</h2>" in response.text
    assert '<a href="https://example.org/vedtaegter" rel="noopener noreferrer">skabelonen</a>' in response.text
    assert '"@type": "Article"' in response.text


def test_the_guide_page_removes_scripts_and_dangerous_links(client, topic):
    guide = GuideFactory(
        topic=topic,
        body_da='Hej <script>alert(1)</script> <img src=x onerror="alert(2)"> [klik](javascript:alert(3))',
    )

    response = client.get(guide.get_absolute_url())

    body = response.text.split('class="advisory-guide-body"', 1)[1].split("</div>", 1)[0]
    assert "<script" not in body
    assert "onerror" not in body
    assert "javascript:" not in body


def test_an_untranslated_guide_says_it_is_in_danish(client, topic):
    guide = GuideFactory(topic=topic, body_en="")

    response = client.get(f"/en{guide.get_absolute_url()}")

    assert "This guide is only available in Danish." in response.text
    assert 'lang="da"' in response.text
