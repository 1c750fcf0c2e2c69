"""Deadline reminders: 14 and 2 days before each deadline, once per deadline and subscriber, never after unsubscribing."""

import datetime as dt
import re
import zoneinfo
from unittest import mock

import pytest
from django.urls import reverse

from grants import services
from grants.models import ReminderSubscription
from portal import throttle
from portal.models import Notification
from tests.factories.grants import GrantSchemeFactory, ReminderSubscriptionFactory, RoundFactory

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")

pytestmark = pytest.mark.django_db


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CPH)


@pytest.fixture
def round_():
    return RoundFactory(opens_at=at(2027, 3, 1, 0, 0), deadline=at(2027, 3, 31, 12, 0))


def reminders() -> list[Notification]:
    return list(Notification.objects.filter(kind="grants-reminder").order_by("pk"))


def test_it_reminds_14_days_before_the_deadline(round_):
    subscription = ReminderSubscriptionFactory(scheme=round_.scheme)

    assert services.reminders_send(now=at(2027, 3, 16, 8, 0)) == 0
    assert services.reminders_send(now=at(2027, 3, 17, 8, 0)) == 1

    [reminder] = reminders()
    assert reminder.email == subscription.email
    assert reminder.key.endswith(":14")


def test_it_reminds_again_2_days_before_and_only_once_each(round_):
    ReminderSubscriptionFactory(scheme=round_.scheme)

    for day in range(17, 31):
        services.reminders_send(now=at(2027, 3, day, 8, 0))
        services.reminders_send(now=at(2027, 3, day, 20, 0))

    assert [n.key.rsplit(":", 1)[1] for n in reminders()] == ["14", "2"]


def test_it_catches_up_a_missed_day(round_):
    ReminderSubscriptionFactory(scheme=round_.scheme)

    # The task did not run on the 17th; the 14-day reminder goes out the next morning instead.
    assert services.reminders_send(now=at(2027, 3, 18, 8, 0)) == 1


def test_it_reminds_each_subscriber_once_per_deadline(round_):
    ReminderSubscriptionFactory.create_batch(3, scheme=round_.scheme)
    next_round = RoundFactory(scheme=round_.scheme, opens_at=at(2027, 4, 1, 0, 0), deadline=at(2027, 4, 30, 12, 0))

    services.reminders_send(now=at(2027, 3, 17, 8, 0))
    services.reminders_send(now=at(2027, 3, 17, 9, 0))
    services.reminders_send(now=at(2027, 4, 16, 8, 0))

    assert len(reminders()) == 6
    assert {n.key.split(":")[1] for n in reminders()} == {str(round_.pk), str(next_round.pk)}


def test_it_does_not_remind_unconfirmed_addresses(round_):
    ReminderSubscriptionFactory(scheme=round_.scheme, confirmed_at=None)

    assert services.reminders_send(now=at(2027, 3, 17, 8, 0)) == 0


