"""Tags of deals and of partners: found by name, created when new (and linked)."""

from .base import TargetAdapter


class CrmTagAdapter(TargetAdapter):
    model = "crm.tag"
    aux_kind = "tag"


class PartnerCategoryAdapter(TargetAdapter):
    model = "res.partner.category"
    aux_kind = "partner_tag"
