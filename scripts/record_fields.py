# Run inside `odoo-bin shell`: records the fields a column may land in, as the running
# database offers them, for the pure tests and tools that have no database.
#
#   ODOO_SERIES=19.0 bash -c 'source scripts/odoo-env.sh;
#       odoo_run shell -d DB --no-http --log-level=warn < scripts/record_fields.py'
#
# writes tests/fields/<series>.json (RECORD_FIELDS_OUT: another file). Per target model
# of the profiles (their kinds' models), the fields ``target_fields(env, model)`` of
# models/migration_mapping.py returns, sorted by name: name, label, type, relation,
# required, for a selection its values (key and label, in Odoo's order), and for a
# many2one to a model a run never creates the names of its records (a new database's). Custom
# fields (x_, created by a migration or by hand) are left out: the snapshot is Odoo's,
# not one database's. Nothing is written to the database: the transaction is rolled back.
import json
import os
from pathlib import Path

from odoo import release
from odoo.addons.migration_bridge.models.migration_mapping import target_fields
from odoo.addons.migration_bridge.services.profiles import PROFILES
from odoo.modules.module import get_module_path


def _models():
    """The target models the profiles' kinds name, sorted."""
    return sorted(
        {spec.model for p in PROFILES.values() for spec in p.kinds.values() if spec.model}
    )


def _field(env, model, target):
    field = env[model]._fields[target.name]
    entry = {
        "name": target.name,
        "label": target.label,
        "type": target.type,
        "relation": target.relation,
        "required": target.required,
    }
    if target.known is not None:  # the records a run finds but never creates
        entry["known"] = sorted(target.known)
    if field.type == "selection":
        described = env[model].fields_get([target.name], ["selection"])[target.name]
        entry["selection"] = [[key, label] for key, label in described["selection"]]
    return entry


def _dumps(snapshot):
    """JSON with one line per field and per selection value: readable diffs."""
    lines = ["{"]
    lines.append('  "series": %s,' % json.dumps(snapshot["series"]))
    lines.append('  "modules": [')
    lines.append(",\n".join("    %s" % json.dumps(m) for m in snapshot["modules"]))
    lines.append("  ],")
    lines.append('  "models": {')
    models = []
    for model, fields in snapshot["models"].items():
        rows = []
        for entry in fields:
            head = {k: v for k, v in entry.items() if k != "selection"}
            text = json.dumps(head, ensure_ascii=False)
            if "selection" in entry:
                values = ",\n".join(
                    "        %s" % json.dumps(value, ensure_ascii=False)
                    for value in entry["selection"]
                )
                text = '%s, "selection": [\n%s\n      ]}' % (text[:-1], values)
            rows.append("      " + text)
        models.append("    %s: [\n%s\n    ]" % (json.dumps(model), ",\n".join(rows)))
    lines.append(",\n".join(models))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def record(env):
    """The snapshot of this database: {series, modules, models: {model: [field]}}."""
    env = env(context=dict(env.context, lang="en_US"))
    models = {}
    for model in _models():
        if model not in env:
            continue
        fields = [
            _field(env, model, target)
            for target in target_fields(env, model)
            if not env[model]._fields[target.name].manual
        ]
        models[model] = sorted(fields, key=lambda entry: entry["name"])
    installed = env["ir.module.module"].search([("state", "=", "installed")])
    return {
        "series": release.series,
        "modules": sorted(installed.mapped("name")),
        "models": models,
    }


def main(env):
    snapshot = record(env)
    missing = sorted(set(_models()) - set(snapshot["models"]))
    if missing:
        raise SystemExit("models not in this database: %s" % ", ".join(missing))
    default = Path(get_module_path("migration_bridge")).parent / "tests" / "fields"
    out = Path(os.environ.get("RECORD_FIELDS_OUT") or default / ("%s.json" % release.series))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_dumps(snapshot), encoding="utf-8")
    # the snapshot must read back as what was recorded
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(snapshot))
    count = sum(len(fields) for fields in snapshot["models"].values())
    print("%s: %d fields of %d models" % (out, count, len(snapshot["models"])))


try:
    main(env)  # noqa: F821 - the shell's environment
finally:
    env.cr.rollback()  # noqa: F821
