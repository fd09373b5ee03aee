from odoo import api, fields, models

ISSUE_STATES = [
    ("open", "Open"),
    ("waived", "Waived"),
    ("fixed", "Fixed"),
    ("closed", "Closed (its run was rolled back)"),
]
SEVERITIES = [("info", "Info"), ("warning", "Warning"), ("error", "Error")]


class MigrationIssue(models.Model):
    """A problem with the source data, named where it is: file, row, column."""

    _name = "migration.issue"
    _description = "Migration issue"
    _order = "id desc"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    object_id = fields.Many2one("migration.source.object", ondelete="cascade", index=True)
    staging_record_id = fields.Many2one(
        "migration.staging.record", ondelete="set null", index=True
    )
    run_id = fields.Many2one("migration.run", ondelete="cascade", index=True)
    code = fields.Char(required=True, index=True)
    severity = fields.Selection(SEVERITIES, default="error", required=True)
    blocking = fields.Boolean(help="Stops the file (or the row) from loading until resolved.")
    message = fields.Text(required=True)
    file_name = fields.Char("File")
    row_number = fields.Integer("Row")
    column = fields.Char()
    source_id = fields.Char("Source ID")
    state = fields.Selection(ISSUE_STATES, default="open", required=True)
    location = fields.Char(compute="_compute_location")

    @api.depends("file_name", "row_number", "column")
    def _compute_location(self):
        for issue in self:
            parts = [issue.file_name or ""]
            if issue.row_number:
                parts.append("row %s" % issue.row_number)
            if issue.column:
                parts.append("column %r" % issue.column)
            issue.location = ", ".join(p for p in parts if p)

    @api.model
    def _vals_from_problem(self, problem, project=None, obj=None, staging=None, run=None):
        """Issue values from a reader or loader ``Problem``."""
        project = project or (obj and obj.project_id) or (run and run.project_id)
        return {
            "project_id": project.id,
            "object_id": obj.id if obj else False,
            "staging_record_id": staging.id if staging else False,
            "run_id": run.id if run else False,
            "code": problem.code,
            "severity": "error" if problem.blocking or staging else "warning",
            "blocking": bool(problem.blocking),
            "message": problem.message,
            "file_name": problem.file or (obj.name if obj else False),
            "row_number": problem.row or (staging.row_number if staging else False),
            "column": problem.column,
            "source_id": staging.source_id if staging else False,
        }

    def action_waive(self):
        self.write({"state": "waived"})
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True
