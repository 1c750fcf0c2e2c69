from allauth.account.adapter import get_adapter as get_account_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from advisory import selectors as advisory_selectors
from associations import selectors as association_selectors
from dialogue import selectors as dialogue_selectors
from facilities import selectors as facility_selectors
from grants import selectors as grant_selectors
from portal import health, metrics, selectors, services
from portal.forms import PreferencesForm
from portal.middleware import API_PREFIX
from portal.page_cache import cache_for_visitors
from recognition.selectors import stories_featured


@cache_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "upcoming_occurrences": association_selectors.occurrences_soon(limit=6),
            "newest_roles": association_selectors.roles_newest(limit=4),
            "featured_stories": stories_featured(limit=3),
            "open_grant_schemes": grant_selectors.schemes_open_soonest(limit=3),
        },
    )


@cache_for_visitors
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/about.html")


@cache_for_visitors
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@cache_for_visitors
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    results = health.health()
    healthy = all(results[name] == "ok" for name in health.CHECKS)
    return JsonResponse({"status": "ok" if healthy else "error", **results}, status=200 if healthy else 503)


@require_GET
@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not metrics.metrics_enabled():
        raise Http404
    # The address is the one the rate limits count (DJANGO_TRUSTED_PROXY_COUNT), not nginx's.
    client_address = get_account_adapter(request).get_client_ip(request)
    if not metrics.scrape_allowed(request, client_address=client_address):
        return HttpResponseForbidden("Metrics need METRICS_TOKEN or an address in METRICS_ALLOWED_IPS.\n")
    body, content_type = metrics.exposition()
    return HttpResponse(body, content_type=content_type)


@login_required
def min_side(request: HttpRequest) -> HttpResponse:
    notifications = Paginator(selectors.notifications_for_user(user=request.user), 20).get_page(request.GET.get("side"))
    rendered = [(n, *services.notification_render(n, language=request.LANGUAGE_CODE)) for n in notifications]
    return render(
        request,
        "portal/min_side.html",
        {
            "notifications": notifications,
            "rendered_notifications": rendered,
            "association_memberships": association_selectors.memberships_for_user(user=request.user),
            "advice_requests": advisory_selectors.advice_requests_for_asker(user=request.user)[:5],
            "grant_applications": list(grant_selectors.applications_for_user(user=request.user)[:10]),
            "upcoming_bookings": list(facility_selectors.bookings_upcoming_for_user(user=request.user)[:5]),
            "own_ideas": list(dialogue_selectors.ideas_of_proposer(user=request.user)[:5]),
            "own_agenda_topics": list(dialogue_selectors.topics_proposed_by(user=request.user)[:5]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "notification_delivery": user.notification_delivery,
    }
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.user_update_preferences(user=user, **form.cleaned_data)
        messages.success(request, _("Your settings have been saved."))
        return redirect("min-side")
    return render(request, "portal/preferences.html", {"form": form})


@login_required
@require_POST
def notifications_mark_read(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("min-side")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    # An address under the API that matches no operation (a slug with a slash, an id that is not a number) answers
    # in the API's own error body, as its schema documents.
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"message": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose security check failed, most often because it stayed open for long or the person signed in or out
    in another tab. The page explains it in the person's language and sends them back to the form, where the browser
    usually still holds what they typed."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    return render(
        request,
        "403_csrf.html",
        {"back": back, "no_cookie": reason == REASON_NO_CSRF_COOKIE},
        status=403,
    )
