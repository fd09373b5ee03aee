import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

import openpyxl

from odoo.tests import tagged

from ..cli.migrate import Migrate
from . import test_confirmation
from .common import SAMPLE, MigrationCase, read_file, sample_rows, to_csv

CONTACT_HEADERS = list(sample_rows("contacts.csv")[0])
DEAL_HEADERS = list(sample_rows("deals.csv")[0])


def page(rows, total=90):
    """One page of an API list, as the platform returns it."""
    return json.dumps({"items": rows, "total": total}, ensure_ascii=False).encode("utf-8")


def workbook(sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h, "") for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestRowsKept(MigrationCase):
    """No row lost without a word: every row read is staged or refused with a reason
    (per file, read = staged + refused, on the project and in the headless summary);
    files of one shape are one object, files that merely share a name keep their own;
    a value too long for an index is an issue naming its file, row and column, and
    the other rows load."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contacts = sample_rows("contacts.csv")
        cls.deals = sample_rows("deals.csv")
        cls.pages = [
            ("contacts_page1.json", page(cls.contacts[:60])),
            ("contacts_page2.json", page(cls.contacts[60:])),
        ]

    def file_line(self, project, name):
        line = project.file_ids.filtered(lambda f: f.name == name)
        self.assertEqual(len(line), 1, "no file line %s" % name)
        return line

    def assertRowsKept(self, project):
        """Per file line of the project: rows read = staged + refused, and the rows
        staged are the object's rows of that file."""
        for line in project.file_ids:
            self.assertEqual(
                line.rows_read, line.rows_staged + line.rows_refused, "%s loses rows" % line.name
            )
            staged = line.object_id.staging_ids.filtered(lambda r, f=line: r.file_id == f)
            self.assertEqual(len(staged), line.rows_staged, line.name)
        for obj in project.object_ids:
            self.assertEqual(obj.row_count, len(obj.staging_ids), obj.name)
            self.assertEqual(obj.row_count, sum(obj.file_ids.mapped("rows_staged")), obj.name)

    # ------------------------------------------------------------------
    # Several files, one object name
    # ------------------------------------------------------------------
    def test_two_json_pages_of_one_list_are_one_object_with_all_their_rows(self):
        second_page = [dict(row) for row in self.contacts[60:]]
        second_page[15]["Email"] = "not-an-email"  # record 16 of page 2 fails
        pages = [self.pages[0], ("contacts_page2.json", page(second_page))]
        project = self.make_project([read_file(SAMPLE, "companies.csv")] + pages)
        (items,) = project.object_ids.filtered(lambda o: o.object_name == "items")
        self.assertEqual(items.row_count, 90)
        self.assertEqual(
            sorted(items.file_ids.mapped("name")),
            ["contacts_page1.json:items", "contacts_page2.json:items"],
        )
        first = self.file_line(project, "contacts_page1.json:items")
        second = self.file_line(project, "contacts_page2.json:items")
        self.assertEqual((first.rows_read, first.rows_staged, first.rows_refused), (60, 60, 0))
        self.assertEqual((second.rows_read, second.rows_staged, second.rows_refused), (30, 30, 0))
        self.assertRowsKept(project)
        # the columns' profiles are those of both pages
        fill = {f.name: f.filled for f in items.field_ids}
        self.assertEqual(fill["Contact ID"], 90)
        self.assertFalse(self.issues(project, "own_object"))
        # every row loads; what a row reports names its own page
        project.with_user(self.migration_manager).action_confirm_mapping()
        self.assertEqual(items.mapping_id.kind, "contact")
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "items", created=89, failed=1, skipped=0)
        self.assertTrue(self.partner("contact:%s" % self.contacts[74]["Contact ID"]))
        (invalid,) = self.issues(project, "invalid_email", run_id=run.id)
        self.assertEqual(
            (invalid.file_name, invalid.row_number, invalid.column),
            ("contacts_page2.json:items", 16, "Email"),
        )
        self.assertTrue(invalid.message.startswith("contacts_page2.json:items, row 16,"))
        # the rows not loaded, as a copy of the source: each says its file
        rejected = list(csv.reader(io.StringIO(run.rejected_rows_csv(items))))
        self.assertEqual(rejected[0][-3:], ["Source file", "Source row", "Migration error"])
        self.assertEqual(rejected[1][-3:-1], ["contacts_page2.json:items", "16"])

    def test_an_upload_is_an_export_and_says_which_files_it_replaces(self):
        """A later upload of the object (the cutover's export) holds its rows in place
        of the earlier upload's; files of the earlier upload that it does not bring
        again are named in an issue, never dropped silently."""
        project = self.make_project([read_file(SAMPLE, "companies.csv")] + self.pages)
        project.add_files([("contacts_page2.json", page(self.contacts[60:70]))])
        (items,) = project.object_ids.filtered(lambda o: o.object_name == "items")
        self.assertEqual(items.row_count, 10)
        (said,) = self.issues(project, "files_replaced")
        self.assertIn("replace those of contacts_page1.json:items", said.message)
        self.assertEqual(
            project.file_ids.mapped("name"), ["companies.csv", "contacts_page2.json:items"]
        )
        # both pages again: every row of both
        project.add_files(self.pages)
        self.assertEqual(items.row_count, 90)
        self.assertFalse(self.issues(project, "files_replaced"))
        self.assertRowsKept(project)
        # a cutover export of another name, in an archive: one object still
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("contacts.json", page(self.contacts))
        project.add_files([("cutover.zip", buffer.getvalue())])
        self.assertEqual(items.row_count, 90)
        self.assertEqual(items.file_ids.mapped("name"), ["cutover.zip/contacts.json:items"])
        # read again, the project stages what it staged: no page comes back
        project.action_discover()
        self.assertEqual(items.row_count, 90)
        self.assertRowsKept(project)

    def test_lists_that_merely_share_a_key_keep_objects_of_their_own(self):
        contacts = json.dumps({"data": self.contacts[:5]}).encode()
        deals = json.dumps({"data": self.deals[:7]}).encode()
        project = self.make_project([("contacts.json", contacts), ("deals.json", deals)])
        objects = {o.object_name: o for o in project.object_ids}
        self.assertEqual(sorted(objects), ["data", "deals.data"])
        self.assertEqual(objects["data"].row_count, 5)
        self.assertEqual(objects["deals.data"].row_count, 7)
        (said,) = self.issues(project, "own_object")
        self.assertEqual(said.file_name, "deals.json:data")
        self.assertIn("'deals.data'", said.message)
        self.assertRowsKept(project)
        # uploaded again, each file finds its own object again
        project.add_files([("deals.json", deals), ("contacts.json", contacts)])
        self.assertEqual(
            sorted((o.object_name, o.row_count) for o in project.object_ids),
            [("data", 5), ("deals.data", 7)],
        )

    def test_monthly_exports_keep_every_row(self):
        january, february = self.deals[:40], self.deals[40:]
        files = [read_file(SAMPLE, n) for n in ("companies.csv", "contacts.csv")] + [
            ("deals_2024-01.csv", to_csv(january, DEAL_HEADERS)),
            ("deals_2024-02.csv", to_csv(february, DEAL_HEADERS)),
        ]
        project = self.make_project(files, confirm=True)
        months = project.object_ids.filtered(lambda o: o.object_name.startswith("deals_"))
        self.assertEqual(sorted(months.mapped("row_count")), [30, 40])
        self.assertEqual(set(months.mapped("kind")), {"deal"})
        self.assertRowsKept(project)
        run = project._start_run("full")
        self.assertReconciled(run)
        loaded = self.env["crm.lead"].with_context(active_test=False)
        self.assertEqual(loaded.search_count([("x_source_id", "=like", "deal:%")]), 70)

    def test_sheets_of_one_name_in_two_workbooks(self):
        companies = sample_rows("companies.csv")
        company_headers = list(companies[0])
        first = workbook(
            {
                "Contacts": (CONTACT_HEADERS, self.contacts[:50]),
                "Companies": (company_headers, companies),
            }
        )
        second = workbook(
            {
                "Contacts": (CONTACT_HEADERS, self.contacts[50:]),
                "Deals": (DEAL_HEADERS, self.deals),
            }
        )
        project = self.make_project([("book1.xlsx", first), ("book2.xlsx", second)])
        rows = {o.object_name: o.row_count for o in project.object_ids}
        self.assertEqual(rows, {"contacts": 90, "companies": 40, "deals": 70})
        self.assertRowsKept(project)

    def test_two_folders_files_of_one_name_keep_their_rows(self):
        """The headless command given 2024-01/deals.csv and 2024-02/deals.csv: one object
        of both months (they have the same columns), named after their folders."""
        folder = Path(tempfile.mkdtemp())
        for month, rows in (("2024-01", self.deals[:40]), ("2024-02", self.deals[40:])):
            (folder / month).mkdir()
            (folder / month / "deals.csv").write_bytes(to_csv(rows, DEAL_HEADERS))
        project = self.env["migration.project"].create({"name": "Two folders"})
        paths = [folder / "2024-01" / "deals.csv", folder / "2024-02" / "deals.csv"]
        project.add_paths(paths)
        self.assertEqual(
            sorted(project.file_ids.mapped("name")), ["2024-01/deals.csv", "2024-02/deals.csv"]
        )
        (deals,) = project.object_ids
        self.assertEqual((deals.object_name, deals.row_count), ("deals", 70))
        self.assertRowsKept(project)
        # the same files again (a delta): each replaces its own rows
        project.add_paths(paths)
        self.assertEqual(deals.row_count, 70)
        # read again: still every row, once
        project.action_discover()
        self.assertEqual(deals.row_count, 70)
        self.assertRowsKept(project)

    def test_an_archive_with_two_folders_of_one_file_name(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("2024/deals.csv", to_csv(self.deals[:40], DEAL_HEADERS))
            archive.writestr("2025/deals.csv", to_csv(self.deals[40:], DEAL_HEADERS))
        project = self.make_project([("export.zip", buffer.getvalue())])
        (deals,) = project.object_ids
        self.assertEqual((deals.object_name, deals.row_count), ("deals", 70))
        self.assertRowsKept(project)

    def test_two_uploads_of_one_name_at_once_keep_their_rows(self):
        january = ("deals.csv", to_csv(self.deals[:40], DEAL_HEADERS))
        february = ("deals.csv", to_csv(self.deals[40:], DEAL_HEADERS))
        project = self.make_project([january, february])
        self.assertEqual(sorted(project.file_ids.mapped("name")), ["deals (2).csv", "deals.csv"])
        self.assertEqual(sum(project.object_ids.mapped("row_count")), 70)
        (said,) = self.issues(project, "same_file_name")
        self.assertIn("read as deals (2).csv", said.message)
        self.assertRowsKept(project)
        project.action_discover()
        self.assertEqual(sum(project.object_ids.mapped("row_count")), 70)

    # ------------------------------------------------------------------
    # The headless summary
    # ------------------------------------------------------------------
    def options(self, files, **values):
        """The command's options as the headless tests give them (``TestHeadless``)."""
        values = dict({"mb_project_name": "Headless pages", "mb_auto_confirm": True}, **values)
        return test_confirmation.TestHeadless.options(
            self, mb_files=[str(f) for f in files], **values
        )

    def test_headless_summary_counts_each_page(self):
        folder = Path(tempfile.mkdtemp())
        paths = [folder / "companies.csv"]
        paths[0].write_bytes((SAMPLE / "companies.csv").read_bytes())
        for name, data in self.pages:
            (folder / name).write_bytes(data)
            paths.append(folder / name)
        summary, code = Migrate()._execute(self.env, self.options(paths))
        self.assertEqual(code, 0, summary)
        files = summary["files"]
        keys = ("rows_read", "rows_staged", "rows_refused")
        counts = {name: tuple(entry[k] for k in keys) for name, entry in files.items()}
        self.assertEqual(
            counts,
            {
                "companies.csv": (40, 40, 0),
                "contacts_page1.json:items": (60, 60, 0),
                "contacts_page2.json:items": (30, 30, 0),
            },
        )
        self.assertEqual(files["contacts_page2.json:items"]["object"], "items")
        self.assertEqual(summary["objects"]["items"]["source"], 90)
        self.assertEqual(summary["objects"]["items"]["created"], 90)
        self.assertTrue(summary["reconciled"])

    def test_headless_summary_counts_refused_rows(self):
        folder = Path(tempfile.mkdtemp())
        path = folder / "companies.csv"
        lines = (SAMPLE / "companies.csv").read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(lines[:3] + [",,,", ""] + lines[3:]) + "\n", encoding="utf-8")
        summary, _code = Migrate()._execute(self.env, self.options([path]))
        entry = summary["files"]["companies.csv"]
        self.assertEqual(
            (entry["rows_read"], entry["rows_staged"], entry["rows_refused"]), (42, 40, 2)
        )
        (problem,) = entry["problems"]
        self.assertEqual((problem["code"], problem["row"]), ("blank_row", 4))

    # ------------------------------------------------------------------
    # Values too long for an index
    # ------------------------------------------------------------------
    def companies_with(self, row_index, column, value, name="companies.csv"):
        rows = sample_rows("companies.csv")
        rows[row_index][column] = value
        return name, to_csv(rows, list(rows[0]))

    def test_a_2_mb_id_is_an_issue_and_the_other_rows_load(self):
        project = self.make_project([self.companies_with(1, "Company ID", "X" * 2_000_000)])
        # read: the value is cut to what a value may hold, and said where
        (cut,) = self.issues(project, "too_large")
        self.assertEqual(
            (cut.file_name, cut.row_number, cut.column), ("companies.csv", 3, "Company ID")
        )
        # confirming the mapping gives the rows their source ids: no index refuses one
        project.with_user(self.migration_manager).action_confirm_mapping()
        (companies,) = project.object_ids
        row = companies.staging_ids.filtered(lambda r: r.row_number == 3)
        self.assertFalse(row.source_id)
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "companies", created=39, skipped=1, failed=0)
        (skipped,) = run.issue_ids.filtered(lambda i: i.staging_record_id == row)
        self.assertEqual(
            (skipped.file_name, skipped.row_number, skipped.column),
            ("companies.csv", 3, "Company ID"),
        )
        self.assertLess(len(skipped.message), 500)
        # waived, the row is read as it is: its id is refused, with file, row and column
        cut.action_waive()
        delta = project._start_run("delta")
        self.assertCounts(delta, "companies", unchanged=39, failed=1)
        (refused,) = self.issues(project, "key_too_long")
        self.assertEqual(refused.run_id, delta)
        self.assertEqual(
            (refused.file_name, refused.row_number, refused.column),
            ("companies.csv", 3, "Company ID"),
        )
        self.assertIn("too long to be an id", refused.message)

    def test_an_id_too_long_for_the_index_fails_its_row_alone(self):
        long_id = "C" + "9" * 5000
        project = self.make_project([self.companies_with(4, "Company ID", long_id)], confirm=True)
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "companies", created=39, failed=1)
        (refused,) = self.issues(project, "key_too_long")
        self.assertEqual(
            (refused.file_name, refused.row_number, refused.column, refused.run_id),
            ("companies.csv", 6, "Company ID", run),
        )
        self.assertEqual(
            self.env["res.partner"].search_count([("x_source_id", "=like", "company:C9999%")]), 0
        )
        # a delta reports the same cause once, and still loads the rest
        delta = project._start_run("delta")
        self.assertCounts(delta, "companies", unchanged=39, failed=1)
        self.assertEqual(len(self.issues(project, "key_too_long")), 1)

    def test_a_value_too_long_for_an_indexed_field_fails_its_row_alone(self):
        long_name = "Northwind " + "x" * 3990  # 4,000 characters: a partner's name is indexed
        project = self.make_project(
            [self.companies_with(2, "Company Name", long_name)], confirm=True
        )
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "companies", created=39, failed=1)
        (refused,) = self.issues(project, "too_long_for_index")
        self.assertEqual(
            (refused.file_name, refused.row_number, refused.column),
            ("companies.csv", 4, "Company Name"),
        )
        self.assertIn("a value of 4000 characters", refused.message)

    def test_a_stage_too_long_to_name_a_stage_fails_its_deal_alone(self):
        deals = [dict(row) for row in self.deals]
        deals[4]["Stage"] = "Negotiation " + "x" * 3000
        files = [read_file(SAMPLE, n) for n in ("companies.csv", "contacts.csv")]
        project = self.make_project(files + [("deals.csv", to_csv(deals, DEAL_HEADERS))])
        project.with_user(self.migration_manager).action_confirm_mapping()
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "deals", created=69, failed=1)
        (refused,) = self.issues(project, "too_long_for_index")
        self.assertEqual(
            (refused.file_name, refused.row_number, refused.column), ("deals.csv", 6, "Stage")
        )
        self.assertFalse(self.env["crm.stage"].search([]).filtered(lambda s: len(s.name) > 2000))

    def test_long_owner_and_tag_values_do_not_break_the_upload_or_the_run(self):
        rows = sample_rows("companies.csv")
        rows[0]["Owner"] = "o" * 3000
        rows[1]["Tags"] = "t" * 3000
        project = self.make_project([("companies.csv", to_csv(rows, list(rows[0])))])
        self.assertFalse(project.owner_match_ids.filtered(lambda m: len(m.source_value) > 2000))
        project.with_user(self.migration_manager).action_confirm_mapping()
        run = project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "companies", created=40, failed=0)
        owner = self.issues(project, "unmatched_owner", row_number=2)
        self.assertIn("too long to name a record", owner.message)
        for model in ("crm.tag", "res.partner.category"):
            self.assertFalse(self.env[model].search([]).filtered(lambda t: len(t.name) > 2000))
        tags = self.issues(project, "unmatched_reference", row_number=3)
        self.assertIn("too long to name a record", tags.message)
