from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import matcher, profiles, transform
from .migration_project import check_manager

MAPPING_STATES = [("proposed", "Proposed"), ("confirmed", "Confirmed")]

# Fields a column can never be mapped to: the ORM or this addon owns them.
UNMAPPABLE = {"id", "create_uid", "write_uid", "write_date", "display_name", "__last_update"}
# The form view of each target model where migrated custom fields are shown.
CUSTOM_FIELD_FORMS = {
    "res.partner": "base.view_partner_form",
    "crm.lead": "crm.crm_lead_view_form",
}


def target_fields(env, model_name):
    """The fields of ``model_name`` a column may land in, for the matcher."""
    Model = env[model_name]
    result = []
    for name, field in Model._fields.items():
        if name in UNMAPPABLE or name in ("x_source_id", "create_date"):
            continue
        if field.type in ("one2many", "binary", "properties", "properties_definition", "json"):
            continue
        if field.inherited and not field.readonly:
            pass  # a delegated field (a user's email is its partner's): writable
        elif not field.store or (field.compute and field.readonly and not field.inverse):
            continue
        if field.automatic:
            continue
        result.append(
            matcher.TargetField(
                name=name,
                label=field.string or name,
                type=field.type,
                relation=field.comodel_name if field.relational else None,
                required=bool(field.required),
            )
        )
    return result


