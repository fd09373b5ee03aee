"""What every stand-in shares: the server, its request log, scripted faults, a fake clock."""

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

START = datetime(2026, 11, 20, 9, 0, 0, tzinfo=timezone.utc).timestamp()


class FakeClock:
    """Time that only sleep() and advance() move: no real waiting in the tests."""

    def __init__(self, start=START):
        self.t = float(start)
        self.sleeps = []
        self._lock = threading.Lock()

    def now(self):
        with self._lock:
            return self.t

    def sleep(self, seconds):
        with self._lock:
            self.sleeps.append(seconds)
            self.t += max(0.0, seconds)

    def advance(self, seconds):
        with self._lock:
            self.t += seconds


def iso(epoch):
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Seen:
    """A request the stand-in received, at the (fake) time it arrived."""

    time: float
    method: str
    path: str
    query: dict
    headers: dict
    body: object = None

    def arg(self, name, default=None):
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class Fault:
    path: str  # the end of the request path; '/part/' matches anywhere in it
    kind: str  # 429, 500, 503, malformed, slow, drop, die, expired
    times: int = 1
    skip: int = 0  # matching requests answered normally first
    options: dict = field(default_factory=dict)

    def matches(self, path):
        if self.path.startswith("/") and self.path.endswith("/"):
            return self.path in path
        return path.endswith(self.path)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # no 40 ms delayed-ACK stall per answer

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        self.server.standin.dispatch(self)

    def do_POST(self):  # noqa: N802 - http.server's name
        self.server.standin.dispatch(self)


class StandIn:
    """A platform's API on 127.0.0.1: subclasses answer ``route(seen)``."""

    def __init__(self, clock=None):
        self.clock = clock
        self.requests = []
        self.faults = []
        self.dead = False
        self.server = None
        self.port = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._life = threading.Lock()
        self._stopping = None

    # ------------------------------------------------------------------ life
    def start(self, port=None):
        if self._stopping is not None:  # died: wait until its socket is closed
            self._stopping.join()
            self._stopping = None
        self.server = ThreadingHTTPServer(
            ("127.0.0.1", self.port if port is None else port), Handler
        )
        self.server.daemon_threads = True
        self.server.standin = self
        self.port = self.server.server_address[1]
        self.dead = False
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self):
        with self._life:
            if self.server is not None:
                self.server.shutdown()
                self.server.server_close()
                self.server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self):
        return "http://127.0.0.1:%s" % self.port

    def fault(self, path, kind, times=1, skip=0, **options):
        self.faults.append(Fault(path, kind, times, skip, options))

    def seen(self, path=None):
        """The requests received, those whose path ends with ``path`` when given."""
        with self._lock:
            return [r for r in self.requests if path is None or r.path.endswith(path)]

    # ------------------------------------------------------------------ answers
    def now(self):
        return self.clock.now() if self.clock else time.time()

    def dispatch(self, handler):
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        body = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw
        seen = Seen(
            self.now(),
            handler.command,
            parts.path,
            parse_qs(parts.query, keep_blank_values=True),
            {k.lower(): v for k, v in handler.headers.items()},
            body,
        )
        with self._lock:
            self.requests.append(seen)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.dead:
                return self._drop(handler)
            fault = self._fault(seen)
            if fault is not None:
                if fault.kind == "die":
                    self.dead = True
                    stopping = threading.Thread(target=self.stop, daemon=True)
                    stopping.start()
                    self._stopping = stopping  # before the client can see the drop
                    return self._drop(handler)
                if fault.kind == "drop":
                    return self._drop(handler)
                if fault.kind == "slow":
                    time.sleep(fault.options.get("seconds", 1.0))
                else:
                    return self._send(handler, *self.faulty(fault, seen))
            self._send(handler, *self.answer(seen))
        finally:
            with self._lock:
                self.in_flight -= 1

    def _fault(self, seen):
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.matches(seen.path):
                    if fault.skip > 0:
                        fault.skip -= 1
                        return None
                    fault.times -= 1
                    return fault
        return None

    def faulty(self, fault, seen):
        if fault.kind in ("429", "500", "503"):
            status = int(fault.kind)
            headers = {}
            if "retry_after" in fault.options:
                headers["Retry-After"] = str(fault.options["retry_after"])
            titles = {429: "Too Many Requests", 500: "Internal Server Error", 503: "Unavailable"}
            return (status, headers) + self.error_body(status, titles[status], "scripted fault")
        if fault.kind == "malformed":
            return 200, {}, b'{"truncated": [{"id": 1, "name": "cut', "application/json"
        if fault.kind == "expired":
            return (401, {}) + self.expired_body()
        raise ValueError(fault.kind)

    def answer(self, seen):
        """(status, headers, bytes, content type) for a request without a fault."""
        try:
            result = self.route(seen)
        except KeyError:
            return (404, {}) + self.error_body(404, "Not Found", "no route for %s" % seen.path)
        status, headers, payload = result
        if isinstance(payload, bytes | bytearray):
            return (
                status,
                headers,
                bytes(payload),
                headers.pop("Content-Type", "application/octet-stream"),
            )
        return status, headers, json.dumps(payload).encode(), "application/json"

    def route(self, seen):
        raise NotImplementedError

    def error_body(self, status, title, detail):
        """(bytes, content type) of the platform's error body."""
        return json.dumps({"error": title, "detail": detail}).encode(), "application/json"

    def expired_body(self):
        return self.error_body(401, "Unauthorized", "the token expired")

    def error(self, status, title, detail, headers=None):
        data, content_type = self.error_body(status, title, detail)
        return status, dict(headers or {}, **{"Content-Type": content_type}), data

    # ------------------------------------------------------------------ wire
    @staticmethod
    def _send(handler, status, headers, data, content_type):
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                if name != "Content-Type":
                    handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout): nothing to answer

    @staticmethod
    def _drop(handler):
        """Close the connection without an answer (a server that died)."""
        handler.close_connection = True
        try:
            handler.connection.shutdown(2)
        except OSError:
            pass
        return None


def page_of(items, page, size):
    start = (page - 1) * size
    return items[start : start + size]
