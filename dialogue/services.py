"""Writes of the dialogue app: ideas and their supports and comments, agenda topic proposals."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.models import Association, Category
from associations.selectors import membership_role
from dialogue.models import (
    COMMENT_REPORTS_TO_HIDE,
    AgendaItem,
    AgendaTopic,
    Comment,
    CommentReport,
    Idea,
    IdeaTown,
    Meeting,
    Support,
)
from portal.models import User
from portal.services import notify, site_url


def _check_membership(*, user: User, association: Association | None) -> None:
    """Only members may speak for an association; the forms offer no other choice, so this guards tampering."""
    if association is not None and membership_role(user, association) is None:
        raise PermissionDenied("The user is not a member of the association.")


# Ideas


@transaction.atomic
def idea_propose(
    *,
    proposer: User,
    title: str,
    description: str,
    association: Association | None = None,
    towns: Iterable[str] = (),
    categories: Iterable[Category] = (),
) -> Idea:
    _check_membership(user=proposer, association=association)
    idea = Idea.objects.create(title=title, description=description, proposer=proposer, association=association)
    IdeaTown.objects.bulk_create([IdeaTown(idea=idea, town=town) for town in dict.fromkeys(towns)])
    idea.categories.set(categories)
    return idea


def idea_support(*, idea: Idea, user: User) -> Support:
    """Add the person's support; supporting twice (even in two requests at the same moment) keeps one support."""
    try:
        with transaction.atomic():
            support, _created = Support.objects.get_or_create(idea=idea, user=user)
    except IntegrityError:
        # A concurrent request inserted the same support between our look-up and our insert.
        support = Support.objects.get(idea=idea, user=user)
    return support


@transaction.atomic
def idea_withdraw_support(*, idea: Idea, user: User) -> bool:
    deleted, _details = Support.objects.filter(idea=idea, user=user).delete()
    return bool(deleted)


@transaction.atomic
def idea_respond(*, idea: Idea, status: str, response: str) -> Idea:
    """Set an idea's status and the municipality's public response; on a status change, tell those who care.

    The proposer and every supporter get one notification per status change. Each is recorded through the outbox,
    which puts it into the person's daily digest if that is what they chose, so a busy idea floods nobody.
    """
    if status not in Idea.Status.values:
        raise ValidationError(_("Unknown status."), code="status")
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    status_changed = status != idea.status
    response_changed = response.strip() != idea.staff_response.strip()
    if not status_changed and not response_changed:
        return idea
    idea.status = status
    idea.staff_response = response.strip()
    idea.responded_at = timezone.now()
    if status_changed:
        idea.status_version += 1
    idea.save(update_fields=["status", "staff_response", "responded_at", "status_version", "updated_at"])
    if status_changed:
        # People who closed their account are not written to.
        recipients = {idea.proposer_id: idea.proposer} if idea.proposer.is_active else {}
        for support in Support.objects.filter(idea=idea, user__is_active=True).select_related("user"):
            recipients.setdefault(support.user_id, support.user)
        for recipient in recipients.values():
            notify(
                kind="dialogue-idea-status",
                key=f"idea-status:{idea.pk}:{idea.status_version}",
                user=recipient,
                context={
                    "name": recipient.get_short_name(),
                    "title": idea.title,
                    "status": idea.status,
                    "response": idea.staff_response,
                    "is_proposer": recipient.pk == idea.proposer_id,
                    "url": site_url("dialogue:idea-detail", language=recipient.preferred_language, pk=idea.pk),
                },
            )
    return idea


@transaction.atomic
def idea_set_hidden(*, idea: Idea, hidden: bool) -> Idea:
    idea.is_hidden = hidden
    idea.save(update_fields=["is_hidden", "updated_at"])
    return idea


# Comments


@transaction.atomic
def comment_post(*, idea: Idea, author: User, body: str) -> Comment:
    if idea.is_hidden:
        raise PermissionDenied("Hidden ideas take no comments.")
    return Comment.objects.create(idea=idea, author=author, body=body.strip())


class CommentNotEditable(ValidationError):
    pass


