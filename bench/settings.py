"""Production settings plus the baseline view: used only by the gunicorn the harness starts."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

if envbool("BENCH_PLAIN_STATIC", False):  # noqa: F405
    STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
