"""The Customer Factor end to end: its sample export (``data/samples/tcf``, made by
``scripts/samples/tcf.py``) uploaded as one ZIP, confirmed as proposed, loaded.

Counts reconcile per file; jobs are deals won, lost or open as their status says, with
their customer, revenue, owner and tags; the converted prospect keeps its link to its
customer; estimates and invoices are kept as text on their customer (until the Sales and
Accounting targets exist); the orphan note is the one row that fails; a rollback leaves
nothing behind.
"""

from odoo.tests import tagged

from .test_platforms import PlatformCase


@tagged("post_install", "-at_install")
class TestCustomerFactorExport(PlatformCase):
    code = "tcf"

    @classmethod
    def odoo_owners(cls):
        return [o for o in cls.expected["owners"] if o not in cls.expected["unmatched_owners"]]

    def lead(self, key):
        found = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("x_source_id", "=", key)])
        )
        self.assertEqual(len(found), 1, key)
        return found

    def test_counts_reconcile_and_only_the_orphan_fails(self):
        self.assertReconciled(self.full)
        lines = {ln.object_name: ln for ln in self.full.line_ids}
        for file_name, rows in self.expected["files"].items():
            line = lines[file_name.rsplit(".", 1)[0]]
            self.assertEqual(line.source_rows, rows, file_name)
        failed = {name: ln.failed for name, ln in lines.items() if ln.failed}
        self.assertEqual(failed, {"notes": len(self.expected["orphans"])})
        (orphan,) = self.issues(self.project, "orphan_reference", run_id=self.full.id)
        self.assertEqual(
            (orphan.file_name.rsplit("/", 1)[-1], orphan.column), ("notes.csv", "Job ID")
        )
        self.assertIn("60997", orphan.message)

    def test_jobs_are_deals_with_their_outcome_customer_and_owner(self):
        users = {
            u.login: u for u in self.env["res.users"].with_context(active_test=False).search([])
        }
        for job_id, job in self.expected["jobs"].items():
            deal = self.lead("job:%s" % job_id)
            self.assertEqual(deal.name, job["name"])
            self.assertAlmostEqual(deal.expected_revenue, job["expected_revenue"], places=2)
            outcome = "won" if deal.stage_id.is_won else ("lost" if not deal.active else "open")
            self.assertEqual(outcome, job["outcome"], job_id)
            self.assertEqual(deal.partner_id.x_source_id.split(":", 1)[1], job["customer"])
            if job["owner"] in users:
                self.assertEqual(deal.user_id, users[job["owner"]], job_id)
            self.assertEqual(sorted(deal.tag_ids.mapped("name")), sorted(job["tags"]), job_id)

    def test_the_converted_prospect_keeps_its_customer(self):
        for prospect, customer in self.expected["converted"].items():
            lead = self.lead("prospect:%s" % prospect)
            self.assertEqual(lead.partner_id.x_source_id.split(":", 1)[1], customer)

    def test_the_custom_fields_cell_is_a_typed_field_per_key(self):
        """The prospects' 'Custom Fields' cell (keys spelled as the tenant typed them) is
        one field of crm.lead per key, of the type its values show, shared with the jobs'
        column of the same name; the cell itself is no field."""
        Lead = self.env["crm.lead"]
        for entry in self.expected["properties"]["keys"].values():
            field = Lead._fields.get(entry["field"])
            self.assertTrue(field, entry["field"])
            self.assertEqual(field.type, entry["type"], entry["field"])
        self.assertNotIn("x_custom_fields", Lead._fields)
        # 'interested in: Snow Removal; HOA: Yes; Budget: $3,350.00;
        #  lot size (sq. ft.): 57000; Follow Up Date: 07/28/2026'
        lead = self.lead("prospect:20024")
        self.assertEqual(lead.x_interested_in, "Snow Removal")
        self.assertIs(lead.x_hoa, True)
        self.assertAlmostEqual(lead.x_budget, 3350.0)
        self.assertEqual(lead.x_lot_size_sq_ft, 57000)
        self.assertEqual(str(lead.x_follow_up_date), "2026-07-28")
        jobs = Lead.with_context(active_test=False).search(
            [("x_source_id", "=like", "job:%"), ("x_lot_size_sq_ft", "!=", 0)]
        )
        self.assertTrue(jobs, "the jobs' 'Lot Size (Sq. Ft.)' column fills the same field")

    def test_estimates_and_invoices_are_kept_on_their_customer(self):
        for customer_id, texts in self.expected["folded"].items():
            partner = (
                self.env["res.partner"]
                .with_context(active_test=False)
                .search(
                    [
                        ("x_source_id", "like", "%%:%s" % customer_id),
                        ("is_company", "in", (True, False)),
                    ]
                )
                .filtered(lambda p, c=customer_id: p.x_source_id.split(":", 1)[1] == c)
            )
            self.assertEqual(len(partner), 1, customer_id)
            for field, text in texts.items():
                self.assertEqual(partner[field], text, "%s %s" % (customer_id, field))

    def test_rollback_leaves_nothing(self):
        self.full.with_user(self.migration_manager).action_rollback()
        self.assertNothingTagged()
