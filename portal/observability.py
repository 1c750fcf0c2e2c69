"""What operators see of each request: Prometheus metrics per view and one log line, and how log lines look.

Requests are named by their view and URL pattern, never by their path or query string: paths can carry secret links
(a booking feed) and query strings what a person typed, and a label per path would grow without bound.
"""

import datetime as dt
import json
import logging
import re
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("portal.requests")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
EMAIL_MASK = "[email]"
# Attributes of a log record that the JSON lines carry beside the message.
REQUEST_FIELDS = ("view", "route", "method", "status", "duration_ms")


def mask_emails(text: str) -> str:
    return EMAIL.sub(EMAIL_MASK, text)


def _view_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    # Paths no URL pattern matches (mostly 404s) share one name, so a scan cannot create new series.
    return "unresolved"


class RequestObservationMiddleware:
    """Counts and times every request per view and logs one line for it. It comes first, so it times everything."""

    def __init__(self, get_response):
        from portal import metrics

        self.get_response = get_response
        self.metrics = metrics

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        view = _view_name(request)
        self.metrics.REQUESTS.labels(view=view, method=request.method, status=str(response.status_code)).inc()
        self.metrics.REQUEST_SECONDS.labels(view=view).observe(seconds)
        match = getattr(request, "resolver_match", None)
        fields = {
            "view": view,
            "route": "/" + match.route if match is not None else None,
            "method": request.method,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
        }
        logger.info(
            "%s %s %s %sms (%s)",
            fields["method"],
            fields["route"] or "-",
            fields["status"],
            fields["duration_ms"],
            view,
            extra=fields,
        )
        return response


class TextFormatter(logging.Formatter):
    """Plain text lines, with email addresses masked (a failed delivery's error names its recipient)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_emails(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for a log collector; email addresses are masked as in plain text."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_emails(record.getMessage()),
        }
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = mask_emails(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
