"""The project's flow as a person follows it: a Sample run leaves a sampled project whose
Full run is still offered and loads the rest; rolling everything back leaves nothing; the
rows not loaded, downloaded, fixed and uploaded again, read back as the source had them."""

import csv
import io
import json

import openpyxl

from odoo.tests import tagged

from .common import SAMPLE, SAMPLE_FILES, MigrationCase, read_file
from .test_platforms import sample_zip


@tagged("post_install", "-at_install")
class TestProjectFlow(MigrationCase):
    def test_a_full_run_after_a_sample_loads_the_rest(self):
        project = self.make_project([read_file(SAMPLE, n) for n in SAMPLE_FILES], confirm=True)
        self.assertEqual(project.state, "confirmed")
        # the stage map says what the next run does with a stage Odoo lacks...
        new = project.mapping_value_ids.filtered(
            lambda v: v.action == "stage" and "created by the next run" in v.outcome
        )
        self.assertTrue(new)
        project.sample_size = 5
        sample = project._start_run("sample")
        self.assertCounts(sample, "companies", source_rows=5, created=5)
        # a sample is no load: the project says so, and the Full run is still the next step
        self.assertEqual(project.state, "sampled")
        full = project._start_run("full")
        self.assertReconciled(full)
        companies = self.run_line(full, "companies")
        self.assertEqual(companies.source_rows, companies.planned)
        self.assertEqual(
            companies.created + companies.failed + companies.skipped, companies.source_rows - 5
        )
        self.assertEqual(companies.updated + companies.unchanged, 5)
        self.assertEqual(project.state, "loaded")
        loaded = self.env["res.partner"].search_count([("x_source_id", "like", "company:%")])
        self.assertEqual(loaded, companies.source_rows - companies.failed - companies.skipped)
        # the run reads as a timeline of its steps, and its summary downloads as JSON
        self.assertIn("rows read", full.log_html)
        self.assertIn("→ res.partner", full.log_html)
        self.assertTrue(
            full.progress_text.startswith("%s / %s rows" % (full.handled, full.planned))
        )
        action = full.action_download_summary()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        summary = json.loads(attachment.raw)
        self.assertEqual(summary["objects"]["companies"]["source"], companies.source_rows)
        self.assertIn("failures", summary)
        # ...and, once loaded, what the run did
        new.invalidate_recordset(["outcome"])
        for value in new:
            self.assertIn("created by a run", value.outcome)
        # a later sample does not make a loaded project a sampled one
        project._start_run("sample")
        self.assertEqual(project.state, "loaded")

    def test_rolling_back_a_sample_leaves_the_project_confirmed(self):
        project = self.make_project([read_file(SAMPLE, n) for n in SAMPLE_FILES], confirm=True)
        project.sample_size = 3
        project._start_run("sample")
        self.assertEqual(project.state, "sampled")
        project.with_user(self.migration_manager).action_rollback_all()
        self.assertEqual(project.state, "confirmed")
        self.assertFalse(self.env["res.partner"].search([("x_source_id", "like", "company:%")]))

    def test_rows_not_loaded_round_trip(self):
        source = (
            "Contact ID,Full Name,Email,Phone\r\n"
            "P1,Ann Alder,ann@alder.example,+44 20 7946 0100\r\n"
            "P2,Ben Birch,ben(at)birch.example,+44 20 7946 0101\r\n"
            "P3,Cy Cedar,cy at cedar.example,=1+2\r\n"
        )
        project = self.make_project([("contacts.csv", source.encode())], confirm=True)
        run = project._start_run("full")
        self.assertCounts(run, "contacts", source_rows=3, created=1, failed=2)
        contacts = self.obj(project, "contacts")
        content = run.rejected_rows_csv(contacts)
        rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(
            rows[0], ["Contact ID", "Full Name", "Email", "Phone", "Source row", "Migration error"]
        )
        # the values as the source had them: no apostrophe before a phone or a formula-like cell
        self.assertEqual(
            rows[1][:5], ["P2", "Ben Birch", "ben(at)birch.example", "+44 20 7946 0101", "3"]
        )
        self.assertEqual(rows[2][:4], ["P3", "Cy Cedar", "cy at cedar.example", "=1+2"])
        # the workbook, read in a spreadsheet, runs nothing
        book = openpyxl.load_workbook(io.BytesIO(run.rejected_rows_xlsx(contacts)))
        cells = [c.value for row in book.active.iter_rows() for c in row if c.value]
        self.assertIn("'=1+2", cells)
        self.assertIn("'+44 20 7946 0101", cells)
        # A person fixes the emails and uploads the file again: it reads as the source
        # had it, without the columns the download added.
        fixed = content.replace("ben(at)birch.example", "ben@birch.example").replace(
            "cy at cedar.example", "cy@cedar.example"
        )
        project.add_files([("contacts.csv", fixed.encode("utf-8-sig"))])
        self.assertEqual(contacts.headers, ["Contact ID", "Full Name", "Email", "Phone"])
        staged = contacts.staging_ids.sorted("row_number")
        self.assertEqual(
            staged[0].payload,
            {
                "Contact ID": "P2",
                "Full Name": "Ben Birch",
                "Email": "ben@birch.example",
                "Phone": "+44 20 7946 0101",
            },
        )
        self.assertEqual(
            project.mapping_ids.filtered(lambda m: m.object_id == contacts).state, "confirmed"
        )
        delta = project._start_run("delta")
        self.assertCounts(delta, "contacts", source_rows=2, created=2)
        self.assertEqual(self.partner("contact:P2").phone, "+44 20 7946 0101")
        self.assertEqual(self.partner("contact:P3").email, "cy@cedar.example")

    def test_the_source_is_detected_and_its_own_profile_offered(self):
        project = self.env["migration.project"].create({"name": "TOTUS as generic"})
        self.assertEqual(project.profile, "generic")
        project.add_files([("totus-export.zip", sample_zip("totus"))])
        self.assertEqual(project.detected_source, "TOTUS Marketing")
        self.assertEqual(project.detected_profile, "totus")
        self.assertIn("its profile is", project.detected_reason)
        generic_kinds = set(project.mapping_ids.mapped("kind"))
        project.action_use_detected_profile()
        self.assertEqual(project.profile, "totus")
        self.assertEqual(project.detected_profile, "totus")
        users = project.object_ids.filtered(lambda o: "users" in o.object_name).mapping_id
        self.assertEqual(users.kind, "user")
        self.assertTrue(generic_kinds)
        # an export of a platform with no profile of its own: named, read by the generic one
        salesforce = self.make_project(
            [
                (
                    "Account.csv",
                    b'"Id","IsDeleted","Name","OwnerId","CreatedById","SystemModstamp"\n'
                    b'"0018d0000GEyHdiAQF","false","Harbor","0058d0000Gm8emAAQQ","0058d0000Gm8emAAQQ",'
                    b'"2025-02-12T10:50:45.000Z"\n',
                )
            ]
        )
        self.assertEqual(
            (salesforce.detected_source, salesforce.detected_profile), ("Salesforce", "generic")
        )
        self.assertIn("IsDeleted", salesforce.detected_reason)
