"""Payments: posted on their date and reconciled with the invoice they pay."""

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from ...services.errors import RowError
from .account_move import AccountMoveAdapter
from .base import TargetAdapter

INBOUND, OUTBOUND = "inbound", "outbound"


class AccountPaymentAdapter(TargetAdapter):
    """A payment received from a customer on its date, of its amount, through the
    company's first bank journal (or the journal the row names). Naming its invoice
    (``_invoice``: the invoice's source key, its number), it is created through
    Odoo's *Register payment* on that invoice, which posts it and reconciles them; a
    negative amount (a refund) is money sent back, posted and not reconciled. The
    invoices of the run are posted first. Rollback: the payment is reset to draft
    (its reconciliation undone) and deleted; where a lock date forbids it, its journal
    entry is reversed."""

    model = "account.payment"

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        invoice_id = vals.pop("_invoice", None)
        invoice = self.env["account.move"].browse(invoice_id) if invoice_id else None
        if invoice is not None and not vals.get("partner_id"):
            vals["partner_id"] = invoice.commercial_partner_id.id
        if not vals.get("partner_id"):
            column = load.plan.column_of("_invoice") or load.plan.column_of("partner_id")
            raise RowError(
                "%s: the payment names no invoice or customer that is in the export or in "
                "Odoo; it was not loaded." % load.where(staging, column),
                column=column,
                code="orphan_reference",
            )
        amount = vals.get("amount") or 0.0
        vals["amount"] = abs(amount)
        vals["payment_type"] = OUTBOUND if amount < 0 else INBOUND
        vals.setdefault("partner_type", "customer")
        vals.setdefault("date", fields.Date.context_today(self.Model))
        if invoice is not None and amount > 0:
            vals["_invoice"] = invoice.id
        return vals

    def create_records(self, model, vals_list):
        self.ctx.adapter("account.move").post_pending()
        Payment = self.env[model]
        records = Payment.browse()
        for vals in vals_list:
            vals = dict(vals)
            invoice = self.env["account.move"].browse(vals.pop("_invoice", None) or [])
            if invoice and invoice.state == "posted" and invoice.amount_residual:
                payment = self._register(invoice, vals)
            else:
                payment = Payment.create(vals)
                payment.action_post()
            records |= payment
        return records

    def _register(self, invoice, vals):
        """Odoo's Register payment on ``invoice``: posted and reconciled with it."""
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    key: value
                    for key, value in {
                        "amount": vals["amount"],
                        "payment_date": vals.get("date"),
                        "journal_id": vals.get("journal_id"),
                        "communication": vals.get("memo") or vals.get("ref") or invoice.ref,
                    }.items()
                    if value
                }
            )
        )
        payment = wizard._create_payments()
        wizard.unlink()  # a transient record that would hold the customer
        extra = {
            k: v
            for k, v in vals.items()
            if k
            not in ("amount", "date", "journal_id", "partner_id", "payment_type", "partner_type")
            and k in payment._fields
        }
        if extra:
            payment.write(extra)
        return payment

    def update_values(self, record, vals):
        vals = dict(vals)
        vals.pop("_invoice", None)
        if record.state != "draft":
            # a posted payment's amount and date are its journal entry's: kept
            for name in ("amount", "date", "journal_id", "payment_type", "partner_type"):
                vals.pop(name, None)
        return vals

    @classmethod
    def unlink_records(cls, records):
        """Reset to draft (which undoes its reconciliation) and deleted; a payment a
        lock date keeps from being reset is reversed instead, and kept."""
        deletable = records.browse()
        for payment in records:
            if payment.state != "draft":
                try:
                    with mute_logger("odoo.sql_db"), payment.env.cr.savepoint():
                        payment.action_draft()
                except UserError as error:
                    AccountMoveAdapter._reverse(payment.move_id, error)
                    continue
            deletable |= payment
        deletable.with_context(force_delete=True).unlink()
