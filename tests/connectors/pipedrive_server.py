"""A Pipedrive stand-in: a small company's CRM, as Pipedrive's API documentation says.

The token in the ``x-api-token`` header (or the ``api_token`` query parameter), else 401
``{success: false, error, error_info}``. v2 lists (persons, organizations, deals,
activities) page by ``cursor`` and ``limit`` (at most 500, more refused with 400),
answer ``additional_data.next_cursor`` and filter ``updated_since`` (RFC 3339); v1 lists
(notes, files) page by ``start`` and ``limit`` with ``additional_data.pagination``;
``/v1/users`` answers all users; ``/v1/files/<id>/download`` the file's bytes. Every
answer carries ``x-ratelimit-limit``, ``-remaining`` and ``-reset`` for fixed 2-second
windows of ``burst`` calls (on the fake clock), and a call over the limit is a 429 with
Retry-After.
"""

import base64
import json
from datetime import datetime, timedelta, timezone

from .standin import START, StandIn

TOKEN = "pd-3c1e5a9b7f2d4e68a0b1c2d3e4f5a6b7"
BURST = 20
WINDOW = 2.0
V2 = ("persons", "organizations", "deals", "activities")


def stamp(days, v1=False):
    moment = datetime.fromtimestamp(START, timezone.utc) - timedelta(days=days)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if v1 else "%Y-%m-%dT%H:%M:%SZ")


def company():
    users = [
        {"id": 1, "name": "Ana Ruiz", "email": "ana@northwind.example", "active_flag": True},
        {"id": 2, "name": "Ben Okoro", "email": "ben@northwind.example", "active_flag": True},
        {"id": 3, "name": "Chen Wei", "email": "chen@northwind.example", "active_flag": False},
    ]
    organizations = [
        {
            "id": 100 + n,
            "name": "Org %02d GmbH" % n,
            "owner_id": 1 + n % 3,
            "address": {"value": "Street %d, Berlin" % n, "country": "Germany"},
            "add_time": stamp(400 - n),
            "update_time": stamp(100 - n),
            "visible_to": 3,
            "custom_fields": {"industry": ["Retail", "Software", None][n % 3]},
        }
        for n in range(12)
    ]
    persons = [
        {
            "id": 1000 + n,
            "name": "Person %02d" % n,
            "first_name": "Person",
            "last_name": "%02d" % n,
            "owner_id": 1 + n % 3,
            "org_id": 100 + n % 12 if n % 5 else None,
            "emails": [{"value": "p%02d@example.com" % n, "primary": True, "label": "work"}],
            "phones": [
                {"value": "+49 30 %06d" % n, "primary": True, "label": "work"},
                {"value": "+49 170 %06d" % n, "primary": False, "label": "mobile"},
            ][: 1 + n % 2],
            "add_time": stamp(300 - n),
            "update_time": stamp(90 - n),
            "is_deleted": False,
        }
        for n in range(30)
    ]
    deals = [
        {
            "id": 5000 + n,
            "title": "Deal %02d" % n,
            "value": [1500, 2500.5, 12.50][n % 3],
            "currency": "EUR",
            "person_id": 1000 + n,
            "org_id": 100 + n % 12,
            "stage_id": 1 + n % 4,
            "status": ["open", "won", "lost"][n % 3],
            "owner_id": 1 + n % 3,
            "probability": None,
            "expected_close_date": stamp(-30 - n)[:10],
            "add_time": stamp(200 - n),
            "update_time": stamp(60 - n),
        }
        for n in range(25)
    ]
    activities = [
        {
            "id": 7000 + n,
            "subject": "Call %02d" % n,
            "type": "call",
            "done": n % 2 == 0,
            "due_date": stamp(10 - n)[:10],
            "deal_id": 5000 + n,
            "person_id": 1000 + n,
            "owner_id": 1 + n % 3,
            "note": "<p>Talked about deal %d</p>" % n,
            "update_time": stamp(50 - n),
        }
        for n in range(20)
    ]
    notes = [
        {
            "id": 8000 + n,
            "content": "Note %d" % n,
            "deal_id": 5000 + n if n % 2 else None,
            "person_id": 1000 + n,
            "org_id": None,
            "user_id": 1 + n % 3,
            "add_time": stamp(40 - n, v1=True),
            "update_time": stamp(30 - n, v1=True),
        }
        for n in range(14)
    ]
    files = [
        {
            "id": 9000 + n,
            "name": "proposal-%d.pdf" % n,
            "file_name": "proposal-%d.pdf" % n,
            "file_type": "pdf",
            "file_size": 20 + n,
            "deal_id": 5000 + n if n != 3 else None,
            "person_id": 1000 + n,
            "org_id": None,
            "add_time": stamp(20 - n, v1=True),
            "update_time": stamp(20 - n, v1=True),
        }
        for n in range(5)
    ]
    blobs = {9000 + n: (b"%PDF-1.4 proposal " + bytes([65 + n]) * (20 + n)) for n in range(5)}
    return users, organizations, persons, deals, activities, notes, files, blobs


