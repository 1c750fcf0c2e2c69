"""Writes of the grants app: reminders, applications and staff decisions."""

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from grants import selectors
from grants.attachments import MAX_ATTACHMENTS_PER_APPLICATION, attachment_document
from grants.models import (
    Application,
    Attachment,
    BudgetLine,
    GrantScheme,
    ReminderSubscription,
    Round,
    local_date,
)
from portal.models import Notification, User
from portal.services import notify, site_url

# Reminders go out this many days before a deadline, counted in Danish calendar days.
REMINDER_DAYS = (14, 2)
REMINDER_SALT = "grants.reminder.unsubscribe"
CONFIRM_SALT = "grants.reminder.confirm"
CONFIRM_MAX_AGE = dt.timedelta(days=7)

# The fields an applicant fills in; everything else on an application is set by the services.
APPLICATION_FIELDS = (
    "applicant_type",
    "organisation_name",
    "cvr",
    "contact_name",
    "contact_email",
    "contact_phone",
    "title",
    "description",
    "target_group",
    "period_start",
    "period_end",
    "amount_requested",
    "cofinancing",
)


# Reminders


def reminder_unsubscribe_token(subscription: ReminderSubscription) -> str:
    return signing.dumps(subscription.pk, salt=REMINDER_SALT)


def reminder_confirm_token(subscription: ReminderSubscription) -> str:
    return signing.dumps(subscription.pk, salt=CONFIRM_SALT)


@transaction.atomic
def reminder_subscribe(
    *, scheme: GrantScheme, email: str = "", user: User | None = None, language: str = "da"
) -> ReminderSubscription:
    """Sign someone up for deadline reminders of a scheme.

    A signed-in person's own address needs no confirmation. A typed address gets a confirmation mail first, so no
    one can fill somebody else's inbox.
    """
    address = (user.email if user is not None else email).strip().lower()
    subscription, created = ReminderSubscription.objects.get_or_create(
        scheme=scheme,
        email=address,
        defaults={"user": user, "language": user.preferred_language if user else language},
    )
    if subscription.confirmed_at is None:
        if user is not None:
            subscription.user = user
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["user", "confirmed_at"])
        else:
            notify(
                kind="grants-reminder-confirm",
                key=f"grants-reminder-confirm:{subscription.pk}",
                email=address,
                language=subscription.language,
                context={
                    "scheme": scheme.title_en if subscription.language == "en" and scheme.title_en else scheme.title_da,
                    "confirm_url": site_url(
                        "grants:reminder-confirm",
                        language=subscription.language,
                        token=reminder_confirm_token(subscription),
                    ),
                },
            )
    return subscription


def reminder_from_confirm_token(*, token: str) -> ReminderSubscription | None:
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return ReminderSubscription.objects.select_related("scheme").filter(pk=pk).first()


@transaction.atomic
def reminder_confirm(*, token: str) -> ReminderSubscription | None:
    """Confirm a subscription from the link in the confirmation mail; None when the link is bad or too old."""
    subscription = reminder_from_confirm_token(token=token)
    if subscription is not None and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def reminder_from_token(*, token: str) -> ReminderSubscription | None:
    try:
        pk = signing.loads(token, salt=REMINDER_SALT)
    except signing.BadSignature:
        return None
    return ReminderSubscription.objects.select_related("scheme").filter(pk=pk).first()


@transaction.atomic
def reminder_unsubscribe(*, token: str) -> GrantScheme | None:
    """Stop reminders from the link in a reminder mail; returns the scheme, or None for a bad or used link."""
    subscription = reminder_from_token(token=token)
    if subscription is None:
        return None
    scheme = subscription.scheme
    subscription.delete()
    return scheme


