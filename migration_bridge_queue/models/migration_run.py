"""Runs as queue_job jobs: each job is one step (an object's start, a chunk, its
end), in its own transaction with the job that follows it, so that several workers
load a run's chunks in parallel and a killed worker loses nothing.
"""

from odoo import _, models
from odoo.addons.migration_bridge.loader import DONE, WAIT

DEFAULT_WORKERS = 2
WAIT_SECONDS = 1  # a chain with nothing to take looks again this much later


class MigrationRun(models.Model):
    _inherit = "migration.run"

    def _enqueue(self):
        """Plan the run and start one chain of jobs per worker the run may use."""
        self.ensure_one()
        self._plan()
        self.state = "queued"
        for _worker in range(self._job_workers()):
            self._delay_work()

    def _job_workers(self):
        value = self.env["ir.config_parameter"].sudo().get_param("migration_bridge.workers")
        try:
            return max(int(value or DEFAULT_WORKERS), 1)
        except ValueError:
            return DEFAULT_WORKERS

    def _delay_work(self, eta=None):
        return self.with_delay(
            eta=eta, description=_("Migration %(run)s: load a chunk", run=self.name)
        )._job_work()

    def _job_work(self):
        """One step of the run; while work is left, the chain goes on with a new job
        (later when the work left is held by other workers)."""
        self.ensure_one()
        outcome = self._work(steps=1, wait=False, commit=False)
        if outcome != DONE:
            self._delay_work(eta=WAIT_SECONDS if outcome == WAIT else None)
        return "%s: %s/%s rows" % (outcome, self.handled, self.planned)
