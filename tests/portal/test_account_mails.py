"""The account mails (allauth's) and the portal's own mails say who sends them, and in which language."""

import pytest
from django.core import mail

from portal.services import notify
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def _sign_up(client, prefix: str = "") -> mail.EmailMessage:
    client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": "ny@example.org",
            "full_name": "Ny Borger",
            "password1": "et-langt-kodeord-2026",
            "password2": "et-langt-kodeord-2026",
        },
    )
    return mail.outbox[-1]


def test_the_confirmation_mail_names_the_portal_not_the_host(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8101"

    message = _sign_up(client)

    assert message.body.startswith("Hej fra Frivillig Helsingør!")
    assert "testserver" not in message.body.replace("http://testserver/", "")
    assert "Frivillig Helsingør, Helsingør Kommune\nhttp://127.0.0.1:8101" in message.body


def test_the_confirmation_mail_of_an_english_sign_up_is_in_english(client):
    message = _sign_up(client, "/en")

    assert message.body.startswith("Hello from Frivillig Helsingør!")
    assert "create an account on Frivillig Helsingør" in message.body


def test_a_password_reset_mail_names_the_portal(client):
    user = UserFactory()

    client.post("/accounts/password/reset/", {"email": user.email})

    assert mail.outbox[-1].body.startswith("Hej fra Frivillig Helsingør!")
    assert mail.outbox[-1].subject.startswith("Frivillig Helsingør: ")


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_portal_mail_says_its_language(language, django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory(preferred_language=language)

    with django_capture_on_commit_callbacks(execute=True):
        notify(kind="welcome", key="welcome:test", user=user, context={"name": user.full_name, "min_side_url": "/"})

    html, _mimetype = mailoutbox[0].alternatives[0]
    assert f'<html lang="{language}">' in html
