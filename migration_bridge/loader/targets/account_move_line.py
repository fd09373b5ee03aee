"""An invoice's line items."""

from ...services.errors import RowError
from .base import TargetAdapter
from .taxes import taxes_of


class AccountMoveLineAdapter(TargetAdapter):
    """A line item of an invoice still in draft (the run posts it once its lines are
    loaded): product (found by name, or created as a service when the mapping allows
    it), quantity, unit price, description, the invoice's sale tax. A line of an
    invoice that did not load, or was posted before this run, fails, naming it."""

    model = "account.move.line"

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        if not vals.get("move_id"):
            column = load.plan.column_of("move_id")
            raise RowError(
                "%s: the line's invoice is not in the export nor in Odoo; it was not loaded."
                % load.where(staging, column),
                column=column,
                code="orphan_reference",
            )
        move = self.env["account.move"].browse(vals["move_id"])
        if move.state == "posted":
            raise RowError(
                "%s: invoice %s is posted already; its lines are Odoo's now (a credit "
                "note changes them)" % (load.where(staging), move.name),
                code="invoice_posted",
            )
        vals.setdefault("display_type", "product")
        vals["tax_ids"] = [(6, 0, taxes_of(self.ctx).of_record(move).ids)]
        return vals

    def update_values(self, record, vals):
        if record.move_id.state != "draft":
            return {}  # a posted invoice's lines are not written again
        return vals

    @classmethod
    def unlink_records(cls, records):
        """A line of a posted or cancelled invoice goes with its invoice (reset to
        draft and deleted, or reversed); those of a draft one are deleted."""
        records.filtered(lambda line: line.move_id.state == "draft").unlink()
