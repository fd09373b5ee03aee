from odoo import models


class CrmLostReason(models.Model):
    _name = "crm.lost.reason"
    _inherit = ["crm.lost.reason", "migration.source.mixin"]
