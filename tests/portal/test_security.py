import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-for-this-test-only-0123456789abcdef",
    "DJANGO_ALLOWED_HOSTS": "frivillig.example.org",
    "SITE_URL": "https://frivillig.example.org",
    "EMAIL_URL": "smtp://mail.example.org:587",
}


def run_with_settings(env: dict, code: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_scripts_or_styles(client):
    html = client.get("/").text
    assert "<script>" not in html
    assert "style=" not in html


def test_production_responses_force_https_and_hsts():
    code = """
import django, json
django.setup()
from django.test import Client
client = Client(HTTP_HOST="frivillig.example.org")
plain = client.get("/")
secure = client.get("/healthz", secure=True)
print(json.dumps({"redirect": plain.status_code, "location": plain.headers.get("Location"),
                  "hsts": secure.headers.get("Strict-Transport-Security"),
                  "cookie_secure": django.conf.settings.SESSION_COOKIE_SECURE and django.conf.settings.CSRF_COOKIE_SECURE}))
"""
    result = run_with_settings(PRODUCTION_ENV, code)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["redirect"] == 301
    assert data["location"] == "https://frivillig.example.org/"
    max_age = int(data["hsts"].split("max-age=")[1].split(";")[0])
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in data["hsts"]
    assert data["cookie_secure"] is True


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = run_with_settings(env, "import django; django.setup()")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG must be one of"),
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL must be a URL starting with one of postgres"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL must be a URL starting with one of redis"),
        ("DATABASE_CONN_MAX_AGE", "soon", "DATABASE_CONN_MAX_AGE must be a whole number"),
        ("MAP_TILE_URL", "kort.example.org/{z}/{x}/{y}.png", "MAP_TILE_URL must be an http(s) address"),
    ],
)
def test_a_bad_environment_value_stops_start_up_with_a_clear_message(name, value, message):
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://u@h/portal", name: value}
    result = run_with_settings(env, "import django; django.setup()")
    assert result.returncode != 0
    assert message in result.stderr


def test_the_pictures_allowed_from_outside_are_the_configured_tile_servers():
    code = """
import django
django.setup()
from django.test import Client
csp = Client(HTTP_HOST="frivillig.example.org").get("/healthz", secure=True).headers["Content-Security-Policy"]
print(next(part.strip() for part in csp.split(";") if part.strip().startswith("img-src")))
"""
    default = run_with_settings(PRODUCTION_ENV, code)
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip().splitlines()[-1] == "img-src 'self' data: https://tile.openstreetmap.org"
    own = run_with_settings({**PRODUCTION_ENV, "MAP_TILE_URL": "https://kort.helsingor.dk:8443/{z}/{x}/{y}.png"}, code)
    assert own.returncode == 0, own.stderr
    assert own.stdout.strip().splitlines()[-1] == "img-src 'self' data: https://kort.helsingor.dk:8443"
    local = run_with_settings({**PRODUCTION_ENV, "MAP_TILE_URL": "/kort/{z}/{x}/{y}.png"}, code)
    assert local.returncode == 0, local.stderr
    assert local.stdout.strip().splitlines()[-1] == "img-src 'self' data:"


def test_the_mail_url_becomes_a_mailer():
    from portal.settings import mailer_from_url

    starttls = mailer_from_url("smtp://portal%40kommune.dk:hemmelig%2Fkode@mail.kommune.dk")["OPTIONS"]
    assert (starttls["host"], starttls["port"], starttls["use_tls"], starttls["use_ssl"]) == (
        "mail.kommune.dk",
        587,
        True,
        False,
    )
    assert (starttls["username"], starttls["password"]) == ("portal@kommune.dk", "hemmelig/kode")
    implicit = mailer_from_url("smtps://mail.kommune.dk")["OPTIONS"]
    assert (implicit["port"], implicit["use_tls"], implicit["use_ssl"]) == (465, False, True)


def test_every_database_connection_sets_the_search_threshold_and_keeps_given_options():
    from portal.settings import database_from_url

    plain = database_from_url("postgres://u@h/portal")["OPTIONS"]
    assert plain["options"] == "-c pg_trgm.word_similarity_threshold=0.5"
    given = database_from_url("postgres://u@h/portal?sslmode=require&options=-c%20statement_timeout%3D5000")["OPTIONS"]
    assert given["sslmode"] == "require"
    assert given["options"] == "-c statement_timeout=5000 -c pg_trgm.word_similarity_threshold=0.5"
