import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _planned_commands(*args: str) -> str:
    # `make -n` prints the commands without running them.
    return subprocess.run(["make", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_it_serves_on_the_port_given_and_links_to_it():
    commands = _planned_commands("PORT=8101")
    assert "runserver 127.0.0.1:8101" in commands
    # The demo data, the web server and Celery beat (which sends the mails) all link to the port served.
    for command in ("manage.py migrate", "manage.py seed_demo", "bash -c"):
        line = next(line for line in commands.splitlines() if command in line)
        assert "SITE_URL=http://127.0.0.1:8101" in line, command


def test_it_serves_on_port_8000_by_default():
    commands = _planned_commands()
    assert "runserver 127.0.0.1:8000" in commands
    assert "SITE_URL=http://127.0.0.1:8000" in commands
