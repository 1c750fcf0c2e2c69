import csv
from decimal import Decimal

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from grants import services
from grants.forms import DecisionForm
from grants.models import (
    ApplicantKind,
    Application,
    Attachment,
    BudgetLine,
    Declaration,
    GrantScheme,
    Purpose,
    ReminderSubscription,
    Round,
    SchemeLink,
    TargetGroup,
)
from portal.admin_search import IndexedSearch


@admin.register(Purpose, TargetGroup)
class LookupAdmin(admin.ModelAdmin):
    list_display = ["name_da", "name_en", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_da", "name_en"]
    prepopulated_fields = {"slug": ["name_da"]}


@admin.register(ApplicantKind)
class ApplicantKindAdmin(LookupAdmin):
    # The kind of association decides which associations may apply to a scheme that names this entry.
    list_display = ["name_da", "name_en", "slug", "association_kind", "individuals", "order"]


class RoundInline(admin.StackedInline):
    model = Round
    extra = 0
    fields = [
        ("name_da", "name_en"),
        ("opens_at", "deadline"),
        "decision_expected_on",
        ("decision_note_da", "decision_note_en"),
    ]


class SchemeLinkInline(admin.TabularInline):
    model = SchemeLink
    extra = 0


class DeclarationInline(admin.TabularInline):
    model = Declaration
    extra = 0


@admin.register(GrantScheme)
class GrantSchemeAdmin(admin.ModelAdmin):
    list_display = ["title_da", "status", "legal_basis", "application_method", "updated_at"]
    list_filter = ["status", "application_method", "applicant_kinds", "purposes", "target_groups"]
    search_fields = ["title_da", "title_en", "summary_da", "legal_basis"]
    prepopulated_fields = {"slug": ["title_da"]}
    filter_horizontal = ["applicant_kinds", "purposes", "target_groups"]
    inlines = [RoundInline, DeclarationInline, SchemeLinkInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": [("title_da", "title_en"), "slug", "status", ("summary_da", "summary_en")]}),
        (_("Who can apply"), {"fields": ["applicant_kinds", "target_groups", ("priorities_da", "priorities_en")]}),
        (
            _("Requirements"),
            {
                "fields": [
                    ("requires_cvr", "requires_nemkonto", "requires_child_certificate"),
                    "min_members",
                    ("prerequisites_da", "prerequisites_en"),
                ]
            },
        ),
        (
            _("What the scheme supports"),
            {
                "fields": [
                    "purposes",
                    ("purpose_da", "purpose_en"),
                    ("description_da", "description_en"),
                    ("not_funded_da", "not_funded_en"),
                ]
            },
        ),
        (
            _("How much"),
            {
                "fields": [
                    ("amount_min", "amount_max"),
                    ("amount_note_da", "amount_note_en"),
                    ("cofinancing_da", "cofinancing_en"),
                ]
            },
        ),
        (
            _("How to apply and what happens next"),
            {
                "fields": [
                    "application_method",
                    "external_url",
                    ("how_to_apply_da", "how_to_apply_en"),
                    ("after_applying_da", "after_applying_en"),
                    "reporting_required",
                    ("reporting_da", "reporting_en"),
                ]
            },
        ),
        (
            _("Facts and contact"),
            {
                "fields": [
                    "legal_basis",
                    ("committee_da", "committee_en"),
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                ]
            },
        ),
    ]


def kroner(amount: Decimal | None) -> str | None:
    """An amount as staff read it in their language, with thousands grouped: 26.000 kr. or 1.250,50 kr. in Danish.
    The portal does not group thousands everywhere (USE_THOUSAND_SEPARATOR), because ids and years in templates would
    be grouped too."""
    if amount is None:
        return None
    amount = Decimal(amount)
    whole = amount == amount.to_integral_value()
    return f"{number_format(amount, decimal_pos=0 if whole else 2, force_grouping=True)} kr."


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["item", "amount_kr"]
    readonly_fields = ["item", "amount_kr"]
    can_delete = False

    @admin.display(description=_("amount"))
    def amount_kr(self, obj: BudgetLine) -> str | None:
        return kroner(obj.amount)

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["download", "kind", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, obj: Attachment) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)


def _export_csv(applications) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ansoegninger-{timezone.localdate():%Y%m%d}.csv"'
    # Excel in Denmark expects semicolons and reads UTF-8 only with a byte order mark.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            "id",
            "pulje",
            "runde",
            "status",
            "ansøger",
            "cvr",
            "kontaktperson",
            "email",
            "projekt",
            "periode start",
            "periode slut",
            "budget i alt",
            "ansøgt beløb",
            "medfinansiering",
            "bevilget",
            "indsendt",
        ]
    )
    for a in applications.select_related("scheme", "round").prefetch_related("budget_lines"):
        writer.writerow(
            [
                a.pk,
                a.scheme.title_da,
                str(a.round),
                a.get_status_display(),
                a.organisation_name,
                a.cvr,
                a.contact_name,
                a.contact_email,
                a.title,
                a.period_start or "",
                a.period_end or "",
                a.budget_total,
                a.amount_requested or "",
                a.cofinancing,
                a.amount_granted if a.amount_granted is not None else "",
                timezone.localtime(a.submitted_at).strftime("%Y-%m-%d %H:%M") if a.submitted_at else "",
            ]
        )
    return response


class RoundListFilter(admin.RelatedFieldListFilter):
    """The rounds to filter by, read with their schemes in one query: a round's name starts with its scheme's."""

    def field_choices(self, field, request, model_admin):
        rounds = Round.objects.select_related("scheme")
        if ordering := self.field_admin_ordering(field, request, model_admin):
            rounds = rounds.order_by(*ordering)
        return [(round_.pk, str(round_)) for round_ in rounds]


