"""What every connector shares: accounts, object listings, the extraction and its files.

A ``Connector`` knows a platform: its accounts (base URL and credentials; ELMA365 has
one per HUB tenant), its rate limits and daily budget, and one ``Listing`` per source
object (the call that lists it, its paging, its records key, the detail call made for
each listed item, the delta variant, the files a record lists). An ``Extraction``
(``connector.extraction(state, spool_dir)``) runs those listings with one session per
account, writes the records to a spool per object, keeps the checkpoint in the
caller's ``ConnectorState`` and hands the caller a snapshot to persist after every
page; ``tables(object)`` reads a finished object's spool with the JSON reader.
"""

import logging
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import Problem
from ..readers import SourceTable, read_sources
from .credentials import Masker, Secret, clean_url, fingerprint
from .delta import DELTA_OVERLAP, iso
from .errors import ConnectorError, ExtractionIncomplete, Paused
from .limits import DEFAULT_MAX_WAIT, SYSTEM_CLOCK, Throttle
from .paging import Pager, dig
from .spool import Spool, SpoolLost, spool_name
from .state import ConnectorState
from .transport import (
    DEFAULT_BACKOFF,
    DEFAULT_BACKOFF_MAX,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    Transport,
)

_logger = logging.getLogger(__name__)

CHECKPOINT_EVERY = 50  # records fetched one call each (details) between two checkpoints
MAX_WORKERS = 8  # parallel downloads, at most
DEFAULT_WORKERS = 4
UNSAFE_FILE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Account:
    """One base URL and its credentials (a D-Tools key, an ELMA365 tenant's token)."""

    name: str
    base_url: str
    secrets: tuple
    headers: Callable  # () -> {header: value}, the credentials revealed for one request
    refresh: Callable = None  # () -> None: renew an expired token (OAuth), when possible

    def __repr__(self):
        return "<Account %r %s (credentials ***)>" % (self.name, clean_url(self.base_url))

    @property
    def key_id(self):
        return fingerprint(*self.secrets)


@dataclass
class Listing:
    """How one source object is listed: one call per page, then maybe one per record.

    ``records``: the dotted path of the list in an answer ('clients', 'result.result')
    or a callable (answer -> list). ``detail(calls, item)`` returns the full record of a
    listed item (D-Tools GetClient). ``delta(since)`` returns the listing that asks only
    for what changed since an ISO time (None: the API has no such filter). ``files(record)``
    lists the FileRefs of a record. ``check(answer)`` raises when a 200 answer says it
    failed (``success: false``).
    """

    object_name: str
    path: str
    pager: Pager
    records: object
    method: str = "GET"
    params: dict = field(default_factory=dict)
    body: dict = None
    id_key: str = "id"
    detail: Callable = None
    delta: Callable = None
    files: Callable = None
    check: Callable = None
    account: str = ""
    bucket: str = ""
    label: str = ""
    prepare: Callable = None  # (calls) -> {"params": {...}, "body": {...}}, once per extraction

    def with_prepared(self, prepared):
        """This listing with what ``prepare`` answered (HubSpot's property names)."""
        params = dict(self.params, **(prepared.get("params") or {}))
        body = (
            dict(self.body or {}, **(prepared.get("body") or {}))
            if prepared.get("body")
            else self.body
        )
        return replace(self, params=params, body=body, prepare=None)

    def items(self, answer):
        found = self.records(answer) if callable(self.records) else dig(answer, self.records)
        if found is None:
            return None
        return found if isinstance(found, list) else None

    def id_of(self, item):
        if not isinstance(item, dict):
            return None
        value = item.get(self.id_key)
        return None if value is None else str(value)


@dataclass(frozen=True)
class FileRef:
    """A file a record lists, to download: the table listing it, its id and name, where."""

    object_name: str
    id: str
    name: str
    url: str = None  # absolute, or a path on the account's API
    parent_object: str = None
    parent_id: str = None
    account: str = ""
    link: str = None  # a call whose answer holds the download link (ELMA365 get-link)

    @property
    def key(self):
        return ":".join((self.account, self.object_name, self.id))


@dataclass
class FileResult:
    ref: FileRef
    size: int = None
    sha1: str = None
    error: ConnectorError = None
    skipped: bool = False  # downloaded by an earlier run of this extraction


