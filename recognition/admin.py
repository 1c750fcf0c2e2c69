from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin_search import IndexedSearch
from recognition import services
from recognition.forms import ModerationForm
from recognition.images import image_prepare
from recognition.models import Award, AwardRound, Nomination, Story, StoryImage, StoryTown, Thanks, ThanksReport


class StoryImageForm(forms.ModelForm):
    """Pictures added by staff are checked and scaled exactly like those uploaded by citizens."""

    upload = forms.FileField(label=_("Picture"), required=False)

    class Meta:
        model = StoryImage
        fields = ["upload", "alt_text", "caption", "position"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            return image_prepare(upload)
        if self.instance.pk is None and self.has_changed():
            raise ValidationError(_("Choose a picture."))
        return None


class StoryImageInline(admin.TabularInline):
    model = StoryImage
    form = StoryImageForm
    extra = 1
    readonly_fields = ["preview"]
    fields = ["preview", "upload", "alt_text", "caption", "position"]

    @admin.display(description=_("Picture"))
    def preview(self, obj: StoryImage) -> str:
        from django.utils.html import format_html

        if not obj.pk:
            return "–"
        return format_html('<img src="{}" alt="{}" width="160">', obj.thumbnail.url, obj.alt_text)


def _moderate_with_comment(modeladmin, request, queryset, *, service, title: str, done: str):
    """Staff write one comment that goes to the author of each selected story, on a page between list and action."""
    form = ModerationForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        count = 0
        for story in queryset.select_related("author"):
            field = "comment" if service is services.story_send_back else "reason"
            service(story=story, **{field: form.cleaned_data["comment"]})
            count += 1
        modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)
        return None
    return TemplateResponse(
        request,
        "admin/recognition/story/moderate.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "stories": queryset,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        },
    )


class StoryTownInline(admin.TabularInline):
    model = StoryTown
    extra = 0


