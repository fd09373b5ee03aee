"""An ELMA365 HUB tenant stand-in: CRM apps, users and files, as its public API is described.

``Authorization: Bearer <token>``, else 401 ``{success: false, error}`` (a revoked or
expired token too). ``POST /pub/v1/app/<ns>/<code>/list`` and ``POST /pub/v1/user/list``
page by ``from`` and ``size`` in the JSON body (``size`` over 100 refused with 400) and
answer ``{success, error, result: {result, total}}``; ``GET
/pub/v1/disk/file/<id>/get-link`` answers ``{success, error, Link}``, a link on a
storage stand-in (another origin). Field values in ELMA365's JSON shapes: phones
``[{type, tel}]``, emails ``[{type, email}]``, full names, money ``{cents, currency}``,
links as lists of UUIDs.
"""

import json
import uuid

from .standin import START, StandIn, iso

NAMESPACE = uuid.UUID("6f1c1d36-3c5e-4d8e-9a51-0b8f5f3c2a10")


def uid(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def tenant_data(tenant, companies=9, contacts=14, leads=5):
    users = [
        {
            "__id": uid(tenant, "user", n),
            "__name": "Пользователь %d" % n,
            "email": "user%d@%s.example" % (n, tenant),
            "fullname": {"lastname": "Иванов", "firstname": "Иван %d" % n, "middlename": ""},
        }
        for n in range(3)
    ]
    company_rows = [
        {
            "__id": uid(tenant, "company", n),
            "__name": "ООО Ромашка %d" % n,
            "__createdAt": iso(START - 86400 * (100 - n)),
            "__updatedAt": iso(START - 86400 * (10 - n % 5)),
            "__createdBy": users[n % 3]["__id"],
            "_phone": [{"type": "work", "tel": "+7 495 000-00-%02d" % n}],
            "_email": [{"type": "work", "email": "info%d@romashka.example" % n}],
            "_inn": "77%08d" % n,
            "_files": [uid(tenant, "file", n)] if n % 3 == 0 else [],
        }
        for n in range(companies)
    ]
    contact_rows = [
        {
            "__id": uid(tenant, "contact", n),
            "__name": "Петров Пётр %d" % n,
            "_fullname": {"lastname": "Петров", "firstname": "Пётр", "middlename": "%d" % n},
            "_companies": [company_rows[n % companies]["__id"]],
            "_phone": [{"type": "mobile", "tel": "+7 916 000-00-%02d" % n}],
            "__updatedAt": iso(START - 3600 * n),
        }
        for n in range(contacts)
    ]
    lead_rows = [
        {
            "__id": uid(tenant, "lead", n),
            "__name": "Сделка %d" % n,
            "_budget": {"cents": 1_500_000 + n, "currency": "RUB"},
            "_contacts": [contact_rows[n]["__id"]],
            "__status": {"order": n % 3, "status": 1 + n % 3},
        }
        for n in range(leads)
    ]
    files = {
        uid(tenant, "file", n): ("договор-%d.pdf" % n).encode() + b" %PDF" * (n + 1)
        for n in range(companies)
        if n % 3 == 0
    }
    apps = {
        ("_clients", "_companies"): company_rows,
        ("_clients", "_contacts"): contact_rows,
        ("_clients", "_leads"): lead_rows,
    }
    return apps, users, files


class Elma365StandIn(StandIn):
    def __init__(self, tenant, token, clock=None, storage=None, **sizes):
        super().__init__(clock)
        self.tenant, self.token = tenant, token
        self.revoked = set()
        self.apps, self.users, self.files = tenant_data(tenant, **sizes)
        self.storage = storage
        if storage is not None:
            storage.blobs.update({"%s/%s" % (tenant, k): v for k, v in self.files.items()})

    def error_body(self, status, title, detail):
        body = {"success": False, "error": ": ".join(p for p in (title, detail) if p)}
        return json.dumps(body).encode(), "application/json"

    def expired_body(self):
        return self.error_body(401, "", "token expired")

    def route(self, seen):
        authorization = seen.headers.get("authorization", "")
        token = authorization[len("Bearer ") :] if authorization.startswith("Bearer ") else None
        if token in self.revoked:
            return self.error(401, "", "token expired")
        if token != self.token:
            return self.error(401, "", "invalid token")
        parts = seen.path.strip("/").split("/")
        if parts[:2] != ["pub", "v1"]:
            raise KeyError(seen.path)
        rest = parts[2:]
        if seen.method == "POST" and rest == ["user", "list"]:
            return self._list(seen, self.users)
        if seen.method == "POST" and len(rest) == 4 and rest[0] == "app" and rest[3] == "list":
            return self._list(seen, self.apps[(rest[1], rest[2])])
        if seen.method == "GET" and len(rest) == 4 and rest[:2] == ["disk", "file"]:
            file_id = rest[2]
            if file_id not in self.files:
                return self.error(404, "", "file not found")
            link = "%s/files/%s/%s" % (self.storage.url, self.tenant, file_id)
            return 200, {}, {"success": True, "error": "", "Link": link}
        raise KeyError(seen.path)

    def _list(self, seen, items):
        body = seen.body if isinstance(seen.body, dict) else {}
        start, size = int(body.get("from", 0)), int(body.get("size", 10))
        if not 1 <= size <= 100:
            return self.error(400, "", "size must be between 1 and 100")
        page = items[start : start + size]
        return (
            200,
            {},
            {"success": True, "error": "", "result": {"result": page, "total": len(items)}},
        )
