from odoo import _, api, fields, models

from ..services import targets, transform
from .migration_project import check_manager

CUSTOM_TYPES = [
    ("char", "Text"),
    ("text", "Long text"),
    ("integer", "Integer"),
    ("float", "Decimal"),
    ("date", "Date"),
    ("datetime", "Date and time"),
    ("boolean", "Yes/No"),
    ("selection", "Selection"),
]
# Columns whose values feed the stage map.
STAGE_TARGETS = targets.STAGE_MAPPED


class MigrationMappingLine(models.Model):
    """One column of a source object and the field it lands in."""

    _name = "migration.mapping.line"
    _description = "Field mapping"
    _order = "mapping_id, sequence, id"

    mapping_id = fields.Many2one(
        "migration.mapping", required=True, ondelete="cascade", index=True
    )
    project_id = fields.Many2one(related="mapping_id.project_id", store=True, index=True)
    object_id = fields.Many2one(related="mapping_id.object_id", store=True)
    model_name = fields.Char(related="mapping_id.model_name")
    sequence = fields.Integer()
    source_name = fields.Char("Column", required=True)
    source_field_id = fields.Many2one("migration.source.field", ondelete="set null")
    inferred_type = fields.Selection(related="source_field_id.inferred_type")
    fill_rate = fields.Float(related="source_field_id.fill_rate")
    samples = fields.Char(related="source_field_id.samples_display")
    target_field_id = fields.Many2one(
        "ir.model.fields",
        "Target field",
        ondelete="set null",
        domain="[('model', '=', model_name)]",
    )
    target_special = fields.Selection(
        selection=lambda self: targets.selection(), string="Composed target"
    )
    create_missing = fields.Boolean(
        "Create missing records",
        help="A name in this column that matches no record of the export nor of Odoo "
        "creates that record (a company named on contacts but absent from the export). "
        "Off: the name is kept and reported.",
    )
    target_name = fields.Char(
        compute="_compute_target_name", store=True, help="Technical name of the target."
    )
    create_custom = fields.Boolean(
        "Create custom field", help="No field fits: create this custom field on confirmation."
    )
    custom_name = fields.Char("Custom field name")
    custom_type = fields.Selection(CUSTOM_TYPES)
    confidence = fields.Float(digits=(5, 1), help="In percent.")
    reason = fields.Char()
    confirmed = fields.Boolean(readonly=True)

    @api.depends("target_field_id", "target_special")
    def _compute_target_name(self):
        for line in self:
            line.target_name = line.target_special or line.target_field_id.name or False

    def write(self, vals):
        if vals.get("confirmed") and not self.env.context.get("mapping_confirm"):
            check_manager(self.env, _("confirm a mapping"))
        changes_map = {
            "target_field_id",
            "target_special",
            "create_custom",
            "custom_name",
            "create_missing",
        }
        if changes_map & set(vals) and "confirmed" not in vals:
            vals = dict(vals, confirmed=False)
            self.mapping_id.filtered(lambda m: m.state == "confirmed").write({"state": "proposed"})
        return super().write(vals)

    @api.model
    def _vals_from_proposal(self, mapping, proposal, fields_by_name):
        target_field = self.env["ir.model.fields"]
        special = False
        if targets.is_composed(proposal.target) and proposal.target not in targets.UNIVERSAL:
            special = proposal.target
        elif proposal.target:
            target_field = target_field._get(mapping.model_name, proposal.target)
        source_field = fields_by_name.get(proposal.source)
        profile = mapping.project_id.get_profile()
        ref = profile.references(mapping.kind).get(proposal.target)
        create_missing = bool(
            ref
            and ref.create
            and source_field
            and transform.names_not_ids(source_field.samples or [])
        )
        return {
            "mapping_id": mapping.id,
            "sequence": source_field.sequence if source_field else 999,
            "source_name": proposal.source,
            "source_field_id": source_field.id if source_field else False,
            "target_field_id": target_field.id,
            "target_special": special,
            "create_missing": create_missing,
            "create_custom": bool(proposal.custom_name) and not proposal.target,
            "custom_name": proposal.custom_name,
            "custom_type": proposal.custom_type,
            "confidence": proposal.confidence * 100.0,
            "reason": proposal.reason,
        }

    # ------------------------------------------------------------------
    # Stage map
    # ------------------------------------------------------------------
    def _distinct_values(self, rank_column=None):
        """Distinct non-empty values of this column over the staged rows, with counts."""
        self.ensure_one()
        return self.env["migration.staging.record"]._distinct_values(
            self.object_id, self.source_name, rank_column
        )

    def _propose_values(self, profile):
        Value = self.env["migration.mapping.value"]
        for line in self.filtered(lambda ln: ln.target_name in STAGE_TARGETS):
            existing = {v.source_value.lower(): v for v in line.mapping_id.value_ids}
            rank = line.mapping_id.line_ids.filtered(lambda ln: ln.target_name == "probability")
            vals_list = []
            for sequence, (value, count) in enumerate(
                line._distinct_values(rank[:1].source_name), start=len(existing) + 1
            ):
                known = existing.get(value.lower())
                if known:
                    known.count = count
                    continue
                vals_list.append(
                    dict(
                        Value._proposal(profile, line, value),
                        sequence=sequence,
                        count=count,
                        confirmed=False,
                    )
                )
            if vals_list:
                Value.create(vals_list)

    # ------------------------------------------------------------------
    # Confirmation
    # ------------------------------------------------------------------
    def _custom_label(self):
        """The new field's label: the column's, unless the model has a field of that label
        (Odoo warns of two fields with one label): then marked as the source's."""
        self.ensure_one()
        labels = {field.string for field in self.env[self.model_name]._fields.values()}
        label = self.source_name
        return label if label not in labels else "%s (source)" % label

    def _create_custom_fields(self):
        """Create the confirmed custom fields; return the lines that got one."""
        created = self.browse()
        for line in self.filtered(lambda ln: ln.create_custom and not ln.target_name):
            model = self.env["ir.model"]._get(line.model_name)
            field = self.env["ir.model.fields"]._get(line.model_name, line.custom_name)
            if not field:
                vals = {
                    "model_id": model.id,
                    "name": line.custom_name,
                    "field_description": line._custom_label(),
                    "ttype": line.custom_type or "char",
                    "state": "manual",
                    "store": True,
                    "help": "Migrated from column %r of %s"
                    % (line.source_name, line.object_id.name),
                }
                field = self.env["ir.model.fields"].sudo().create(vals)
                if vals["ttype"] == "selection":
                    # Not as commands of the field: Odoo runs those as the person who
                    # confirms, who may not write technical records.
                    self.env["ir.model.fields.selection"].sudo().create(
                        [
                            {"field_id": field.id, "value": value, "name": value, "sequence": i}
                            for i, (value, _count) in enumerate(line._distinct_values())
                        ]
                    )
            line.with_context(mapping_confirm=True).write(
                {"target_field_id": field.id, "confirmed": True}
            )
            created |= line
        return created
