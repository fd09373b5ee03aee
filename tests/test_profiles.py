import ast
from pathlib import Path

import pytest
from conftest import ADDON

from migration_bridge.services.profiles import get_profile, profile_selection

PROFILE = get_profile("generic")


def test_registry():
    assert ("generic", "Generic CRM export") in profile_selection()
    assert profile_selection()[0][0] == "generic", "the default heads the selection"
    with pytest.raises(KeyError, match="known profiles: .*dtools, .*generic, .*totus"):
        get_profile("nope")


def test_every_profile_module_is_registered():
    """A platform is its module: dropping one in services/profiles registers it."""
    folder = ADDON / "services" / "profiles"
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__", "base"}
    codes = {code for code, _label in profile_selection()}
    assert modules <= codes | {"generic"} and {"dtools", "totus"} <= codes


@pytest.mark.parametrize("value", ["Won", "closed won", "Closed-Won", "CLOSED_WON", "Выиграна"])
def test_won(value):
    assert PROFILE.is_won(value) and not PROFILE.is_lost(value)


@pytest.mark.parametrize("value", ["Lost", "Closed Lost", "closed_lost", "проиграна", "Perdu"])
def test_lost(value):
    assert PROFILE.is_lost(value) and not PROFILE.is_won(value)


@pytest.mark.parametrize("value", ["Negotiation", "Won't buy", "Lost and found", ""])
def test_neither(value):
    assert not PROFILE.is_won(value) and not PROFILE.is_lost(value)


def test_kinds_and_models():
    assert PROFILE.model_for("company") == "res.partner"
    assert PROFILE.model_for("deal") == "crm.lead"
    assert PROFILE.kind_spec("company").defaults == {"is_company": True}
    assert PROFILE.model_for("unknown") is None
    assert PROFILE.custom_ttype("money") == "float"
    assert PROFILE.custom_ttype("email") == "char"


def test_services_never_import_odoo():
    offenders = []
    for path in sorted((Path(ADDON) / "services").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            offenders += [str(path) for name in names if name.split(".")[0] == "odoo"]
    assert offenders == []
