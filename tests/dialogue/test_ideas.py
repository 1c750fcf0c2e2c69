import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from associations.models import Association
from dialogue.models import Comment, Idea, IdeaTown
from tests.factories.dialogue import CommentFactory, IdeaFactory, SupportFactory

pytestmark = pytest.mark.django_db

XSS = (
    '<script>alert("x")</script><img src=x onerror=alert(1)>'
    '[klik](javascript:alert(2)) <a href="data:text/html,hej">data</a> <iframe src=//evil></iframe>'
)


def _assert_no_xss(content: str) -> None:
    # The text may appear escaped (as &lt;img ...&gt;), but never as live markup.
    assert '<script>alert("x")' not in content
    assert "<img" not in content
    assert 'href="javascript:' not in content
    assert 'href="data:' not in content
    assert "<iframe" not in content


# Proposing


def test_it_proposes_an_idea(client, user, category):
    client.force_login(user)
    response = client.post(
        reverse("dialogue:idea-create"),
        {
            "title": "Bænke langs Strandvejen",
            "description": "Flere **bænke**, så ældre kan gå tur.",
            "towns": ["snekkersten", "espergaerde"],
            "categories": [category.pk],
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == idea.get_absolute_url()
    assert idea.proposer == user
    assert idea.status == Idea.Status.NEW
    assert set(idea.towns.values_list("town", flat=True)) == {"snekkersten", "espergaerde"}
    assert list(idea.categories.all()) == [category]
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "<strong>bænke</strong>" in page


def test_it_proposes_on_behalf_of_the_persons_association(client, member, association):
    client.force_login(member)
    client.post(
        reverse("dialogue:idea-create"),
        {"title": "Spejderhytte", "description": "En hytte", "association": association.pk},
    )
    assert Idea.objects.get().association == association


def test_it_refuses_an_association_the_person_is_not_a_member_of(client, user, association):
    client.force_login(user)
    client.post(
        reverse("dialogue:idea-create"),
        {"title": "Spejderhytte", "description": "En hytte", "association": association.pk},
    )
    # Without memberships the form has no such field at all, so the value is ignored.
    assert Idea.objects.get().association is None


def test_the_service_refuses_an_association_the_person_is_not_a_member_of(user, association):
    from django.core.exceptions import PermissionDenied

    from dialogue import services

    with pytest.raises(PermissionDenied):
        services.idea_propose(proposer=user, title="T", description="D", association=association)


def test_a_member_cannot_pick_someone_elses_association(client, member):
    other = Association.objects.create(name="Andre", slug="andre", status="approved")
    client.force_login(member)
    response = client.post(
        reverse("dialogue:idea-create"), {"title": "Idé", "description": "Tekst", "association": other.pk}
    )
    assert response.status_code == 200
    assert not Idea.objects.exists()


def test_a_form_with_errors_keeps_what_was_typed(client, user):
    client.force_login(user)
    response = client.post(reverse("dialogue:idea-create"), {"title": "", "description": "Min lange beskrivelse"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Min lange beskrivelse" in content
    assert "Dette felt er påkrævet." in content
    assert not Idea.objects.exists()


def test_proposing_requires_signing_in(client):
    response = client.post(reverse("dialogue:idea-create"), {"title": "T", "description": "D"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Idea.objects.exists()


def test_proposing_allows_only_get_and_post(client, user):
    client.force_login(user)
    assert client.put(reverse("dialogue:idea-create")).status_code == 405


def test_descriptions_are_sanitised(client):
    idea = IdeaFactory(title="<b>Titel</b>", description=XSS)
    content = client.get(idea.get_absolute_url()).content.decode()
    _assert_no_xss(content)
    assert "&lt;b&gt;Titel&lt;/b&gt;" in content


def test_responses_are_sanitised(client):
    idea = IdeaFactory(staff_response=XSS, status=Idea.Status.REALISED)
    _assert_no_xss(client.get(idea.get_absolute_url()).content.decode())


def test_links_get_noopener(client):
    idea = IdeaFactory(description="[Kommunen](https://www.helsingor.dk)")
    content = client.get(idea.get_absolute_url()).content.decode()
    assert 'href="https://www.helsingor.dk"' in content
    assert 'rel="noopener noreferrer"' in content


# The idea page


def test_the_page_shows_supports_comments_and_response(client):
    idea = IdeaFactory(status=Idea.Status.IN_PROGRESS, staff_response="Vi går i gang i foråret.")
    SupportFactory.create_batch(2, idea=idea)
    CommentFactory(idea=idea, body="Synligt")
    CommentFactory(idea=idea, body="Skjult", status=Comment.Status.HIDDEN)
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "2 personer støtter idéen." in content
    assert "Vi går i gang i foråret." in content
    assert "Synligt" in content
    assert "Skjult" not in content


def test_a_hidden_idea_is_not_found(client):
    idea = IdeaFactory(is_hidden=True)
    assert client.get(idea.get_absolute_url()).status_code == 404


# The list


def test_the_list_filters_by_status_town_and_category(client, category):
    wanted = IdeaFactory(title="Den rigtige", status=Idea.Status.REALISED)
    IdeaTown.objects.create(idea=wanted, town="hornbaek")
    wanted.categories.add(category)
    IdeaFactory(title="Forkert status", status=Idea.Status.NEW)
    other_town = IdeaFactory(title="Forkert by", status=Idea.Status.REALISED)
    IdeaTown.objects.create(idea=other_town, town="tikob")
    response = client.get(
        reverse("dialogue:idea-list"), {"status": "realised", "town": "hornbaek", "category": category.slug}
    )
    titles = [idea.title for idea in response.context["page_obj"]]
    assert titles == ["Den rigtige"]


def test_the_list_ignores_unknown_filter_values(client):
    IdeaFactory()
    response = client.get(reverse("dialogue:idea-list"), {"status": "nonsense", "sort": "evil"})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 1


def test_the_list_sorts(client):
    now = timezone.now()
    old_popular = IdeaFactory(title="Populær", created_at=now - dt.timedelta(days=10))
    SupportFactory.create_batch(3, idea=old_popular)
    answered = IdeaFactory(title="Besvaret", created_at=now - dt.timedelta(days=20), responded_at=now)
    newest = IdeaFactory(title="Ny", created_at=now)

    def titles(sort):
        response = client.get(reverse("dialogue:idea-list"), {"sort": sort})
        return [idea.title for idea in response.context["page_obj"]]

    assert titles("newest") == [newest.title, old_popular.title, answered.title]
    assert titles("supported")[0] == old_popular.title
    assert titles("answered")[0] == answered.title


def test_the_list_is_paginated(client):
    IdeaFactory.create_batch(21)
    response = client.get(reverse("dialogue:idea-list"), {"side": 2})
    assert len(response.context["page_obj"]) == 1


def _ideas_with_everything(count, category):
    for idea in IdeaFactory.create_batch(count):
        IdeaTown.objects.create(idea=idea, town="hornbaek")
        idea.categories.add(category)
        SupportFactory(idea=idea)
        CommentFactory(idea=idea)


@pytest.mark.parametrize("url_name", ["dialogue:idea-list", "dialogue:overview"])
def test_the_list_runs_a_constant_number_of_queries(client, user, category, django_assert_num_queries, url_name):
    client.force_login(user)
    _ideas_with_everything(3, category)
    client.get(reverse(url_name))  # Warm up the session and caches.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as three:
        client.get(reverse(url_name))
    _ideas_with_everything(7, category)
    with django_assert_num_queries(len(three)):
        client.get(reverse(url_name))


def test_the_idea_page_runs_a_constant_number_of_queries(client, user, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    idea = IdeaFactory()
    CommentFactory.create_batch(3, idea=idea)
    client.force_login(user)
    client.get(idea.get_absolute_url())
    with CaptureQueriesContext(connection) as three:
        client.get(idea.get_absolute_url())
    CommentFactory.create_batch(7, idea=idea)
    with django_assert_num_queries(len(three)):
        client.get(idea.get_absolute_url())