@dataclass
class ObjectOutcome:
    """What one run of one object's extraction did."""

    object_name: str
    done: bool = False
    paused: bool = False
    resume_after: float = None
    reason: str = ""
    records: int = 0  # spooled in this extraction (all runs)
    pages: int = 0  # pages fetched by this run
    calls: int = 0  # calls made by this run (retries included)
    since: str = None  # where a delta started; None for a full listing


@dataclass
class RunOutcome:
    objects: list = field(default_factory=list)

    @property
    def done(self):
        return bool(self.objects) and all(o.done for o in self.objects)

    @property
    def paused(self):
        return any(o.paused for o in self.objects)

    @property
    def resume_after(self):
        return max((o.resume_after for o in self.objects if o.paused), default=None)


@dataclass
class DownloadOutcome:
    results: list = field(default_factory=list)
    paused: bool = False
    resume_after: float = None
    reason: str = ""

    @property
    def failed(self):
        return [r for r in self.results if r.error]


def into_directory(directory):
    """An ``open_target`` writing each file to ``directory/<id>`` (the layout of an
    upload's ``files/<id>``); safe to call from several threads."""
    directory = Path(directory)

    def open_target(ref):
        directory.mkdir(parents=True, exist_ok=True)
        name = UNSAFE_FILE.sub("_", ref.id).strip(".") or "file"
        if ref.account:
            name = "%s_%s" % (UNSAFE_FILE.sub("_", ref.account), name)
        return open(directory / name, "wb")  # noqa: SIM115 - the connector closes it

    return open_target


class Connector:
    """A platform's API as a source of tables. Subclasses declare the platform."""

    platform = ""  # the registry's code
    label = ""
    default_base_url = None
    limits = ()  # RateLimit, per account
    daily = None  # calls a day per account's key, or None
    delta_overlap = DELTA_OVERLAP
    rate_headers = None  # (calls left in the window, seconds to its reset) header names

    def __init__(
        self,
        base_url=None,
        credentials=None,
        *,
        clock=None,
        timeout=DEFAULT_TIMEOUT,
        retries=DEFAULT_RETRIES,
        backoff=DEFAULT_BACKOFF,
        backoff_max=DEFAULT_BACKOFF_MAX,
        rng=None,
        page_size=None,
        max_wait=DEFAULT_MAX_WAIT,
        limits=None,
        daily=(),
        objects=None,
    ):
        self.clock = clock or SYSTEM_CLOCK
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.backoff_max = backoff_max
        self.rng = rng
        self.page_size = page_size
        self.max_wait = max_wait
        if limits is not None:
            self.limits = tuple(limits)
        if daily != ():
            self.daily = daily
        self.accounts = {a.name: a for a in self._accounts(base_url, dict(credentials or {}))}
        self.masker = Masker(s for a in self.accounts.values() for s in a.secrets)
        self._objects = list(objects) if objects else None

    def __repr__(self):
        urls = ", ".join(clean_url(a.base_url, self.masker) for a in self.accounts.values())
        return "<%s %s (credentials ***)>" % (self.__class__.__name__, urls)

    # ------------------------------------------------------------------ declared
    def _accounts(self, base_url, credentials):
        """[Account]: the platform's accounts from the base URL and credentials."""
        raise NotImplementedError

    def object_names(self):
        """The source objects, in the order an extraction reads them."""
        return list(self._objects or self.default_objects())

    def default_objects(self):
        raise NotImplementedError

    def listing(self, object_name):
        raise NotImplementedError

    def resolve_file(self, calls, ref):
        """The URL to download a FileRef from (a get-link call where the API has one)."""
        return ref.url

    # ------------------------------------------------------------------ helpers
    def _secret(self, credentials, *names, required=True):
        for name in names:
            value = credentials.get(name)
            if value:
                return value if isinstance(value, Secret) else Secret(value)
        if required:
            raise ConnectorError(
                "no %s was given; enter it in the connection's settings" % names[0],
                self.label or self.platform,
            )
        return None

    def _base(self, base_url):
        url = (base_url or self.default_base_url or "").strip()
        if not url.startswith(("http://", "https://")):
            raise ConnectorError(
                "the base URL %r is not an http(s) URL" % clean_url(url), self.label
            )
        return url.rstrip("/")

    def extraction(self, state, spool_dir, delta=None, on_checkpoint=None):
        """An extraction of this source: ``with connector.extraction(...) as run:``.

        ``delta``: ask only for what changed since each object's watermark; None takes
        what ``state.new_extraction(delta=...)`` recorded (False for a first one)."""
        return Extraction(self, state, spool_dir, delta=delta, on_checkpoint=on_checkpoint)


