"""Error reports to a Sentry-compatible service (Sentry, or the open-source GlitchTip) when SENTRY_DSN is set.

Reports carry the error, the stack and the view, never what a person typed or who they are: no request bodies,
cookies, headers, query strings, user data or frame variables, and any email address left in a message is masked.
"""

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

from portal.observability import mask_emails

# What an event's "request" may keep: enough to find the view, nothing a person sent.
REQUEST_KEEP = {"url", "method"}


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask_emails(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    return value


def event_scrub(event: dict, hint: dict | None = None) -> dict:
    """Remove personal data from an event before it leaves the machine (Sentry's `before_send`)."""
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        event["request"] = {key: value for key, value in request.items() if key in REQUEST_KEEP}
        # The URL is kept without its query string, which may hold a search or a filter someone typed.
        if isinstance(event["request"].get("url"), str):
            event["request"]["url"] = event["request"]["url"].split("?", 1)[0]
    # Breadcrumbs hold log lines and SQL from before the error; their messages are masked like everything else.
    return _masked(event)


def sentry_init(*, dsn: str, environment: str, release: str) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=event_scrub,
        # Errors only: performance tracing is left to the Prometheus metrics.
        traces_sample_rate=0,
    )
