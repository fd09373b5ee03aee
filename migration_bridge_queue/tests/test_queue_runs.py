"""Runs as queue_job jobs: the same end state as a run in one go, whichever worker
takes which job, and a chain that goes on until the run is over."""

from odoo.addons.migration_bridge.tests.common import (
    SAMPLE,
    SAMPLE_FILES,
    MigrationCase,
    read_file,
)
from odoo.addons.queue_job.job import Job
from odoo.tests import tagged

MODELS = ("res.partner", "crm.lead", "crm.stage", "crm.team", "crm.tag", "res.partner.category")


@tagged("post_install", "-at_install")
class TestQueueJobRuns(MigrationCase):
    def new_project(self, name):
        files = [read_file(SAMPLE, n) for n in SAMPLE_FILES]
        return self.make_project(files, name=name, confirm=True)

    def end_state(self, run):
        counts = {line.object_name: line.summary() for line in run.line_ids.sorted("object_name")}
        keys = {
            model: sorted(
                self.env[model]
                .with_context(active_test=False)
                .search([("x_source_id", "!=", False)])
                .mapped("x_source_id")
            )
            for model in MODELS
        }
        links = sorted((ln.model, ln.source_key, ln.operation) for ln in run.link_ids)
        return counts, keys, links

    def pending_jobs(self, run):
        return (
            self.env["queue.job"]
            .search(
                [
                    ("model_name", "=", "migration.run"),
                    ("method_name", "=", "_job_work"),
                    ("state", "=", "pending"),
                    ("records", "!=", False),
                ],
                order="id",
            )
            .filtered(lambda job: job.records == run)
        )

    def work_the_queue(self, run):
        """Do what the job runner does, taking the jobs as two workers would: the
        oldest of each chain in turn, until no job is left."""
        performed = 0
        while True:
            jobs = self.pending_jobs(run)
            if not jobs:
                return performed
            for queued in jobs[:2]:
                job = Job.load(self.env, queued.uuid)
                job.set_started()
                job.store()
                job.perform()
                job.set_done()
                job.store()
                performed += 1
            self.assertLess(performed, 500, "the chains end")

    def test_two_job_chains_give_the_end_state_of_one_run(self):
        reference = self.new_project("in one go")
        expected = self.end_state(
            reference.with_context(migration_chunk_size=10)._start_run("full")
        )
        reference.with_user(self.migration_manager).action_rollback_all()

        self.env["ir.config_parameter"].sudo().set_param("migration_bridge.workers", "2")
        # jobs run with the settings, not the context of who queued them
        self.env["ir.config_parameter"].sudo().set_param("migration_bridge.chunk_size", "10")
        project = self.new_project("queued")
        run = project.with_context(migration_chunk_size=10)._start_run("full", background=True)
        self.assertEqual(run.state, "queued")
        jobs = self.pending_jobs(run)
        self.assertEqual(len(jobs), 2, "one chain of jobs per worker")
        self.assertEqual(jobs.mapped("channel"), ["root.migration", "root.migration"])

        performed = self.work_the_queue(run.with_context(migration_chunk_size=10))
        self.assertEqual(run.state, "done")
        self.assertReconciled(run)
        self.assertEqual(self.end_state(run), expected)
        # 200 rows in chunks of 10: every chunk a job, each object started and ended
        self.assertGreaterEqual(performed, 20)
        self.assertEqual(run.handled, run.planned)

    def test_a_cancelled_queued_run_ends_its_chains(self):
        project = self.new_project("cancelled")
        run = project.with_context(migration_chunk_size=10)._start_run("full", background=True)
        for queued in self.pending_jobs(run)[:1]:
            Job.load(self.env, queued.uuid).perform()
        run.with_user(self.migration_user).action_cancel()
        self.work_the_queue(run)
        self.assertEqual(run.state, "cancelled")
        self.assertReconciled(run)
        self.assertFalse(self.pending_jobs(run), "no job left behind a cancelled run")