class Calls:
    """The calls one object's extraction makes on its account (for detail callables)."""

    def __init__(self, transport, object_name, bucket=""):
        self.transport, self.object_name, self.bucket = transport, object_name, bucket

    def json(self, method, path, params=None, body=None, bucket=None):
        return self.transport.json(
            method, path, self.object_name, params, body, self.bucket if bucket is None else bucket
        )

    def fail(self, reason, path, method="GET", title=None, detail=None, status=200):
        transport = self.transport
        return ConnectorError(
            reason,
            transport.platform,
            self.object_name,
            method,
            transport.path_of(transport.absolute(path)),
            status,
            transport.masker(title),
            transport.masker(detail),
        )


class Extraction:
    """One extraction of a source: objects one by one, resumable from the state."""

    def __init__(self, connector, state, spool_dir, delta=None, on_checkpoint=None):
        self.connector = connector
        self.state = state if isinstance(state, ConnectorState) else ConnectorState(state)
        self.spool_dir = Path(spool_dir)
        if delta is None:  # a resumed extraction: as it was started
            delta = bool(self.state.data["extraction"].get("delta"))
        self.delta = delta
        self.on_checkpoint = on_checkpoint
        self.clock = connector.clock
        self._lock = threading.RLock()
        self._transports = {}
        if not self.state.data["extraction"]:
            self.state.data["extraction"] = {"delta": bool(delta), "started": self.clock.now()}

    def __repr__(self):
        return "<Extraction %r %r>" % (self.connector, self.state)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for transport in self._transports.values():
            transport.close()
        self._transports = {}

    def transport(self, account_name=""):
        """The transport (one session) of an account, opened on first use."""
        transport = self._transports.get(account_name)
        if transport is None:
            connector = self.connector
            account = connector.accounts[account_name]
            throttle = Throttle(
                self.state.budget(account.key_id),
                connector.clock,
                connector.limits,
                connector.daily,
                connector.max_wait,
                lock=self._lock,
            )
            label = connector.label + (" %s" % account.name if account.name else "")
            transport = Transport(
                label,
                account.base_url,
                account.headers,
                throttle,
                connector.masker,
                connector.clock,
                connector.timeout,
                connector.retries,
                connector.backoff,
                connector.backoff_max,
                connector.rng,
                refresh=account.refresh,
                pool_size=MAX_WORKERS + 2,
                rate_headers=connector.rate_headers,
            ).open()
            self._transports[account_name] = transport
        return transport

    def _save(self, checkpoint=None, spool=None):
        """Flush the spool, count it in the checkpoint, hand the caller a snapshot."""
        with self._lock:
            if checkpoint is not None and spool is not None:
                checkpoint["spool_bytes"] = spool.commit()
            snapshot = self.state.snapshot()
        if self.on_checkpoint:
            self.on_checkpoint(snapshot)

    # ------------------------------------------------------------------ objects
    def run(self, objects=None):
        """Extract the objects in order; stop at the first pause (the budget is spent)."""
        outcome = RunOutcome()
        for name in objects or self.connector.object_names():
            result = self.extract(name)
            outcome.objects.append(result)
            if result.paused:
                break
        return outcome

    def extract(self, object_name):
        """Fetch an object's pages into its spool, from its checkpoint; an ObjectOutcome.

        Raises ConnectorError when a call fails for good (its checkpoint saved first:
        a later run resumes there).
        """
        listing = self.connector.listing(object_name)
        checkpoint = self.state.checkpoint(object_name)
        if checkpoint.get("done"):
            return ObjectOutcome(object_name, done=True, records=checkpoint.get("records", 0))
        transport = self.transport(listing.account)
        calls_before = transport.throttle.made
        spool = self._open_spool(object_name, listing, checkpoint)
        since = checkpoint.get("since")
        active = listing.delta(since) if since and listing.delta else listing
        outcome = ObjectOutcome(object_name, since=since)
        try:
            self._pages(active, checkpoint, spool, transport, outcome)
        except Paused as pause:
            self._save(checkpoint, spool)
            outcome.paused, outcome.resume_after, outcome.reason = (
                True,
                pause.resume_after,
                pause.reason,
            )
            _logger.info(
                "%s, %s: paused until %s (%s)",
                transport.platform,
                object_name,
                iso(pause.resume_after),
                pause.reason,
            )
        except BaseException:
            self._save(checkpoint, spool)
            raise
        finally:
            spool.close()
            outcome.calls = transport.throttle.made - calls_before
            outcome.records = checkpoint.get("records", 0)
        return outcome

    def _open_spool(self, object_name, listing, checkpoint):
        spool = Spool(self.spool_dir, object_name)
        if checkpoint.get("started") is not None:
            try:
                return spool.open(checkpoint.get("spool_bytes", 0))
            except SpoolLost:
                note = (
                    "%s: the records spooled by the interrupted extraction were not found "
                    "(%s); the object was read again from its first page"
                    % (object_name, spool.path.name)
                )
                _logger.warning(note)
                checkpoint.clear()
                checkpoint["problems"] = [note]
        watermark = self.state.watermark(object_name)
        since = watermark if self.delta and listing.delta and watermark else None
        checkpoint.update(
            {
                "started": self.clock.now(),
                "since": since,
                "position": (listing.delta(since) if since else listing).pager.first(),
                "ids": [],
                "records": 0,
                "pages": 0,
                "spool_bytes": 0,
                "done": False,
            }
        )
        checkpoint.setdefault("problems", [])
        return spool.open(0)

    def _pages(self, listing, checkpoint, spool, transport, outcome):
        calls = Calls(transport, listing.object_name, listing.bucket)
        if listing.prepare:
            if checkpoint.get("prepared") is None:
                checkpoint["prepared"] = listing.prepare(Calls(transport, listing.object_name))
            listing = listing.with_prepared(checkpoint["prepared"])
        ids = set(checkpoint["ids"])
        order = checkpoint["ids"]
        while checkpoint["position"] is not None:
            position = checkpoint["position"]
            paging = listing.pager.request(position)
            params = dict(listing.params, **paging.params)
            body = (
                dict(listing.body or {}, **(paging.body or {}))
                if listing.body or paging.body
                else None
            )
            url = paging.url or listing.path
            answer = calls.json(listing.method, url, None if paging.url else params, body)
            if listing.check:
                listing.check(calls, url, answer)
            items = listing.items(answer)
            if items is None:
                raise calls.fail(
                    "answered without the list of records the API documents (%r)"
                    % (listing.records if isinstance(listing.records, str) else "records"),
                    url,
                    listing.method,
                )
            following = listing.pager.next(position, answer, items)
            fetched = 0
            for item in items:
                key = listing.id_of(item)
                if key is not None and key in ids:
                    continue  # yielded before: a page read again, or shifted offsets
                record = self._detail(listing, calls, item, checkpoint) if listing.detail else item
                spool.append(record)
                checkpoint["records"] += 1
                if key is not None:
                    ids.add(key)
                    order.append(key)
                if listing.detail:
                    fetched += 1
                    if fetched % CHECKPOINT_EVERY == 0:
                        self._save(checkpoint, spool)
            checkpoint["position"] = following
            checkpoint["pages"] = checkpoint.get("pages", 0) + 1
            outcome.pages += 1
            _logger.info(
                "%s, %s: page %s, %s records (%s in all)",
                transport.platform,
                listing.object_name,
                checkpoint["pages"],
                len(items),
                checkpoint["records"],
            )
            self._save(checkpoint, spool)
        with self._lock:
            checkpoint["done"] = True
            checkpoint["ids"] = []  # the spool holds them now; the state stays small
            mark = checkpoint["started"] - self.connector.delta_overlap
            self.state.data["watermarks"][listing.object_name] = iso(mark)
        outcome.done = True
        self._save(checkpoint, spool)

    def _detail(self, listing, calls, item, checkpoint):
        try:
            return listing.detail(calls, item)
        except ConnectorError as error:
            if error.status not in (404, 410):
                raise
            note = (
                "%s: record %s was listed but its details answered %s (%s); the listed "
                "fields are kept"
                % (
                    listing.object_name,
                    listing.id_of(item),
                    error.status,
                    error.message,
                )
            )
            checkpoint.setdefault("problems", []).append(note)
            return item

    # ------------------------------------------------------------------ tables
    def tables(self, object_name):
        """The tables of a finished object, as the JSON reader reads its spool: the object
        and its child tables (``clients``, ``clients.contacts``...), rows numbered from 1."""
        checkpoint = self.state.data["objects"].get(object_name) or {}
        listing = self.connector.listing(object_name)
        if not checkpoint.get("done"):
            raise ExtractionIncomplete(
                "the extraction of this object has not finished; run it (it resumes) first",
                self.connector.label,
                object_name,
            )
        path = self.spool_dir / spool_name(object_name)
        api = {
            "platform": self.connector.platform,
            "endpoint": "%s %s" % (listing.method, listing.path),
            "records": checkpoint.get("records", 0),
            "since": checkpoint.get("since"),
            "complete": not checkpoint.get("since"),
            "extracted": iso(checkpoint["started"]),
        }
        if not checkpoint.get("records"):
            tables = [SourceTable(path.name, object_name, "json", detected={"format": "json"})]
        else:
            tables = read_sources(path.name, os.fspath(path))
        for table in tables:
            table.detected["api"] = dict(api)
        tables[0].problems += [
            Problem("api_record", note, file=tables[0].name)
            for note in checkpoint.get("problems", [])
        ]
        return tables

    # ------------------------------------------------------------------ files
    def file_refs(self, objects=None):
        """The files the spooled records list, once each, in order."""
        refs, seen = [], set()
        for name in objects or self.connector.object_names():
            listing = self.connector.listing(name)
            if not listing.files:
                continue
            for record in Spool(self.spool_dir, name).records():
                for ref in listing.files(record) or ():
                    if ref.key not in seen:
                        seen.add(ref.key)
                        refs.append(ref)
        return refs

    def download(self, refs, open_target, workers=DEFAULT_WORKERS, on_file=None):
        """Download files, at most ``workers`` at once, each streamed into
        ``open_target(ref)``: a new, empty binary writer for each attempt, called from
        the download threads (a file in a directory: ``into_directory``). ``on_file(result)``
        is called in the calling thread as each file ends; so is ``on_checkpoint``. Files
        downloaded by an earlier run of this extraction are skipped. A file that fails
        is reported in its result and the others go on; the daily budget pauses all."""
        workers = max(1, min(int(workers or 1), MAX_WORKERS))
        outcome = DownloadOutcome()
        done = self.state.files_done
        pending = []
        for ref in refs:
            if ref.key in done:
                info = done[ref.key]
                outcome.results.append(FileResult(ref, info["size"], info["sha1"], skipped=True))
            else:
                pending.append(ref)
        stop = threading.Event()

        def fetch(ref):
            if stop.is_set():
                return None
            transport = self.transport(ref.account)
            calls = Calls(transport, ref.object_name)
            try:
                url = self.connector.resolve_file(calls, ref)
                size, sha1 = transport.download(url, ref.object_name, lambda: open_target(ref))
            except Paused as pause:
                stop.set()
                return pause
            except ConnectorError as error:
                return FileResult(ref, error=error)
            return FileResult(ref, size, sha1)

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="download") as pool:
            for ref in pending:
                self.transport(ref.account)  # opened here, not in the threads
            futures = [pool.submit(fetch, ref) for ref in pending]
            for future in as_completed(futures):
                result = future.result()
                if result is None:
                    continue
                if isinstance(result, Paused):
                    outcome.paused = True
                    outcome.resume_after = max(outcome.resume_after or 0, result.resume_after)
                    outcome.reason = result.reason
                    continue
                with self._lock:
                    if result.error:
                        self.state.files_failed[result.ref.key] = result.error.message
                    else:
                        done[result.ref.key] = {"size": result.size, "sha1": result.sha1}
                        self.state.files_failed.pop(result.ref.key, None)
                outcome.results.append(result)
                if on_file:
                    on_file(result)
                self._save()
        return outcome


def with_params(listing, **params):
    """A copy of a listing with more query parameters."""
    return replace(listing, params=dict(listing.params, **params))
