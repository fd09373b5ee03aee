"""Quotes, invoices, payments and the service catalogue as Odoo's own records.

``TestSalesTargets`` needs a database with Sales, Invoicing and Project installed
(``sale_management``, ``account``, ``project``) and skips itself otherwise: the
OctopusPro sample is uploaded, confirmed as proposed and loaded; its services are
products, its quotes sale orders in the state their status says, its invoices posted
customer invoices (void ones cancelled) with the sale tax their GST's rate matches, its
payments reconciled with them; a delta changes nothing; a rollback deletes every one
of them, or reverses a posted invoice a lock date keeps.

``TestSalesAppsMissing`` runs where Sales is not installed (the main suite's CRM
database): the same export lists what needs which app and loads the rest as text.
"""

import datetime
import unittest

from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import get_db_name

from .test_platforms import SAMPLES, PlatformCase, sample_zip

APPS = ("sale_management", "account", "project")
FOLDER = SAMPLES / "octopuspro"


class SalesCase(PlatformCase):
    code = "octopuspro"
    # set up before the export is loaded (a sale tax)
    needs = APPS
    absent = ()

    @classmethod
    def setUpClass(cls):
        # PlatformCase loads the export in its own setUpClass: the check comes first,
        # from the modules the registry loaded
        present = Registry(get_db_name())._init_modules
        missing = [m for m in cls.needs if m not in present]
        if missing:
            raise unittest.SkipTest(
                "needs %s installed (%s missing): install them on the database with "
                "-i migration_bridge,%s"
                % (", ".join(cls.needs), ", ".join(missing), ",".join(cls.needs))
            )
        if any(m in present for m in cls.absent):
            raise unittest.SkipTest(
                "runs where %s is not installed (the CRM-only database)" % ", ".join(cls.absent)
            )
        super().setUpClass()

    def mapping(self, object_name):
        return self.obj(self.project, object_name).mapping_id