class PipedriveStandIn(StandIn):
    def __init__(self, clock=None, token=TOKEN, burst=BURST):
        super().__init__(clock)
        self.token = token
        self.burst = burst
        (
            self.users,
            self.organizations,
            self.persons,
            self.deals,
            self.activities,
            self.notes,
            self.files,
            self.blobs,
        ) = company()
        self.windows = {}
        self.over_limit = 0

    def objects(self, name):
        return getattr(self, name)

    def error_body(self, status, title, detail):
        body = {"success": False, "error": title, "errorCode": status, "error_info": detail}
        return json.dumps(body).encode(), "application/json"

    def answer(self, seen):
        window = int(seen.time // WINDOW)
        used = self.windows.get(window, 0) + 1
        self.windows[window] = used
        reset = (window + 1) * WINDOW - seen.time
        headers = {
            "x-ratelimit-limit": str(self.burst),
            "x-ratelimit-remaining": str(max(0, self.burst - used)),
            "x-ratelimit-reset": "%g" % max(reset, 0.001),
        }
        if used > self.burst:
            self.over_limit += 1
            data, content_type = self.error_body(429, "Request over limit", "rate limit")
            return 429, dict(headers, **{"Retry-After": "%g" % reset}), data, content_type
        status, extra, data, content_type = super().answer(seen)
        return status, dict(headers, **extra), data, content_type

    def route(self, seen):
        token = seen.headers.get("x-api-token") or seen.arg("api_token")
        if token != self.token:
            return self.error(401, "unauthorized access", "Please check your API token.")
        parts = seen.path.strip("/").split("/")
        if parts[:1] != ["api"]:
            raise KeyError(seen.path)
        version, name = parts[1], parts[2]
        if version == "v1" and name == "files" and len(parts) == 5 and parts[4] == "download":
            blob = self.blobs[int(parts[3])]
            return 200, {"Content-Type": "application/pdf"}, blob
        if version == "v1" and name == "users" and len(parts) == 3:
            return 200, {}, {"success": True, "data": self.users}
        if version == "v2" and name in V2 and len(parts) == 3:
            return self._v2(seen, self.objects(name))
        if version == "v1" and name in ("notes", "files") and len(parts) == 3:
            return self._v1(seen, self.objects(name))
        raise KeyError(seen.path)

    def _limit(self, seen, default):
        limit = int(seen.arg("limit", default))
        if not 1 <= limit <= 500:
            return None, self.error(
                400, "Validation failed", "limit: Must be less than or equal to 500"
            )
        return limit, None

    def _v2(self, seen, items):
        limit, refused = self._limit(seen, 100)
        if refused:
            return refused
        since = seen.arg("updated_since")
        if since:
            items = [item for item in items if item["update_time"] >= since]
        start = 0
        if seen.arg("cursor"):
            start = json.loads(base64.urlsafe_b64decode(seen.arg("cursor")))["i"]
        page = items[start : start + limit]
        following = start + limit
        cursor = None
        if following < len(items):
            cursor = base64.urlsafe_b64encode(json.dumps({"i": following}).encode()).decode()
        return 200, {}, {"success": True, "data": page, "additional_data": {"next_cursor": cursor}}

    def _v1(self, seen, items):
        limit, refused = self._limit(seen, 100)
        if refused:
            return refused
        start = int(seen.arg("start", 0))
        page = items[start : start + limit]
        more = start + limit < len(items)
        pagination = {"start": start, "limit": limit, "more_items_in_collection": more}
        if more:
            pagination["next_start"] = start + limit
        return (
            200,
            {},
            {
                "success": True,
                "data": page or None,
                "additional_data": {"pagination": pagination},
            },
        )
