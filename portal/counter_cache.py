"""The shared cache, with rate-limit counters that keep counting while it does not answer.

allauth's login limits and the portal's throttle (`portal/throttle.py`) count attempts in the default cache. When
Redis cannot be reached, an error there would answer 500 to every sign-in and every throttled form, and letting
everything through would switch the limits off for as long as the outage lasts. Instead, those counters are kept in
the memory of each process until Redis answers again: a limit holds per process (an attacker gets at most one
allowance per web process), and people can sign in and send forms. allauth's marks on used two-factor codes are
kept the same way, so a code is still refused a second time by the process that accepted it. Postgres is not used for the counters, because
every attempt would then write to the database that an attacker is trying to tire.

Everything else goes to the configured backend unchanged and raises as it does; the page cache and the sessions
handle that themselves, and /healthz reports it.
"""

import logging
import uuid

from django.core.cache.backends.locmem import LocMemCache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Keys, before the cache adds its own prefix, of allauth's rate-limit counters, of the marks allauth sets on used
# two-factor codes so that none is accepted twice, and of portal.throttle's counters.
COUNTER_PREFIXES = ("allauth:rl:", "allauth.mfa.totp.used", "throttle:")


class CounterFallbackCache:
    """A cache backend wrapping the one named by `INNER_BACKEND` in the same CACHES entry."""

    def __init__(self, location: str, params: dict) -> None:
        params = dict(params)
        self._inner = import_string(params.pop("INNER_BACKEND"))(location, params)
        # Local-memory caches of the same name share their data, so each instance gets a name of its own.
        self._local = LocMemCache(f"counter-fallback-{uuid.uuid4().hex}", {"TIMEOUT": None})

    def __getattr__(self, name: str):
        return getattr(self._inner, name)

    def _counter(self, method: str, key: str, *args, **kwargs):
        if not key.startswith(COUNTER_PREFIXES):
            return getattr(self._inner, method)(key, *args, **kwargs)
        try:
            return getattr(self._inner, method)(key, *args, **kwargs)
        except ValueError:
            raise  # incr() of a missing key: not an outage
        except Exception:
            logger.warning("cache unavailable, counting %s in this process", key, exc_info=True)
            return getattr(self._local, method)(key, *args, **kwargs)

    def add(self, key, *args, **kwargs):
        return self._counter("add", key, *args, **kwargs)

    def get(self, key, *args, **kwargs):
        return self._counter("get", key, *args, **kwargs)

    def set(self, key, *args, **kwargs):
        return self._counter("set", key, *args, **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._counter("delete", key, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        return self._counter("incr", key, *args, **kwargs)

    # Spelled out rather than found by __getattr__, so that the backend's class has every method callers use.
    def get_many(self, *args, **kwargs):
        return self._inner.get_many(*args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._inner.set_many(*args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._inner.delete_many(*args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._inner.has_key(*args, **kwargs)

    def clear(self):
        self._local.clear()
        return self._inner.clear()

    def __contains__(self, key) -> bool:
        return self._inner.has_key(key)
