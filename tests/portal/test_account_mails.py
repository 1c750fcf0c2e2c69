"""Account mails (verification, password reset, e-mail change) leave through the outbox like every other mail."""

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