@admin.register(Story)
class StoryAdmin(IndexedSearch):
    list_display = ["title", "author", "status", "featured", "submitted_at", "published_at"]
    list_filter = ["status", "featured", "towns__town", "categories"]
    search_fields = ["title", "teaser", "body", "author__email", "author__full_name"]
    list_select_related = ["author"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "associations"]
    readonly_fields = ["created_at", "updated_at", "submitted_at", "published_at"]
    date_hierarchy = "created_at"
    filter_horizontal = ["categories"]
    inlines = [StoryTownInline, StoryImageInline]
    actions = ["publish", "send_back", "reject", "feature", "unfeature"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body", "categories", "associations"]}),
        (
            _("Publication"),
            {"fields": ["author", "consent_confirmed", "status", "featured", "moderation_comment"]},
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at", "submitted_at", "published_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Once a story exists, its status changes only through the actions, which tell the author.
        if obj is not None:
            return [*self.readonly_fields, "status"]
        return self.readonly_fields

    def get_changeform_initial_data(self, request):
        # Staff writing a story directly are its author unless they choose someone else.
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_formset(self, request, form, formset, change):
        if formset.model is not StoryImage:
            return super().save_formset(request, form, formset, change)
        # Saving without commit sorts the forms into new, changed and deleted ones; the pictures are stored below.
        formset.save(commit=False)
        for deleted in formset.deleted_objects:
            services.story_image_delete(image=deleted)
        for image_form in formset.forms:
            if not image_form.has_changed() or image_form in formset.deleted_forms:
                continue
            prepared = image_form.cleaned_data.get("upload")
            if image_form.instance.pk is None:
                if prepared:
                    services.story_image_add(
                        story=form.instance,
                        prepared=prepared,
                        alt_text=image_form.cleaned_data["alt_text"],
                        caption=image_form.cleaned_data.get("caption", ""),
                    )
                continue
            image = image_form.save(commit=False)
            if prepared:
                services.story_image_replace(image=image, prepared=prepared)
            else:
                image.save()

    @admin.action(description=_("Publish the selected stories"), permissions=["change"])
    def publish(self, request, queryset):
        stories = list(queryset.select_related("author"))
        for story in stories:
            services.story_publish(story=story)
        self.message_user(
            request,
            ngettext("%(count)d story was published.", "%(count)d stories were published.", len(stories))
            % {"count": len(stories)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Send the selected stories back to the author with a comment"), permissions=["change"])
    def send_back(self, request, queryset):
        return _moderate_with_comment(
            self,
            request,
            queryset,
            service=services.story_send_back,
            title=_("Send stories back to their authors"),
            done=_("%(count)d stories were sent back."),
        )

    @admin.action(description=_("Reject the selected stories with a reason"), permissions=["change"])
    def reject(self, request, queryset):
        return _moderate_with_comment(
            self,
            request,
            queryset,
            service=services.story_reject,
            title=_("Reject stories"),
            done=_("%(count)d stories were rejected."),
        )

    @admin.action(description=_("Feature the selected stories on the home page"), permissions=["change"])
    def feature(self, request, queryset):
        for story in queryset:
            try:
                services.story_set_featured(story=story, featured=True)
            except ValidationError as error:
                self.message_user(request, f"{story}: {error.messages[0]}", messages.WARNING)

    @admin.action(description=_("Stop featuring the selected stories"), permissions=["change"])
    def unfeature(self, request, queryset):
        for story in queryset:
            services.story_set_featured(story=story, featured=False)


class AwardRoundInline(admin.TabularInline):
    model = AwardRound
    extra = 0
    fields = ["title", "nominations_open", "nominations_close", "announced_on", "winners_published"]
    # Winners are published only through the round's action, which checks that a winner has been chosen.
    readonly_fields = ["winners_published"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["name_da", "name_en", "position"]
    search_fields = ["name_da", "name_en"]
    prepopulated_fields = {"slug": ["name_da"]}
    inlines = [AwardRoundInline]


@admin.register(AwardRound)
class AwardRoundAdmin(admin.ModelAdmin):
    list_display = ["__str__", "nominations_open", "nominations_close", "announced_on", "winners_published"]
    list_filter = ["award", "winners_published"]
    list_select_related = ["award"]
    search_fields = ["title", "award__name_da"]
    readonly_fields = ["winners_published"]
    actions = ["publish_winners"]

    @admin.action(description=_("Publish the winners of the selected rounds"), permissions=["change"])
    def publish_winners(self, request, queryset):
        for award_round in queryset:
            try:
                services.award_round_publish_winners(round=award_round)
            except ValidationError as error:
                self.message_user(request, f"{award_round}: {error.messages[0]}", messages.WARNING)


class ConsentFilter(admin.SimpleListFilter):
    """The jury starts from the accepted nominations; the others are one click away for completeness."""

    title = _("consent")
    parameter_name = "consent"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Nomination.Consent.choices, (self.ALL, _("All, also without consent"))]

    def _chosen(self) -> str:
        return self.value() or Nomination.Consent.ACCEPTED

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self._chosen() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self._chosen() == self.ALL:
            return queryset
        return queryset.filter(consent=self._chosen())


class AwardRoundListFilter(admin.RelatedFieldListFilter):
    """The rounds to filter by, read with their awards in one query: a round's name starts with its award's."""

    def field_choices(self, field, request, model_admin):
        rounds = AwardRound.objects.select_related("award")
        if ordering := self.field_admin_ordering(field, request, model_admin):
            rounds = rounds.order_by(*ordering)
        return [(round_.pk, str(round_)) for round_ in rounds]


@admin.register(Nomination)
class NominationAdmin(IndexedSearch):
    list_display = ["nominee_name", "kind", "round", "nominated_by", "consent", "shortlisted", "winner", "created_at"]
    list_filter = ["round__award", ("round", AwardRoundListFilter), ConsentFilter, "shortlisted", "winner", "kind"]
    search_fields = ["nominee_name", "nominee_email", "reason", "nominated_by__email", "association__name"]
    list_select_related = ["round__award", "nominated_by"]
    autocomplete_fields = ["nominated_by", "story", "association"]
    readonly_fields = ["consent", "consent_answered_at", "shortlisted", "winner", "created_at", "nominated_by"]
    fields = [
        "round",
        "kind",
        "association",
        "nominee_name",
        "nominee_email",
        "reason",
        "nominated_by",
        "consent",
        "consent_answered_at",
        "shortlisted",
        "winner",
        "story",
        "created_at",
    ]
    actions = ["shortlist", "remove_from_shortlist", "choose_winner"]

    def has_add_permission(self, request):
        # Nominations come from citizens through the portal, with the nominee's consent asked for by mail.
        return False

    def _each(self, request, queryset, service, **kwargs):
        done = 0
        for nomination in queryset:
            try:
                service(nomination=nomination, **kwargs)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{nomination}: {error.messages[0]}", messages.WARNING)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d nomination was updated.", "%(count)d nominations were updated.", done)
                % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Shortlist the selected nominations"), permissions=["change"])
    def shortlist(self, request, queryset):
        self._each(request, queryset, services.nomination_shortlist, shortlisted=True)

    @admin.action(description=_("Remove the selected nominations from the shortlist"), permissions=["change"])
    def remove_from_shortlist(self, request, queryset):
        self._each(request, queryset, services.nomination_shortlist, shortlisted=False)

    @admin.action(description=_("Choose the selected nominations as winners"), permissions=["change"])
    def choose_winner(self, request, queryset):
        self._each(request, queryset, services.nomination_choose_winner)


class ThanksReportInline(admin.TabularInline):
    model = ThanksReport
    extra = 0
    readonly_fields = ["reporter", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Thanks)
class ThanksAdmin(admin.ModelAdmin):
    list_display = ["recipient", "short_message", "author", "status", "created_at", "published_at"]
    list_filter = ["status", "reports_reviewed"]
    search_fields = ["recipient", "message", "author__email", "association__name"]
    list_select_related = ["author"]
    autocomplete_fields = ["association"]
    readonly_fields = ["author", "status", "created_at", "published_at", "reports_reviewed"]
    fields = [
        "recipient",
        "association",
        "message",
        "author",
        "status",
        "reports_reviewed",
        "created_at",
        "published_at",
    ]
    inlines = [ThanksReportInline]
    actions = ["publish", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("thanks"))
    def short_message(self, obj: Thanks) -> str:
        return obj.message[:80]

    @admin.action(description=_("Show the selected thanks (also after reports)"), permissions=["change"])
    def publish(self, request, queryset):
        for thanks in queryset.select_related("author"):
            services.thanks_publish(thanks=thanks)

    @admin.action(description=_("Reject the selected thanks"), permissions=["change"])
    def reject(self, request, queryset):
        for thanks in queryset:
            services.thanks_reject(thanks=thanks)
