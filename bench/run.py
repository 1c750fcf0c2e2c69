"""`make bench`: data at municipal scale, gunicorn in production settings, a load run per scenario, a report.

    python -m bench.run [--scale 1] [--duration 15] [--users 4] [--max-requests 20000]

1. (Re)creates the database `portal_bench` on DATABASE_URL's server, migrates it, runs the demo seed (lookups and
   demo accounts) and fills it with bench/generate.py (counts of issue 9 times --scale).
2. collectstatic with production settings, then gunicorn (DJANGO_DEBUG=false, 2 sync workers) on 127.0.0.1 with
   bench.settings, which adds the baseline view /bench/baseline/ to the portal's URLs.
3. bench/load.py in a separate process drives each scenario for --duration seconds (or --max-requests requests),
   each after a few seconds of the baseline again: a scenario's ratio is to the baseline measured just before it.
4. Peak RSS per gunicorn worker (VmHWM from /proc), the SQL overlap check for bookings, and var/bench/report.json
   and report.md; the table is printed at the end.
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
READ_SCENARIOS = [
    "home",
    "directory_search",
    "association_profile",
    "activities",
    "facility_catalogue",
    "facility_availability",
    "grant_list",
    "story_list",
    "api_associations",
    "api_activities",
    "api_volunteer_roles",
    "api_grants",
    "api_grant_awards",
    "api_facilities",
]
FACILITY_SCENARIOS = {"facility_catalogue", "facility_availability", "api_facilities", "booking_contention"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every count of the data set")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per scenario")
    parser.add_argument("--max-requests", type=int, default=50_000, help="upper bound of requests per scenario")
    parser.add_argument("--min-requests", type=int, default=20, help="a slow scenario runs on until it has these")
    parser.add_argument("--users", type=int, default=4, help="concurrent clients for read scenarios")
    parser.add_argument("--booking-users", type=int, default=16, help="concurrent clients booking")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--database", default="portal_bench", help="database created on DATABASE_URL's server")
    parser.add_argument("--reuse-data", action="store_true", help="keep an existing bench database as it is")
    parser.add_argument("--output", type=Path, default=BASE_DIR / "var" / "bench")
    parser.add_argument("--skip-build", action="store_true", help="no compilemessages/collectstatic (the tiny run)")
    parser.add_argument(
        "--paired-baseline",
        type=float,
        default=None,
        help="seconds of baseline measured between each scenario's rounds, its ratio's reference (default a third "
        "of --duration; 0: every ratio is to the one baseline at the start)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="with a paired baseline, each scenario runs in this many rounds, each after a round of the baseline",
    )
    parser.add_argument(
        "--scenarios",
        type=lambda value: [name for name in value.split(",") if name],
        default=None,
        help="comma-separated subset of the scenarios (the baseline always runs)",
    )
    args = parser.parse_args(argv)
    unknown = set(args.scenarios or ()) - {*READ_SCENARIOS, "booking_contention"}
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")

    server_url = os.environ.get("DATABASE_URL", "")
    if urlsplit(server_url).scheme not in ("postgres", "postgresql"):
        parser.error("DATABASE_URL must point at a Postgres server; the bench database is created next to it.")
    bench_url = urlunsplit(urlsplit(server_url)._replace(path=f"/{args.database}"))
    args.output.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    created = _create_database(server_url, args.database, reuse=args.reuse_data)
    env = _server_env(bench_url, args.port)
    setup_env = {**env, "DJANGO_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    if args.skip_build:
        # The tiny run in `make test`: catalogues are compiled by then, and static files are not part of any
        # scenario, so the pages name them without the (slow to build) manifest.
        env["BENCH_PLAIN_STATIC"] = "true"
    else:
        ignore = ["--ignore", ".venv", "--ignore", ".tools", "--ignore", "node_modules", "--ignore", "var"]
        _step("compilemessages", [PYTHON, "manage.py", "compilemessages", *ignore, "-v", "0"], env)
        if _static_is_current():
            print("collectstatic: var/static is up to date", flush=True)
        else:
            _step("collectstatic", [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)

    plan_path = args.output / "plan.json"
    result_path = args.output / "load-results.json"
    plan_path.unlink(missing_ok=True)
    result_path.unlink(missing_ok=True)
    # The server and the load tool start while the data is generated (both take seconds to import); the load tool
    # waits for the plan, which is written once the server answers.
    print(
        f"gunicorn on 127.0.0.1:{args.port} with {args.workers} workers (log in {args.output}/gunicorn.log)", flush=True
    )
    server_log = (args.output / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{args.port}"]
        + ["--workers", str(args.workers), "--worker-class", "sync", "--log-level", "warning"],
        cwd=BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        start_new_session=True,
        # Django logs every refused booking (409) as a warning; the log is kept beside the report.
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    load = subprocess.Popen([PYTHON, "-m", "bench.load", str(plan_path), str(result_path)], cwd=BASE_DIR)
    monitor = RssMonitor(gunicorn.pid)
    try:
        data_path = args.output / "plan-data.json"
        if created:
            _step("data", [PYTHON, "-m", "bench.prepare", "setup", str(args.scale), str(data_path)], setup_env)
        else:
            _step("plan", [PYTHON, "-m", "bench.prepare", "reuse", str(data_path)], setup_env)
        data = json.loads(data_path.read_text())
        setup_seconds = time.monotonic() - started
        scenarios = ["baseline", *READ_SCENARIOS, "booking_contention"]
        if args.scenarios:
            scenarios = ["baseline", *(name for name in scenarios[1:] if name in args.scenarios)]
        if not data["facilities_installed"]:
            scenarios = [name for name in scenarios if name not in FACILITY_SCENARIOS]
        plan = {
            "host": f"http://127.0.0.1:{args.port}",
            "data": data,
            "scenarios": scenarios,
            "users": args.users,
            "users_booking": args.booking_users,
            "duration": args.duration,
            "max_requests": args.max_requests,
            "min_requests": args.min_requests,
            "paired_baseline_seconds": args.duration / 3 if args.paired_baseline is None else args.paired_baseline,
            "rounds": args.rounds,
            # A new seed per run: with --reuse-data the same seed would replay the slots already booked last time.
            "seed": secrets.randbits(32),
        }
        _wait_until_up(f"{plan['host']}/bench/baseline/?id={data['association_ids'][0]}", gunicorn)
        monitor.start()
        print(f"load: {len(scenarios)} scenarios, {args.duration} s each", flush=True)
        partial = plan_path.with_suffix(".tmp")
        partial.write_text(json.dumps(plan))
        partial.rename(plan_path)
        # Each scenario: warm-up (at most 10 s), then its duration, or up to max(60 s, 4 durations) if slow.
        if load.wait(timeout=len(scenarios) * (max(60, 4 * args.duration) + 30) + 120) != 0:
            raise RuntimeError("the load run failed")
        monitor.sample()
    finally:
        monitor.stop()
        if load.poll() is None:
            load.kill()
        os.killpg(gunicorn.pid, signal.SIGTERM)
        try:
            gunicorn.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(gunicorn.pid, signal.SIGKILL)
            gunicorn.wait()
        server_log.close()

    overlaps = overlap_count(bench_url) if data["facilities_installed"] else None
    results = json.loads(result_path.read_text())
    report = build_report(results, overlaps=overlaps, rss=monitor.peaks_mb())
    details = {
        "scale": args.scale,
        "duration_s": args.duration,
        "users": args.users,
        "booking_users": args.booking_users,
        "workers": args.workers,
        "rows": data["rows"],
        "setup_s": round(setup_seconds, 1),
        "cpus": os.cpu_count(),
        "seed": plan["seed"],
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "requests": {name: result["requests"] for name, result in results.items()},
        "paired_baseline_rps": {
            name: round(result["baseline_rps"], 1) for name, result in results.items() if "baseline_rps" in result
        },
        "error_samples": {name: result["error_samples"] for name, result in results.items() if result["errors"]},
    }
    (args.output / "report.json").write_text(json.dumps(report, indent=2))
    (args.output / "details.json").write_text(json.dumps(details, indent=2))
    markdown = render_markdown(report, details)
    (args.output / "report.md").write_text(markdown)
    print()
    print(markdown)
    return 0


def build_report(results: dict, *, overlaps: int | None, rss: list[float]) -> dict:
    """Exactly the shape of issue 9 (bookings also give ok_per_s, which the issue asks for in words)."""
    fields = ("rps", "p50_ms", "p95_ms", "p99_ms", "errors")
    baseline = {key: round(results["baseline"][key], 2) for key in fields}
    scenarios = {}
    for name, result in results.items():
        if name == "baseline":
            continue
        scenarios[name] = {key: round(result[key], 2) for key in fields}
        # A machine's speed drifts over a run (other tenants, heat); a baseline measured just before the scenario is
        # the fairer reference when there is one.
        reference = result.get("baseline_rps") or baseline["rps"]
        scenarios[name]["ratio"] = round(result["rps"] / reference, 3) if reference else 0.0
    booking = results.get("booking_contention")
    bookings = {
        "ok": booking["ok"] if booking else 0,
        "conflicts": booking["conflicts"] if booking else 0,
        "overlaps": overlaps,
        "ok_per_s": round(booking["ok"] / booking["seconds"], 2) if booking and booking["seconds"] else 0.0,
    }
    return {
        "baseline": baseline,
        "scenarios": scenarios,
        "bookings": bookings,
        "worker_peak_rss_mb": rss,
    }


def render_markdown(report: dict, meta: dict) -> str:
    base = report["baseline"]
    lines = [
        "# Benchmark report",
        "",
        f"Scale {meta.get('scale')}, {meta.get('duration_s')} s per scenario, {meta.get('users')} clients "
        f"({meta.get('booking_users')} booking), {meta.get('workers')} gunicorn workers, {meta.get('cpus')} CPUs.",
        "",
        "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | ratio | baseline req/s between its rounds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| baseline | {base['rps']:.1f} | {base['p50_ms']:.1f} | {base['p95_ms']:.1f} | {base['p99_ms']:.1f} "
        f"| {base['errors']} | 1.000 | |",
    ]
    paired = meta.get("paired_baseline_rps", {})
    for name, row in report["scenarios"].items():
        reference = f"{paired[name]:.1f}" if name in paired else ""
        lines.append(
            f"| {name} | {row['rps']:.1f} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['errors']} | {row['ratio']:.3f} | {reference} |"
        )
    bookings = report["bookings"]
    lines += [
        "",
        f"Bookings under contention: {bookings['ok']} made ({bookings['ok_per_s']}/s), {bookings['conflicts']} "
        f"conflicts, {bookings['overlaps']} overlapping active bookings.",
        "",
        "Peak RSS per gunicorn worker: " + ", ".join(f"{mb:.1f} MB" for mb in report["worker_peak_rss_mb"]) + ".",
    ]
    lines += ["", f"Set-up {meta.get('setup_s')} s; load average at the end {meta.get('load_average')}."]
    rows = meta.get("rows")
    if rows:
        lines += ["", "Rows: " + ", ".join(f"{key} {value:,}" for key, value in rows.items()) + "."]
    return "\n".join(lines) + "\n"


class RssMonitor:
    """Samples the gunicorn workers' peak resident set (VmHWM) every half second; a restarted worker counts too."""

    def __init__(self, master_pid: int):
        self.master_pid = master_pid
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        for pid in _children(self.master_pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    self.peaks[pid] = max(self.peaks.get(pid, 0), int(line.split()[1]))

    def peaks_mb(self) -> list[float]:
        return [round(kb / 1024, 1) for _, kb in sorted(self.peaks.items())]


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def overlap_count(database_url: str) -> int:
    """Pairs of active bookings of one facility whose taken spans (buffers included) overlap: must be 0."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(OVERLAP_SQL).fetchone()[0]


OVERLAP_SQL = """
SELECT count(*) FROM facilities_booking a JOIN facilities_booking b
  ON a.facility_id = b.facility_id AND a.id < b.id
 AND tstzrange(a.span_start, a.span_end) && tstzrange(b.span_start, b.span_end)
WHERE a.status IN ('requested', 'confirmed') AND b.status IN ('requested', 'confirmed')
"""


def _create_database(server_url: str, name: str, *, reuse: bool) -> bool:
    """Drop and create the bench database; returns False when an existing one is reused."""
    import psycopg
    from psycopg import sql

    admin_url = urlunsplit(urlsplit(server_url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reuse:
            print(f"reusing database {name}", flush=True)
            return False
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    print(f"created database {name}", flush=True)
    return True


def _server_env(database_url: str, port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        # Plain http on 127.0.0.1: no TLS terminator in front, so no redirect to https.
        DJANGO_SECURE_SSL_REDIRECT="false",
        EMAIL_URL=env.get("BENCH_EMAIL_URL", "smtp://127.0.0.1:2525"),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    return env


def _static_is_current() -> bool:
    """True when the manifest in var/static is newer than every source file (collectstatic takes minutes)."""
    manifest = BASE_DIR / "var" / "static" / "staticfiles.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    # The portal's own static/ and the apps' static/ folders; npm packages count as changed when reinstalled.
    npm = BASE_DIR / "node_modules" / ".installed"
    if not npm.exists() or npm.stat().st_mtime > built:
        return False
    for folder in [BASE_DIR / "static", *(p for p in BASE_DIR.glob("*/static") if p.parent.name != "var")]:
        for path in folder.rglob("*"):
            if path.is_file() and path.stat().st_mtime > built:
                return False
    return True


def _step(label: str, command: list[str], env: dict[str, str]) -> None:
    started = time.monotonic()
    print(f"{label} …", flush=True)
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)
    print(f"{label}: {time.monotonic() - started:.1f} s", flush=True)


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout} s")


if __name__ == "__main__":
    sys.exit(main())
