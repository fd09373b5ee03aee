"""Runs of any size: chunk by chunk in the background, progress, cancel, resume."""

from odoo.tests import tagged

from ..loader import DONE, PROGRESS, RunContext
from .common import SAMPLE, SAMPLE_FILES, MigrationCase, read_file

MODELS = ("res.partner", "crm.lead", "crm.stage", "crm.team", "crm.tag", "res.partner.category")


@tagged("post_install", "-at_install")
class TestBackgroundRuns(MigrationCase):
    """The generic sample, loaded in many small chunks, interrupted, cancelled."""

    def new_project(self, name):
        files = [read_file(SAMPLE, n) for n in SAMPLE_FILES]
        return self.make_project(files, name=name, confirm=True)

    def end_state(self, run):
        """What a user checks of a run: its counts, and the records it wrote."""
        counts = {
            line.object_name: {
                k: line[k]
                for k in ("source_rows", "created", "updated", "unchanged", "skipped", "failed")
            }
            for line in run.line_ids
        }
        keys = {}
        for model in MODELS:
            records = (
                self.env[model]
                .with_context(active_test=False)
                .search([("x_source_id", "!=", False)])
            )
            keys[model] = sorted(records.mapped("x_source_id"))
        links = sorted((ln.model, ln.source_key, ln.operation) for ln in run.link_ids)
        return counts, keys, links

    def rollback_everything(self, project):
        project.with_user(self.migration_manager).action_rollback_all()

    def test_many_chunks_give_the_same_end_state_as_one(self):
        one = self.new_project("one chunk")
        run = one.with_context(migration_chunk_size=10000)._start_run("full")
        self.assertEqual(run.state, "done")
        single = self.end_state(run)
        self.rollback_everything(one)
        many = self.new_project("many chunks")
        run = many.with_context(migration_chunk_size=7)._start_run("full")
        self.assertEqual(run.state, "done")
        self.assertReconciled(run)
        self.assertEqual(self.end_state(run), single)
        # 40 companies in chunks of 7: every row once, none twice.
        companies = self.run_line(run, "companies")
        self.assertEqual((companies.source_rows, companies.created), (40, 40))

    def test_an_interrupted_run_resumes_to_the_same_end_state(self):
        reference = self.new_project("reference")
        expected = self.end_state(reference._start_run("full"))
        self.rollback_everything(reference)
        project = self.new_project("interrupted")
        run = self.env["migration.run"].create({"project_id": project.id, "kind": "full"})
        run = run.with_context(migration_chunk_size=9)
        run._plan()
        first = RunContext(run, project.get_profile())
        for _step in range(8):
            self.assertEqual(run._step(first), PROGRESS)
        halfway = run.handled
        self.assertTrue(0 < halfway < run.planned, "stopped in the middle")
        self.assertEqual(run.state, "running")
        # The server dies: its memory is gone. A new worker goes on from the lines and rows.
        second = RunContext(run, project.get_profile())
        while run._step(second) != DONE:
            pass
        self.assertEqual(run.state, "done")
        self.assertReconciled(run)
        self.assertEqual(self.end_state(run), expected)
        self.assertEqual(run.handled, run.planned)
        self.assertEqual(run.progress, 100.0)

    def test_progress_moves_and_matches_the_final_counts(self):
        project = self.new_project("progress")
        run = self.env["migration.run"].create({"project_id": project.id, "kind": "full"})
        run = run.with_context(migration_chunk_size=25)
        run._plan()
        self.assertEqual(run.planned, 200)
        ctx = RunContext(run, project.get_profile())
        seen, created = [], []
        while run._step(ctx) != DONE:
            seen.append(run.handled)
            created.append(sum(run.line_ids.mapped("live_created")))
            self.assertReconciled(run)
        self.assertEqual(seen, sorted(seen), "progress never goes back")
        self.assertEqual(created, sorted(created), "the counters on the form only grow")
        self.assertTrue(any(0 < value < 200 for value in created), "they move while it loads")
        self.assertEqual(created[-1], run.created)
        self.assertTrue(any(0 < value < 200 for value in seen))
        self.assertEqual(run.handled, run.source_rows)
        self.assertEqual(run.source_rows, 200)

    def test_cancel_leaves_a_consistent_run_that_rolls_back(self):
        project = self.new_project("cancelled")
        run = project.with_context(migration_chunk_size=10)._start_run("full", background=True)
        self.assertEqual(run.state, "queued")
        ctx = RunContext(run, project.get_profile())
        run.state = "running"
        for _step in range(6):
            run._step(ctx)
        run.with_user(self.migration_user).action_cancel()
        self.assertEqual(run._step(ctx), DONE)
        self.assertEqual(run.state, "cancelled")
        self.assertReconciled(run)
        loaded = run.created
        self.assertTrue(0 < loaded < 200)
        self.assertEqual(len(run.link_ids.filtered("row_number")), loaded)
        run.with_user(self.migration_manager).action_rollback()
        self.assertEqual(run.state, "rolled_back")
        self.assertFalse(
            self.env["res.partner"].search([("x_source_id", "!=", False)]),
            "a cancelled run rolls back to nothing",
        )

    def test_the_cron_loads_a_queued_run_and_hands_over_past_its_budget(self):
        project = self.new_project("cron")
        run = project.with_context(migration_chunk_size=50)._start_run("full", background=True)
        cron = self.env.ref("migration_bridge.ir_cron_migration_runs")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.assertGreater(triggers, 0, "starting a run wakes the worker at once")
        # No time left: one step, then the worker wakes itself again.
        self.env["migration.run"].with_context(migration_chunk_size=50)._cron_process_runs(
            budget=0
        )
        self.assertEqual(run.state, "running")
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers
        )
        self.env["migration.run"].with_context(migration_chunk_size=50)._cron_process_runs()
        self.assertEqual(run.state, "done")
        self.assertReconciled(run)
        self.assertEqual(run.created, 200 - run.failed - run.skipped)
        self.assertEqual(project.state, "loaded")

    def test_one_run_at_a_time_per_project(self):
        project = self.new_project("busy")
        project._start_run("full", background=True)
        with self.assertRaisesRegex(Exception, "still loading"):
            project._start_run("delta")
