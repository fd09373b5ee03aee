"""Companies and contacts: a child keeps its own address."""

from ..write import comparable
from .base import TargetAdapter


class ResPartnerAdapter(TargetAdapter):
    """Odoo gives a child partner of type *Contact* its parent's address (commercial
    fields and address sync). A subsidiary or a person whose own address in the
    source differs from its parent's is kept as an *Other Address* child, so that
    nothing of the source is overwritten."""

    model = "res.partner"

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        if vals.get("parent_id") and self._own_address(vals, vals["parent_id"]):
            vals["type"] = "other"
        return vals

    def deferred_values(self, record, vals):
        if vals.get("parent_id"):
            own = {f: record[f] for f in self.Model._address_fields()}
            if self._own_address(own, vals["parent_id"]):
                vals = dict(vals, type="other")
        return vals

    def _own_address(self, values, parent_id):
        parent = self.Model.browse(parent_id)
        fields_ = self.Model._address_fields()
        own = {
            f: comparable(self.Model._fields[f], values.get(f)) for f in fields_ if values.get(f)
        }
        return any(own[f] != comparable(self.Model._fields[f], parent[f]) for f in own)

    def verifiable(self, vals):
        """Odoo writes a website with its scheme ('www.x.com' is 'http://www.x.com')."""
        if vals.get("website"):
            vals = dict(vals, website=self.Model._clean_website(vals["website"]))
        return vals
