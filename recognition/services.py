"""Writes of the recognition app: stories and their moderation, nominations and consent, thanks and reports."""

from collections.abc import Iterable

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from associations.models import Association, Category, Town
from associations.selectors import membership_role
from portal.models import User
from portal.services import notify, site_url
from portal.uploads import stored_file_delete_on_commit
from recognition.images import PreparedImage
from recognition.models import AwardRound, Nomination, Story, StoryImage, StoryTown, Thanks, ThanksReport

CONSENT_SALT = "recognition.nomination-consent"
# The nominee has a month to answer; after that the link no longer works and the nomination stays unanswered.
CONSENT_MAX_AGE = 60 * 60 * 24 * 30
MAX_NOMINATIONS_PER_ROUND = 5

_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title.translate(_DANISH_LETTERS))[:160].strip("-") or "historie"
    slug, number = base, 1
    taken = Story.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _require_public(associations: Iterable[Association]) -> list[Association]:
    """Only approved associations can be named in public; a pending or hidden one would show an empty link."""
    associations = list(associations)
    if any(not association.is_public for association in associations):
        raise ValidationError(_("Only associations approved on the portal can be chosen."), code="association")
    return associations


# Stories


@transaction.atomic
def story_save(
    *,
    author: User,
    title: str,
    teaser: str,
    body: str,
    towns: Iterable[str] | None = None,
    categories: Iterable[Category] | None = None,
    consent_confirmed: bool = False,
    submit: bool = False,
    story: Story | None = None,
    image: PreparedImage | None = None,
    image_alt_text: str = "",
    associations: Iterable[Association] | None = None,
) -> Story:
    """Create or change a story by its author, as a draft or submitted for the editors to review, with a new
    picture if one is given. `associations` (approved ones only) replace the story's associations; None keeps them.

    Only drafts and submitted stories can be changed by their author; a published story is the editors' to change.
    """
    if story is None:
        story = Story(author=author, slug=_unique_slug(title))
    elif story.author_id != author.pk:
        raise PermissionDenied
    elif story.status not in (Story.Status.DRAFT, Story.Status.SUBMITTED):
        raise ValidationError(_("This story can no longer be changed."), code="story_locked")
    if submit and not consent_confirmed:
        raise ValidationError(
            _("Confirm that the people in the story have agreed to it being published."), code="consent"
        )
    story.title = title
    story.teaser = teaser
    story.body = body
    story.consent_confirmed = consent_confirmed
    if submit:
        story.status = Story.Status.SUBMITTED
        story.submitted_at = timezone.now()
    else:
        story.status = Story.Status.DRAFT
    if associations is not None:
        associations = _require_public(associations)
    story.save()
    if associations is not None:
        story.associations.set(associations)
    if towns is not None:
        story_towns_set(story=story, towns=towns)
    if categories is not None:
        story.categories.set(categories)
    if image is not None:
        story_image_add(story=story, prepared=image, alt_text=image_alt_text)
    return story


@transaction.atomic
def story_towns_set(*, story: Story, towns: Iterable[str]) -> None:
    """Make the story about exactly these towns (the portal's shared town values)."""
    towns = set(towns)
    unknown = towns - set(Town.values)
    if unknown:
        raise ValidationError(_("Choose towns from the list."), code="town")
    story.towns.exclude(town__in=towns).delete()
    existing = set(story.towns.values_list("town", flat=True))
    StoryTown.objects.bulk_create([StoryTown(story=story, town=town) for town in sorted(towns - existing)])


@transaction.atomic
def story_image_add(*, story: Story, prepared: PreparedImage, alt_text: str, caption: str = "") -> StoryImage:
    alt_text = alt_text.strip()
    if not alt_text:
        raise ValidationError(_("Describe the picture for people who cannot see it."), code="alt_text")
    position = story.images.count()
    image = StoryImage(story=story, alt_text=alt_text, caption=caption, position=position)
    image.image.save(prepared.image.name, prepared.image, save=False)
    image.thumbnail.save(prepared.thumbnail.name, prepared.thumbnail, save=False)
    image.save()
    return image


def _files_delete_on_commit(image: StoryImage) -> None:
    for stored in (image.image, image.thumbnail):
        stored_file_delete_on_commit(stored.storage, stored.name)


@transaction.atomic
def story_image_replace(*, image: StoryImage, prepared: PreparedImage) -> StoryImage:
    """Show `prepared` in place of the picture `image` holds; the old files are deleted once that is saved."""
    _files_delete_on_commit(image)
    image.image.save(prepared.image.name, prepared.image, save=False)
    image.thumbnail.save(prepared.thumbnail.name, prepared.thumbnail, save=False)
    image.save()
    return image


@transaction.atomic
def story_image_delete(*, image: StoryImage) -> None:
    """Remove a picture from its story, and its files once that is saved."""
    _files_delete_on_commit(image)
    image.delete()


