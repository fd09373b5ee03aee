from odoo import models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "migration.source.mixin", "migration.custom.fields.mixin"]
