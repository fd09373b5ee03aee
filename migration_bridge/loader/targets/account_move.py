"""Customer invoices: posted when the source says issued or paid, void ones cancelled."""

import logging

from odoo import Command, _, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .base import TargetAdapter
from .taxes import detail, require_customer, taxes_of

_logger = logging.getLogger(__name__)

# The states a source status may become (the profile's value map says which is which).
POSTED, DRAFT, CANCELLED = "posted", "draft", "cancel"
# Odoo's marker of a draft entry to post on its date: what the run posts once the
# invoices' lines are loaded (``post_pending``).
TO_POST = "at_date"
# Totals Odoo computes from the lines.
COMPUTED = ("amount_total", "amount_untaxed", "amount_tax", "amount_residual")


class AccountMoveAdapter(TargetAdapter):
    """An invoice is an ``account.move`` of the profile's ``move_type`` (a customer
    invoice): its customer, invoice and due dates, the source's number as its
    reference (``ref``: the mapped column, else its source id; the journal numbers it
    as Odoo numbers invoices). An issued
    or paid invoice is posted once its lines are loaded (the run's last step, or the
    first payment's): it is created as a draft marked to post on its date (Odoo's
    ``auto_post``), so a run stopped halfway leaves drafts Odoo will post itself. A
    void invoice is cancelled. An export without line items gives each invoice one
    line of its untaxed amount (``_one_line``) with the sale tax its rate matches.

    Rollback (``unlink_records``): a posted invoice is reset to draft and deleted;
    where a lock date forbids resetting it, it is reversed by a credit note dated
    today and kept, the credit note noted in its chatter."""

    model = "account.move"

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        require_customer(load, staging, vals, "invoice")
        for name in COMPUTED:  # Odoo's, from the lines: the source's totals are checked
            vals.pop(name, None)
        # the source's number: the invoice's reference, when no column gives one
        vals.setdefault("ref", row.source_id)
        state = vals.pop("state", None) or DRAFT
        if state == POSTED:
            vals["auto_post"] = TO_POST
        elif state == CANCELLED:
            vals["state"] = CANCELLED
        if vals.get("invoice_date") and not vals.get("date"):
            vals["date"] = vals["invoice_date"]
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        taxes = taxes_of(self.ctx)
        percent, tax = taxes.of_row(row, company)
        if percent and not tax:
            taxes.unmatched(load, staging, percent, company, "invoice")
        one = detail(row, "_one_line")
        if one is not None:
            vals["invoice_line_ids"] = [
                Command.create(
                    {
                        "name": vals.get("ref") or vals.get("payment_reference") or "Invoice",
                        "quantity": 1.0,
                        "price_unit": one,
                        "tax_ids": [Command.set(tax.ids)],
                    }
                )
            ]
        return vals

    def update_values(self, record, vals):
        """An invoice found again: its lines are its own (loaded once); a posted one
        changes only through Odoo's own steps (credit notes), so its state and
        lines are not written again."""
        vals = {k: v for k, v in vals.items() if k not in ("invoice_line_ids", "auto_post")}
        if record.state != DRAFT:
            vals.pop("state", None)
        return vals

    def post_pending(self):
        """Post this run's invoices marked to post (their lines are loaded by now);
        one Odoo refuses stays a draft, with its reason as an issue."""
        Link = self.env["migration.record.link"]
        ids = (
            Link.sudo()
            .search([("run_id", "=", self.ctx.run.id), ("model", "=", self.model)])
            .mapped("res_id")
        )
        moves = self.env[self.model].browse(ids).exists()
        pending = moves.filtered(lambda m: m.state == DRAFT and m.auto_post == TO_POST)
        posted = 0
        for move in pending:
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    move.action_post()
                posted += 1
            except (UserError, ValidationError) as error:
                self.ctx.issue(
                    "Invoice %s (%s) could not be posted: %s; it was left a draft"
                    % (move.ref or move.display_name, move.x_source_id, error.args[0]),
                    "post_failed",
                    severity="warning",
                )
        if posted:
            self.ctx.log("%s invoices posted" % posted)

    def finish_run(self):
        self.post_pending()

    @classmethod
    def unlink_records(cls, records):
        """Delete the invoices a rollback undoes: a posted or cancelled one is reset to
        draft first; one a lock date keeps from being reset is reversed instead."""
        deletable = records.browse()
        for move in records:
            if move.state in (POSTED, CANCELLED):
                try:
                    with mute_logger("odoo.sql_db"), move.env.cr.savepoint():
                        move.button_draft()
                except UserError as error:
                    cls._reverse(move, error)
                    continue
            deletable |= move
        deletable.with_context(force_delete=True).unlink()

    @staticmethod
    def _reverse(move, error):
        if not move or move.state != POSTED:
            return
        if move.search_count([("reversed_entry_id", "=", move.id)]):
            return  # reversed by an earlier rollback
        today = fields.Date.context_today(move)
        credit = move._reverse_moves(
            [
                {
                    "date": today,
                    "invoice_date": today if move.is_invoice() else False,
                    "ref": "Rollback of %s" % (move.ref or move.name),
                }
            ],
            cancel=True,
        )
        move.message_post(
            body=_(
                "Migration rollback: this entry cannot be reset to draft (%(why)s); it was "
                "reversed by %(credit)s instead.",
                why=error.args[0],
                credit=credit.name,
            )
        )
        _logger.info("rollback: %s reversed by %s (%s)", move.name, credit.name, error.args[0])