def _story_notify(*, story: Story, event: str) -> None:
    author = story.author
    language = author.preferred_language
    notify(
        kind=f"recognition-story-{event}",
        key=f"story-{event}:{story.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
        user=author,
        context={
            "name": author.get_short_name(),
            "title": story.title,
            "comment": story.moderation_comment,
            "story_url": site_url("recognition:story-detail", language=language, slug=story.slug),
            "edit_url": site_url("recognition:story-edit", language=language, slug=story.slug),
        },
    )


@transaction.atomic
def story_publish(*, story: Story, featured: bool | None = None) -> Story:
    """Publish a story; the author (unless it is the editor publishing their own) hears about it."""
    if story.status == Story.Status.PUBLISHED:
        return story
    story.status = Story.Status.PUBLISHED
    story.published_at = timezone.now()
    story.moderation_comment = ""
    # Whoever wrote it, the editors have now checked it; a staff story may be published without the author's tick.
    story.consent_confirmed = True
    if featured is not None:
        story.featured = featured
    story.save()
    _story_notify(story=story, event="published")
    return story


@transaction.atomic
def story_send_back(*, story: Story, comment: str) -> Story:
    """Return a submitted story to its author as a draft with the editors' comment on what to change."""
    if not comment.strip():
        raise ValidationError(_("Write what the author should change."), code="comment")
    story.status = Story.Status.DRAFT
    story.moderation_comment = comment.strip()
    story.featured = False
    story.published_at = None
    story.save()
    _story_notify(story=story, event="sent-back")
    return story


@transaction.atomic
def story_reject(*, story: Story, reason: str) -> Story:
    if not reason.strip():
        raise ValidationError(_("Write why the story is rejected."), code="reason")
    story.status = Story.Status.REJECTED
    story.moderation_comment = reason.strip()
    story.featured = False
    story.published_at = None
    story.save()
    _story_notify(story=story, event="rejected")
    return story


@transaction.atomic
def story_set_featured(*, story: Story, featured: bool) -> Story:
    if featured and story.status != Story.Status.PUBLISHED:
        raise ValidationError(_("Only published stories can be featured."), code="not_published")
    story.featured = featured
    story.save(update_fields=["featured", "updated_at"])
    return story


# Nominations


def nomination_consent_token(nomination: Nomination) -> str:
    return signing.dumps({"nomination": nomination.pk, "email": nomination.nominee_email.lower()}, salt=CONSENT_SALT)


def nomination_from_token(token: str) -> Nomination | None:
    """The nomination a consent link points at, or None when the link is forged, altered or too old."""
    try:
        data = signing.loads(token, salt=CONSENT_SALT, max_age=CONSENT_MAX_AGE)
    except signing.BadSignature:
        return None
    nomination = (
        Nomination.objects.select_related("round__award", "nominated_by").filter(pk=data.get("nomination")).first()
    )
    # A link sent to an earlier address stops working if staff correct the nominee's address.
    if nomination is None or nomination.nominee_email.lower() != data.get("email"):
        return None
    return nomination


def nomination_association_is_own(*, association: Association, nominated_by: User) -> bool:
    """Nominating an association one is a member of counts as nominating oneself."""
    return membership_role(nominated_by, association) is not None


@transaction.atomic
def nomination_create(
    *,
    round: AwardRound,
    nominated_by: User,
    kind: str,
    nominee_name: str,
    nominee_email: str,
    reason: str,
    association: Association | None = None,
) -> Nomination:
    """Nominate someone for an award and ask them by mail whether they accept.

    The nominee is a person or an association by name; an association on the portal may also be chosen, and
    then it is the nominee (its name is used when no other name is given).
    """
    if not round.is_open():
        raise ValidationError(_("Nominations for this award are closed."), code="closed")
    if nominee_email.strip().lower() == nominated_by.email.lower():
        raise ValidationError(_("You cannot nominate yourself."), code="self_nomination")
    if association is not None:
        _require_public([association])
        if nomination_association_is_own(association=association, nominated_by=nominated_by):
            raise ValidationError(
                _("You are a member of %(association)s, so nominating it counts as nominating yourself."),
                code="self_nomination",
                params={"association": association.name},
            )
        kind = Nomination.Kind.ASSOCIATION
        nominee_name = nominee_name.strip() or association.name
    # Every nomination sends a mail to an address the nominator typed, so one person's nominations are limited.
    earlier = Nomination.objects.filter(round=round, nominated_by=nominated_by)
    if earlier.filter(nominee_email__iexact=nominee_email.strip()).exists():
        raise ValidationError(_("You have already nominated this person for this award."), code="duplicate")
    if association is not None and earlier.filter(association=association).exists():
        raise ValidationError(_("You have already nominated this association for this award."), code="duplicate")
    if earlier.count() >= MAX_NOMINATIONS_PER_ROUND:
        raise ValidationError(
            _("You can make at most %(max)s nominations for each award round."),
            code="too_many",
            params={"max": MAX_NOMINATIONS_PER_ROUND},
        )
    nomination = Nomination.objects.create(
        round=round,
        nominated_by=nominated_by,
        kind=kind,
        association=association,
        nominee_name=nominee_name.strip(),
        nominee_email=nominee_email.strip(),
        reason=reason.strip(),
    )
    # The nominee may have no profile, so the mail goes to the address and in the language of the nominee's
    # profile when there is one.
    nominee = User.objects.filter(email__iexact=nomination.nominee_email).first()
    language = nominee.preferred_language if nominee else "da"
    notify(
        kind="recognition-nomination-consent",
        key=f"nomination-consent:{nomination.pk}",
        email=nomination.nominee_email,
        language=language,
        context={
            "nominee_name": nomination.nominee_name,
            "nominated_by": nominated_by.get_full_name(),
            "award": round.award.name_en if language == "en" and round.award.name_en else round.award.name_da,
            "round": round.title,
            "reason": nomination.reason,
            "consent_url": site_url(
                "recognition:nomination-consent", language=language, token=nomination_consent_token(nomination)
            ),
        },
    )
    return nomination


