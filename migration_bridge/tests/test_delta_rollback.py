from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..loader.targets.crm_lead import CrmLeadAdapter
from .common import SAMPLE, SAMPLE_FILES, MigrationCase, read_file, sample_rows, to_csv


@tagged("post_install", "-at_install")
class TestDeltaAndRollback(MigrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.make_project([read_file(SAMPLE, n) for n in SAMPLE_FILES], confirm=True)
        cls.full = cls.project._start_run("full")
        cls.deal_headers = list(sample_rows("deals.csv")[0])

    def changed_deals(self, extra_rows=()):
        """deals.csv with D3001's amount changed and D3101 added."""
        rows = sample_rows("deals.csv")
        rows[0]["Amount"] = "107250.00"
        rows.append(
            dict(
                rows[1],
                **{
                    "Deal ID": "D3101",
                    "Deal Name": "Northwind - Second site",
                    "Company ID": "C1001",
                    "Contact ID": "",
                    "Stage": "Qualification",
                    "Lost Reason": "",
                    "Probability": "10",
                },
            )
        )
        rows.extend(extra_rows)
        return to_csv(rows, self.deal_headers)

    def record_counts(self):
        return (
            self.env["res.partner"].with_context(active_test=False).search_count([]),
            self.env["crm.lead"].with_context(active_test=False).search_count([]),
            self.env["crm.stage"].search_count([]),
            self.env["crm.team"].with_context(active_test=False).search_count([]),
            self.env["crm.tag"].search_count([]),
            self.env["res.partner.category"].search_count([]),
        )

    def test_same_files_again_change_nothing(self):
        before = self.record_counts()
        self.project.add_files([read_file(SAMPLE, n) for n in SAMPLE_FILES])
        self.assertTrue(self.project.mapping_confirmed, "a new export keeps the confirmed map")
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        for name, rows in (("companies", 40), ("contacts", 90), ("deals", 70)):
            self.assertCounts(delta, name, source_rows=rows, unchanged=rows, created=0, updated=0)
        self.assertFalse(delta.link_ids, "nothing was written")
        self.assertEqual(self.record_counts(), before)

    def test_one_change_and_one_new_row(self):
        deal = self.lead("deal:D3001")
        self.assertEqual(deal.expected_revenue, 106250.0)
        self.project.add_files([("deals.csv", self.changed_deals())])
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        self.assertCounts(delta, "deals", source_rows=71, created=1, updated=1, unchanged=69)
        self.assertCounts(delta, "companies", created=0, updated=0, unchanged=40)
        self.assertEqual(deal.expected_revenue, 107250.0)
        new = self.lead("deal:D3101")
        self.assertEqual(new.partner_id, self.partner("company:C1001"))
        (update,) = delta.link_ids.filtered(lambda ln: ln.operation == "updated")
        self.assertEqual(update.res_id, deal.id)
        self.assertEqual(update.previous_values, {"expected_revenue": 106250.0})

    def test_unknown_stage_fails_its_row_only(self):
        unknown = dict(
            sample_rows("deals.csv")[2],
            **{"Deal ID": "D3102", "Stage": "Verbal Commitment", "Lost Reason": ""},
        )
        self.project.add_files([("deals.csv", self.changed_deals([unknown]))])
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        self.assertCounts(delta, "deals", source_rows=72, created=1, updated=1, failed=1)
        (issue,) = self.issues(self.project, "unknown_stage", run_id=delta.id)
        self.assertEqual(
            (issue.file_name, issue.row_number, issue.column), ("deals.csv", 73, "Stage")
        )
        self.assertIn("Verbal Commitment", issue.message)
        self.assertFalse(self.lead("deal:D3102"))
        self.assertEqual(
            self.project.mapping_value_ids.filtered(
                lambda v: v.source_value == "Verbal Commitment"
            ).confirmed,
            False,
            "the new value waits for a manager's confirmation",
        )

    def test_new_owner_user_is_picked_up_by_delta(self):
        deal = self.lead("deal:D3001")
        rows = sample_rows("deals.csv")
        rows[0]["Owner"] = "erin.new@example.com"
        self.project.add_files([("deals.csv", to_csv(rows, self.deal_headers))])
        first = self.project._start_run("delta")
        self.assertTrue(self.issues(self.project, "unmatched_owner", run_id=first.id))
        self.assertEqual(deal.user_id, self.owners["alice.martin@example.com"], "not cleared")
        erin = self.env["res.users"].create({"name": "Erin New", "login": "erin.new@example.com"})
        second = self.project._start_run("delta")
        self.assertCounts(second, "deals", updated=1, unchanged=69)
        self.assertEqual(deal.user_id, erin)

    # A row the last run wrote exactly as it is now is not read again; these are the
    # cases where the same row must still be written again.
    def test_a_row_back_to_its_earlier_content_is_written_again(self):
        deal = self.lead("deal:D3001")
        self.project.add_files([("deals.csv", self.changed_deals())])
        self.project._start_run("delta")
        self.assertEqual(deal.expected_revenue, 107250.0)
        self.project.add_files([read_file(SAMPLE, "deals.csv")])
        back = self.project._start_run("delta")
        self.assertCounts(back, "deals", source_rows=70, updated=1, unchanged=69)
        self.assertEqual(deal.expected_revenue, 106250.0)

    def test_a_record_a_row_points_to_deleted_in_odoo_is_pointed_to_again(self):
        deal = self.lead("deal:D3001")
        company = deal.partner_id
        key = company.x_source_id
        self.assertTrue(key)
        company.child_ids.write({"parent_id": False})
        company.unlink()
        self.assertFalse(deal.partner_id)
        self.project.add_files([read_file(SAMPLE, n) for n in SAMPLE_FILES])
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        self.assertCounts(delta, "companies", created=1, unchanged=39)
        again = self.partner(key)
        self.assertTrue(again)
        self.assertEqual(deal.partner_id, again)

    def test_a_reference_missing_last_time_is_looked_for_again(self):
        """A contact of a company the export lacked is loaded without it; once a
        later export brings the company, the same contact row is linked to it."""
        contacts = sample_rows("contacts.csv")
        contacts.append(dict(contacts[0], **{"Contact ID": "P2901", "Company ID": "C1901"}))
        contacts_file = ("contacts.csv", to_csv(contacts, list(contacts[0])))
        self.project.add_files([contacts_file])
        first = self.project._start_run("delta")
        self.assertCounts(first, "contacts", created=1, unchanged=90)
        self.assertFalse(self.partner("contact:P2901").parent_id)
        companies = sample_rows("companies.csv")
        companies.append(
            dict(companies[1], **{"Company ID": "C1901", "Company Name": "Late Arrival Ltd"})
        )
        self.project.add_files(
            [("companies.csv", to_csv(companies, list(companies[0]))), contacts_file]
        )
        second = self.project._start_run("delta")
        self.assertCounts(second, "companies", created=1, unchanged=40)
        self.assertCounts(second, "contacts", updated=1, unchanged=90)
        self.assertEqual(self.partner("contact:P2901").parent_id, self.partner("company:C1901"))

    def test_a_changed_value_match_writes_its_rows_again(self):
        qualification = self.project.mapping_value_ids.filtered(
            lambda v: v.source_value == "Qualification"
        )
        deals = self.env["crm.lead"].search(
            [("x_source_id", "=like", "deal:%"), ("stage_id.name", "=", "Qualification")]
        )
        self.assertTrue(deals)
        other = self.env["crm.stage"].create({"name": "Discovery"})
        mapping = qualification.mapping_id
        mapping.with_user(self.migration_manager).action_reset()
        qualification.stage_id = other
        mapping.with_user(self.migration_manager).action_confirm()
        delta = self.project._start_run("delta")
        self.assertCounts(delta, "deals", updated=len(deals), unchanged=70 - len(deals))
        self.assertEqual(set(deals.mapped("stage_id")), {other})

    def test_rollback_delta_restores_and_deletes(self):
        self.project.add_files([("deals.csv", self.changed_deals())])
        delta = self.project._start_run("delta")
        deal = self.lead("deal:D3001")
        delta.with_user(self.migration_manager).action_rollback()
        self.assertEqual(delta.state, "rolled_back")
        self.assertEqual((delta.rollback_deleted, delta.rollback_restored), (1, 1))
        self.assertEqual(deal.expected_revenue, 106250.0)
        self.assertFalse(self.lead("deal:D3101"))
        # A second rollback changes nothing.
        before = self.record_counts()
        delta.action_rollback()
        self.assertEqual((delta.rollback_deleted, delta.rollback_restored), (1, 1))
        self.assertEqual(self.record_counts(), before)

    def test_rollback_full_run_leaves_nothing(self):
        self.full.with_user(self.migration_manager).action_rollback()
        Partner = self.env["res.partner"].with_context(active_test=False)
        self.assertFalse(Partner.search([("x_source_id", "!=", False)]))
        self.assertFalse(
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("x_source_id", "!=", False)])
        )
        self.assertFalse(self.env["crm.stage"].search([("x_source_id", "!=", False)]))
        self.assertFalse(self.env["crm.team"].search([("x_source_id", "!=", False)]))
        self.assertFalse(self.env["crm.tag"].search([("x_source_id", "!=", False)]))
        self.assertEqual(self.full.rollback_deleted, len(self.full.link_ids))
        self.assertTrue(all(self.full.link_ids.mapped("rolled_back")))
        # The migrated records are gone, the users and the project's own records are not.
        self.assertTrue(self.owners["alice.martin@example.com"].exists())
        self.assertTrue(self.project.exists() and self.full.exists())
        # The next full run loads everything again.
        again = self.project._start_run("full")
        self.assertCounts(again, "companies", created=40)
        self.assertCounts(again, "deals", created=70)

    def test_new_column_is_reported_not_dropped_silently(self):
        rows = sample_rows("deals.csv")
        for row in rows:
            row["Region Code"] = "EU-1"
        self.project.add_files([("deals.csv", to_csv(rows, self.deal_headers + ["Region Code"]))])
        line = self.line(self.project, "deals", "Region Code")
        self.assertFalse(line.confirmed)
        self.assertTrue(self.project.mapping_confirmed, "the confirmed columns still load")
        delta = self.project._start_run("delta")
        self.assertCounts(delta, "deals", unchanged=70)
        (issue,) = self.issues(self.project, "unconfirmed_column", run_id=delta.id)
        self.assertEqual((issue.file_name, issue.column), ("deals.csv", "Region Code"))
        self.assertIn("was not migrated", issue.message)

    def test_an_unexpected_error_fails_its_object_not_the_run(self):
        project = self.make_project([read_file(SAMPLE, n) for n in SAMPLE_FILES], confirm=True)
        self.full.with_user(self.migration_manager).action_rollback()

        def broken(adapter, load):
            raise RuntimeError("the pipeline service is down")

        logger = "odoo.addons.migration_bridge.models.migration_run"
        with (
            patch.object(CrmLeadAdapter, "prepare_object", broken),
            self.assertLogs(logger, "ERROR"),
        ):
            run = project._start_run("full")
        self.assertEqual(run.state, "failed")
        self.assertReconciled(run)
        self.assertCounts(run, "companies", created=40)
        self.assertCounts(run, "deals", source_rows=70, failed=70, created=0)
        (issue,) = self.issues(project, "load_error", run_id=run.id)
        self.assertIn("the pipeline service is down", issue.message)
        self.assertFalse(self.env["crm.lead"].search([("x_source_id", "like", "deal:")]))

    def test_a_project_with_loaded_records_cannot_be_deleted(self):
        with self.assertRaisesRegex(UserError, "roll those runs back first"):
            self.project.unlink()
        self.full.with_user(self.migration_manager).action_rollback()
        self.project.unlink()
        self.assertFalse(self.full.exists())

    def test_a_sample_holds_together(self):
        project = self.make_project([read_file(SAMPLE, n) for n in SAMPLE_FILES], confirm=True)
        self.full.with_user(self.migration_manager).action_rollback()
        project.sample_size = 5
        run = project._start_run("sample")
        self.assertReconciled(run)
        for name in ("companies", "contacts", "deals"):
            self.assertCounts(run, name, source_rows=5, created=5)
        self.assertFalse(self.issues(project, "orphan_reference", run_id=run.id))
        sampled = run.link_ids.filtered(lambda ln: (ln.source_key or "").startswith("company:"))
        companies = self.env["res.partner"].browse(sampled.mapped("res_id"))
        deals = self.env["crm.lead"].browse(
            run.link_ids.filtered(lambda ln: ln.model == "crm.lead").mapped("res_id")
        )
        self.assertTrue(all(d.partner_id.commercial_partner_id in companies for d in deals))
        self.assertIn("sample verification: 15 records read back, 0 differences", run.log)

    def test_owner_matches_are_proposed_and_a_person_can_choose(self):
        matches = {m.source_value: m for m in self.project.owner_match_ids}
        self.assertEqual(
            {v: (m.user_id.login, m.method) for v, m in matches.items()},
            {
                "alice.martin@example.com": ("alice.martin@example.com", "email"),
                "bob.keller@example.com": ("bob.keller@example.com", "email"),
                "Carla Diaz": ("carla.diaz@example.com", "name"),
                "dmitri.volkov@example.com": ("dmitri.volkov@example.com", "email"),
            },
        )
        self.assertEqual(sum(matches["Carla Diaz"].mapped("count")), 8 + 16 + 16)
        self.assertFalse(matches["Carla Diaz"].user_active, "archived users match too")
        # An owner that matches nobody: a person chooses Bob for it.
        rows = sample_rows("deals.csv")
        rows[0]["Owner"] = "Sales Team Lead"
        self.project.add_files([("deals.csv", to_csv(rows, self.deal_headers))])
        first = self.project._start_run("delta")
        lead = self.project.owner_match_ids.filtered(lambda m: m.source_value == "Sales Team Lead")
        self.assertEqual((lead.user_id, lead.method), (self.env["res.users"], "none"))
        self.assertTrue(self.issues(self.project, "unmatched_owner", run_id=first.id))
        bob = self.owners["bob.keller@example.com"]
        lead.with_user(self.migration_user).user_id = bob
        self.assertEqual(lead.method, "manual")
        second = self.project._start_run("delta")
        self.assertCounts(second, "deals", updated=1, unchanged=69)
        self.assertEqual(self.lead("deal:D3001").user_id, bob)
        self.assertFalse(self.issues(self.project, "unmatched_owner", run_id=second.id))

    def test_a_record_something_depends_on_is_reported_then_undone_later(self):
        contact = self.partner("contact:P2001")
        user = self.env["res.users"].create(
            {"name": contact.name, "login": "p2001@example.com", "partner_id": contact.id}
        )
        manager = self.migration_manager
        self.full.with_user(manager).action_rollback()
        self.assertEqual(self.full.state, "done", "not everything could be undone")
        self.assertEqual(self.full.rollback_failed, 1)
        (issue,) = self.issues(self.project, "rollback_failed")
        self.assertIn("contact:P2001", issue.message)
        self.assertTrue(contact.exists())
        self.assertFalse(self.partner("contact:P2002"), "the rest was undone")
        user.unlink()
        self.full.with_user(manager).action_rollback()
        self.assertEqual((self.full.state, self.full.rollback_failed), ("rolled_back", 0))
        self.assertFalse(contact.exists())
        self.assertEqual(self.full.rollback_deleted, len(self.full.link_ids))
