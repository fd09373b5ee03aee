from odoo import api, fields, models

LINK_OPERATIONS = [("created", "Created"), ("updated", "Updated")]


class MigrationRecordLink(models.Model):
    """One record a run wrote: what to find again at the next delta, what to undo."""

    _name = "migration.record.link"
    _description = "Migrated record link"
    _order = "id"
    _rec_name = "source_key"

    run_id = fields.Many2one("migration.run", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    model = fields.Char(required=True, index=True)
    res_id = fields.Integer("Record ID", required=True, index=True)
    source_object = fields.Char(help="Source object the row came from, or the stage map...")
    source_id = fields.Char("Source ID")
    source_key = fields.Char(
        index=True, help="The record's x_source_id: the kind and the source id."
    )
    row_number = fields.Integer("Row")
    row_hash = fields.Char(help="Hash of the source row as read.")
    vals_hash = fields.Char(help="Hash of the values written, to tell an unchanged row.")
    operation = fields.Selection(LINK_OPERATIONS, required=True)
    previous_values = fields.Json(help="Values before an update, restored by a rollback.")
    rolled_back = fields.Boolean(index=True)
    record_name = fields.Char(compute="_compute_record_name", string="Record")

    @api.depends("model", "res_id")
    def _compute_record_name(self):
        for link in self:
            record = (
                self.env[link.model].browse(link.res_id).exists()
                if link.model in self.env
                else None
            )
            link.record_name = record.display_name if record else "(deleted)"

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
