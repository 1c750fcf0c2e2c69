"""The staff side of advice: a queue, replies and notes on each request, and an overview per topic."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from advisory import selectors, services
from advisory.attachments import validate_attachment
from advisory.models import AdviceRequest, Guide, Message, Topic
from portal.admin_search import IndexedSearch
from portal.markdown import render_markdown
from portal.models import User


class GuideInline(admin.StackedInline):
    model = Guide
    extra = 0
    fields = ["title_da", "title_en", "slug", "last_reviewed", "is_published", "position"]
    show_change_link = True
    prepopulated_fields = {"slug": ["title_da"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_da", "name_en", "staff_group", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active", "staff_group"]
    search_fields = ["name_da", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_da"]}
    list_select_related = ["staff_group"]
    inlines = [GuideInline]


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["title_da", "topic", "last_reviewed", "is_published"]
    list_filter = ["topic", "is_published"]
    search_fields = ["title_da", "title_en", "body_da", "body_en"]
    prepopulated_fields = {"slug": ["title_da"]}
    list_select_related = ["topic"]
    readonly_fields = ["preview"]
    fields = [
        "topic",
        "title_da",
        "title_en",
        "slug",
        "body_da",
        "body_en",
        "last_reviewed",
        "position",
        "is_published",
        "preview",
    ]

    @admin.display(description=_("Preview (Danish)"))
    def preview(self, obj: Guide) -> str:
        return render_markdown(obj.body_da) if obj.pk else "–"


class MessageInline(admin.TabularInline):
    """The thread, read-only: staff write through the reply field so that the asker is always told."""

    model = Message
    extra = 0
    can_delete = False
    fields = ["created_at", "author", "body", "attachment_link"]
    readonly_fields = fields
    ordering = ["created_at", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("attachment"))
    def attachment_link(self, obj: Message) -> str:
        if not obj.attachment:
            return "–"
        return format_html('<a href="{}">{}</a>', obj.get_attachment_url(), obj.attachment_name or _("Download"))


class AdviceRequestAdminForm(forms.ModelForm):
    """Assigning, notes, a reply and closing, all on the request's own page; each goes through a service."""

    reply = forms.CharField(
        label=_("Reply to the asker"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=_("Sent to the asker by email and shown on their page. Leave empty to only save other changes."),
    )
    reply_attachment = forms.FileField(label=_("Attachment"), required=False, validators=[validate_attachment])
    waiting_for_asker = forms.BooleanField(
        label=_("I am waiting for the asker"),
        required=False,
        help_text=_("Tick if the reply asks the asker something; otherwise the request counts as answered."),
    )
    close_outcome = forms.ChoiceField(
        label=_("Close with outcome"),
        required=False,
        choices=[("", "—"), *AdviceRequest.Outcome.choices],
        help_text=_("Closes the request after any reply above is sent. The asker may reopen it within 30 days."),
    )

    class Meta:
        model = AdviceRequest
        fields = ["advisor", "internal_notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = User.objects.filter(is_active=True, is_staff=True).order_by("full_name")
        if self.instance.pk and self.instance.is_closed:
            for name in ("reply", "reply_attachment", "waiting_for_asker", "close_outcome"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("The request is closed.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reply_attachment") and not cleaned.get("reply"):
            self.add_error("reply", _("Write a reply to go with the attachment."))
        advisor = cleaned.get("advisor")
        if advisor is not None and not selectors.user_is_advisor(advisor):
            self.add_error("advisor", _("This person cannot handle advice requests."))
        return cleaned


class AwaitingFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("open", _("All open")),
            ("awaiting", _("Waiting for us")),
            ("mine", _("Assigned to me")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.exclude(status=AdviceRequest.Status.CLOSED)
        if self.value() == "awaiting":
            return queryset.filter(status__in=AdviceRequest.AWAITING_STAFF)
        if self.value() == "mine":
            return queryset.filter(advisor=request.user).exclude(status=AdviceRequest.Status.CLOSED)
        return queryset


@admin.register(AdviceRequest)
class AdviceRequestAdmin(IndexedSearch):
    form = AdviceRequestAdminForm
    change_list_template = "admin/advisory/advicerequest/change_list.html"
    list_display = [
        "number",
        "subject",
        "status",
        "waiting",
        "topic",
        "advisor",
        "asker",
        "association",
        "created_at",
        "answered_in",
    ]
    list_display_links = ["number", "subject"]
    # Only associations that have asked appear in the filter; the directory holds far more than the queue needs.
    list_filter = [
        AwaitingFilter,
        "status",
        "topic",
        "advisor",
        ("association", admin.RelatedOnlyFieldListFilter),
        "preferred_contact",
    ]
    search_fields = ["subject", "question", "asker__email", "asker__full_name", "association__name", "=pk"]
    list_select_related = ["topic", "asker", "advisor", "association"]
    # The queue: what has waited longest for the municipality first, then everything else, newest first.
    ordering = [F("waiting_since").asc(nulls_last=True), "-created_at"]
    date_hierarchy = "created_at"
    actions = ["assign_to_me"]
    inlines = [MessageInline]
    # The public page of a request belongs to the asker alone, so the admin does not link to it.
    view_on_site = False
    readonly_fields = [
        "number",
        "status",
        "topic",
        "asker_link",
        "association_link",
        "subject",
        "question",
        "preferred_contact",
        "phone",
        "outcome",
        "created_at",
        "first_response_at",
        "closed_at",
        "waiting_since",
    ]
    fieldsets = [
        (
            _("Request"),
            {
                "fields": [
                    ("number", "status"),
                    ("topic", "asker_link", "association_link"),
                    "subject",
                    "question",
                    ("preferred_contact", "phone"),
                    ("created_at", "first_response_at", "waiting_since"),
                    ("closed_at", "outcome"),
                ]
            },
        ),
        (_("Handling"), {"fields": ["advisor", "internal_notes"]}),
        (_("Reply and close"), {"fields": ["reply", "reply_attachment", "waiting_for_asker", "close_outcome"]}),
    ]

    def has_add_permission(self, request):
        # Requests come from citizens; staff only handle them.
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="#", ordering="pk")
    def number(self, obj: AdviceRequest) -> int:
        return obj.pk

    @admin.display(description=_("asker"))
    def asker_link(self, obj: AdviceRequest) -> str:
        asker = obj.asker
        return format_html('{} &lt;<a href="mailto:{}">{}</a>&gt;', asker.get_full_name(), asker.email, asker.email)

    @admin.display(description=_("on behalf of association"))
    def association_link(self, obj: AdviceRequest) -> str:
        # The association's public page may not exist yet (it can be waiting for approval), so link to its admin page.
        if obj.association is None:
            return "–"
        url = reverse("admin:associations_association_change", args=[obj.association_id])
        return format_html('<a href="{}">{}</a>', url, obj.association.name)

    @admin.display(description=_("waiting"), ordering="waiting_since")
    def waiting(self, obj: AdviceRequest) -> str:
        if obj.waiting_since is None:
            return "–"
        days = (timezone.now() - obj.waiting_since).days
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}

    @admin.display(description=_("first response after"))
    def answered_in(self, obj: AdviceRequest) -> str:
        if obj.first_response_at is None:
            return "–"
        hours = (obj.first_response_at - obj.created_at).total_seconds() / 3600
        if hours < 48:
            return ngettext("%(hours)d hour", "%(hours)d hours", int(hours)) % {"hours": int(hours)}
        return ngettext("%(days)d day", "%(days)d days", int(hours // 24)) % {"days": int(hours // 24)}

    @admin.action(description=_("Assign the selected requests to me"))
    def assign_to_me(self, request, queryset):
        if not selectors.user_is_advisor(request.user):
            raise PermissionDenied
        count = 0
        for advice_request in queryset:
            services.advice_request_assign(advice_request=advice_request, advisor=request.user, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d request was assigned to you.", "%(count)d requests were assigned to you.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        """Route each change through its service, so that assigning, replying and closing tell the right people."""
        data = form.cleaned_data
        try:
            if "internal_notes" in form.changed_data:
                services.advice_request_update_notes(advice_request=obj, internal_notes=data["internal_notes"])
            if "advisor" in form.changed_data:
                services.advice_request_assign(advice_request=obj, advisor=data["advisor"], by=request.user)
            if data.get("reply"):
                services.message_add(
                    advice_request=obj,
                    author=request.user,
                    body=data["reply"],
                    attachment=data.get("reply_attachment"),
                    waiting_for_asker=data.get("waiting_for_asker", False),
                )
                self.message_user(request, _("Your reply has been sent to the asker."), messages.SUCCESS)
            if data.get("close_outcome"):
                services.advice_request_close(advice_request=obj, outcome=data["close_outcome"], by=request.user)
                self.message_user(request, _("The request is closed and the asker has been told."), messages.SUCCESS)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        obj.refresh_from_db()

    def get_urls(self):
        urls = [
            path(
                "overview/",
                self.admin_site.admin_view(self.overview_view),
                name="advisory_advicerequest_overview",
            ),
        ]
        return urls + super().get_urls()

    def overview_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = selectors.advice_overview()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Advice: overview"),
            "rows": rows,
            "statuses": [
                (value, label) for value, label in AdviceRequest.Status.choices if value != AdviceRequest.Status.CLOSED
            ],
            "changelist_url": reverse("admin:advisory_advicerequest_changelist"),
        }
        return TemplateResponse(request, "admin/advisory/advicerequest/overview.html", context)
