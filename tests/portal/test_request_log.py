"""One log line per request, as plain text or JSON lines (LOG_FORMAT), with no personal data."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings

from portal.observability import JsonFormatter

pytestmark = pytest.mark.django_db


def _request_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "portal.requests"]


def test_each_request_is_logged_once_with_its_view_status_and_duration(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    client.get("/lokaler/?q=anna.jensen@example.org")

    [record] = _request_records(caplog)
    assert (record.view, record.method, record.status) == ("facilities:facility-list", "GET", 200)
    assert record.route == "/lokaler/"
    assert record.duration_ms >= 0
    assert "anna" not in record.getMessage()


def test_a_secret_link_is_logged_by_its_pattern_not_its_path(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    client.get("/lokaler/kalender/SECRET-TOKEN-123.ics")

    [record] = _request_records(caplog)
    assert record.route == "/lokaler/kalender/<str:token>.ics"
    assert "SECRET-TOKEN-123" not in JsonFormatter().format(record)


def test_a_json_line_holds_the_request_fields(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    client.get("/")

    line = JsonFormatter().format(_request_records(caplog)[0])
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["logger"] == "portal.requests"
    assert entry["level"] == "INFO"
    assert {key: entry[key] for key in ("view", "route", "method", "status")} == {
        "view": "home",
        "route": "/",
        "method": "GET",
        "status": 200,
    }
    assert isinstance(entry["duration_ms"], float)


def _log_in_a_new_process(log_format: str) -> subprocess.CompletedProcess:
    code = "import django, logging; django.setup(); logging.getLogger('portal.tasks').warning('mail to %s failed', 'anna@example.org')"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DJANGO_DEBUG": "true",
            "LOG_FORMAT": log_format,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_log_format_json_writes_json_lines_without_email_addresses():
    result = _log_in_a_new_process("json")
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["level"] == "WARNING"
    assert entry["message"] == "mail to [email] failed"


def test_log_format_text_writes_plain_lines():
    result = _log_in_a_new_process("text")
    line = result.stderr.strip().splitlines()[-1]
    assert line.endswith("WARNING portal.tasks mail to [email] failed")


def test_an_unknown_log_format_stops_start_up():
    result = _log_in_a_new_process("xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be text or json" in result.stderr
