from odoo import models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "migration.source.mixin", "migration.custom.fields.mixin"]
