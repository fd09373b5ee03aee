from odoo import api, fields, models

# Headers that name an artifact (a workflow's name, a report's title).
NAME_HEADERS = ("name", "title", "rule name", "workflow name", "report name", "subject", "label")
DETAIL_MAX = 4000


class MigrationInventoryItem(models.Model):
    """An artifact of the source that does not migrate (a workflow, a report definition),
    with what the export says of it and what replaces it in Odoo."""

    _name = "migration.inventory.item"
    _description = "Artifact that does not migrate"
    _order = "project_id, artifact, row_number, id"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    object_id = fields.Many2one("migration.source.object", ondelete="cascade", index=True)
    file_name = fields.Char("File")
    row_number = fields.Integer("Row")
    artifact = fields.Char("Kind", help="What the platform calls it: workflow rule, report...")
    name = fields.Char()
    details = fields.Text(help="What the export says of it: trigger, steps, conditions...")
    equivalent = fields.Char("In Odoo", help="What to rebuild it with in Odoo.")
    note = fields.Char()

    @api.model
    def _refresh(self, obj, entry):
        """The items of a file the profile does not migrate, one per row."""
        self.search([("object_id", "=", obj.id)]).unlink()
        headers = obj.headers or []
        lowered = {h.strip().lower(): h for h in headers}
        name_header = next((lowered[h] for h in NAME_HEADERS if h in lowered), None)
        name_header = name_header or (headers[0] if headers else None)
        vals_list = []
        for row in obj.staging_ids.sorted(lambda r: (r.file_id.id, r.row_number)):
            payload = row.payload or {}
            lines = [
                "%s: %s" % (header, payload[header])
                for header in headers
                if header != name_header and str(payload.get(header) or "").strip()
            ]
            vals_list.append(
                {
                    "project_id": obj.project_id.id,
                    "object_id": obj.id,
                    "file_name": row.file_id.name or obj.name,
                    "row_number": row.row_number,
                    "artifact": entry.object,
                    "name": str(payload.get(name_header) or "") if name_header else "",
                    "details": "\n".join(lines)[:DETAIL_MAX],
                    "equivalent": entry.equivalent,
                    "note": entry.note or False,
                }
            )
        return self.create(vals_list)

    def _export_table(self):
        headers = ["Kind", "Name", "What the export says", "In Odoo", "Note", "File", "Row"]
        rows = [
            [i.artifact, i.name, i.details, i.equivalent, i.note, i.file_name, i.row_number]
            for i in self
        ]
        return headers, rows
