from odoo import models


class MailActivity(models.Model):
    _name = "mail.activity"
    _inherit = ["mail.activity", "migration.source.mixin"]
