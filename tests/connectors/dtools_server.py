"""A D-Tools Cloud stand-in, holding the D-Tools sample tenant (data/samples/dtools).

As PLATFORMS.md says: ``/api/v1/<Entity>/<Operation>``; both ``X-API-Key`` and
``Authorization: Basic <value>`` on every call, else 401 with a ProblemDetails body;
lists paged by ``page`` (from 1) and ``pageSize`` (default 20, more than 500 refused
with a 400 ProblemDetails), answered as ``{clients: [...], totalClients}``;
``GetClients`` filters ``fromModifiedDate`` and ``includeInactive``; ``GetClient?id=``
the full client. Client files are served by a separate storage stand-in when one is
given (another origin: no credentials may reach it), else by this one.
"""

import copy
import json
from pathlib import Path

from .standin import StandIn, page_of

SAMPLE = Path(__file__).resolve().parents[2] / "migration_bridge" / "data" / "samples" / "dtools"
API = "/api/v1/"
KEY = "dt-key-7f3a9c51e2b84d06"
BASIC = "ZHQtcGFydG5lcjpzM2NyZXQtdmFsdWU="
LIST_FIELDS = (
    "id",
    "type",
    "name",
    "number",
    "contactName",
    "email",
    "mobile",
    "phone",
    "owner",
    "hasSubaccounts",
    "createdDate",
    "modifiedDate",
    "isActive",
)


def load(name):
    return json.loads((SAMPLE / name).read_text(encoding="utf-8"))


class DToolsStandIn(StandIn):
    def __init__(self, clock=None, key=KEY, basic=BASIC, files=None):
        super().__init__(clock)
        self.key, self.basic = key, basic
        self.clients = copy.deepcopy(load("clients.json")["clients"])
        self.opportunities = load("opportunities.json")["opportunities"]
        self.projects = load("projects.json")["projects"]
        self.blobs = {p.name: p.read_bytes() for p in (SAMPLE / "files").iterdir()}
        self.files_host = files  # a StorageStandIn, or None: files served here
        self.file_urls()

    def file_urls(self):
        """Point each client file's URL at the storage stand-in (or at this one)."""
        for client in self.clients:
            for item in client["files"]:
                base = (self.files_host or self).url if (self.files_host or self).port else ""
                item["url"] = "%s/bluewire/clients/%s/files/%s/%s" % (
                    base,
                    client["id"],
                    item["id"],
                    item["name"],
                )
                if self.files_host is not None:
                    self.files_host.blobs[item["url"].split("/files/", 1)[1]] = self.blobs[
                        str(item["id"])
                    ]

    def start(self, port=None):
        super().start(port)
        self.file_urls()
        return self

    def error_body(self, status, title, detail):
        problem = {
            "type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": None,
        }
        return json.dumps(problem).encode(), "application/problem+json"

    # ------------------------------------------------------------------ routes
    def route(self, seen):
        if not seen.path.startswith(API):
            if "/files/" in seen.path:
                return self._file(seen)
            raise KeyError(seen.path)
        refused = self._unauthorized(seen)
        if refused:
            return refused
        operation = seen.path[len(API) :]
        if operation == "Clients/GetClients":
            items = [
                c for c in self.clients if seen.arg("includeInactive") == "true" or c["isActive"]
            ]
            since = seen.arg("fromModifiedDate")
            if since:
                items = [c for c in items if c["modifiedDate"] >= since]
            listed = [{k: c[k] for k in LIST_FIELDS} for c in items]
            return self._page(seen, listed, "clients", "totalClients")
        if operation == "Clients/GetClient":
            wanted = seen.arg("id")
            for client in self.clients:
                if str(client["id"]) == wanted:
                    return 200, {}, client
            return self.error(404, "Not Found", "No client with id %s." % wanted)
        if operation == "Opportunities/GetOpportunities":
            items = [
                o
                for o in self.opportunities
                if seen.arg("includeArchived") == "true" or not o["isArchived"]
            ]
            return self._page(seen, items, "opportunities", "totalOpportunities")
        if operation == "Projects/GetProjects":
            items = [
                p
                for p in self.projects
                if seen.arg("includeArchived") == "true" or not p["isArchived"]
            ]
            return self._page(seen, items, "projects", "totalProjects")
        raise KeyError(seen.path)

    def _unauthorized(self, seen):
        key = seen.headers.get("x-api-key")
        authorization = seen.headers.get("authorization")
        if not key:
            return self.error(401, "Unauthorized", "The X-API-Key header is missing.")
        if not authorization:
            return self.error(401, "Unauthorized", "The Authorization header is missing.")
        if key != self.key:
            # a server that echoes what it was sent: the connector must mask it
            return self.error(401, "Unauthorized", "The API key '%s' is not valid." % key)
        if authorization != "Basic " + self.basic:
            return self.error(
                401, "Unauthorized", "Invalid Authorization value %s." % authorization
            )
        return None

    def _page(self, seen, items, key, total_key):
        try:
            page = int(seen.arg("page", "1"))
            size = int(seen.arg("pageSize", "20"))
        except ValueError:
            return self.error(400, "Bad Request", "page and pageSize are numbers.")
        if page < 1 or not 1 <= size <= 500:
            return self.error(400, "Bad Request", "pageSize must be between 1 and 500.")
        return 200, {}, {key: page_of(items, page, size), total_key: len(items)}

    def _file(self, seen):
        file_id = seen.path.split("/files/", 1)[1].split("/", 1)[0]
        return 200, {"Content-Type": "application/octet-stream"}, self.blobs[file_id]

    # ------------------------------------------------------------------ changes
    def modify(self, client_id, when, **values):
        for client in self.clients:
            if client["id"] == client_id:
                client.update(values, modifiedDate=when)
                return client
        raise KeyError(client_id)


class StorageStandIn(StandIn):
    """Another origin serving files (as files.d-tools.cloud would)."""

    def __init__(self, clock=None):
        super().__init__(clock)
        self.blobs = {}

    def route(self, seen):
        name = seen.path.split("/files/", 1)[1]
        return 200, {"Content-Type": "application/octet-stream"}, self.blobs[name]
