"""Dialogue between volunteers and the municipality: ideas, the formal fora and their meetings, and inspiration."""

import datetime as dt

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Category, Town
from dialogue.validators import validate_minutes_document
from portal.i18n import Translated
from portal.uploads import UploadTo

# How long after posting the author of a comment may still correct it.
COMMENT_EDIT_WINDOW = dt.timedelta(minutes=15)
# This many reports from different people hide a comment until staff have looked at it.
COMMENT_REPORTS_TO_HIDE = 3


class Idea(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        UNDER_CONSIDERATION = "considering", _("Under consideration")
        IN_PROGRESS = "in_progress", _("In progress")
        REALISED = "realised", _("Realised")
        NOT_PURSUED = "not_pursued", _("Not pursued")

    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(
        _("description"), help_text=_("Describe the idea. You can use Markdown: *italic*, **bold**, lists and links.")
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.CASCADE, related_name="ideas"
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    categories = models.ManyToManyField(Category, verbose_name=_("categories"), related_name="ideas", blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    staff_response = models.TextField(
        _("response from the municipality"),
        blank=True,
        help_text=_("Public: explains the status to the proposer, the supporters and everybody else."),
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Counts status changes, so each change gets its own notification key and nobody is told twice of the same one.
    status_version = models.PositiveIntegerField(_("status changes"), default=0, editable=False)
    is_hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden ideas are not shown on the portal (for example spam).")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="idea_status"),
            models.Index(fields=["-responded_at"], name="idea_responded"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogue:idea-detail", kwargs={"pk": self.pk})


class IdeaTown(models.Model):
    """A town an idea concerns; one row per town keeps the filter the same on Postgres and SQLite."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="towns")
    town = models.CharField(_("town"), max_length=20, choices=Town.choices)

    class Meta:
        verbose_name = _("town")
        verbose_name_plural = _("towns")
        ordering = ["town"]
        constraints = [models.UniqueConstraint(fields=["idea", "town"], name="idea_town_once")]

    def __str__(self) -> str:
        return self.get_town_display()


class Support(models.Model):
    """One person backing one idea. The unique constraint holds even when the button is clicked twice at once."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"],
                name="support_once_per_person",
                violation_error_message=_("This person already supports the idea."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.idea}"


class Comment(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden until reviewed")
        REMOVED = "removed", _("Removed by staff")

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="idea_comments"
    )
    body = models.TextField(_("comment"), help_text=_("You can use Markdown: *italic*, **bold**, lists and links."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "status", "created_at"], name="comment_visible")]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:60]}"

    @property
    def editable_until(self) -> dt.datetime:
        return self.created_at + COMMENT_EDIT_WINDOW

    def is_editable_by(self, user) -> bool:
        return (
            user.is_authenticated
            and user.pk == self.author_id
            and self.status == self.Status.VISIBLE
            and timezone.now() < self.editable_until
        )


class CommentReport(models.Model):
    """Someone telling staff a comment breaks the rules. Reports are resolved when staff review the comment."""

    comment = models.ForeignKey(Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"],
                condition=models.Q(resolved_at__isnull=True),
                name="comment_report_once_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter} → {self.comment_id}"


class Forum(models.Model):
    """A formal forum where volunteers and the City Council meet, such as Frivilligrådet."""

    name_da = models.CharField(_("name (Danish)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description_da = models.TextField(_("description (Danish)"), help_text=_("Markdown."))
    description_en = models.TextField(_("description (English)"), blank=True, help_text=_("Markdown."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("fora")
        ordering = ["position", "name_da"]

    def __str__(self) -> str:
        return self.name_da

    def get_absolute_url(self) -> str:
        return reverse("dialogue:forum-detail", kwargs={"slug": self.slug})

    name = Translated("name")
    description = Translated("description")


class ForumMember(models.Model):
    """A member of a forum as shown publicly: a name and a role, not a user account."""

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=150)
    role_da = models.CharField(_("role (Danish)"), max_length=150)
    role_en = models.CharField(_("role (English)"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    role = Translated("role")


class Meeting(models.Model):
    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    topic_deadline = models.DateTimeField(
        _("deadline for topic proposals"), help_text=_("Citizens and associations can propose topics until then.")
    )
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown. Published after the meeting."))
    minutes_document = models.FileField(
        _("minutes (document)"),
        upload_to=UploadTo("dialogue/minutes"),
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_minutes_document],
        help_text=_("A PDF of at most 10 MB."),
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"], name="meeting_starts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(topic_deadline__lte=models.F("starts_at")),
                name="meeting_deadline_before_start",
                violation_error_message=_("The deadline for topic proposals must be before the meeting starts."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.forum} {local:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("dialogue:meeting-detail", kwargs={"pk": self.pk})

    @property
    def accepts_topics(self) -> bool:
        return timezone.now() < self.topic_deadline

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()


class AgendaItem(models.Model):
    """A point on a meeting's agenda: written by staff, or an accepted topic proposal."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    topic = models.OneToOneField(
        "AgendaTopic",
        verbose_name=_("proposed topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_item",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class AgendaTopic(models.Model):
    """A citizen's or association's proposal for a meeting's agenda, accepted or declined by staff."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="topic_proposals"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.CASCADE, related_name="agenda_topics"
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_topics",
    )
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(
        _("what should the forum discuss?"), help_text=_("Explain the topic and why it matters. Markdown.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decision_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Required when declining; sent to the proposer.")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("agenda topic proposal")
        verbose_name_plural = _("agenda topic proposals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class InspirationEntry(models.Model):
    """An idea from the volunteering conference or a workshop, written up by staff for others to pick up."""

    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    title_da = models.CharField(_("title (Danish)"), max_length=150)
    title_en = models.CharField(_("title (English)"), max_length=150, blank=True)
    summary_da = models.TextField(_("the idea (Danish)"), help_text=_("Markdown."))
    summary_en = models.TextField(_("the idea (English)"), blank=True, help_text=_("Markdown."))
    who_da = models.TextField(_("who could do it (Danish)"), help_text=_("Markdown."))
    who_en = models.TextField(_("who could do it (English)"), blank=True, help_text=_("Markdown."))
    examples_da = models.TextField(_("examples (Danish)"), blank=True, help_text=_("Markdown."))
    examples_en = models.TextField(_("examples (English)"), blank=True, help_text=_("Markdown."))
    source = models.CharField(
        _("source"), max_length=150, blank=True, help_text=_("For example: Frivilligkonferencen 2025, workshop 2.")
    )
    ideas = models.ManyToManyField(Idea, verbose_name=_("related ideas"), related_name="inspiration", blank=True)
    associations = models.ManyToManyField(
        Association, verbose_name=_("related associations"), related_name="inspiration", blank=True
    )
    is_published = models.BooleanField(_("published"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("inspiration entry")
        verbose_name_plural = _("inspiration catalogue")
        ordering = ["position", "title_da"]

    def __str__(self) -> str:
        return self.title_da

    def get_absolute_url(self) -> str:
        return reverse("dialogue:inspiration-detail", kwargs={"slug": self.slug})

    title = Translated("title")
    summary = Translated("summary")
    who = Translated("who")
    examples = Translated("examples")
