"""One file never blocks the others: a file the mapping cannot place is set aside at
confirmation with a blocking issue saying what it needs; the other files confirm and
load; once a person places it, a delta loads it with its references to the records
already loaded; headless, the command says so with its own exit code."""

import shutil
import tempfile
from pathlib import Path

from odoo.tests import tagged

from ..cli.migrate import EXIT_SET_ASIDE, Migrate
from .common import MigrationCase

COMPANIES = b"Company ID,Company Name,City\nS1,Alder Ltd,Leeds\nS2,Birch GmbH,Bonn\n"
# contacts whose names no header says: nothing to name the records by
CONTACTS = (
    b"Contact ID,Known As,Company ID,Email\n"
    b"P1,Ann Alder,S1,ann@alder.example\n"
    b"P2,Ben Birch,S2,ben@birch.example\n"
)
# a file of no kind the profile knows
WIDGETS = b"Widget Code,Colour,Weight\nW1,red,12\nW2,blue,7\n"


@tagged("post_install", "-at_install")
class TestSetAside(MigrationCase):
    def files(self):
        return [("companies.csv", COMPANIES), ("contacts.csv", CONTACTS), ("widgets.csv", WIDGETS)]

    def test_unplaceable_files_are_set_aside_and_the_others_load(self):
        project = self.make_project(self.files())
        contacts = self.obj(project, "contacts").mapping_ids
        self.assertEqual(contacts.kind, "contact")
        self.line(project, "contacts", "Known As").target_field_id = False
        project.with_user(self.migration_manager).action_confirm_mapping()
        self.assertTrue(project.mapping_confirmed)
        self.assertEqual(self.obj(project, "companies").mapping_ids.state, "confirmed")
        self.assertEqual(contacts.state, "set_aside")
        self.assertEqual(self.obj(project, "widgets").mapping_ids.state, "set_aside")
        aside = project.set_aside()
        self.assertEqual(set(aside), {"contacts.csv", "widgets.csv"})
        self.assertIn("name", aside["contacts.csv"].lower())
        (issue,) = self.issues(project, "set_aside", file_name="contacts.csv")
        self.assertTrue(issue.blocking)
        run = project._start_run("full")
        self.assertCounts(run, "companies", source_rows=2, created=2)
        # the rows of the files set aside are counted, not lost: skipped, with why
        self.assertCounts(run, "contacts", source_rows=2, skipped=2)
        self.assertCounts(run, "widgets", source_rows=2, skipped=2)
        self.assertFalse(self.partner("contact:P1"))
        # A person places the contacts: their names are the 'Known As' column.
        name = self.env["ir.model.fields"]._get("res.partner", "name")
        self.line(project, "contacts", "Known As").with_user(
            self.migration_manager
        ).target_field_id = name
        self.assertEqual(contacts.state, "proposed")
        project.with_user(self.migration_manager).action_confirm_mapping()
        self.assertEqual(contacts.state, "confirmed")
        self.assertEqual(issue.state, "fixed")
        delta = project._start_run("delta")
        self.assertCounts(delta, "contacts", source_rows=2, created=2)
        self.assertCounts(delta, "companies", source_rows=2, unchanged=2)
        ann = self.partner("contact:P1")
        self.assertEqual((ann.name, ann.parent_id), ("Ann Alder", self.partner("company:S1")))

    def test_headless_loads_what_it_can_and_says_what_was_set_aside(self):
        folder = Path(tempfile.mkdtemp(prefix="mb_set_aside_"))
        self.addCleanup(shutil.rmtree, folder)
        paths = []
        for name, data in [("companies.csv", COMPANIES), ("widgets.csv", WIDGETS)]:
            (folder / name).write_bytes(data)
            paths.append(str(folder / name))
        options = Migrate.options(
            mb_files=paths, mb_project_name="Set aside", mb_auto_confirm=True
        )
        summary, code = Migrate()._execute(self.env, options)
        self.assertEqual(code, EXIT_SET_ASIDE)
        self.assertEqual(list(summary["set_aside"]), ["widgets.csv"])
        self.assertEqual(summary["objects"]["companies"]["created"], 2)
