"""Estimates and quotes: sale orders in the state their source status says."""

from ...services import targets
from ...services.errors import RowError
from .base import TargetAdapter
from .taxes import detail, product_named, require_customer, taxes_of

# The states a source status may become (the profile's value map says which is which).
STATES = ("draft", "sent", "sale", "cancel")


class SaleOrderAdapter(TargetAdapter):
    """An estimate is a ``sale.order``: a quotation (``draft`` or ``sent``), a
    confirmed order (``sale``, an accepted estimate) or a cancelled one (rejected),
    as the profile's value map reads its status. The state is written as the source
    says, without confirming anew (no confirmation mail, no delivery). Its tax, given
    as an amount beside its untaxed total, is matched by rate to an existing sale tax
    that its lines take (``taxes.py``); a rate no tax has is reported on its row.
    Rollback cancels a sent or confirmed order, then deletes it."""

    model = "sale.order"

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        require_customer(load, staging, vals, "estimate")
        for name in ("amount_total", "amount_untaxed", "amount_tax"):
            vals.pop(name, None)  # Odoo's, from the lines
        if vals.get("state") not in (None, False, *STATES):
            vals.pop("state")
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        taxes = taxes_of(self.ctx)
        percent, tax = taxes.of_row(row, company)
        if percent and not tax:
            taxes.unmatched(load, staging, percent, company, "estimate")
        one = detail(row, "_one_line")
        if one is not None:
            vals["order_line"] = [(0, 0, self._one_line(load, staging, row, vals, one, tax))]
        return vals

    def _one_line(self, load, staging, row, vals, price, tax):
        """The line of an estimate exported without line items: its product (the
        row's service, found by name or created as a service), its total."""
        label = dict(row.details).get(targets.get("_line_product").label) or ""
        name = label.strip() or vals.get("origin") or "Estimate"
        product = product_named(self.ctx, name)
        if not product:
            raise RowError(
                "%s: product %r is not in Odoo and %s"
                % (load.where(staging), name, self.ctx.refusal("product.product")),
                code="access_refused",
            )
        line = {"product_id": product.id, "product_uom_qty": 1.0, "price_unit": price}
        line[taxes_of(self.ctx).field(self.env["sale.order.line"])] = [(6, 0, tax.ids)]
        return line

    def update_values(self, record, vals):
        """An order found again: its lines are its own (loaded once)."""
        return {k: v for k, v in vals.items() if k != "order_line"}

    @classmethod
    def unlink_records(cls, records):
        """Odoo deletes only draft and cancelled orders: the others are cancelled
        first (as a person would), then deleted."""
        active = records.filtered(lambda o: o.state not in ("draft", "cancel"))
        if active:
            active._action_cancel()
        records.unlink()


class SaleOrderLineAdapter(TargetAdapter):
    """An estimate's line item: product (found by name, or created as a service when
    the mapping allows it), quantity, unit price, description; the order's sale tax.
    A line whose estimate did not load fails, naming it."""

    model = "sale.order.line"

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        if not vals.get("order_id"):
            column = load.plan.column_of("order_id")
            raise RowError(
                "%s: the line's estimate is not in the export nor in Odoo; it was not "
                "loaded." % load.where(staging, column),
                column=column,
                code="orphan_reference",
            )
        if not vals.get("product_id") and not vals.get("name"):
            raise RowError(
                "%s: the line names no product and has no description" % load.where(staging),
                code="blank_line",
            )
        order = self.env["sale.order"].browse(vals["order_id"])
        taxes = taxes_of(self.ctx)
        tax = taxes.of_record(order)
        vals[taxes.field(self.Model)] = [(6, 0, tax.ids)]
        return vals

    @classmethod
    def unlink_records(cls, records):
        """A line of a sent or confirmed order goes with its order (cancelled, then
        deleted); those of a draft one are deleted."""
        records.filtered(lambda line: line.order_id.state in ("draft", "cancel")).unlink()
