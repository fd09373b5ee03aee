import io
import tempfile
from pathlib import Path

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..cli.migrate import EXIT_NEEDS_CONFIRMATION, InputError, Migrate
from ..services import exports
from .common import BAD, SAMPLE, MigrationCase, read_file, to_csv


@tagged("post_install", "-at_install")
class TestConfirmationAndAccess(MigrationCase):
    """Nothing loads before a manager confirms; users cannot confirm or roll back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.make_project([read_file(SAMPLE, "companies.csv")])

    def migrated_partners(self):
        return self.env["res.partner"].search_count([("x_source_id", "!=", False)])

    def test_nothing_loads_before_confirmation(self):
        self.assertEqual(self.project.state, "discovered")
        self.assertEqual(
            len(self.project.owner_match_ids), 4, "owners are proposed with the mapping"
        )
        self.assertFalse(self.project.mapping_confirmed)
        with self.assertRaisesRegex(UserError, "not confirmed"):
            self.project._start_run("full")
        self.assertEqual(self.migrated_partners(), 0)
        self.assertFalse(self.env["ir.model.fields"]._get("res.partner", "x_employees"))

    def test_user_reviews_the_mapping_in_the_form(self):
        form = Form(self.project.with_user(self.migration_user))
        self.assertEqual(form.state, "discovered")
        targets = self.project.with_user(self.migration_user).mapping_line_ids.mapped(
            "target_field_id.display_name"
        )
        self.assertIn("Related Company (Contact)", targets)

    def test_user_cannot_confirm_nor_roll_back(self):
        project = self.project.with_user(self.migration_user)
        with self.assertRaisesRegex(AccessError, "Migration Manager"):
            project.action_confirm_mapping()
        self.assertFalse(self.project.mapping_confirmed)
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        self.assertTrue(self.project.mapping_confirmed)
        run = project._start_run("full")
        self.assertEqual(run.created, 40, "a Migration User may start a confirmed run")
        with self.assertRaisesRegex(AccessError, "Migration Manager"):
            run.with_user(self.migration_user).action_rollback()
        self.assertEqual(self.migrated_partners(), 40)

    def test_user_cannot_confirm_through_the_records_either(self):
        mapping = self.project.mapping_ids.with_user(self.migration_user)
        with self.assertRaisesRegex(AccessError, "Migration Manager"):
            mapping.write({"state": "confirmed"})
        with self.assertRaisesRegex(AccessError, "Migration Manager"):
            mapping.line_ids[:1].write({"confirmed": True})
        self.assertFalse(self.project.mapping_confirmed)

    def test_confirmation_creates_custom_fields(self):
        employees = self.line(self.project, "companies", "Employees")
        self.assertTrue(employees.create_custom)
        self.assertEqual(
            (employees.custom_name, employees.custom_type), ("x_employees", "integer")
        )
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        field = self.env["ir.model.fields"]._get("res.partner", "x_employees")
        self.assertEqual((field.ttype, field.state), ("integer", "manual"))
        self.assertEqual(employees.target_field_id, field)

    def test_changing_a_confirmed_line_needs_a_new_confirmation(self):
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        line = self.line(self.project, "companies", "Phone")
        mobile = self.env["ir.model.fields"]._get("res.partner", "mobile")
        with self.assertRaises(AccessError, msg="a user cannot reopen a confirmed mapping"):
            line.with_user(self.migration_user).target_field_id = mobile
        self.assertTrue(self.project.mapping_confirmed)
        line.with_user(self.migration_manager).target_field_id = mobile
        self.assertFalse(self.project.mapping_confirmed)
        with self.assertRaisesRegex(UserError, "not confirmed"):
            self.project._start_run("full")

    def test_sample_run_loads_and_verifies_a_slice(self):
        self.project.sample_size = 5
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        run = self.project._start_run("sample")
        self.assertCounts(run, "companies", source_rows=5, created=5)
        self.assertReconciled(run)
        self.assertIn("sample verification: 5 records read back", run.log)
        self.assertEqual(self.migrated_partners(), 5)


@tagged("post_install", "-at_install")
class TestWizardAndArchives(MigrationCase):
    def attachments(self, folder, *names):
        return (
            self.env["ir.attachment"]
            .with_user(self.migration_user)
            .create(
                [
                    {"name": name, "raw": data}
                    for name, data in (read_file(folder, n) for n in names)
                ]
            )
        )

    def test_wizard_creates_a_discovered_project(self):
        wizard = Form(self.env["migration.import.wizard"].with_user(self.migration_user))
        wizard.name = "From the wizard"
        record = wizard.save()
        record.attachment_ids = self.attachments(SAMPLE, "companies.csv", "contacts.csv")
        action = record.action_discover()
        project = self.env["migration.project"].browse(action["res_id"])
        self.assertEqual(project.name, "From the wizard")
        self.assertEqual(sorted(project.object_ids.mapped("row_count")), [40, 90])
        self.assertEqual(project.state, "discovered")
        self.assertEqual(len(project.attachment_ids), 2)

    def test_wizard_without_files_says_so(self):
        wizard = self.env["migration.import.wizard"].create({"name": "empty"})
        with self.assertRaisesRegex(UserError, "Upload at least one file"):
            wizard.action_discover()

    def test_zip_of_csv_files(self):
        project = self.make_project([read_file(BAD, "sample.zip")])
        names = sorted(project.object_ids.mapped("name"))
        self.assertEqual(names, ["sample.zip/companies.csv", "sample.zip/contacts.csv"])
        self.assertEqual(sorted(project.object_ids.mapped("row_count")), [40, 90])

    def test_an_unsafe_member_is_refused_alone(self):
        project = self.make_project(
            [read_file(BAD, n) for n in ("evil_slip.zip", "evil_nested.zip", "evil_bomb.zip")]
        )
        objects = {obj.name: obj for obj in project.object_ids}
        self.assertEqual(
            sorted(objects), ["evil_bomb.zip", "evil_nested.zip/companies.csv", "evil_slip.zip"]
        )
        self.assertTrue(objects["evil_slip.zip"].blocked and objects["evil_bomb.zip"].blocked)
        nested = objects["evil_nested.zip/companies.csv"]
        self.assertFalse(nested.blocked, "the good member next to an unsafe one is read")
        self.assertEqual(nested.row_count, 1)
        issues = self.issues(project, "unsafe_archive")
        self.assertEqual(sorted(issues.mapped("column")), ["../evil.csv", "big.csv", "inner.zip"])
        messages = " ".join(issues.mapped("message"))
        for member in ("../evil.csv", "inner.zip", "big.csv"):
            self.assertIn(member, messages)

    def test_xlsx_typed_cells(self):
        project = self.make_project([read_file(BAD, "companies.xlsx")])
        (obj,) = project.object_ids
        self.assertEqual((obj.file_type, obj.sheet, obj.row_count), ("xlsx", "Companies", 5))
        types = {f.name: f.inferred_type for f in obj.field_ids}
        self.assertEqual(types["Created At"], "datetime")
        self.assertEqual(types["Employees"], "integer")

    def test_countries_and_states_resolve_or_warn(self):
        data = (
            b"Company ID,Company Name,Country,State\n"
            b"C9001,Atlantis Ltd,Atlantis,\n"
            b"C9002,Hudson Inc,US,NY\n"
            b"C9003,Volga OOO,Russia,\n"
        )
        project = self.make_project([("companies.csv", data)], confirm=True)
        run = project._start_run("full")
        self.assertCounts(run, "companies", source_rows=3, created=3)
        (issue,) = self.issues(project, "unknown_country")
        self.assertEqual((issue.row_number, issue.column), (2, "Country"))
        self.assertIn("'Atlantis'", issue.message)
        hudson = self.partner("company:C9002")
        self.assertEqual((hudson.country_id.code, hudson.state_id.code), ("US", "NY"))
        self.assertEqual(self.partner("company:C9003").country_id.code, "RU")
        self.assertFalse(self.partner("company:C9001").country_id)

    def test_row_level_problems_fail_or_skip_their_row_only(self):
        data = (
            b"Company ID,Company Name,Created At,Email\n"
            b"C9101,Good Ltd,2021-04-17 09:32:00,info@good.example\n"
            b"C9102,,2021-04-17 09:32:00,\n"
            b"C9103,Bad Date Ltd,someday,\n"
            b",No Id Ltd,2021-04-17,\n"
            b"C9101,Twice Ltd,2021-04-17,\n"
            b"C9106,Mail Ltd,2021-04-17,not-an-email\n"
        )
        project = self.make_project([("companies.csv", data)], confirm=True)
        # the audit found each cause before the load; the duplicated id halts the file
        # until a person decides: waived, its first row loads
        project.audit_issue_ids.filtered(lambda i: i.code == "duplicate_source_id").action_waive()
        run = project._start_run("full")
        self.assertCounts(run, "companies", source_rows=6, created=1, failed=4, skipped=1)
        self.assertReconciled(run)
        found = {
            code: ([ref[:2] for ref in issue.row_refs], issue.column)
            for code in (
                "blank_mandatory",
                "unparseable_date",
                "blank_source_id",
                "duplicate_source_id",
                "invalid_email",
            )
            for issue in self.issues(project, code, run_id=run.id)
        }
        at = "companies.csv"
        self.assertEqual(
            found,
            {
                "blank_mandatory": ([[at, 3]], "Company Name"),
                "unparseable_date": ([[at, 4]], "Created At"),
                "blank_source_id": ([[at, 5]], "Company ID"),
                "duplicate_source_id": ([[at, 2], [at, 6]], "Company ID"),
                "invalid_email": ([[at, 7]], "Email"),
            },
        )
        self.assertEqual(len(run.issue_ids), 5, "one issue per cause, none again per row")
        self.assertEqual(self.partner("company:C9101").name, "Good Ltd", "the first row wins")

    def test_a_value_the_database_refuses_fails_its_row_only(self):
        data = (
            b"Deal ID,Deal Name,Probability\n"
            b"D9001,Fine deal,50\n"
            b"D9002,Impossible deal,150\n"
            b"D9003,Another fine deal,10\n"
        )
        project = self.make_project([("deals.csv", data)], confirm=True)
        run = project._start_run("full")
        self.assertCounts(run, "deals", source_rows=3, created=2, failed=1)
        (issue,) = self.issues(project, "write_failed", run_id=run.id)
        self.assertEqual(issue.row_number, 3)
        self.assertIn("Odoo refused the record", issue.message)
        self.assertEqual(self.lead("deal:D9003").probability, 10)
        self.assertFalse(self.lead("deal:D9002"))

    def test_possible_duplicates_are_reported_and_loaded(self):
        self.env["res.partner"].create({"name": "Northwind Limited", "is_company": True})
        self.env["res.partner"].create({"name": "Old Anna", "email": "ANNA@northwind.example"})
        companies = b"Company ID,Company Name\nC9201,Northwind Ltd.\nC9202,Acme GmbH\n"
        contacts = (
            b"Contact ID,First Name,Last Name,Email,Company ID\n"
            b"P9201,Anna,Kovacs,anna@northwind.example,C9201\n"
            b"P9202,Ben,Stone,ben@acme.example,C9202\n"
            b"P9203,Benjamin,Stone,Ben@acme.example,C9202\n"
        )
        project = self.make_project(
            [("companies.csv", companies), ("contacts.csv", contacts)], confirm=True
        )
        run = project._start_run("full")
        self.assertCounts(run, "companies", created=2)
        self.assertCounts(run, "contacts", created=3)
        found = sorted(
            (i.column, [ref[:2] for ref in i.row_refs])
            for i in self.issues(project, "possible_duplicate", run_id=run.id)
        )
        self.assertEqual(
            found,
            [
                ("Company Name", [["companies.csv", 2]]),  # like Northwind Limited in Odoo
                ("Email", [["contacts.csv", 2]]),  # like Old Anna in Odoo
                ("Email", [["contacts.csv", 3], ["contacts.csv", 4]]),  # Ben twice
            ],
        )


@tagged("post_install", "-at_install")
class TestHeadless(MigrationCase):
    """The `migrate` command's work, inside the test transaction."""

    def options(self, **values):
        files = [str(SAMPLE / n) for n in ("companies.csv", "contacts.csv")]
        return Migrate.options(
            **dict({"mb_files": files, "mb_project_name": "Headless"}, **values)
        )

    def test_stops_for_confirmation_without_auto_confirm(self):
        summary, code = Migrate()._execute(self.env, self.options())
        self.assertEqual(code, EXIT_NEEDS_CONFIRMATION)
        self.assertEqual(summary["status"], "needs_confirmation")
        self.assertEqual(summary["mapping"]["companies"]["target_model"], "res.partner")
        for mapping in summary["mapping"].values():
            for column, line in mapping["columns"].items():
                self.assertEqual(
                    line["needs_review"],
                    line["confidence"] < 80.0,
                    "%s: under 80 %% only" % column,
                )
        self.assertEqual(
            summary["mapping"]["contacts"]["columns"]["Company ID"]["target"], "parent_id"
        )
        self.assertEqual(self.env["res.partner"].search_count([("x_source_id", "!=", False)]), 0)

    def test_auto_confirm_full_then_rollback(self):
        summary, code = Migrate()._execute(self.env, self.options(mb_auto_confirm=True))
        self.assertEqual(code, 0)
        self.assertEqual(summary["state"], "done")
        self.assertEqual(
            summary["objects"]["contacts"],
            {
                "target_model": "res.partner",
                "source": 90,
                "created": 90,
                "updated": 0,
                "unchanged": 0,
                "skipped": 0,
                "failed": 0,
                "reconciled": True,
            },
        )
        # A delta into the same project: nothing changes.
        summary, code = Migrate()._execute(
            self.env, self.options(mb_project=summary["project_id"], mb_kind="delta")
        )
        self.assertEqual(summary["objects"]["companies"]["unchanged"], 40)
        project = self.env["migration.project"].browse(summary["project_id"])
        full_run = project.run_ids.filtered(lambda r: r.kind == "full")
        summary, code = Migrate()._execute(self.env, self.options(mb_rollback=full_run.id))
        self.assertEqual(summary["state"], "rolled_back")
        partner_links = full_run.link_ids.filtered(lambda ln: ln.model == "res.partner")
        self.assertEqual(len(partner_links), 130)
        self.assertEqual(summary["rollback"]["deleted"], len(full_run.link_ids))
        self.assertEqual(self.env["res.partner"].search_count([("x_source_id", "!=", False)]), 0)

    def test_project_rollback_undoes_sample_full_and_delta(self):
        """A sample, then a full run, then a delta: the project's rollback leaves nothing
        (rolling back the full run alone would leave the sample's records)."""
        summary, _code = Migrate()._execute(
            self.env, self.options(mb_auto_confirm=True, mb_kind="sample")
        )
        project_id = summary["project_id"]
        Migrate()._execute(self.env, self.options(mb_project=project_id))
        Migrate()._execute(self.env, self.options(mb_project=project_id, mb_kind="delta"))
        summary, code = Migrate()._execute(
            self.env, self.options(mb_files=[], mb_rollback_project=project_id)
        )
        self.assertEqual(code, 0)
        self.assertEqual(summary["state"], "confirmed")
        self.assertEqual(summary["in_crm"], {})
        self.assertEqual([r["state"] for r in summary["runs"]], ["rolled_back"] * 3)
        self.assertEqual(self.env["res.partner"].search_count([("x_source_id", "!=", False)]), 0)

    def test_missing_file_or_run_is_refused(self):
        with self.assertRaisesRegex(InputError, "nowhere.csv: no such file"):
            Migrate()._execute(self.env, self.options(mb_files=["/nowhere.csv"]))
        with self.assertRaisesRegex(InputError, "run 999999 does not exist"):
            Migrate()._execute(self.env, self.options(mb_rollback=999999))

    def test_a_file_nothing_can_be_read_from_says_why_per_file(self):
        folder = Path(tempfile.mkdtemp())
        binary = folder / "contacts.csv"
        binary.write_bytes(bytes(range(256)) * 40)
        summary, code = Migrate()._execute(
            self.env, self.options(mb_files=[str(binary)], mb_auto_confirm=True)
        )
        self.assertEqual(code, EXIT_NEEDS_CONFIRMATION)
        self.assertEqual(summary["status"], "nothing_to_load")
        files = summary["files"]
        self.assertEqual(list(files), ["contacts.csv"])
        self.assertEqual(files["contacts.csv"]["state"], "blocked")
        problem = files["contacts.csv"]["problems"][0]
        self.assertEqual(problem["file"], "contacts.csv")
        self.assertTrue(problem["blocking"])
        self.assertIn("not a text export", problem["message"])

    def test_needs_confirmation_says_what_to_confirm(self):
        summary, code = Migrate()._execute(self.env, self.options())
        self.assertEqual(code, EXIT_NEEDS_CONFIRMATION)
        self.assertEqual(summary["files"]["companies.csv"]["state"], "staged")
        self.assertEqual(summary["files"]["companies.csv"]["rows"], 40)
        self.assertIsInstance(summary["to_confirm"], list)


