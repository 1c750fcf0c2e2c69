from django import forms
from django.contrib import admin, messages
from django.contrib.admin import actions as admin_actions
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from associations import selectors, services
from associations.forms import CancelledDatesField
from associations.models import (
    Activity,
    Association,
    AssociationTargetGroup,
    AssociationTown,
    Category,
    Interest,
    Invitation,
    Membership,
    MunicipalUnit,
    VolunteerRole,
)
from associations.validators import logo_prepare
from portal.admin_search import IndexedSearch
from portal.uploads import stored_file_delete_on_commit


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Sent to the association, so write it to them."),
    )


def _with_reason(modeladmin, request, queryset, *, action: str, title: str, service, log: str):
    """Ask for a reason on an intermediate page, then apply `service` to each selected object with it."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        done = 0
        for obj in queryset:
            try:
                service(obj, form.cleaned_data["reason"])
            except ValidationError as error:
                modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
                continue
            modeladmin.log_change(request, obj, f"{log}: {form.cleaned_data['reason']}")
            done += 1
        modeladmin.message_user(
            request, ngettext("%(count)d item updated.", "%(count)d items updated.", done) % {"count": done}
        )
        return None
    return TemplateResponse(
        request,
        "admin/associations/reason.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "objects": queryset,
            "form": form,
            "action": action,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


class TownInline(admin.TabularInline):
    model = AssociationTown
    extra = 0


class TargetGroupInline(admin.TabularInline):
    model = AssociationTargetGroup
    extra = 0


# The rule of services.membership_remove and services.membership_change_role, in the admin's words.
LAST_ADMIN = _("An association must always have at least one administrator.")


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    """An association's members may change in the admin, but an association that has an administrator keeps one."""

    def clean(self):
        super().clean()
        if self.instance.pk is None or any(self.errors):
            return
        admins_after = sum(
            1
            for form in self.forms
            if form.cleaned_data
            and not self._should_delete_form(form)
            and form.cleaned_data.get("role") == Membership.Role.ADMIN
        )
        had_admin = Membership.objects.filter(association=self.instance, role=Membership.Role.ADMIN).exists()
        if had_admin and not admins_after:
            raise ValidationError(LAST_ADMIN, code="last_admin")


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipInlineFormSet
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name_da", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_da", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}

    # The associations of a renamed or deleted category are found by its name: their search terms follow it.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.association_search_terms_refresh(associations=obj.associations.all())

    def delete_model(self, request, obj):
        associations = list(obj.associations.values_list("pk", flat=True))
        super().delete_model(request, obj)
        services.association_search_terms_refresh(associations=Association.objects.filter(pk__in=associations))

    def delete_queryset(self, request, queryset):
        associations = list(Association.objects.filter(categories__in=queryset).values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        services.association_search_terms_refresh(associations=Association.objects.filter(pk__in=associations))


class ModerationStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Association.Status.choices

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class AssociationAdminForm(forms.ModelForm):
    """A logo chosen by staff is stored exactly like one uploaded by the association."""

    class Meta:
        model = Association
        # The admin chooses the fields it shows (every editable one); this form only adds how a logo is stored.
        fields = "__all__"  # noqa: DJ007

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return logo_prepare(logo)
        return logo


@admin.register(Association)
class AssociationAdmin(IndexedSearch):
    """The moderation queue: associations waiting for approval come first."""

    form = AssociationAdminForm

    list_display = ["name", "status", "possible_duplicate_of", "kind", "created_at", "approved_at"]
    list_filter = [
        ModerationStatusFilter,
        ("possible_duplicate_of", admin.EmptyFieldListFilter),
        "kind",
        "categories",
        "towns__town",
        "created_at",
    ]
    list_select_related = ["possible_duplicate_of"]
    raw_id_fields = ["possible_duplicate_of"]
    search_fields = ["name", "description", "contact_email", "cvr", "memberships__user__email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "moderation_reason", "created_at", "updated_at", "approved_at"]
    filter_horizontal = ["categories"]
    inlines = [TownInline, TargetGroupInline, MembershipInline]
    actions = ["approve", "reject", "hide"]
    date_hierarchy = "created_at"

    def save_related(self, request, form, formsets, change):
        # Categories, towns and target groups are saved here, after the association itself.
        super().save_related(request, form, formsets, change)
        services.association_search_terms_refresh(associations=Association.objects.filter(pk=form.instance.pk))

    def get_ordering(self, request):
        pending_first = Case(
            When(status=Association.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return [pending_first.asc(), "-created_at", "name"]

    def save_model(self, request, obj, form, change):
        old_logo = form.initial.get("logo")
        super().save_model(request, obj, form, change)
        if old_logo and obj.logo.name != old_logo.name:
            stored_file_delete_on_commit(obj.logo.storage, old_logo.name)

    @admin.action(description=_("Approve the selected associations"), permissions=["change"])
    def approve(self, request, queryset):
        done = 0
        for association in queryset:
            services.association_approve(association=association, by=request.user)
            self.log_change(request, association, "Approved")
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d association approved.", "%(count)d associations approved.", done) % {"count": done},
        )

    @admin.action(description=_("Reject the selected associations (with a reason)"), permissions=["change"])
    def reject(self, request, queryset):
        return _with_reason(
            self,
            request,
            queryset,
            action="reject",
            title=_("Reject associations"),
            service=lambda obj, reason: services.association_reject(association=obj, reason=reason, by=request.user),
            log="Rejected",
        )

    @admin.action(description=_("Hide the selected associations (with a reason)"), permissions=["change"])
    def hide(self, request, queryset):
        return _with_reason(
            self,
            request,
            queryset,
            action="hide",
            title=_("Hide associations"),
            service=lambda obj, reason: services.association_hide(association=obj, reason=reason, by=request.user),
            log="Hidden",
        )


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        # The admin chooses the fields it shows (every editable one); this form only guards the last administrator.
        fields = "__all__"  # noqa: DJ007

    def clean(self):
        data = super().clean()
        if self.instance.pk is None or not {"role", "association"} & set(self.changed_data):
            return data
        # Demoting an administrator, or moving them to another association, takes them from their association.
        # The instance still holds the stored values: the form copies its data onto it after this method.
        association = data.get("association")
        stays_admin = (
            data.get("role") == Membership.Role.ADMIN
            and association is not None
            and association.pk == self.instance.association_id
        )
        if (
            not stays_admin
            and selectors.associations_left_without_admin(
                removed=Membership.objects.filter(pk=self.instance.pk)
            ).exists()
        ):
            raise ValidationError(LAST_ADMIN, code="last_admin")
        return data


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships change here as through the association's own pages: an association never loses its last
    administrator, whether a membership is demoted, moved, deleted or deleted with others."""

    form = MembershipAdminForm
    list_display = ["association", "user", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["association__name", "user__email", "user__full_name"]
    list_select_related = ["association", "user"]
    autocomplete_fields = ["user", "association"]
    actions = ["delete_selected"]

    def _refuse_last_admins(self, request, removed) -> bool:
        left_without = list(selectors.associations_left_without_admin(removed=removed).order_by("name"))
        for association in left_without:
            self.message_user(request, f"{association}: {LAST_ADMIN}", messages.ERROR)
        return bool(left_without)

    def delete_view(self, request, object_id, extra_context=None):
        membership = self.get_object(request, unquote(object_id))
        if membership is not None and self._refuse_last_admins(request, Membership.objects.filter(pk=membership.pk)):
            return redirect(reverse("admin:associations_membership_change", args=[membership.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        services.membership_remove(membership=obj)

    @admin.action(description=admin_actions.delete_selected.short_description, permissions=["delete"])
    def delete_selected(self, request, queryset):
        if self._refuse_last_admins(request, queryset):
            return None
        return admin_actions.delete_selected(self, request, queryset)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.membership_remove(membership=membership)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "association", "role", "created_at", "accepted_at"]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "association__name"]
    list_select_related = ["association"]
    readonly_fields = ["token", "invited_by", "accepted_by", "accepted_at", "created_at"]
    autocomplete_fields = ["association"]


class ActivityAdminForm(forms.ModelForm):
    exceptions = CancelledDatesField(
        label=_("Cancelled dates"),
        required=False,
        help_text=_("Dates a weekly activity does not take place, one per line, for example 24.12.2026."),
    )

    class Meta:
        model = Activity
        # The admin chooses the fields it shows (every editable one); this form only says how dates are typed.
        fields = "__all__"  # noqa: DJ007


@admin.register(Activity)
class ActivityAdmin(IndexedSearch):
    """Staff change activities through the same services as the associations, so the same rules hold."""

    form = ActivityAdminForm
    list_display = ["title", "association", "kind", "starts_on", "ends_on", "town"]
    list_filter = ["kind", "town", "new_members_welcome", "good_for_newcomers"]
    search_fields = ["title", "description", "association__name"]
    list_select_related = ["association"]
    # Counting every activity for the "show all" link costs a second scan of the table on each page.
    show_full_result_count = False
    autocomplete_fields = ["association"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "starts_on"

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.ACTIVITY_FIELDS if name in form.cleaned_data}
        if change:
            services.activity_update(activity=obj, fields=fields)
        else:
            obj.pk = services.activity_create(association=obj.association, fields=fields).pk

    def delete_model(self, request, obj):
        services.activity_delete(activity=obj)

    def delete_queryset(self, request, queryset):
        for activity in queryset:
            services.activity_delete(activity=activity)


@admin.register(MunicipalUnit)
class MunicipalUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "town", "email"]
    list_filter = ["kind", "town"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}


class VolunteerRoleAdminForm(forms.ModelForm):
    class Meta:
        model = VolunteerRole
        # The admin chooses the fields it shows (every editable one); this form only guards how a role is hidden.
        fields = "__all__"  # noqa: DJ007

    def clean_status(self):
        status = self.cleaned_data["status"]
        # Hiding goes through services.role_hide, which asks for the reason and tells the poster.
        if status == VolunteerRole.Status.HIDDEN and self.initial.get("status") != VolunteerRole.Status.HIDDEN:
            raise ValidationError(
                _(
                    "Hide a volunteer role with the action “Hide the selected volunteer roles”, which tells the poster why."
                ),
                code="hide_with_reason",
            )
        return status


@admin.register(VolunteerRole)
class VolunteerRoleAdmin(admin.ModelAdmin):
    form = VolunteerRoleAdminForm
    list_display = ["title", "association", "municipal_unit", "status", "town", "created_at"]
    list_filter = ["status", "town", "child_certificate_required", ("municipal_unit", admin.EmptyFieldListFilter)]
    search_fields = ["title", "description", "association__name", "municipal_unit__name"]
    list_select_related = ["association", "municipal_unit"]
    autocomplete_fields = ["association"]
    readonly_fields = ["moderation_reason", "created_at", "updated_at"]
    actions = ["hide"]

    @admin.action(description=_("Hide the selected volunteer roles (with a reason)"), permissions=["change"])
    def hide(self, request, queryset):
        return _with_reason(
            self,
            request,
            queryset,
            action="hide",
            title=_("Hide volunteer roles"),
            service=lambda obj, reason: services.role_hide(role=obj, reason=reason, by=request.user),
            log="Hidden",
        )


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "role", "created_at"]
    search_fields = ["name", "email", "role__title"]
    list_select_related = ["role"]
    readonly_fields = ["role", "user", "name", "email", "phone", "message", "consent", "created_at"]

    def has_add_permission(self, request):
        return False
