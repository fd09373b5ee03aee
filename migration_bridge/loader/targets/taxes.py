"""Sale taxes found by their rate, and the amounts a sale or invoice row gives.

An export gives a document's tax as an amount beside its untaxed total (TCF's
'Subtotal' and 'Tax', OctopusPro's 'subtotal' and 'gst'): their ratio is the rate,
matched to an existing sale tax of the company. None is created: a rate no tax has is
reported on the document's row, and its lines load without tax.
"""

from ...services import targets, values
from ...services.errors import RowError

# Percentage points: $36.82 of tax on $491.00 is 7.4990%, a 7.5% tax.
RATE_TOLERANCE = 0.05


def amount(text):
    """A number from '$1,200.00', '272.73'; None when blank or not a number."""
    if text in (None, ""):
        return None
    try:
        return values.parse_money(str(text))[0]
    except ValueError:
        return None


def detail(row, name):
    """The amount a row gives for the composed target ``name`` ('_untaxed')."""
    label = targets.get(name).label
    return next((amount(text) for key, text in row.details if key == label), None)


def rate(untaxed, tax):
    """The tax's rate in percent, None when the row gives no tax (or no base)."""
    if not untaxed or tax is None:
        return None
    return round(tax / untaxed * 100.0, 4)


class SaleTaxes:
    """Sale taxes by rate and company, searched once per run."""

    def __init__(self, env):
        self.env = env
        self._found = {}
        self._rates = {}

    def field(self, Model):
        """The lines' many2many of taxes (``tax_ids``; ``tax_id`` on older sale lines)."""
        return "tax_ids" if "tax_ids" in Model._fields else "tax_id"

    def find(self, percent, company):
        """The sale tax of ``company`` whose rate is ``percent``, an empty recordset
        when none is."""
        Tax = self.env["account.tax"]
        if not percent:
            return Tax
        key = (round(percent, 2), company.id)
        if key not in self._found:
            taxes = Tax.sudo().search(
                [
                    ("type_tax_use", "=", "sale"),
                    ("amount_type", "=", "percent"),
                    ("company_id", "=", company.id),
                ]
            )
            close = taxes.filtered(lambda t: abs(t.amount - percent) <= RATE_TOLERANCE)
            best = close.sorted(lambda t: (abs(t.amount - percent), t.sequence, t.id))[:1]
            self._found[key] = best.id
        return Tax.browse(self._found[key])

    def of_row(self, row, company):
        """(rate, tax) a document's row gives."""
        untaxed = detail(row, "_untaxed")
        percent = rate(
            detail(row, "_one_line") if untaxed is None else untaxed, detail(row, "_tax_amount")
        )
        return percent, self.find(percent, company)

    def of_record(self, record):
        """The sale tax of the document ``record`` (an order, an invoice), from the
        row it was written from: its lines take it."""
        if record.id not in self._rates:
            staging = (
                self.env["migration.staging.record"]
                .sudo()
                .search(
                    [("res_model", "=", record._name), ("res_id", "=", record.id)],
                    order="id desc",
                    limit=1,
                )
            )
            percent = None
            if staging:
                lines = staging.object_id.mapping_id.line_ids.filtered("confirmed")
                columns = {line.target_name: line.source_name for line in lines}
                payload = staging.payload or {}
                untaxed = columns.get("_untaxed") or columns.get("_one_line")
                percent = rate(
                    amount(payload.get(untaxed)),
                    amount(payload.get(columns.get("_tax_amount"))),
                )
            self._rates[record.id] = percent
        company = record.company_id or self.env.company
        return self.find(self._rates[record.id], company)

    def unmatched(self, load, staging, percent, company, what):
        """Report a rate no sale tax has: the document's lines load without tax."""
        load.ctx.issue(
            "%s: a tax of %s%% matches no sale tax of %s; the %s's lines were loaded "
            "without tax. Create that tax (Invoicing > Configuration > Taxes) and run a "
            "delta." % (load.where(staging), round(percent, 2), company.name, what),
            "unmatched_tax",
            obj=load.obj,
            staging=staging,
            severity="warning",
        )


def service_type(Product):
    """The values that make a product a service: ``type``, and on a model that keeps
    the choice in ``detailed_type`` (17.0) that field too."""
    vals = {"type": "service"}
    if "detailed_type" in Product._fields:
        vals["detailed_type"] = "service"
    return vals


def product_named(ctx, name):
    """The product called ``name`` (a line's item), created as a service, linked to
    the run, when Odoo has none."""
    Product = ctx.env["product.product"]
    found = Product.sudo().search([("name", "=ilike", name)], order="id", limit=1)
    if found:
        return found.with_env(ctx.env)
    key = "product:name=%s" % name.strip().lower()
    vals = dict(service_type(Product), name=name)
    if "x_source_id" in Product._fields:
        vals["x_source_id"] = key
    product = ctx.create_named("product.product", vals)
    if product:
        ctx.link_created(product, "product", "name=%s" % name)
    return product


def taxes_of(ctx):
    """The run's SaleTaxes (one per run, shared by its adapters)."""
    if not hasattr(ctx, "_sale_taxes"):
        ctx._sale_taxes = SaleTaxes(ctx.env)
    return ctx._sale_taxes


def require_customer(load, staging, vals, document):
    """A sale or invoice row loads only with its customer (``document``: 'estimate',
    'invoice'); without one, a RowError naming its file, row and column."""
    if vals.get("partner_id"):
        return
    column = load.plan.column_of("partner_id")
    raise RowError(
        "%s: the %s's customer is not in the export nor in Odoo; it was not loaded. Add "
        "the customer (or load it first) and run a delta."
        % (load.where(staging, column), document),
        column=column,
        code="orphan_reference",
    )
