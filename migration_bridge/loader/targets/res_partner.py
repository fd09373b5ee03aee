"""Companies and contacts: a child keeps its own address."""

from collections import defaultdict

from ...series import partners as partners_seam
from ..write import comparable
from .base import TargetAdapter

# Odoo's res.partner type whose address follows its parent (Odoo's value, not a kind
# of source record): the partner type ``_fields_sync`` syncs from the parent.
FOLLOWS_PARENT = "contact"


def _group_key(vals):
    return repr(sorted(vals.items()))


def _missing(partner, vals):
    """The values of ``vals`` the partner does not have yet."""
    have = partners_seam.values_of(partner, list(vals))
    return {name: value for name, value in vals.items() if have[name] != value}


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

    def before_deferred(self, records, target_ids):
        """The addresses of the records and of their parents, in two queries."""
        fields_ = self.Model._address_fields()
        self.Model.browse([r.id for r in records]).read(fields_)
        self.Model.browse(sorted(set(target_ids))).read(fields_)

    def deferred_values_at_create(self, vals, refs):
        if refs.get("parent_id") and self._own_address(vals, refs["parent_id"]):
            refs = dict(refs, type="other")
        return refs

    def _own_address(self, values, parent_id):
        parent = self.Model.browse(parent_id)
        fields_ = self.Model._address_fields()
        own = {
            f: comparable(self.Model._fields[f], values.get(f)) for f in fields_ if values.get(f)
        }
        return any(own[f] != comparable(self.Model._fields[f], parent[f]) for f in own)

    def create_records(self, model, vals_list):
        """``create()``, with what it does for each new partner after the insert done
        in batches.

        For each new child, Odoo's ``create()`` writes the commercial fields of its
        company (VAT, industry and the company-dependent accounting properties), its
        parent's address and language, one ``write()`` per partner: most of the cost
        of creating contacts. Here the same values are written once per set of
        values, which the children of most companies share. This is what Odoo's
        own batched path (``_load_records_create``) does, grouped by value rather
        than by parent."""
        Partner = self.env[model]
        records = Partner.with_context(_partners_skip_fields_sync=True).create(vals_list)
        records = records.with_env(Partner.env)
        self.write_sql(zip(records, vals_list, strict=True))
        self._sync_from_parents(records, vals_list)
        return records

    def _sync_from_parents(self, partners, vals_list):
        """Odoo's ``res.partner`` ``create()`` after its insert (``_fields_sync``, the
        parent's language, ``_handle_first_contact_creation``), grouped by value. A
        value the new partner already has (the company's default accounting
        properties) is not written again."""
        Partner = partners.browse()
        pairs = [
            (partner, vals)
            for partner, vals in zip(partners, vals_list, strict=True)
            if vals.get("parent_id") or vals.get("type") == FOLLOWS_PARENT
        ]
        children = Partner.browse([partner.id for partner, _vals in pairs])
        commercial_fields = Partner._commercial_fields()
        # One read per field for all of them, rather than one per partner.
        for name in commercial_fields:
            children.mapped(name)
            children.commercial_partner_id.mapped(name)
        address_fields = Partner._address_fields()
        groups, commercial, address = {}, defaultdict(list), defaultdict(list)
        for partner, vals in pairs:
            if vals.get("parent_id") and partner.commercial_partner_id != partner:
                sync = partners_seam.values_of(partner.commercial_partner_id, commercial_fields)
                sync = _missing(partner, sync)
                if sync:
                    key = _group_key(sync)
                    groups[key] = sync
                    commercial[key].append(partner.id)
            if partner.parent_id and partner.type == FOLLOWS_PARENT:
                onchange = (partner.onchange_parent_id() or {}).get("value", {})
                given = {f: v for f, v in onchange.items() if f in address_fields}
                sync = _missing(partner, given)
                if sync:
                    key = _group_key(sync)
                    groups[key] = sync
                    address[key].append(partner.id)
        for key, ids in commercial.items():
            Partner.sudo().browse(ids).write(groups[key])
        for key, ids in address.items():
            partners_seam.update_address(Partner.browse(ids), groups[key])
        lang = defaultdict(list)
        for partner, vals in zip(partners, vals_list, strict=True):
            if partner.child_ids:
                partner._children_sync(vals)
            if "lang" not in vals and partner.parent_id:
                value = (
                    partner.parent_id.lang or self.env.context.get("default_lang") or self.env.lang
                )
                if partner.lang != value:
                    lang[value].append(partner.id)
        for value, ids in lang.items():
            Partner.browse(ids).write({"lang": value})
        for partner in partners:
            if partner.parent_id:
                partner._handle_first_contact_creation()

    def verifiable(self, vals):
        """Odoo writes a website with its scheme ('www.x.com' is 'http://www.x.com')."""
        if vals.get("website"):
            vals = dict(vals, website=self.Model._clean_website(vals["website"]))
        return vals
