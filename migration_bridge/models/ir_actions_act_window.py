from odoo import api, models

from ..series import views

if views.RENAME_LIST:

    class IrActionsActWindow(models.Model):
        """17.0: the addon's actions say ``list``, which this series calls ``tree``."""

        _inherit = "ir.actions.act_window"

        @api.model_create_multi
        def create(self, vals_list):
            return super().create([views.action_vals(vals) for vals in vals_list])

        def write(self, vals):
            return super().write(views.action_vals(vals))

    class IrActionsActWindowView(models.Model):
        _inherit = "ir.actions.act_window.view"

        @api.model_create_multi
        def create(self, vals_list):
            return super().create([views.action_vals(vals) for vals in vals_list])