@transaction.atomic
def nomination_answer(*, nomination: Nomination, accept: bool) -> Nomination:
    """Record the nominee's answer. The nominee may change their mind until the jury has shortlisted them."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.shortlisted or nomination.winner:
        raise ValidationError(_("The jury is already considering this nomination."), code="with_jury")
    nomination.consent = Nomination.Consent.ACCEPTED if accept else Nomination.Consent.DECLINED
    nomination.consent_answered_at = timezone.now()
    nomination.save(update_fields=["consent", "consent_answered_at"])
    return nomination


@transaction.atomic
def nomination_shortlist(*, nomination: Nomination, shortlisted: bool = True) -> Nomination:
    if nomination.consent != Nomination.Consent.ACCEPTED:
        raise ValidationError(_("Only nominations the nominee has accepted go to the jury."), code="no_consent")
    nomination.shortlisted = shortlisted
    if not shortlisted:
        nomination.winner = False
    nomination.save(update_fields=["shortlisted", "winner"])
    return nomination


@transaction.atomic
def nomination_choose_winner(*, nomination: Nomination, story: Story | None = None) -> Nomination:
    if nomination.consent != Nomination.Consent.ACCEPTED:
        raise ValidationError(_("Only nominations the nominee has accepted go to the jury."), code="no_consent")
    nomination.shortlisted = True
    nomination.winner = True
    if story is not None:
        nomination.story = story
    nomination.save(update_fields=["shortlisted", "winner", "story"])
    return nomination


@transaction.atomic
def award_round_publish_winners(*, round: AwardRound) -> AwardRound:
    if not round.nominations.filter(winner=True).exists():
        raise ValidationError(_("Choose at least one winner before publishing."), code="no_winners")
    round.winners_published = True
    round.save(update_fields=["winners_published"])
    return round


# Thanks


@transaction.atomic
def thanks_create(*, author: User, recipient: str, message: str, association: Association | None = None) -> Thanks:
    """Write a thanks for moderation, to a person or association by name, or to an association on the portal
    (its name is used when no other name is given)."""
    message = message.strip()
    if len(message) > Thanks.MAX_LENGTH:
        raise ValidationError(_("A thanks may be at most 500 characters."), code="too_long")
    recipient = recipient.strip()
    if association is not None:
        _require_public([association])
        recipient = recipient or association.name
    if not recipient:
        raise ValidationError(_("Write who you want to thank."), code="recipient")
    return Thanks.objects.create(author=author, recipient=recipient, message=message, association=association)


def _thanks_notify(*, thanks: Thanks, event: str) -> None:
    notify(
        kind=f"recognition-thanks-{event}",
        key=f"thanks-{event}:{thanks.pk}",
        user=thanks.author,
        context={
            "name": thanks.author.get_short_name(),
            "recipient": thanks.recipient,
            "thanks_url": site_url("recognition:thanks-list", language=thanks.author.preferred_language),
        },
    )


@transaction.atomic
def thanks_publish(*, thanks: Thanks) -> Thanks:
    """Show a thanks: after first moderation, or again after staff reviewed reports and found nothing wrong."""
    first_time = thanks.published_at is None
    if thanks.status == Thanks.Status.HIDDEN:
        thanks.reports_reviewed = True
    thanks.status = Thanks.Status.PUBLISHED
    thanks.save()
    if first_time:
        _thanks_notify(thanks=thanks, event="published")
    return thanks


@transaction.atomic
def thanks_reject(*, thanks: Thanks) -> Thanks:
    thanks.status = Thanks.Status.REJECTED
    thanks.save(update_fields=["status"])
    return thanks


@transaction.atomic
def thanks_report(*, thanks: Thanks, reporter: User) -> Thanks:
    """Record one person's report; enough reports hide the thanks until staff have looked at it."""
    thanks = Thanks.objects.select_for_update().get(pk=thanks.pk)
    if thanks.status != Thanks.Status.PUBLISHED:
        raise ValidationError(_("This thanks is not shown."), code="not_shown")
    try:
        with transaction.atomic():
            ThanksReport.objects.create(thanks=thanks, reporter=reporter)
    except IntegrityError:
        return thanks  # The same person reporting twice counts once.
    if not thanks.reports_reviewed and thanks.reports.count() >= Thanks.REPORTS_TO_HIDE:
        thanks.status = Thanks.Status.HIDDEN
        thanks.save(update_fields=["status"])
    return thanks
