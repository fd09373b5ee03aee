"""The service catalogue: products, found by name or created as services."""

from .base import TargetAdapter
from .taxes import service_type


class ProductProductAdapter(TargetAdapter):
    """A catalogue row is a product: a service (no stock) unless the row says
    otherwise, sold. A product Odoo already has under the same name (and no source id
    of its own) is that row's record: it is updated, and a rollback restores it; the
    others are created. A line naming a product the catalogue lacks creates it, as a
    service, when its mapping allows creating missing records."""

    model = "product.product"
    aux_kind = "product"

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self._names = {}

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        if vals.get("type") == "service":
            vals.update(service_type(self.Model))  # 17.0 keeps it in detailed_type too
        if vals.get("name"):
            key = "%s:%s" % (load.plan.key_kind, row.source_id)
            self._names[key] = vals["name"]
        return vals

    def create_defaults(self, vals):
        if "type" in vals or "detailed_type" in vals:
            return {}
        return service_type(self.Model)

    def existing(self, keys):
        found = super().existing(keys)
        wanted = {k: self._names[k] for k in keys if k not in found and k in self._names}
        if wanted:
            by_name = {name.strip().lower(): key for key, name in wanted.items()}
            Product = self.env["product.product"].sudo()
            domain = [("x_source_id", "=", False), ("name", "in", list(wanted.values()))]
            for product in Product.search(domain, order="id"):
                key = by_name.get((product.name or "").strip().lower())
                if key and key not in found:
                    found[key] = product.with_env(self.env)
        return found
