"""HubSpot CRM v3: owners, companies, contacts, deals and the engagements.

API: ``https://api.hubapi.com`` with ``Authorization: Bearer <token>`` (a private
app's token, or an OAuth access token; give ``refresh``, a callable answering a new
token, and an expired one is renewed once, else the 401 says to make a new one).
Errors are ``{status: "error", message, category, correlationId}``.

- ``owners``: ``GET /crm/v3/owners`` (owners are matched by email).
- ``companies``, ``contacts``, ``deals`` and the engagements ``notes``, ``calls``,
  ``emails``, ``meetings``, ``tasks``: ``GET /crm/v3/objects/<type>`` with ``limit`` at
  most 100 and the cursor ``after`` (``paging.next.after``), every property of the
  type (its names asked once per extraction from ``/crm/v3/properties/<type>``) and
  the associations to the other CRM objects (``associations=companies,contacts...``:
  child tables ``<type>.associations.<other>.results`` of ``{id, type}``, one page of
  associations per record as the list call gives them).
- A delta asks ``POST /crm/v3/objects/<type>/search`` for the records whose last
  modified date (``hs_lastmodifieddate``; ``lastmodifieddate`` for contacts) is at or
  after the watermark, sorted on it; search answers carry no associations, and stop at
  10,000 records (more changes than that: a clear error says to run a full extraction).
  Owners have no such filter: a delta lists them all.

Limits: 100 calls per 10 seconds and 250,000 a day (a private app on the smallest
plans; raise them with ``limits=`` and ``daily=``), and the search endpoints 4 a second
(5 documented). Every property name travels in the list call's URL: an account with
very many properties may need the search call's body instead (not done here).
"""

from .base import Account, Connector, Listing
from .credentials import Secret
from .delta import epoch
from .limits import RateLimit
from .paging import Cursor

BASE_URL = "https://api.hubapi.com"
CAP = 100
CRM = ("companies", "contacts", "deals")
ENGAGEMENTS = ("notes", "calls", "emails", "meetings", "tasks")
SEARCH_MAX = 10_000
MODIFIED = {"contacts": "lastmodifieddate"}  # the others: hs_lastmodifieddate


def _associations(object_type):
    return ",".join(other for other in CRM if other != object_type)


def _properties(object_type, in_body=False):
    def prepare(calls):
        answer = calls.json("GET", "crm/v3/properties/%s" % object_type)
        names = [p["name"] for p in (answer or {}).get("results") or () if p.get("name")]
        if in_body:
            return {"body": {"properties": names}}
        return {"params": {"properties": ",".join(names)}}

    return prepare


def _search_check(calls, url, answer):
    total = (answer or {}).get("total")
    try:
        total = int(str(total))
    except (TypeError, ValueError):
        return
    if total > SEARCH_MAX:
        raise calls.fail(
            "%s records changed since the last extraction, more than the %s HubSpot's search "
            "gives; run a full extraction instead of a delta" % (total, SEARCH_MAX),
            url,
            "POST",
        )


class HubSpotConnector(Connector):
    platform = "hubspot"
    label = "HubSpot"
    default_base_url = BASE_URL
    limits = (RateLimit(100, 10.0), RateLimit(4, 1.0, "search"))
    daily = 250_000

    def _accounts(self, base_url, credentials):
        holder = {"token": self._secret(credentials, "access_token", "token")}
        renew = credentials.get("refresh")

        def headers():
            return {"Authorization": "Bearer " + holder["token"].reveal()}

        def refresh():
            holder["token"] = Secret(renew())
            self.masker.add(holder["token"])

        account = Account("", self._base(base_url), (holder["token"],), headers)
        account.refresh = refresh if renew else None
        return [account]

    def default_objects(self):
        return ["owners", *CRM, *ENGAGEMENTS]

    def listing(self, object_name):
        if object_name == "owners":
            return Listing(
                "owners",
                "crm/v3/owners",
                Cursor(self.page_size, CAP, cursor="after", next_cursor="paging.next.after"),
                "results",
            )
        if object_name not in CRM + ENGAGEMENTS:
            raise KeyError(object_name)
        listing = Listing(
            object_name,
            "crm/v3/objects/%s" % object_name,
            Cursor(self.page_size, CAP, cursor="after", next_cursor="paging.next.after"),
            "results",
            params={"archived": "false", "associations": _associations(object_name)},
            prepare=_properties(object_name),
        )
        listing.delta = lambda since: self._search(object_name, since)
        return listing

    def _search(self, object_name, since):
        modified = MODIFIED.get(object_name, "hs_lastmodifieddate")
        value = str(int(epoch(since) * 1000))
        body = {
            "filterGroups": [
                {"filters": [{"propertyName": modified, "operator": "GTE", "value": value}]}
            ],
            "sorts": [{"propertyName": modified, "direction": "ASCENDING"}],
        }
        return Listing(
            object_name,
            "crm/v3/objects/%s/search" % object_name,
            Cursor(
                self.page_size, CAP, cursor="after", next_cursor="paging.next.after", in_body=True
            ),
            "results",
            method="POST",
            body=body,
            check=_search_check,
            bucket="search",
            prepare=_properties(object_name, in_body=True),
        )
