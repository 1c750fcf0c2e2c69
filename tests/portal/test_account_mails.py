"""Account mails (verification, password reset, e-mail change) leave through the outbox like every other mail, and
they and the portal's own mails say who sends them, and in which language."""

import datetime as dt
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from portal import services
from portal.models import Notification, User
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 the mail server is having a bad day")


@pytest.fixture
def mail_server_down(settings):
    working = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}

    def back_up():
        settings.MAILERS = working

    return back_up


def sweep_later():
    """Run the periodic sweep as it runs once the fresh rows' own delivery attempts are behind them."""
    Notification.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))
    return services.notifications_requeue()


def test_a_failing_mail_server_neither_fails_sign_up_nor_loses_the_mail(
    client, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "email": "ny@example.org",
                "full_name": "Ny Borger",
                "password1": "et-langt-kodeord-2026",
                "password2": "et-langt-kodeord-2026",
            },
        )
    assert response.status_code == 302
    assert User.objects.filter(email="ny@example.org").exists()
    assert mail.outbox == []

    mail_server_down()
    sweep_later()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny@example.org"]
    assert re.search(r"/accounts/confirm-email/\S+/", mail.outbox[0].body)


def test_the_mail_is_written_in_the_persons_language(client, django_capture_on_commit_callbacks):
    user = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})
    assert "Password Reset" in mail.outbox[0].subject


def test_a_delivered_password_reset_keeps_no_key(client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    notification = Notification.objects.get(email=user.email)
    assert notification.sent_at is not None
    assert link not in str(notification.context)
    assert notification.context == {"subject": mail.outbox[0].subject}


# How the mails read.


def _sign_up(client, capture_on_commit_callbacks, prefix: str = "") -> mail.EmailMessage:
    with capture_on_commit_callbacks(execute=True):
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


def test_the_confirmation_mail_names_the_portal_not_the_host(client, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://127.0.0.1:8101"

    message = _sign_up(client, django_capture_on_commit_callbacks)

    assert message.body.startswith("Hej fra Frivillig Helsingør!")
    assert "testserver" not in message.body.replace("http://testserver/", "")
    assert "Frivillig Helsingør, Helsingør Kommune\nhttp://127.0.0.1:8101" in message.body


def test_the_confirmation_mail_of_an_english_sign_up_is_in_english(client, django_capture_on_commit_callbacks):
    message = _sign_up(client, django_capture_on_commit_callbacks, "/en")

    assert message.body.startswith("Hello from Frivillig Helsingør!")
    assert "create an account on Frivillig Helsingør" in message.body


def test_a_password_reset_mail_names_the_portal(client, django_capture_on_commit_callbacks):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})

    assert mail.outbox[-1].body.startswith("Hej fra Frivillig Helsingør!")
    assert mail.outbox[-1].subject.startswith("Frivillig Helsingør: ")


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_portal_mail_says_its_language(language, django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory(preferred_language=language)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            kind="welcome", key="welcome:test", user=user, context={"name": user.full_name, "min_side_url": "/"}
        )

    html, _mimetype = mailoutbox[0].alternatives[0]
    assert f'<html lang="{language}">' in html
