"""ELMA365: the items of CRM apps and the users, from one or several HUB tenants.

API: ``https://<company>.elma365.<zone>/pub/v1/...`` with ``Authorization: Bearer
<token>`` (a token acts as the user who made it). One base URL and one token per
tenant; a company with several HUB tenants gives them all::

    {"tenants": [{"name": "hub-a", "base_url": "https://a.elma365.ru", "token": "..."},
                 {"name": "hub-b", "base_url": "https://b.elma365.ru", "token": "..."}]}

Each tenant has its own session, throttle and budget count, and its token is sent to
its own base URL only. With several tenants an object's name is prefixed by its
tenant's (``hub-a.companies``).

- apps: ``POST /pub/v1/app/<namespace>/<code>/list`` with ``{"active": true, "fields":
  {"*": true}, "from", "size"}`` (``size`` at most 100), answered ``{success, error,
  result: {result: [...], total}}``; the object is the app's code without its leading
  underscore (``_clients/_companies`` -> ``companies``). Default apps:
  ``_clients/_companies``, ``_clients/_contacts``, ``_clients/_leads``; others with
  ``apps=[("namespace", "code"), ...]``.
- ``users``: ``POST /pub/v1/user/list`` with the same paging.
- files: the fields named in ``file_fields={object: [field, ...]}`` hold lists of file
  ids; each is downloaded through ``GET /pub/v1/disk/file/<id>/get-link``, whose link
  is fetched without the token (it may point at a storage host).

No modified-date filter and no rate limit are documented: a delta lists everything
(compare row hashes), and the throttle keeps to a gentle 10 calls a second by default.
An expired or revoked token answers 401: a ConnectorAuthError says to make a new one.
"""

from .base import Account, Connector, FileRef, Listing
from .errors import ConnectorError
from .limits import RateLimit
from .paging import Offset

CAP = 100
APPS = (("_clients", "_companies"), ("_clients", "_contacts"), ("_clients", "_leads"))
ID_KEY = "__id"


def _check(calls, url, answer, method="POST"):
    if isinstance(answer, dict) and answer.get("success") is False:
        raise calls.fail("answered success: false", url, method, detail=answer.get("error"))


def _app_name(code):
    return code.lstrip("_") or code


class Elma365Connector(Connector):
    platform = "elma365"
    label = "ELMA365"
    limits = (RateLimit(10, 1.0),)
    daily = None

    def __init__(self, base_url=None, credentials=None, *, apps=APPS, file_fields=None, **options):
        self.apps = [tuple(app) for app in apps]
        self.file_fields = {k: list(v) for k, v in (file_fields or {}).items()}
        super().__init__(base_url, credentials, **options)

    def _accounts(self, base_url, credentials):
        tenants = credentials.get("tenants")
        if not tenants:
            tenants = [{"name": "", "base_url": base_url, "token": credentials.get("token")}]
        accounts = []
        for tenant in tenants:
            token = self._secret(tenant, "token")
            accounts.append(
                Account(
                    str(tenant.get("name") or ""),
                    self._base(tenant.get("base_url")),
                    (token,),
                    lambda token=token: {"Authorization": "Bearer " + token.reveal()},
                )
            )
        names = [a.name for a in accounts]
        if len(accounts) > 1 and (len(set(names)) != len(names) or "" in names):
            raise ConnectorError("the tenants need distinct names", self.label)
        return accounts

    # ------------------------------------------------------------------ objects
    def _objects_of(self, tenant):
        prefix = "%s." % tenant if len(self.accounts) > 1 else ""
        names = [(prefix + _app_name(code), (namespace, code)) for namespace, code in self.apps]
        return names + [(prefix + "users", None)]

    def _catalogue(self):
        return {
            name: (tenant, app)
            for tenant in self.accounts
            for name, app in self._objects_of(tenant)
        }

    def default_objects(self):
        return list(self._catalogue())

    def listing(self, object_name):
        tenant, app = self._catalogue()[object_name]
        if app is None:
            path, body = "pub/v1/user/list", {}
        else:
            path = "pub/v1/app/%s/%s/list" % app
            body = {"active": True, "fields": {"*": True}}
        listing = Listing(
            object_name,
            path,
            Offset(
                self.page_size,
                CAP,
                offset="from",
                limit="size",
                in_body=True,
                total="result.total",
            ),
            "result.result",
            method="POST",
            body=body,
            id_key=ID_KEY,
            check=_check,
            account=tenant,
        )
        base = object_name.split(".", 1)[-1] if len(self.accounts) > 1 else object_name
        fields = self.file_fields.get(base)
        if fields:
            listing.files = lambda record: self._file_refs(object_name, tenant, fields, record)
        return listing

    @staticmethod
    def _file_refs(object_name, tenant, fields, record):
        refs = []
        for name in fields:
            value = record.get(name)
            for file_id in value if isinstance(value, list) else [value] if value else []:
                if isinstance(file_id, dict):
                    file_id = file_id.get("__id") or file_id.get("id")
                if file_id:
                    refs.append(
                        FileRef(
                            object_name,
                            str(file_id),
                            str(file_id),
                            None,
                            object_name,
                            str(record.get(ID_KEY)),
                            tenant,
                            "pub/v1/disk/file/%s/get-link" % file_id,
                        )
                    )
        return refs

    def resolve_file(self, calls, ref):
        answer = calls.json("GET", ref.link)
        _check(calls, ref.link, answer, "GET")
        link = answer.get("Link") or answer.get("link") if isinstance(answer, dict) else None
        if not link:
            raise calls.fail("answered get-link without a link", ref.link, "GET")
        return link
