"""The harness's steps that need Django and the bench database (run by bench/run.py with DATABASE_URL set to it).

python -m bench.prepare setup SCALE PATH   migrate, fill the database (bench/generate.py), then plan
python -m bench.prepare reuse PATH         migrate an existing data set, then plan
python -m bench.prepare plan PATH          write what the load needs: slugs, ids, signed-in sessions
python -m bench.prepare overlaps PATH      count overlapping active bookings of one facility (must be 0)
"""

import datetime as dt
import json
import os
import secrets
import string
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.apps import apps  # noqa: E402

from bench import generate as generator  # noqa: E402
from portal.page_cache import content_changed  # noqa: E402

SAMPLE = 500
CONTENTION_PURPOSE = "Bench booking"  # what bench/load.py's booking_contention books


def setup(scale: str, path: str) -> None:
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"  migrated: {time.monotonic() - started:.1f} s", flush=True)
    made = generator.generate(scale=float(scale), stdout=sys.stdout)
    print(f"  generated: {time.monotonic() - started:.1f} s", flush=True)
    # Bulk inserts send no signals: pages cached from an earlier data set must not be served for this one.
    content_changed()
    print("  made " + ", ".join(f"{key} {value:,}" for key, value in made.items()), flush=True)
    plan(path)


def reuse(path: str) -> None:
    """An existing data set: bring its schema (new indexes) up to date, then plan."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if apps.is_installed("facilities"):
        # The contention scenario of an earlier run filled its few facilities' slots: free them, so every run
        # measures the same contest for the same empty week rather than a stream of refusals.
        apps.get_model("facilities", "Booking").objects.filter(purpose=CONTENTION_PURPOSE).delete()
    # Every run starts from cold caches: what a run just before kept (for PAGE_CACHE_SECONDS) would flatter this one.
    content_changed()
    plan(path)


def plan(path: str) -> None:
    from associations.models import Activity, Association, Category, VolunteerRole
    from grants.models import Application, GrantScheme
    from recognition.models import Story

    public = Association.objects.filter(status="approved").order_by("?")
    rows = {
        "associations": Association.objects.count(),
        "activities": Activity.objects.count(),
        "weekly_activities": Activity.objects.filter(kind="weekly").count(),
        "volunteer_roles": VolunteerRole.objects.count(),
        "grant_schemes": GrantScheme.objects.count(),
        "grant_applications": Application.objects.count(),
        "stories": Story.objects.count(),
    }
    if apps.is_installed("advisory"):
        rows["advice_requests"] = apps.get_model("advisory", "AdviceRequest").objects.count()
    if apps.is_installed("dialogue"):
        rows["ideas"] = apps.get_model("dialogue", "Idea").objects.count()
    data = {
        "association_ids": list(public.values_list("pk", flat=True)[:SAMPLE]),
        "association_slugs": list(public.values_list("slug", flat=True)[:SAMPLE]),
        "towns": ["helsingor", "espergaerde", "snekkersten", "hornbaek", "tikob"],
        "categories": list(Category.objects.values_list("slug", flat=True)),
        "facilities_installed": apps.is_installed("facilities"),
        "rows": rows,
    }
    if data["facilities_installed"]:
        data.update(generator.facility_plan(sessions=_sessions))
        rows["facilities"] = apps.get_model("facilities", "Facility").objects.count()
        rows["bookings"] = apps.get_model("facilities", "Booking").objects.count()
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, default=str)


def _sessions(users) -> list[dict]:
    """A signed-in session and a CSRF secret for each user, as if they had logged in (no password hashing)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    alphabet = string.ascii_letters + string.digits
    sessions = []
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.set_expiry(dt.timedelta(hours=2))
        store.create()
        sessions.append(
            {"sessionid": store.session_key, "csrftoken": "".join(secrets.choice(alphabet) for _ in range(32))}
        )
    return sessions


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"setup": setup, "reuse": reuse, "plan": plan}[command](*arguments)
