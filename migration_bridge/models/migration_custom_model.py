from odoo import _, api, fields, models

from ..series import views as series_views
from ..services import matcher

# The menu the new models' lists are opened from.
ROOT_MENU = "migration_bridge.menu_migration_root"


class MigrationCustomModel(models.Model):
    """A custom model (``x_...``) a project created for a file no object fits.

    Created when its mapping is confirmed, again by a run when a rollback removed it;
    removed by the project's rollback when no record is left in it and no other field
    points at it."""

    _name = "migration.custom.model"
    _description = "Custom model created by a migration"
    _order = "project_id, id"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    mapping_id = fields.Many2one("migration.mapping", ondelete="set null")
    model = fields.Char("Model", required=True)
    name = fields.Char("Label")
    ir_model_id = fields.Many2one("ir.model", "Odoo model", ondelete="set null")
    action_id = fields.Many2one("ir.actions.act_window", ondelete="set null")
    menu_id = fields.Many2one("ir.ui.menu", ondelete="set null")
    # the objects (one a line) whose columns were proposed again once the model existed
    # (at their first confirmation): later confirmations keep what a person chose
    proposed_objects = fields.Text()
    # before proposed_objects (1.1.0): the columns of its mapping's object were proposed
    lines_proposed = fields.Boolean()

    def _proposed_for(self, obj):
        """Whether the columns of ``obj`` were proposed again against the model."""
        self.ensure_one()
        if self.lines_proposed and self.mapping_id.object_id == obj:
            return True
        return obj.object_name in (self.proposed_objects or "").split("\n")

    field_count = fields.Integer("Fields", compute="_compute_counts")
    record_count = fields.Integer("Records", compute="_compute_counts")

    @api.depends("ir_model_id")
    def _compute_counts(self):
        for tracked in self:
            model = tracked.sudo().ir_model_id
            tracked.field_count = len(model.field_id.filtered(lambda f: f.state == "manual"))
            tracked.record_count = (
                self.env[tracked.model].sudo().search_count([]) if tracked.model in self.env else 0
            )

    def _make_menu(self):
        """A list of the model's records under the Migration app."""
        for tracked in self.sudo():
            if tracked.menu_id and tracked.action_id:
                continue
            action = tracked.action_id or self.env["ir.actions.act_window"].sudo().create(
                {
                    "name": tracked.name or tracked.model,
                    "res_model": tracked.model,
                    "view_mode": series_views.view_mode("list,form"),
                    "help": _("Records migrated from %s.", tracked.mapping_id.object_id.name),
                }
            )
            menu = (
                self.env["ir.ui.menu"]
                .sudo()
                .create(
                    {
                        "name": tracked.name or tracked.model,
                        "parent_id": self.env.ref(ROOT_MENU).id,
                        "action": "ir.actions.act_window,%s" % action.id,
                        "sequence": 60,
                    }
                )
            )
            tracked.write({"action_id": action.id, "menu_id": menu.id})

    def _why_kept(self, removing):
        """Why the model stays (records left, a field of another model points at it),
        or None. ``removing``: the models removed with it."""
        self.ensure_one()
        if self.model not in self.env:
            return None
        left = self.env[self.model].sudo().with_context(active_test=False).search_count([])
        if left:
            return _("%(count)s records are left in it", count=left)
        pointing = (
            self.env["ir.model.fields"]
            .sudo()
            .search([("relation", "=", self.model), ("model", "not in", removing)])
        )
        if pointing:
            return _(
                "%(fields)s point at it",
                fields=", ".join("%s.%s" % (f.model, f.name) for f in pointing),
            )
        return None

    def _remove(self):
        """Remove the models no record is left in and nothing else uses; the project
        says which were removed and which kept, and why."""
        removing = set(self.filtered(lambda t: t.model in self.env).mapped("model"))
        kept = {}
        changed = True
        while changed:  # a model kept keeps the models it points at
            changed = False
            for tracked in self.filtered(lambda t: t.model in removing):
                why = tracked._why_kept(sorted(removing))
                if why:
                    kept[tracked] = why
                    removing.discard(tracked.model)
                    changed = True
        gone = self.filtered(lambda t: t.model in removing)
        if gone:
            # the columns keep their field's name (custom_name): the run after the
            # rollback creates the fields again
            self.env["migration.mapping.line"].sudo().search(
                [("target_field_id.model", "in", gone.mapped("model"))]
            ).with_context(mapping_confirm=True).write({"target_field_id": False})
            gone.menu_id.sudo().unlink()
            gone.action_id.sudo().unlink()
            self.env["ir.model"].sudo().search([("model", "in", gone.mapped("model"))]).unlink()
        for project in self.project_id:
            lines = []
            for tracked in gone.filtered(lambda t, project=project: t.project_id == project):
                lines.append(_("%(model)s removed", model=tracked.model))
            for tracked, why in kept.items():
                if tracked.project_id == project:
                    lines.append(_("%(model)s kept: %(why)s", model=tracked.model, why=why))
            if lines:
                project.message_post(
                    body=_("Custom models of the rollback: %s.", "; ".join(lines))
                )
        return gone, kept


class MigrationProject(models.Model):
    _inherit = "migration.project"

    custom_model_ids = fields.One2many(
        "migration.custom.model", "project_id", string="Custom models"
    )

    def action_rollback_all(self):
        """Undo every run, then remove the custom models the project created when
        nothing is left in them and nothing else uses them."""
        result = super().action_rollback_all()
        for project in self:
            project.custom_model_ids.sudo()._remove()
        return result

    def _ensure_custom_models(self):
        """The new custom models of the confirmed mapping, created again where a
        rollback removed them."""
        for project in self:
            project.mapping_ids.filtered(
                lambda m: m.kind == matcher.CUSTOM_KIND and m.state == "confirmed"
            )._ensure_custom_models()

    def _test_run(self):
        """The Test loads into the new custom models: they exist before its savepoint,
        whose rollback would leave Odoo's registry with models and no tables."""
        self._ensure_custom_models()
        return super()._test_run()

    def _propose_structure(self):
        """The columns of a new custom object naming the rows of another file become
        links (many2one fields) to that file's records."""
        result = super()._propose_structure()
        for project in self:
            custom = project.mapping_ids.filtered(
                lambda m: m.kind == matcher.CUSTOM_KIND and m.state == "proposed"
            )
            if custom:
                custom._propose_custom_references()
        return result


class MigrationRun(models.Model):
    _inherit = "migration.run"

    def _plan(self):
        """The project's new custom models exist before a run (a rollback may have
        removed them); the planner loads each after the objects it links to
        (``migration.mapping._object_links``)."""
        if not self.env.context.get("migration_test_run"):  # the Test made them before
            self.project_id._ensure_custom_models()
        return super()._plan()
