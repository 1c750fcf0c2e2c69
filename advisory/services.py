"""Writes of the advisory app: the life of an advice request from question to closing."""

import datetime as dt
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advisory.attachments import attachment_document
from advisory.models import AdviceRequest, Message, Topic
from advisory.selectors import user_is_advisor
from advisory.working_days import add_working_days
from associations.models import Association
from associations.selectors import membership_role
from portal.models import User
from portal.services import notify, site_url

# An advisor is reminded when a request has waited this many working days for the municipality.
REMINDER_WORKING_DAYS = 3

Status = AdviceRequest.Status


def _staff_recipients(advice_request: AdviceRequest) -> list[User]:
    """The assigned advisor, or else everyone in the topic's staff group (or else the superusers)."""
    if advice_request.advisor_id and advice_request.advisor.is_active:
        return [advice_request.advisor]
    group = advice_request.topic.staff_group
    people = list(group.user_set.filter(is_active=True).order_by("pk")) if group else []
    if not people:
        # Nobody may miss a question: without a responsible group the administrators hear of it.
        people = list(User.objects.filter(is_active=True, is_superuser=True).order_by("pk"))
    return people


def _request_context(advice_request: AdviceRequest, *, user: User) -> dict:
    language = user.preferred_language
    if user.pk == advice_request.asker_id:
        url = site_url("advisory:request-detail", language=language, pk=advice_request.pk)
    else:
        url = site_url("admin:advisory_advicerequest_change", language=language, object_id=advice_request.pk)
    topic = advice_request.topic
    return {
        "name": user.get_short_name(),
        "number": advice_request.pk,
        "subject": advice_request.subject,
        "topic": (topic.name_en or topic.name_da) if language == "en" else topic.name_da,
        "asker": advice_request.asker.get_full_name(),
        "association": advice_request.association.name if advice_request.association_id else "",
        "url": url,
    }


def advice_request_create(
    *,
    asker: User,
    topic: Topic,
    subject: str,
    question: str,
    preferred_contact: str,
    phone: str = "",
    association: Association | None = None,
) -> AdviceRequest:
    """Record a new question, confirm it to the asker and tell the topic's staff.

    A person may only ask on behalf of an association they are an administrator or editor of, because its other
    members will be able to read the request and the answers.
    """
    if association is not None and membership_role(asker, association) is None:
        raise ValidationError(
            {"association": _("You can only ask on behalf of an association you are an administrator or editor of.")},
            code="not_a_member",
        )
    with transaction.atomic():
        now = timezone.now()
        advice_request = AdviceRequest.objects.create(
            asker=asker,
            association=association,
            topic=topic,
            subject=subject.strip(),
            question=question.strip(),
            preferred_contact=preferred_contact,
            phone=phone.strip(),
            status=Status.NEW,
            created_at=now,
            waiting_since=now,
        )
        notify(
            kind="advisory-request-received",
            key=f"advisory-request-received:{advice_request.pk}",
            user=asker,
            context=_request_context(advice_request, user=asker),
        )
        for person in _staff_recipients(advice_request):
            notify(
                kind="advisory-request-new",
                key=f"advisory-request-new:{advice_request.pk}",
                user=person,
                context={**_request_context(advice_request, user=person), "question": advice_request.question},
            )
    return advice_request


def advice_request_assign(*, advice_request: AdviceRequest, advisor: User | None, by: User) -> AdviceRequest:
    """Give the request to an advisor (or take it back into the shared queue with advisor=None)."""
    if advisor is not None and not user_is_advisor(advisor):
        raise ValidationError(_("%(person)s cannot handle advice requests.") % {"person": advisor})
    with transaction.atomic():
        advice_request = AdviceRequest.objects.select_for_update(of=("self",)).get(pk=advice_request.pk)
        advice_request.advisor = advisor
        if advisor is not None and advice_request.status == Status.NEW:
            advice_request.status = Status.ASSIGNED
        elif advisor is None and advice_request.status == Status.ASSIGNED:
            advice_request.status = Status.NEW
        advice_request.save(update_fields=["advisor", "status"])
        if advisor is not None and advisor != by:
            notify(
                kind="advisory-request-assigned",
                key=f"advisory-request-assigned:{advice_request.pk}:{advisor.pk}:{timezone.now().timestamp()}",
                user=advisor,
                context={**_request_context(advice_request, user=advisor), "by": by.get_full_name()},
            )
    return advice_request


def advice_request_update_notes(*, advice_request: AdviceRequest, internal_notes: str) -> AdviceRequest:
    with transaction.atomic():
        advice_request.internal_notes = internal_notes
        advice_request.save(update_fields=["internal_notes"])
    return advice_request


