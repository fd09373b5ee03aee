from odoo import models


class CrmTag(models.Model):
    _name = "crm.tag"
    _inherit = ["crm.tag", "migration.source.mixin"]
