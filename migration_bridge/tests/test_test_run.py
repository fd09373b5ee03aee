"""The Test run (loader/test_run.py): what a run would do, nothing written: every
table's rows and every sequence as they were, the report's counts those of the run
that follows, each cause of failure per file and column; headless, --test and the
columns --auto-confirm leaves out."""

from odoo.tests import tagged
from odoo.tools import SQL

from ..cli.migrate import EXIT_ROWS_NOT_LOADED, Migrate
from .common import SAMPLE, SAMPLE_FILES, MigrationCase, read_file

BAD_EMAILS = (
    b"Company ID,Company Name,Email\n"
    b"T1,Alder Ltd,info@alder.example\n"
    b"T2,Birch Ltd,n/a\n"
    b"T3,Cedar Ltd,none\n"
    b"T4,Dogwood Ltd,ask reception\n"
)


@tagged("post_install", "-at_install")
class TestTestRun(MigrationCase):
    def database(self):
        """Every table's row count and every sequence's last value, as stored."""
        cr = self.env.cr
        cr.flush()  # what is pending (the bus's messages too) is counted
        cr.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        counts = {}
        for (table,) in cr.fetchall():
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[table] = cr.fetchone()[0]
        cr.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()"
        )
        return counts, dict(cr.fetchall())

    def test_a_test_leaves_every_table_and_sequence_as_it_was(self):
        project = self.make_project([read_file(SAMPLE, n) for n in SAMPLE_FILES], confirm=True)
        tables, sequences = self.database()
        report = project._test_run()
        after_tables, after_sequences = self.database()
        self.assertEqual(
            {t: (n, after_tables[t]) for t, n in tables.items() if after_tables[t] != n}, {}
        )
        self.assertEqual(after_sequences, sequences)
        self.assertFalse(self.partner("company:C1001"))
        self.assertEqual(report["kind"], "test")
        self.assertFalse(report["written"])
        # what it reported is what the run then does
        run = project._start_run("full")
        for name, counts in run.summary()["objects"].items():
            for key in ("source", "created", "updated", "unchanged", "skipped", "failed"):
                self.assertEqual(report["objects"][name][key], counts[key], (name, key))

    def test_the_report_names_each_cause_per_file_and_column(self):
        project = self.make_project([("companies.csv", BAD_EMAILS)], confirm=True)
        report = project._test_run()
        self.assertEqual(report["objects"]["companies"]["failed"], 3)
        (failure,) = [f for f in report["failures"] if f["column"] == "Email"]
        self.assertEqual(
            (failure["file"], failure["rows"], failure["share"]), ("companies", 3, 0.75)
        )
        self.assertTrue(failure["message"])
        self.assertFalse(self.partner("company:T1"), "nothing written")

    def test_the_test_button_opens_a_report_that_is_never_saved(self):
        project = self.make_project([("companies.csv", BAD_EMAILS)], confirm=True)
        tables, _sequences = self.database()
        action = project.with_user(self.migration_user).action_test_run()
        self.assertEqual((action["res_model"], action["target"]), ("migration.test.report", "new"))
        self.assertNotIn("res_id", action)
        self.assertEqual(action["context"]["default_would_fail"], 3)
        self.assertIn("Email", action["context"]["default_report_html"])
        self.assertEqual(self.database()[0], tables)

    def options(self, **values):
        return Migrate.options(
            **dict({"mb_project_name": "Headless test", "mb_auto_confirm": True}, **values)
        )

    def test_headless_test_writes_nothing_and_says_what_would_fail(self):
        project = self.make_project([("companies.csv", BAD_EMAILS)], confirm=True)
        summary, code = Migrate()._execute(
            self.env, self.options(mb_project=project.id, mb_test=True, mb_auto_confirm=False)
        )
        self.assertEqual(code, EXIT_ROWS_NOT_LOADED)
        self.assertEqual(summary["kind"], "test")
        self.assertEqual(summary["not_loaded"]["companies"]["failed"], 3)
        self.assertFalse(self.partner("company:T1"))
        clean = self.make_project([read_file(SAMPLE, "companies.csv")], confirm=True)
        summary, code = Migrate()._execute(
            self.env, self.options(mb_project=clean.id, mb_test=True, mb_auto_confirm=False)
        )
        self.assertEqual(code, 0, summary.get("not_loaded"))
        self.assertFalse(self.partner("company:C1001"))

    def test_auto_confirm_leaves_out_a_column_whose_values_would_mostly_fail(self):
        project = self.make_project([("companies.csv", BAD_EMAILS)])
        summary, code = Migrate()._execute(self.env, self.options(mb_project=project.id))
        self.assertEqual(code, 0, summary.get("not_loaded"))
        (left,) = summary["left_out"]
        self.assertIn("companies: column Email left out: 3 of 4 rows would fail", left)
        self.assertEqual(len(self.partner("company:T1") | self.partner("company:T4")), 2)
        self.assertFalse(self.partner("company:T1").email, "the column is not loaded at all")
        line = self.line(project, "companies", "Email")
        self.assertFalse(line.target_name or line.create_custom)