@tagged("post_install", "-at_install")
class TestSalesTargets(SalesCase):
    @classmethod
    def odoo_owners(cls):
        # (called before the export is loaded) the GST the invoices carry: a 10% sale
        # tax of the company
        env = cls.env
        company = env.company
        if not env["account.tax"].search(
            [("type_tax_use", "=", "sale"), ("amount", "=", 10.0), ("company_id", "=", company.id)]
        ):
            env["account.tax"].create(
                {
                    "name": "GST 10%",
                    "amount": 10.0,
                    "amount_type": "percent",
                    "type_tax_use": "sale",
                    "company_id": company.id,
                }
            )
        # a product Odoo has already: the catalogue's row of that name adopts it
        cls.office_clean = env["product.product"].create(
            {"name": "Office clean", "list_price": 1.0}
        )
        return super().odoo_owners()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The Customer Factor's export beside OctopusPro's: estimates and invoices with
        # their line items, the price book
        cls.tcf = cls.env["migration.project"].create({"name": "tcf", "profile": "tcf"})
        cls.tcf.add_files([("tcf-export.zip", sample_zip("tcf"))])
        cls.tcf.with_user(cls.migration_manager).action_confirm_mapping()
        cls.tcf_run = cls.tcf._start_run("full")

    def by_key(self, model, key):
        record = (
            self.env[model].with_context(active_test=False).search([("x_source_id", "=", key)])
        )
        self.assertEqual(len(record), 1, key)
        return record

    # ------------------------------------------------------------------
    # Proposals and counts
    # ------------------------------------------------------------------
    def test_the_apps_take_quotes_invoices_payments_and_services(self):
        expected = {
            "services": ("service", "product.product"),
            "quotes": ("sale_quote", "sale.order"),
            "invoices": ("invoice_move", "account.move"),
            "payments": ("payment_entry", "account.payment"),
        }
        for name, (kind, model) in expected.items():
            mapping = self.mapping(name)
            self.assertEqual((mapping.kind, mapping.model_name), (kind, model), name)
            self.assertNotIn("install", mapping.reason or "", name)
        self.assertNotIn("Service catalogue", self.project.inventory_ids.mapped("artifact"))
        # the invoice of a deleted customer (3008) fails, and so does its payment
        # (one service is a product Odoo had: updated, see below)
        for name, failed, updated in (
            ("services", 0, 1),
            ("quotes", 0, 0),
            ("invoices", 1, 0),
            ("payments", 1, 0),
        ):
            line = self.run_line(self.full, name)
            self.assertEqual(
                (line.created, line.updated, line.failed),
                (line.source_rows - failed - updated, updated, failed),
                name,
            )
        orphan = self.issues(self.project, "orphan_reference").filtered(
            lambda i: i.object_id.object_name == "invoices"
        )
        self.assertIn("customer", orphan.message)
        self.assertReconciled(self.full)

    def test_services_are_service_products(self):
        product = self.by_key("product.product", "service:1")
        self.assertEqual(product.name, "Carpet steam clean")
        self.assertEqual(product.type, "service")
        self.assertAlmostEqual(product.list_price, 180.0)
        self.assertFalse(self.by_key("product.product", "service:8").active)
        # found by name: the product Odoo had is the row's record, updated
        self.assertEqual(self.by_key("product.product", "service:5"), self.office_clean)
        self.assertAlmostEqual(self.office_clean.list_price, 260.0)
        services = self.run_line(self.full, "services")
        self.assertEqual((services.created, services.updated), (7, 1))

    # ------------------------------------------------------------------
    # Quotes
    # ------------------------------------------------------------------
    def test_quotes_are_sale_orders_in_their_state(self):
        accepted = self.by_key("sale.order", "sale_quote:602")
        self.assertEqual(accepted.state, "sale")
        self.assertEqual(accepted.origin, "Q-1500")
        self.assertEqual(accepted.partner_id.x_source_id, "customer:3141")
        self.assertEqual(accepted.order_line.product_id.name, "End of lease clean")
        self.assertEqual(
            accepted.order_line.product_id, self.by_key("product.product", "service:3")
        )
        self.assertAlmostEqual(accepted.amount_untaxed, 420.0)
        self.assertEqual(self.by_key("sale.order", "sale_quote:642").state, "cancel")
        sent = self.by_key("sale.order", "sale_quote:654")
        self.assertEqual(sent.state, "sent")
        self.assertEqual(sent.validity_date, datetime.date(2026, 7, 23))

    # ------------------------------------------------------------------
    # Invoices and payments
    # ------------------------------------------------------------------
    def test_invoices_are_posted_with_their_number_and_tax(self):
        invoice = self.by_key("account.move", "invoice_move:INV-2041")
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.ref, "INV-2041")
        self.assertEqual(invoice.invoice_date, datetime.date(2025, 7, 12))
        self.assertEqual(invoice.invoice_date_due, datetime.date(2025, 7, 26))
        self.assertAlmostEqual(invoice.amount_untaxed, 272.73)
        self.assertAlmostEqual(invoice.amount_total, 300.0)
        self.assertEqual(invoice.invoice_line_ids.tax_ids.amount, 10.0)
        self.assertEqual(invoice.partner_id.x_source_id, "customer:3168")

    def test_payments_are_reconciled_with_their_invoice_on_their_date(self):
        paid = self.by_key("account.move", "invoice_move:INV-2043")
        self.assertIn(paid.payment_state, ("paid", "in_payment"))
        payment = self.by_key("account.payment", "payment_entry:9119")
        self.assertEqual(payment.date, datetime.date(2025, 7, 31))
        self.assertAlmostEqual(payment.amount, 420.0)
        self.assertIn(paid, payment.reconciled_invoice_ids)
        partial = self.by_key("account.move", "invoice_move:INV-2042")
        self.assertEqual(partial.payment_state, "partial")
        self.assertAlmostEqual(partial.amount_residual, 130.0)
        overdue = self.by_key("account.move", "invoice_move:INV-2046")
        self.assertEqual(overdue.payment_state, "not_paid")
        refund = self.by_key("account.payment", "payment_entry:9108")
        self.assertEqual((refund.payment_type, refund.amount), ("outbound", 40.0))

    def test_a_delta_of_the_same_export_changes_nothing(self):
        delta = self.project._start_run("delta")
        for name in ("services", "quotes", "invoices", "payments"):
            line = self.run_line(delta, name)
            self.assertEqual(line.unchanged + line.failed, line.source_rows, name)
            self.assertFalse(line.created or line.updated, name)
        self.assertEqual(
            self.env["account.payment"].search_count(
                [("x_source_id", "=like", "payment_entry:%")]
            ),
            15,
        )

    # ------------------------------------------------------------------
    # Rollback
    # ------------------------------------------------------------------
    def roll_back_tcf(self):
        self.tcf_run.with_user(self.migration_manager).action_rollback()
        self.assertEqual(self.tcf_run.state, "rolled_back")

    def left(self, model, prefix):
        return (
            self.env[model]
            .with_context(active_test=False)
            .search_count(
                [("x_source_id", "=like", prefix + (":%" if ":" not in prefix else "%"))]
            )
        )

    def test_rollback_resets_posted_invoices_to_draft_and_deletes_them(self):
        self.roll_back_tcf()  # its leads share the stages the OctopusPro run created
        self.full.with_user(self.migration_manager).action_rollback()
        self.assertEqual(self.full.state, "rolled_back")
        for model, prefix in (
            ("account.payment", "payment_entry"),
            ("account.move", "invoice_move"),
            ("sale.order", "sale_quote"),
            ("product.product", "service"),
        ):
            self.assertEqual(self.left(model, prefix), 0, model)
        self.assertFalse(self.env["account.move"].search([("ref", "=", "INV-2041")]))
        # the product Odoo had is restored, not deleted
        self.assertTrue(self.office_clean.exists())
        self.assertEqual(
            (self.office_clean.list_price, self.office_clean.x_source_id), (1.0, False)
        )

    def test_rollback_reverses_a_posted_invoice_the_lock_date_keeps(self):
        """Invoices and payments of 2025 are behind the lock date: reversed and kept,
        with their customers (Odoo keeps a partner used in accounting); those of 2026
        are reset to draft and deleted."""
        self.roll_back_tcf()
        self.env.company.fiscalyear_lock_date = datetime.date(2025, 12, 31)
        Move = self.env["account.move"]
        self.full.with_user(self.migration_manager).action_rollback()
        locked = self.by_key("account.move", "invoice_move:INV-2041")
        self.assertEqual(locked.state, "posted")
        self.assertEqual(locked.payment_state, "reversed")
        credit = Move.search([("reversed_entry_id", "=", locked.id)])
        self.assertEqual((credit.move_type, credit.state), ("out_refund", "posted"))
        self.assertAlmostEqual(credit.amount_total, 300.0)
        self.assertIn("reversed by", locked.message_ids[:1].body)
        self.assertFalse(Move.search([("ref", "=", "INV-2054")]))  # of 2026: deleted
        self.assertEqual(self.left("sale.order", "sale_quote"), 0)
        self.assertEqual(self.left("account.payment", "payment_entry"), 7)  # of 2025
        # what is left is what the reversed entries hold: their customers, said so
        failures = self.issues(self.project, "rollback_failed")
        self.assertTrue(failures)
        self.assertTrue(all("res.partner" in m for m in failures.mapped("message")))
        self.assertNotEqual(self.full.state, "rolled_back")
        reversals = Move.search_count([("reversed_entry_id", "!=", False)])
        # a second rollback reverses nothing twice
        self.full.with_user(self.migration_manager).action_rollback()
        self.assertEqual(Move.search_count([("reversed_entry_id", "!=", False)]), reversals)

    # ------------------------------------------------------------------
    # The Customer Factor: line items, the price book, a tax no sale tax has
    # ------------------------------------------------------------------
    def test_tcf_estimates_and_invoices_with_their_line_items(self):
        expected = {
            "products_and_services": ("product", "product.product"),
            "estimates": ("sale_estimate", "sale.order"),
            "estimate_items": ("sale_estimate_line", "sale.order.line"),
            "invoices": ("invoice_move", "account.move"),
            "invoice_items": ("invoice_move_line", "account.move.line"),
        }
        for name, (kind, model) in expected.items():
            mapping = self.obj(self.tcf, name).mapping_id
            self.assertEqual((mapping.kind, mapping.model_name), (kind, model), name)
            line = self.run_line(self.tcf_run, name)
            self.assertEqual(line.created, line.source_rows, name)
        self.assertReconciled(self.tcf_run)
        estimate = self.by_key("sale.order", "sale_estimate:1041")
        self.assertEqual(estimate.state, "sale")
        self.assertEqual(estimate.partner_id.x_source_id, "customer:40009")
        self.assertEqual(
            sorted(estimate.order_line.mapped("product_id.name")),
            ["Shrub Trimming", "Spring Cleanup"],
        )
        self.assertAlmostEqual(estimate.amount_untaxed, 491.0)
        self.assertEqual(self.by_key("sale.order", "sale_estimate:1061").state, "cancel")
        self.assertEqual(self.by_key("sale.order", "sale_estimate:1064").state, "draft")
        # a line's item is the price book's product when it has one
        mowing = self.env["product.product"].search([("name", "=", "Weekly Mowing")])
        self.assertEqual(len(mowing), 1)
        self.assertEqual(mowing.type, "service")
        invoice = self.by_key("account.move", "invoice_move:5021")
        self.assertEqual((invoice.state, invoice.ref), ("posted", "5021"))
        self.assertAlmostEqual(invoice.amount_untaxed, 491.0)
        self.assertEqual(len(invoice.invoice_line_ids), 2)

    def test_tcf_a_tax_rate_no_sale_tax_has_is_reported(self):
        """7.5% is no tax of the company: the documents load untaxed, each reported."""
        invoice = self.by_key("account.move", "invoice_move:5021")
        self.assertFalse(invoice.invoice_line_ids.tax_ids)
        reported = self.issues(self.tcf, "unmatched_tax")
        self.assertTrue(reported)
        self.assertIn("7.5%", reported[0].message)

    def test_tcf_rollback_leaves_nothing(self):
        self.tcf_run.with_user(self.migration_manager).action_rollback()
        self.assertEqual(self.tcf_run.state, "rolled_back")
        for model, prefix in (
            ("account.move", "invoice_move:50"),  # TCF's numbers (OctopusPro's: INV-)
            ("sale.order", "sale_estimate"),
            ("product.product", "product"),
        ):
            self.assertEqual(self.left(model, prefix), 0, model)


