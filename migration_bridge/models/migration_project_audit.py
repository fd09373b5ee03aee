"""The audit step of a project: between confirmation and the load, and again whenever
files are added or the mapping changes (in the background, by a cron woken at once).

The rules are pure (``services/audit``); reading the staged rows and answering their
questions to Odoo is ``loader/audit.py``; this file keeps the findings as issues, one
per cause, and says which objects they halt."""

import logging

from odoo import _, api, fields, models

from ..loader.audit import audit_project
from ..series import orm

_logger = logging.getLogger(__name__)

AUDIT_CRON = "migration_bridge.ir_cron_migration_audit"


class MigrationProject(models.Model):
    _inherit = "migration.project"

    audit_stale = fields.Boolean(
        default=True,
        readonly=True,
        help="Files or the mapping changed since the last audit: it runs again before "
        "the next run (and in the background before that).",
    )
    audited_at = fields.Datetime("Audited", readonly=True)
    audit_issue_ids = fields.One2many(
        "migration.issue", "project_id", domain=[("audit", "=", True)], string="Audit"
    )
    audit_open_count = fields.Integer("Audit issues", compute="_compute_audit_counts")
    audit_blocking_count = fields.Integer("Blocking", compute="_compute_audit_counts")

    @api.depends("audit_issue_ids.state", "audit_issue_ids.blocking")
    def _compute_audit_counts(self):
        for project in self:
            open_issues = project.audit_issue_ids.filtered(lambda i: i.state == "open")
            project.audit_open_count = len(open_issues)
            project.audit_blocking_count = len(open_issues.filtered("blocking"))

    # ------------------------------------------------------------------
    # When it runs
    # ------------------------------------------------------------------
    def action_confirm_mapping(self):
        result = super().action_confirm_mapping()
        self.filtered(lambda p: p.mapping_confirmed)._audit()
        return result

    def _discover_attachments(self, attachments, again=None):
        found = super()._discover_attachments(attachments, again=again)
        self._mark_audit_stale()
        return found

    def _mark_audit_stale(self):
        projects = self.filtered(lambda p: not p.audit_stale)
        if projects:
            projects.sudo().write({"audit_stale": True})
        if self:
            cron = self.env.ref(AUDIT_CRON, raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()

    @api.model
    def _cron_audit(self):
        """Audit the projects whose files or mapping changed, each in its own transaction."""
        stale = self.search(
            [("audit_stale", "=", True), ("state", "not in", ("draft", "discovered"))]
        )
        for project in stale.filtered("mapping_confirmed"):
            try:
                project._audit()
                if not orm.in_test():
                    self.env.cr.commit()  # pylint: disable=invalid-commit
            except Exception:  # noqa: BLE001 - the next run audits it again, in the open
                _logger.exception("migration project %s: the audit failed", project.id)
                self.env.cr.rollback()

    # ------------------------------------------------------------------
    # What it finds
    # ------------------------------------------------------------------
    def action_audit(self):
        """Audit now, and show what it found."""
        self.ensure_one()
        orm.check_access(self, "write")
        self._audit()
        return self.action_open_audit()

    def action_open_audit(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Audit of %s", self.name),
            "res_model": "migration.issue",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("migration_bridge.migration_issue_view_list_audit").id, "list"),
                (False, "form"),
            ],
            "domain": [("project_id", "=", self.id), ("audit", "=", True)],
            "context": {"search_default_open": 1, "group_by": ["object_id"]},
        }

    def _audit(self):
        """Run the audit's rules over the staged rows; its findings become this project's
        audit issues, one per cause. A cause found before keeps its issue (and its
        waiver); a cause no longer found is fixed."""
        Issue = self.env["migration.issue"].sudo()
        for project in self:
            findings = audit_project(project)
            old = project.audit_issue_ids.sudo()
            known = {(i.object_id.id, i.code, i.cause): i for i in old}
            objects = {o.name: o for o in project.object_ids}
            kept = Issue.browse()
            new = []
            for finding in findings:
                obj = objects.get(finding.table)
                vals = project._audit_issue_vals(finding, obj)
                issue = known.get((obj.id if obj else False, finding.code, finding.cause))
                if issue:
                    if issue.state in ("fixed", "closed"):
                        vals["state"] = "open"  # it came back
                    issue.write(vals)
                    kept |= issue
                else:
                    new.append(vals)
            (old - kept).filtered(lambda i: i.state in ("open", "waived")).write(
                {"state": "fixed"}
            )
            Issue.create(new)
            project.sudo().write({"audit_stale": False, "audited_at": fields.Datetime.now()})

    def _audit_issue_vals(self, finding, obj):
        single = finding.rows[0] if finding.count == 1 else None
        staging = self.env["migration.staging.record"]
        if single and obj:
            staging = staging.search(
                [("object_id", "=", obj.id), ("row_number", "=", single[1])]
            ).filtered(lambda r: (r.file_id.name or obj.name) == single[0])[:1]
        return {
            "project_id": self.id,
            "object_id": obj.id if obj else False,
            "audit": True,
            "code": finding.code,
            "cause": finding.cause,
            "message": finding.message,
            "severity": finding.severity,
            "blocking": finding.blocking,
            "file_name": finding.rows[0][0] if finding.rows else finding.table,
            "column": finding.column,
            "row_number": single[1] if single else False,
            "source_id": single[2] if single else False,
            "staging_record_id": staging.id,
            "row_count": finding.count,
            "row_list": finding.listed(),
            "row_refs": [[r[0], r[1], r[2] or None] for r in finding.rows],
        }

    def _audit_halted(self):
        """{object: its open blocking audit issues}: the objects the audit halts."""
        self.ensure_one()
        halted = {}
        for issue in self.audit_issue_ids.filtered(lambda i: i.blocking and i.state == "open"):
            if issue.object_id:
                halted.setdefault(issue.object_id, self.env["migration.issue"])
                halted[issue.object_id] |= issue
        return halted


# What the audit reads of a mapping line (``loader/plans.py``) and of an owner match:
# a change to one of them marks the project's audit stale, a change to anything else
# (fill rates, proposals made again at each run) does not.
AUDITED_LINE_FIELDS = {"target_name", "confirmed", "create_missing", "source_name"}
AUDITED_OWNER_FIELDS = {"user_id", "source_value"}


class MigrationMappingLine(models.Model):
    _inherit = "migration.mapping.line"

    def write(self, vals):
        result = super().write(vals)
        if AUDITED_LINE_FIELDS & set(vals):
            self.mapping_id.project_id._mark_audit_stale()
        return result


class MigrationOwnerMatch(models.Model):
    _inherit = "migration.owner.match"

    def write(self, vals):
        before = {m.id: m.user_id.id for m in self} if "user_id" in vals else {}
        result = super().write(vals)
        changed = self.filtered(lambda m: before.get(m.id, m.user_id.id) != m.user_id.id)
        if changed or "source_value" in vals:
            (changed or self).project_id._mark_audit_stale()
        return result
