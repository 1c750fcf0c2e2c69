"""Staff work on facilities: the catalogue with hours, closures and photos; the approval queue; utilisation."""

import csv
import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from facilities import selectors, services
from facilities.forms import RejectForm
from facilities.models import (
    LOCAL_TZ,
    Booking,
    BookingRequest,
    BookingSeries,
    Closure,
    Facility,
    FacilityPhoto,
    OpeningHours,
    photo_prepare,
)
from portal.admin_search import IndexedSearch
from portal.uploads import stored_file_delete_on_commit


class ClosureForm(forms.ModelForm):
    """A closure that hits active bookings is only saved once staff confirm that those bookings are cancelled."""

    cancel_hit_bookings = forms.BooleanField(
        label=_("Cancel the bookings it hits and notify their bookers"), required=False
    )

    class Meta:
        model = Closure
        fields = ["facility", "start", "end", "reason"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        facility = data.get("facility") or getattr(self.instance, "facility", None)
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
            return data
        if not (start and end and facility and facility.pk):
            return data
        probe = Closure(facility=facility, start=start, end=end)
        hit = services.bookings_hit_by_closure(closure=probe)
        if hit and not data.get("cancel_hit_bookings"):
            listing = "; ".join(
                f"{formats.date_format(timezone.localtime(b.start, LOCAL_TZ), 'SHORT_DATETIME_FORMAT')} "
                f"{b.booker_name} ({b.purpose})"
                for b in hit
            )
            raise forms.ValidationError(
                ngettext(
                    "The closure hits %(count)d booking: %(bookings)s. Tick “Cancel the bookings it hits” to close "
                    "anyway; the booker is notified.",
                    "The closure hits %(count)d bookings: %(bookings)s. Tick “Cancel the bookings it hits” to close "
                    "anyway; the bookers are notified.",
                    len(hit),
                )
                % {"count": len(hit), "bookings": listing}
            )
        return data


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    form = ClosureForm
    extra = 0
    fields = ["start", "end", "reason", "cancel_hit_bookings"]


class FacilityPhotoForm(forms.ModelForm):
    """A photo is stored encoded again, so nothing the camera wrote into it (its GPS position) is published."""

    class Meta:
        model = FacilityPhoto
        fields = ["image", "alt_da", "alt_en", "position"]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        # Only a newly chosen file is re-encoded; a photo already stored is left as it is.
        if isinstance(image, UploadedFile):
            return photo_prepare(image)
        return image


class FacilityPhotoInline(admin.TabularInline):
    model = FacilityPhoto
    form = FacilityPhotoForm
    extra = 0


def _report_cancelled(request: HttpRequest, cancelled: list[Booking]) -> None:
    if cancelled:
        messages.warning(
            request,
            ngettext(
                "%(count)d booking was cancelled and its booker notified.",
                "%(count)d bookings were cancelled and their bookers notified.",
                len(cancelled),
            )
            % {"count": len(cancelled)},
        )


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name_da", "kind", "town", "capacity", "needs_approval", "bookable_by", "is_active"]
    list_filter = ["kind", "town", "needs_approval", "bookable_by", "is_active", "step_free_access"]
    search_fields = ["name_da", "name_en", "address", "slug"]
    prepopulated_fields = {"slug": ["name_da"]}
    inlines = [OpeningHoursInline, ClosureInline, FacilityPhotoInline]
    change_list_template = "admin/facilities/facility_change_list.html"
    fieldsets = [
        (None, {"fields": ["name_da", "name_en", "slug", "kind", "is_active"]}),
        (_("Description"), {"fields": ["description_da", "description_en", "equipment_da", "equipment_en"]}),
        (_("Place"), {"fields": ["address", "town", "latitude", "longitude", "capacity", "area_m2"]}),
        (
            _("Accessibility"),
            {"fields": ["step_free_access", "accessible_toilet", "hearing_loop", "disabled_parking"]},
        ),
        (
            _("Access and contact"),
            {
                "fields": [
                    "access",
                    "access_info_da",
                    "access_info_en",
                    "house_rules_da",
                    "house_rules_en",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                ]
            },
        ),
        (
            _("Booking rules"),
            {
                "fields": [
                    "bookable_by",
                    "price_per_hour",
                    "needs_approval",
                    "min_duration",
                    "max_duration",
                    "start_step",
                    "buffer_before",
                    "buffer_after",
                    "min_lead_time",
                    "max_horizon",
                    "cancellation_deadline",
                ]
            },
        ),
    ]

    def save_formset(self, request, form, formset, change):
        if formset.model is FacilityPhoto:
            # A photo replaced by another, or removed, must not stay reachable at its old address.
            gone = [
                photo_form.initial["image"].name
                for photo_form in formset.initial_forms
                if photo_form.initial.get("image")
                and (photo_form in formset.deleted_forms or "image" in photo_form.changed_data)
            ]
            saved = super().save_formset(request, form, formset, change)
            for name in gone:
                stored_file_delete_on_commit(FacilityPhoto._meta.get_field("image").storage, name)
            return saved
        if formset.model is not Closure:
            return super().save_formset(request, form, formset, change)
        closures = formset.save(commit=False)
        for closure in formset.deleted_objects:
            closure.delete()
        for closure in closures:
            _report_cancelled(request, services.closure_save(closure=closure, staff=request.user))
        return closures

    def get_urls(self):
        report = path(
            "utilisation/",
            self.admin_site.admin_view(self.utilisation_view),
            name="facilities_facility_utilisation",
        )
        return [report, *super().get_urls()]

    def utilisation_view(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        try:
            month = dt.date.fromisoformat(request.GET.get("month", "") + "-01")
        except ValueError:
            month = today.replace(day=1)
        rows = selectors.facilities_utilisation(year=month.year, month=month.month)
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="udnyttelse-{month:%Y-%m}.csv"'
            writer = csv.writer(response)
            writer.writerow(["facility", "slug", "month", "booked_hours", "open_hours", "utilisation_percent"])
            for row in rows:
                writer.writerow(
                    [
                        row.facility.name_da,
                        row.facility.slug,
                        f"{month:%Y-%m}",
                        f"{row.booked_hours:.2f}",
                        f"{row.open_hours:.2f}",
                        "" if row.percent is None else f"{row.percent:.1f}",
                    ]
                )
            return response
        previous = (month - dt.timedelta(days=1)).replace(day=1)
        following = (month + dt.timedelta(days=32)).replace(day=1)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Utilisation per facility"),
            "opts": self.model._meta,
            "rows": rows,
            "month": month,
            "previous": previous,
            "following": following,
        }
        return TemplateResponse(request, "admin/facilities/utilisation.html", context)


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    form = ClosureForm
    list_display = ["facility", "start", "end", "reason"]
    list_filter = ["facility"]
    list_select_related = ["facility"]
    date_hierarchy = "start"
    search_fields = ["reason", "facility__name_da"]

    def get_fields(self, request, obj=None):
        return ["facility", "start", "end", "reason", "cancel_hit_bookings"]

    def save_model(self, request, obj, form, change):
        _report_cancelled(request, services.closure_save(closure=obj, staff=request.user))


class _BookingDecisions:
    """Approve and reject, for one booking or many, through the services (which notify the bookers)."""

    @admin.action(description=_("Approve the selected bookings"), permissions=["change"])
    def approve(self, request, queryset):
        approved = 0
        for booking in queryset.filter(status=Booking.Status.REQUESTED):
            services.booking_approve(booking=booking, staff=request.user)
            approved += 1
        self.message_user(
            request,
            ngettext("%(count)d booking was approved.", "%(count)d bookings were approved.", approved)
            % {"count": approved},
            messages.SUCCESS if approved else messages.WARNING,
        )

    @admin.action(description=_("Reject the selected bookings (with a reason)"), permissions=["change"])
    def reject(self, request, queryset):
        bookings = list(queryset.filter(status=Booking.Status.REQUESTED).select_related("facility", "association"))
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for booking in bookings:
                services.booking_reject(booking=booking, staff=request.user, reason=form.cleaned_data["reason"])
            self.message_user(
                request,
                ngettext("%(count)d booking was rejected.", "%(count)d bookings were rejected.", len(bookings))
                % {"count": len(bookings)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject bookings"),
            "opts": self.model._meta,
            "bookings": bookings,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/facilities/reject.html", context)


@admin.register(Booking)
class BookingAdmin(_BookingDecisions, IndexedSearch):
    list_display = ["start", "end", "facility", "association", "booked_by", "status", "created_at"]
    list_filter = ["status", "facility", ("association", admin.EmptyFieldListFilter)]
    search_fields = ["purpose", "facility__name_da", "association__name", "booked_by__email"]
    list_select_related = ["facility", "association", "booked_by"]
    # Counting every booking for the "show all" link costs a second scan of the table on each page.
    show_full_result_count = False
    date_hierarchy = "start"
    actions = ["approve", "reject"]
    readonly_fields = [
        "facility",
        "association",
        "booked_by",
        "series",
        "start",
        "end",
        "span_start",
        "span_end",
        "purpose",
        "attendees",
        "status",
        "decision_reason",
        "decided_by",
        "is_public",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        # Bookings are made through the booking service, which checks every rule.
        return False

    def has_delete_permission(self, request, obj=None):
        # A booking ends by being rejected, cancelled by its booker or cancelled by a closure, each of which tells the
        # booker and keeps the record; deleting it would tell nobody and leave no trace of who decided.
        return False


@admin.register(BookingRequest)
class BookingRequestAdmin(BookingAdmin):
    list_display = ["created_at", "facility", "when", "association", "booked_by", "attendees", "purpose"]
    list_filter = ["facility"]
    date_hierarchy = None
    ordering = ["created_at", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Booking.Status.REQUESTED)

    @admin.display(description=_("when"), ordering="start")
    def when(self, booking: Booking) -> str:
        start = timezone.localtime(booking.start, LOCAL_TZ)
        end = timezone.localtime(booking.end, LOCAL_TZ)
        return f"{formats.date_format(start, 'SHORT_DATETIME_FORMAT')}–{end:%H:%M}"


@admin.register(BookingSeries)
class BookingSeriesAdmin(admin.ModelAdmin):
    """Staff read booking series here. A series is made by the booking service, which books each of its dates by the
    booking rules; adding, changing or deleting one here would leave its bookings as they were."""

    list_display = ["facility", "association", "weekday", "start_time", "end_time", "first_date", "last_date"]
    list_filter = ["facility", "weekday"]
    list_select_related = ["facility", "association"]
    readonly_fields = ["failures_list"]
    exclude = ["failures"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("dates not booked"))
    def failures_list(self, series: BookingSeries) -> str:
        return format_html_join("", "<p>{}: {}</p>", ((f["date"], f["reason"]) for f in series.failures)) or "–"
