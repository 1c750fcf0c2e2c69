"""Staff's side of the dialogue: answer ideas, review reported comments, run the fora and their meetings."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dialogue import services
from dialogue.models import (
    AgendaItem,
    AgendaTopic,
    Comment,
    CommentReport,
    Forum,
    ForumMember,
    Idea,
    IdeaTown,
    InspirationEntry,
    Meeting,
)
from portal.admin_search import IndexedSearch


class IdeaTownInline(admin.TabularInline):
    model = IdeaTown
    extra = 0


class NeedsAnswerFilter(admin.SimpleListFilter):
    """The moderation queue of ideas: new ones nobody has answered yet."""

    title = _("moderation")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("new", _("New and not answered"))]

    def queryset(self, request, queryset):
        if self.value() == "new":
            return queryset.filter(status=Idea.Status.NEW, responded_at__isnull=True)
        return queryset


@admin.register(Idea)
class IdeaAdmin(IndexedSearch):
    list_display = ["title", "status", "proposer", "association", "support_total", "created_at", "responded_at"]
    list_filter = [NeedsAnswerFilter, "status", "is_hidden", "categories", "towns__town"]
    search_fields = ["title", "description", "proposer__email", "proposer__full_name", "association__name"]
    date_hierarchy = "created_at"
    list_select_related = ["proposer", "association"]
    autocomplete_fields = ["proposer"]
    raw_id_fields = ["association"]
    filter_horizontal = ["categories"]
    readonly_fields = ["responded_at", "created_at", "updated_at"]
    inlines = [IdeaTownInline]
    actions = ["hide", "unhide"]
    fieldsets = [
        (None, {"fields": ["title", "description", "proposer", "association", "categories", "is_hidden"]}),
        (
            _("The municipality's response"),
            {
                "fields": ["status", "staff_response", "responded_at"],
                "description": _(
                    "Changing the status tells the proposer and every supporter (in their daily digest if they "
                    "chose one). The response is public."
                ),
            },
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_support_total=Count("supports"))

    @admin.display(description=_("supporters"), ordering="_support_total")
    def support_total(self, obj):
        return obj._support_total

    def save_model(self, request, obj, form, change):
        # Status and response go through the service, which records the change and notifies the right people.
        if change and {"status", "staff_response"} & set(form.changed_data):
            status, response = obj.status, obj.staff_response
            original = Idea.objects.get(pk=obj.pk)
            obj.status, obj.staff_response = original.status, original.staff_response
            super().save_model(request, obj, form, change)
            services.idea_respond(idea=obj, status=status, response=response)
            obj.refresh_from_db()
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Hide the selected ideas"), permissions=["change"])
    def hide(self, request, queryset):
        for idea in queryset:
            services.idea_set_hidden(idea=idea, hidden=True)
        self.message_user(request, _("The ideas are hidden."), messages.SUCCESS)

    @admin.action(description=_("Show the selected ideas again"), permissions=["change"])
    def unhide(self, request, queryset):
        for idea in queryset:
            services.idea_set_hidden(idea=idea, hidden=False)
        self.message_user(request, _("The ideas are shown again."), messages.SUCCESS)


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    can_delete = False
    fields = ["reporter", "reason", "created_at", "resolved_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ReportedFilter(admin.SimpleListFilter):
    """The moderation queue of comments: hidden by reports, or reported at least once and not yet reviewed."""

    title = _("moderation")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("review", _("Needs review"))]

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.filter(
                Q(status=Comment.Status.HIDDEN) | Q(reports__resolved_at__isnull=True, reports__isnull=False)
            ).distinct()
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "idea", "author", "status", "open_reports", "created_at"]
    list_filter = [ReportedFilter, "status"]
    search_fields = ["body", "author__email", "author__full_name", "idea__title"]
    list_select_related = ["idea", "author"]
    readonly_fields = ["idea", "author", "body", "created_at", "edited_at", "reviewed_at", "status"]
    fields = readonly_fields
    inlines = [CommentReportInline]
    actions = ["keep", "remove"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        )

    @admin.display(description=_("open reports"), ordering="_open_reports")
    def open_reports(self, obj):
        return obj._open_reports

    @admin.action(description=_("Keep the selected comments (show them and close the reports)"), permissions=["change"])
    def keep(self, request, queryset):
        for comment in queryset:
            services.comment_review(comment=comment, keep=True)
        self.message_user(request, _("The comments are shown and their reports closed."), messages.SUCCESS)

    @admin.action(description=_("Remove the selected comments"), permissions=["change"])
    def remove(self, request, queryset):
        for comment in queryset:
            services.comment_review(comment=comment, keep=False)
        self.message_user(request, _("The comments are removed."), messages.SUCCESS)


class ForumMemberInline(admin.TabularInline):
    model = ForumMember
    extra = 1


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name_da", "slug", "position"]
    search_fields = ["name_da", "name_en", "description_da"]
    prepopulated_fields = {"slug": ["name_da"]}
    inlines = [ForumMemberInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1
    fields = ["position", "title", "description", "topic"]
    readonly_fields = ["topic"]


class AgendaTopicInline(admin.TabularInline):
    model = AgendaTopic
    extra = 0
    fields = ["title", "proposer", "status", "created_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "forum", "starts_at", "place", "topic_deadline", "open_proposals"]
    list_filter = ["forum"]
    search_fields = ["place", "forum__name_da", "minutes"]
    date_hierarchy = "starts_at"
    list_select_related = ["forum"]
    inlines = [AgendaItemInline, AgendaTopicInline]
    fieldsets = [
        (None, {"fields": ["forum", "starts_at", "ends_at", "place", "topic_deadline"]}),
        (_("Minutes"), {"fields": ["minutes", "minutes_document"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_open=Count("topic_proposals", filter=Q(topic_proposals__status=AgendaTopic.Status.PROPOSED)))
        )

    @admin.display(description=_("proposals waiting"), ordering="_open")
    def open_proposals(self, obj):
        return obj._open


class AgendaTopicDecisionForm(forms.ModelForm):
    class Meta:
        model = AgendaTopic
        fields = ["status", "decision_reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == AgendaTopic.Status.DECLINED and not (cleaned.get("decision_reason") or "").strip():
            self.add_error("decision_reason", _("Please give the proposer a reason."))
        return cleaned


@admin.register(AgendaTopic)
class AgendaTopicAdmin(admin.ModelAdmin):
    """Staff decide on proposals: accept from the list, or open one, write a reason and choose a decision."""

    form = AgendaTopicDecisionForm

    list_display = ["title", "meeting", "proposer", "association", "status", "created_at"]
    list_filter = ["status", "meeting__forum"]
    search_fields = ["title", "description", "proposer__email", "proposer__full_name"]
    list_select_related = ["meeting__forum", "proposer", "association"]
    readonly_fields = ["meeting", "proposer", "association", "title", "description", "decided_at", "created_at"]
    fields = [*readonly_fields[:5], "status", "decision_reason", "decided_at", "created_at"]
    actions = ["accept"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        # decided_at, unlike status, is not on the form, so a decision that failed validation is still editable.
        if obj is not None and obj.decided_at is not None:
            return [*self.readonly_fields, "status", "decision_reason"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        # Decisions go through the services, which put accepted topics on the agenda and tell the proposer.
        decision, reason = obj.status, obj.decision_reason
        if not change or "status" not in form.changed_data or decision == AgendaTopic.Status.PROPOSED:
            super().save_model(request, obj, form, change)
            return
        try:
            if decision == AgendaTopic.Status.ACCEPTED:
                services.agenda_topic_accept(topic=obj, reason=reason)
            else:
                services.agenda_topic_decline(topic=obj, reason=reason)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        obj.refresh_from_db()

    @admin.action(description=_("Accept the selected proposals (put them on the agenda)"), permissions=["change"])
    def accept(self, request, queryset):
        accepted = 0
        for topic in queryset.filter(status=AgendaTopic.Status.PROPOSED):
            services.agenda_topic_accept(topic=topic)
            accepted += 1
        self.message_user(
            request,
            ngettext("%(count)d proposal was accepted.", "%(count)d proposals were accepted.", accepted)
            % {"count": accepted},
            messages.SUCCESS,
        )


@admin.register(InspirationEntry)
class InspirationEntryAdmin(admin.ModelAdmin):
    list_display = ["title_da", "source", "is_published", "position"]
    list_filter = ["is_published"]
    search_fields = ["title_da", "title_en", "summary_da", "who_da", "examples_da"]
    prepopulated_fields = {"slug": ["title_da"]}
    filter_horizontal = ["ideas"]
    raw_id_fields = ["associations"]
    fieldsets = [
        (None, {"fields": ["title_da", "title_en", "slug", "source", "is_published", "position"]}),
        (_("Danish"), {"fields": ["summary_da", "who_da", "examples_da"]}),
        (_("English"), {"fields": ["summary_en", "who_en", "examples_en"]}),
        (_("Links"), {"fields": ["ideas", "associations"]}),
    ]
