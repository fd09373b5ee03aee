from odoo import fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "migration.source.mixin"]

    migration_custom_fields = fields.Char(
        compute="_compute_migration_custom_fields",
        help="The migrated custom fields that apply to this partner (',x_a,x_b,'): those the "
        "mappings that wrote it fill. Its Migrated fields tab shows only them.",
    )

    def _compute_migration_custom_fields(self):
        self.env["migration.mapping"].sudo()._set_migration_custom_fields(self)
