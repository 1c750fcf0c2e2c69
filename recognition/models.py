"""Stories, awards with nominations, and public thanks: how the portal tells and recognises volunteer efforts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Town
from portal.i18n import Translated
from portal.uploads import upload_path


class Story(models.Model):
    """A good story about what volunteer efforts mean, written by a citizen or by staff and moderated by staff."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    teaser = models.CharField(
        _("teaser"), max_length=300, help_text=_("One or two sentences shown in lists and when the story is shared.")
    )
    body = models.TextField(
        _("story"), help_text=_("Markdown: blank lines between paragraphs, **bold**, *italics*, [link](https://…).")
    )
    categories = models.ManyToManyField(
        "associations.Category",
        verbose_name=_("categories"),
        related_name="stories",
        blank=True,
        help_text=_("What the story is about; the same categories as the associations'."),
    )
    associations = models.ManyToManyField(
        "associations.Association",
        verbose_name=_("associations"),
        related_name="stories",
        blank=True,
        help_text=_("The associations the story is about; it is listed on their profiles."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="stories"
    )
    consent_confirmed = models.BooleanField(
        _("consent confirmed"),
        default=False,
        help_text=_("The people shown or named in the story have agreed to it being published."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    moderation_comment = models.TextField(
        _("comment from the editors"), blank=True, help_text=_("Why the story was sent back or rejected.")
    )
    featured = models.BooleanField(_("featured"), default=False, help_text=_("Shown on the home page."))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="story_published", condition=Q(status="published")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="story_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "published"]) | Q(consent_confirmed=True),
                name="story_shown_only_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Staff may publish directly in the admin; a published story always carries its date.
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("recognition:story-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def lead_image(self) -> "StoryImage | None":
        # Uses the prefetched images when the selector prepared them, so lists stay at a constant query count.
        images = list(self.images.all())
        return images[0] if images else None


class StoryTown(models.Model):
    """One town a story is about; a row per town keeps the filter the same on Postgres and SQLite."""

    story = models.ForeignKey(Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="towns")
    town = models.CharField(_("town"), max_length=20, choices=Town.choices)

    class Meta:
        verbose_name = _("town")
        verbose_name_plural = _("towns")
        ordering = ["town"]
        constraints = [models.UniqueConstraint(fields=["story", "town"], name="story_town_once")]

    def __str__(self) -> str:
        return self.get_town_display()


def story_image_path(instance: "StoryImage", filename: str) -> str:
    return upload_path("stories/%Y/%m", filename)


class StoryImage(models.Model):
    """A picture in a story, stored re-encoded and scaled down; the original upload is never kept."""

    story = models.ForeignKey(Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("image"), upload_to=story_image_path, width_field="width", height_field="height", max_length=200
    )
    thumbnail = models.ImageField(_("thumbnail"), upload_to=story_image_path, max_length=200)
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe what the picture shows for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("story image")
        verbose_name_plural = _("story images")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="story_image_has_alt_text"),
        ]

    def __str__(self) -> str:
        return self.alt_text


class Award(models.Model):
    """A prize the municipality awards, for example Frivilligprisen. Staff write it in Danish and English."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_da = models.TextField(_("description (Danish)"))
    description_en = models.TextField(_("description (English)"))
    criteria_da = models.TextField(_("criteria (Danish)"), blank=True)
    criteria_en = models.TextField(_("criteria (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["position", "name_da"]

    def __str__(self) -> str:
        return self.name_da

    def get_absolute_url(self) -> str:
        return reverse("recognition:award-detail", kwargs={"slug": self.slug})

    name = Translated("name")
    description = Translated("description")
    criteria = Translated("criteria")


class AwardRound(models.Model):
    """One year's (or season's) round of an award: when nominations are open and when the winners are announced."""

    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("title"), max_length=80, help_text=_("For example “2026”."))
    nominations_open = models.DateField(_("nominations open"))
    nominations_close = models.DateField(_("nominations close"))
    announced_on = models.DateField(_("announcement date"))
    winners_published = models.BooleanField(
        _("winners published"), default=False, help_text=_("Show the winners on the recognition page.")
    )

    class Meta:
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        ordering = ["award", "-nominations_open"]
        constraints = [
            models.UniqueConstraint(fields=["award", "title"], name="award_round_unique_title"),
            models.CheckConstraint(
                condition=Q(nominations_close__gte=F("nominations_open")), name="award_round_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(announced_on__gte=F("nominations_close")), name="award_round_announced_after_closing"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award} {self.title}"

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.nominations_open <= today <= self.nominations_close


class Nomination(models.Model):
    """A proposal that a person or an association should receive an award, made by a signed-in person.

    The nominee is asked by mail to accept being nominated and named in public; only accepted nominations reach
    the jury.
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("A person")
        ASSOCIATION = "association", _("An association")

    class Consent(models.TextChoices):
        PENDING = "pending", _("Waiting for the nominee")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    round = models.ForeignKey(
        AwardRound, verbose_name=_("award round"), on_delete=models.CASCADE, related_name="nominations"
    )
    kind = models.CharField(_("who is nominated"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    nominee_name = models.CharField(
        _("name of the nominee"), max_length=150, help_text=_("The person's name, or the association's name.")
    )
    # Set when the nominee is an association on the portal; the name above stays, for people and for associations
    # that are not on the portal.
    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_nominations",
    )
    nominee_email = models.EmailField(
        _("nominee's email address"),
        help_text=_("We ask the nominee here whether they accept the nomination. It is never shown publicly."),
    )
    reason = models.TextField(_("why they deserve the award"), max_length=3000)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.PROTECT,
        related_name="nominations_made",
    )
    consent = models.CharField(_("consent"), max_length=16, choices=Consent.choices, default=Consent.PENDING)
    consent_answered_at = models.DateTimeField(_("consent answered"), null=True, blank=True)
    shortlisted = models.BooleanField(_("shortlisted"), default=False)
    winner = models.BooleanField(_("winner"), default=False)
    story = models.ForeignKey(
        Story,
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
        help_text=_("The story told about a winner."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "round", "nominated_by", Lower("nominee_email"), name="nomination_once_per_nominator_and_nominee"
            ),
            # The jury only ever sees nominations the nominee accepted.
            models.CheckConstraint(
                condition=Q(consent="accepted") | (Q(shortlisted=False) & Q(winner=False)),
                name="nomination_jury_only_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nominee_name} ({self.round})"

    @property
    def public_association(self):
        """The association nominated, when it is on the portal and its profile can be shown."""
        association = self.association
        return association if association is not None and association.is_public else None


class Thanks(models.Model):
    """A short public thank-you to a volunteer or an association, shown after staff have read it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden after reports")
        REJECTED = "rejected", _("Rejected")

    MAX_LENGTH = 500
    # This many reports from different people hide a shown thanks until staff have looked at it.
    REPORTS_TO_HIDE = 3

    recipient = models.CharField(
        _("to whom"), max_length=150, help_text=_("The volunteer or association you want to thank.")
    )
    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thanks",
        help_text=_("Set when the thanks is for an association on the portal; its profile is linked."),
    )
    message = models.TextField(_("your thanks"), max_length=MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.CASCADE, related_name="thanks"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reports_reviewed = models.BooleanField(
        _("reports reviewed"),
        default=False,
        help_text=_("Staff looked at the reports and kept the thanks; further reports do not hide it again."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("thanks")
        verbose_name_plural = _("thanks")
        ordering = ["-published_at", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="thanks_published_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.message[:40]}"

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def public_association(self):
        """The association thanked, when it is on the portal and its profile can be shown."""
        association = self.association
        return association if association is not None and association.is_public else None


class ThanksReport(models.Model):
    """A signed-in person's report that a shown thanks is inappropriate; one per person and thanks."""

    thanks = models.ForeignKey(Thanks, verbose_name=_("thanks"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("report of a thanks")
        verbose_name_plural = _("reports of thanks")
        constraints = [
            models.UniqueConstraint(fields=["thanks", "reporter"], name="thanks_report_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.reporter} → {self.thanks_id}"
