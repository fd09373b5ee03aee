import json
import logging
import random
import time

from psycopg2 import Error as PsycopgError

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from ..loader import DONE, PROGRESS, WAIT, ObjectLoad, RunContext, bulk, test_run
from ..loader.bulk import batched_flush
from ..series import cron, orm
from ..services import exports, planner, runlog
from ..services.errors import MAX_CONCURRENCY_RETRIES, concurrent_update
from .migration_project import check_manager

_logger = logging.getLogger(__name__)

RUN_KINDS = [("sample", "Sample"), ("full", "Full"), ("delta", "Delta")]
RUN_STATES = [
    ("draft", "Draft"),
    ("queued", "Queued"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
    ("rolled_back", "Rolled back"),
]
ACTIVE_STATES = ("queued", "running")
# A background worker's time on a run before it hands over (Odoo.sh: 120 s a request;
# a cron worker is bounded by limit_time_real_cron, 15 minutes by default).
TIME_BUDGET = 60
LOCK_SPACE = 75411  # advisory lock namespace of a run being loaded
REJECTED_STATES = ("failed", "skipped", "problem", "excluded")


class MigrationRun(models.Model):
    """One load of a project's confirmed mapping into the CRM."""

    _name = "migration.run"
    _description = "Migration run"
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(RUN_KINDS, required=True, default="full")
    state = fields.Selection(RUN_STATES, default="draft", required=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    started_at = fields.Datetime(readonly=True)
    finished_at = fields.Datetime(readonly=True)
    line_ids = fields.One2many("migration.run.line", "run_id", string="Objects")
    link_ids = fields.One2many("migration.record.link", "run_id", string="Written records")
    issue_ids = fields.One2many("migration.issue", "run_id", string="Issues last reported")
    reported_issue_ids = fields.Many2many(
        "migration.issue",
        "migration_issue_run_rel",
        "run_id",
        "issue_id",
        string="Issues reported",
        readonly=True,
        help="Every cause the run reported, also those a later run reported again.",
    )
    shown_issue_ids = fields.Many2many(
        "migration.issue", compute="_compute_link_count", string="Issues"
    )
    source_rows = fields.Integer(compute="_compute_totals", store=True)
    created = fields.Integer(compute="_compute_totals", store=True)
    updated = fields.Integer(compute="_compute_totals", store=True)
    unchanged = fields.Integer(compute="_compute_totals", store=True)
    skipped = fields.Integer(compute="_compute_totals", store=True)
    failed = fields.Integer(compute="_compute_totals", store=True)
    reconciled = fields.Boolean(compute="_compute_totals", store=True)
    link_count = fields.Integer(compute="_compute_link_count")
    issue_count = fields.Integer(compute="_compute_link_count")
    log = fields.Text(readonly=True)
    log_html = fields.Html(
        "Timeline", compute="_compute_log_html", sanitize=False, help="The log, step by step."
    )
    rate = fields.Float("Rows per second", digits=(16, 1), compute="_compute_progress")
    progress_text = fields.Char("Rows done", compute="_compute_progress")
    planned = fields.Integer("Rows to load", compute="_compute_progress")
    handled = fields.Integer("Rows handled", compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress")
    current_object = fields.Char(compute="_compute_progress")
    cancel_requested = fields.Boolean(readonly=True)
    background = fields.Boolean(
        readonly=True, help="Loaded chunk by chunk by the server, each chunk committed."
    )
    rolled_back_at = fields.Datetime(readonly=True)
    rolled_back_uid = fields.Many2one("res.users", "Rolled back by", readonly=True)
    rollback_deleted = fields.Integer("Deleted by rollback", readonly=True)
    rollback_restored = fields.Integer("Restored by rollback", readonly=True)
    rollback_failed = fields.Integer("Rollback failures", readonly=True)

    @api.depends("project_id.name", "kind")
    def _compute_name(self):
        for run in self:
            run.name = "%s / %s #%s" % (
                run.project_id.name,
                dict(RUN_KINDS).get(run.kind),
                run.id or "",
            )

    @api.depends(
        "line_ids.source_rows",
        "line_ids.created",
        "line_ids.updated",
        "line_ids.unchanged",
        "line_ids.skipped",
        "line_ids.failed",
    )
    def _compute_totals(self):
        for run in self:
            for counter in ("source_rows", "created", "updated", "unchanged", "skipped", "failed"):
                run[counter] = sum(run.line_ids.mapped(counter))
            run.reconciled = all(run.line_ids.mapped("reconciled"))

    @api.depends("line_ids.planned", "line_ids.source_rows", "line_ids.state")
    def _compute_progress(self):
        for run in self:
            lines = run.line_ids
            run.planned = sum(lines.mapped("planned"))
            run.handled = sum(lines.mapped("handled"))
            if run.state in ("done", "failed", "rolled_back"):
                run.progress = 100.0
            else:
                run.progress = 100.0 * run.handled / run.planned if run.planned else 0.0
            current = lines.filtered(lambda ln: ln.state == "running")[:1]
            run.current_object = current.object_name or False
            end = run.finished_at or fields.Datetime.now()
            seconds = (end - run.started_at).total_seconds() if run.started_at else 0
            run.rate = run.handled / seconds if seconds > 0 else 0.0
            run.progress_text = "%s / %s rows%s" % (
                format(run.handled, ","),
                format(run.planned, ","),
                ", %s rows/s" % format(round(run.rate), ",") if run.rate else "",
            )

    @api.depends("log")
    def _compute_log_html(self):
        for run in self:
            run.log_html = runlog.to_html(run.log)

    def action_download_summary(self):
        """What the run did, as the JSON the headless command prints."""
        self.ensure_one()
        summary = dict(self.summary(), failures=self.failures())
        return self.env["ir.attachment"]._migration_download(
            self,
            "run%s_summary.json" % self.id,
            json.dumps(summary, indent=2, ensure_ascii=False).encode(),
            "application/json",
        )

    def _compute_link_count(self):
        for run in self:
            run.link_count = len(run.link_ids)
            run.shown_issue_ids = run.issue_ids | run.reported_issue_ids
            run.issue_count = len(run.shown_issue_ids)

    # ------------------------------------------------------------------
    # Load
    # ------------------------------------------------------------------
    def execute(self):
        """Load every confirmed object of the project, in this transaction, to the end."""
        self.ensure_one()
        self._plan()
        ctx = RunContext(self, self.project_id.get_profile())
        while self._step(ctx) != DONE:
            pass
        return True

    # ------------------------------------------------------------------
    # In the background: chunk by chunk, each committed, by one worker or several
    # ------------------------------------------------------------------
    def _enqueue(self):
        """Plan the run and wake the server's worker; the page that asked returns at once."""
        self.ensure_one()
        self._plan()
        self.state = "queued"
        self.env.ref("migration_bridge.ir_cron_migration_runs")._trigger()

    @api.model
    def _cron_repeat_forever(self, cron_ids):
        """Called at install by data/ir_cron_data.xml (see ``series.cron``)."""
        cron.repeat_forever(self.env["ir.cron"].browse(cron_ids))

    @api.model
    def _cron_process_runs(self, budget=TIME_BUDGET):
        """Load queued and running runs, a chunk at a time, committing each.

        A run interrupted by a killed server goes on from its last committed chunk
        at the next call: nothing is loaded twice, nothing is lost. Past its time
        budget the worker hands over by triggering itself again.
        """
        deadline = time.monotonic() + budget
        worked = 0
        for run in self.search([("state", "in", ACTIVE_STATES)], order="id"):
            run._work(deadline=deadline if budget else None, steps=None if budget else 1)
            worked += 1
            if time.monotonic() >= deadline:
                break
        cron.continue_later(
            self.env.ref("migration_bridge.ir_cron_migration_runs"),
            done=worked,
            remaining=self.search_count([("state", "in", ACTIVE_STATES)]),
        )

    def _work(self, deadline=None, steps=None, wait=True, commit=True):
        """Step the run until it ends, ``deadline`` (a ``time.monotonic()`` value)
        passes or ``steps`` are done; each step committed unless ``commit`` is false
        (the caller's transaction holds them, as a queue job's does).

        Any number of workers (cron threads, headless processes, queue jobs) may
        work on the same run at once: each chunk is claimed by one of them. A step
        PostgreSQL refuses for a concurrent update (a serialization failure, a
        deadlock) is undone and tried again. ``wait``: when the work left is held by
        others, wait for them, else return. Returns DONE once the run is over, else
        what the last step did (PROGRESS or WAIT).
        """
        self.ensure_one()
        ctx = None
        done = retries = 0
        while True:
            # The step's snapshot (repeatable read) starts here, with its first query.
            self.invalidate_recordset(["state", "cancel_requested"])
            if self.state not in ACTIVE_STATES:
                return DONE
            if self.state == "queued":
                self.state = "running"
            if ctx is None:
                ctx = RunContext(self, self.project_id.get_profile())
                ctx.concurrency_retries = retries
            try:
                # a step another worker's makes PostgreSQL refuse is tried again below,
                # not logged as a bad query; any other error is raised with its SQL
                with mute_logger("odoo.sql_db"):
                    outcome = self._step(ctx)
                    if commit:
                        self._commit()
            except PsycopgError as error:
                if not concurrent_update(error) or self._in_test():
                    raise
                lost = ctx.lost_race
                self.env.cr.rollback()
                _logger.info(
                    "migration run %s: %s; trying the step again",
                    self.id,
                    "another worker got there first" if lost else str(error).splitlines()[0],
                )
                # Another worker got there first (took the rows claimed, started or
                # finished the object): nothing is wrong; tried again at once, not
                # counted towards giving up. Any other refusal: tried again after a
                # pause. Nothing reads the database before the pause is over, so that
                # the step tried again sees what the other workers committed meanwhile
                # (its snapshot taken before the pause, what they commit during it
                # would make PostgreSQL refuse the step again, and again).
                if not lost:
                    retries += 1
                time.sleep(random.uniform(0, 0.02) if lost else random.uniform(0.05, 0.5))
                ctx = None  # a new one, in the new transaction
                continue
            retries = 0
            done += 1
            if outcome == DONE:
                return DONE
            if outcome == WAIT and not wait:
                return WAIT
            if (steps and done >= steps) or (deadline and time.monotonic() >= deadline):
                return outcome
            if outcome == WAIT:
                time.sleep(0.2)

    @staticmethod
    def _in_test():
        return orm.in_test()

    def _commit(self):
        """Each chunk in its own transaction (not in tests, which own theirs)."""
        if not self._in_test():
            self.env.cr.commit()

    def action_cancel(self):
        """Stop a run between two chunks: what it loaded stays, counted, and can be
        rolled back."""
        for run in self.filtered(lambda r: r.state in ACTIVE_STATES):
            if run.state == "queued":
                run.write({"state": "cancelled", "finished_at": fields.Datetime.now()})
            else:
                run.cancel_requested = True
        return True

    def action_refresh(self):
        return True

    def _plan(self):
        """The run's objects in dependency order, each a line waiting to be loaded."""
        self.ensure_one()
        project = self.project_id
        profile = project.get_profile()
        # a file set aside at confirmation waits for a person (its blocking issue)
        mappings = project.mapping_ids.filtered(lambda m: m.model_name and m.state != "set_aside")
        unconfirmed = mappings.filtered(lambda m: m.state != "confirmed")
        if unconfirmed:
            raise UserError(
                _(
                    "The mapping of %(files)s is not confirmed: nothing was loaded.",
                    files=", ".join(unconfirmed.mapped("object_id.name")),
                )
            )
        if project.audit_stale or not project.audited_at:
            project._audit()  # files or the mapping changed since: audited as they are now
        # a Test loads every row to say what would fail and why: the audit halts none
        halted = {} if self.env.context.get("migration_test_run") else project._audit_halted()
        by_name = {m.object_id.object_name: m for m in mappings}
        order = planner.plan_objects(
            profile,
            [(m.object_id.object_name, m.kind) for m in mappings],
            links=mappings._object_links(),
        )
        Line = self.env["migration.run.line"]
        size = max(project.sample_size, 0)
        ctx = RunContext(self, profile)
        for sequence, object_name in enumerate(order):
            mapping = by_name[object_name]
            if mapping.object_id in halted:
                self._object_skipped(ctx, mapping.object_id, sequence, halted[mapping.object_id])
                continue
            rows = mapping.object_id.row_count
            Line.create(
                {
                    "run_id": self.id,
                    "sequence": sequence,
                    "object_id": mapping.object_id.id,
                    "object_name": object_name,
                    "model": mapping.model_name,
                    "mapping_id": mapping.id,
                    "planned": min(rows, size) if self.kind == "sample" else rows,
                }
            )
        for obj in project.object_ids - mappings.object_id:
            self._object_skipped(ctx, obj, len(order))
        ctx.flush_issues()
        # what the audit found in the objects that load: this run goes ahead with it
        ahead = project.audit_issue_ids.filtered(
            lambda i: i.state in ("open", "waived") and i.object_id not in halted
        )
        ahead.sudo().write({"run_id": self.id, "run_ids": [Command.link(self.id)]})
        self.write(
            {"state": "running", "started_at": fields.Datetime.now(), "log": ctx.log_text()}
        )

    def _step(self, ctx):
        """One unit of work (an object's start, one chunk, its end, the run's end).

        Each step stands alone: its effects are on the staged rows and the chunk
        rows, so that a run committed step by step resumes where it stopped, and
        several workers may step the same run. Returns PROGRESS, WAIT or DONE (the
        run is over).
        """
        self.ensure_one()
        if self.state not in ACTIVE_STATES:
            return DONE
        if self.cancel_requested:
            if not self._hold_end(ctx):
                return WAIT  # another worker is ending the run
            # What was loaded gets the adapters' last step too (chatter order, scoring).
            self._finish_loaded(ctx)
            self._stop("cancelled", ctx)
            return DONE
        pending = self.line_ids.filtered(lambda ln: ln.state != "done").sorted("sequence")
        if not pending:
            return self._finish(ctx)
        outcome = WAIT
        # the first object that may load now; when all of its work is held by other
        # workers, the next one that may (an email file beside a note file)
        for line in self._ready_lines(ctx, pending):
            outcome = self._step_line(ctx, line)
            if outcome != WAIT:
                break
        return outcome

    def _ready_lines(self, ctx, pending):
        """The pending lines whose objects may load now (``planner.blockers``), in
        load order."""
        if ctx.blockers is None:
            lines = self.line_ids.sorted("sequence")
            ctx.blockers = planner.blockers(
                ctx.profile,
                [(ln.object_name, ln.mapping_id.kind) for ln in lines],
                lines.mapped("object_name"),
            )
        waiting = set(pending.mapped("object_name"))
        return pending.filtered(lambda ln: not ctx.blockers.get(ln.object_name, set()) & waiting)

    def _step_line(self, ctx, line):
        try:
            with batched_flush(self.env), self.env.cr.savepoint():
                outcome = ObjectLoad(ctx, line).step()
                ctx.flush_issues()
        except PsycopgError as error:
            ctx.discard_issues()
            if self._try_again(ctx, error):
                raise  # another worker's update: the worker tries the step again
            outcome = self._object_failed(ctx, line, error)
        except Exception as error:  # noqa: BLE001 - reported on the run, never a traceback
            ctx.discard_issues()
            outcome = self._object_failed(ctx, line, error)
        if outcome != WAIT:
            self._save_log(ctx)
        return PROGRESS if outcome in (PROGRESS, DONE) else WAIT

    def _finish(self, ctx):
        if not self._hold_end(ctx):
            return WAIT  # another worker is finishing the run
        self._finish_loaded(ctx)
        self.line_ids._fold_chunks()  # also what a worker committed after its object ended
        failed = bool(self.issue_ids.filtered(lambda i: i.code == "load_error" and i.object_id))
        self._stop("failed" if failed else "done", ctx)
        if self.link_ids:
            self.project_id._after_load(self)
        _logger.info("migration run %s: %s", self.id, self.summary())
        return DONE

    def _finish_loaded(self, ctx):
        try:
            with batched_flush(self.env), self.env.cr.savepoint():
                ctx.finish()
                ctx.flush_issues()
        except Exception as error:  # noqa: BLE001 - reported on the run, never a traceback
            if isinstance(error, PsycopgError) and self._try_again(ctx, error):
                raise  # another worker's update (it ended the run): tried again
            _logger.exception("migration run %s: finishing failed", self.id)
            ctx.discard_issues()
            ctx.issue("The run's last step failed: %s" % error, "load_error", severity="warning")
        ctx.flush_issues()

    @staticmethod
    def _try_again(ctx, error):
        """Whether a step PostgreSQL refused is tried again (by ``_work``) rather than
        reported: refused for another worker's update, and not too many times running
        (another worker getting there first counts never)."""
        if not concurrent_update(error):
            return False
        return ctx.lost_race or ctx.concurrency_retries < MAX_CONCURRENCY_RETRIES

    def _hold_end(self, ctx):
        """One worker alone ends the run (until its transaction ends), as it is now
        (``RunContext.lock_current``)."""
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", (LOCK_SPACE, self.id))
        if not self.env.cr.fetchone()[0]:
            return False
        ctx.lock_current(self)
        return self.state in ACTIVE_STATES

    def _stop(self, state, ctx):
        if state == "cancelled":
            ctx.log(
                "cancelled by %s; what was loaded stays and can be rolled back"
                % (self.env.user.name)
            )
            self.line_ids.filtered(lambda ln: ln.state != "done")._fold_chunks(state="done")
        # what the chunks did beside their rows, kept on them while workers ran
        chunk_logs = self.env["migration.run.chunk"].search(
            [("run_id", "=", self.id), ("log", "!=", False)]
        )
        self.log = "\n".join(filter(None, [self.log] + chunk_logs.mapped("log")))
        self._save_log(ctx)
        self.write({"state": state, "finished_at": fields.Datetime.now()})

    def _save_log(self, ctx):
        text = ctx.log_text()
        if text:
            self.log = "\n".join(filter(None, [self.log, text]))
            ctx.clear_log()

    def _object_failed(self, ctx, line, error):
        """An unexpected error loading an object: what its step wrote was undone; the
        rows not loaded yet count failed; the other objects still load."""
        _logger.exception("migration run %s: loading %s failed", self.id, line.object_name)
        obj = line.object_id
        Staging = self.env["migration.staging.record"]
        if self.kind == "sample" and not line.sample_ids:
            left, count = [], line.planned  # failed before its sample was drawn
        else:
            within = line.sample_ids if self.kind == "sample" else None
            # rows other workers hold are theirs to count
            left = Staging._unhandled(obj, self, None, within, claim=True)
            count = len(left)
        ctx.issue(
            "%s could not be loaded: %s. The rows not loaded yet (%s) count failed; what "
            "earlier chunks wrote stays and can be rolled back. The server log has the "
            "details. Fix the cause and run again." % (obj.name, error, count),
            "load_error",
            obj=obj,
        )
        ctx.log("%s: failed (%s)" % (obj.name, error))
        ctx.sample = []
        bulk.write_outcomes(
            self.env, {row: ("failed", str(error), None, None) for row in left}, self.id
        )
        line._add_chunk(count, {"failed": count})
        line._fold_chunks(state="done")
        ctx.flush_issues()
        return DONE

    def _object_skipped(self, ctx, obj, sequence, audit_issues=None):
        """A file with no target (or unreadable, or halted by the audit): its rows counted
        skipped, with the reason."""
        if audit_issues:
            reason = (
                "the audit halts it: %s blocking issue(s) are open (%s). Fix them, waive "
                "them or exclude their rows, then run again"
                % (len(audit_issues), ", ".join(sorted(set(audit_issues.mapped("code")))))
            )
        elif obj.blocked:
            reason = "the file has a blocking problem"
        elif obj.mapping_id.state == "set_aside":
            reason = "it is set aside until a person places it (its blocking issue says how)"
        else:
            reason = obj.mapping_id.reason or "no target was chosen for it in the mapping"
        rows = obj.staging_ids
        rows.write({"state": "skipped", "message": reason, "run_id": self.id})
        ctx.issue(
            "%s was not loaded: %s." % (obj.name, reason),
            "audit_halted" if audit_issues else "file_blocked" if obj.blocked else "not_migrated",
            obj=obj,
            severity="error" if obj.blocked or audit_issues else "info",
        )
        line = self.env["migration.run.line"].create(
            {
                "run_id": self.id,
                "sequence": sequence,
                "object_id": obj.id,
                "object_name": obj.object_name,
                "model": False,
                "planned": len(rows),
            }
        )
        line._add_chunk(len(rows), {"skipped": len(rows)})
        line._fold_chunks(state="done")

    def summary(self):
        """Per object: target model, source rows and what became of them."""
        self.ensure_one()
        return {
            "project_id": self.project_id.id,
            "run_id": self.id,
            "kind": self.kind,
            "state": self.state,
            "reconciled": self.reconciled,
            "objects": {line.object_name: line.summary() for line in self.line_ids},
            "issues": len(self.issue_ids),
            "rollback": {
                "deleted": self.rollback_deleted,
                "restored": self.rollback_restored,
                "failed": self.rollback_failed,
            },
        }

    def failures(self):
        """Each cause of failure of the run, per file and column, with its rows."""
        self.ensure_one()
        return test_run.report(self)["failures"]

    def _open_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Rollback
    # ------------------------------------------------------------------
    def action_rollback(self):
        """Undo the runs: delete what they created, restore what they updated.

        Newest run first, children before parents (the reverse of the writing
        order). A second rollback of the same run changes nothing. What cannot be
        undone (a record something else now depends on) is reported and left; the
        run is rolled back once nothing is left.
        """
        check_manager(self.env, _("roll a run back"))
        for run in self.sorted("id", reverse=True):
            if run.state == "rolled_back":
                continue
            links = run.sudo().link_ids.filtered(lambda ln: not ln.rolled_back)
            deleted, restored, failures = links._rollback()
            for message in failures:
                self.env["migration.issue"].sudo().create(
                    {
                        "project_id": run.project_id.id,
                        "run_id": run.id,
                        "code": "rollback_failed",
                        "severity": "warning",
                        "message": message,
                    }
                )
            vals = {
                "rolled_back_at": fields.Datetime.now(),
                "rolled_back_uid": self.env.uid,
                "rollback_deleted": run.rollback_deleted + deleted,
                "rollback_restored": run.rollback_restored + restored,
                "rollback_failed": len(failures),
            }
            if not failures:
                vals["state"] = "rolled_back"
                # What the run reported is about records that are gone: closed.
                self.env["migration.issue"].sudo()._release_run(run)
            # With failures the run stays as it was: once their cause is removed, a new
            # rollback undoes what is left (the undone links are marked).
            run.write(vals)
        self.project_id._after_rollback()
        return True

    # ------------------------------------------------------------------
    # Rejected rows
    # ------------------------------------------------------------------
    def rejected_rows_csv(self, source_object):
        """A copy of the source file with only the rows that did not load, as CSV.

        The rows keep their columns and their values as the source had them; the
        added columns say where each row was and why it failed. Fixed and uploaded
        again, the file reads back without them (``services.readers``).
        """
        headers, lines = self._rejected_rows_table(source_object)
        return exports.to_csv(headers, lines, safe=False)

    def rejected_rows_xlsx(self, source_object):
        """The same rows as a workbook to read in a spreadsheet: a cell a spreadsheet
        would run as a formula is neutralised there (``exports.neutralize``)."""
        headers, lines = self._rejected_rows_table(source_object)
        return exports.to_xlsx(headers, lines, title="Rows not loaded")

    def _rejected_rows_table(self, source_object):
        self.ensure_one()
        headers = list(source_object.headers or [])
        reason_column = exports.REASON_COLUMN
        row_column = exports.ROW_COLUMN
        rows = self.env["migration.staging.record"].search(
            [("object_id", "=", source_object.id), ("state", "in", REJECTED_STATES)],
            order="file_id, row_number",
        )
        # an object of several files (the pages of one list): each row says its file
        several = len(source_object.file_ids) > 1
        issues = self.env["migration.issue"].search(
            [("staging_record_id", "in", rows.ids), ("severity", "=", "error")], order="id"
        )
        reasons = {}
        for issue in issues:
            reasons.setdefault(issue.staging_record_id.id, []).append(issue.message)
        extra = [h for row in rows for h in (row.payload or {}) if h not in headers]
        columns = headers + list(dict.fromkeys(extra))
        lines = []
        for row in rows:
            payload = row.payload or {}
            reason = "; ".join(reasons.get(row.id, [])) or row.message or row.state
            where = [row.file_id.name, row.row_number] if several else [row.row_number]
            lines.append([payload.get(h, "") for h in columns] + where + [reason])
        where_columns = [exports.FILE_COLUMN, row_column] if several else [row_column]
        return columns + where_columns + [reason_column], lines

    def _rejected_rows_action(self, source_object, kind="csv"):
        stem = source_object.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if kind == "xlsx":
            raw = self.rejected_rows_xlsx(source_object)
            mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            raw = ("\ufeff" + self.rejected_rows_csv(source_object)).encode("utf-8")
            mimetype = "text/csv"
        return self.env["ir.attachment"]._migration_download(
            self, "%s_rejected_run%s.%s" % (stem, self.id, kind), raw, mimetype
        )
