import datetime as dt
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from associations import feeds, jsonld, selectors, services
from associations.forms import (
    ActivityFilterForm,
    ActivityForm,
    AssociationFilterForm,
    AssociationForm,
    InterestForm,
    InviteForm,
    RoleChangeForm,
    RoleFilterForm,
    VolunteerRoleForm,
)
from associations.models import Association, Membership
from portal import throttle
from portal.adapters import RETURN_AFTER_VERIFICATION
from portal.confirmation import render_confirmation
from portal.ical import calendar_response
from portal.page_cache import cache_for_visitors, remember_each
from recognition.selectors import stories_for_association

PAGE_SIZE = 20


def _association_for_member(request: HttpRequest, slug: str, *, admin: bool = False) -> Association:
    """The association with `slug` if the signed-in person is a member (an admin if `admin`), else 404 or 403.

    Someone who is not a member gets 404, so guessing addresses reveals nothing; an editor asking for an admin page
    gets 403.
    """
    association = selectors.association_for_member(request.user, slug=slug)
    if association is None:
        raise Http404
    if admin and selectors.membership_role(request.user, association) != Membership.Role.ADMIN:
        raise PermissionDenied
    return association


# Public pages


@cache_for_visitors
@require_GET
def association_list(request: HttpRequest) -> HttpResponse:
    form = AssociationFilterForm(request.GET)
    filters = form.filters()
    ids = selectors.association_ids_search(filters=filters)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "associations/association_list.html",
        {"form": form, "filters": filters, "page_obj": page, "cards": _association_cards(list(page.object_list))},
    )


@cache_for_visitors
@require_GET
def association_detail(request: HttpRequest, slug: str) -> HttpResponse:
    association = selectors.association_public_detail(slug=slug)
    if association is None:
        raise Http404
    activities = list(selectors.activities_current_of_association(association=association))
    return render(
        request,
        "associations/association_detail.html",
        {
            "association": association,
            "activities": activities,
            "roles": selectors.roles_open_of_association(association=association),
            "json_ld": jsonld.organization(association),
            "role": selectors.membership_role(request.user, association),
            "recognition_stories": stories_for_association(association=association, limit=4),
        },
    )


@cache_for_visitors
@require_GET
def association_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    association = selectors.association_public_detail(slug=slug)
    if association is None:
        raise Http404
    activities = selectors.activities_current_of_association(association=association)
    return calendar_response(feeds.activities_calendar(activities, name=association.name), filename=f"{slug}.ics")


@cache_for_visitors
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    """The calendar, paged by position (`?efter=` a date of it, or `?inden=`), not by counted page numbers: at the
    portal's scale a period has hundreds of thousands of dates, and counting them for each combination of filters
    cost more than the rest of the page."""
    form = ActivityFilterForm(request.GET)
    filters = form.filters()
    start, end = filters.date_range()
    page = selectors.calendar_page(
        selectors.occurrences_upcoming(filters=filters),
        after=_calendar_place(request.GET.get("efter")),
        before=_calendar_place(request.GET.get("inden")),
        size=PAGE_SIZE,
    )
    cards = _occurrence_cards(page.dates)
    query = request.GET.copy()
    for name in ("efter", "inden", "side"):
        query.pop(name, None)
    return render(
        request,
        "associations/activity_list.html",
        {
            "form": form,
            "page": page,
            "cards": zip(page.dates, (card for card, _event in cards), strict=True),
            "start": start,
            "end": end,
            "json_ld": [event for _card, event in cards],
            "query": query.urlencode(),
            "earlier": _with_place(query, "inden", page.dates[0]) if page.has_earlier and page.dates else "",
            "later": _with_place(query, "efter", page.dates[-1]) if page.has_later else "",
        },
    )


