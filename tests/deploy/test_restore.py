"""The restore drill of docs/operations.md, on a small database: back up, restore into a fresh database, migrate,
and serve pages and a private attachment from the restored copy alone.

The backup is `pg_dump` of the test database plus a copy of PRIVATE_MEDIA_ROOT; the restored portal runs in a
separate process whose only database is the restored one and whose only files are the restored copy.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.factories.grants import AttachmentFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DRILL = """
import json

import django
from django.core.management import call_command

django.setup()
call_command("migrate", interactive=False, verbosity=0)

from django.test import Client

from grants.models import Attachment

attachment = Attachment.objects.select_related("application__scheme", "application__applicant").get()
scheme = attachment.application.scheme
client = Client()
page = client.get(scheme.get_absolute_url())
client.force_login(attachment.application.applicant)
download = client.get(attachment.get_absolute_url())
print(json.dumps({
    "page": page.status_code,
    "scheme_shown": scheme.title_da in page.content.decode(),
    "download": download.status_code,
    "file": b"".join(download).decode(),
}))
"""


def _pg(database: str) -> tuple[list[str], dict]:
    """Connection arguments for the Postgres client programs, and their environment."""
    db = django_settings.DATABASES["default"]
    args = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"], "-d", database]
    return args, {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}


def _database_url(database: str) -> str:
    db = django_settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database}"


@pytest.fixture
def fresh_database():
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_a_fresh_database_that_serves_the_portal(settings, tmp_path, fresh_database):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    AttachmentFactory(file__data=b"%PDF-1.4\nbudget from before the backup\n")

    # The backup: the database in pg_dump's custom format and a copy of the private files.
    dump = tmp_path / "portal.dump"
    args, env = _pg(connection.settings_dict["NAME"])
    subprocess.run(["pg_dump", "--format=custom", "--file", str(dump), *args], env=env, check=True)
    backup = tmp_path / "backup-private"
    shutil.copytree(settings.PRIVATE_MEDIA_ROOT, backup)
    # The machine is lost.
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)

    args, env = _pg(fresh_database)
    subprocess.run(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, str(dump)], env=env, check=True
    )
    restored_private = tmp_path / "restored-private"
    shutil.copytree(backup, restored_private)

    result = subprocess.run(
        [sys.executable, "-c", DRILL],
        cwd=django_settings.BASE_DIR,
        env={
            **{key: value for key, value in os.environ.items() if key != "REDIS_URL"},
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DJANGO_DEBUG": "true",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": _database_url(fresh_database),
            "PRIVATE_MEDIA_ROOT": str(restored_private),
            "MEDIA_ROOT": str(tmp_path / "media"),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert served == {
        "page": 200,
        "scheme_shown": True,
        "download": 200,
        "file": "%PDF-1.4\nbudget from before the backup\n",
    }