def test_it_does_not_remind_after_unsubscribing(round_, client, mailoutbox, django_capture_on_commit_callbacks):
    ReminderSubscriptionFactory(scheme=round_.scheme, email="ildsjael@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(now=at(2027, 3, 17, 8, 0))
    [mail] = mailoutbox
    unsubscribe_path = re.search(r"http://[^/]+(/\S*afmeld/\S+/)", mail.body).group(1)

    assert client.get(unsubscribe_path).status_code == 200
    response = client.post(unsubscribe_path)

    assert response.status_code == 200
    assert not ReminderSubscription.objects.exists()
    assert services.reminders_send(now=at(2027, 3, 29, 8, 0)) == 0
    assert client.post(unsubscribe_path).status_code == 404


def test_mail_programs_can_unsubscribe_with_one_click(round_, mailoutbox, django_capture_on_commit_callbacks):
    """RFC 8058: the reminder names the address in List-Unsubscribe, and the mail program's own POST (no CSRF token,
    no cookie) stops the reminders."""
    from django.test import Client

    ReminderSubscriptionFactory(scheme=round_.scheme, email="ildsjael@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(now=at(2027, 3, 17, 8, 0))
    [mail] = mailoutbox
    headers = mail.message()
    address = re.fullmatch(r"<(http://[^>]+)>", headers["List-Unsubscribe"]).group(1)
    assert address in mail.body
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(address, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not ReminderSubscription.objects.exists()


def test_other_mails_have_no_unsubscribe_header(round_, mailoutbox, django_capture_on_commit_callbacks):
    from portal.services import notify
    from tests.factories.portal import UserFactory

    with django_capture_on_commit_callbacks(execute=True):
        notify(kind="welcome", key="w", user=UserFactory(), context={"name": "x"})
    [mail] = mailoutbox
    assert "List-Unsubscribe" not in mail.message()


def test_unsubscribing_needs_a_valid_signature(client, round_):
    subscription = ReminderSubscriptionFactory(scheme=round_.scheme)
    token = services.reminder_unsubscribe_token(subscription)

    response = client.post(reverse("grants:reminder-unsubscribe", kwargs={"token": token[:-2] + "xx"}))

    assert response.status_code == 404
    assert ReminderSubscription.objects.filter(pk=subscription.pk).exists()


def test_it_skips_draft_schemes():
    round_ = RoundFactory(
        scheme=GrantSchemeFactory(status="draft"), opens_at=at(2027, 3, 1, 0, 0), deadline=at(2027, 3, 31, 12, 0)
    )
    ReminderSubscriptionFactory(scheme=round_.scheme)

    assert services.reminders_send(now=at(2027, 3, 17, 8, 0)) == 0


def test_a_signed_in_person_subscribes_without_confirming(client, user, round_):
    client.force_login(user)

    response = client.post(reverse("grants:reminder-subscribe", kwargs={"slug": round_.scheme.slug}))

    assert response.status_code == 302
    subscription = ReminderSubscription.objects.get()
    assert subscription.email == user.email
    assert subscription.confirmed_at is not None


def test_an_anonymous_person_confirms_by_mail_first(client, round_, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("grants:reminder-subscribe", kwargs={"slug": round_.scheme.slug}), {"email": "Ny@Example.org"}
        )

    assert response.status_code == 302
    subscription = ReminderSubscription.objects.get()
    assert subscription.email == "ny@example.org"
    assert subscription.confirmed_at is None
    [mail] = mailoutbox
    confirm_path = re.search(r"http://[^/]+(/\S*bekraeft/\S+/)", mail.body).group(1)

    assert client.get(confirm_path).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert client.post(confirm_path).status_code == 302
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def _subscribe(client, scheme, email, **extra):
    return client.post(reverse("grants:reminder-subscribe", kwargs={"slug": scheme.slug}), {"email": email}, **extra)


def test_asking_again_for_the_same_address_sends_nothing_new(
    client, round_, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, round_.scheme, "ny@example.org")
        assert _subscribe(client, round_.scheme, "ny@example.org").status_code == 302
    assert len(mailoutbox) == 1


def test_an_address_gets_at_most_one_confirmation_a_day(client, mailoutbox, django_capture_on_commit_callbacks):
    first, second = GrantSchemeFactory(), GrantSchemeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, first, "fremmed@example.org")
        response = _subscribe(client, second, "fremmed@example.org", REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_many_sign_ups_from_one_connection_are_refused_kindly(
    client, round_, mailoutbox, django_capture_on_commit_callbacks
):
    for number in range(throttle.PER_CLIENT):
        _subscribe(client, round_.scheme, f"person{number}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = _subscribe(client, round_.scheme, "en-til@example.org")
    assert response.status_code == 429
    assert "Prøv igen senere" in response.text
    assert "en-til@example.org" in response.text
    assert not ReminderSubscription.objects.filter(email="en-til@example.org").exists()
    assert mailoutbox == []


def test_subscribing_with_a_bad_address_shows_the_form_again(client, round_):
    response = client.post(
        reverse("grants:reminder-subscribe", kwargs={"slug": round_.scheme.slug}), {"email": "ikke-en-adresse"}
    )

    assert response.status_code == 400
    assert "ikke-en-adresse" in response.content.decode()
    assert not ReminderSubscription.objects.exists()


def test_subscribing_is_post_only(client, round_):
    response = client.get(reverse("grants:reminder-subscribe", kwargs={"slug": round_.scheme.slug}))

    assert response.status_code == 405


def test_the_periodic_task_is_scheduled(settings):
    assert settings.CELERY_BEAT_SCHEDULE["grants-send-reminders"]["task"] == "grants.tasks.reminders_send"


def test_a_draft_scheme_takes_no_subscriptions(client):
    scheme = GrantSchemeFactory(status="draft")

    response = client.post(
        reverse("grants:reminder-subscribe", kwargs={"slug": scheme.slug}), {"email": "a@example.org"}
    )

    assert response.status_code == 404
    assert not ReminderSubscription.objects.exists()


def test_an_old_confirmation_link_does_not_work(client, round_):
    from django.core import signing

    subscription = ReminderSubscriptionFactory(scheme=round_.scheme, confirmed_at=None)
    token = services.reminder_confirm_token(subscription)

    with mock.patch("django.core.signing.time.time", return_value=signing.time.time() + 8 * 24 * 3600):
        response = client.post(reverse("grants:reminder-confirm", kwargs={"token": token}))

    assert response.status_code == 404
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
