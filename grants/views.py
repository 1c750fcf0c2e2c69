import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from grants import calendar, selectors, services
from grants.forms import (
    ApplicationForm,
    AttachmentForm,
    BudgetFormSet,
    GuideForm,
    ReminderForm,
    SchemeFilterForm,
    budget_lines_from,
)
from grants.models import Application, Attachment, GrantScheme
from portal import throttle
from portal.confirmation import render_confirmation
from portal.ical import calendar_response
from portal.page_cache import cache_for_visitors


def _get_scheme(slug: str) -> GrantScheme:
    try:
        return selectors.scheme_detail(slug=slug)
    except GrantScheme.DoesNotExist:
        raise Http404 from None


def _get_application_for_viewer(request: HttpRequest, pk: int) -> Application:
    """An application the person may see (see `selectors.application_for_user`); 404 otherwise."""
    try:
        return selectors.application_for_user(user=request.user, pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


def _get_own_application(request: HttpRequest, pk: int) -> Application:
    """Only the applicant and the admins and editors of its association may change an application.

    Staff who may read every application still get a 404 here: they decide in the admin.
    """
    application = _get_application_for_viewer(request, pk)
    if not application.user_may_act:
        raise Http404
    return application


def _error_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@cache_for_visitors
@require_GET
def scheme_list(request: HttpRequest) -> HttpResponse:
    form = SchemeFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "applicant_kind": data["hvem"].slug if data["hvem"] else "",
            "purpose": data["formaal"].slug if data["formaal"] else "",
            "target_group": data["maalgruppe"].slug if data["maalgruppe"] else "",
            "open_now": data["aaben"],
        }
    schemes = selectors.schemes_published(**filters)
    return render(request, "grants/scheme_list.html", {"form": form, "schemes": schemes})


@cache_for_visitors
@require_GET
def scheme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    scheme = _get_scheme(slug)
    now = timezone.now()
    rounds = list(scheme.rounds.all())
    open_rounds = [r for r in rounds if r.is_open_at(now)]
    coming_rounds = [r for r in rounds if r.opens_at > now]
    own_applications = []
    if request.user.is_authenticated:
        own_applications = list(selectors.applications_for_user(user=request.user).filter(scheme=scheme))
    return render(
        request,
        "grants/scheme_detail.html",
        {
            "scheme": scheme,
            "rounds": rounds,
            "open_round": open_rounds[0] if open_rounds else None,
            "coming_round": coming_rounds[0] if coming_rounds else None,
            "has_deadlines": any(r.deadline for r in rounds),
            "only_continuous": bool(rounds) and all(r.deadline is None for r in rounds),
            "reminder_form": ReminderForm(),
            "own_applications": own_applications,
            "now": now,
            "json_ld": _scheme_json_ld(request, scheme),
        },
    )


def _scheme_json_ld(request: HttpRequest, scheme: GrantScheme) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant",
        "name": scheme.title,
        "description": scheme.summary,
        "url": request.build_absolute_uri(scheme.get_absolute_url()),
        "funder": {"@type": "GovernmentOrganization", "name": "Helsingør Kommune"},
    }
    if scheme.amount_max is not None:
        data["amount"] = {"@type": "MonetaryAmount", "currency": "DKK", "maxValue": str(scheme.amount_max)}
        if scheme.amount_min is not None:
            data["amount"]["minValue"] = str(scheme.amount_min)
    return data


@cache_for_visitors
@require_GET
def scheme_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    scheme = _get_scheme(slug)
    deadlines = calendar.deadlines_ics(rounds=selectors.rounds_for_calendar(scheme=scheme))
    return calendar_response(deadlines, filename=f"{scheme.slug}-frister.ics", download=True)


@cache_for_visitors
@require_GET
def deadlines_calendar(request: HttpRequest) -> HttpResponse:
    """Every scheme's deadlines in one subscribable calendar."""
    deadlines = calendar.deadlines_ics(rounds=selectors.rounds_for_calendar())
    return calendar_response(deadlines, filename="tilskud-frister.ics")


