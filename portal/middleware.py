"""Middleware of the portal."""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


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