@admin.register(Application)
class ApplicationAdmin(IndexedSearch):
    list_display = [
        "title",
        "organisation_name",
        "association",
        "scheme",
        "round",
        "status",
        "requested",
        "granted",
        "submitted_at",
    ]
    list_filter = ["status", "scheme", ("round", RoundListFilter)]
    search_fields = ["title", "organisation_name", "cvr", "contact_email", "applicant__email", "association__name"]
    list_select_related = ["scheme", "round", "round__scheme", "association"]
    # Counting every application for the "show all" link costs a second scan of the table on each page.
    show_full_result_count = False
    date_hierarchy = "submitted_at"
    inlines = [BudgetLineInline, AttachmentInline]
    actions = ["start_review", "export_csv"]
    readonly_fields = [
        "decide_link",
        "scheme",
        "round",
        "applicant",
        "association",
        "submitted_by",
        "applicant_type",
        "organisation_name",
        "cvr",
        "contact_name",
        "contact_email",
        "contact_phone",
        "title",
        "description",
        "target_group",
        "period_start",
        "period_end",
        "budget",
        "requested",
        "cofinancing_kr",
        "declarations",
        "status",
        "submitted_at",
        "review_started_at",
        "granted",
        "decision_reason",
        "decided_on",
        "decided_by",
    ]
    fieldsets = [
        (None, {"fields": ["decide_link", "status", "scheme", "round", "submitted_at", "review_started_at"]}),
        (
            _("Applicant"),
            {
                "fields": [
                    "applicant",
                    "association",
                    "submitted_by",
                    "applicant_type",
                    "organisation_name",
                    "cvr",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                ]
            },
        ),
        (
            _("Project"),
            {"fields": ["title", "description", "target_group", "period_start", "period_end", "declarations"]},
        ),
        (_("Money"), {"fields": ["budget", "requested", "cofinancing_kr"]}),
        (_("Decision"), {"fields": ["granted", "decision_reason", "decided_on", "decided_by"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("budget total"))
    def budget(self, obj: Application) -> str | None:
        return kroner(obj.budget_total)

    @admin.display(description=_("amount applied for (DKK)"), ordering="amount_requested")
    def requested(self, obj: Application) -> str | None:
        return kroner(obj.amount_requested)

    @admin.display(description=_("co-financing (DKK)"), ordering="cofinancing")
    def cofinancing_kr(self, obj: Application) -> str | None:
        return kroner(obj.cofinancing)

    @admin.display(description=_("amount granted (DKK)"), ordering="amount_granted")
    def granted(self, obj: Application) -> str | None:
        return kroner(obj.amount_granted)

    @admin.display(description=_("declarations"))
    def declarations(self, obj: Application) -> str:
        return format_html_join("", "<p>✓ {}</p>", ((text,) for text in obj.declarations_accepted)) or "–"

    @admin.display(description=_("decision"))
    def decide_link(self, obj: Application) -> str:
        if obj.status in (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW):
            url = reverse("admin:grants_application_decide", args=[obj.pk])
            return format_html('<a class="button" href="{}">{}</a>', url, _("Decide on the application"))
        return obj.get_status_display()

    @admin.action(description=_("Start the review (the applicant can no longer change the application)"))
    def start_review(self, request: HttpRequest, queryset) -> None:
        started = 0
        for application in queryset.filter(status=Application.Status.SUBMITTED):
            services.application_start_review(application=application)
            started += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d application is now under review.", "%(count)d applications are now under review.", started
            )
            % {"count": started},
            messages.SUCCESS if started else messages.WARNING,
        )

    @admin.action(description=_("Export the selected applications to CSV"))
    def export_csv(self, request: HttpRequest, queryset) -> HttpResponse:
        return _export_csv(queryset.exclude(status=Application.Status.DRAFT))

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="grants_application_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        application = get_object_or_404(Application.objects.select_related("scheme", "round"), pk=pk)
        form = DecisionForm(
            request.POST or None,
            initial={"amount_granted": application.amount_requested, "decided_on": timezone.localdate()},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.application_decide(
                    application=application,
                    decided_by=request.user,
                    outcome=form.cleaned_data["outcome"],
                    amount_granted=form.cleaned_data["amount_granted"],
                    reason=form.cleaned_data["reason"],
                    decided_on=form.cleaned_data["decided_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("The decision is saved and sent to the applicant."), messages.SUCCESS)
                return redirect("admin:grants_application_change", application.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "application": application,
            "form": form,
            "title": _("Decide on %(title)s") % {"title": application.title},
        }
        return TemplateResponse(request, "admin/grants/application/decide.html", context)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Rounds are edited inline on their scheme; this list gives the overview per round and the CSV export."""

    list_display = ["__str__", "opens_at", "deadline", "decision_expected_on", "application_count"]
    list_filter = ["scheme"]
    list_select_related = ["scheme"]
    date_hierarchy = "opens_at"
    actions = ["export_csv"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(application_count=Count("applications", filter=~Q(applications__status=Application.Status.DRAFT)))
        )

    @admin.display(description=_("applications"), ordering="application_count")
    def application_count(self, obj: Round) -> int:
        return obj.application_count

    @admin.action(description=_("Export the applications of the selected rounds to CSV"))
    def export_csv(self, request: HttpRequest, queryset) -> HttpResponse:
        return _export_csv(
            Application.objects.filter(round__in=queryset)
            .exclude(status=Application.Status.DRAFT)
            .order_by("round", "pk")
        )


@admin.register(ReminderSubscription)
class ReminderSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "scheme", "confirmed_at", "created_at"]
    list_filter = ["scheme", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    list_select_related = ["scheme"]