def _reminder_offset(days_left: int) -> int | None:
    """Which reminder is due with `days_left` calendar days to the deadline.

    Each reminder has a window rather than a single day, so a day the periodic task did not run is caught up the
    next day; the notification key makes sure each one still goes out only once.
    """
    if 0 <= days_left <= REMINDER_DAYS[-1]:
        return REMINDER_DAYS[-1]
    if REMINDER_DAYS[-1] < days_left <= REMINDER_DAYS[0]:
        return REMINDER_DAYS[0]
    return None


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Write a reminder for every confirmed subscriber of every deadline that is 14 or 2 days away.

    Returns how many new reminders were written. Safe to run as often as you like.
    """
    now = now or timezone.now()
    rounds = (
        Round.objects.filter(
            scheme__status=GrantScheme.Status.PUBLISHED,
            deadline__gt=now,
            deadline__lte=now + dt.timedelta(days=REMINDER_DAYS[0] + 1),
        )
        .select_related("scheme")
        .order_by("deadline")
    )
    written = 0
    for round_ in rounds:
        offset = _reminder_offset(round_.days_left_at(now))
        if offset is None:
            continue
        deadline_date = local_date(round_.deadline)
        key = f"grants-reminder:{round_.pk}:{deadline_date:%Y%m%d}:{offset}"
        subscriptions = round_.scheme.reminder_subscriptions.filter(confirmed_at__isnull=False).select_related("user")
        already = set(Notification.objects.filter(key=key).values_list("email", flat=True))
        for subscription in subscriptions:
            address = subscription.user.email if subscription.user else subscription.email
            if address in already:
                continue
            language = subscription.user.preferred_language if subscription.user else subscription.language
            with transaction.atomic():
                notify(
                    kind="grants-reminder",
                    key=key,
                    user=subscription.user,
                    email=subscription.email,
                    language=language,
                    context={
                        "scheme": _in_language(round_.scheme, "title", language),
                        "deadline": round_.deadline,
                        "days_left": round_.days_left_at(now),
                        "scheme_url": site_url("grants:scheme-detail", language=language, slug=round_.scheme.slug),
                        "unsubscribe_url": site_url(
                            "grants:reminder-unsubscribe",
                            language=language,
                            token=reminder_unsubscribe_token(subscription),
                        ),
                    },
                )
            written += 1
    return written


def _in_language(obj: Any, field: str, language: str) -> str:
    if language == "en" and getattr(obj, f"{field}_en"):
        return getattr(obj, f"{field}_en")
    return getattr(obj, f"{field}_da")


# Applications


def _round_for_new_application(scheme: GrantScheme, now: dt.datetime) -> Round:
    """The open round a new application belongs to: the one whose deadline comes first."""
    rounds = sorted(
        scheme.rounds.open_at(now),
        key=lambda r: (r.deadline is None, r.deadline or now),
    )
    if not rounds:
        raise ValidationError(_("The scheme is not taking applications right now."), code="closed")
    return rounds[0]


def _replace_budget(application: Application, budget_lines: Iterable[tuple[str, Decimal]]) -> None:
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, item=item, amount=amount, order=index)
        for index, (item, amount) in enumerate(budget_lines)
    )


def _accepted_declarations(scheme: GrantScheme, accepted_ids: Iterable[int]) -> list[str]:
    accepted = set(accepted_ids)
    return [declaration.text_da for declaration in scheme.declarations.all() if declaration.pk in accepted]


def _notify_applicant(application: Application, *, kind: str, event: str) -> None:
    # One person hears about an application: whoever submitted it (an association's applications can be submitted
    # by any of its admins or editors), or the person who started it before it is submitted.
    user = application.submitted_by or application.applicant
    notify(
        kind=kind,
        key=f"{kind}:{application.pk}:{event}",
        user=user,
        context={
            "title": application.title,
            "association": application.association.name if application.association_id else "",
            "scheme": _in_language(application.scheme, "title", user.preferred_language),
            "status": application.status,
            "amount_requested": application.amount_requested,
            "amount_granted": application.amount_granted,
            "reason": application.decision_reason,
            "url": site_url("grants:application-detail", language=user.preferred_language, pk=application.pk),
        },
    )


def _apply_as(
    application: Application, *, association: Association | None, applicant: User, fields: Mapping[str, Any]
) -> None:
    """Who applies: an association the person acts for, or the person themself where the scheme allows it.

    An association's name and CVR number come from its profile; a CVR number typed in the application only counts
    when the profile has none.
    """
    scheme = application.scheme
    if association is None:
        if not scheme.accepts_individuals:
            raise ValidationError(
                _("This scheme does not take applications from private persons. Choose the association you apply for."),
                code="no_individuals",
            )
        application.applicant_type = Application.ApplicantType.INDIVIDUAL
        if not application.organisation_name:
            application.organisation_name = applicant.full_name or applicant.email
        return
    if not selectors.associations_for_applying(user=applicant).filter(pk=association.pk).exists():
        raise PermissionDenied
    refusal = selectors.association_kind_refusal(scheme=scheme, association=association)
    if refusal:
        raise ValidationError(refusal, code="kind")
    application.association = association
    application.applicant_type = (
        Application.ApplicantType.NETWORK
        if association.kind == Association.Kind.NETWORK
        else Application.ApplicantType.ASSOCIATION
    )
    application.organisation_name = association.name
    application.cvr = association.cvr or fields.get("cvr", application.cvr) or ""


@transaction.atomic
def application_create(
    *,
    scheme: GrantScheme,
    applicant: User,
    fields: Mapping[str, Any],
    association: Association | None = None,
    budget_lines: Iterable[tuple[str, Decimal]] = (),
    declaration_ids: Iterable[int] = (),
    now: dt.datetime | None = None,
) -> Application:
    """Start an application as a draft in the scheme's open round, for an association or as a private person."""
    now = now or timezone.now()
    if scheme.status != GrantScheme.Status.PUBLISHED or not scheme.applies_online:
        raise ValidationError(_("This scheme does not take applications on this portal."), code="not_online")
    application = Application(
        scheme=scheme,
        round=_round_for_new_application(scheme, now),
        applicant=applicant,
        **{name: fields[name] for name in APPLICATION_FIELDS if name in fields},
    )
    _apply_as(application, association=association, applicant=applicant, fields=fields)
    application.declarations_accepted = _accepted_declarations(scheme, declaration_ids)
    application.full_clean()
    application.save()
    _replace_budget(application, budget_lines)
    return application


