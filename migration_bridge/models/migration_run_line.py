from odoo import api, fields, models


class MigrationRunLine(models.Model):
    """The reconciliation of one source object in one run."""

    _name = "migration.run.line"
    _description = "Run counters per object"
    _order = "run_id, sequence, id"

    run_id = fields.Many2one("migration.run", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(help="Load order.")
    object_id = fields.Many2one("migration.source.object", "Source object", ondelete="set null")
    object_name = fields.Char("Object", required=True)
    mapping_id = fields.Many2one("migration.mapping", ondelete="set null")
    state = fields.Selection(
        [("pending", "Pending"), ("running", "Loading"), ("done", "Done")],
        default="pending",
        required=True,
    )
    planned = fields.Integer("Rows to load", help="The rows this run loads for the object.")
    sample_ids = fields.Json(help="The staged rows a sample run loads for the object.")
    progress = fields.Float(compute="_compute_progress")
    model = fields.Char("Target model")
    source_rows = fields.Integer("Source rows")
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    skipped = fields.Integer()
    failed = fields.Integer()
    reconciled = fields.Boolean(compute="_compute_reconciled", store=True)

    @api.depends("source_rows", "created", "updated", "unchanged", "skipped", "failed")
    def _compute_reconciled(self):
        for line in self:
            line.reconciled = line.source_rows == (
                line.created + line.updated + line.unchanged + line.skipped + line.failed
            )

    @api.depends("planned", "source_rows", "state")
    def _compute_progress(self):
        for line in self:
            if line.state == "done":
                line.progress = 100.0
            else:
                line.progress = 100.0 * line.source_rows / line.planned if line.planned else 0.0

    def summary(self):
        self.ensure_one()
        return {
            "target_model": self.model,
            "source": self.source_rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "failed": self.failed,
            "reconciled": self.reconciled,
        }

    def action_download_rejected(self):
        """The rows that did not load, as a copy of the source with the reason."""
        self.ensure_one()
        return self.run_id._rejected_rows_action(self.object_id)
