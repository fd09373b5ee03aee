"""HTTP calls to one account of a platform: one session, timeouts, retries, errors.

A ``Transport`` makes every call of one extraction on one ``requests.Session`` (opened
by the extraction, closed at its end), each with a (connect, read) timeout. Before each
attempt it asks the throttle (``limits.Throttle``) for leave, so that rate limits, the
daily budget and any wait a server asked for hold for retries and downloads too.

Retried, with exponential backoff and jitter (``backoff * 2 ** (attempt - 1)``, at
most ``backoff_max``, between half and all of it): 429, 5xx, connection errors,
timeouts, a body cut short and malformed JSON. A ``Retry-After`` (seconds or an HTTP
date) is honoured: no call is made before it has passed (the throttle holds every
caller). Other statuses raise at once: 401 and 403 as ``ConnectorAuthError`` (after
one token refresh when the account has a refresher), the rest as ``ConnectorError``,
with the platform's title and detail read from its error body (ProblemDetails, HubSpot,
Pipedrive and ELMA365 shapes).

Credentials are set on each request by an auth object, only for the account's own
origin: redirects are not followed for API calls, and a download that redirects
elsewhere (a storage host) is followed without them.
"""

import hashlib
import logging
import random
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter

from .credentials import Masker
from .errors import (
    ConnectorAuthError,
    ConnectorError,
    ConnectorResponseError,
    ConnectorUnavailable,
)
from .spool import loads

_logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = (10.0, 60.0)  # seconds to connect, seconds between two reads
DEFAULT_RETRIES = 5
DEFAULT_BACKOFF = 1.0
DEFAULT_BACKOFF_MAX = 60.0
CHUNK = 64 * 1024
MAX_ERROR_BODY = 64 * 1024
MAX_REDIRECTS = 5
SHOWN_TEXT = 300  # characters of a non-JSON error body quoted in a message
TRANSIENT = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


class _Retry(Exception):  # noqa: N818 - control flow inside the retry loop
    def __init__(self, error, wait=0.0):
        super().__init__(error.message)
        self.error = error
        self.wait = wait


class _HeaderAuth(requests.auth.AuthBase):
    """Sets the account's credential headers on a request; shows none of them."""

    def __init__(self, headers):
        self._headers = headers  # () -> {name: value}, revealed at the moment of the call

    def __call__(self, request):
        request.headers.update(self._headers())
        return request

    def __repr__(self):
        return "<credential headers ***>"


def error_text(response):
    """(title, detail) from an error body: ProblemDetails (title, detail), HubSpot
    (category, message), Pipedrive (error, error_info), ELMA365 (error), or the text."""
    raw = response.content[:MAX_ERROR_BODY] if response.content else b""
    try:
        body = response.json() if raw else None
    except ValueError:
        body = None
    if isinstance(body, dict):
        title = _first(body, "title", "category", "error", "errorCode", "code")
        detail = _first(body, "detail", "message", "error_info", "error_description", "errors")
        if title == detail:
            detail = None
        if title or detail:
            return title, detail
    text = raw.decode("utf-8", errors="replace").strip()
    text = " ".join(text.split())
    if len(text) > SHOWN_TEXT:
        text = text[:SHOWN_TEXT] + "…"
    return response.reason or None, text or None


def _first(body, *keys):
    for key in keys:
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, list) and value:
            return "; ".join(
                str(v.get("message") or v) if isinstance(v, dict) else str(v) for v in value
            )
    return None


def retry_after(value, now):
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return 0.0
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError, IndexError, OverflowError):
        return 0.0


def _reason(error):
    """A short, credential-free reason for a requests exception."""
    text = str(error)
    if isinstance(error, requests.Timeout):
        return "no answer within the timeout"
    if "Connection refused" in text or "ECONNREFUSED" in text:
        return "the connection was refused (the server is down or unreachable)"
    if "RemoteDisconnected" in text or "without response" in text:
        return "the server closed the connection without answering"
    if "reset by peer" in text or "ECONNRESET" in text or "Broken pipe" in text:
        return "the server reset the connection"
    if "Name or service not known" in text or "getaddrinfo" in text or "NameResolution" in text:
        return "the host name does not resolve"
    if isinstance(error, requests.exceptions.ChunkedEncodingError):
        return "the answer was cut short"
    if isinstance(error, requests.exceptions.SSLError):
        return "the TLS handshake failed"
    return "the connection failed (%s)" % error.__class__.__name__


