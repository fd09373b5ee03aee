from odoo import models


class IrAttachment(models.Model):
    _name = "ir.attachment"
    _inherit = ["ir.attachment", "migration.source.mixin"]

    def _index(self, bin_data, file_type, checksum=None):
        """An uploaded export is not indexed for full-text search: the index of a
        1,000,000-row CSV would hold every word of it, in memory and in the database."""
        if self.env.context.get("migration_upload"):
            return file_type.split("/")[0] if file_type else False
        return super()._index(bin_data, file_type, checksum=checksum)
