"""Rows kept on their parent (a deal's line items), as one text field of the parent."""

from ..services import transform
from ..services.errors import RowError


def fold_rows(load, staging_ids):
    """Each parent's rows, rendered as text into the parent's field (one write each).

    A row counts updated when its parent's text changed, unchanged otherwise; a row
    whose parent is not in the export nor in Odoo fails with an issue.
    """
    fold = load.plan.fold
    groups = {}
    for staging in load.env["migration.staging.record"].browse(staging_ids):
        prepared = load.prepare_row(staging, keyed=False)
        if not prepared:
            continue
        row = prepared[1]
        if not row.parent:
            load.outcomes.failed(
                staging,
                RowError(
                    "%s: no parent %s is given; the row cannot be kept anywhere"
                    % (load.where(staging, load.plan.column_of("_parent")), fold.parent),
                    column=load.plan.column_of("_parent"),
                    code="blank_mandatory",
                ),
            )
            continue
        groups.setdefault(row.parent, []).append(staging)
    lookups = {
        (token, column): transform.record_lookup("_parent", token, column, (fold.parent,))
        for token, column in groups
    }
    resolved = load.ctx.resolver.resolve(list(lookups.values()), load)
    for (token, column), rows in groups.items():
        found = resolved.get(lookups[(token, column)], token)
        if not found:
            for staging in rows:
                load.outcomes.failed(
                    staging,
                    RowError(
                        "%s: its %s %r is not in the export nor in Odoo; the row was "
                        "not kept" % (load.where(staging, column), fold.parent, token),
                        column=column,
                        code="orphan_reference",
                    ),
                )
            continue
        record = load.env[found[0]].browse(found[1])
        outcome = "unchanged"
        for field, text in _landing(fold, record, [staging.payload or {} for staging in rows]):
            previous = record[field] if field in record._fields else None
            if (previous or "") != text:
                outcome = "updated"
                write_onto(load, record, field, text, previous or False, token)
        for staging in rows:
            load.outcomes.loaded(staging, outcome, record)


def _landing(fold, record, payloads):
    """(field, text) the fold writes on ``record``: a field its model lacks on this
    series (``mobile`` is gone from 19.0's partners) joins the readable text, named."""
    values = fold.values(payloads)
    lacking = [f for f in values if f not in record._fields and f != fold.field]
    if lacking:
        lost = [(f, values.pop(f)) for f in lacking]
        named = ["%s: %s" % (f, text) for f, text in lost if text]
        values[fold.field] = "\n".join(filter(None, named + [values.get(fold.field) or ""]))
    return values.items()


def write_onto(load, record, field, value, previous, token):
    """Write rows of another object onto ``record``'s ``field`` (text kept on a parent,
    links added to a meeting): its date of last change stays the source's, and the
    run's record link keeps ``previous`` for a rollback to put back."""
    kept = record.write_date
    record.write({field: value})
    load.adapter.write_dates([(record, {"write_date": kept})])
    load.env["migration.record.link"].create(
        {
            "run_id": load.ctx.run.id,
            "project_id": load.ctx.project.id,
            "model": record._name,
            "res_id": record.id,
            "source_object": load.obj.object_name,
            "source_id": token,
            "source_key": "%s#%s" % (record.x_source_id, field),
            "operation": "updated",
            "previous_values": {field: previous},
        }
    )
