"""The 20.0 branches of ``migration_bridge.series``, without Odoo (no 20.0 tree runs here).

``series`` reads the running series from ``odoo.release``: these tests import it
afresh under a stand-in ``odoo`` that says 20.0, and drive its 20.0 branches with
stand-ins of the 20.0 APIs they call, written from the 20.0 source
(``odoo/addons/base/models/ir_access.py``, ``ir_config_parameter.py``,
``odoo/tools/binary.py``). What Odoo 20.0 itself does with these calls stays untested
until a 20.0 tree can run.
"""

import ast
import importlib
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDON = ROOT / "migration_bridge"
ACCESS_CSV = "security/ir.model.access.csv"

#: ``CRUD_SELECTION`` of 20.0's ``odoo/addons/base/models/ir_access.py``
CRUD_SELECTION = {
    "crud", "cru", "crd", "cud", "rud", "cr", "cu", "cd", "ru", "rd", "ud",
    "c", "r", "u", "d",
}  # fmt: skip


def _file_open(path, mode="r", env=None):
    return open(ADDON.parent / path, mode)  # noqa: SIM115 - closed by the caller's with


@pytest.fixture
def series_on():
    """``series_on("20.0")``: ``migration_bridge.series`` imported under that series."""
    saved = {
        name: module
        for name, module in sys.modules.items()
        if name == "odoo" or name.startswith(("odoo.", "migration_bridge.series"))
    }

    def load(series):
        for name in list(sys.modules):
            if name == "odoo" or name.startswith(("odoo.", "migration_bridge.series")):
                del sys.modules[name]
        odoo = types.ModuleType("odoo")
        odoo.__path__ = []
        odoo.release = types.SimpleNamespace(series=series)
        tools = types.ModuleType("odoo.tools")
        tools.__path__ = []
        misc = types.ModuleType("odoo.tools.misc")
        misc.file_open = _file_open
        odoo.tools, tools.misc = tools, misc
        sys.modules.update({"odoo": odoo, "odoo.tools": tools, "odoo.tools.misc": misc})
        return importlib.import_module("migration_bridge.series")

    yield load
    for name in list(sys.modules):
        if name == "odoo" or name.startswith(("odoo.", "migration_bridge.series")):
            del sys.modules[name]
    sys.modules.update(saved)


class _Records:
    def __init__(self, model, ids=(), **values):
        self.model, self.ids = model, list(ids)
        self.id = self.ids[0] if self.ids else False
        self.__dict__.update(values)

    def sudo(self):
        return self


class _Model(_Records):
    def __init__(self, env, name):
        super().__init__(name)
        self.env = env

    def search(self, domain, limit=None):
        (_field, _op, module), = domain  # fmt: skip
        return _Records(self.model, [1], state=self.env.module_state)

    def _load_records(self, data_list, update=False):
        self.env.loaded.append((self.model, data_list, update))
        return _Records(self.model, range(1, len(data_list) + 1))

    def create(self, values):
        self.env.created.append((self.model, values))
        return _Records(self.model, [1])


class _Env:
    """What ``series.security`` asks of an environment on 20.0."""

    def __init__(self, module_state="to install"):
        self.module_state = module_state
        self.loaded, self.created, self.refs = [], [], {}

    def __getitem__(self, name):
        if name in ("ir.model.access", "ir.rule"):
            raise KeyError(name)  # 20.0 has neither model
        return _Model(self, name)

    def ref(self, xmlid):
        return _Records("ref", [self.refs.setdefault(xmlid, len(self.refs) + 100)])


def test_the_series_version(series_on):
    assert series_on("20.0").VERSION == (20, 0)
    assert series_on("saas~20.1").VERSION == (20, 1)


def test_every_access_line_is_an_operation_of_ir_access(series_on):
    security = series_on("20.0").security
    lines = security.access_lines((ADDON / ACCESS_CSV).read_text(encoding="utf-8"))
    by_id = {line["id"]: line for line in lines}
    assert len(lines) == len(by_id) > 30
    assert all(line["operation"] in CRUD_SELECTION for line in lines)
    assert all(line["group"] for line in lines)  # a permission each, no restriction
    assert by_id["access_migration_project_user"]["operation"] == "cru"
    assert by_id["access_migration_project_manager"]["operation"] == "crud"
    assert by_id["access_migration_record_link_user"]["operation"] == "cr"
    assert by_id["access_ir_model_migration_user"] == {
        "id": "access_ir_model_migration_user",
        "name": "ir.model read for migration users",
        "model": "base.model_ir_model",
        "group": "group_migration_user",
        "operation": "r",
    }


