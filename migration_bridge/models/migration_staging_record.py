import json

from odoo import api, fields, models

STAGING_STATES = [
    ("staged", "Staged"),
    ("problem", "Problem in the file"),
    ("excluded", "Excluded"),
    ("loaded", "Loaded"),
    ("skipped", "Skipped"),
    ("failed", "Failed"),
]


class MigrationStagingRecord(models.Model):
    """A source row as read from the export, before it touches any CRM model."""

    _name = "migration.staging.record"
    _description = "Staged source row"
    _order = "object_id, row_number, id"
    _rec_name = "row_number"

    object_id = fields.Many2one(
        "migration.source.object", required=True, ondelete="cascade", index=True
    )
    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    row_number = fields.Integer("Row", help="Row number as a spreadsheet shows it (header = 1).")
    source_id = fields.Char("Source ID", index=True)
    payload = fields.Json(help="The row as read: column name -> text.")
    row_hash = fields.Char(index=True)
    state = fields.Selection(STAGING_STATES, default="staged", required=True, index=True)
    message = fields.Char("Last outcome")
    res_model = fields.Char()
    res_id = fields.Integer()
    issue_ids = fields.One2many("migration.issue", "staging_record_id")
    payload_text = fields.Text("Row content", compute="_compute_payload_text")

    @api.depends("payload")
    def _compute_payload_text(self):
        for record in self:
            record.payload_text = json.dumps(record.payload or {}, indent=2, ensure_ascii=False)

    def action_exclude(self):
        """Leave these rows out of the next runs, on purpose and visibly."""
        self.write({"state": "excluded", "message": "Excluded by %s" % self.env.user.name})
        return True

    def action_include(self):
        self.filtered(lambda r: r.state == "excluded").write({"state": "staged", "message": False})
        return True
