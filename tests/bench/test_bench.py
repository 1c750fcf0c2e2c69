"""The benchmark harness at a thousandth of the scale, a second per scenario: it must keep working.

Runs `python -m bench.run` as a subprocess, exactly like `make bench`, against a throw-away database next to the test
database, and checks the report's shape rather than any figure (the figures depend on the machine).
"""

import json
import os
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.apps import apps

from bench.run import READ_SCENARIOS
from bench.summary import merge_rounds, summarise

BASE_DIR = Path(__file__).resolve().parents[2]
FACILITY_SCENARIOS = {"facility_catalogue", "facility_availability", "api_facilities"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.postgres
def test_tiny_bench_run_writes_a_complete_report(tmp_path):
    # Named like the test database, with pytest-xdist's worker as a suffix: each worker runs the harness in parallel.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    database = f"test_{urlsplit(os.environ['DATABASE_URL']).path.strip('/')}{f'_{worker}' if worker else ''}_bench"
    command = [sys.executable, "-m", "bench.run", "--scale", "0.001", "--duration", "1", "--skip-build"]
    command += ["--database", database, "--port", str(_free_port()), "--output", str(tmp_path)]
    command += ["--booking-users", "8", "--min-requests", "3"]
    try:
        finished = subprocess.run(command, cwd=BASE_DIR, capture_output=True, text=True, timeout=240)
        assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    finally:
        _drop(database)

    report = json.loads((tmp_path / "report.json").read_text())
    assert set(report) == {"baseline", "scenarios", "bookings", "worker_peak_rss_mb"}
    assert report["baseline"]["rps"] > 0
    assert report["baseline"]["errors"] == 0
    facilities = apps.is_installed("facilities")
    expected = {name for name in READ_SCENARIOS if facilities or name not in FACILITY_SCENARIOS}
    if facilities:
        expected.add("booking_contention")
    assert set(report["scenarios"]) == expected
    for name, row in report["scenarios"].items():
        assert set(row) == {"rps", "p50_ms", "p95_ms", "p99_ms", "errors", "ratio"}, name
        assert row["errors"] == 0, (name, row)
        assert row["rps"] > 0, name
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"], name
    assert set(report["bookings"]) == {"ok", "conflicts", "overlaps", "ok_per_s"}
    if facilities:
        assert report["bookings"]["ok"] > 0
        assert report["bookings"]["overlaps"] == 0
    assert len(report["worker_peak_rss_mb"]) == 2
    assert all(mb > 10 for mb in report["worker_peak_rss_mb"])
    assert "| baseline |" in (tmp_path / "report.md").read_text()


def _drop(database: str) -> None:
    import psycopg
    from psycopg import sql

    admin_url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))


def test_rounds_merge_every_error_not_only_the_samples():
    kinds = Counter({"500": 2, "502": 1, "timeout": 1, "reset": 1})
    parts = [summarise([5.0, 6.0], 1.0, kinds, None), summarise([7.0], 1.0, Counter({"500": 1}), None)]
    merged = merge_rounds(parts)
    assert merged["errors"] == 6
    assert merged["requests"] == 3
    assert merged["rps"] == 1.5
    assert merged["error_samples"]["500"] == 3
