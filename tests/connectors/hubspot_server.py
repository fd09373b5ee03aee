"""A HubSpot CRM v3 stand-in: owners, companies, contacts, deals and engagements.

``Authorization: Bearer <token>``, else 401 ``{status: "error", message, correlationId,
category}`` (``EXPIRED_AUTHENTICATION`` once a token has expired: it expires after
``expire_after`` calls, and ``issue()`` makes the next one). Lists page by ``limit``
(over 100 refused with 400) and ``after``, answer ``paging.next.after`` and ``.link``,
give only the properties asked for (else a default few) and the associations asked for.
``POST .../search`` filters on the last-modified property (``GTE``, epoch milliseconds).
Rate limits on the fake clock: 100 calls per 10-second window, 5 searches a second; a
call over them is a 429 with ``category: RATE_LIMITS``.
"""

import json
from datetime import datetime, timezone

from .standin import START, StandIn

TOKEN = "pat-eu1-0a1b2c3d-4e5f-6789-abcd-ef0123456789"
CRM = ("companies", "contacts", "deals")
ENGAGEMENTS = ("notes", "calls", "emails", "meetings", "tasks")
DEFAULT = ("hs_object_id", "createdate", "hs_lastmodifieddate")


def hs_time(epoch):
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def portal(counts=None):
    counts = counts or {
        "companies": 8,
        "contacts": 23,
        "deals": 11,
        "notes": 6,
        "calls": 4,
        "emails": 3,
        "meetings": 2,
        "tasks": 5,
    }
    owners = [
        {
            "id": str(300 + n),
            "email": "owner%d@hub.example" % n,
            "firstName": "Owner",
            "lastName": str(n),
        }
        for n in range(3)
    ]
    properties = {
        "companies": ["name", "domain", "city", "hubspot_owner_id"],
        "contacts": ["firstname", "lastname", "email", "phone", "lifecyclestage"],
        "deals": ["dealname", "amount", "dealstage", "closedate", "pipeline"],
        "notes": ["hs_note_body", "hs_timestamp"],
        "calls": ["hs_call_title", "hs_call_body", "hs_timestamp"],
        "emails": ["hs_email_subject", "hs_email_text", "hs_timestamp"],
        "meetings": ["hs_meeting_title", "hs_timestamp"],
        "tasks": ["hs_task_subject", "hs_task_status", "hs_timestamp"],
    }
    records = {}
    for kind, count in counts.items():
        rows = []
        for n in range(count):
            created = START - 86400 * (200 - n)
            modified = START - 86400 * (20 - n % 10)
            values = {name: "%s %s %d" % (kind, name, n) for name in properties[kind]}
            values.update(
                hs_object_id=str(n + 1),
                createdate=hs_time(created),
                hs_lastmodifieddate=hs_time(modified),
            )
            if kind == "contacts":
                values["lastmodifieddate"] = values.pop("hs_lastmodifieddate")
            if kind == "deals":
                values["amount"] = ["1500", "2500.50", None][n % 3]
            links = {}
            for other in CRM:
                if other != kind and counts.get(other):
                    links[other] = [str(1 + (n + k) % counts[other]) for k in range(n % 3)]
            rows.append(
                {
                    "id": str(n + 1),
                    "properties": values,
                    "createdAt": hs_time(created),
                    "updatedAt": hs_time(modified),
                    "archived": False,
                    "links": links,
                }
            )
        records[kind] = rows
    return owners, properties, records


