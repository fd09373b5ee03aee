"""Paging in each platform's style, within its caps.

A pager turns a position (a small JSON-able dict, kept in the object's checkpoint) into
the paging arguments of a call, and a page's answer into the next position, or None
after the last page:

- ``PageNumbers``: page and page size (D-Tools: ``page`` from 1, ``pageSize`` at most
  500, a total in the answer);
- ``Offset``: an offset and a limit, in the query (Pipedrive v1 ``start``/``limit``) or
  in a JSON body (ELMA365 ``from``/``size``, at most 100);
- ``Cursor``: an opaque cursor from the answer (Pipedrive v2 ``next_cursor``, HubSpot
  ``paging.next.after``);
- ``NextLink``: the whole URL of the next page from the answer.

A page size is never above the platform's cap, whatever was asked.
"""

from dataclasses import dataclass
from typing import Any

from .spool import RawNumber, as_int


def dig(body, path):
    """The value at a dotted path of a JSON answer ('result.total'), or None."""
    value = body
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


@dataclass
class Request:
    """The paging part of one call: query parameters, JSON body, or a whole URL."""

    params: dict
    body: dict = None
    url: str = None


class Pager:
    size: int

    def first(self):
        raise NotImplementedError

    def request(self, position):
        raise NotImplementedError

    def next(self, position, body, records):
        raise NotImplementedError


class Single(Pager):
    """A list answered whole in one call (Pipedrive's users)."""

    size = None

    def first(self):
        return {"page": 1}

    def request(self, position):
        return Request({})

    def next(self, position, body, records):
        return None


class PageNumbers(Pager):
    def __init__(self, size, cap, page="page", page_size="pageSize", start=1, total=None):
        self.size = max(1, min(size or cap, cap))
        self.page, self.page_size, self.start = page, page_size, start
        self.total = total  # dotted path of the total in an answer, or a callable

    def first(self):
        return {"page": self.start}

    def request(self, position):
        return Request({self.page: position["page"], self.page_size: self.size})

    def next(self, position, body, records):
        if len(records) < self.size:
            return None
        total = _value_at(self.total, body)
        page = position["page"]
        if total is not None and (page - self.start + 1) * self.size >= total:
            return None
        return {"page": page + 1}


class Offset(Pager):
    def __init__(
        self, size, cap, offset="start", limit="limit", in_body=False, total=None, more=None
    ):
        self.size = max(1, min(size or cap, cap))
        self.offset, self.limit, self.in_body = offset, limit, in_body
        self.total = total
        self.more = more  # body -> (more items?, next offset or None), or None

    def first(self):
        return {"offset": 0}

    def request(self, position):
        paging = {self.offset: position["offset"], self.limit: self.size}
        return Request({}, paging) if self.in_body else Request(paging)

    def next(self, position, body, records):
        if not records:
            return None
        following = position["offset"] + len(records)
        if self.more is not None:
            more, start = self.more(body)
            if more is False:
                return None
            if more is True:
                return {"offset": as_int(start) or following}
        total = _value_at(self.total, body)
        if total is not None and following >= total:
            return None
        if total is None and len(records) < self.size:
            return None
        return {"offset": following}


class Cursor(Pager):
    def __init__(self, size, cap, cursor="cursor", limit="limit", next_cursor=None, in_body=False):
        self.size = max(1, min(size or cap, cap))
        self.cursor, self.limit = cursor, limit
        self.next_cursor = next_cursor  # dotted path or callable
        self.in_body = in_body  # HubSpot's search: the cursor in the JSON body

    def first(self):
        return {"cursor": None}

    def request(self, position):
        paging = {self.limit: self.size}
        if position.get("cursor"):
            paging[self.cursor] = position["cursor"]
        return Request({}, paging) if self.in_body else Request(paging)

    def next(self, position, body, records):
        value = _value_at(self.next_cursor, body)
        if value in (None, "") or value == position.get("cursor"):
            return None
        return {"cursor": str(value)}


class NextLink(Pager):
    def __init__(self, size, cap, limit="limit", next_link=None):
        self.size = max(1, min(size or cap, cap))
        self.limit = limit
        self.next_link = next_link

    def first(self):
        return {"url": None}

    def request(self, position):
        if position.get("url"):
            return Request({}, url=position["url"])
        return Request({self.limit: self.size})

    def next(self, position, body, records):
        value = _value_at(self.next_link, body)
        if not value or value == position.get("url"):
            return None
        return {"url": value}


def _value_at(where: Any, body):
    if where is None:
        return None
    if callable(where):
        return where(body)
    value = dig(body, where)
    if isinstance(value, RawNumber) or (
        isinstance(value, int | float) and not isinstance(value, bool)
    ):
        return as_int(value)
    return value
