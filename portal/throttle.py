"""Limits on forms that anyone may send and that write a row or send mail.

A form open to visitors who are not signed in ("I want to help", deadline reminders) could otherwise be used to
fill the database or, by typing other people's addresses, to make the municipality mail strangers. Each attempt is
counted per client address and per email address the form names; over either limit the view shows the form again
with `MESSAGE` and status 429, and does nothing else.

Sign-up and password reset are allauth's forms and use allauth's own limits (ACCOUNT_RATE_LIMITS in settings).
"""

import hashlib

from allauth.account.adapter import get_adapter as get_account_adapter
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

# Attempts per client address (behind DJANGO_TRUSTED_PROXY_COUNT proxies, as allauth counts them) per hour: plenty
# for a person, too few for a flood.
PER_CLIENT = 5
CLIENT_WINDOW = 3600
# Attempts naming the same email address per day.
PER_ADDRESS = 3
ADDRESS_WINDOW = 24 * 3600

MESSAGE = _("Too many requests have been sent. Please try again later.")


def throttled(request: HttpRequest, *, action: str, address: str = "") -> bool:
    """Count one attempt of `action` from this request's client, naming `address`, and say whether it is over a
    limit. Every attempt counts, refused ones too, so retrying faster never helps."""
    client = get_account_adapter(request).get_client_ip(request)
    over = _count(f"throttle:{action}:client:{client}", PER_CLIENT, CLIENT_WINDOW)
    if address:
        digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
        over = _count(f"throttle:{action}:address:{digest}", PER_ADDRESS, ADDRESS_WINDOW) or over
    return over


def _count(key: str, limit: int, window: int) -> bool:
    # The window starts with the first attempt and is not extended by later ones.
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, window)
        count = 1
    return count > limit
