import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from portal import services
from portal.models import Notification, User
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def welcome(user):
    return services.user_welcome(user=user)


def test_it_sends_the_mail_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory(full_name="Karen Blixen")
    with django_capture_on_commit_callbacks(execute=True):
        welcome(user)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Velkommen til Frivillig Helsingør"
    assert "Hej Karen" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Hej Karen" in html
    assert Notification.objects.get().sent_at is not None


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        welcome(user)
        raise RuntimeError("the change that the notification tells about failed")
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_the_same_event_notifies_a_person_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = welcome(user)
        second = welcome(user)
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_a_retry_after_a_failure_sends_exactly_one_mail(settings, django_capture_on_commit_callbacks):
    user = UserFactory()
    # A real SMTP connection to a port nobody listens on: delivery fails the way it does when the mail server is down.
    locmem = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    with django_capture_on_commit_callbacks(execute=False):
        notification = welcome(user)
    assert services.notification_deliver(notification_id=notification.pk) is services.Delivery.FAILED
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert notification.attempts == 1
    assert "Connection refused" in notification.last_error or "Errno" in notification.last_error

    settings.MAILERS = locmem
    assert services.notification_deliver(notification_id=notification.pk) is services.Delivery.SENT
    assert services.notification_deliver(notification_id=notification.pk) is services.Delivery.SKIPPED
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.attempts == 2
    assert notification.last_error == ""


def test_the_sweep_delivers_rows_whose_task_was_lost(django_capture_on_commit_callbacks):
    user = UserFactory()
    # The on-commit callbacks are captured but never run: the task that should have delivered the row is lost.
    with django_capture_on_commit_callbacks(execute=False):
        notification = welcome(user)
    assert mail.outbox == []

    assert services.notifications_requeue() == 0, "fresh rows are left to their own task"
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert services.notifications_requeue() == 1
    assert len(mail.outbox) == 1
    assert services.notifications_requeue() == 0


def test_mails_are_written_in_the_recipients_language(django_capture_on_commit_callbacks):
    danish = UserFactory(preferred_language="da", full_name="Søren Kierkegaard")
    english = UserFactory(preferred_language="en", full_name="Hans Christian Andersen")
    with django_capture_on_commit_callbacks(execute=True):
        welcome(danish)
        welcome(english)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient[danish.email].subject == "Velkommen til Frivillig Helsingør"
    assert "/min-side/" in by_recipient[danish.email].body
    assert "/en/" not in by_recipient[danish.email].body
    assert by_recipient[english.email].subject == "Welcome to Frivillig Helsingør"
    assert "Hello Hans" in by_recipient[english.email].body
    assert "http://127.0.0.1:8000/en/min-side/" in by_recipient[english.email].body


def test_plain_text_mails_are_not_html_escaped(django_capture_on_commit_callbacks):
    user = UserFactory(full_name="Tom&Jerry's Fanklub")
    with django_capture_on_commit_callbacks(execute=True):
        welcome(user)
    assert "Hej Tom&Jerry's" in mail.outbox[0].body
    assert "Tom&amp;Jerry&#x27;s" in mail.outbox[0].alternatives[0][0]


def test_a_digest_reader_gets_one_mail_a_day(django_capture_on_commit_callbacks):
    user = UserFactory(notification_delivery=User.Delivery.DIGEST, full_name="Dorthe Digest")
    other = UserFactory(notification_delivery=User.Delivery.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        welcome(user)
        services.notify(kind="welcome", key="another-event", user=user, context={"name": "Dorthe"})
        welcome(other)
    assert mail.outbox == [], "digest readers get nothing right away"

    assert services.notifications_send_digests() == 3
    assert len(mail.outbox) == 2
    digest = next(m for m in mail.outbox if m.to == [user.email])
    assert digest.subject == "Din daglige opsamling: 2 nye notifikationer"
    assert digest.body.count("Velkommen til Frivillig Helsingør") == 2
    assert services.notifications_send_digests() == 0
    assert len(mail.outbox) == 2


def test_old_notifications_are_deleted_after_a_year(user):
    old = services.notify(kind="welcome", key="old", user=user, context={"name": "x"})
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=366))
    services.notify(kind="welcome", key="new", user=user, context={"name": "x"})
    assert services.notifications_purge() == 1
    assert list(Notification.objects.values_list("key", flat=True)) == ["new"]
