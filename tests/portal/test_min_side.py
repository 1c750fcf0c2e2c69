import pytest
from django.urls import reverse

from portal import services
from portal.models import User
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_it_requires_sign_in(client):
    response = client.get("/min-side/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_lists_my_notifications_and_not_others(client, user):
    other = UserFactory()
    services.notify(kind="welcome", key="mine", user=user, context={"name": "Mig"})
    services.notify(kind="welcome", key="theirs", user=other, context={"name": "Dig"})
    client.force_login(user)
    response = client.get("/min-side/")
    assert response.status_code == 200
    assert "Velkommen til Frivillig Helsingør" in response.text
    assert "Hej Mig" in response.text
    assert "Hej Dig" not in response.text


def test_it_shows_an_empty_state(client, user):
    client.force_login(user)
    assert "Du har ingen notifikationer endnu" in client.get("/min-side/").text


def test_the_notification_list_has_constant_queries(client, user, django_assert_max_num_queries):
    client.force_login(user)
    for n in range(3):
        services.notify(kind="welcome", key=f"a{n}", user=user, context={"name": "x"})
    with django_assert_max_num_queries(12) as few:  # the portal-wide query budget
        client.get("/min-side/")
    for n in range(15):
        services.notify(kind="welcome", key=f"b{n}", user=user, context={"name": "x"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/min-side/")


def test_it_marks_notifications_read(client, user):
    services.notify(kind="welcome", key="k", user=user, context={"name": "x"})
    client.force_login(user)
    assert client.get(reverse("notifications-mark-read")).status_code == 405
    response = client.post(reverse("notifications-mark-read"))
    assert response.status_code == 302
    assert not user.notifications.filter(read_at__isnull=True).exists()


def test_marking_read_requires_sign_in(client):
    response = client.post(reverse("notifications-mark-read"))
    assert response.status_code == 302


def test_it_saves_preferences(client, user):
    client.force_login(user)
    response = client.post(
        reverse("preferences"),
        {"full_name": "Ny Navnesen", "preferred_language": "en", "notification_delivery": "digest"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language, user.notification_delivery) == (
        "Ny Navnesen",
        "en",
        User.Delivery.DIGEST,
    )


def test_bad_preferences_keep_what_was_typed(client, user):
    client.force_login(user)
    response = client.post(
        reverse("preferences"),
        {"full_name": "Beholdt Navn", "preferred_language": "klingon", "notification_delivery": "digest"},
    )
    assert response.status_code == 200
    assert "Formularen indeholder fejl" in response.text
    assert 'value="Beholdt Navn"' in response.text
    user.refresh_from_db()
    assert user.preferred_language == "da"


def test_preferences_require_sign_in(client):
    assert client.post(reverse("preferences"), {}).status_code == 302


def test_an_empty_preferences_form_says_what_is_missing(client, user):
    client.force_login(user)
    response = client.post(reverse("preferences"), {})
    assert response.status_code == 200
    assert "Formularen indeholder fejl" in response.text


def test_it_shows_my_ideas_and_agenda_proposals_with_what_became_of_them(client, user):
    from dialogue.models import AgendaTopic, Idea
    from tests.factories.dialogue import AgendaTopicFactory, IdeaFactory, SupportFactory

    idea = IdeaFactory(proposer=user, title="Bænke ved stranden", status=Idea.Status.UNDER_CONSIDERATION)
    SupportFactory.create_batch(2, idea=idea)
    IdeaFactory(proposer=user, title="Køb billige ure", is_hidden=True)
    IdeaFactory(title="En andens idé")
    AgendaTopicFactory(proposer=user, title="Frivilligprisen 2027", status=AgendaTopic.Status.DECLINED)
    client.force_login(user)
    html = client.get("/min-side/").text
    assert f'<a href="{idea.get_absolute_url()}">Bænke ved stranden</a>' in html
    assert "Under overvejelse" in html and "2 støtter" in html
    assert "Køb billige ure" in html and "skjult af kommunen" in html
    assert "En andens idé" not in html
    assert "Frivilligprisen 2027" in html and "Afslået" in html
