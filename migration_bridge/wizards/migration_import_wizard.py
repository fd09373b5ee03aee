from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import profiles


class MigrationImportWizard(models.TransientModel):
    """Upload an export: create (or extend) a project and discover the files."""

    _name = "migration.import.wizard"
    _description = "Import a CRM export"

    project_id = fields.Many2one(
        "migration.project",
        help="Add the files to this project (a new export for a delta run); "
        "leave empty to start a new project.",
    )
    name = fields.Char("Project name")
    profile = fields.Selection(
        selection=lambda self: profiles.profile_selection(), default="generic", required=True
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "migration_import_wizard_attachment_rel",
        "wizard_id",
        "attachment_id",
        string="Files",
        help="CSV or XLSX files, or a ZIP holding them.",
    )

    @api.model
    def default_get(self, fields_list):
        result = super().default_get(fields_list)
        if self.env.context.get("active_model") == "migration.project":
            result["project_id"] = self.env.context.get("active_id")
        return result

    def action_discover(self):
        self.ensure_one()
        if not self.attachment_ids:
            raise UserError(_("Upload at least one file: CSV, XLSX, or a ZIP of them."))
        project = self.project_id or self.env["migration.project"].create(
            {"name": self.name or _("CRM migration"), "profile": self.profile}
        )
        project.add_files(self.attachment_ids)
        return {
            "type": "ir.actions.act_window",
            "res_model": "migration.project",
            "res_id": project.id,
            "view_mode": "form",
            "target": "current",
        }
