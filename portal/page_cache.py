"""Whole-page caching for visitors who are not signed in.

Most requests to a municipal portal are anonymous reads of the same few pages (the front page, the directory, the
activity calendar, the API lists). `@cache_for_visitors` stores such a response in the shared cache and serves it
again without touching the database, for at most `PAGE_CACHE_SECONDS`.

Correctness rules, in the order they are checked:

- Only GET requests from visitors who are not signed in and have no messages waiting are served from or stored in
  the cache. A request with a session cookie is answered normally (a signed-in person sees their own header, links
  and forms).
- A response is stored only if it is a 200 that sets no cookie, leaves the session alone and used no CSRF token: a
  page with a form for this visitor is never shared with another.
- Every kept page carries the **content version** it was rendered under, and is served only while that is still
  the current version (both are read in one round trip). Any save, delete or many-to-many change of a model of the
  portal's apps increases the version (a signal receiver, connected in `portal.apps`), at once and again after the
  transaction commits, so a page rendered from data that was about to change is never served under the version
  that follows the commit. What pages share (`remember`) is kept under keys that carry the version. Bulk writes
  that skip signals (`QuerySet.update()`, `bulk_create`) must call `content_changed()` themselves; the time limit
  bounds the damage of one that forgets.
- Pages change with the clock too (an activity passes, a grant round closes): the time limit is what bounds that.
- The CSP nonce of the stored page is replaced by a placeholder and every hit gets a fresh one, so no two responses
  share a nonce.

A cache that does not answer (Redis down) never breaks a page: the request is served as if there were no cache.
"""

import functools
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
# The content version the page being rendered will be kept under (set by cache_for_visitors around the view).
_page_version: ContextVar[int | None] = ContextVar("page_cache_version", default=None)
NONCE_PLACEHOLDER = b"__page_cache_csp_nonce__"

# The apps whose models make up what the public pages show.
CONTENT_APPS = frozenset({"portal", "associations", "facilities", "grants", "advisory", "recognition", "dialogue"})
# Models of those apps that no public page shows: their writes (many, for the outbox; some from forms anyone may
# send) leave cached pages alone.
NOT_CONTENT = frozenset({"portal.notification", "associations.interest", "grants.remindersubscription"})


