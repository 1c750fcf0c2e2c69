"""Writes of the portal package: the notification outbox and the person's own settings."""

import datetime as dt
import enum
import logging
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import Notification, User
from portal.queue import enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)

# Rows that failed this often are left for a person to look at in the admin instead of being retried for ever.
MAX_DELIVERY_ATTEMPTS = 10
# Notifications are kept for a year, as the privacy page promises.
RETENTION = dt.timedelta(days=365)
# The sweep leaves fresh rows alone: their own task is most likely still on its way.
SWEEP_GRACE = dt.timedelta(minutes=2)
# The kind of an account mail (address verification, password reset, e-mail change), rendered by allauth.
ACCOUNT_MAIL = "account-mail"
# Mails sent to an address someone typed into a form, which its owner may never have asked for: a link to confirm
# reminders, the receipt for "I want to help", the request for a nominee's consent. Whoever types the address, its
# owner gets at most one of them per UNASKED_INTERVAL, counted from the outbox, so that the portal cannot be used to
# mail strangers even when the request throttle (portal/throttle.py) cannot count. A signed-in person's own address
# is not typed by a stranger, so their own receipts are not held back.
UNASKED_KINDS = frozenset(
    {"grants-reminder-confirm", "associations-interest-confirmation", "recognition-nomination-consent"}
)
UNASKED_INTERVAL = dt.timedelta(days=1)


class Delivery(enum.Enum):
    SENT = "sent"
    SKIPPED = "skipped"
    FAILED = "failed"


def absolute_url(path: str) -> str:
    """Mails are read outside the portal, so every link in them carries the site's address."""
    return f"{settings.SITE_URL}{path}"


def site_url(viewname: str, *, language: str, **kwargs: Any) -> str:
    """The full address of a page in the given language, for links in notifications."""
    with translation.override(language):
        return absolute_url(reverse(viewname, kwargs=kwargs or None))


def _freeze(value: Any) -> Any:
    """Make a notification context storable as JSON while keeping dates as dates for rendering later."""
    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_freeze(item) for item in value]
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, Decimal):
        return str(value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, dict):
        if "__datetime__" in value:
            return dt.datetime.fromisoformat(value["__datetime__"])
        if "__date__" in value:
            return dt.date.fromisoformat(value["__date__"])
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_thaw(item) for item in value]
    return value


def notify(
    *,
    kind: str,
    key: str,
    context: dict[str, Any],
    user: User | None = None,
    email: str = "",
    language: str | None = None,
) -> Notification | None:
    """Record that `kind` should be told to a user (or to a bare email address) about the event `key`.

    Call it inside the transaction that makes the change: if that transaction rolls back, nobody is told. The mail
    is sent after commit; calling notify() twice for the same event and recipient keeps one notification. A mail of
    UNASKED_KINDS to a bare address is not written (None) when the address got one in the last UNASKED_INTERVAL.
    """
    if user is None and not email:
        raise ValueError("notify() needs a user or an email address.")
    address = user.email if user is not None else email
    if user is None and kind in UNASKED_KINDS and _unasked_mail_sent_lately(address=address, key=key):
        return None
    defaults = {
        "user": user,
        "kind": kind,
        "context": _freeze(context),
        "language": language or (user.preferred_language if user else translation.get_language() or "da"),
        "digest": user is not None and user.notification_delivery == User.Delivery.DIGEST,
    }
    try:
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(key=key, email=address, defaults=defaults)
    except IntegrityError:
        # Another transaction recorded the same event for the same person a moment ago.
        return Notification.objects.get(key=key, email=address)
    if created and not notification.digest:
        from portal import tasks

        enqueue_on_commit(tasks.notification_deliver, notification.pk)
    return notification


def _unasked_mail_sent_lately(*, address: str, key: str) -> bool:
    return (
        Notification.objects.filter(
            email__iexact=address, kind__in=UNASKED_KINDS, created_at__gte=timezone.now() - UNASKED_INTERVAL
        )
        .exclude(key=key)
        .exists()
    )


def notification_render(notification: Notification, *, language: str | None = None) -> tuple[str, str]:
    """Return (subject, plain-text body) of a notification in its language, or in `language` if given."""
    context = {**_thaw(notification.context), "site_url": settings.SITE_URL}
    with translation.override(language or notification.language):
        template = f"notifications/{notification.kind}.txt"
        subject = render_text(f"{template}#subject", context).strip()
        body = render_text(f"{template}#body", context).strip()
    return " ".join(subject.split()), body


def render_text(template_name: str, context: dict[str, Any]) -> str:
    """Render a plain-text template without HTML escaping."""
    return engines["text"].get_template(template_name).render(context)