class HubSpotStandIn(StandIn):
    def __init__(self, clock=None, token=TOKEN, expire_after=None, counts=None):
        super().__init__(clock)
        self.token = token
        self.expired = set()
        self.expire_after = expire_after
        self.used = 0
        self.issued = 0
        self.owners, self.properties, self.records = portal(counts)
        self.windows = {}
        self.over_limit = 0

    def issue(self):
        """A new token (as an OAuth refresh would get); the old one is expired."""
        self.expired.add(self.token)
        self.issued += 1
        self.token = "%s-renewed-%d" % (TOKEN, self.issued)
        self.used = 0
        return self.token

    def modified_key(self, kind):
        return "lastmodifieddate" if kind == "contacts" else "hs_lastmodifieddate"

    def error_body(self, status, title, detail):
        body = {
            "status": "error",
            "message": detail,
            "correlationId": "c0ffee00-0000-4000-8000-000000000000",
            "category": title,
        }
        return json.dumps(body).encode(), "application/json;charset=utf-8"

    def expired_body(self):
        return self.error_body(
            401,
            "EXPIRED_AUTHENTICATION",
            "The OAuth token used to make this call expired 1 minute(s) ago.",
        )

    def answer(self, seen):
        search = seen.path.endswith("/search")
        for key, limit, width in (("all", 100, 10.0), ("search", 5, 1.0)):
            if key == "search" and not search:
                continue
            window = (key, int(seen.time // width))
            self.windows[window] = self.windows.get(window, 0) + 1
            if self.windows[window] > limit:
                self.over_limit += 1
                data, content_type = self.error_body(
                    429, "RATE_LIMITS", "You have reached your %s limit." % key
                )
                return 429, {}, data, content_type
        return super().answer(seen)

    def route(self, seen):
        authorization = seen.headers.get("authorization", "")
        token = authorization[len("Bearer ") :] if authorization.startswith("Bearer ") else None
        if token in self.expired:
            return (401, {"Content-Type": "application/json"}, self.expired_body()[0])
        if token != self.token:
            return self.error(
                401, "INVALID_AUTHENTICATION", "Authentication credentials not found."
            )
        self.used += 1
        if self.expire_after and self.used > self.expire_after:
            self.expired.add(self.token)
            return (401, {"Content-Type": "application/json"}, self.expired_body()[0])
        parts = seen.path.strip("/").split("/")
        if parts[:2] != ["crm", "v3"]:
            raise KeyError(seen.path)
        rest = parts[2:]
        if rest == ["owners"]:
            return self._page(seen, self.owners, lambda item: item)
        if len(rest) == 2 and rest[0] == "properties":
            names = list(self.properties[rest[1]]) + list(DEFAULT)
            kind = rest[1]
            if kind == "contacts":
                names = [n if n != "hs_lastmodifieddate" else "lastmodifieddate" for n in names]
            return (
                200,
                {},
                {"results": [{"name": n, "label": n.title(), "type": "string"} for n in names]},
            )
        if len(rest) == 3 and rest[0] == "objects" and rest[2] == "search":
            return self._search(seen, rest[1])
        if len(rest) == 2 and rest[0] == "objects" and seen.method == "GET":
            kind = rest[1]
            wanted = [p for p in (seen.arg("properties") or "").split(",") if p]
            links = [a for a in (seen.arg("associations") or "").split(",") if a]
            return self._page(
                seen, self.records[kind], lambda r: self._shown(kind, r, wanted, links)
            )
        raise KeyError(seen.path)

    def _shown(self, kind, record, wanted, links):
        names = wanted or DEFAULT
        shown = {
            "id": record["id"],
            "properties": {
                n: record["properties"].get(n) for n in names if n in record["properties"]
            },
            "createdAt": record["createdAt"],
            "updatedAt": record["updatedAt"],
            "archived": record["archived"],
        }
        associations = {}
        for other in links:
            ids = record["links"].get(other) or []
            if ids:
                singular = kind[:-1] if kind.endswith("s") else kind
                associations[other] = {
                    "results": [
                        {"id": i, "type": "%s_to_%s" % (singular, other[:-1])} for i in ids
                    ]
                }
        if associations:
            shown["associations"] = associations
        return shown

    def _page(self, seen, items, show, body=None):
        source = body if body is not None else {k: v[0] for k, v in seen.query.items()}
        limit = int(source.get("limit", 10))
        if not 1 <= limit <= 100:
            return self.error(400, "VALIDATION_ERROR", "limit must be between 1 and 100")
        start = int(source.get("after") or 0)
        page = items[start : start + limit]
        answer = {"results": [show(item) for item in page]}
        if start + limit < len(items):
            after = str(start + limit)
            answer["paging"] = {
                "next": {"after": after, "link": "%s%s?after=%s" % (self.url, seen.path, after)}
            }
        return 200, {}, answer

    def _search(self, seen, kind):
        body = seen.body if isinstance(seen.body, dict) else {}
        items = self.records[kind]
        for group in body.get("filterGroups") or []:
            for rule in group.get("filters") or []:
                if rule.get("operator") != "GTE":
                    return self.error(400, "VALIDATION_ERROR", "unsupported operator")
                since = int(rule["value"]) / 1000
                key = rule["propertyName"]

                def later(record, key=key, since=since):
                    value = record["properties"].get(key)
                    moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.000Z")
                    return moment.replace(tzinfo=timezone.utc).timestamp() >= since

                items = [r for r in items if later(r)]
        wanted = body.get("properties") or []
        status, headers, answer = self._page(
            seen, items, lambda r: self._shown(kind, r, wanted, []), body
        )
        if status == 200:
            answer["total"] = len(items)
        return status, headers, answer