class MigrationMapping(models.Model):
    """Where one source object lands, and how each of its columns does."""

    _name = "migration.mapping"
    _description = "Object mapping"
    _order = "project_id, id"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    object_id = fields.Many2one(
        "migration.source.object", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(related="object_id.name")
    kind = fields.Selection(
        selection="_selection_kind", help="What the rows are: companies, contacts, deals..."
    )
    model_name = fields.Char("Target model")
    confidence = fields.Float(digits=(5, 1), help="How sure the proposal is, in percent.")
    reason = fields.Char()
    state = fields.Selection(MAPPING_STATES, default="proposed", required=True)
    confirmed_uid = fields.Many2one("res.users", "Confirmed by", readonly=True)
    confirmed_date = fields.Datetime("Confirmed on", readonly=True)
    line_ids = fields.One2many("migration.mapping.line", "mapping_id", string="Columns")
    value_ids = fields.One2many("migration.mapping.value", "mapping_id", string="Stage map")

    @api.model
    def _selection_kind(self):
        """The kinds of every profile: companies, contacts, deals..."""
        kinds = {}
        for profile in profiles.PROFILES.values():
            for kind, spec in profile.kinds.items():
                kinds.setdefault(kind, spec.label)
        kinds[matcher.CUSTOM_KIND] = "New custom object"
        return list(kinds.items())

    def write(self, vals):
        if vals.get("state") == "confirmed" and not self.env.context.get("mapping_confirm"):
            check_manager(self.env, _("confirm a mapping"))
        if {"kind", "model_name"} & set(vals) and not self.env.context.get("mapping_confirm"):
            vals = dict(vals, state="proposed")
        return super().write(vals)

    @api.onchange("kind")
    def _onchange_kind(self):
        for mapping in self:
            if mapping.kind == matcher.CUSTOM_KIND:
                mapping.model_name = matcher.custom_model_name(mapping.object_id.object_name)
            elif mapping.kind:
                profile = mapping.project_id.get_profile()
                mapping.model_name = profile.model_for(mapping.kind)

    # ------------------------------------------------------------------
    # Proposal
    # ------------------------------------------------------------------
    def _propose_lines(self, profile):
        self.ensure_one()
        self.line_ids.unlink()
        self.value_ids.unlink()
        custom = self.kind == matcher.CUSTOM_KIND
        if not self.model_name or (self.model_name not in self.env and not custom):
            return
        obj = self.object_id
        proposals = matcher.propose_fields(
            profile,
            self.kind,
            obj.headers or [],
            obj._field_profiles(),
            target_fields(self.env, self.model_name) if self.model_name in self.env else [],
        )
        Line = self.env["migration.mapping.line"]
        fields_by_name = {f.name: f for f in obj.field_ids}
        Line.create([Line._vals_from_proposal(self, p, fields_by_name) for p in proposals])
        self.line_ids._propose_values(profile)

    def _merge_new_columns(self, profile):
        """A new export of a confirmed object: keep the confirmed map.

        Columns and stage values the confirmed map has never seen are added as
        unconfirmed proposals; the loader reports them instead of guessing.
        """
        self.ensure_one()
        known = set(self.line_ids.mapped("source_name"))
        obj = self.object_id
        fields_by_name = {f.name: f for f in obj.field_ids}
        for line in self.line_ids:
            line.source_field_id = fields_by_name.get(line.source_name)
        new_headers = [h for h in (obj.headers or []) if h not in known]
        if new_headers:
            proposals = matcher.propose_fields(
                profile,
                self.kind,
                new_headers,
                obj._field_profiles(),
                target_fields(self.env, self.model_name),
            )
            Line = self.env["migration.mapping.line"]
            Line.create(
                [
                    dict(Line._vals_from_proposal(self, p, fields_by_name), confirmed=False)
                    for p in proposals
                ]
            )
        self.line_ids._propose_values(profile)

    # ------------------------------------------------------------------
    # Confirmation
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Confirm the mapping: create the proposed custom fields, lock the map."""
        check_manager(self.env, _("confirm a mapping"))
        # A manager's confirmation creates fields and views: technical records.
        for mapping in self.sudo():
            mapping._check_complete()
            mapping._create_custom_model()
            created = mapping.line_ids._create_custom_fields()
            created = mapping._create_fold_field() or created
            created = mapping._create_id_field() or created
            mapping.line_ids.write({"confirmed": True})
            mapping.value_ids.write({"confirmed": True})
            mapping.with_context(mapping_confirm=True).write(
                {
                    "state": "confirmed",
                    "confirmed_uid": self.env.uid,
                    "confirmed_date": fields.Datetime.now(),
                }
            )
            mapping._set_source_ids()
            if created:
                mapping._show_custom_fields()
        return True

    def action_reset(self):
        """Back to a proposal, e.g. to change a confirmed map."""
        check_manager(self.env, _("reopen a confirmed mapping"))
        self.write({"state": "proposed"})
        return True

    def _check_complete(self):
        self.ensure_one()
        if not self.kind or not self.model_name:
            raise UserError(
                _(
                    "%(file)s: choose what the rows are (companies, contacts, deals...) "
                    "before confirming.",
                    file=self.object_id.name,
                )
            )
        profile = self.project_id.get_profile()
        proposals = [
            matcher.FieldProposal(
                source=line.source_name,
                target=line.target_name,
                confidence=line.confidence / 100.0,
                reason=line.reason or "",
            )
            for line in self.line_ids
            if line.target_name
        ]
        missing = matcher.missing_required(profile, self.kind, proposals)
        if missing:
            raise UserError(
                _("%(file)s: %(missing)s", file=self.object_id.name, missing="; ".join(missing))
            )

    def _create_custom_model(self):
        """A new custom object: its model, with the source id every migrated record has."""
        self.ensure_one()
        if self.kind != matcher.CUSTOM_KIND or self.model_name in self.env:
            return False
        model = (
            self.env["ir.model"]
            .sudo()
            .create(
                {
                    "model": self.model_name,
                    "name": self.object_id.object_name.replace("_", " ").capitalize(),
                    "state": "manual",
                    "info": "Migrated from %s" % self.object_id.name,
                    "field_id": [],  # no default x_name command: created below
                }
            )
        )
        # Not as commands of the model: Odoo runs those as the person who confirms.
        self.env["ir.model.fields"].sudo().create(
            [
                {
                    "model_id": model.id,
                    "name": name,
                    "field_description": label,
                    "ttype": "char",
                    "state": "manual",
                    "index": name == "x_source_id",
                }
                for name, label in (("x_name", "Name"), ("x_source_id", "Source ID"))
            ]
        )
        Access = self.env["ir.model.access"].sudo()
        for xmlid, perms in (
            ("base.group_user", (1, 0, 0, 0)),
            ("migration_bridge.group_migration_manager", (1, 1, 1, 1)),
        ):
            Access.create(
                {
                    "name": "%s %s" % (self.model_name, xmlid),
                    "model_id": model.id,
                    "group_id": self.env.ref(xmlid).id,
                    "perm_read": perms[0],
                    "perm_write": perms[1],
                    "perm_create": perms[2],
                    "perm_unlink": perms[3],
                }
            )
        # Its columns, proposed again now that the model and its fields exist: the id
        # column to x_source_id, the others to new fields of the model.
        self.env["ir.model.fields"].flush_model()
        self.with_context(mapping_confirm=True)._propose_lines(self.project_id.get_profile())
        return model

    def _create_fold_field(self):
        """The parent's field that keeps folded rows (a deal's line items), when new."""
        self.ensure_one()
        profile = self.project_id.get_profile()
        spec = profile.object_spec(self.kind)
        fold = spec.fold if spec else None
        if not fold:
            return False
        model = profile.model_for(fold.parent)
        if self.env["ir.model.fields"]._get(model, fold.field):
            return False
        self.env["ir.model.fields"].sudo().create(
            {
                "model_id": self.env["ir.model"]._get(model).id,
                "name": fold.field,
                "field_description": fold.label,
                "ttype": fold.ttype,
                "state": "manual",
                "store": True,
                "help": "Rows of %s kept on their %s" % (self.object_id.name, fold.parent),
            }
        )
        return True

    def _create_id_field(self):
        """The field that keeps the platform's own id on every record (x_dtools_id)."""
        self.ensure_one()
        profile = self.project_id.get_profile()
        if not profile.id_field or self.model_name not in self.env:
            return False
        if self.env["ir.model.fields"]._get(self.model_name, profile.id_field):
            return False
        if profile.kinds.get(self.kind) and not profile.kinds[self.kind].custom_fields:
            return False
        self.env["ir.model.fields"].sudo().create(
            {
                "model_id": self.env["ir.model"]._get(self.model_name).id,
                "name": profile.id_field,
                "field_description": profile.id_label or profile.id_field,
                "ttype": "char",
                "state": "manual",
                "store": True,
                "index": True,
                "help": "The record's id in %s" % profile.label,
            }
        )
        return True

    def _set_source_ids(self):
        """Copy each staged row's source id (its id column, or its natural key)."""
        self.ensure_one()
        columns = [
            transform.Column(line.source_name, line.target_name)
            for line in self.line_ids
            if line.target_name
        ]
        plan = transform.object_plan(
            self.project_id.get_profile(), self.kind, self.model_name, columns, self.name
        )
        self.env["migration.staging.record"]._set_source_ids(self.object_id, plan)

    def _show_custom_fields(self):
        """Show the migrated custom fields of the model on its form view."""
        self.ensure_one()
        form = CUSTOM_FIELD_FORMS.get(self.model_name)
        if not form:
            return
        names = (
            self.env["ir.model.fields"]
            .search(
                [
                    ("model", "=", self.model_name),
                    ("state", "=", "manual"),
                    ("name", "=like", "x\\_%"),
                ],
                order="id",
            )
            .mapped("name")
        )
        page = etree.Element("page", string=_("Migrated fields"), name="migration_custom_fields")
        group = etree.SubElement(page, "group")
        for name in names:
            etree.SubElement(group, "field", name=name)
        xpath = etree.Element("xpath", expr="//notebook", position="inside")
        xpath.append(page)
        root = etree.Element("data")
        root.append(xpath)
        arch = etree.tostring(root, encoding="unicode", pretty_print=True)
        key = "migration_bridge.custom_fields_%s" % self.model_name.replace(".", "_")
        View = self.env["ir.ui.view"].sudo()
        view = View.search([("key", "=", key)], limit=1)
        if view:
            view.arch_db = arch
        else:
            View.create(
                {
                    "name": "Migrated custom fields (%s)" % self.model_name,
                    "key": key,
                    "model": self.model_name,
                    "inherit_id": self.env.ref(form).id,
                    "mode": "extension",
                    "arch_db": arch,
                }
            )
