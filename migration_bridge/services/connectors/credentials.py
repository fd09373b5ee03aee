"""Credentials that never show: in a repr, a log line, an exception or a URL.

A ``Secret`` holds one value (an API key, a token, an Authorization value); its
``str`` and ``repr`` are ``***`` and only ``reveal()`` gives the value, at the moment a
request's header is set. ``Masker`` replaces every known secret, and its URL-encoded
and base64 forms, in any text that is about to be shown (an error detail the server
echoed back, a URL); ``clean_url`` drops a URL's user info and masks its query values
whose names look like credentials.
"""

import base64
import hashlib
import re
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

MASK = "***"
MIN_SECRET = 4  # shorter values are not searched for in texts (they would match anything)
SECRET_PARAMS = re.compile(r"(token|key|secret|password|auth|signature|sig)", re.I)


class Secret:
    """A credential: shown as ``***`` everywhere; ``reveal()`` gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value):
        self._value = value.reveal() if isinstance(value, Secret) else str(value or "")

    def reveal(self):
        return self._value

    def __bool__(self):
        return bool(self._value)

    def __repr__(self):
        return "Secret(%s)" % MASK

    def __str__(self):
        return MASK

    def __format__(self, spec):
        return MASK

    def __eq__(self, other):
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self):
        return hash(("Secret", self._value))

    def __reduce__(self):
        raise TypeError("a Secret is not pickled")


def secret(value):
    """``value`` as a Secret (None stays None)."""
    if value is None:
        return None
    return value if isinstance(value, Secret) else Secret(value)


def fingerprint(*secrets):
    """A short, stable id of a set of credentials (to count a daily budget per key).

    A hash prefix: it names the key without being it.
    """
    digest = hashlib.sha256(b"migration_bridge.connectors")
    for item in secrets:
        digest.update(b"\0" + (item.reveal() if isinstance(item, Secret) else "").encode())
    return digest.hexdigest()[:16]


class Masker:
    """Replaces known secrets in texts (and their URL-encoded and base64 forms)."""

    def __init__(self, secrets=()):
        self._forms = []
        for item in secrets:
            self.add(item)

    def add(self, item):
        value = item.reveal() if isinstance(item, Secret) else str(item or "")
        if len(value) < MIN_SECRET:
            return
        forms = {value, quote(value, safe=""), quote_plus(value)}
        forms.add(base64.b64encode(value.encode()).decode().rstrip("="))
        for prefix in ("Basic ", "Bearer "):
            if value.startswith(prefix) and len(value) - len(prefix) >= MIN_SECRET:
                forms.add(value[len(prefix) :])
        self._forms = sorted(set(self._forms) | forms, key=len, reverse=True)

    def __call__(self, text):
        if text is None:
            return None
        text = str(text)
        for form in self._forms:
            if form in text:
                text = text.replace(form, MASK)
        return text

    def __repr__(self):
        return "Masker(%s secrets)" % len(self._forms)


def clean_url(url, masker=None):
    """``url`` without user info, its credential-looking query values masked."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = "%s:%s" % (host, parts.port)
    query = parts.query
    if query:
        pairs = [
            (name, MASK if SECRET_PARAMS.search(name) else value)
            for name, value in parse_qsl(query, keep_blank_values=True)
        ]
        query = urlencode(pairs, safe="*")
    cleaned = urlunsplit((parts.scheme, host, parts.path, query, ""))
    return masker(cleaned) if masker else cleaned
