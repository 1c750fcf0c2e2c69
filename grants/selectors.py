"""Reads of the grants app."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from associations.models import Association, Membership
from associations.selectors import associations_for_user
from grants.models import (
    ApplicantKind,
    Application,
    Attachment,
    GrantScheme,
    Purpose,
    Round,
    TargetGroup,
)
from portal.models import User

# The municipality as funder in open data, identified by its CVR number as org-id.guide prescribes.
FUNDER_ID = "DK-CVR-64502018"
FUNDER_NAME = "Helsingør Kommune"
GRANT_ID_PREFIX = "360G-helsingor"


def schemes_published(
    *,
    applicant_kind: str = "",
    purpose: str = "",
    target_group: str = "",
    open_now: bool = False,
    now: dt.datetime | None = None,
) -> QuerySet[GrantScheme]:
    """Published schemes, the open ones first with the nearest deadline first, filtered as a person chose.

    Each scheme carries `is_open`, `next_deadline` (of an open round) and `next_opens` (of a future round).
    """
    now = now or timezone.now()
    open_rounds = Round.objects.filter(scheme=OuterRef("pk")).open_at(now)
    schemes = (
        GrantScheme.objects.filter(status=GrantScheme.Status.PUBLISHED)
        .annotate(
            is_open=Exists(open_rounds),
            next_deadline=Subquery(
                open_rounds.filter(deadline__isnull=False).order_by("deadline").values("deadline")[:1]
            ),
            next_opens=Subquery(
                Round.objects.filter(scheme=OuterRef("pk"), opens_at__gt=now)
                .order_by("opens_at")
                .values("opens_at")[:1]
            ),
        )
        .annotate(open_rank=Case(When(is_open=True, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .prefetch_related("applicant_kinds", "purposes", "target_groups")
        .order_by(
            "open_rank", F("next_deadline").asc(nulls_last=True), F("next_opens").asc(nulls_last=True), "title_da"
        )
    )
    if applicant_kind:
        schemes = schemes.filter(Q(applicant_kinds__slug=applicant_kind) | Q(applicant_kinds__isnull=True))
    if purpose:
        schemes = schemes.filter(purposes__slug=purpose)
    if target_group:
        schemes = schemes.filter(Q(target_groups__slug=target_group) | Q(target_groups__isnull=True))
    if open_now:
        schemes = schemes.filter(is_open=True)
    # The joins above can repeat a scheme; distinct() keeps each once.
    return schemes.distinct()


def schemes_open_soonest(*, limit: int = 3) -> list[GrantScheme]:
    """The open schemes with the nearest deadlines, as the home page's cards (which name only who can apply)."""
    return list(schemes_published(open_now=True).prefetch_related(None).prefetch_related("applicant_kinds")[:limit])


def scheme_detail(*, slug: str, now: dt.datetime | None = None) -> GrantScheme:
    """One published scheme with everything its page shows and its open state; raises GrantScheme.DoesNotExist."""
    return (
        schemes_published(now=now)
        .prefetch_related(
            "links",
            "declarations",
            Prefetch("rounds", queryset=Round.objects.order_by("opens_at", "pk")),
        )
        .get(slug=slug)
    )


def rounds_for_calendar(*, scheme: GrantScheme | None = None) -> QuerySet[Round]:
    """Deadlines for a calendar file: one scheme's, or those of every published scheme from the last year on."""
    rounds = Round.objects.filter(deadline__isnull=False).select_related("scheme").order_by("deadline")
    if scheme is not None:
        return rounds.filter(scheme=scheme)
    return rounds.filter(
        scheme__status=GrantScheme.Status.PUBLISHED, deadline__gte=timezone.now() - dt.timedelta(days=365)
    )


def lookups() -> dict[str, QuerySet]:
    return {
        "applicant_kinds": ApplicantKind.objects.all(),
        "purposes": Purpose.objects.all(),
        "target_groups": TargetGroup.objects.all(),
    }


# Who may apply for whom


# Admins and editors act for an association; plain members (if any ever exist) do not.
ACTING_ROLES = (Membership.Role.ADMIN, Membership.Role.EDITOR)


def associations_for_applying(*, user: User) -> QuerySet[Association]:
    """The approved associations a person may apply for: those where they are an admin or an editor."""
    return associations_for_user(user, roles=ACTING_ROLES).filter(status=Association.Status.APPROVED)


