"""D-Tools Cloud: clients (with their details), opportunities and projects.

API: ``https://dtcloudapi.d-tools.cloud/api/v1/<Entity>/<Operation>``, two headers on
every call, ``X-API-Key: <tenant key>`` and the ``Authorization: Basic <value>``
D-Tools publishes (either missing: 401 with a ProblemDetails body). Lists page with
``page`` (from 1) and ``pageSize`` (at most 500). Limits: 120 calls a minute and
10,000 a day per key, no rate-limit header documented: the throttle keeps to them
on the client side, and an extraction that would spend more than the day's budget
pauses until the next UTC day.

Objects, as the D-Tools profile reads the JSON files of the same shapes:

- ``clients``: ``GET /Clients/GetClients?includeInactive=true`` page by page (a delta
  adds ``fromModifiedDate``), then ``GET /Clients/GetClient?id=`` for each: the spool
  holds the GetClient objects, so that the tables are ``clients`` (billing address as
  dotted columns), ``clients.contacts``, ``clients.siteaddresses`` and
  ``clients.files`` (``_parent_id`` the client's id). Sub-accounts are clients too
  (``parentId``). A client listed whose details answer 404 keeps its listed fields
  (a problem says so).
- ``opportunities``: ``GET /Opportunities/GetOpportunities?includeArchived=true``;
  no modified-date filter is documented: a delta lists them all (compare row hashes).
- ``projects``: ``GET /Projects/GetProjects`` with the same paging. This endpoint is
  not in the public facts gathered (PLATFORMS.md): the path and the ``projects`` key
  follow the other lists' pattern and are declared here, in one place, to correct.
  A project's locations, product lines, service plans, change orders and tasks have
  no documented endpoint and are not extracted.

Files: each client's ``files[]`` (id, name, url), downloaded from their URL; the
credentials are sent only when the URL is on the API's own host.
"""

from .base import Account, Connector, FileRef, Listing, with_params
from .limits import RateLimit
from .paging import PageNumbers

BASE_URL = "https://dtcloudapi.d-tools.cloud/api/v1"
PAGE_CAP = 500
# (object, list path, records key, total key, fixed filters)
LISTS = {
    "clients": ("Clients/GetClients", "clients", "totalClients", {"includeInactive": "true"}),
    "opportunities": (
        "Opportunities/GetOpportunities",
        "opportunities",
        "totalOpportunities",
        {"includeArchived": "true"},
    ),
    # Assumed, not documented in the facts gathered: see the module's docstring.
    "projects": ("Projects/GetProjects", "projects", "totalProjects", {"includeArchived": "true"}),
}
DETAIL_PATH = "Clients/GetClient"
DELTA_PARAM = "fromModifiedDate"  # GetClients only


def _records(key):
    """The list under ``key``, else the answer's only list (an undocumented name)."""

    def records(answer):
        if not isinstance(answer, dict):
            return None
        if isinstance(answer.get(key), list):
            return answer[key]
        lists = [value for value in answer.values() if isinstance(value, list)]
        return lists[0] if len(lists) == 1 else None

    return records


def _total(key):
    def total(answer):
        if not isinstance(answer, dict):
            return None
        value = answer.get(key)
        if value is None:
            value = next((v for k, v in answer.items() if k.lower().startswith("total")), None)
        try:
            return int(str(value))
        except (TypeError, ValueError):
            return None

    return total


def _client_detail(calls, item):
    answer = calls.json("GET", DETAIL_PATH, {"id": str(item["id"])})
    if not isinstance(answer, dict) or "id" not in answer:
        raise calls.fail("answered GetClient without a client object", DETAIL_PATH)
    return answer


def _client_files(record):
    refs = []
    for item in record.get("files") or ():
        if isinstance(item, dict) and item.get("id") is not None and item.get("url"):
            refs.append(
                FileRef(
                    "clients.files",
                    str(item["id"]),
                    str(item.get("name") or item["id"]),
                    str(item["url"]),
                    "clients",
                    str(record.get("id")),
                )
            )
    return refs


class DToolsConnector(Connector):
    platform = "dtools"
    label = "D-Tools"
    default_base_url = BASE_URL
    limits = (RateLimit(120, 60.0),)
    daily = 10_000

    def _accounts(self, base_url, credentials):
        key = self._secret(credentials, "api_key", "x_api_key")
        basic = self._secret(credentials, "authorization", "basic")
        value = basic.reveal().strip()
        authorization = value if value.lower().startswith("basic ") else "Basic " + value

        def headers():
            return {"X-API-Key": key.reveal(), "Authorization": authorization}

        return [Account("", self._base(base_url), (key, basic), headers)]

    def default_objects(self):
        return list(LISTS)

    def listing(self, object_name):
        path, key, total, filters = LISTS[object_name]
        listing = Listing(
            object_name,
            path,
            PageNumbers(self.page_size, PAGE_CAP, total=_total(total)),
            _records(key),
            params=dict(filters),
            label="GET /%s" % path,
        )
        if object_name == "clients":
            listing.detail = _client_detail
            listing.files = _client_files
            listing.delta = lambda since: with_params(listing, **{DELTA_PARAM: since})
            listing.label += ", then GET /%s for each" % DETAIL_PATH
        return listing
