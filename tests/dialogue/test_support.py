import threading

import pytest
from django.db import connection
from django.urls import reverse

from dialogue import services
from dialogue.models import Support
from tests.factories.dialogue import IdeaFactory, SupportFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_it_supports_an_idea(client, user):
    idea = IdeaFactory()
    client.force_login(user)
    response = client.post(reverse("dialogue:idea-support", kwargs={"pk": idea.pk}))
    assert response.status_code == 302
    assert Support.objects.filter(idea=idea, user=user).count() == 1
    page = client.get(idea.get_absolute_url())
    assert "1 person støtter idéen." in page.content.decode()
    assert "Træk min støtte tilbage" in page.content.decode()


def test_supporting_twice_keeps_one_support(client, user):
    idea = IdeaFactory()
    client.force_login(user)
    client.post(reverse("dialogue:idea-support", kwargs={"pk": idea.pk}))
    client.post(reverse("dialogue:idea-support", kwargs={"pk": idea.pk}))
    assert Support.objects.filter(idea=idea).count() == 1


def test_it_withdraws_support(client, user):
    support = SupportFactory(user=user)
    client.force_login(user)
    response = client.post(reverse("dialogue:idea-withdraw-support", kwargs={"pk": support.idea.pk}))
    assert response.status_code == 302
    assert not Support.objects.filter(pk=support.pk).exists()


def test_withdrawing_leaves_other_peoples_support(client, user):
    support = SupportFactory()
    client.force_login(user)
    client.post(reverse("dialogue:idea-withdraw-support", kwargs={"pk": support.idea.pk}))
    assert Support.objects.filter(pk=support.pk).exists()


@pytest.mark.parametrize("name", ["dialogue:idea-support", "dialogue:idea-withdraw-support"])
def test_it_requires_post(client, user, name):
    idea = IdeaFactory()
    client.force_login(user)
    assert client.get(reverse(name, kwargs={"pk": idea.pk})).status_code == 405


@pytest.mark.parametrize("name", ["dialogue:idea-support", "dialogue:idea-withdraw-support"])
def test_it_requires_signing_in(client, name):
    idea = IdeaFactory()
    response = client.post(reverse(name, kwargs={"pk": idea.pk}))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Support.objects.exists()


def test_hidden_ideas_cannot_be_supported(client, user):
    idea = IdeaFactory(is_hidden=True)
    client.force_login(user)
    assert client.post(reverse("dialogue:idea-support", kwargs={"pk": idea.pk})).status_code == 404
    assert not Support.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_clicks_create_one_support():
    """Eight requests for the same support at the same moment: the unique constraint lets exactly one row in."""
    idea = IdeaFactory()
    user = UserFactory()
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def click():
        try:
            barrier.wait()
            services.idea_support(idea=idea, user=user)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Support.objects.filter(idea=idea, user=user).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_second_support():
    from django.db import IntegrityError

    support = SupportFactory()
    with pytest.raises(IntegrityError):
        Support.objects.create(idea=support.idea, user=support.user)