def message_add(
    *,
    advice_request: AdviceRequest,
    author: User,
    body: str,
    attachment: UploadedFile | None = None,
    waiting_for_asker: bool = False,
) -> Message:
    """Add a message to the thread and tell the other side.

    A reply from staff answers the request (or puts it on hold while the asker is asked something); a reply from
    the asker puts the ball back with the municipality and starts the reminder clock again.
    """
    with transaction.atomic():
        advice_request = (
            AdviceRequest.objects.select_for_update(of=("self",))
            .select_related("topic__staff_group", "association")
            .get(pk=advice_request.pk)
        )
        from_asker = author.pk == advice_request.asker_id
        if not from_asker and not user_is_advisor(author):
            raise PermissionDenied
        if advice_request.is_closed:
            raise ValidationError(_("This request is closed. Reopen it to write again."))
        now = timezone.now()
        message = Message(
            request=advice_request, author=author, from_staff=not from_asker, body=body.strip(), created_at=now
        )
        if attachment is not None:
            # The person's own file name is shown and used for the download; the stored name is the portal's.
            document = attachment_document(attachment)
            message.attachment_name = PurePath(attachment.name or "").name[:200]
            message.attachment.save(document.name, attachment, save=False)
        message.save()

        if from_asker:
            if advice_request.status in (Status.ANSWERED, Status.WAITING):
                advice_request.status = Status.ASSIGNED if advice_request.advisor_id else Status.NEW
            if advice_request.waiting_since is None:
                advice_request.waiting_since = now
            recipients = _staff_recipients(advice_request)
        else:
            if advice_request.advisor_id is None:
                # Whoever answers first owns the request from then on.
                advice_request.advisor = author
            advice_request.status = Status.WAITING if waiting_for_asker else Status.ANSWERED
            advice_request.first_response_at = advice_request.first_response_at or now
            advice_request.waiting_since = None
            recipients = [advice_request.asker]
        advice_request.save(update_fields=["status", "advisor", "first_response_at", "waiting_since"])

        for person in recipients:
            notify(
                kind="advisory-message",
                key=f"advisory-message:{message.pk}",
                user=person,
                context={
                    **_request_context(advice_request, user=person),
                    "author": author.get_full_name(),
                    "body": message.body,
                    "has_attachment": bool(message.attachment),
                },
            )
    return message


def advice_request_close(*, advice_request: AdviceRequest, outcome: str, by: User) -> AdviceRequest:
    """Close the request with an outcome; the asker is told and may reopen it within 30 days."""
    if outcome not in AdviceRequest.Outcome.values:
        raise ValidationError(_("Choose an outcome."))
    with transaction.atomic():
        advice_request = (
            AdviceRequest.objects.select_for_update(of=("self",))
            .select_related("topic", "association")
            .get(pk=advice_request.pk)
        )
        if advice_request.is_closed:
            raise ValidationError(_("This request is already closed."))
        advice_request.status = Status.CLOSED
        advice_request.outcome = outcome
        advice_request.closed_at = timezone.now()
        advice_request.waiting_since = None
        advice_request.save(update_fields=["status", "outcome", "closed_at", "waiting_since"])
        asker = advice_request.asker
        notify(
            kind="advisory-request-closed",
            key=f"advisory-request-closed:{advice_request.pk}:{advice_request.closed_at.timestamp()}",
            user=asker,
            context={
                **_request_context(advice_request, user=asker),
                "outcome": outcome,
                "reopen_until": timezone.localtime(advice_request.reopen_until).date(),
            },
        )
    return advice_request


def advice_request_reopen(*, advice_request: AdviceRequest, by: User) -> AdviceRequest:
    """Let the asker take up a closed request again within 30 days of closing."""
    with transaction.atomic():
        advice_request = (
            AdviceRequest.objects.select_for_update(of=("self",))
            .select_related("topic__staff_group", "association")
            .get(pk=advice_request.pk)
        )
        if by.pk != advice_request.asker_id:
            raise PermissionDenied
        if not advice_request.can_reopen():
            raise ValidationError(_("This request can no longer be reopened. Please ask a new question instead."))
        now = timezone.now()
        advice_request.status = Status.ASSIGNED if advice_request.advisor_id else Status.NEW
        advice_request.closed_at = None
        advice_request.outcome = ""
        advice_request.waiting_since = now
        advice_request.save(update_fields=["status", "closed_at", "outcome", "waiting_since"])
        for person in _staff_recipients(advice_request):
            notify(
                kind="advisory-request-reopened",
                key=f"advisory-request-reopened:{advice_request.pk}:{now.timestamp()}",
                user=person,
                context=_request_context(advice_request, user=person),
            )
    return advice_request


def reminder_due_at(advice_request: AdviceRequest) -> dt.datetime | None:
    if advice_request.waiting_since is None:
        return None
    return add_working_days(timezone.localtime(advice_request.waiting_since), REMINDER_WORKING_DAYS)


def advice_requests_remind(*, now: dt.datetime | None = None) -> int:
    """Remind advisors of requests that have waited three working days; returns how many requests were due.

    The notification key names the moment the wait began, so each wait is reminded of once, however often this runs.
    """
    now = now or timezone.now()
    # Three working days are at least three calendar days, so this narrows the candidates cheaply in the database.
    candidates = (
        AdviceRequest.objects.filter(
            status__in=AdviceRequest.AWAITING_STAFF, waiting_since__lte=now - dt.timedelta(days=REMINDER_WORKING_DAYS)
        )
        .select_related("topic__staff_group", "advisor", "asker", "association")
        .order_by("waiting_since")
    )
    due = 0
    with transaction.atomic():
        for advice_request in candidates:
            if reminder_due_at(advice_request) > now:
                continue
            due += 1
            for person in _staff_recipients(advice_request):
                notify(
                    kind="advisory-reminder",
                    key=f"advisory-reminder:{advice_request.pk}:{advice_request.waiting_since.timestamp()}",
                    user=person,
                    context={
                        **_request_context(advice_request, user=person),
                        "waiting_since": timezone.localtime(advice_request.waiting_since),
                    },
                )
    return due