@tagged("post_install", "-at_install")
class TestInventory(MigrationCase):
    """Artifacts that do not migrate are listed, with their Odoo equivalent, and the
    downloads never carry a formula a spreadsheet would run."""

    def test_workflows_are_inventoried_and_downloads_are_safe(self):
        headers = ["Workflow Name", "Trigger", "Steps", "Conditions"]
        rows = [
            {
                "Workflow Name": "Welcome series",
                "Trigger": "Contact created",
                "Steps": "Send email; wait 2 days",
                "Conditions": "Lifecycle = lead",
            },
            {
                "Workflow Name": '=HYPERLINK("http://evil.example")',
                "Trigger": "+deal won",
                "Steps": "@notify owner",
                "Conditions": "-1",
            },
        ]
        project = self.make_project(
            [read_file(SAMPLE, "companies.csv"), ("workflows.csv", to_csv(rows, headers))]
        )
        items = project.inventory_ids
        self.assertEqual(len(items), 2)
        first = items.filtered(lambda i: i.name == "Welcome series")
        self.assertEqual(first.artifact, "Workflows and automations")
        self.assertIn("Automation rules", first.equivalent)
        self.assertIn("Trigger: Contact created", first.details)
        mapping = self.obj(project, "workflows").mapping_id
        self.assertFalse(mapping.model_name)
        self.assertIn("do not migrate", mapping.reason)
        headers_, table = items._export_table()
        content = exports.to_csv(headers_, table)
        self.assertIn("'=HYPERLINK", content)
        self.assertNotIn(",=HYPERLINK", content)
        # A cell that starts with a formula character is neutralised wherever it is.
        self.assertEqual(exports.neutralize("+deal won"), "'+deal won")
        self.assertEqual(exports.neutralize("@notify"), "'@notify")
        self.assertEqual(exports.neutralize("\tcmd"), "'\tcmd")
        self.assertEqual(exports.neutralize("plain - text"), "plain - text")
        action = project.action_download_inventory_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        values = [cell.value for row in book.active.iter_rows() for cell in row]
        self.assertIn("Welcome series", values)
        self.assertTrue(all(not str(v).startswith(("=", "+", "@")) for v in values if v))
        # Loading the project does not touch them: the file counts as skipped, with why.
        project.with_user(self.migration_manager).action_confirm_mapping()
        run = project._start_run("full")
        self.assertCounts(run, "workflows", source_rows=2, skipped=2)
        self.assertReconciled(run)