@tagged("post_install", "-at_install")
class TestSalesAppsMissing(SalesCase):
    """Without Sales and Invoicing: what needs which app is said, the rest loads."""

    needs = ()
    absent = ("sale_management",)

    def test_the_proposal_names_the_app_and_the_rows_stay_text(self):
        quotes = self.mapping("quotes")
        self.assertEqual((quotes.kind, quotes.model_name), ("quote", "res.partner"))
        self.assertIn("install Sales to migrate the quotes", quotes.reason)
        invoices = self.mapping("invoices")
        self.assertEqual(invoices.kind, "invoice")
        if "account" not in self.env.registry._init_modules:
            self.assertIn("install Invoicing to migrate the invoices", invoices.reason)
        services = self.project.inventory_ids.filtered(lambda i: i.artifact == "Service catalogue")
        self.assertEqual(len(services), 8)
        self.assertEqual(self.full.state, "done")
        customer = self.by_source("res.partner", "customer:3141")
        self.assertIn("Q-1500", customer.x_quotes)
        booking = self.by_source("crm.lead", "booking:10408")
        self.assertIn("INV-2041", booking.x_invoices)

    def by_source(self, model, key):
        record = (
            self.env[model].with_context(active_test=False).search([("x_source_id", "=", key)])
        )
        self.assertEqual(len(record), 1, key)
        return record
