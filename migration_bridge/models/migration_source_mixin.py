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
