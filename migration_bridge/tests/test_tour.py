"""The walk-through in the browser (issue 19): a web tour, run headless, walks the real
UI as a Migration Manager does (upload, review, confirm, Test, sample, full, rollback),
and this test checks what the user would: the records the full run created, with their
values, and that nothing of the project is left after the rollback.

The tours are ``static/tests/tours/migration_walkthrough.js``; they upload the files of
``static/tests/tours/walkthrough/`` (the first seven companies of the generic sample,
their contacts and deals, rows as the sample has them) through the upload dialog's file
widget. 19.0 only (``series.tours``); Odoo skips it where no Chromium is found.
"""

import csv
import logging
import threading
import unittest
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase, tagged

from ..series import tours
from .common import ADDON, sample_owners

_logger = logging.getLogger(__name__)

FOLDER = ADDON / "static" / "tests" / "tours" / "walkthrough"
PROJECT = "Walkthrough migration"
TOUR_TIMEOUT = 600


def fixture_rows(name):
    with open(FOLDER / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class CronStandIn(threading.Thread):
    """The cron job *Migration: load runs in the background*, beside the browser: Odoo
    starts no cron thread under tests. Woken as the cron is, by its trigger (a run
    queued from the UI, or its own call with work left), each call loads one step of
    the queued and running runs (``_cron_process_runs`` with no time budget) through
    the test's cursor, as the browser's requests do: the run form watches it load.

    It opens a cursor only once woken by a request of the tour, never while the test
    itself uses the cursor (logging in the browser, reading the outcome)."""

    def __init__(self, registry):
        super().__init__(name="migration cron stand-in", daemon=True)
        self.registry = registry
        self.wake = threading.Event()
        self.halt = threading.Event()
        self.errors = []

    def run(self):
        while not self.halt.is_set():
            if not self.wake.wait(0.2):
                continue
            self.wake.clear()
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    env["migration.run"]._cron_process_runs(budget=0)
            except Exception as error:  # noqa: BLE001  (the test reports it)
                _logger.exception("the cron stand-in failed")
                self.errors.append(repr(error))
                return

    def stop(self):
        self.halt.set()
        self.join(60)


@tagged("post_install", "-at_install")
@unittest.skipUnless(tours.RUNS, tours.WHY_NOT)
class TestTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # choices remembered by earlier use of the database would change the proposals
        cls.env["migration.mapping.memory"].search([]).unlink()
        # the sample's owners, as the README asks (Carla Diaz archived)
        cls.owners = {name: user for _login, name, user in sample_owners(cls.env)}
        cls.companies = fixture_rows("companies.csv")
        cls.contacts = fixture_rows("contacts.csv")
        cls.deals = fixture_rows("deals.csv")

    def walk(self, tour):
        """Run ``tour`` as admin (a Migration Manager) with the cron's stand-in beside."""
        worker = CronStandIn(self.registry)
        cron_id = self.env.ref("migration_bridge.ir_cron_migration_runs").id
        IrCron = type(self.env["ir.cron"])
        trigger = IrCron._trigger

        def wake_on_trigger(crons, at=None):
            result = trigger(crons, at)
            if cron_id in crons.ids:
                worker.wake.set()
            return result

        worker.start()
        try:
            with patch.object(IrCron, "_trigger", wake_on_trigger):
                self.start_tour("/odoo", tour, login="admin", timeout=TOUR_TIMEOUT)
        finally:
            worker.stop()
        self.assertFalse(worker.errors, "the background loading failed")
        self.env.invalidate_all()

    def partner(self, key):
        Partner = self.env["res.partner"].with_context(active_test=False)
        return Partner.search([("x_source_id", "=", key)])

    def lead(self, key):
        return (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("x_source_id", "=", key)])
        )

    def keys(self):
        return {
            "res.partner": ["company:%s" % r["Company ID"] for r in self.companies]
            + ["contact:%s" % r["Contact ID"] for r in self.contacts],
            "crm.lead": ["deal:%s" % r["Deal ID"] for r in self.deals],
        }

    def test_walkthrough(self):
        self.walk("migration_walkthrough")
        project = self.env["migration.project"].search([("name", "=", PROJECT)])
        self.assertEqual(len(project), 1)
        self.assertEqual(project.state, "loaded")
        self.assertEqual(project.sample_size, 3)
        sample, full = project.run_ids.sorted("id")
        self.assertEqual((sample.kind, sample.state), ("sample", "done"))
        self.assertEqual((full.kind, full.state), ("full", "done"))
        self.assertTrue(sample.reconciled and full.reconciled)
        # the sample loaded 3 rows a file (and what they hold together); the full run the rest
        sample_deals = sample.link_ids.filtered(lambda ln: ln.model == "crm.lead")
        self.assertTrue(0 < len(sample_deals) < len(self.deals))

        # Every row of the export is a record, once, with its source id...
        for model, keys in self.keys().items():
            records = (
                self.env[model]
                .with_context(active_test=False)
                .search([("x_source_id", "in", keys)])
            )
            self.assertEqual(sorted(records.mapped("x_source_id")), sorted(keys), model)
        self.assertEqual((len(self.companies), len(self.contacts), len(self.deals)), (7, 12, 11))
        # ... with the values of its row.
        for row in self.companies:
            company = self.partner("company:%s" % row["Company ID"])
            self.assertTrue(company.is_company)
            self.assertEqual(company.name, row["Company Name"])
            self.assertEqual(company.email, row["Email"])
            self.assertEqual(company.city, row["City"])
            parent = row["Parent Company ID"]
            if parent:
                self.assertEqual(company.parent_id, self.partner("company:%s" % parent))
            else:
                self.assertFalse(company.parent_id)
        for row in self.contacts:
            contact = self.partner("contact:%s" % row["Contact ID"])
            self.assertFalse(contact.is_company)
            self.assertEqual(contact.name, "%s %s" % (row["First Name"], row["Last Name"]))
            self.assertEqual(contact.email, row["Email"])
            self.assertEqual(contact.parent_id, self.partner("company:%s" % row["Company ID"]))
        for row in self.deals:
            deal = self.lead("deal:%s" % row["Deal ID"])
            self.assertEqual(deal.type, "opportunity")
            self.assertEqual(deal.name, row["Deal Name"])
            self.assertEqual(deal.expected_revenue, float(row["Amount"]))
            # the deal's contact where it names one, else its company
            customer = (
                "contact:%s" % row["Contact ID"]
                if row["Contact ID"]
                else "company:%s" % row["Company ID"]
            )
            self.assertEqual(deal.partner_id, self.partner(customer), row["Deal ID"])
            self.assertEqual(deal.team_id.name, row["Pipeline"])
            if row["Stage"] == "Closed Won":
                self.assertTrue(deal.stage_id.is_won and deal.active, row["Deal ID"])
            elif row["Stage"] == "Closed Lost":
                self.assertFalse(deal.active, row["Deal ID"])
            else:
                self.assertEqual(deal.stage_id.name, row["Stage"])
            if row["Owner"]:
                owner = next(
                    user
                    for user in self.owners.values()
                    if row["Owner"] in (user.login, user.name)
                )
                self.assertEqual(deal.user_id, owner, row["Deal ID"])
        written = self.env["migration.record.link"].search(
            [("project_id", "=", project.id), ("rolled_back", "=", False)]
        )
        self.assertTrue(written)

        # Roll back the full run, then everything: nothing of the project is left.
        self.walk("migration_walkthrough_rollback")
        self.assertEqual(project.state, "confirmed")
        self.assertEqual(project.run_ids.mapped("state"), ["rolled_back", "rolled_back"])
        self.assertFalse(project.live_summary)
        for model, keys in self.keys().items():
            left = (
                self.env[model]
                .with_context(active_test=False)
                .search([("x_source_id", "in", keys)])
            )
            self.assertFalse(left, "%s left: %s" % (model, left.mapped("x_source_id")))
        self.assertFalse(written.exists().filtered(lambda ln: not ln.rolled_back))
        for link in written.exists().filtered(lambda ln: ln.operation == "created"):
            self.assertFalse(self.env[link.model].browse(link.res_id).exists(), link.source_key)
