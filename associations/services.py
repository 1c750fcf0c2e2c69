"""Writes of the associations app. Every function is keyword-only and runs in one transaction; whoever must hear
about a change is told through the notification outbox in that same transaction."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from associations import selectors
from associations.models import (
    Activity,
    Association,
    AssociationTargetGroup,
    AssociationTown,
    Category,
    Interest,
    Invitation,
    Membership,
    VolunteerRole,
    association_search_terms,
)
from portal.models import User
from portal.services import notify, site_url
from portal.uploads import stored_file_delete_on_commit

PROFILE_FIELDS = (
    "name",
    "kind",
    "description",
    "meeting_place",
    "min_age",
    "max_age",
    "contact_email",
    "contact_phone",
    "website",
    "logo",
    "cvr",
    "founded_year",
)
ACTIVITY_FIELDS = (
    "title",
    "description",
    "kind",
    "starts_on",
    "ends_on",
    "weekday",
    "start_time",
    "end_time",
    "exceptions",
    "place",
    "town",
    "min_age",
    "max_age",
    "price",
    "new_members_welcome",
    "good_for_newcomers",
    "signup_url",
)
ROLE_FIELDS = (
    "title",
    "description",
    "time_commitment",
    "when",
    "place",
    "town",
    "child_certificate_required",
    "languages",
    "requirements",
    "contact_name",
    "contact_email",
    "contact_phone",
    "status",
)


DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slug(name: str) -> str:
    """A slug that spells æ, ø and å out, so "Espergærde" becomes "espergaerde" rather than "espergrde"."""
    return slugify(name.translate(DANISH_LETTERS))


def _unique_slug(name: str) -> str:
    base = danish_slug(name)[:150] or "forening"
    slug, number = base, 2
    while Association.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _set_profile(
    association: Association,
    *,
    fields: dict[str, Any],
    categories: Iterable[Category],
    towns: Iterable[str],
    target_groups: Iterable[str],
) -> None:
    """Set the profile from `fields`; a "logo" there is a file prepared by `associations.validators.logo_prepare`,
    False to remove the logo, or None (or the stored logo) to keep it."""
    # Read from the database: a model form has already put the new logo on the object it was given.
    old_logo = Association.objects.filter(pk=association.pk).values_list("logo", flat=True).first() or ""
    categories, towns, target_groups = list(categories), list(towns), list(target_groups)
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise ValueError(f"{name} is not a profile field.")
        if name == "logo":
            if value is None:
                continue
            # The form gives False when the person ticks "clear"; an empty name removes the logo.
            value = value or ""
        setattr(association, name, value)
    association.search_terms = association_search_terms(
        categories=[(category.name_da, category.name_en) for category in categories],
        towns=towns,
        target_groups=target_groups,
    )
    association.full_clean(exclude=["slug", "search_vector"])
    association.save()
    # A replaced or removed logo is of no use to anyone, and must not stay reachable at its old address.
    if old_logo and association.logo.name != old_logo:
        stored_file_delete_on_commit(association.logo.storage, old_logo)
    association.categories.set(categories)
    association.towns.exclude(town__in=list(towns)).delete()
    for town in towns:
        AssociationTown.objects.get_or_create(association=association, town=town)
    association.target_groups.exclude(group__in=list(target_groups)).delete()
    for group in target_groups:
        AssociationTargetGroup.objects.get_or_create(association=association, group=group)


@transaction.atomic
def association_search_terms_refresh(*, associations: QuerySet[Association]) -> int:
    """Store again the names of the associations' categories, target groups and towns where their search vector
    reads them, after a change the profile form does not make (the admin, a renamed category, the demo data).
    Returns how many changed."""
    changed = []
    for association in (
        associations.order_by().only("pk", "search_terms").prefetch_related("categories", "towns", "target_groups")
    ):
        terms = association_search_terms(
            categories=[(category.name_da, category.name_en) for category in association.categories.all()],
            towns=[town.town for town in association.towns.all()],
            target_groups=[group.group for group in association.target_groups.all()],
        )
        if terms != association.search_terms:
            association.search_terms = terms
            changed.append(association)
    Association.objects.bulk_update(changed, ["search_terms"], batch_size=1000)
    return len(changed)


def _association_admins(association: Association) -> list[User]:
    return [
        membership.user
        for membership in association.memberships.filter(role=Membership.Role.ADMIN, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ]


def _notify_admins(association: Association, *, kind: str, key: str, context: dict[str, Any]) -> None:
    for admin in _association_admins(association):
        notify(
            kind=kind,
            key=key,
            user=admin,
            context={
                **context,
                "association": association.name,
                "min_side_url": site_url("min-side", language=admin.preferred_language),
                "profile_url": site_url(
                    "associations:association-detail", language=admin.preferred_language, slug=association.slug
                ),
            },
        )


@transaction.atomic
def association_register(
    *,
    user: User,
    fields: dict[str, Any],
    categories: Iterable[Category] = (),
    towns: Iterable[str] = (),
    target_groups: Iterable[str] = (),
) -> Association:
    """Create a pending association with `user` as its admin and tell staff that it waits for approval."""
    association = Association(slug=_unique_slug(fields.get("name", "")), status=Association.Status.PENDING)
    # Anyone may register, so a second copy of an existing association is flagged for staff, who decide on approval.
    association.possible_duplicate_of = selectors.association_with_same_name_or_cvr(
        name=fields.get("name", ""), cvr=fields.get("cvr", "")
    )
    _set_profile(association, fields=fields, categories=categories, towns=towns, target_groups=target_groups)
    Membership.objects.create(user=user, association=association, role=Membership.Role.ADMIN)
    for staff in User.objects.filter(is_staff=True, is_active=True).order_by("pk"):
        notify(
            kind="associations-registered",
            key=f"association-registered:{association.pk}",
            user=staff,
            context={
                "association": association.name,
                "applicant": user.get_full_name(),
                "admin_url": site_url(
                    "admin:associations_association_change", language=staff.preferred_language, object_id=association.pk
                ),
            },
        )
    return association


@transaction.atomic
def association_update(
    *,
    association: Association,
    fields: dict[str, Any],
    categories: Iterable[Category],
    towns: Iterable[str],
    target_groups: Iterable[str],
) -> Association:
    _set_profile(association, fields=fields, categories=categories, towns=towns, target_groups=target_groups)
    return association


@transaction.atomic
def association_approve(*, association: Association, by: User | None = None) -> Association:
    """Make an association public and tell its admins."""
    association.status = Association.Status.APPROVED
    association.moderation_reason = ""
    association.approved_at = timezone.now()
    association.save(update_fields=["status", "moderation_reason", "approved_at", "updated_at"])
    _notify_admins(
        association,
        kind="associations-approved",
        key=f"association-approved:{association.pk}:{association.approved_at:%Y%m%d%H%M%S}",
        context={},
    )
    return association


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Please give a reason; it is sent to the association."), code="reason_required")
    return reason


@transaction.atomic
def association_reject(*, association: Association, reason: str, by: User | None = None) -> Association:
    """Refuse a registration with a reason, which is sent to the applicant."""
    return _set_aside(association, status=Association.Status.REJECTED, reason=reason, kind="associations-rejected")


@transaction.atomic
def association_hide(*, association: Association, reason: str, by: User | None = None) -> Association:
    """Take an association off the public pages, telling its admins why."""
    return _set_aside(association, status=Association.Status.HIDDEN, reason=reason, kind="associations-hidden")


def _set_aside(association: Association, *, status: str, reason: str, kind: str) -> Association:
    """Rejecting and hiding alike: the status, the reason on record, and a mail with the reason to the admins."""
    association.moderation_reason = _require_reason(reason)
    association.status = status
    association.save(update_fields=["status", "moderation_reason", "updated_at"])
    event = kind.removeprefix("associations-")
    _notify_admins(
        association,
        kind=kind,
        key=f"association-{event}:{association.pk}:{timezone.now():%Y%m%d%H%M%S}",
        context={"reason": association.moderation_reason},
    )
    return association


# Members


def _lock_association(association: Association) -> None:
    # Serialises membership changes of one association, so two admins demoting each other at the same moment cannot
    # leave it without an admin.
    Association.objects.select_for_update().filter(pk=association.pk).first()


def _admins_left_without(membership: Membership) -> int:
    return (
        Membership.objects.filter(association_id=membership.association_id, role=Membership.Role.ADMIN)
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def membership_invite(*, association: Association, email: str, role: str, invited_by: User) -> Invitation:
    """Invite an email address to join the association; the link works for 14 days, signed up or not."""
    email = email.strip().lower()
    if association.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("This person is already a member."), code="already_member")
    invitation = Invitation.objects.create(association=association, email=email, role=role, invited_by=invited_by)
    existing = User.objects.filter(email__iexact=email).first()
    language = existing.preferred_language if existing else invited_by.preferred_language
    notify(
        kind="associations-invitation",
        key=f"association-invitation:{invitation.pk}",
        user=existing,
        email=email,
        language=language,
        context={
            "association": association.name,
            "inviter": invited_by.get_full_name(),
            "role": role,
            "accept_url": site_url("associations:invitation-accept", language=language, token=invitation.token),
        },
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Make the signed-in person a member with the invited role (an existing admin stays admin).

    The link alone proves nothing: it may have been forwarded or seen by someone else. Only a person who has verified
    the invited address as their own may accept, and only once, within the validity period.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has expired or has already been used."), code="invitation_used")
    if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it."),
            code="invitation_other_address",
            params={"email": invitation.email},
        )
    membership, created = Membership.objects.get_or_create(
        user=user, association=invitation.association, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN and membership.role != Membership.Role.ADMIN:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    _lock_association(membership.association)
    if (
        role != Membership.Role.ADMIN
        and membership.role == Membership.Role.ADMIN
        and not _admins_left_without(membership)
    ):
        raise ValidationError(_("An association must always have at least one administrator."), code="last_admin")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    _lock_association(membership.association)
    if membership.role == Membership.Role.ADMIN and not _admins_left_without(membership):
        raise ValidationError(_("An association must always have at least one administrator."), code="last_admin")
    membership.delete()


# Activities


def _exceptions_as_text(exceptions: Iterable[dt.date | str]) -> list[str]:
    return sorted({value if isinstance(value, str) else value.isoformat() for value in exceptions})


def _set_activity(activity: Activity, fields: dict[str, Any]) -> Activity:
    for name, value in fields.items():
        if name not in ACTIVITY_FIELDS:
            raise ValueError(f"{name} is not an activity field.")
        setattr(activity, name, _exceptions_as_text(value) if name == "exceptions" else value)
    if activity.kind == Activity.Kind.ONCE:
        activity.weekday = None
        activity.ends_on = None
        activity.exceptions = []
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_create(*, association: Association, fields: dict[str, Any]) -> Activity:
    return _set_activity(Activity(association=association), fields)


@transaction.atomic
def activity_update(*, activity: Activity, fields: dict[str, Any]) -> Activity:
    return _set_activity(activity, fields)


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    activity.delete()


# Volunteer roles and interest


def _set_role(role: VolunteerRole, fields: dict[str, Any]) -> VolunteerRole:
    for name, value in fields.items():
        if name not in ROLE_FIELDS:
            raise ValueError(f"{name} is not a volunteer role field.")
        setattr(role, name, value)
    role.full_clean()
    role.save()
    return role


@transaction.atomic
def role_create(*, association: Association, fields: dict[str, Any]) -> VolunteerRole:
    return _set_role(VolunteerRole(association=association), fields)


@transaction.atomic
def role_update(*, role: VolunteerRole, fields: dict[str, Any]) -> VolunteerRole:
    if role.status == VolunteerRole.Status.HIDDEN and fields.get("status") != VolunteerRole.Status.HIDDEN:
        # Only staff may bring back a role they hid.
        fields = {**fields, "status": VolunteerRole.Status.HIDDEN}
    return _set_role(role, fields)


@transaction.atomic
def role_hide(*, role: VolunteerRole, reason: str, by: User | None = None) -> VolunteerRole:
    """Take a volunteer role off the public pages, telling its poster why."""
    role.moderation_reason = _require_reason(reason)
    role.status = VolunteerRole.Status.HIDDEN
    role.save(update_fields=["status", "moderation_reason", "updated_at"])
    context = {"role": role.title, "reason": role.moderation_reason}
    key = f"role-hidden:{role.pk}:{timezone.now():%Y%m%d%H%M%S}"
    if role.association:
        _notify_admins(role.association, kind="associations-role-hidden", key=key, context=context)
    else:
        notify(
            kind="associations-role-hidden", key=key, email=role.municipal_unit.email, language="da", context=context
        )
    return role


@transaction.atomic
def interest_create(
    *,
    role: VolunteerRole,
    name: str,
    email: str,
    phone: str = "",
    message: str = "",
    consent: bool,
    user: User | None = None,
) -> Interest:
    """Record that a citizen wants to help; the poster is told and the citizen gets a confirmation."""
    if not consent:
        raise PermissionDenied("An interest is only shared with the poster's consent.")
    interest = Interest.objects.create(
        role=role,
        name=name.strip(),
        email=email.strip().lower(),
        phone=phone.strip(),
        message=message.strip(),
        consent=consent,
        user=user if user and user.is_authenticated else None,
    )
    context = {
        "role": role.title,
        "name": interest.name,
        "email": interest.email,
        "phone": interest.phone,
        "message": interest.message,
    }
    key = f"interest:{interest.pk}"
    recipients: set[str] = set()
    if role.association:
        for member in role.association.memberships.select_related("user").filter(user__is_active=True).order_by("pk"):
            recipients.add(member.user.email)
            notify(
                kind="associations-interest",
                key=key,
                user=member.user,
                context={
                    **context,
                    "interests_url": site_url(
                        "associations:role-interests",
                        language=member.user.preferred_language,
                        slug=role.association.slug,
                        pk=role.pk,
                    ),
                },
            )
    else:
        recipients.add(role.municipal_unit.email)
        notify(kind="associations-interest", key=key, email=role.municipal_unit.email, language="da", context=context)
    if role.contact_email and role.contact_email.lower() not in recipients:
        notify(kind="associations-interest", key=key, email=role.contact_email, language="da", context=context)
    language = user.preferred_language if user and user.is_authenticated else None
    notify(
        kind="associations-interest-confirmation",
        key=f"interest-confirmation:{interest.pk}",
        user=user if user and user.is_authenticated and user.email == interest.email else None,
        email=interest.email,
        language=language,
        context={
            "name": interest.name,
            "role": role.title,
            "poster": str(role.poster),
            "role_url": site_url("associations:role-detail", language=language or "da", pk=role.pk),
        },
    )
    return interest
