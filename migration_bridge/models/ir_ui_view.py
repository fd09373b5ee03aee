from odoo import api, models

from ..series import views

if views.RENAME_LIST:

    class IrUiView(models.Model):
        """17.0: the addon's views say ``<list>``, which this series calls ``<tree>``."""

        _inherit = "ir.ui.view"

        @api.model_create_multi
        def create(self, vals_list):
            return super().create([views.view_vals(vals) for vals in vals_list])

        def write(self, vals):
            return super().write(views.view_vals(vals))
