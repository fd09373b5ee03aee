from odoo import api, fields, models

from ..loader.outcomes import COUNTERS


class MigrationRunChunk(models.Model):
    """What one committed unit of work did for an object of a run: its counters.

    Workers loading chunks of the same object in parallel each add a row here, never
    updating a shared one, so that no two transactions write the same row (under
    Odoo's repeatable-read isolation that would be a serialization failure). The run
    line adds them up: live while the object loads, stored once it is done.
    """

    _name = "migration.run.chunk"
    _description = "Migration run chunk"
    _order = "id"

    line_id = fields.Many2one("migration.run.line", required=True, ondelete="cascade", index=True)
    run_id = fields.Many2one("migration.run", required=True, ondelete="cascade", index=True)
    rows = fields.Integer(help="Source rows this chunk handled.")
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    skipped = fields.Integer()
    failed = fields.Integer()
    seconds = fields.Float(digits=(16, 2), help="Time the chunk took, commit excluded.")
    worker = fields.Char(help="The process that loaded it (host:pid).")
    log = fields.Text(help="What the chunk did beside its rows (records it created).")

    @api.model
    def _totals(self, lines):
        """{line id: {'rows': n, 'created': n, ...}} summed over the lines' chunks."""
        if not lines:
            return {}
        self.flush_model()
        self.env.cr.execute(
            "SELECT line_id, sum(rows), %s FROM migration_run_chunk WHERE line_id = ANY(%%s) "
            "GROUP BY line_id" % ", ".join("sum(%s)" % name for name in COUNTERS),
            (lines.ids,),
        )
        totals = {}
        for line_id, rows, *counts in self.env.cr.fetchall():
            totals[line_id] = dict(zip(COUNTERS, counts, strict=True), rows=rows)
        return totals
