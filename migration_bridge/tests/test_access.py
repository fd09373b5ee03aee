"""A Migration User's rights: what they may do, what their runs write, and issues
raised once per cause."""

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged

from . import test_engagements
from .common import SAMPLE, MigrationCase, read_file, sample_rows, to_csv

COMPANY_HEADERS = "Company ID,Company Name,Email\n"
# The generic sample's pipeline, set up in Odoo by a Sales manager before the migration.
PIPELINE = {
    "crm.team": ("Direct Sales", "Partner Channel"),
    "crm.stage": ("Qualification", "Meeting Scheduled", "Proposal Sent", "Negotiation"),
    "crm.lost.reason": ("Chose a competitor", "No budget", "Too expensive", "No response"),
}


@tagged("post_install", "-at_install")
class TestMigrationUserRights(MigrationCase):
    """A user with only the Migration User group uploads, re-reads and runs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = mail_new_test_user(
            cls.env,
            login="sales.manager",
            name="Sales Manager",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        for model, names in PIPELINE.items():
            Model = cls.env[model].with_user(cls.sales_manager)
            for name in names:
                if not Model.search([("name", "=", name)]):
                    Model.create({"name": name})
        cls.user = cls.migration_user
        cls.deal_headers = list(sample_rows("deals.csv")[0])

    def user_project(self, files, confirm=True):
        """A project the user makes (the wizard's work); a manager confirms it."""
        project = (
            self.env["migration.project"]
            .with_user(self.user)
            .create({"name": "A user's migration", "profile": "generic"})
        )
        project.add_files(list(files))
        if confirm:
            project.with_user(self.migration_manager).action_confirm_mapping()
        return project

    def deals(self, owner="ghost@nowhere.example"):
        """deals.csv whose first deal (D3001) has an owner that matches no user."""
        rows = sample_rows("deals.csv")
        rows[0]["Owner"] = owner
        return "deals.csv", to_csv(rows, self.deal_headers)

    def sample_files(self):
        return [read_file(SAMPLE, "companies.csv"), read_file(SAMPLE, "contacts.csv")] + [
            self.deals()
        ]

    def reading_issues(self, project):
        return project.issue_ids.filtered(lambda i: not i.run_id)

    # ------------------------------------------------------------------
    # Files
    # ------------------------------------------------------------------
    def test_user_adds_the_cutover_export_and_reads_it_again(self):
        ragged = b"C9001,Good Ltd,info@good.example\nC9002,Ragged Ltd,x@ragged.example,EXTRA\n"
        files = [("companies.csv", COMPANY_HEADERS.encode() + ragged)]
        project = self.user_project(files, confirm=False)
        (first,) = self.reading_issues(project)
        self.assertEqual((first.file_name, first.row_number), ("companies.csv", 3))
        lines = project.mapping_line_ids

        project.add_files(files)  # the cutover export, same file name ("Add files")
        (again,) = self.reading_issues(project)
        self.assertEqual((again.file_name, again.row_number), ("companies.csv", 3))
        self.assertFalse(first.exists(), "the earlier reading's issue was replaced")
        self.assertFalse(lines.exists(), "the unconfirmed proposal was proposed again")
        self.assertEqual(len(project.object_ids), 1)
        self.assertEqual(project.object_ids.row_count, 2)

        project.action_discover()
        self.assertEqual(len(self.reading_issues(project)), 1)
        self.assertEqual(
            self.line(project, "companies", "Company Name").target_field_id.name, "name"
        )
        self.assertEqual(project.state, "discovered")

    # ------------------------------------------------------------------
    # Runs
    # ------------------------------------------------------------------
    def test_user_runs_full_and_delta_with_their_own_rights(self):
        project = self.user_project(self.sample_files())
        project = project.with_user(self.user)
        full = project._start_run("full")
        self.assertEqual(full.user_id, self.user)
        self.assertReconciled(full)
        self.assertCounts(full, "companies", created=40, failed=0)
        self.assertCounts(full, "contacts", created=90, failed=0)
        self.assertCounts(full, "deals", created=70, failed=0)
        deal = self.lead("deal:D3002")
        self.assertEqual(deal.user_id, self.owners["alice.martin@example.com"])
        self.assertEqual(
            deal.create_uid, self.user, "a lead owned by another salesperson, written as the user"
        )
        self.assertEqual(deal.lost_reason_id.name, "Chose a competitor")
        self.assertEqual(self.partner("company:C1001").create_uid, self.user)
        self.assertEqual(self.partner("contact:P2001").create_uid, self.user)
        self.assertEqual(self.lead("deal:D3007").stage_id.is_won, True)
        self.assertEqual(self.lead("deal:D3001").team_id.name, "Partner Channel")
        created_tags = full.link_ids.filtered(lambda ln: ln.model == "crm.tag")
        self.assertTrue(created_tags)
        self.assertEqual(
            self.env["crm.tag"].browse(created_tags.mapped("res_id")).create_uid, self.user
        )
        (owner,) = self.issues(project, "unmatched_owner")
        self.assertEqual((owner.row_number, owner.run_id), (2, full))
        # Industries are the administrator's: the companies load without them, and say why.
        industries = self.issues(project, "unmatched_reference", column="Industry")
        self.assertTrue(industries)
        self.assertIn("your user may not create", industries[0].message)
        self.assertFalse(self.partner("company:C1001").industry_id)

        before = project.issue_ids
        project.add_files(self.sample_files())  # the cutover export, unchanged
        delta = project._start_run("delta")
        self.assertEqual(delta.user_id, self.user)
        self.assertReconciled(delta)
        self.assertCounts(delta, "deals", unchanged=70, created=0, updated=0)
        self.assertEqual(
            project.issue_ids.filtered("run_id"),
            before.filtered("run_id"),
            "no issue is reported twice",
        )
        self.assertEqual(owner.run_id, delta, "the delta reported it too: it lists it")
        self.assertEqual(owner.run_ids, full | delta)
        self.assertEqual(owner.staging_record_id.source_id, "D3001", "the row of the new export")
        self.assertIn(owner, delta.issue_ids)

        delta.with_user(self.migration_manager).action_rollback()
        self.assertEqual((owner.state, owner.run_id), ("open", full), "still the full run's")
        full.with_user(self.migration_manager).action_rollback()
        # the audit's issue is about the staged rows, which stay: open, no run's any more
        self.assertEqual((owner.state, owner.run_id.id), ("open", False))
        self.assertFalse(self.lead("deal:D3002"))

    def test_a_changed_cause_is_a_new_issue(self):
        project = self.user_project(self.sample_files()).with_user(self.user)
        full = project._start_run("full")
        project.add_files([self.deals(owner="phantom@nowhere.example")])
        delta = project._start_run("delta")
        owners = self.issues(project, "unmatched_owner")
        self.assertEqual(len(owners), 2, "another owner: another cause")
        self.assertEqual(owners.mapped("run_id"), full | delta)

    def test_a_runs_issues_list_every_row_it_skips_or_fails(self):
        data = COMPANY_HEADERS.encode() + (
            b"C9101,Good Ltd,info@good.example\n"
            b"C9102,Ragged Ltd,x@ragged.example,EXTRA\n"
            b"C9103,Excluded Ltd,info@excluded.example\n"
            b"C9104,Bad Mail Ltd,not-an-email\n"
            b"C9101,Twice Ltd,twice@good.example\n"
        )
        project = self.user_project([("companies.csv", data)]).with_user(self.user)
        excluded = project.object_ids.staging_ids.filtered(lambda r: r.row_number == 4)
        excluded.action_exclude()
        # the audit halts the file on its duplicated id until a person decides
        (duplicate,) = project.audit_issue_ids.filtered(lambda i: i.code == "duplicate_source_id")
        self.assertEqual(
            duplicate.row_refs, [["companies.csv", 2, "C9101"], ["companies.csv", 6, "C9101"]]
        )
        duplicate.action_waive()
        before = None
        for kind in ("full", "delta"):
            run = project._start_run(kind)
            self.assertCounts(run, "companies", created=0 if before else 1, skipped=3, failed=1)
            rows = project.object_ids.staging_ids.filtered(lambda r: r.state != "loaded")
            self.assertEqual(sorted(rows.mapped("row_number")), [3, 4, 5, 6])
            listed = set(run.issue_ids.filtered("staging_record_id").mapped("row_number"))
            listed |= {ref[1] for issue in run.issue_ids for ref in issue.row_refs or []}
            self.assertLessEqual({3, 4, 5, 6}, listed, "%s run" % kind)
            if before is not None:
                self.assertEqual(project.issue_ids, before, "the delta reported nothing new")
            before = project.issue_ids
        codes = {i.row_number: i.code for i in run.issue_ids if i.staging_record_id}
        self.assertEqual(codes, {3: "problem_row", 4: "excluded_row", 5: "invalid_email"})
        self.assertIn(duplicate, run.issue_ids)

    def test_new_stages_and_teams_need_a_sales_manager(self):
        rows = sample_rows("deals.csv")[:3]
        rows[0].update({"Stage": "Due Diligence", "Pipeline": "Direct Sales"})
        rows[1].update({"Stage": "Qualification", "Pipeline": "Franchise Sales"})
        rows[2].update({"Stage": "Qualification", "Pipeline": "Direct Sales", "Lost Reason": ""})
        files = [("deals.csv", to_csv(rows, self.deal_headers))]
        project = self.user_project(files).with_user(self.user)
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "deals", created=1, failed=2)
        refused = self.issues(project, "access_refused", run_id=run.id)
        self.assertEqual(
            sorted((i.row_number, i.column) for i in refused), [(2, "Stage"), (3, "Pipeline")]
        )
        for issue in refused:
            self.assertIn("ask a Sales manager or a Migration Manager", issue.message)
        self.assertIn(
            "your user may not create sales stages", refused[0].message + refused[1].message
        )
        self.assertFalse(self.env["crm.stage"].search([("name", "=", "Due Diligence")]))
        self.assertFalse(self.env["crm.team"].search([("name", "=", "Franchise Sales")]))

        delta = project.with_user(self.migration_manager)._start_run("delta")
        self.assertCounts(delta, "deals", created=2, unchanged=1, failed=0)
        self.assertEqual(self.lead("deal:D3001").stage_id.name, "Due Diligence")
        self.assertEqual(self.lead("deal:D3002").team_id.name, "Franchise Sales")


