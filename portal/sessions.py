"""Sessions kept in the database and read through the cache, which keep working while the cache is down.

Django's `cached_db` store already falls back to the database when a read from the cache fails, but it still raises
when it copies a session read from the database back into the cache, and when it removes a session from the cache
on sign-out. With Redis unreachable that made every signed-in page answer 500. This store treats the cache as the
optional copy it is: every cache error is logged and the database answers.

A sign-out during an outage cannot remove the cached copy, which would be served again once Redis is back. So that
this can never sign someone in again for long, a session stays in the cache for at most `CACHE_SECONDS` (the
database keeps it for its full age), and the cached copy expires on its own soon after it was written.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)

# How long a session stays in the cache before it is read from the database again.
CACHE_SECONDS = 15 * 60


class _CacheThatMayFail:
    """The session cache, where an error is logged and reads as a miss, and no entry outlives CACHE_SECONDS."""

    def __init__(self, cache) -> None:
        self._cache = cache

    def get(self, key, default=None):
        try:
            return self._cache.get(key, default)
        except Exception:
            logger.warning("session cache unavailable, reading the session from the database", exc_info=True)
            return default

    def set(self, key, value, timeout) -> None:
        try:
            self._cache.set(key, value, min(timeout, CACHE_SECONDS))
        except Exception:
            logger.warning("session cache unavailable, the session is kept in the database only", exc_info=True)

    def delete(self, key) -> None:
        try:
            self._cache.delete(key)
        except Exception:
            logger.error(
                "session cache unavailable: a removed session stays cached for up to %s seconds",
                CACHE_SECONDS,
                exc_info=True,
            )

    def __contains__(self, key) -> bool:
        try:
            return key in self._cache
        except Exception:
            logger.warning("session cache unavailable, asking the database", exc_info=True)
            return False

    def __repr__(self) -> str:
        return repr(self._cache)


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None) -> None:
        super().__init__(session_key)
        self._cache = _CacheThatMayFail(self._cache)
