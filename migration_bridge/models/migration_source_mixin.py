from odoo import fields, models


class MigrationSourceMixin(models.AbstractModel):
    """The source id every record written by a migration carries.

    It is ``<kind>:<id in the source CRM>`` (``company:C1001``), so a company and
    a contact that share an id in the source stay apart in ``res.partner``; a
    delta run finds the record again by it and updates instead of duplicating.
    """

    _name = "migration.source.mixin"
    _description = "Migrated record (source id)"

    x_source_id = fields.Char(
        string="Source ID",
        index=True,
        copy=False,
        help="Id of this record in the CRM it was migrated from, prefixed by its kind "
        "(company:C1001). Set by migration_bridge; delta runs match on it.",
    )


class MigrationCustomFieldsMixin(models.AbstractModel):
    """A record whose form has a Migrated fields tab: it shows only the custom fields
    the mappings that wrote this record fill."""

    _name = "migration.custom.fields.mixin"
    _description = "Migrated record with custom fields"

    migration_custom_fields = fields.Char(
        compute="_compute_migration_custom_fields",
        help="The migrated custom fields that apply to this record (',x_a,x_b,'): those the "
        "mappings that wrote it fill. Its Migrated fields tab shows only them.",
    )

    def _compute_migration_custom_fields(self):
        self.env["migration.mapping"].sudo()._set_migration_custom_fields(self)