@tagged("post_install", "-at_install")
class TestMultiCompanyRefusal(MigrationCase):
    """A run writes what its user may: another company's records are refused per row."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.env["crm.team"].create({"name": "Team A", "company_id": cls.company_a.id})
        cls.user_b = mail_new_test_user(
            cls.env,
            login="mig.user.b",
            name="Migration User B",
            groups="base.group_user,migration_bridge.group_migration_user",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )

    def project_of_b(self, data):
        project = (
            self.env["migration.project"]
            .with_user(self.user_b)
            .create({"name": "Company B's migration", "profile": "generic"})
        )
        project.add_files([("deals.csv", data)])
        project.with_user(self.migration_manager).action_confirm_mapping()
        return project

    def test_a_user_of_company_b_cannot_load_into_company_a(self):
        company_a, user = self.company_a, self.user_b
        data = b"Deal ID,Deal Name,Pipeline\nD9301,In team A,Team A\nD9302,In no team,\n"
        project = self.project_of_b(data)
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "deals", created=1, failed=1)
        (issue,) = run.issue_ids.filtered(lambda i: i.severity == "error")
        self.assertEqual(issue.row_number, 2)
        self.assertIn("Odoo refused the record", issue.message)
        self.assertIn("doesn't have 'create' access", issue.message)
        self.assertFalse(self.lead("deal:D9301"), "nothing was written in company A")
        loaded = self.lead("deal:D9302")
        self.assertEqual(loaded.create_uid, user)
        self.assertNotEqual(loaded.company_id, company_a)
        self.assertEqual(len(self.env["crm.team"].search([("name", "=", "Team A")])), 1)

    def test_company_a_record_is_neither_changed_nor_created_twice(self):
        ours = self.make_project(
            [("deals.csv", b"Deal ID,Deal Name,Pipeline\nD9303,Team A deal,Team A\n")],
            confirm=True,
        )
        ours._start_run("full")
        deal = self.lead("deal:D9303")
        self.assertEqual(deal.company_id, self.company_a)
        project = self.project_of_b(b"Deal ID,Deal Name,Pipeline\nD9303,Renamed by B,\n")
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "deals", created=0, updated=0, failed=1)
        (issue,) = run.issue_ids.filtered(lambda i: i.severity == "error")
        self.assertEqual(issue.row_number, 2)
        self.assertIn("Odoo refused the update", issue.message)
        self.assertIn("doesn't have 'write' access", issue.message)
        self.assertEqual(deal.name, "Team A deal")
        self.assertEqual(deal, self.lead("deal:D9303"), "not created again in company B")


class ByAMigrationUser:
    """An export's checks, migrated by a plain Migration User once a Sales manager has
    set up the pipeline its stage map and pipeline column name."""

    # Odoo 19 runs only the tests a class defines itself, unless it says so.
    allow_inherited_tests_method = True

    @classmethod
    def make_project(cls, files, name="Test migration", confirm=False):
        project = (
            cls.env["migration.project"]
            .with_user(cls.migration_user)
            .create({"name": name, "profile": "generic"})
        )
        project.add_files(list(files))
        if confirm:
            project.with_user(cls.migration_manager).action_confirm_mapping()
            cls.set_up_pipeline(project)
        return project

    @classmethod
    def set_up_pipeline(cls, project):
        Stage = cls.env["crm.stage"]
        for value in project.mapping_value_ids.filtered(lambda v: v.action == "stage"):
            name = (value.stage_name or value.source_value).strip()
            if not value.stage_id and not Stage.search([("name", "=ilike", name)]):
                Stage.create({"name": name})
        Team = cls.env["crm.team"].with_context(active_test=False)
        for line in project.mapping_line_ids.filtered(lambda ln: ln.target_name == "team_id"):
            for value, _count in line._distinct_values():
                if not Team.search([("name", "=ilike", value)]):
                    Team.create({"name": value})

    def test_the_user_wrote_the_records(self):
        self.assertEqual(self.full.user_id, self.migration_user)
        for model in (
            "res.partner",
            "crm.lead",
            "mail.message",
            "mail.activity",
            "calendar.event",
            "ir.attachment",
        ):
            records = self.env[model].search([("x_source_id", "!=", False)])
            self.assertTrue(records, model)
            self.assertEqual(records.create_uid, self.migration_user, model)


@tagged("post_install", "-at_install")
class TestSalesforceExportByAUser(ByAMigrationUser, test_engagements.TestSalesforceExport):
    pass


@tagged("post_install", "-at_install")
class TestHubspotExportByAUser(ByAMigrationUser, test_engagements.TestHubspotExport):
    pass
