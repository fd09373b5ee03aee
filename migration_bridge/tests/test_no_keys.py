"""An export of accounts and deals with no id column and no deal title: the natural key
is the source key, the deal's name comes from a template of its columns, salespeople
named by name are the owners, and a delta over the same files updates nothing twice."""

import tempfile
from pathlib import Path

from odoo.tests import tagged

from ..cli.migrate import Migrate
from .common import MigrationCase, to_csv

ACCOUNTS = [
    {"Account Name": "Northwind Traders", "Website": "northwind.example", "Phone": "+1 555 0100"},
    {"Account Name": "Globex Corporation", "Website": "globex.example", "Phone": "+1 555 0101"},
    {"Account Name": "Initech", "Website": "initech.example", "Phone": "+1 555 0102"},
]
DEALS = [
    {
        "Account Name": "Northwind Traders",
        "Product": "Support plan",
        "Amount": "$12,000.00",
        "Stage": "Proposal",
        "Close Date": "2025-03-31",
        "Salesperson": "Alice Martin",
    },
    {
        "Account Name": "Globex Corporation",
        "Product": "Licences",
        "Amount": "$48,500.00",
        "Stage": "Won",
        "Close Date": "2025-01-15",
        "Salesperson": "Bob Keller",
    },
    {
        "Account Name": "Initech",
        "Product": "Training",
        "Amount": "$3,200.00",
        "Stage": "Qualification",
        "Close Date": "2025-05-02",
        "Salesperson": "Alice Martin",
    },
]


def files():
    return [
        ("accounts.csv", to_csv(ACCOUNTS, list(ACCOUNTS[0]))),
        ("deals.csv", to_csv(DEALS, list(DEALS[0]))),
    ]


@tagged("post_install", "-at_install")
class TestExportWithoutKeys(MigrationCase):
    def migrate(self, **options):
        """The headless command, as `odoo-bin migrate --auto-confirm` runs it."""
        folder = Path(tempfile.mkdtemp())
        for name, content in files():
            (folder / name).write_bytes(content)
        values = {
            "mb_files": [str(folder / name) for name, _content in files()],
            "mb_project_name": "no keys",
            "mb_auto_confirm": True,
        }
        values.update(options)
        summary, code = Migrate()._execute(self.env, Migrate.options(**values))
        self.assertEqual(code, 0, summary)
        return summary

    def test_no_id_no_title_migrates_and_a_delta_updates_instead_of_duplicating(self):
        summary = self.migrate()
        project = self.env["migration.project"].browse(summary["project_id"])
        self.assertTrue(project.mapping_confirmed)
        deals = project.mapping_ids.filtered(lambda m: m.object_id.object_name == "deals")
        self.assertEqual(deals.name_template, "{Account Name} - {Product}")
        self.assertIn("known by", deals.source_key_note)
        run = self.env["migration.run"].browse(summary["run_id"])
        self.assertReconciled(run)
        self.assertCounts(run, "accounts", source_rows=3, created=3)
        self.assertCounts(run, "deals", source_rows=3, created=3)
        lead = self.env["crm.lead"].search([("name", "=", "Globex Corporation - Licences")])
        self.assertEqual(len(lead), 1, "the deal is named from its template")
        self.assertEqual(lead.partner_id.name, "Globex Corporation")
        self.assertEqual(lead.expected_revenue, 48500.0)
        self.assertEqual(lead.user_id, self.owners["bob.keller@example.com"])
        self.assertTrue(lead.x_source_id.startswith("deal:"))
        company = self.env["res.partner"].search([("name", "=", "Northwind Traders")])
        self.assertTrue(company.is_company)
        self.assertEqual(company.x_source_id, "company:name=northwind traders")

        delta = self.migrate(mb_project=project.id, mb_kind="delta")
        delta = self.env["migration.run"].browse(delta["run_id"])
        self.assertReconciled(delta)
        self.assertCounts(delta, "accounts", source_rows=3, unchanged=3)
        self.assertCounts(delta, "deals", source_rows=3, unchanged=3)
        self.assertEqual(
            self.env["crm.lead"].search_count([("x_source_id", "=like", "deal:%")]), 3
        )
