from odoo import api, fields, models

FIELD_TYPES = [
    ("text", "Text"),
    ("integer", "Integer"),
    ("float", "Decimal"),
    ("money", "Money"),
    ("date", "Date"),
    ("datetime", "Date and time"),
    ("boolean", "Yes/No"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("url", "URL"),
    ("selection", "Selection"),
]


class MigrationSourceField(models.Model):
    """What discovery found about one column of a source object."""

    _name = "migration.source.field"
    _description = "Source field"
    _order = "object_id, sequence, id"

    object_id = fields.Many2one(
        "migration.source.object", required=True, ondelete="cascade", index=True
    )
    project_id = fields.Many2one(related="object_id.project_id", store=True)
    sequence = fields.Integer()
    name = fields.Char("Column", required=True)
    inferred_type = fields.Selection(FIELD_TYPES, string="Type")
    fill_rate = fields.Float("Fill rate (%)", digits=(5, 1))
    filled = fields.Integer()
    distinct_count = fields.Integer("Distinct values")
    distinct_capped = fields.Boolean(help="More distinct values than discovery keeps count of.")
    samples = fields.Json("Sample values")
    selection_values = fields.Json()
    samples_display = fields.Text("Samples", compute="_compute_samples_display")

    @api.depends("samples")
    def _compute_samples_display(self):
        for field in self:
            field.samples_display = " | ".join(str(s) for s in (field.samples or []))
