import datetime as dt
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.deconstruct import deconstructible
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from portal.i18n import Translated
from portal.markdown import render_markdown
from portal.uploads import upload_path
from portal.validation import LONG_TEXT_MAX, long_text_validators, validate_phone

# An asker may reopen a closed request for this long; after that they ask a new question.
REOPEN_WINDOW = dt.timedelta(days=30)
RESERVED_TOPIC_SLUGS = {"sager", "spoerg"}


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT: never given a public URL, only served by views that check access.

    The location is read from settings on every use, so tests that point PRIVATE_MEDIA_ROOT at a temporary
    directory are obeyed even though the storage object is created when the models load.
    """

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the view that serves them.")


private_storage = PrivateStorage()


class Topic(models.Model):
    """Something the municipality gives advice about, answered by one staff group."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    summary_da = models.TextField(_("summary (Danish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    staff_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("responsible staff group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_topics",
        help_text=_("Its members are told about new requests on this topic."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("shown to citizens"), default=True)

    class Meta:
        verbose_name = _("advice topic")
        verbose_name_plural = _("advice topics")
        ordering = ["position", "name_da"]

    def __str__(self) -> str:
        return self.name_da

    def get_absolute_url(self) -> str:
        return reverse("advisory:topic-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # These paths under /raadgivning/ belong to the request pages; a topic with such a slug could not be reached.
        if self.slug in RESERVED_TOPIC_SLUGS:
            raise ValidationError({"slug": _("This address is used by another page. Choose another.")})

    name = Translated("name")
    summary = Translated("summary")


class Guide(models.Model):
    """A short article answering a common question on a topic, written in Markdown by staff."""

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="guides")
    slug = models.SlugField(_("slug"), max_length=80)
    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_da = models.TextField(_("text (Danish)"), help_text=_("Markdown: headings, lists, links and emphasis."))
    body_en = models.TextField(_("text (English)"), blank=True, help_text=_("Leave empty to show the Danish text."))
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        ordering = ["topic", "position", "title_da"]
        constraints = [models.UniqueConstraint(fields=["topic", "slug"], name="guide_slug_unique_per_topic")]

    def __str__(self) -> str:
        return self.title_da

    def get_absolute_url(self) -> str:
        return reverse("advisory:guide-detail", kwargs={"topic_slug": self.topic.slug, "slug": self.slug})

    title = Translated("title")
    body = Translated("body")

    @property
    def rendered_body(self) -> SafeString:
        return render_markdown(self.body)

    @property
    def shown_in_danish(self) -> bool:
        """True on /en/ when the guide has no English text yet, so the page can say so."""
        return translation.get_language() == "en" and not self.body_en


class AdviceRequest(models.Model):
    """A question from a signed-in person, answered by a named advisor through a message thread."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned to an advisor")
        WAITING = "waiting", _("Waiting for the asker")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    class Contact(models.TextChoices):
        MAIL = "mail", _("By email")
        PHONE = "phone", _("By phone")
        MEETING = "meeting", _("At a meeting")

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Answered and resolved")
        REFERRED = "referred", _("Referred elsewhere")
        NO_REPLY = "no_reply", _("No reply from the asker")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The statuses in which the asker is waiting for the municipality.
    AWAITING_STAFF = (Status.NEW, Status.ASSIGNED)

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="requests")
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asker"), on_delete=models.CASCADE, related_name="advice_requests"
    )
    # Advice often concerns an association rather than one person, so the asker may ask on its behalf; its other
    # administrators and editors can then read the request and the answers (but not write in the thread).
    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("on behalf of association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_requests",
    )
    subject = models.CharField(_("subject"), max_length=150)
    question = models.TextField(_("question"), max_length=LONG_TEXT_MAX, validators=long_text_validators())
    preferred_contact = models.CharField(
        _("preferred contact"), max_length=16, choices=Contact.choices, default=Contact.MAIL
    )
    phone = models.CharField(_("phone number"), max_length=32, blank=True, validators=[validate_phone])
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_requests_assigned",
        limit_choices_to={"is_staff": True, "is_active": True},
    )
    internal_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Only staff see these notes; the asker never does.")
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    waiting_since = models.DateTimeField(
        _("waiting for staff since"),
        null=True,
        blank=True,
        help_text=_("Set while the asker waits for the municipality; the reminder counts working days from here."),
    )

    class Meta:
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["asker", "-created_at"], name="advice_request_asker"),
            models.Index(fields=["waiting_since"], name="advice_request_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="closed", closed_at__isnull=False)
                | (~models.Q(status="closed") & models.Q(closed_at__isnull=True)),
                name="advice_request_closed_at_iff_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("advisory:request-detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def can_reopen(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.is_closed and self.closed_at is not None and now - self.closed_at <= REOPEN_WINDOW

    @property
    def reopen_until(self) -> dt.datetime | None:
        return self.closed_at + REOPEN_WINDOW if self.closed_at else None


def attachment_path(instance: "Message", filename: str) -> str:
    # The stored name never reuses the uploaded name, which could carry path tricks or personal data.
    return upload_path("advisory/%Y/%m", filename)


class Message(models.Model):
    """One message in the thread of a request, from the asker or from staff."""

    request = models.ForeignKey(
        AdviceRequest, verbose_name=_("advice request"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="advice_messages"
    )
    from_staff = models.BooleanField(_("from staff"), default=False)
    body = models.TextField(_("message"), max_length=LONG_TEXT_MAX, validators=long_text_validators())
    attachment = models.FileField(
        _("attachment"), storage=private_storage, upload_to=attachment_path, blank=True, max_length=200
    )
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"

    def get_attachment_url(self) -> str:
        return reverse("advisory:message-attachment", kwargs={"pk": self.request_id, "message_pk": self.pk})
