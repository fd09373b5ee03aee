from odoo import api, models

from ..series import security


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model
    def _migration_bridge_place_groups(self, category_xmlid, group_xmlids, users_by_group):
        """Called by security/migration_security.xml: see ``series.security``."""
        security.place_groups(self.env, category_xmlid, group_xmlids, users_by_group)
