"""The audit between confirmation and the load, as a person meets it: one issue per
cause listing its rows; a blocking one halts its file only, until it is waived, fixed
or its rows excluded; it runs again when files are added."""

from odoo.tests import tagged

from .common import MigrationCase

COMPANIES = (
    b"Company ID,Company Name,Owner\n"
    b"C1,Acme Ltd,ghost@old.example\n"
    b"C2,Beta GmbH,ghost@old.example\n"
    b"C1,Acme Again,ghost@old.example\n"
    b"C3,Gamma SA,\n"
)
DEALS = b"Deal ID,Deal Name,Company ID,Amount\nD1,First deal,C2,100\nD2,Second deal,C3,250\n"


@tagged("post_install", "-at_install")
class TestAudit(MigrationCase):
    def project(self):
        return self.make_project(
            [("companies.csv", COMPANIES), ("deals.csv", DEALS)], name="Audited", confirm=True
        )

    def audit_issues(self, project, code):
        return project.audit_issue_ids.filtered(lambda i: i.code == code)

    def test_confirming_audits_one_issue_per_cause_listing_its_rows(self):
        project = self.project()
        self.assertTrue(project.audited_at)
        self.assertFalse(project.audit_stale)
        (dup,) = self.audit_issues(project, "duplicate_source_id")
        self.assertTrue(dup.blocking)
        self.assertEqual((dup.row_count, dup.column, dup.cause), (2, "Company ID", "C1"))
        self.assertEqual(dup.row_refs, [["companies.csv", 2, "C1"], ["companies.csv", 4, "C1"]])
        self.assertIn("companies.csv, row 4 (C1)", dup.row_list)
        # one owner no user matches, on three rows: one issue, not three
        (owner,) = self.audit_issues(project, "unmatched_owner")
        self.assertEqual(owner.row_count, 3)
        self.assertFalse(owner.blocking)
        self.assertEqual(project.audit_blocking_count, 1)
        # audited again as it is: the same issues, not new ones
        before = project.audit_issue_ids
        project.action_audit()
        self.assertEqual(project.audit_issue_ids, before)

    def test_a_blocking_issue_halts_its_file_only_and_a_waived_one_lets_it_load(self):
        project = self.project()
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "companies", created=0, skipped=4)
        self.assertCounts(run, "deals", created=2)
        (halted,) = self.issues(project, "audit_halted", run_id=run.id)
        self.assertIn("duplicate_source_id", halted.message)
        self.assertFalse(self.partner("company:C2"))
        self.assertFalse(self.lead("deal:D1").partner_id, "its company is not loaded yet")
        # the owner no user matches is on the halted file: not this run's
        (owner,) = self.issues(project, "unmatched_owner")
        self.assertNotIn(run, owner.run_ids)

        self.audit_issues(project, "duplicate_source_id").action_waive()
        delta = project._start_run("delta")
        self.assertReconciled(delta)
        self.assertCounts(delta, "companies", created=3, skipped=1)
        self.assertEqual(self.partner("company:C1").name, "Acme Ltd", "the first row wins")
        self.assertEqual(self.lead("deal:D1").partner_id, self.partner("company:C2"))
        self.assertIn(delta, owner.run_ids, "the delta went ahead with it")
        self.assertFalse(
            self.issues(project, "duplicate_source_id", audit=False),
            "the loader does not report the duplicate again, row by row",
        )

    def test_excluding_the_rows_fixes_the_issue(self):
        project = self.project()
        (dup,) = self.audit_issues(project, "duplicate_source_id")
        dup.action_exclude_rows()
        self.assertEqual(dup.state, "fixed")
        self.assertEqual(project.audit_blocking_count, 0)
        run = project._start_run("full")
        self.assertCounts(run, "companies", created=2, skipped=2)
        self.assertEqual(
            sorted(
                project.object_ids.staging_ids.filtered(lambda r: r.state == "excluded").mapped(
                    "row_number"
                )
            ),
            [2, 4],
        )

    def test_matching_the_owner_fixes_its_issue(self):
        project = self.project()
        (match,) = project.owner_match_ids.filtered(
            lambda m: m.source_value == "ghost@old.example"
        )
        match.user_id = self.migration_manager
        self.assertTrue(project.audit_stale, "a mapping change marks the audit stale")
        project._cron_audit()
        self.assertFalse(project.audit_stale)
        (owner,) = self.audit_issues(project, "unmatched_owner")
        self.assertEqual(owner.state, "fixed")

    def test_a_file_added_is_audited_in_the_background(self):
        project = self.project()
        contacts = (
            b"Contact ID,First Name,Last Name,Email,Company ID\n"
            b"P1,Ann,Lee,ann@acme.example,C2\n"
            b"P2,Bo,Lee,not-an-email,C2\n"
        )
        project.add_files([("contacts.csv", contacts)])
        self.assertTrue(project.audit_stale)
        project.with_user(self.migration_manager).action_confirm_mapping()
        (invalid,) = self.audit_issues(project, "invalid_email")
        self.assertEqual((invalid.file_name, invalid.row_number), ("contacts.csv", 3))
        self.assertFalse(invalid.blocking, "one row of two: the row fails, the file goes on")