@transaction.atomic
def comment_edit(*, comment: Comment, user: User, body: str) -> Comment:
    """Let the author correct a comment within the edit window; afterwards the conversation must stay as it was."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id != user.pk:
        raise PermissionDenied("Only the author may edit a comment.")
    if not comment.is_editable_by(user):
        raise CommentNotEditable(_("Comments can only be edited for 15 minutes after they are posted."))
    comment.body = body.strip()
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    return comment


class CommentAlreadyReported(ValidationError):
    pass


@transaction.atomic
def comment_report(*, comment: Comment, reporter: User, reason: str = "") -> CommentReport:
    """Record a report; the third open report from a different person hides the comment until staff review it."""
    # Locking the comment makes concurrent reports count one after another, so the third one is never missed.
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id == reporter.pk:
        raise PermissionDenied("People cannot report their own comments.")
    if CommentReport.objects.filter(comment=comment, reporter=reporter, resolved_at__isnull=True).exists():
        raise CommentAlreadyReported(_("You have already reported this comment. Staff will look at it."))
    report = CommentReport.objects.create(comment=comment, reporter=reporter, reason=reason.strip())
    open_reports = CommentReport.objects.filter(comment=comment, resolved_at__isnull=True).count()
    if comment.status == Comment.Status.VISIBLE and open_reports >= COMMENT_REPORTS_TO_HIDE:
        comment.status = Comment.Status.HIDDEN
        comment.save(update_fields=["status"])
    return report


@transaction.atomic
def comment_review(*, comment: Comment, keep: bool) -> Comment:
    """Staff's verdict on a reported comment: show it again, or remove it. Either way the reports are resolved."""
    now = timezone.now()
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.status = Comment.Status.VISIBLE if keep else Comment.Status.REMOVED
    comment.reviewed_at = now
    comment.save(update_fields=["status", "reviewed_at"])
    CommentReport.objects.filter(comment=comment, resolved_at__isnull=True).update(resolved_at=now)
    return comment


# Agenda topics


class TopicDeadlinePassed(ValidationError):
    pass


@transaction.atomic
def agenda_topic_propose(
    *,
    meeting: Meeting,
    proposer: User,
    title: str,
    description: str,
    association: Association | None = None,
) -> AgendaTopic:
    _check_membership(user=proposer, association=association)
    if not meeting.accepts_topics:
        raise TopicDeadlinePassed(_("The deadline for proposing topics for this meeting has passed."))
    return AgendaTopic.objects.create(
        meeting=meeting,
        proposer=proposer,
        association=association,
        title=title.strip(),
        description=description.strip(),
    )


def _tell_topic_proposer(topic: AgendaTopic) -> None:
    proposer = topic.proposer
    meeting = topic.meeting
    notify(
        kind=f"dialogue-topic-{topic.status}",
        key=f"agenda-topic-{topic.status}:{topic.pk}",
        user=proposer,
        context={
            "name": proposer.get_short_name(),
            "title": topic.title,
            "forum_da": meeting.forum.name_da,
            "forum_en": meeting.forum.name_en or meeting.forum.name_da,
            "starts_at": meeting.starts_at,
            "reason": topic.decision_reason,
            "url": site_url("dialogue:meeting-detail", language=proposer.preferred_language, pk=meeting.pk),
        },
    )


class TopicAlreadyDecided(ValidationError):
    pass


def _lock_undecided(topic: AgendaTopic) -> AgendaTopic:
    topic = AgendaTopic.objects.select_for_update().select_related("meeting__forum", "proposer").get(pk=topic.pk)
    if topic.status != AgendaTopic.Status.PROPOSED:
        raise TopicAlreadyDecided(_("This topic has already been decided."))
    return topic


@transaction.atomic
def agenda_topic_accept(*, topic: AgendaTopic, reason: str = "") -> AgendaTopic:
    """Put the topic on the meeting's agenda and tell the proposer."""
    topic = _lock_undecided(topic)
    topic.status = AgendaTopic.Status.ACCEPTED
    topic.decision_reason = reason.strip()
    topic.decided_at = timezone.now()
    topic.save(update_fields=["status", "decision_reason", "decided_at"])
    last = topic.meeting.agenda_items.order_by("-position").values_list("position", flat=True).first()
    AgendaItem.objects.create(
        meeting=topic.meeting,
        title=topic.title,
        description=topic.description,
        position=(last or 0) + 1,
        topic=topic,
    )
    _tell_topic_proposer(topic)
    return topic


@transaction.atomic
def agenda_topic_decline(*, topic: AgendaTopic, reason: str) -> AgendaTopic:
    """Decline a topic with a reason the proposer is told."""
    if not reason.strip():
        raise ValidationError(_("Please give the proposer a reason."), code="reason")
    topic = _lock_undecided(topic)
    topic.status = AgendaTopic.Status.DECLINED
    topic.decision_reason = reason.strip()
    topic.decided_at = timezone.now()
    topic.save(update_fields=["status", "decision_reason", "decided_at"])
    _tell_topic_proposer(topic)
    return topic