@pytest.mark.parametrize("state, update", [("to install", False), ("to upgrade", True)])
def test_the_access_rights_load_as_ir_access_records(series_on, state, update):
    security = series_on("20.0").security
    assert security.IR_ACCESS
    env = _Env(state)
    security.load_access(env, "migration_bridge", ACCESS_CSV)
    [(model, data_list, loaded_update)] = env.loaded
    assert (model, loaded_update) == ("ir.access", update)
    lines = security.access_lines((ADDON / ACCESS_CSV).read_text(encoding="utf-8"))
    assert [data["xml_id"] for data in data_list] == [
        "migration_bridge." + line["id"] for line in lines
    ]
    first = data_list[0]
    assert first["noupdate"] is False
    assert first["values"] == {
        "name": "migration.project user",
        "model_id": env.refs["migration_bridge.model_migration_project"],
        "group_id": env.refs["migration_bridge.group_migration_user"],
        "operation": "cru",
    }
    values = {data["xml_id"]: data["values"] for data in data_list}
    fields_line = values["migration_bridge.access_ir_model_fields_migration_user"]
    assert fields_line["model_id"] == env.refs["base.model_ir_model_fields"]


def test_a_run_time_model_is_granted_ir_access(series_on):
    security = series_on("20.0").security
    env = _Env()
    security.grant(env, 7, 8, (1, 0, 0, 0), "x_widget base.group_user")
    security.grant(env, 7, 9, (1, 1, 1, 1), "x_widget manager")
    security.grant(env, 7, 9, (0, 0, 0, 0), "x_widget nothing")
    assert env.created == [
        ("ir.access", {"name": "x_widget base.group_user", "model_id": 7, "group_id": 8,
                       "operation": "r"}),
        ("ir.access", {"name": "x_widget manager", "model_id": 7, "group_id": 9,
                       "operation": "crud"}),
    ]  # fmt: skip


class _TypedParams:
    """20.0's ``ir.config_parameter``: typed getters and setters (no get_param here, so
    that a call of the untyped API fails)."""

    def __init__(self, values):
        self.values = values

    def sudo(self):
        return self

    def get_int(self, key, default=0):
        try:
            return int(self.values[key])
        except (KeyError, ValueError):
            return default

    def get_str(self, key, default=""):
        return self.values.get(key) or default

    def set_str(self, key, value):
        self.values[key] = None if value is None or value is False else str(value)


def test_system_parameters_are_typed(series_on):
    config = series_on("20.0").config
    assert config.TYPED
    params = _TypedParams({"chunk": "250", "zero": "0", "minus": "-3", "junk": "many"})
    env = {"ir.config_parameter": params}
    assert config.get_int(env, "chunk", 500) == 250
    assert config.get_int(env, "zero", 500) == 500
    assert config.get_int(env, "minus", 500) == 500
    assert config.get_int(env, "junk", 500) == 500
    assert config.get_int(env, "unset", 500) == 500
    assert config.get_str(env, "unset", "fallback") == "fallback"
    config.set_str(env, "crm.pls_start_date", "2020-01-31")
    assert config.get_str(env, "crm.pls_start_date") == "2020-01-31"


class _BinaryValue:
    """20.0's ``odoo.tools.binary.BinaryBytes``: bytes through ``bytes()``, not bytes."""

    def __init__(self, data):
        self._data = data

    def __bytes__(self):
        return self._data

    def __bool__(self):
        return bool(self._data)


def test_an_attachment_gives_its_bytes(series_on):
    attachments = series_on("20.0").attachments
    assert attachments.TYPED_BINARY and attachments.CONTENT == "raw"
    content = attachments.content(types.SimpleNamespace(raw=_BinaryValue(b"a,b\n1,2\n")))
    assert content == b"a,b\n1,2\n" and isinstance(content, bytes)
    assert attachments.content(types.SimpleNamespace(raw=_BinaryValue(b""))) == b""
    assert attachments.content(types.SimpleNamespace(raw=False)) == b""


def test_the_other_concerns_stay_as_on_19(series_on):
    series = series_on("20.0")
    assert series.views.LIST == "list" and not series.views.RENAME_LIST
    assert series.security.PRIVILEGES and series.security.GROUP_USERS == "user_ids"
    assert series.users.GROUPS == "group_ids"
    assert series.orm.CONSTRAINT_OBJECTS and series.orm.CHECK_ACCESS
    assert series.orm.AGGREGATOR == "aggregator"
    assert not series.cron.COUNTS_CALLS
    assert series.partners._VALUES_OF == "_convert_fields_to_values"
    assert series.partners._UPDATE_ADDRESS == "_update_address"
    assert series.messages.REPLY_TO_BY_AUTHOR


def test_up_to_19_the_series_say_what_they_said(series_on):
    for name in ("17.0", "18.0", "19.0"):
        series = series_on(name)
        assert not series.security.IR_ACCESS
        assert not series.config.TYPED
        assert not series.attachments.TYPED_BINARY


def test_the_manifest_loads_the_access_rights_through_the_seam():
    manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))
    data = manifest["data"]
    assert ACCESS_CSV not in data  # 20.0 would hand it to a model it no longer has
    assert data.index("security/migration_security.xml") < data.index(
        "security/migration_access.xml"
    )  # the groups exist before their rights
    xml = (ADDON / "security" / "migration_access.xml").read_text(encoding="utf-8")
    assert 'name="_migration_bridge_load_access"' in xml
    assert "<value>%s</value>" % ACCESS_CSV in xml
    assert (ADDON / ACCESS_CSV).is_file()
