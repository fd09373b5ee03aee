"""The fields Odoo offers a column, per series, for the tests and tools with no database.

``<series>.json`` is recorded from a database of that series by
``scripts/record_fields.py`` (what ``models/migration_mapping.target_fields`` returns
for each target model of the profiles, with the values of selection fields). In Odoo
the matcher reads the fields from the database; here they are read from a snapshot,
the primary series' by default::

    from fields import target_fields
    matcher.propose(profile, name, headers, profiles, target_fields())
    matcher.propose(profile, name, headers, profiles, target_fields("17.0"))
"""

import json
from functools import cache
from pathlib import Path

from migration_bridge.services.matcher import TargetField

HERE = Path(__file__).resolve().parent
# The series the addon is developed on (scripts/odoo-env.sh: PRIMARY_SERIES).
PRIMARY_SERIES = "19.0"


def recorded():
    """The series a snapshot is recorded for, oldest first."""
    return sorted(
        (path.stem for path in HERE.glob("*.json")),
        key=lambda name: tuple(int(part) for part in name.split(".")),
    )


def path(series=PRIMARY_SERIES):
    """The snapshot file of ``series``."""
    return HERE / ("%s.json" % series)


@cache
def snapshot(series=PRIMARY_SERIES):
    """The snapshot of ``series`` as recorded: {series, modules, models: {model: [field]}}."""
    file = path(series)
    if not file.exists():
        raise FileNotFoundError(
            "no field snapshot of Odoo %s (%s); known: %s. Record it with "
            "scripts/record_fields.py" % (series, file, ", ".join(recorded()))
        )
    return json.loads(file.read_text(encoding="utf-8"))


@cache
def _target_fields(series):
    return {
        model: tuple(
            TargetField(
                name=entry["name"],
                label=entry["label"],
                type=entry["type"],
                relation=entry["relation"],
                required=entry["required"],
                selection=tuple(tuple(value) for value in entry.get("selection", ())),
                known=tuple(entry["known"]) if "known" in entry else None,
            )
            for entry in entries
        )
        for model, entries in snapshot(series)["models"].items()
    }


def target_fields(series=PRIMARY_SERIES):
    """{model: [TargetField]}: what the matcher is given in Odoo, for ``series``."""
    return {model: list(fields) for model, fields in _target_fields(series).items()}


def by_name(series=PRIMARY_SERIES):
    """{model: {field name: TargetField}} of ``series``."""
    return {
        model: {field.name: field for field in fields}
        for model, fields in _target_fields(series).items()
    }


def selection(model, name, series=PRIMARY_SERIES):
    """The values of the selection field ``model.name`` in ``series``: [(key, label)]."""
    for entry in snapshot(series)["models"][model]:
        if entry["name"] == name:
            return [tuple(value) for value in entry.get("selection", ())]
    raise KeyError("%s has no field %s in Odoo %s" % (model, name, series))
