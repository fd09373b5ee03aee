from odoo import api, fields, models


class MigrationSourceFile(models.Model):
    """One table read from an upload (a CSV file, an XLSX sheet, the records under a
    JSON key or an XML tag), the source object its rows are staged in, and what
    became of its rows: every row read is staged or refused (with an issue saying
    why).

    Several files of one shape (the pages of one API list) are one source object;
    a file uploaded again replaces its own rows in it.
    """

    _name = "migration.source.file"
    _description = "Source file"
    _order = "project_id, id"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    object_id = fields.Many2one(
        "migration.source.object",
        "Source object",
        required=True,
        ondelete="cascade",
        index=True,
    )
    name = fields.Char("File", required=True, help="The file (and sheet or key) read.")
    attachment_id = fields.Many2one("ir.attachment", ondelete="set null")
    object_name = fields.Char(related="object_id.object_name", string="Object")
    model_name = fields.Char(related="object_id.model_name", string="Target model")
    file_type = fields.Char()
    encoding = fields.Char()
    delimiter = fields.Char()
    sheet = fields.Char()
    headers = fields.Json(help="Column names in file order.")
    rows_read = fields.Integer(
        "Rows read", readonly=True, help="Rows the reader met in the file (header aside)."
    )
    rows_staged = fields.Integer("Staged", readonly=True, help="Rows staged for the runs.")
    rows_refused = fields.Integer(
        "Refused",
        readonly=True,
        help="Rows read but not staged (a row of empty cells...), each reason an issue of "
        "the file. Rows read = staged + refused.",
    )
    blocked = fields.Boolean(
        compute="_compute_blocked",
        help="A blocking problem with the file itself (empty, no header...): it cannot load.",
    )

    @api.depends("object_id.blocked", "object_id.file_ids")
    def _compute_blocked(self):
        for file in self:
            obj = file.object_id
            file.blocked = obj.blocked and (
                len(obj.file_ids) == 1
                or any(
                    i.blocking
                    and i.state == "open"
                    and not i.staging_record_id
                    and not i.run_id
                    and i.file_name == file.name
                    for i in obj.issue_ids
                )
            )
