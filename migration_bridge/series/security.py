"""Where the addon's groups are placed on the user form, who is in them, and how its
access rights are loaded.

17.0 and 18.0 place a group in a module category (``res.groups.category_id``) and
name its users ``users``; from 19.0 a group belongs to a privilege
(``res.groups.privilege``, itself in a category) and its users are ``user_ids``.
``security/migration_security.xml`` declares the category and the groups with the
fields every series has, then calls ``res.groups._migration_bridge_place_groups``.

Access rights: up to 19.0 they are ``ir.model.access`` lines (and ``ir.rule``
records); 20.0 replaces both models by ``ir.access``
(``odoo/addons/base/models/ir_access.py``: ``model_id``, ``group_id``, ``operation``
a subset of ``crud`` in that order, ``domain``; no group makes it a restriction) and
Odoo's own modules ship ``security/ir.access.csv`` instead
(``odoo/upgrade_code/19.4-00-ir-access.py`` converts the old files and removes them
from the manifests). The addon keeps one source, ``security/ir.model.access.csv``;
the manifest does not list it: ``security/migration_access.xml`` calls
``res.groups._migration_bridge_load_access``, which on 17.0-19.0 hands the file to
Odoo's own data-file loader (``odoo.tools.convert.convert_file``, as the manifest
would) and on 20.0 loads its lines as ``ir.access`` records of the same external ids.
The addon has no ``ir.rule``.
"""

import csv
import io

from . import MAJOR

#: groups are placed through a privilege (19.0 on) rather than a category
PRIVILEGES = MAJOR >= 19
#: the field of a group's users
GROUP_USERS = "user_ids" if MAJOR >= 19 else "users"
#: access rights are ``ir.access`` records (20.0 on), not ``ir.model.access`` lines
IR_ACCESS = MAJOR >= 20

#: an ``ir.access`` operation's letters in the order Odoo writes them (``CRUD_SELECTION``
#: of 20.0's ``ir_access.py``), with the ``ir.model.access`` column of each
OPERATION_COLUMNS = (
    ("c", "perm_create"),
    ("r", "perm_read"),
    ("u", "perm_write"),
    ("d", "perm_unlink"),
)


def place_groups(env, category_xmlid, group_xmlids, users_by_group):
    """Put the groups in the category (through a privilege named after it from 19.0)
    and add the users to their groups, as the XML of each series would."""
    category = env.ref(category_xmlid)
    module, _dot, name = category_xmlid.partition(".")
    placement = {"category_id": category.id}
    if PRIVILEGES:
        privilege = env["res.groups.privilege"]._load_records(
            [
                {
                    "xml_id": "%s.%s_privilege" % (module, name),
                    "values": {
                        "name": category.name,
                        "sequence": category.sequence,
                        "category_id": category.id,
                    },
                }
            ]
        )
        placement = {"privilege_id": privilege.id}
    for xmlid in group_xmlids:
        values = dict(placement)
        users = [env.ref(user).id for user in users_by_group.get(xmlid, ())]
        if users:
            values[GROUP_USERS] = [(4, user) for user in users]
        env.ref(xmlid).write(values)


#: how a CSV (or a boolean) says a permission is granted
_TRUE = {"1", "True", "true"}


def operation(perms):
    """The ``ir.access`` operation of ``{perm_read: ..., perm_write: ..., ...}`` (booleans,
    or ``"1"`` and ``"0"`` as a CSV has them): ``"cru"`` for create, read and write;
    ``""`` when it grants nothing."""
    return "".join(
        letter for letter, column in OPERATION_COLUMNS if str(perms.get(column, "")) in _TRUE
    )


def access_lines(text):
    """The lines of an ``ir.model.access.csv`` (``id,name,model_id:id,group_id:id,
    perm_read,perm_write,perm_create,perm_unlink``) as dicts: ``id``, ``name``,
    ``model`` and ``group`` (external ids), ``operation``."""
    lines = []
    for row in csv.DictReader(io.StringIO(text)):
        if not row.get("id"):
            continue
        lines.append(
            {
                "id": row["id"],
                "name": row["name"],
                "model": row["model_id:id"],
                "group": row.get("group_id:id") or None,
                "operation": operation(row),
            }
        )
    return lines


def load_access(env, module, path):
    """Load ``module``'s access rights from its ``ir.model.access.csv`` at ``path``
    (relative to the module): called by ``security/migration_access.xml``."""
    state = env["ir.module.module"].search([("name", "=", module)], limit=1).state
    # the mode Odoo's loader gives a module's data files (odoo/modules/loading.py)
    mode = "init" if state in (False, "uninstalled", "to install") else "update"
    if not IR_ACCESS:
        from odoo.tools.convert import convert_file

        convert_file(env, module, path, {}, mode, noupdate=False)
        return
    from odoo.tools.misc import file_open

    with file_open("%s/%s" % (module, path), "rb", env=env) as handle:
        text = handle.read().decode("utf-8-sig")
    data_list = []
    for line in access_lines(text):
        if not line["operation"]:
            continue  # grants nothing: 20.0's ir.access requires an operation
        values = {
            "name": line["name"],
            "model_id": _ref_id(env, module, line["model"]),
            "operation": line["operation"],
        }
        if line["group"]:
            values["group_id"] = _ref_id(env, module, line["group"])
        data_list.append(
            {"xml_id": "%s.%s" % (module, line["id"]), "values": values, "noupdate": False}
        )
    env["ir.access"]._load_records(data_list, mode == "update")


def grant(env, model_id, group_id, perms, name):
    """Give the group ``group_id`` the operations ``perms`` = ``(read, write, create,
    unlink)`` (true or false each) on every record of the model ``model_id`` (an
    ``ir.model`` id): a line of ``ir.model.access``, an ``ir.access`` from 20.0."""
    read, write, create, unlink = (bool(perm) for perm in perms)
    if IR_ACCESS:
        op = operation(
            {"perm_read": read, "perm_write": write, "perm_create": create, "perm_unlink": unlink}
        )
        if not op:
            return env["ir.access"]
        return (
            env["ir.access"]
            .sudo()
            .create({"name": name, "model_id": model_id, "group_id": group_id, "operation": op})
        )
    return (
        env["ir.model.access"]
        .sudo()
        .create(
            {
                "name": name,
                "model_id": model_id,
                "group_id": group_id,
                "perm_read": read,
                "perm_write": write,
                "perm_create": create,
                "perm_unlink": unlink,
            }
        )
    )


def _ref_id(env, module, xmlid):
    return env.ref(xmlid if "." in xmlid else "%s.%s" % (module, xmlid)).id