@require_POST
def reminder_subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    scheme = _get_scheme(slug)
    if request.user.is_authenticated:
        services.reminder_subscribe(scheme=scheme, user=request.user)
        messages.success(request, _("You will get an email 14 and 2 days before each deadline."))
        return redirect(scheme)
    form = ReminderForm(request.POST)
    if throttle.throttled(request, action="grant-reminder", address=request.POST.get("email", "")):
        form.is_valid()  # the page shows what was typed, with the reason it was not accepted
        form.add_error(None, throttle.MESSAGE)
        return render(request, "grants/reminder_form.html", {"scheme": scheme, "reminder_form": form}, status=429)
    if not form.is_valid():
        return render(
            request,
            "grants/reminder_form.html",
            {"scheme": scheme, "reminder_form": form},
            status=400,
        )
    services.reminder_subscribe(scheme=scheme, email=form.cleaned_data["email"], language=request.LANGUAGE_CODE)
    messages.success(request, _("Check your inbox: we have sent you a link to confirm the reminders."))
    return redirect(scheme)


@require_http_methods(["GET", "POST"])
def reminder_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation mail. Like unsubscribing, only the POST from the page's button changes anything."""
    if request.method == "POST":
        subscription = services.reminder_confirm(token=token)
        if subscription is None:
            return render(request, "grants/reminder_invalid.html", status=404)
        messages.success(request, _("Thank you. You will get an email 14 and 2 days before each deadline."))
        return redirect(subscription.scheme)
    subscription = services.reminder_from_confirm_token(token=token)
    if subscription is None:
        return render(request, "grants/reminder_invalid.html", status=404)
    return render(request, "grants/reminder_confirm.html", {"subscription": subscription})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def reminder_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every reminder. GET shows one button; the POST stops the reminders, no sign-in needed.

    The change happens on POST only, because mail scanners follow every link in a mail and would otherwise
    unsubscribe people who never clicked. The POST needs no CSRF token: mail programs send it themselves for their
    own unsubscribe button (RFC 8058 List-Unsubscribe-Post), and the secret token in the address is what
    authorises it; stopping reminders is all it can do.
    """
    if request.method == "POST":
        scheme = services.reminder_unsubscribe(token=token)
        if scheme is None:
            return render(request, "grants/reminder_invalid.html", status=404)
        return render(request, "grants/reminder_unsubscribed.html", {"scheme": scheme})
    subscription = services.reminder_from_token(token=token)
    if subscription is None:
        return render(request, "grants/reminder_invalid.html", status=404)
    return render(request, "grants/reminder_unsubscribe.html", {"subscription": subscription})


@cache_for_visitors
@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    form = GuideForm(request.GET or None)
    matches = None
    if form.is_valid():
        data = form.cleaned_data
        matches = selectors.guide_matches(
            applicant_kind=data["hvem"],
            purpose=data["formaal"],
            target_group=data["maalgruppe"],
            when=data["hvornaar"] or selectors.WHEN_ANY,
            associations=list(selectors.associations_for_applying(user=request.user)),
        )
    return render(request, "grants/guide.html", {"form": form, "matches": matches})


@cache_for_visitors
@require_GET
def awards_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bevillinger.csv"'
    writer = csv.DictWriter(response, fieldnames=selectors.THREESIXTY_COLUMNS)
    writer.writeheader()
    for application in selectors.awards():
        writer.writerow(selectors.award_row(application))
    return response


# Applications


@login_required
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    applications = selectors.applications_for_user(user=request.user)
    return render(request, "grants/application_list.html", {"applications": applications})


def _application_forms(request: HttpRequest, scheme: GrantScheme, application: Application | None = None):
    data = request.POST if request.method == "POST" else None
    if application is None:
        user = request.user
        initial = {"contact_name": user.full_name, "contact_email": user.email}
        form = ApplicationForm(data, scheme=scheme, user=user, initial=initial)
        budget = BudgetFormSet(data, prefix="budget")
    else:
        form = ApplicationForm(data, scheme=scheme, instance=application)
        lines = [{"item": line.item, "amount": line.amount} for line in application.budget_lines.all()]
        budget = BudgetFormSet(data, prefix="budget", initial=lines)
    return form, budget


def _save_fields(form: ApplicationForm) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name not in ("declarations", "association")}


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest, slug: str) -> HttpResponse:
    scheme = _get_scheme(slug)
    if not scheme.applies_online:
        raise Http404
    open_round = next((r for r in scheme.rounds.all() if r.is_open), None)
    if open_round is None:
        messages.error(request, _("The scheme is not taking applications right now."))
        return redirect(scheme)
    form, budget = _application_forms(request, scheme)
    if request.method == "POST" and form.is_valid() and budget.is_valid():
        try:
            application = services.application_create(
                scheme=scheme,
                applicant=request.user,
                association=form.cleaned_data.get("association"),
                fields=_save_fields(form),
                budget_lines=budget_lines_from(budget),
                declaration_ids=form.cleaned_data.get("declarations", []),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your draft is saved. You can come back and finish it before the deadline."))
            return redirect(application)
    return render(
        request,
        "grants/application_form.html",
        {
            "scheme": scheme,
            "form": form,
            "budget": budget,
            "round": open_round,
            "application": None,
            "no_association_to_apply_for": not scheme.accepts_individuals
            and not form.fields["association"].queryset.exists(),
        },
        status=400 if form.is_bound and (form.errors or budget.total_error_count()) else 200,
    )


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_application_for_viewer(request, pk)
    is_applicant = application.user_may_act
    return render(
        request,
        "grants/application_detail.html",
        {
            "application": application,
            "is_applicant": is_applicant,
            "missing": services.application_missing(application)
            if application.status == Application.Status.DRAFT
            else [],
            "attachment_form": AttachmentForm(application=application),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_own_application(request, pk)
    scheme = application.scheme
    if not application.is_editable:
        messages.error(request, _("The application can no longer be changed."))
        return redirect(application)
    form, budget = _application_forms(request, scheme, application)
    if request.method == "POST" and form.is_valid() and budget.is_valid():
        try:
            services.application_update(
                application=application,
                user=request.user,
                fields=_save_fields(form),
                budget_lines=budget_lines_from(budget),
                declaration_ids=form.cleaned_data.get("declarations", []),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(application)
    return render(
        request,
        "grants/application_form.html",
        {"scheme": scheme, "form": form, "budget": budget, "round": application.round, "application": application},
        status=400 if form.is_bound and (form.errors or budget.total_error_count()) else 200,
    )


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_own_application(request, pk)
    try:
        services.application_submit(application=application, user=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Your application is submitted. We have sent you a receipt by email."))
    return redirect(application)


@login_required
@require_GET
def application_withdraw_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_own_application(request, pk)
    return render_confirmation(
        request,
        title=_("Withdraw “%(title)s”?") % {"title": application.title},
        consequences=[
            _("The municipality will not assess the application. To apply again, start a new application."),
            _("The person who submitted the application gets a confirmation; the municipality sees it as withdrawn."),
        ],
        action=reverse("grants:application-withdraw", args=[application.pk]),
        button=_("Withdraw application"),
        back=application.get_absolute_url(),
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_own_application(request, pk)
    try:
        services.application_withdraw(application=application, user=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect(application)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_own_application(request, pk)
    form = AttachmentForm(request.POST, request.FILES, application=application)
    if form.is_valid():
        try:
            services.attachment_add(
                application=application,
                user=request.user,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("The file is attached."))
        return redirect(application)
    return render(
        request,
        "grants/application_detail.html",
        {
            "application": application,
            "is_applicant": True,
            "missing": [],
            "attachment_form": form,
        },
        status=400,
    )


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    try:
        attachment = selectors.attachment_for_user(user=request.user, application_pk=pk, attachment_pk=attachment_pk)
    except Attachment.DoesNotExist:
        raise Http404 from None
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def attachment_delete_confirm(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    application = _get_own_application(request, pk)
    attachment = next((a for a in application.attachments.all() if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404
    return render_confirmation(
        request,
        title=_("Remove %(name)s?") % {"name": attachment.original_name},
        consequences=[
            _("The file is deleted from the application. You can attach it again while the application is a draft."),
            _("Nobody is told."),
        ],
        action=reverse("grants:attachment-delete", args=[application.pk, attachment.pk]),
        button=_("Remove the file"),
        back=application.get_absolute_url(),
    )


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    application = _get_own_application(request, pk)
    attachment = next((a for a in application.attachments.all() if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404
    try:
        services.attachment_delete(attachment=attachment, user=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The file is removed."))
    return redirect(application)
