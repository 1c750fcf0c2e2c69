"""Middleware of the portal."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from portal.validation import has_control_characters


def private_responses_not_stored(get_response):
    """What a signed-in person is shown (Min side, their applications, their bookings in the API, private files) is
    theirs alone: no shared cache may keep it and no browser may keep a copy on disk, so each such response without
    caching rules of its own says `private, no-store`. Visitors who are not signed in get public pages, which the
    page cache and HTTP caches may share."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


# The JSON API checks every parameter against its documented type and answers 422 with a message itself.
API_PREFIX = "/api/"


class RejectControlCharacters:
    """Answers 404 for a path and 400 for a query string holding control characters (NUL above all, which
    PostgreSQL refuses in text), before any view or admin list reads them.

    Filter forms and the admin's list filters compare such values with the database, and many pages read a parameter
    or two straight from the query string; checking every one of them in its own view would leave the next one open.
    No link of the portal holds such characters, so the person has mistyped or pasted a broken address.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            if has_control_characters(request.path):
                return render(request, "404.html", status=404)
            if any(
                has_control_characters(key) or any(map(has_control_characters, values))
                for key, values in request.GET.lists()
            ):
                return render(request, "400.html", status=400)
        return self.get_response(request)
