import csv
import io
import json
from pathlib import Path

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import TransactionCase

ADDON = Path(__file__).resolve().parent.parent
SAMPLE = ADDON / "data" / "samples" / "generic"
BAD = ADDON / "tests" / "fixtures" / "bad"
EXPECTED = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
SAMPLE_FILES = ("companies.csv", "contacts.csv", "deals.csv")
# Bad inputs uploaded next to the clean sample, one problem each (see fixtures/bad/README.md).
BAD_FILES = (
    "contacts_more.csv",
    "firmen_cp1251.csv",
    "companies_utf8_bom.csv",
    "missing_header.csv",
    "duplicate_header.csv",
    "no_header.csv",
    "empty.csv",
    "notes.docx",
)


def read_file(folder, name):
    return name, (folder / name).read_bytes()


def sample_rows(name):
    with open(SAMPLE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def to_csv(rows, headers):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def sample_owners(env):
    """The generic sample's owners as Odoo users, as the README asks (one archived:
    owners match archived users too): (login, name, user) each."""
    owners = []
    for owner in EXPECTED["owners"]:
        user = mail_new_test_user(
            env,
            login=owner["login"],
            name=owner["name"],
            email=owner["login"],
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        user.active = owner["active"]
        owners.append((owner["login"], owner["name"], user))
    return owners


class MigrationCase(TransactionCase):
    """A database with the sample's owners as users; helpers to build projects."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # choices remembered by earlier use of the database would change the proposals
        cls.env["migration.mapping.memory"].search([]).unlink()
        cls.owners = {login: user for login, _name, user in sample_owners(cls.env)}
        cls.migration_user = mail_new_test_user(
            cls.env,
            login="mig.user",
            name="Migration User",
            groups="base.group_user,migration_bridge.group_migration_user",
        )
        cls.migration_manager = mail_new_test_user(
            cls.env,
            login="mig.manager",
            name="Migration Manager",
            groups="base.group_user,migration_bridge.group_migration_manager",
        )

    @classmethod
    def make_project(cls, files, name="Test migration", confirm=False):
        project = cls.env["migration.project"].create({"name": name, "profile": "generic"})
        project.add_files(list(files))
        if confirm:
            project.with_user(cls.migration_manager).action_confirm_mapping()
        return project

    # ------------------------------------------------------------------
    # Look-ups a user does in the UI
    # ------------------------------------------------------------------
    def partner(self, key):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("x_source_id", "=", key)])
        )

    def lead(self, key):
        return (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("x_source_id", "=", key)])
        )

    def obj(self, project, object_name):
        return project.object_ids.filtered(lambda o: o.object_name == object_name)

    def line(self, project, object_name, column):
        return project.mapping_line_ids.filtered(
            lambda ln: ln.object_id.object_name == object_name and ln.source_name == column
        )

    def run_line(self, run, object_name):
        return run.line_ids.filtered(lambda ln: ln.object_name == object_name)

    def issues(self, project, code, **where):
        domain = [("project_id", "=", project.id), ("code", "=", code)]
        domain += [(field, "=", value) for field, value in where.items()]
        return self.env["migration.issue"].search(domain)

    def assertReconciled(self, run):
        for line in run.line_ids:
            total = line.created + line.updated + line.unchanged + line.skipped + line.failed
            self.assertEqual(total, line.source_rows, "%s does not reconcile" % line.object_name)
        self.assertTrue(run.reconciled)

    def assertCounts(self, run, object_name, **expected):
        line = self.run_line(run, object_name)
        self.assertTrue(line, "no run line for %s" % object_name)
        got = {key: line[key] for key in expected}
        self.assertEqual(got, expected, object_name)
