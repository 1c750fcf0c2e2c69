"""The figures of a scenario's run: its requests per second and latency percentiles, merged over rounds.

Apart from bench/load.py because importing Locust patches the standard library (gevent), which no test process should
get just to check this arithmetic.
"""

from collections import Counter


def summarise(times: list[float], seconds: float, failures: Counter, bookings: Counter | None) -> dict:
    return {
        "requests": len(times),
        "seconds": round(seconds, 3),
        "rps": len(times) / seconds if seconds else 0.0,
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "p99_ms": percentile(times, 99),
        "errors": sum(failures.values()),
        "error_samples": dict(failures.most_common(3)),
        **({"ok": bookings["ok"], "conflicts": bookings["conflicts"]} if bookings is not None else {}),
        # For merging rounds; not written out.
        "times": times,
        "failures": failures,
    }


INTERNAL = ("times", "failures")


def merge_rounds(parts: list[dict]) -> dict:
    """One summary of a scenario run in several rounds."""
    bookings = None
    if "ok" in parts[0]:
        bookings = sum((Counter(ok=part["ok"], conflicts=part["conflicts"]) for part in parts), Counter())
    return summarise(
        [t for part in parts for t in part["times"]],
        sum(part["seconds"] for part in parts),
        sum((part["failures"] for part in parts), Counter()),
        bookings,
    )


def percentile(values: list[float], percent: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index], 2)
