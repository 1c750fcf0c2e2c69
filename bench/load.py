"""The load generator: Locust as a library, one process, the scenarios one after another.

Run by bench/run.py as a separate process (`python -m bench.load PLAN.json RESULT.json`), so the load tool never
shares an interpreter with the server. Each scenario runs for a fixed duration or until a maximum number of requests,
whichever comes first (a slow scenario runs on until it has a minimum of requests, at most a minute or four
durations), with users that do not wait between requests (a closed loop: the server sets the pace).
Response times are collected exactly (every request), not from Locust's rounded buckets. With a paired baseline, each
scenario runs in rounds, and the baseline again for a few seconds before each round.
"""

import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, constant, task
from locust.env import Environment

from bench.summary import INTERNAL, merge_rounds, summarise

QUERIES = ["fodbold", "spejder", "kor", "skak", "roklub", "ældre", "børn", "svømning", "besøgsven", "lektiecafé",
           "natur", "idræt", "musik", "sejlklub", "seniorer"]  # fmt: skip
WARMUP_MAX_SECONDS = 10.0
MIN_CAP_SECONDS = 60.0  # the longest a scenario runs to collect its minimum of requests
PLAN_WAIT_SECONDS = 3 * 3600  # the data set at full scale takes a while


def _get(user, path: str, name: str, **params) -> None:
    url = f"{path}?{urlencode(params, doseq=True)}" if params else path
    user.client.get(url, name=name)


def baseline(user, data, rng, extra):
    _get(user, "/bench/baseline/", "baseline", id=rng.choice(data["association_ids"]))


def home(user, data, rng, extra):
    _get(user, "/", "home")


def directory_search(user, data, rng, extra):
    params = {"q": rng.choice(QUERIES)}
    if rng.random() < 0.5:
        params["town"] = rng.choice(data["towns"])
    if rng.random() < 0.3:
        params["category"] = rng.choice(data["categories"])
    _get(user, "/foreninger/", "directory_search", **params)


def association_profile(user, data, rng, extra):
    _get(user, f"/foreninger/{rng.choice(data['association_slugs'])}/", "association_profile")


def activities(user, data, rng, extra):
    params = {}
    if rng.random() < 0.6:
        params["town"] = rng.choice(data["towns"])
    if rng.random() < 0.3:
        params["category"] = rng.choice(data["categories"])
    if rng.random() < 0.3:
        params["age"] = rng.choice([8, 15, 35, 70])
    if rng.random() < 0.2:
        params["free"] = "on"
    _get(user, "/aktiviteter/", "activities", **params)


def facility_catalogue(user, data, rng, extra):
    params = {"town": rng.choice(data["towns"])} if rng.random() < 0.5 else {}
    _get(user, "/lokaler/", "facility_catalogue", **params)


def facility_availability(user, data, rng, extra):
    week = data["availability_weeks"][rng.randrange(len(data["availability_weeks"]))]
    slug = rng.choice(data["facility_slugs"])
    _get(user, f"/api/v1/facilities/{slug}/availability", "facility_availability", **{"from": week[0], "to": week[1]})


def grant_list(user, data, rng, extra):
    _get(user, "/tilskud/", "grant_list")


def story_list(user, data, rng, extra):
    _get(user, "/historier/", "story_list")


def api_associations(user, data, rng, extra):
    params = {"q": rng.choice(QUERIES)} if rng.random() < 0.5 else {}
    _get(user, "/api/v1/associations", "api_associations", **params)


def api_activities(user, data, rng, extra):
    params = {"town": rng.choice(data["towns"])} if rng.random() < 0.5 else {}
    _get(user, "/api/v1/activities", "api_activities", **params)


def api_volunteer_roles(user, data, rng, extra):
    _get(user, "/api/v1/volunteer-roles", "api_volunteer_roles")


def api_grants(user, data, rng, extra):
    _get(user, "/api/v1/grants", "api_grants")


def api_grant_awards(user, data, rng, extra):
    _get(user, "/api/v1/grants/awards", "api_grant_awards")


def api_facilities(user, data, rng, extra):
    _get(user, "/api/v1/facilities", "api_facilities")


