from odoo import Command, api, fields, models

from ..series import orm

ISSUE_STATES = [
    ("open", "Open"),
    ("waived", "Waived"),
    ("fixed", "Fixed"),
    ("closed", "Closed (its run was rolled back)"),
]
SEVERITIES = [("info", "Info"), ("warning", "Warning"), ("error", "Error")]
# A run's issue still stands for a later run that reports the same cause.
STANDING_STATES = ("open", "waived")


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
    run_id = fields.Many2one(
        "migration.run",
        ondelete="cascade",
        index=True,
        help="The last run that reported it (a run reports a cause an earlier run "
        "reported once: this issue, not a new one).",
    )
    run_ids = fields.Many2many(
        "migration.run",
        "migration_issue_run_rel",
        "issue_id",
        "run_id",
        string="Reported by runs",
        readonly=True,
    )
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
    # The audit's issues: one cause each, about the staged rows (not a run's records)
    audit = fields.Boolean(
        readonly=True, index=True, help="Found by the audit of the staged rows, before the load."
    )
    cause = fields.Char(readonly=True, help="What tells this cause from another of its code.")
    row_count = fields.Integer("Rows", readonly=True)
    row_list = fields.Text("Rows concerned", readonly=True)
    row_refs = fields.Json(
        readonly=True, help="[file, row number, source id] of each row concerned."
    )

    @api.depends("file_name", "row_number", "column", "row_count")
    def _compute_location(self):
        for issue in self:
            parts = [issue.file_name or ""]
            if issue.row_count > 1:
                parts.append("%s rows" % issue.row_count)
            elif issue.row_number:
                parts.append("row %s" % issue.row_number)
            if issue.column:
                parts.append("column %r" % issue.column)
            issue.location = ", ".join(p for p in parts if p)

    @api.depends("code", "location")
    def _compute_display_name(self):
        for issue in self:
            issue.display_name = (
                "%s: %s" % (issue.code, issue.location) if issue.location else issue.code
            )

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

    @staticmethod
    def _cause(vals):
        """What makes two reports the same: the file, the row (by its source id when it
        has one: staged rows are replaced by a new export), the code and the message."""
        return (
            vals["project_id"],
            vals.get("object_id") or False,
            vals.get("source_id") or vals.get("row_number") or False,
            vals["code"],
            vals["message"],
        )

    def _own_cause(self):
        self.ensure_one()
        return (
            self.project_id.id,
            self.object_id.id or False,
            self.source_id or self.row_number or False,
            self.code,
            self.message,
        )

    @api.model
    def _report(self, vals_list, run):
        """The issues a run raised, each cause once.

        A cause an earlier run reported, still open (or waived), is not reported again
        as new: that issue becomes this run's too (its run, and the row of the latest
        export). Returns the issues the run reported, new or not."""
        causes = {}
        for vals in vals_list:
            causes.setdefault(self._cause(vals), vals)
        standing = {}
        for issue in self.search(
            [
                ("project_id", "in", list({key[0] for key in causes})),
                ("run_id", "!=", False),
                ("state", "in", STANDING_STATES),
                ("code", "in", list({key[3] for key in causes})),
                ("message", "in", list({key[4] for key in causes})),
            ],
            order="id",
        ):
            standing.setdefault(issue._own_cause(), issue)
        seen = self.browse()
        rows = {}
        new = []
        for key, vals in causes.items():
            issue = standing.get(key)
            if issue is None:
                new.append(dict(vals, run_ids=[Command.link(run.id)]))
                continue
            seen |= issue
            if vals.get("staging_record_id"):
                rows[issue.id] = vals["staging_record_id"]
        if seen:
            seen.write({"run_id": run.id, "run_ids": [Command.link(run.id)]})
            self._move_to_rows(rows)
        return seen | self.create(new)

    @api.model
    def _move_to_rows(self, rows):
        """Point issues to the staged rows of the latest export (issue id -> row id),
        in one query: a delta may see again the causes of a million rows."""
        if not rows:
            return
        orm.check_access(self.browse(), "write")
        self.flush_model(["staging_record_id"])
        self.env.cr.execute(
            "UPDATE migration_issue AS i SET staging_record_id = v.row FROM (VALUES %s) "
            "AS v(id, row) WHERE i.id = v.id" % ", ".join(["(%s, %s)"] * len(rows)),
            [item for pair in rows.items() for item in pair],
        )
        self.browse(list(rows)).invalidate_recordset(["staging_record_id"])
        self.env["migration.staging.record"].invalidate_model(["issue_ids"])

    @api.model
    def _release_run(self, run):
        """A run is rolled back: what it reported is about records that are gone, so
        its open issues are closed; an issue another run still in the CRM reported
        too is that run's again."""
        issues = self.search(["|", ("run_id", "=", run.id), ("run_ids", "in", run.id)])
        for issue in issues.filtered("audit"):
            # about the staged rows, which stay: only no longer this run's
            others = ((issue.run_ids | issue.run_id) - run).filtered(
                lambda r: r.state != "rolled_back"
            )
            issue.run_id = others.sorted("id")[-1:]
        for issue in issues - issues.filtered("audit"):
            others = (issue.run_ids | issue.run_id) - run
            live = others.filtered(lambda r: r.state != "rolled_back")
            if live:
                if issue.run_id == run:
                    issue.run_id = live.sorted("id")[-1]
            elif issue.state == "open":
                issue.state = "closed"

    def action_waive(self):
        self.write({"state": "waived"})
        return True

    def action_exclude_rows(self):
        """The rows an audit issue concerns are left out of the migration; the audit
        runs again without them."""
        Staging = self.env["migration.staging.record"]
        for issue in self.filtered(lambda i: i.audit and i.row_refs and i.object_id):
            numbers = {(ref[0], ref[1]) for ref in issue.row_refs}
            name = issue.object_id.name
            rows = Staging.search(
                [
                    ("object_id", "=", issue.object_id.id),
                    ("row_number", "in", sorted({number for _file, number in numbers})),
                ]
            ).filtered(
                lambda r, numbers=numbers, name=name: (
                    (r.file_id.name or name, r.row_number) in numbers
                )
            )
            rows.action_exclude()
        Staging.flush_model()
        self.mapped("project_id")._audit()
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True
