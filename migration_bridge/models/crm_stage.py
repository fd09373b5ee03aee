from odoo import models


class CrmStage(models.Model):
    _name = "crm.stage"
    _inherit = ["crm.stage", "migration.source.mixin"]