def _message(*, to: str, language: str, subject: str, body: str, unsubscribe_url: str = "") -> EmailMultiAlternatives:
    with translation.override(language):
        context = {"subject": subject, "body": body, "site_url": settings.SITE_URL}
        text = render_text("notifications/mail.txt", context)
        html = render_to_string("notifications/mail.html", context)
    headers = {}
    if unsubscribe_url:
        # RFC 8058: mail programs show an "unsubscribe" button that POSTs to the address, no page in between.
        headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def notification_deliver(*, notification_id: int) -> Delivery:
    """Send one notification by mail unless it was sent already; safe to run any number of times."""
    with transaction.atomic():
        # The row lock makes a second, concurrent delivery of the same row wait and then see it as sent.
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, sent_at__isnull=True, digest=False)
            .first()
        )
        if notification is None:
            return Delivery.SKIPPED
        try:
            subject, body = notification_render(notification)
            _message(
                to=notification.email,
                language=notification.language,
                subject=subject,
                body=body,
                unsubscribe_url=notification.context.get("unsubscribe_url", ""),
            ).send()
        except Exception as exc:
            logger.warning("Notification %s could not be delivered: %r", notification_id, exc)
            Notification.objects.filter(pk=notification_id).update(
                attempts=F("attempts") + 1, last_error=repr(exc)[:2000]
            )
            return Delivery.FAILED
        notification.sent_at = timezone.now()
        notification.attempts += 1
        notification.last_error = ""
        if notification.kind == ACCOUNT_MAIL:
            # An account mail carries a live link (a password reset or verification key): once it is delivered,
            # only its subject is kept, as a record that it went out.
            notification.context = {"subject": subject}
        notification.save(update_fields=["sent_at", "attempts", "last_error", "context"])
    return Delivery.SENT


def account_mail_queue(*, email: str, subject: str, body: str, language: str) -> Notification:
    """Queue a finished account mail for delivery through the outbox, so a failing mail server fails no request.

    The mail goes to an address rather than to a person: the address may have no profile yet (sign-up) or be the new
    one of an e-mail change. It is never held for a daily digest and each one is a new event, since a person may ask
    for a second verification or reset mail.
    """
    return notify(
        kind=ACCOUNT_MAIL,
        key=f"{ACCOUNT_MAIL}:{uuid.uuid4().hex}",
        email=email,
        language=language,
        context={"subject": subject, "body": body},
    )


def notifications_requeue() -> int:
    """Queue delivery again for every immediate notification still unsent, so a lost task loses no mail."""
    cutoff = timezone.now() - SWEEP_GRACE
    ids = list(
        Notification.objects.filter(
            sent_at__isnull=True, digest=False, created_at__lt=cutoff, attempts__lt=MAX_DELIVERY_ATTEMPTS
        ).values_list("pk", flat=True)
    )
    from portal import tasks

    for notification_id in ids:
        enqueue(tasks.notification_deliver, notification_id)
    return len(ids)


def notifications_purge() -> int:
    """Delete notifications older than the retention period."""
    deleted, _ = Notification.objects.filter(created_at__lt=timezone.now() - RETENTION).delete()
    return deleted


def notifications_send_digest(*, user_id: int) -> int:
    """Send a user's pending digest notifications as one mail; returns how many it contained."""
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update()
            .filter(user_id=user_id, sent_at__isnull=True, digest=True)
            .order_by("created_at", "pk")
        )
        if not pending:
            return 0
        user = User.objects.get(pk=user_id)
        language = user.preferred_language
        items = [notification_render(notification, language=language) for notification in pending]
        with translation.override(language):
            subject = render_text("notifications/digest_subject.txt", {"count": len(items)}).strip()
            body = render_text("notifications/digest_body.txt", {"items": items}).strip()
        _message(to=user.email, language=language, subject=subject, body=body).send()
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1
        )
    return len(pending)


def notifications_send_digests() -> int:
    user_ids = (
        Notification.objects.filter(sent_at__isnull=True, digest=True, user__isnull=False)
        .values_list("user_id", flat=True)
        .distinct()
    )
    return sum(notifications_send_digest(user_id=user_id) for user_id in list(user_ids))


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def user_update_preferences(*, user: User, full_name: str, preferred_language: str, notification_delivery: str) -> User:
    user.full_name = full_name
    user.preferred_language = preferred_language
    user.notification_delivery = notification_delivery
    user.save(update_fields=["full_name", "preferred_language", "notification_delivery"])
    return user


def user_welcome(*, user: User) -> Notification:
    """Greet a person whose email address has just been confirmed."""
    return notify(
        kind="welcome",
        key=f"welcome:{user.pk}",
        user=user,
        context={
            "name": user.get_short_name(),
            "min_side_url": site_url("min-side", language=user.preferred_language),
        },
    )