def association_kind_refusal(*, scheme: GrantScheme, association: Association) -> str | None:
    """Why the association's kind may not apply to the scheme, or None when it fits."""
    if scheme.accepts_association_kind(association.kind):
        return None
    return _(
        "%(association)s is registered as “%(kind)s”, and %(scheme)s does not accept that kind of applicant. "
        "Who can apply: %(who)s."
    ) % {
        "association": association.name,
        "kind": association.get_kind_display(),
        "scheme": scheme.title,
        "who": ", ".join(str(kind) for kind in scheme.applicant_kinds.all()),
    }


def _acting_for(user: User) -> Q:
    """Applications the person started, and those of associations where they are an admin or an editor.

    Membership is checked whatever the association's status, so admins keep access to old applications if the
    association is later hidden.
    """
    return Q(applicant=user) | Q(association__in=associations_for_user(user, roles=ACTING_ROLES).values("pk"))


def user_may_act(*, user: User, application: Application) -> bool:
    """Whether the person may change, submit and withdraw the application (staff decide in the admin instead)."""
    return Application.objects.filter(_acting_for(user), pk=application.pk).exists()


# The eligibility guide


@dataclass
class GuideMatch:
    scheme: GrantScheme
    reasons: list[str] = field(default_factory=list)


WHEN_NOW = "now"
WHEN_SOON = "soon"
WHEN_ANY = "any"
SOON = dt.timedelta(days=92)


def guide_matches(
    *,
    applicant_kind: ApplicantKind,
    purpose: Purpose | None,
    target_group: TargetGroup | None,
    when: str,
    associations: Sequence[Association] = (),
    now: dt.datetime | None = None,
) -> list[GuideMatch]:
    """The published schemes that fit a person's answers, each with the reasons it fits, open ones first.

    For a signed-in person, `associations` are the ones they may apply for; each match then says which of them
    may apply and which may not because of the kind they are registered as.
    """
    now = now or timezone.now()
    schemes = schemes_published(
        applicant_kind=applicant_kind.slug,
        purpose=purpose.slug if purpose else "",
        target_group=target_group.slug if target_group else "",
        open_now=when == WHEN_NOW,
        now=now,
    )
    matches = []
    for scheme in schemes:
        if when == WHEN_SOON and not scheme.is_open and (scheme.next_opens is None or scheme.next_opens > now + SOON):
            continue
        reasons = []
        kinds = list(scheme.applicant_kinds.all())
        if kinds:
            reasons.append(_("%(kind)s can apply.") % {"kind": applicant_kind.name})
        else:
            reasons.append(_("Everyone can apply."))
        if purpose:
            reasons.append(_("It supports %(purpose)s.") % {"purpose": purpose.name.lower()})
        if target_group:
            if list(scheme.target_groups.all()):
                reasons.append(_("It gives priority to %(group)s.") % {"group": target_group.name.lower()})
            else:
                reasons.append(_("It is open to all target groups."))
        if scheme.is_open and scheme.next_deadline:
            reasons.append(
                _("It is open now; the deadline is %(date)s.")
                % {"date": date_format(timezone.localtime(scheme.next_deadline), "DATE_FORMAT")}
            )
        elif scheme.is_open:
            reasons.append(_("It is open now and takes applications continuously."))
        elif scheme.next_opens:
            reasons.append(
                _("The next round opens %(date)s.")
                % {"date": date_format(timezone.localtime(scheme.next_opens), "DATE_FORMAT")}
            )
        for association in associations:
            if scheme.accepts_association_kind(association.kind):
                reasons.append(
                    _("%(association)s can apply as “%(kind)s”.")
                    % {"association": association.name, "kind": association.get_kind_display()}
                )
            else:
                reasons.append(
                    _("%(association)s cannot apply: the scheme does not accept “%(kind)s”.")
                    % {"association": association.name, "kind": association.get_kind_display()}
                )
        matches.append(GuideMatch(scheme=scheme, reasons=reasons))
    return matches


# Applications