def cache_for_visitors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's page from the cache to visitors who are not signed in (see the module's rules)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if settings.PAGE_CACHE_SECONDS <= 0 or not _may_use_cache(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        # One round trip: the content version, and the page as last kept with the version it was rendered under.
        found = _cache_call(cache.get_many, [VERSION_KEY, key])
        version = None if found is None else (found.get(VERSION_KEY) or _cache_call(_content_version))
        if version is not None and (stored := found.get(key)) is not None and stored[0] == version:
            return _from_cache(request, stored[1:])
        token = _page_version.set(version)
        try:
            response = view(request, *args, **kwargs)
        finally:
            _page_version.reset(token)
        if version is not None and response.status_code == 200 and not response.streaming:
            if getattr(response, "is_rendered", True):
                _store(request, response, key, version)
            else:
                response.add_post_render_callback(lambda rendered: _store(request, rendered, key, version))
        return response

    return wrapper


def remember[T](name: str, compute: Callable[[], T]) -> T:
    """`compute()`'s result under the content version: what many pages share (a search's ranked matches), kept as
    pages are, for at most `PAGE_CACHE_SECONDS` and never past a change. Computed each time without a cache."""
    if settings.PAGE_CACHE_SECONDS <= 0 or (version := _version_for_data()) is None:
        return compute()
    key = _data_key(version, name)
    if (found := _cache_call(cache.get, key)) is not None:
        return found
    value = compute()
    _cache_call(cache.set, key, value, settings.PAGE_CACHE_SECONDS)
    return value


def remember_each[I, T](
    name: str, items: Sequence[I], key: Callable[[I], str], compute: Callable[[list[I]], list[T]]
) -> list[T]:
    """`remember` for many items in two round trips: each item's value kept under `name` and `key(item)`.

    For what many pages show in different company, such as an activity's card on every filtered calendar.
    `compute` gets the items not kept, in one list (so it can read what they need at once), and returns their
    values in the same order.
    """
    if settings.PAGE_CACHE_SECONDS <= 0 or (version := _version_for_data()) is None:
        return compute(list(items))
    keys = [_data_key(version, f"{name}:{key(item)}") for item in items]
    found = _cache_call(cache.get_many, keys) or {}
    missing = [(item, k) for item, k in zip(items, keys, strict=True) if k not in found]
    computed = {}
    if missing:
        computed = dict(zip((k for _item, k in missing), compute([item for item, _k in missing]), strict=True))
        _cache_call(cache.set_many, computed, settings.PAGE_CACHE_SECONDS)
    return [found[k] if k in found else computed[k] for k in keys]


def _version_for_data() -> int | None:
    """The version of the page being rendered for the cache, so that the page and what it was computed from always
    agree (and one round trip less); else the current one."""
    if (version := _page_version.get()) is not None:
        return version
    return _cache_call(_content_version)


def _data_key(version: int, name: str) -> str:
    return f"page-cache:{version}:data:{hashlib.sha256(name.encode()).hexdigest()}"


def content_changed() -> None:
    """Make every cached page stale: now, and once more when the current transaction commits."""
    _bump()
    if connection.in_atomic_block:
        transaction.on_commit(_bump)


def on_model_change(sender, **kwargs) -> None:
    """Signal receiver for post_save, post_delete and m2m_changed (connected in `portal.apps`)."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed fires before and after; the change is done after.
    meta = sender._meta
    if meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT and not _shown_nowhere(sender, kwargs):
        content_changed()


def _shown_nowhere(sender, kwargs: dict) -> bool:
    """Whether a save changes nothing a public page shows: a sign-in's `last_login`, and a new nomination or thanks
    that nobody but its author and the staff sees until it is chosen or published."""
    instance = kwargs.get("instance")
    update_fields = kwargs.get("update_fields")
    label = sender._meta.label_lower
    if label == "portal.user":
        return update_fields is not None and set(update_fields) <= {"last_login"}
    if kwargs.get("created") and label == "recognition.nomination":
        return not instance.winner
    if kwargs.get("created") and label == "recognition.thanks":
        return instance.status == instance.Status.PENDING
    return False


def _may_use_cache(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.user.is_authenticated
        and len(get_messages(request)) == 0
    )


def _page_key(request: HttpRequest) -> str:
    address = f"{request.LANGUAGE_CODE}|{request.build_absolute_uri()}"
    return f"page-cache:page:{hashlib.sha256(address.encode()).hexdigest()}"


def _store(request: HttpRequest, response: HttpResponse, key: str, version: int) -> None:
    session = getattr(request, "session", None)
    for_this_visitor_only = (
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        or (session is not None and session.modified)
        or len(get_messages(request))
    )
    if for_this_visitor_only:
        return
    content = response.content
    nonce = get_nonce(request)
    if nonce:  # the page used the nonce (a LazyNonce is false until it is generated)
        content = content.replace(str(nonce).encode(), NONCE_PLACEHOLDER)
    headers = {name: value for name, value in response.headers.items() if name.lower() != "content-length"}
    _cache_call(cache.set, key, (version, content, headers), settings.PAGE_CACHE_SECONDS)


def _from_cache(request: HttpRequest, stored: tuple[bytes, dict]) -> HttpResponse:
    content, headers = stored
    if NONCE_PLACEHOLDER in content:
        content = content.replace(NONCE_PLACEHOLDER, str(get_nonce(request)).encode())
    response = HttpResponse(content, headers=headers)
    # As on a rendered page, whose template looked at the session: a shared HTTP cache must key on the cookie.
    patch_vary_headers(response, ("Cookie",))
    return response


def _content_version() -> int | None:
    version = cache.get(VERSION_KEY)
    if version is None:
        # First use, or the key was evicted: start from the clock, which no earlier version can reach by counting.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted): the next reader starts a new one from the clock
        pass
    except Exception:
        logger.warning("could not mark cached pages as stale; they expire within PAGE_CACHE_SECONDS", exc_info=True)


def _cache_call(function, *args):
    try:
        return function(*args)
    except Exception:
        logger.warning("page cache unavailable, serving without it", exc_info=True)
        return None