def booking_contention(user, data, rng, extra):
    """A signed-in person books a random slot in one of a few facilities; 409 is the friendly conflict."""
    booking = data["booking"]
    session = booking["sessions"][rng.randrange(len(booking["sessions"]))]
    day = rng.choice(booking["days"])
    hour = rng.randrange(booking["first_hour"], booking["last_hour"])
    length = rng.choice([1, 2])
    payload = {
        "facility": rng.choice(booking["facilities"]),
        "start": f"{day}T{hour:02d}:00:00{booking['utc_offset']}",
        "end": f"{day}T{min(hour + length, booking['last_hour'] + 1):02d}:00:00{booking['utc_offset']}",
        "purpose": "Bench booking",
        "attendees": 5,
    }
    if session.get("association"):
        payload["association"] = session["association"]
    headers = {
        "Cookie": f"sessionid={session['sessionid']}; csrftoken={session['csrftoken']}",
        "X-CSRFToken": session["csrftoken"],
        "Content-Type": "application/json",
    }
    with user.client.post(
        "/api/v1/bookings", data=json.dumps(payload), headers=headers, name="booking_contention", catch_response=True
    ) as response:
        if response.status_code == 201:
            extra["ok"] += 1
        elif response.status_code == 409:
            extra["conflicts"] += 1
            response.success()
        else:
            response.failure(f"{response.status_code}: {(response.text or '')[:200]}")


SCENARIOS: dict[str, Callable] = {
    fn.__name__: fn
    for fn in (
        baseline,
        home,
        directory_search,
        association_profile,
        activities,
        facility_catalogue,
        facility_availability,
        grant_list,
        story_list,
        api_associations,
        api_activities,
        api_volunteer_roles,
        api_grants,
        api_grant_awards,
        api_facilities,
        booking_contention,
    )
}


def run_scenario(
    name: str,
    *,
    host: str,
    data: dict,
    users: int,
    duration: float,
    max_requests: int,
    min_requests: int = 20,
    seed: int = 9,
) -> dict:
    scenario = SCENARIOS[name]
    rng = random.Random(seed)
    times: list[float] = []
    failures: Counter = Counter()
    extra: Counter = Counter()

    class ScenarioUser(FastHttpUser):
        wait_time = constant(0)
        network_timeout = 30.0
        connection_timeout = 10.0

        @task
        def hit(self):
            scenario(self, data, rng, extra)

    ScenarioUser.host = host
    env = Environment(user_classes=[ScenarioUser])

    warm = Counter()

    def on_request(response_time=0.0, exception=None, **kwargs):
        if not warm["done"]:
            warm["requests"] += 1
            return
        times.append(response_time)
        if exception is not None:
            failures[str(exception)[:200]] += 1

    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=users)
    # Warm-up, not measured: every worker has loaded the page's code and templates.
    warm_until = time.monotonic() + WARMUP_MAX_SECONDS
    while warm["requests"] < max(users, 4) and time.monotonic() < warm_until:
        gevent.sleep(0.02)
    extra.clear()
    warm["done"] = 1
    started = time.monotonic()
    # A slow page still gets `min_requests` measured, unless it hits the hard cap on time.
    hard_stop = started + max(MIN_CAP_SECONDS, 4 * duration)
    while len(times) < max_requests and time.monotonic() < hard_stop:
        if time.monotonic() - started >= duration and len(times) >= min_requests:
            break
        gevent.sleep(0.05)
    elapsed = time.monotonic() - started
    count = len(times)
    runner.stop()
    runner.quit()
    return summarise(times[:count], elapsed, failures, extra if name == "booking_contention" else None)


def main(plan_path: str, result_path: str) -> None:
    deadline = time.monotonic() + PLAN_WAIT_SECONDS
    while not os.path.exists(plan_path):
        if time.monotonic() > deadline:
            sys.exit(f"no plan at {plan_path} after {PLAN_WAIT_SECONDS} s")
        time.sleep(0.2)
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    results = {}
    common = {
        "host": plan["host"],
        "data": plan["data"],
        "max_requests": plan["max_requests"],
        "min_requests": plan["min_requests"],
        "seed": plan.get("seed", 9),
    }
    paired = plan.get("paired_baseline_seconds", 0)
    rounds = max(1, plan.get("rounds", 1))
    for name in plan["scenarios"]:
        users = plan["users_booking"] if name == "booking_contention" else plan["users"]
        if paired and name != "baseline":
            # The scenario in rounds, each just after a round of the baseline: its ratio is then to the machine's
            # speed at those moments, which drifts by a third and more within a minute on a shared machine. Each
            # round draws other requests (its own seed), so a later round does not replay what an earlier cached.
            references, parts = [], []
            for k in range(rounds):
                each = {**common, "seed": common["seed"] + k}
                references.append(run_scenario("baseline", users=plan["users"], duration=paired / rounds, **each))
                parts.append(run_scenario(name, users=users, duration=plan["duration"] / rounds, **each))
            summary = {**merge_rounds(parts), "baseline_rps": merge_rounds(references)["rps"]}
        else:
            summary = run_scenario(name, users=users, duration=plan["duration"], **common)
        results[name] = summary = {key: value for key, value in summary.items() if key not in INTERNAL}
        print(
            f"  {name:24} {summary['requests']:6d} requests  {summary['rps']:8.1f}/s  p95 {summary['p95_ms']:7.1f} ms"
            f"  errors {summary['errors']}",
            flush=True,
        )
        with open(result_path, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main(*sys.argv[1:3])