def applications_for_user(*, user: User) -> QuerySet[Application]:
    """The person's own applications and those of associations they act for, for Min side."""
    # The two halves of _acting_for() as a UNION of ids: joined by OR, Postgres reads every application instead of
    # using the applicant's and the association's indexes, because the associations are a subquery.
    own = Application.objects.order_by().filter(applicant=user).values("pk")
    of_associations = (
        Application.objects.order_by()
        .filter(association__in=associations_for_user(user, roles=ACTING_ROLES).values("pk"))
        .values("pk")
    )
    return (
        Application.objects.filter(pk__in=own.union(of_associations))
        .select_related("scheme", "round", "association")
        .prefetch_related("budget_lines")
        .order_by("-created_at", "-pk")
    )


def application_for_user(*, user: User, pk: int) -> Application:
    """An application the person may see, or any for staff. Raises Application.DoesNotExist.

    A person may see their own and those of the associations where they are an admin or an editor; `user_may_act`
    says whether they may also change it, which staff who only read never may.
    """
    applications = (
        Application.objects.select_related("scheme", "round", "applicant", "association", "submitted_by")
        .prefetch_related("budget_lines", "attachments", "scheme__declarations", "scheme__applicant_kinds")
        .annotate(user_may_act=ExpressionWrapper(_acting_for(user), output_field=BooleanField()))
    )
    if not (user.is_staff and user.has_perm("grants.view_application")):
        applications = applications.filter(user_may_act=True)
    return applications.get(pk=pk)


def attachment_for_user(*, user: User, application_pk: int, attachment_pk: int) -> Attachment:
    """An attachment the person may download; raises Attachment.DoesNotExist otherwise."""
    attachments = Attachment.objects.filter(application_id=application_pk).select_related("application")
    if not (user.is_staff and user.has_perm("grants.view_application")):
        attachments = attachments.filter(
            application__in=Application.objects.filter(_acting_for(user)).values("pk"),
        )
    return attachments.get(pk=attachment_pk)


# Open data following 360Giving


def awards(*, scheme_slug: str = "") -> QuerySet[Application]:
    """Granted applications to organisations. Grants to private persons are never published."""
    applications = (
        Application.objects.filter(status__in=Application.AWARDED, decided_on__isnull=False)
        .exclude(applicant_type=Application.ApplicantType.INDIVIDUAL)
        .select_related("scheme", "association")
        .order_by("-decided_on", "-pk")
    )
    if scheme_slug:
        applications = applications.filter(scheme__slug=scheme_slug)
    return applications


THREESIXTY_COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Code",
    "Grant Programme:Title",
]


def award_recipient_id(application: Application) -> str:
    # The association's registered CVR number is the authoritative one; the application's is a fallback.
    if application.association is not None and application.association.cvr:
        return f"DK-CVR-{application.association.cvr}"
    if application.cvr:
        return f"DK-CVR-{application.cvr}"
    # Organisations without a CVR number get a stable identifier of our own, as 360Giving allows.
    return f"{GRANT_ID_PREFIX}-org-{application.pk}"


def award_row(application: Application) -> dict[str, object]:
    """One award with 360Giving's CSV column names."""
    return {
        "Identifier": f"{GRANT_ID_PREFIX}-{application.pk}",
        "Title": application.title,
        "Description": application.description,
        "Currency": "DKK",
        "Amount Awarded": application.amount_granted,
        "Award Date": application.decided_on.isoformat(),
        "Recipient Org:Identifier": award_recipient_id(application),
        "Recipient Org:Name": application.organisation_name,
        "Funding Org:Identifier": FUNDER_ID,
        "Funding Org:Name": FUNDER_NAME,
        "Grant Programme:Code": application.scheme.slug,
        "Grant Programme:Title": application.scheme.title_da,
    }


def award_json(application: Application) -> dict[str, object]:
    """One award in 360Giving's JSON shape."""
    return {
        "identifier": f"{GRANT_ID_PREFIX}-{application.pk}",
        "title": application.title,
        "description": application.description,
        "currency": "DKK",
        "amountAwarded": float(application.amount_granted or 0),
        "awardDate": application.decided_on.isoformat(),
        "recipientOrganization": [{"id": award_recipient_id(application), "name": application.organisation_name}],
        "fundingOrganization": [{"id": FUNDER_ID, "name": FUNDER_NAME}],
        "grantProgramme": [{"code": application.scheme.slug, "title": application.scheme.title_da}],
    }
