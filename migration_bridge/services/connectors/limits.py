"""The client-side throttle: rate limits, the daily budget and the waits a server asks for.

``Throttle.acquire()`` is called before every call, retries and file downloads
included. It sleeps (through the injected clock) until every rate limit allows one
more call and any wait a server asked for (``Retry-After``) has passed, then counts
the call. Its counts live in a plain dict the caller persists with the extraction
state (``ConnectorState.budget``), so that the daily budget and the last minute's calls
are counted across runs and processes that share the state:

    {"day": "2026-11-20", "calls": 5230, "recent": {"": [epoch seconds, ...]},
     "not_before": epoch seconds}

A day is a UTC calendar day. When the day's budget is spent, or the server asked for a
wait longer than ``max_wait``, ``acquire`` raises ``Paused`` with the time after which
the extraction may resume: the extraction stops there, its checkpoint kept, and
returns that time instead of failing.
"""

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .errors import Paused

DEFAULT_MAX_WAIT = 15 * 60  # seconds a server may make us wait before the extraction pauses


class SystemClock:
    """Wall-clock time and real sleep; tests inject a clock whose sleep advances time."""

    def now(self):
        return time.time()

    def sleep(self, seconds):
        if seconds > 0:
            time.sleep(seconds)


SYSTEM_CLOCK = SystemClock()


@dataclass(frozen=True)
class RateLimit:
    """At most ``calls`` calls in any ``per`` seconds (of one ``bucket`` of calls when
    set, e.g. HubSpot's search endpoints, which have a limit of their own)."""

    calls: int
    per: float
    bucket: str = ""


def utc_day(epoch):
    return datetime.fromtimestamp(epoch, timezone.utc).date().isoformat()


def next_utc_midnight(epoch):
    day = datetime.fromtimestamp(epoch, timezone.utc).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()


class Throttle:
    """Rate limits, a daily budget and server-imposed waits, counted in ``state``."""

    def __init__(
        self, state, clock=None, limits=(), daily=None, max_wait=DEFAULT_MAX_WAIT, lock=None
    ):
        self.state = state
        self.clock = clock or SYSTEM_CLOCK
        self.limits = tuple(limits)
        self.daily = daily
        self.max_wait = max_wait
        self._lock = lock or threading.RLock()  # shared with the state's other writers
        self.made = 0  # calls this throttle let through (this run's count)
        state.setdefault("day", None)
        state.setdefault("calls", 0)
        state.setdefault("recent", {})
        state.setdefault("not_before", 0)

    def __repr__(self):
        return "Throttle(limits=%r, daily=%r, calls today=%r)" % (
            self.limits,
            self.daily,
            self.state.get("calls"),
        )

    @property
    def calls_today(self):
        return self.state["calls"] if self.state.get("day") == utc_day(self.clock.now()) else 0

    def remaining_today(self):
        """Calls left in today's budget (None: no daily budget)."""
        return None if self.daily is None else max(0, self.daily - self.calls_today)

    def hold(self, seconds):
        """No call before ``seconds`` from now (a Retry-After, a backoff)."""
        with self._lock:
            until = self.clock.now() + max(0.0, float(seconds))
            self.state["not_before"] = max(self.state.get("not_before") or 0, until)

    def acquire(self, bucket=""):
        """Wait until one more call is allowed, then count it; ``Paused`` if it cannot be
        made before ``max_wait`` (a long Retry-After) or today (the budget is spent)."""
        with self._lock:
            while True:
                now = self.clock.now()
                today = utc_day(now)
                if self.state.get("day") != today:
                    self.state["day"], self.state["calls"] = today, 0
                if self.daily is not None and self.state["calls"] >= self.daily:
                    raise Paused(
                        next_utc_midnight(now),
                        "the daily budget of %s calls is spent" % self.daily,
                    )
                held = (self.state.get("not_before") or 0) - now
                if held > self.max_wait:
                    raise Paused(
                        self.state["not_before"],
                        "the server asked to wait %d s before the next call" % held,
                    )
                wait = max(held, self._rate_wait(now, bucket))
                if wait <= 0:
                    break
                self.clock.sleep(wait)
            self.state["calls"] += 1
            self.made += 1
            self._note(now, bucket)

    def _recent(self, bucket):
        return self.state["recent"].setdefault(bucket, [])

    def _rate_wait(self, now, bucket):
        wait = 0.0
        for limit in self.limits:
            if limit.bucket and limit.bucket != bucket:
                continue
            times = [t for t in self._recent(limit.bucket) if t > now - limit.per]
            if len(times) >= limit.calls:
                wait = max(wait, times[len(times) - limit.calls] + limit.per - now)
        return wait

    def _note(self, now, bucket):
        keep = {}
        for limit in self.limits:
            if not limit.bucket or limit.bucket == bucket:
                keep[limit.bucket] = max(keep.get(limit.bucket, 0), limit.per)
        for name, per in keep.items():
            times = [t for t in self._recent(name) if t > now - per]
            times.append(now)
            self.state["recent"][name] = times
