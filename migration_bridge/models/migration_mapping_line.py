from odoo import _, api, fields, models

from ..series import orm
from ..services import matcher, targets, transform
from ..services.values import slugify_field_name
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
    # a column of a new custom object naming the records of another file by their ids
    ("many2one", "Link to a record"),
]
# Columns whose values feed the stage map.
STAGE_TARGETS = targets.STAGE_MAPPED
# A person's choice of where a column lands (the other map fields only refine it).
CHOICE_FIELDS = {"target_field_id", "target_special", "create_custom"}
# What a composed target does with the column, as the review list says it.
ROLE_LANDS_IN = {
    targets.ROLE_KEY: "%(label)s: finds the record again at a delta",
    targets.ROLE_DATE: "%(label)s: kept as the source's date in %(into)s",
    targets.ROLE_PART: "%(label)s: joined with the other parts into %(into)s",
    targets.ROLE_STATUS: "%(label)s: a stage, won or lost, as the Stage map says",
    targets.ROLE_REF: "%(label)s: the record it names, into %(into)s",
    targets.ROLE_ATTACH: "%(label)s: the record it is attached to",
    targets.ROLE_FLAG: "%(label)s: marks it done",
    targets.ROLE_DETAIL: "%(label)s: a line of the record's text",
    targets.ROLE_EMAILS: "%(label)s: the people the message went to",
    targets.ROLE_FILE: "%(label)s: the document's content, from the upload",
    targets.ROLE_PARENT: "%(label)s: the record the rows are kept on",
}


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
    samples = fields.Text(related="source_field_id.samples_display")
    target_field_id = fields.Many2one(
        "ir.model.fields",
        "Target field",
        ondelete="set null",
        domain="[('model', '=', model_name)]",
    )
    target_special = fields.Selection(
        # and the source id of a model whose x_source_id field is created at confirmation
        # (a new custom object, a model of an app the addon does not depend on)
        selection=lambda self: targets.selection() + [("x_source_id", "Source ID")],
        string="Composed target",
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
    custom_relation = fields.Char(
        "Links to",
        help="A new custom object's column naming the records of another file by their "
        "ids: the model of the field it becomes (a partner, another new custom object).",
    )
    confidence = fields.Float(digits=(5, 1), help="In percent.", **{orm.AGGREGATOR: "avg"})
    reason = fields.Text()
    needs_review = fields.Boolean(
        compute="_compute_needs_review",
        store=True,
        help="The proposal is less sure than the matcher's review threshold: look at it "
        "before confirming.",
    )
    chosen_uid = fields.Many2one(
        "res.users", "Chosen by", readonly=True, help="The person who chose this target."
    )
    lands_in = fields.Text(
        "Lands in", compute="_compute_lands_in", help="Where the column's values end up in Odoo."
    )
    locked = fields.Boolean(compute="_compute_locked")
    confirmed = fields.Boolean(readonly=True)

    @api.depends("target_field_id", "target_special")
    def _compute_target_name(self):
        for line in self:
            line.target_name = line.target_special or line.target_field_id.name or False

    @api.depends("confidence")
    def _compute_needs_review(self):
        for line in self:
            line.needs_review = matcher.needs_review(line.confidence / 100.0)

    @api.depends(
        "target_name",
        "target_field_id",
        "create_custom",
        "custom_name",
        "custom_type",
        "custom_relation",
    )
    def _compute_lands_in(self):
        types = dict(CUSTOM_TYPES)
        for line in self:
            composed = targets.get(line.target_name)
            if composed:
                line.lands_in = ROLE_LANDS_IN[composed.role] % {
                    "label": composed.label,
                    "into": line._field_label(composed.into),
                }
            elif line.target_field_id:
                line.lands_in = line._field_label(line.target_field_id.name)
            elif line.create_custom and line.custom_name and line.custom_type == "many2one":
                line.lands_in = _(
                    "new custom field %(name)s, a link to %(model)s",
                    name=line.custom_name,
                    model=line.custom_relation,
                )
            elif line.create_custom and line.custom_name:
                line.lands_in = _(
                    "new custom field %(name)s (%(type)s)",
                    name=line.custom_name,
                    type=types.get(line.custom_type or "char"),
                )
            else:
                line.lands_in = _("not imported")

    def _field_label(self, name):
        """'Label (name)' of a field of the line's model, as a person finds it in Odoo."""
        field = (
            self.env[self.model_name]._fields.get(name) if self.model_name in self.env else None
        )
        return "%s (%s)" % (field.string, name) if field else name or ""

    @api.onchange("target_field_id", "target_special", "create_custom")
    def _onchange_choice(self):
        """Show at once what saving the choice writes (see ``_chosen_vals``)."""
        for line in self:
            current = {
                "target_field_id": line.target_field_id.id,
                "target_special": line.target_special,
                "create_custom": line.create_custom,
            }
            line.update(line._chosen_vals(current))
            if line.create_custom and not line.custom_name:
                line.custom_name = slugify_field_name(line.source_name, prefix="x_")
                line.custom_type = line.custom_type or "char"

    def _chosen_vals(self, vals):
        """A person chose where the column lands: the line says who, at full confidence.

        A standard or composed target drops the custom field proposed for the column;
        a custom field asked for replaces the target."""
        chosen = {
            "chosen_uid": self.env.uid,
            "confidence": 100.0,
            "reason": _("chosen by %s", self.env.user.name),
        }
        if vals.get("target_field_id") or vals.get("target_special"):
            chosen["create_custom"] = False
        elif vals.get("create_custom"):
            chosen.update(target_field_id=False, target_special=False)
        return chosen

    @api.depends("mapping_id.state")
    @api.depends_context("uid")
    def _compute_locked(self):
        # Not a related field: those compute as superuser, whom nothing locks.
        for line in self:
            line.locked = line.mapping_id.locked

    def write(self, vals):
        confirming = self.env.context.get("mapping_confirm")
        if vals.get("confirmed") and not confirming:
            check_manager(self.env, _("confirm a mapping"))
        changes_map = CHOICE_FIELDS | {"custom_name", "custom_type", "create_missing"}
        if changes_map & set(vals) and not confirming:
            if CHOICE_FIELDS & set(vals):
                vals = dict(vals, **self._chosen_vals(vals))
            if "confirmed" not in vals:
                vals = dict(vals, confirmed=False)
                self.mapping_id._reopen(_("column %s", ", ".join(self.mapped("source_name"))))
        return super().write(vals)

    @api.model
    def _as_proposal(self):
        """The line as the matcher's proposal (what ``_vals_from_proposal`` made)."""
        self.ensure_one()
        return matcher.FieldProposal(
            self.source_name,
            self.target_name or None,
            (self.confidence or 0.0) / 100.0,
            self.reason or "",
            custom_name=(self.custom_name or None) if self.create_custom else None,
            custom_type=(self.custom_type or None) if self.create_custom else None,
        )

    def _vals_from_proposal(self, mapping, proposal, fields_by_name):
        target_field = self.env["ir.model.fields"]
        special = False
        if targets.is_composed(proposal.target) and proposal.target not in targets.UNIVERSAL:
            special = proposal.target
        elif proposal.target:
            target_field = target_field._get(mapping.model_name, proposal.target)
            if not target_field and proposal.target == "x_source_id":
                # a model of an app the addon does not depend on: its source id field
                # is created at confirmation (migration.mapping._extra_fields_vals)
                special = proposal.target
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

    def _to_review(self):
        """The lines a person should look at before confirming: unsure and not confirmed."""
        return self.filtered(lambda ln: ln.needs_review and not ln.confirmed)

    def _custom_to_create(self):
        """The lines whose confirmation creates a custom field: asked for, no target."""
        return self.filtered(lambda ln: ln.create_custom and not ln.target_name)

    def _create_custom_fields(self):
        """Create the confirmed custom fields; return the lines that got one."""
        created = self.browse()
        for line in self._custom_to_create():
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
                if vals["ttype"] == "many2one":
                    if line.custom_relation not in self.env:
                        vals["ttype"] = "char"  # the linked model is gone: its ids as text
                    else:
                        vals.update(relation=line.custom_relation, on_delete="set null")
                field = self.env["ir.model.fields"].sudo().create(vals)
            if field.ttype == "selection":
                # Not as commands of the field: Odoo runs those as the person who
                # confirms, who may not write technical records. A field another file
                # created first (accounts' and contacts' 'CreatedById' on res.partner)
                # gains the values this file adds.
                known = set(field.sudo().selection_ids.mapped("value"))
                start = len(known)
                self.env["ir.model.fields.selection"].sudo().create(
                    [
                        {"field_id": field.id, "value": value, "name": value, "sequence": i}
                        for i, value in enumerate(
                            (v for v, _count in line._distinct_values() if v not in known),
                            start,
                        )
                    ]
                )
            line.with_context(mapping_confirm=True).write(
                {"target_field_id": field.id, "confirmed": True}
            )
            created |= line
        return created
