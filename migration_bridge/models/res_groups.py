from odoo import api, models

from ..series import security


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model
    def _migration_bridge_place_groups(self, category_xmlid, group_xmlids, users_by_group):
        """Called by security/migration_security.xml: see ``series.security``."""
        security.place_groups(self.env, category_xmlid, group_xmlids, users_by_group)

    @api.model
    def _migration_bridge_load_access(self, path):
        """Called by security/migration_access.xml: the access rights of
        ``security/ir.model.access.csv``, as ``ir.model.access`` lines up to 19.0 and
        ``ir.access`` records from 20.0 (see ``series.security``)."""
        security.load_access(self.env, "migration_bridge", path)