def _calendar_place(value: str | None) -> selectors.OccurrenceKey | None:
    """A date of the calendar as written in its paging links (`2027-03-01.815`: the date, the activity's id), or
    None for anything else."""
    if value is None or not (found := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.(\d{1,18})", value, re.ASCII)):
        return None
    try:
        return selectors.OccurrenceKey(dt.date.fromisoformat(found[1]), int(found[2]))
    except ValueError:  # not a date
        return None


def _with_place(query: QueryDict, name: str, place: selectors.OccurrenceKey) -> str:
    query = query.copy()
    query[name] = f"{place.date.isoformat()}.{place.activity_id}"
    return query.urlencode()


def _occurrence_cards(dates: list[selectors.OccurrenceKey]) -> list[tuple[str, dict]]:
    """Each date's card and schema.org event, kept under the content version: the same dates fill the first pages of
    many filtered calendars, and rendering the cards was a quarter of such a page's time. Only the activities of
    the cards not kept are read."""
    return remember_each(
        f"associations:occurrence-card:{get_language()}",
        dates,
        key=lambda date: f"{date.activity_id}:{date.date}",
        compute=lambda missing: [
            (render_to_string("associations/_occurrence.html", {"occurrence": o}), jsonld.event(o.activity, o))
            for o in selectors.occurrences_load(missing)
        ],
    )


def _association_cards(ids: list[int]) -> list[str]:
    """Each association's directory card, kept under the content version: searches and filters show the same
    associations in different company. Only the associations of the cards not kept are read. An association made
    private since its id was kept has no card ("")."""

    def render_cards(missing: list[int]) -> list[str]:
        found = {a.pk: a for a in selectors.associations_by_id(missing)}
        return [
            render_to_string("associations/_association_card.html", {"association": found[pk]}) if pk in found else ""
            for pk in missing
        ]

    return remember_each(f"associations:card:{get_language()}", ids, key=str, compute=render_cards)


@cache_for_visitors
@require_GET
def activity_calendar(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET)
    activities = selectors.activities_filtered(filters=form.filters())
    return calendar_response(
        feeds.activities_calendar(activities, name=_("Activities in Helsingør Municipality")),
        filename="aktiviteter.ics",
    )


@cache_for_visitors
@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_public_detail(pk=pk)
    if activity is None:
        raise Http404
    filters = selectors.ActivityFilters()
    start, end = filters.date_range()
    occurrences = selectors.occurrences_expand([activity], start=start, end=end)
    return render(
        request,
        "associations/activity_detail.html",
        {
            "activity": activity,
            "occurrences": occurrences[:10],
            "json_ld": jsonld.event(activity, occurrences[0] if occurrences else None),
        },
    )


@cache_for_visitors
@require_GET
def role_list(request: HttpRequest) -> HttpResponse:
    form = RoleFilterForm(request.GET)
    page = Paginator(selectors.roles_filtered(filters=form.filters()), PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "associations/role_list.html", {"form": form, "page_obj": page})


@require_http_methods(["GET", "POST"])
def role_detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = selectors.role_public_detail(pk=pk)
    if role is None:
        raise Http404
    initial = (
        {"name": request.user.get_full_name(), "email": request.user.email} if request.user.is_authenticated else {}
    )
    form = InterestForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if throttle.throttled(request, action="interest", address=request.POST.get("email", "")):
            form.add_error(None, throttle.MESSAGE)
            status = 429
        elif form.is_valid():
            services.interest_create(role=role, user=request.user, **form.cleaned_data)
            messages.success(request, _("Thank you! Your interest has been sent, and we have emailed you a receipt."))
            return redirect(role)
    return render(request, "associations/role_detail.html", {"role": role, "form": form}, status=status)


# Registering and joining


@login_required
@require_http_methods(["GET", "POST"])
def association_register(request: HttpRequest) -> HttpResponse:
    form = AssociationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            association = services.association_register(
                user=request.user,
                fields=form.profile_fields(),
                categories=form.cleaned_data["categories"],
                towns=form.cleaned_data["towns"],
                target_groups=form.cleaned_data["target_groups"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you! Your association is registered and will be shown when the municipality has approved it."),
            )
            if association.possible_duplicate_of is not None:
                messages.warning(
                    request,
                    _(
                        "An association with the same name or CVR number is already on Frivillig Helsingør: "
                        "%(name)s. The municipality checks this before approving yours. If you meant to join it, "
                        "ask its administrator for an invitation."
                    )
                    % {"name": association.possible_duplicate_of.name},
                )
            return redirect("min-side")
    return render(request, "associations/association_form.html", {"form": form, "registering": True})


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation, or say why this person cannot: it is used or expired, or meant for another address.

    Someone who has added the invited address to their profile but not verified it yet can have the verification
    mail sent from here; the verification link brings them back to this page.
    """
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None:
        raise Http404
    address = selectors.invitation_address_of(invitation=invitation, user=request.user)
    if request.method == "POST" and invitation.is_usable:
        if request.POST.get("action") == "verify" and address is not None and not address.verified:
            # The verification link brings the person back here to accept.
            request.session[RETURN_AFTER_VERIFICATION] = request.path
            address.send_confirmation(request)
            messages.info(
                request,
                _("We have sent an email to %(email)s. Follow the link in it to verify the address.")
                % {"email": address.email},
            )
            return redirect("associations:invitation-accept", token=token)
        try:
            membership = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("You are now a member of %(association)s.") % {"association": membership.association.name}
            )
            return redirect("associations:association-manage", slug=membership.association.slug)
    return render(request, "associations/invitation_accept.html", {"invitation": invitation, "address": address})


# Managing an association from Min side


@login_required
@require_GET
def association_manage(request: HttpRequest, slug: str) -> HttpResponse:
    association = _association_for_member(request, slug)
    return render(
        request,
        "associations/manage.html",
        {
            "association": association,
            "role": selectors.membership_role(request.user, association),
            "activities": selectors.activities_of_association(association=association),
            "roles": selectors.roles_of_association(association=association),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def association_edit(request: HttpRequest, slug: str) -> HttpResponse:
    association = _association_for_member(request, slug)
    form = AssociationForm(request.POST or None, request.FILES or None, instance=association)
    if request.method == "POST" and form.is_valid():
        try:
            services.association_update(
                association=association,
                fields=form.profile_fields(),
                categories=form.cleaned_data["categories"],
                towns=form.cleaned_data["towns"],
                target_groups=form.cleaned_data["target_groups"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect("associations:association-manage", slug=association.slug)
    return render(request, "associations/association_form.html", {"form": form, "association": association})


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, slug: str) -> HttpResponse:
    association = _association_for_member(request, slug)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_create(association=association, fields=form.activity_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The activity has been added."))
            return redirect("associations:association-manage", slug=association.slug)
    return render(request, "associations/activity_form.html", {"form": form, "association": association})


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    association = _association_for_member(request, slug)
    activity = get_object_or_404(association.activities, pk=pk)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, fields=form.activity_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The activity has been saved."))
            return redirect("associations:association-manage", slug=association.slug)
    return render(
        request, "associations/activity_form.html", {"form": form, "association": association, "activity": activity}
    )


@login_required
@require_GET
def activity_delete_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    association = _association_for_member(request, slug)
    activity = get_object_or_404(association.activities, pk=pk)
    return render_confirmation(
        request,
        title=_("Delete “%(title)s”?") % {"title": activity.title},
        consequences=[
            _("The activity and all its dates disappear from the calendar, the association's page and calendar feeds."),
            _("Nobody is told. If people plan to come, let them know yourself."),
        ],
        action=reverse("associations:activity-delete", kwargs={"slug": association.slug, "pk": activity.pk}),
        button=_("Delete the activity"),
        back=reverse("associations:association-manage", kwargs={"slug": association.slug}),
    )


@login_required
@require_POST
def activity_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    association = _association_for_member(request, slug)
    activity = get_object_or_404(association.activities, pk=pk)
    services.activity_delete(activity=activity)
    messages.success(request, _("The activity has been deleted."))
    return redirect("associations:association-manage", slug=association.slug)


@login_required
@require_http_methods(["GET", "POST"])
def role_create(request: HttpRequest, slug: str) -> HttpResponse:
    association = _association_for_member(request, slug)
    form = VolunteerRoleForm(request.POST or None, initial={"contact_email": association.contact_email})
    if request.method == "POST" and form.is_valid():
        try:
            services.role_create(association=association, fields=form.role_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The volunteer role has been added."))
            return redirect("associations:association-manage", slug=association.slug)
    return render(request, "associations/role_form.html", {"form": form, "association": association})


@login_required
@require_http_methods(["GET", "POST"])
def role_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    association = _association_for_member(request, slug)
    role = get_object_or_404(association.volunteer_roles, pk=pk)
    form = VolunteerRoleForm(request.POST or None, instance=role)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_update(role=role, fields=form.role_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The volunteer role has been saved."))
            return redirect("associations:association-manage", slug=association.slug)
    return render(request, "associations/role_form.html", {"form": form, "association": association, "role": role})


@login_required
@require_GET
def role_interests(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    association = _association_for_member(request, slug)
    role = get_object_or_404(association.volunteer_roles, pk=pk)
    return render(
        request,
        "associations/role_interests.html",
        {"association": association, "role": role, "interests": selectors.interests_for_role(role=role)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Members and invitations; a POST invites someone."""
    association = _association_for_member(request, slug, admin=True)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_invite(association=association, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("An invitation has been sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("associations:membership-list", slug=association.slug)
    return render(
        request,
        "associations/membership_list.html",
        {
            "association": association,
            "form": form,
            "memberships": selectors.memberships_of_association(association=association),
            "invitations": selectors.invitations_pending(association=association),
            "role_form": RoleChangeForm(),
        },
    )


@login_required
@require_POST
def membership_change_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    association = _association_for_member(request, slug, admin=True)
    membership = get_object_or_404(association.memberships, pk=pk)
    form = RoleChangeForm(request.POST)
    if form.is_valid():
        try:
            services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role has been changed."))
    else:
        messages.error(request, _("Choose a valid role."))
    return redirect("associations:membership-list", slug=association.slug)


@login_required
@require_GET
def membership_remove_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    association = _association_for_member(request, slug, admin=True)
    membership = get_object_or_404(association.memberships.select_related("user"), pk=pk)
    if membership.user_id == request.user.pk:
        title = _("Leave %(association)s?") % {"association": association.name}
        consequences = [
            _("You can no longer edit the association's profile, activities, volunteer roles or bookings."),
            _("Nobody is told. An administrator can invite you again."),
        ]
    else:
        name = membership.user.get_full_name() or membership.user.email
        title = _("Remove %(name)s from %(association)s?") % {"name": name, "association": association.name}
        consequences = [
            _("%(name)s can no longer edit the association's profile, activities, volunteer roles or bookings.")
            % {"name": name},
            _("%(name)s is not told. You can invite them again.") % {"name": name},
        ]
    return render_confirmation(
        request,
        title=title,
        consequences=consequences,
        action=reverse("associations:membership-remove", kwargs={"slug": association.slug, "pk": membership.pk}),
        button=_("Remove"),
        back=reverse("associations:membership-list", kwargs={"slug": association.slug}),
    )


@login_required
@require_POST
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    association = _association_for_member(request, slug, admin=True)
    membership = get_object_or_404(association.memberships, pk=pk)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The member has been removed."))
        if membership.user_id == request.user.pk:
            return redirect("min-side")
    return redirect("associations:membership-list", slug=association.slug)
