"""The assessment and its sign-off workbook: opened with openpyxl, its sheets and
figures match the project (rows staged, mapping lines, owners, stage map, what does not
migrate, open issues, the grade); after a full run the duration uses its measured rate."""

import datetime
import io

import openpyxl

from odoo.tests import tagged

from ..services import assessment
from .common import SAMPLE, SAMPLE_FILES, MigrationCase, read_file

WORKFLOWS = b'Rule Name,Trigger\nWelcome mail,=HYPERLINK("http://evil")\nFollow-up,+1 day\n'
# a file of no kind the profile knows: set aside at confirmation
WIDGETS = b"Widget Code,Colour,Weight\nW1,red,12\nW2,blue,7\n"


@tagged("post_install", "-at_install")
class TestAssessment(MigrationCase):
    def project(self, *extra):
        files = [read_file(SAMPLE, n) for n in SAMPLE_FILES] + list(extra)
        return self.make_project(files, confirm=True)

    def download(self, project):
        action = project.with_user(self.migration_user).action_download_assessment()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        self.assertTrue(attachment.name.endswith("sign-off.xlsx"))
        return openpyxl.load_workbook(io.BytesIO(attachment.raw))

    def summary(self, book):
        return {r[0]: r[1] for r in book["Assessment"].iter_rows(values_only=True) if r[0]}

    def objects(self, book):
        rows = list(book["Assessment"].iter_rows(values_only=True))
        start = rows.index(tuple(assessment.OBJECT_HEADERS))
        return {
            r[0]: dict(zip(assessment.OBJECT_HEADERS, r, strict=False)) for r in rows[start + 1 :]
        }

    def test_the_sign_off_workbook_matches_the_project(self):
        project = self.project(("workflows.csv", WORKFLOWS))
        book = self.download(project)
        self.assertEqual(tuple(book.sheetnames), assessment.SHEETS)
        summary = self.summary(book)
        self.assertEqual(summary["Project"], project.name)
        self.assertIn(summary["Complexity grade"], assessment.GRADES + [assessment.SIMPLE])
        objects = self.objects(book)
        self.assertEqual(set(objects), set(project.object_ids.mapped("object_name")))
        for obj in project.object_ids:
            self.assertEqual(objects[obj.object_name]["Rows"], obj.row_count, obj.object_name)
        loading = project.object_ids.filtered(lambda o: o.mapping_id.model_name)
        self.assertEqual(summary["Rows to load"], sum(loading.mapped("row_count")))
        # what does not migrate: its verdict and its Odoo equivalent
        workflows = objects["workflows"]
        self.assertEqual(workflows["Verdict"], assessment.NOT_MIGRATED)
        self.assertIn("Automation rules", workflows["Does not migrate: Odoo equivalent"])
        for name in ("companies", "contacts", "deals"):
            row = objects[name]
            self.assertEqual(row["Verdict"], assessment.ONE_TO_ONE)
            self.assertGreaterEqual(row["1:1"] + row["Lossy"], row["Columns"])
            self.assertEqual(
                row["Columns"], len(self.obj(project, name).mapping_id.line_ids), name
            )
        # the other sheets: one row per record of the project
        self.assertEqual(book["Mapping"].max_row - 1, len(project.mapping_line_ids))
        self.assertEqual(book["Owners"].max_row - 1, len(project.owner_match_ids))
        owners = {r[0]: r for r in book["Owners"].iter_rows(min_row=2, values_only=True)}
        for match in project.owner_match_ids:
            self.assertEqual(owners[match.source_value][1], match.count)
            self.assertEqual(owners[match.source_value][3] or False, match.user_id.login)
        self.assertTrue(project.mapping_value_ids)
        self.assertEqual(book["Stage map"].max_row - 1, len(project.mapping_value_ids))
        stages = {r[1] for r in book["Stage map"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(stages, set(project.mapping_value_ids.mapped("source_value")))
        self.assertEqual(book["Does not migrate"].max_row - 1, len(project.inventory_ids))
        open_issues = project.issue_ids.filtered(lambda i: i.state == "open")
        self.assertEqual(book["Issues"].max_row - 1, len(open_issues))
        self.assertEqual(summary["Open issues"], len(open_issues))
        # formula-like cells of the export are text, never formulas
        details = [r[2] for r in book["Does not migrate"].iter_rows(min_row=2, values_only=True)]
        self.assertTrue(any(d.startswith("Trigger: =HYPERLINK") for d in details), details)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    self.assertNotEqual(cell.data_type, "f", (sheet.title, cell.coordinate))
        # the form's summary says the same
        self.assertIn(summary["Complexity grade"], project.assessment_html)
        self.assertIn("workflows", project.assessment_html)
        # the bench's rate before any run
        self.assertIn("bench", summary["Rate"])
        self.assertEqual(summary["Load rate (rows/s)"], assessment.BENCH_RATE)

    def test_a_file_set_aside_needs_a_manual_workaround(self):
        project = self.project(("widgets.csv", WIDGETS))
        self.assertEqual(self.obj(project, "widgets").mapping_id.state, "set_aside")
        result = project._assessment()
        widgets = next(r for r in result["objects"] if r["object"] == "widgets")
        self.assertEqual(widgets["verdict"], assessment.WORKAROUND)
        # the workaround (+1) and its blocking issue (+1)
        self.assertEqual(result["factors"][0]["points"], 1)
        self.assertEqual(result["factors"][1]["points"], 1)
        self.assertGreaterEqual(result["points"], 2)
        self.assertEqual(result["grade"], assessment.GRADES[min(result["points"], 3)])
        book = self.download(project)
        self.assertEqual(self.summary(book)["Complexity grade"], result["grade"])
        open_issues = project.issue_ids.filtered(lambda i: i.state == "open")
        self.assertEqual(book["Issues"].max_row - 1, len(open_issues))
        self.assertTrue(any(i.blocking for i in open_issues))

    def test_after_a_full_run_the_duration_uses_the_measured_rate(self):
        project = self.project()
        run = project._start_run("full")
        self.assertEqual(run.state, "done")
        # the run's times are kept to the second: give it ten, to know the rate
        run.write({"finished_at": run.started_at + datetime.timedelta(seconds=10)})
        rate = run.source_rows / 10.0
        book = self.download(project)
        summary = self.summary(book)
        self.assertIn("measured on this server", summary["Rate"])
        self.assertAlmostEqual(summary["Load rate (rows/s)"], round(rate, 1))
        result = project._assessment()
        self.assertTrue(result["duration"]["measured"])
        self.assertAlmostEqual(
            result["duration"]["load_seconds"], result["duration"]["rows"] / rate
        )
        self.assertEqual(
            summary["Load time"], assessment.duration_text(result["duration"]["rows"] / rate)
        )
        # the Issues sheet still lists the project's open issues, the run's included
        open_issues = project.issue_ids.filtered(lambda i: i.state == "open")
        self.assertEqual(book["Issues"].max_row - 1, len(open_issues))

    def test_a_dtools_api_source_gives_calls_and_days(self):
        project = self.env["migration.project"].create({"name": "API", "profile": "generic"})
        self.env["migration.api.source"].create({"project_id": project.id, "platform": "dtools"})
        project.add_files(
            [
                (
                    "clients.csv",
                    b"Id,Name\n" + b"".join(b"C%d,Client %d\n" % (i, i) for i in range(30)),
                )
            ]
        )
        (api,) = project._assessment()["api"]
        self.assertEqual(api["label"], "D-Tools")
        self.assertIn("120 calls a minute, 10,000 calls a day", api["limits"])
        # one page of 30 clients, then one GetClient each
        self.assertEqual(api["calls"], 1 + 30)
        self.assertEqual(api["days"], 1)
