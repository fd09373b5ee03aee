import os
import socket

from odoo import api, fields, models

from .migration_run_chunk import COUNTERS


def worker_name():
    """This process, as the chunks it loads name it (host:pid)."""
    return "%s:%s" % (socket.gethostname(), os.getpid())


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
    chunk_ids = fields.One2many("migration.run.chunk", "line_id", string="Chunks")
    handled = fields.Integer(
        "Rows handled", compute="_compute_progress", help="So far, also while it loads."
    )
    # What the run form shows: the stored counters once the object is done, the sums of
    # its chunks while it loads.
    live_created = fields.Integer("Created so far", compute="_compute_progress")
    live_updated = fields.Integer("Updated so far", compute="_compute_progress")
    live_unchanged = fields.Integer("Unchanged so far", compute="_compute_progress")
    live_skipped = fields.Integer("Skipped so far", compute="_compute_progress")
    live_failed = fields.Integer("Failed so far", compute="_compute_progress")

    @api.depends("source_rows", "created", "updated", "unchanged", "skipped", "failed")
    def _compute_reconciled(self):
        for line in self:
            line.reconciled = line.source_rows == (
                line.created + line.updated + line.unchanged + line.skipped + line.failed
            )

    @api.depends("planned", "source_rows", "state")
    def _compute_progress(self):
        running = self.filtered(lambda ln: ln.state == "running" and ln.id)
        live = self.env["migration.run.chunk"]._totals(running)
        for line in self:
            running = live.get(line.id)
            line.handled = running["rows"] if running else line.source_rows
            for name in COUNTERS:
                line["live_" + name] = (running[name] or 0) if running else line[name]
            if line.state == "done":
                line.progress = 100.0
            else:
                line.progress = 100.0 * line.handled / line.planned if line.planned else 0.0

    def _add_chunk(self, rows, counts, seconds=0.0, log=None):
        """Count a unit of work: a new chunk row (never an update of a shared one)."""
        self.ensure_one()
        self.env["migration.run.chunk"].create(
            dict(
                {name: counts.get(name, 0) for name in COUNTERS},
                line_id=self.id,
                run_id=self.run_id.id,
                rows=rows,
                seconds=seconds,
                worker=worker_name(),
                log=log or False,
            )
        )

    def _fold_chunks(self, **vals):
        """Store the counters summed over the chunks (once the object is done)."""
        totals = self.env["migration.run.chunk"]._totals(self)
        for line in self:
            total = totals.get(line.id, {})
            line.write(
                dict(
                    {name: total.get(name) or 0 for name in COUNTERS},
                    source_rows=total.get("rows") or 0,
                    **vals,
                )
            )

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

    def action_download_rejected_xlsx(self):
        """The same, as a workbook to read in a spreadsheet."""
        self.ensure_one()
        return self.run_id._rejected_rows_action(self.object_id, "xlsx")
