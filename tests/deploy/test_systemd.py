"""The systemd units in deploy/systemd are valid for systemd and keep the sandboxing the operations guide promises."""

import shutil
import subprocess

import pytest
from django.conf import settings

UNITS = sorted((settings.BASE_DIR / "deploy" / "systemd").glob("*.service"))
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


@pytest.mark.skipif(not SYSTEMD_ANALYZE, reason="needs systemd-analyze (Debian's systemd package)")
def test_the_units_are_valid_for_systemd(tmp_path):
    # The programs are taken from this checkout's .venv instead of /srv/frivillig/app, so that they exist here.
    for unit in UNITS:
        text = unit.read_text().replace("/srv/frivillig/app/.venv/bin/", f"{settings.BASE_DIR}/.venv/bin/")
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", *[str(tmp_path / unit.name) for unit in UNITS]], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_each_unit_runs_sandboxed_as_its_own_user_and_restarts_on_failure(unit):
    lines = set(unit.read_text().splitlines())
    for directive in ["User=frivillig", "NoNewPrivileges=yes", "ProtectSystem=strict", "Restart=on-failure"]:
        assert directive in lines, f"{unit.name} lacks {directive}"


def test_exactly_one_unit_runs_beat():
    beats = [
        unit.name
        for unit in UNITS
        if any(line.startswith("ExecStart=") and " beat " in line for line in unit.read_text().splitlines())
    ]
    assert beats == ["frivillig-beat.service"]
