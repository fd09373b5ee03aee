"""Pipedrive: users, persons, organizations, deals, activities, notes and files.

API: ``https://<company>.pipedrive.com/api/`` with the ``x-api-token`` header (the
token is never put in the query string: a URL ends up in logs). Answers are
``{success, data, additional_data}``; an error is ``{success: false, error,
error_info}``.

- ``persons``, ``organizations``, ``deals``, ``activities``: the v2 lists
  (``/v2/<object>``), cursor paging (``cursor``, ``limit`` at most 500,
  ``additional_data.next_cursor``); a delta adds ``updated_since`` (RFC 3339).
- ``notes`` and ``files``: v1 lists, offset paging (``start``, ``limit`` at most 500,
  ``additional_data.pagination.more_items_in_collection`` and ``next_start``); no
  modified filter: a delta lists them all (compare row hashes).
- ``users``: ``/v1/users``, one answer (owners are matched by their email).
- Files: each ``files`` record downloads from ``/v1/files/<id>/download``.

Limits: a burst limit per token in 2-second windows (20 calls on the smallest plan:
the default here, raise it with ``limits=``) and a daily token budget that depends on
the plan (no daily call count by default: 429 with Retry-After is honoured). The
``x-ratelimit-remaining`` and ``x-ratelimit-reset`` headers are honoured: when no call
is left in the window, the next waits for its reset.
"""

from .base import Account, Connector, FileRef, Listing, with_params
from .limits import RateLimit
from .paging import Cursor, Offset, Single

BASE_URL = "https://api.pipedrive.com/api"
CAP = 500
V2 = ("persons", "organizations", "deals", "activities")
V1 = ("notes", "files")
DELTA_PARAM = "updated_since"


def _check(calls, url, answer):
    if isinstance(answer, dict) and answer.get("success") is False:
        raise calls.fail(
            "answered success: false",
            url,
            title=answer.get("error"),
            detail=answer.get("error_info"),
        )


def _records(answer):
    if not isinstance(answer, dict):
        return None
    data = answer.get("data")
    if data is None and answer.get("success") is not False:
        return []  # v1 lists answer data: null when empty
    return data if isinstance(data, list) else None


def _more(answer):
    paging = ((answer or {}).get("additional_data") or {}).get("pagination") or {}
    more = paging.get("more_items_in_collection")
    return (bool(more) if more is not None else None), paging.get("next_start")


def _file_refs(record):
    if record.get("id") is None:
        return []
    parent = next(
        ((kind, record[key]) for kind, key in PARENTS if record.get(key) not in (None, "", 0)),
        (None, None),
    )
    return [
        FileRef(
            "files",
            str(record["id"]),
            str(record.get("file_name") or record.get("name") or record["id"]),
            "v1/files/%s/download" % record["id"],
            parent[0],
            None if parent[1] is None else str(parent[1]),
        )
    ]


PARENTS = (
    ("deals", "deal_id"),
    ("persons", "person_id"),
    ("organizations", "org_id"),
    ("activities", "activity_id"),
)


class PipedriveConnector(Connector):
    platform = "pipedrive"
    label = "Pipedrive"
    default_base_url = BASE_URL
    limits = (RateLimit(20, 2.0),)
    daily = None
    rate_headers = ("x-ratelimit-remaining", "x-ratelimit-reset")

    def _accounts(self, base_url, credentials):
        token = self._secret(credentials, "api_token", "token")

        def headers():
            return {"x-api-token": token.reveal()}

        return [Account("", self._base(base_url), (token,), headers)]

    def default_objects(self):
        return ["users", *V2, *V1]

    def listing(self, object_name):
        if object_name == "users":
            return Listing("users", "v1/users", Single(), _records, check=_check)
        if object_name in V2:
            path = "v2/%s" % object_name
            listing = Listing(
                object_name,
                path,
                Cursor(self.page_size, CAP, next_cursor="additional_data.next_cursor"),
                _records,
                check=_check,
            )
            listing.delta = lambda since: with_params(listing, **{DELTA_PARAM: since})
            return listing
        if object_name in V1:
            listing = Listing(
                object_name,
                "v1/%s" % object_name,
                Offset(self.page_size, CAP, more=_more),
                _records,
                check=_check,
            )
            if object_name == "files":
                listing.files = _file_refs
            return listing
        raise KeyError(object_name)
