"""Production settings plus the baseline view: used only by the gunicorn the harness starts."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