def _ensure_applicant(application: Application, user: User) -> None:
    """The person who started it, or an admin or editor of its association; nobody else may change it."""
    if application.applicant_id != user.pk and not selectors.user_may_act(user=user, application=application):
        raise PermissionDenied


@transaction.atomic
def application_update(
    *,
    application: Application,
    user: User,
    fields: Mapping[str, Any],
    budget_lines: Iterable[tuple[str, Decimal]],
    declaration_ids: Iterable[int] = (),
    now: dt.datetime | None = None,
) -> Application:
    """Save changes to a draft, or to a submitted application before staff start the review and the deadline."""
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round", "scheme", "association")
        .get(pk=application.pk)
    )
    _ensure_applicant(application, user)
    if application.status not in (Application.Status.DRAFT, Application.Status.SUBMITTED):
        raise ValidationError(_("The application can no longer be changed: the review has started."), code="locked")
    if not application.round.is_open_at(now):
        raise ValidationError(_("The deadline has passed, so the application can no longer be changed."), code="late")
    for name in APPLICATION_FIELDS:
        if name in fields and name != "applicant_type":
            setattr(application, name, fields[name])
    if application.association_id:
        # The association's registered name and CVR number win over anything sent with the form.
        association = application.association
        application.organisation_name = association.name
        application.cvr = association.cvr or fields.get("cvr", application.cvr) or ""
    application.declarations_accepted = _accepted_declarations(application.scheme, declaration_ids)
    application.full_clean()
    application.save()
    _replace_budget(application, budget_lines)
    if application.status == Application.Status.SUBMITTED:
        # A submitted application must stay complete; the transaction undoes the change otherwise.
        missing = application_missing(application)
        if missing:
            raise ValidationError(missing, code="incomplete")
    return application


def application_missing(application: Application) -> list[str]:
    """What an applicant still has to fill in before the application can be submitted."""
    missing = []
    if not application.description.strip():
        missing.append(_("Describe the project."))
    if not application.budget_lines.exists():
        missing.append(_("Add at least one budget line."))
    if not application.amount_requested:
        missing.append(_("State the amount you apply for."))
    elif application.amount_requested > application.budget_total:
        missing.append(_("The amount you apply for cannot be larger than the total budget."))
    scheme = application.scheme
    if (
        scheme.amount_max is not None
        and application.amount_requested
        and application.amount_requested > scheme.amount_max
    ):
        missing.append(
            _("The scheme gives at most %(amount)s kr.") % {"amount": f"{scheme.amount_max:,.0f}".replace(",", ".")}
        )
    if scheme.requires_cvr and not application.cvr:
        missing.append(_("The scheme requires a CVR number."))
    if not application.period_start or not application.period_end:
        missing.append(_("State when the project starts and ends."))
    required = [declaration.text_da for declaration in scheme.declarations.all()]
    if any(text not in application.declarations_accepted for text in required):
        missing.append(_("Tick every declaration the scheme requires."))
    return missing


@transaction.atomic
def application_submit(*, application: Application, user: User, now: dt.datetime | None = None) -> Application:
    """Send a complete draft to the municipality before the deadline and mail a receipt."""
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round", "scheme", "applicant", "association", "submitted_by")
        .get(pk=application.pk)
    )
    _ensure_applicant(application, user)
    if application.status != Application.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."), code="not_draft")
    if not application.round.is_open_at(now):
        raise ValidationError(_("The deadline has passed, so the application can no longer be submitted."), code="late")
    missing = application_missing(application)
    if missing:
        raise ValidationError(missing, code="incomplete")
    application.status = Application.Status.SUBMITTED
    application.submitted_at = now
    application.submitted_by = user
    application.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    _notify_applicant(application, kind="grants-application-submitted", event="submitted")
    return application