class Transport:
    """The calls of one extraction to one account (base URL and credentials)."""

    def __init__(
        self,
        platform,
        base_url,
        headers,
        throttle,
        masker=None,
        clock=None,
        timeout=DEFAULT_TIMEOUT,
        retries=DEFAULT_RETRIES,
        backoff=DEFAULT_BACKOFF,
        backoff_max=DEFAULT_BACKOFF_MAX,
        rng=None,
        refresh=None,
        error_body=error_text,
        pool_size=10,
        rate_headers=None,
    ):
        self.platform = platform
        self.base_url = base_url.rstrip("/") + "/"
        self._origin = self._origin_of(self.base_url)
        self._auth = _HeaderAuth(headers)
        self.throttle = throttle
        self.masker = masker or Masker()
        self.clock = throttle.clock if clock is None else clock
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.backoff_max = backoff_max
        self.rng = rng or random.Random()
        self.refresh = refresh  # () -> None: renew the account's token (OAuth), or None
        self.error_body = error_body
        self.pool_size = pool_size
        self.rate_headers = rate_headers  # (calls left, seconds to the window's reset)
        self.session = None

    def __repr__(self):
        return "<Transport %s %s>" % (self.platform, self.masker(self._origin))

    # ------------------------------------------------------------------ session
    def open(self):
        if self.session is None:
            session = requests.Session()
            adapter = HTTPAdapter(pool_connections=4, pool_maxsize=self.pool_size, max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers["Accept"] = "application/json"
            session.trust_env = False  # no proxy or .netrc credentials from the environment
            self.session = session
        return self

    def close(self):
        if self.session is not None:
            self.session.close()
            self.session = None

    # ------------------------------------------------------------------ calls
    @staticmethod
    def _origin_of(url):
        parts = urlsplit(url)
        return "%s://%s" % (parts.scheme, parts.netloc.rsplit("@", 1)[-1])

    def absolute(self, url):
        return url if "://" in url else urljoin(self.base_url, url.lstrip("/"))

    def path_of(self, url):
        """The path of a URL as messages show it: no host, query or credentials."""
        return self.masker(urlsplit(url).path) or "/"

    def json(self, method, url, object_name, params=None, body=None, bucket=""):
        """The JSON answer of a call (retried as the module says)."""
        url = self.absolute(url)

        def parse(response):
            return self._parse_json(response, object_name, method, url)

        return self._call(method, url, object_name, params, body, bucket, parse)

    def download(self, url, object_name, open_target):
        """Stream a file into ``open_target()`` (a new, empty binary writer for each
        attempt; closed here); return (size, sha1)."""

        def write(response):
            target = open_target()
            digest, size = hashlib.sha1(), 0
            try:
                for chunk in response.iter_content(CHUNK):
                    target.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
            except TRANSIENT as error:
                raise _Retry(self._unavailable(_reason(error), object_name, "GET", url)) from None
            finally:
                close = getattr(target, "close", None)
                if close:
                    close()
            return size, digest.hexdigest()

        return self._call("GET", url, object_name, None, None, "", write, stream=True)

    def _parse_json(self, response, object_name, method, url):
        try:
            return loads(response.content)
        except ValueError as error:
            where = getattr(error, "lineno", None)
            shown = " at line %s, column %s" % (where, error.colno) if where else ""
            failure = ConnectorResponseError(
                "answered %s with malformed JSON%s" % (response.status_code, shown),
                self.platform,
                object_name,
                method,
                self.path_of(url),
                response.status_code,
            )
            raise _Retry(failure) from None

    def _unavailable(self, reason, object_name, method, url, status=None, said=(None, None)):
        title, detail = (self.masker(text) for text in said)
        return ConnectorUnavailable(
            reason, self.platform, object_name, method, self.path_of(url), status, title, detail
        )

    def _call(self, method, url, object_name, params, body, bucket, handle, stream=False):
        url = self.absolute(url)
        attempt, refreshed = 0, False
        while True:
            self.throttle.acquire(bucket)
            try:
                response = self._send(method, url, params, body, stream)
            except TRANSIENT as error:
                failure, wait = self._unavailable(_reason(error), object_name, method, url), 0.0
            else:
                try:
                    status = response.status_code
                    self._window(response)
                    if status < 300:
                        return handle(response)
                    if status == 401 and self.refresh and not refreshed:
                        refreshed = True
                        self._renew(object_name, method, url)
                        continue
                    failure, wait = self._failure(response, object_name, method, url)
                except _Retry as retry:
                    failure, wait = retry.error, retry.wait
                finally:
                    response.close()
            attempt += 1
            if attempt > self.retries:
                failure.reason += " (%s attempts)" % attempt
                raise failure
            delay = min(self.backoff_max, self.backoff * 2 ** (attempt - 1))
            delay = delay / 2 + self.rng.random() * delay / 2
            self.throttle.hold(max(delay, wait))
            _logger.warning(
                "%s, %s: %s %s: %s; attempt %s of %s again in %.1f s",
                self.platform,
                object_name,
                method,
                self.path_of(url),
                failure.reason,
                attempt + 1,
                self.retries + 1,
                max(delay, wait),
            )

    def _renew(self, object_name, method, url):
        """Renew an expired token through the account's refresher, once."""
        try:
            self.refresh()
        except Exception as error:  # the caller's refresher: its failure is an auth error
            raise ConnectorAuthError(
                "answered 401 and the token could not be renewed (%s)" % error.__class__.__name__,
                self.platform,
                object_name,
                method,
                self.path_of(url),
                401,
            ) from None

    def _send(self, method, url, params, body, stream):
        """One attempt; a download follows redirects, with credentials only at home."""
        for _hop in range(MAX_REDIRECTS + 1):
            home = self._origin_of(url) == self._origin
            response = self.session.request(
                method,
                url,
                params=params,
                json=body,
                auth=self._auth if home else None,
                timeout=self.timeout,
                stream=stream,
                allow_redirects=False,
            )
            if not (stream and response.is_redirect and response.headers.get("Location")):
                return response
            url = urljoin(response.url, response.headers["Location"])
            params = None
            response.close()
        return response

    def _window(self, response):
        """No call left in the platform's window (its rate headers say so): hold until
        the window resets."""
        if not self.rate_headers:
            return
        left, reset = (response.headers.get(name) for name in self.rate_headers)
        if left is not None and left.strip() == "0" and reset:
            try:
                self.throttle.hold(min(float(reset), self.throttle.max_wait))
            except ValueError:
                pass

    def _failure(self, response, object_name, method, url):
        """The error of a non-2xx answer: raised at once, or returned to be retried."""
        status = response.status_code
        title, detail = (self.masker(text) for text in self.error_body(response))
        path = self.path_of(url)
        args = (self.platform, object_name, method, path, status, title, detail)
        if status == 429 or status >= 500:
            wait = retry_after(response.headers.get("Retry-After"), self.clock.now())
            reason = "answered %s %s" % (status, response.reason or "")
            if wait:
                reason += ", Retry-After %g s" % wait
            return ConnectorUnavailable(reason.strip(), *args), wait
        if status in (401, 403):
            raise ConnectorAuthError("answered %s %s" % (status, response.reason or ""), *args)
        if 300 <= status < 400:
            raise ConnectorResponseError(
                "answered a redirect (%s); check the base URL" % status, *args
            )
        raise ConnectorError("answered %s %s" % (status, response.reason or ""), *args)


def raise_for_platform(ok, reason, transport, object_name, method, url, title=None, detail=None):
    """A ConnectorError when a 200 answer says it failed (``success: false``)."""
    if ok:
        return
    raise ConnectorError(
        reason,
        transport.platform,
        object_name,
        method,
        transport.path_of(transport.absolute(url)),
        200,
        transport.masker(title),
        transport.masker(detail),
    )
