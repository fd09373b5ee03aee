"""The plan of one confirmed mapping, as the load and the audit apply it to rows."""

from ..services import targets, transform
from ..services.profiles.base import Template


def mapping_columns(env, mapping):
    """(columns, gone): the confirmed lines as the transform reads them, and the lines
    whose target field no longer exists on the model (not migrated)."""
    Model = env[mapping.model_name]
    columns, gone = [], []
    for line in mapping.line_ids.filtered(lambda ln: ln.confirmed and ln.target_name):
        composed = targets.get(line.target_name)
        if composed:
            columns.append(
                transform.Column(
                    line.source_name,
                    line.target_name,
                    composed.type,
                    create_missing=line.create_missing,
                )
            )
            continue
        field = Model._fields.get(line.target_name)
        if field is None:
            gone.append(line)
            continue
        selection = ()
        if field.type == "selection":
            selection = tuple(field._description_selection(env))
        columns.append(
            transform.Column(
                line.source_name,
                line.target_name,
                field.type,
                field.comodel_name if field.relational else None,
                selection,
                line.create_missing,
            )
        )
    return columns, gone


def mapping_plan(profile, mapping, columns):
    """The ObjectPlan of ``mapping`` with these columns (``mapping_columns``)."""
    template = mapping.name_template
    return transform.object_plan(
        profile,
        mapping.kind,
        mapping.model_name,
        columns,
        mapping.object_id.name,
        (Template("name", template, owns=False),) if template else (),
    )