@transaction.atomic
def application_withdraw(*, application: Application, user: User) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("scheme", "applicant", "association", "submitted_by")
        .get(pk=application.pk)
    )
    _ensure_applicant(application, user)
    if not application.is_withdrawable:
        raise ValidationError(_("A decided application cannot be withdrawn."), code="decided")
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    _notify_applicant(application, kind="grants-application-status", event="withdrawn")
    return application


@transaction.atomic
def application_start_review(*, application: Application, now: dt.datetime | None = None) -> Application:
    """Staff take a submitted application into review; from now on the applicant can no longer change it."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("scheme", "applicant", "association", "submitted_by")
        .get(pk=application.pk)
    )
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be taken into review."), code="not_submitted")
    application.status = Application.Status.UNDER_REVIEW
    application.review_started_at = now or timezone.now()
    application.save(update_fields=["status", "review_started_at", "updated_at"])
    _notify_applicant(application, kind="grants-application-status", event="under_review")
    return application


@transaction.atomic
def application_decide(
    *,
    application: Application,
    decided_by: User,
    outcome: str,
    amount_granted: Decimal | None,
    reason: str,
    decided_on: dt.date | None = None,
) -> Application:
    """Record the municipality's decision and send it to the applicant."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("scheme", "applicant", "association", "submitted_by")
        .get(pk=application.pk)
    )
    if application.status not in (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW):
        raise ValidationError(_("Only a submitted application or one under review can be decided."), code="state")
    if outcome not in Application.DECIDED:
        raise ValidationError(_("Choose grant, partly grant or decline."), code="outcome")
    if outcome == Application.Status.DECLINED:
        amount_granted = Decimal("0")
    elif not amount_granted or amount_granted <= 0:
        raise ValidationError(_("State the amount granted."), code="amount")
    elif (
        outcome == Application.Status.GRANTED
        and application.amount_requested
        and amount_granted < application.amount_requested
    ):
        raise ValidationError(_("The amount is less than applied for: choose partly granted."), code="amount")
    if not reason.strip():
        raise ValidationError(_("Give the reason for the decision; the applicant will read it."), code="reason")
    application.status = outcome
    application.amount_granted = amount_granted
    application.decision_reason = reason.strip()
    application.decided_on = decided_on or local_date(timezone.now())
    application.decided_by = decided_by
    application.save()
    _notify_applicant(application, kind="grants-application-decided", event="decided")
    return application


@transaction.atomic
def attachment_add(
    *, application: Application, user: User, upload: UploadedFile, kind: str = Attachment.Kind.APPLICATION
) -> Attachment:
    """Store a file with an application after checking what it really contains."""
    application = Application.objects.select_for_update().select_related("round", "scheme").get(pk=application.pk)
    _ensure_applicant(application, user)
    if kind == Attachment.Kind.APPLICATION:
        if not application.is_editable:
            raise ValidationError(_("Attachments can no longer be added to this application."), code="locked")
    elif kind in (Attachment.Kind.REPORT, Attachment.Kind.ACCOUNTS):
        if not application.accepts_report:
            raise ValidationError(
                _("A report can only be added to a granted application that asks for one."), code="no_report"
            )
    else:
        raise ValidationError(_("Unknown kind of attachment."), code="kind")
    if application.attachments.count() >= MAX_ATTACHMENTS_PER_APPLICATION:
        raise ValidationError(
            _("An application can have at most %(count)d attachments."),
            code="too_many",
            params={"count": MAX_ATTACHMENTS_PER_APPLICATION},
        )
    document = attachment_document(upload)
    original_name = PurePath(upload.name or "bilag").name[:255]
    attachment = Attachment(
        application=application,
        kind=kind,
        original_name=original_name,
        content_type=document.type.content_type,
        size=upload.size,
    )
    attachment.file.save(document.name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user: User) -> None:
    application = attachment.application
    _ensure_applicant(application, user)
    if attachment.kind == Attachment.Kind.APPLICATION and not application.is_editable:
        raise ValidationError(_("Attachments can no longer be removed from this application."), code="locked")
    if attachment.kind != Attachment.Kind.APPLICATION and application.status not in Application.AWARDED:
        raise ValidationError(_("This attachment can no longer be removed."), code="locked")
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
