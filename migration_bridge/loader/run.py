"""One run, one object, one chunk: the orchestration of a load.

``RunContext`` is what the objects of one run share: the environment writes go
through (mail tracking and followers off), the resolver's caches, the target
adapters, the issues and the log. ``ObjectLoad`` loads one source object: it
starts (a run line, the adapter's preparation), loads chunks of staged rows
(each chunk: transform, resolve in bulk, write, count) and finishes (references
inside the object, the adapter's last step). The counters live on the run line
after every chunk, so a chunk is a unit of work that can be committed alone.
"""

import dataclasses
import json
import logging
import time

from psycopg2 import Error as PsycopgError
from psycopg2.errorcodes import SERIALIZATION_FAILURE

from odoo.exceptions import AccessError

from ..series import config, orm
from ..services import planner, targets, transform, values
from ..services.errors import Problem, RowError
from . import bulk, companions, filters
from .fold import fold_rows
from .limits import IndexCheck
from .links import link_rows
from .outcomes import Outcomes
from .plans import mapping_columns, mapping_plan
from .resolve import Resolver
from .same_rows import same_rows
from .targets import adapter_for
from .verify import sample_summary, verify_sample
from .view import LoadView
from .write import Writer, refused

_logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
ISSUE_BATCH = 500
# No mail tracking, no followers, no "created" notes, no invitations while migrating.
LOAD_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_activity_quick_update": True,
    "no_mail_to_attendees": True,
    "dont_notify": True,
    "active_test": False,
}
DUPLICATE_SKIPPED = "duplicate source id: only its first row loads (the audit's issue)"
# What a step did: some work; nothing it may do now (another worker holds the
# object's start or finish, or its last chunks); the object is done.
PROGRESS, WAIT, DONE = "progress", "wait", "done"
LINE_LOCK_SPACE = 75412  # advisory locks: one worker starts or finishes an object


# Who may create what a run needs and its users may not (see RunContext.refusal).
SALES_MANAGER = "a Sales manager or a Migration Manager"
REFUSALS = {
    "crm.stage": ("sales stages", SALES_MANAGER),
    "crm.team": ("sales teams", SALES_MANAGER),
    "crm.lost.reason": ("lost reasons", SALES_MANAGER),
}


class RunContext:
    """What the objects of one run share.

    Records are written as the person who started the run (``run.user_id``): their
    groups (a Migration User's imply what loading a CRM needs) and Odoo's record
    rules (multi-company ones) decide what a row may write, and a row Odoo refuses
    fails with its reason. Finding records (by source id or name) is the resolver's
    and the adapters' business: they look as superuser, so that a record the user
    cannot see is never created a second time; writing to it is refused as usual.
    """

    def __init__(self, run, profile):
        user = run.user_id or run.env.user
        companies = user.company_id | user.company_ids  # its main company first
        self.env = (
            run.with_user(user).with_context(allowed_company_ids=companies.ids, **LOAD_CONTEXT).env
        )
        self.run = self.env["migration.run"].browse(run.id)
        self.project = self.run.project_id
        self.profile = profile
        self.resolver = Resolver(self)
        self.sample = []  # (load, staging, record, vals) read back after a sample chunk
        # a technical setting, which only administrators may read
        setting = config.get_int(self.env, "migration_bridge.chunk_size", CHUNK_SIZE)
        self.chunk_size = int(run.env.context.get("migration_chunk_size") or setting)
        self._adapters = {}
        self._log = []
        self._issues = []
        self._audited = None
        self._may_create = {}
        # {object name: objects loaded before it may start} (``planner.blockers``)
        self.blockers = None
        # times running the step was refused for another worker's (``_work``)
        self.concurrency_retries = 0
        # the step was refused because another worker got there first: it took the rows
        # the step claimed, or changed the line or run the step holds (``lock_current``)
        self.lost_race = False

    def lost_to_another(self, error):
        """Note whether ``error`` (a query of this step PostgreSQL refused) means that
        another worker got there first: a serialization failure on rows this step
        claims or holds, which another worker changed after this step's snapshot was
        taken (repeatable read). The step is then tried again in a new transaction,
        which sees what that worker did (``migration.run._work``)."""
        self.lost_race = getattr(error, "pgcode", None) == SERIALIZATION_FAILURE

    def lock_current(self, record):
        """Lock the row of ``record`` (a run or one of its lines) until the step ends,
        so that what the step reads of it is current: a row another worker changed
        after this step's snapshot (it started or finished the object, ended the
        run) is refused at once, before the step does its work again."""
        try:
            record.env.cr.execute(
                "SELECT 1 FROM %s WHERE id = %%s FOR NO KEY UPDATE" % record._table,
                (record.id,),
                log_exceptions=False,
            )
        except PsycopgError as error:
            self.lost_to_another(error)
            raise
        record.invalidate_recordset()

    def may_create(self, model):
        """Whether the run's user may create records of ``model`` (their groups say)."""
        if model not in self._may_create:
            self._may_create[model] = orm.has_access(self.env[model], "create")
        return self._may_create[model]

    def refusal(self, model):
        """Why the run does not create a record of ``model`` it needs (a stage, a team
        named in the rows), or None when its user may create one."""
        if self.may_create(model):
            return None
        what, who = REFUSALS.get(
            model, ("records of %s" % self.env[model]._description, "an administrator")
        )
        return "your user may not create %s: ask %s" % (what, who)

    def create_named(self, model, vals):
        """A record the rows name but Odoo lacks (a tag, a team, a stage), created as
        the run's user; none (an empty recordset) when they may not create one
        (``refusal`` says why)."""
        if not self.may_create(model):
            return self.env[model]
        return self.env[model].create(vals)

    def adapter(self, model):
        if model not in self._adapters:
            self._adapters[model] = adapter_for(model)(self, self.env[model])
        return self._adapters[model]

    def adapters(self):
        return list(self._adapters.values())

    def log(self, message):
        self._log.append(message)

    def log_text(self):
        return "\n".join(self._log)

    def clear_log(self):
        self._log = []

    def audited(self):
        """{(object id, file, row number, code)} of the rows the audit's open or waived
        issues list: their causes are said there, once, not again per row."""
        if self._audited is None:
            self._audited = {
                (issue.object_id.id, ref[0], ref[1], issue.code)
                for issue in self.project.sudo().audit_issue_ids
                if issue.state in ("open", "waived")
                for ref in issue.row_refs or []
            }
        return self._audited

    def issue(self, message, code, obj=None, staging=None, column=None, severity="error"):
        # the row's own file when its object gathers several (the pages of one list)
        file = staging.file_id.name if staging and staging.file_id else None
        if staging and obj:
            listed = (obj.id, file or obj.name, staging.row_number, code)
            if listed in self.audited():
                return  # the audit's issue lists the row; its outcome keeps the message
        problem = Problem(
            code=code,
            message=message,
            file=file or (obj.name if obj else None),
            row=staging.row_number if staging else None,
            column=column,
            blocking=severity == "error" and not staging and not obj,
        )
        Issue = self.env["migration.issue"]
        vals = Issue._vals_from_problem(
            problem, project=self.project, obj=obj, staging=staging, run=self.run
        )
        vals["severity"] = severity
        self._issues.append(vals)
        if len(self._issues) >= ISSUE_BATCH:
            self.flush_issues()

    def flush_issues(self):
        """The issues raised so far, written in one batch; a cause an earlier run
        reported already (same row, code and message) is not reported again as new."""
        if self._issues:
            self.env["migration.issue"]._report(self._issues, self.run)
            self._issues = []

    def discard_issues(self):
        """A step undone by its savepoint: its issues go with it."""
        self._issues = []

    def link_created(self, record, source_object, source_id):
        """Link a record the run made on its own (a stage, a tag, a company named in a
        row): rollback removes it with the rest."""
        self.env["migration.record.link"].create(
            {
                "run_id": self.run.id,
                "project_id": self.project.id,
                "model": record._name,
                "res_id": record.id,
                "source_object": source_object,
                "source_id": source_id,
                "source_key": record.x_source_id if "x_source_id" in record._fields else False,
                "operation": "created",
            }
        )
        self.log("created %s %r" % (record._name, record.display_name))

    def finish(self):
        """The adapters' last step once every object is loaded (chatter order, scoring).

        Every model the run wrote gets its adapter's last step, also when this process
        did not load it (a run resumed after a restart)."""
        self.env["migration.record.link"].flush_model()
        self.env.cr.execute(
            "SELECT DISTINCT model FROM migration_record_link WHERE run_id = %s", (self.run.id,)
        )
        models = {row[0] for row in self.env.cr.fetchall()}
        models |= set(self.run.line_ids.mapped("model"))
        for model in sorted(m for m in models if m and m in self.env):
            self.adapter(model)
        for adapter in self.adapters():
            adapter.finish_run()
        if self.run.kind == "sample":
            self.log(sample_summary(self.run))


class ObjectLoad:
    """One source object of a run, loaded chunk by chunk."""

    def __init__(self, ctx, line):
        self.ctx = ctx
        self.env = ctx.env
        self.line = line.with_env(ctx.env)
        self.mapping = self.line.mapping_id
        self.obj = self.mapping.object_id
        self.sequence = self.line.sequence
        self.model = self.mapping.model_name
        self.Model = self.env[self.model]
        self.adapter = ctx.adapter(self.model)
        template = self.mapping.name_template
        columns = self._columns()
        self.plan = mapping_plan(ctx.profile, self.mapping, columns)
        self.kind = self.mapping.kind
        values = self.mapping.value_ids.filtered("confirmed")
        self.stage_map = {v.source_value.strip().lower(): v for v in values}
        self.settings_hash = transform.settings_hash(
            ctx.profile.code,
            self.model,
            self.kind,
            template,
            columns,
            sorted((v.source_value, v.action, v.stage_id.id, v.stage_name) for v in values),
            sorted((m.source_value, m.user_id.id, m.method) for m in ctx.project.owner_match_ids),
        )
        self.self_refs = set(planner.self_references(ctx.profile, self.kind))
        # An object of several files names each row's own file in what it reports.
        files = self.obj.file_ids
        self.file_plans = (
            {f.id: dataclasses.replace(self.plan, name=f.name) for f in files}
            if len(files) > 1
            else {}
        )
        # What the rows became since the last chunk row (each unit of work adds its own).
        self.outcomes = Outcomes()
        # what the adapters, the writer and the index check know of the load: read only
        self.view = LoadView(
            env=self.env,
            ctx=ctx,
            line=self.line,
            mapping=self.mapping,
            obj=self.obj,
            model=self.model,
            kind=self.kind,
            plan=self.plan,
            file_plans=self.file_plans,
            stage_map=self.stage_map,
            settings_hash=self.settings_hash,
            adapter=self.adapter,
        )
        self.index_check = IndexCheck(self.view)
        self.writer = Writer(self.view, self.outcomes)
        self.started = time.monotonic()
        self.seen = set()

    # ------------------------------------------------------------------
    # Plan
    # ------------------------------------------------------------------
    def _columns(self):
        columns, gone = mapping_columns(self.env, self.mapping)
        for line in gone:
            self.ctx.issue(
                "%s: column %r maps to %s, which no longer exists on %s; it was not "
                "migrated" % (self.obj.name, line.source_name, line.target_name, self.model),
                "unknown_field",
                obj=self.obj,
                column=line.source_name,
                severity="warning",
            )
        return columns

    def plan_for(self, staging):
        return self.view.plan_for(staging)

    def where(self, staging, column=None):
        return self.view.where(staging, column)

    # ------------------------------------------------------------------
    # Start, chunks, finish
    # ------------------------------------------------------------------
    def start(self):
        """Before the first chunk: source ids, the adapter's preparation, the rows to load."""
        self.env["migration.staging.record"]._set_source_ids(self.obj, self.plan)
        self._report_unconfirmed()
        self.adapter.prepare_object(self.view)
        vals = {"state": "running"}
        if self.ctx.run.kind == "sample":
            ids = self.row_ids()
            vals.update(sample_ids=ids, planned=len(ids))
        self.line.write(vals)
        self._skip_duplicates()
        self._create_named_records()
        return self

    def _create_named_records(self):
        """Records the rows name but Odoo lacks (tags, industries, a company named on
        contacts when the mapping allows it), created once before any chunk, so that
        workers loading chunks in parallel never create the same one twice."""
        creating = [c.source for c in self.plan.columns if self._creates(c.source)]
        if not creating:
            return
        Staging = self.env["migration.staging.record"]
        lookups = []
        for column in creating:
            for value in Staging._column_values(self.obj, self.ctx.run, column, self.within()):
                try:
                    row = transform.transform_row(self.plan, 0, {column: value})
                except RowError:
                    continue  # the row's own chunk reports it
                lookups += [lk for lk in row.lookups if lk.create and not lk.deferred]
        self.ctx.resolver.resolve(lookups, self)

    def _creates(self, column):
        """Whether a value in this column may have a record created for it."""
        try:
            row = transform.transform_row(self.plan, 0, {column: "probe"})
        except RowError:
            return False
        return any(lk.create and not lk.deferred for lk in row.lookups)

    def _skip_duplicates(self):
        """A source id on several rows (the audit's blocking issue, waived): its first
        row loads, the others are skipped. Decided once, before any chunk, so that
        chunks loaded in parallel never write the same record twice."""
        Staging = self.env["migration.staging.record"]
        duplicates = Staging._later_duplicates(self.obj, self.ctx.run, self.within())
        if not duplicates or self.plan.fold:  # folded rows: kept on their parent, all
            return
        reason = self.ctx.profile.named_again(self.kind, self.obj.headers) or DUPLICATE_SKIPPED
        for staging in Staging.browse(duplicates):
            self.skip(staging, "skipped", reason)
        self.flush_outcomes()
        self.record_chunk(len(duplicates))

    def record_chunk(self, rows):
        """Count what was done since the last chunk row, as a chunk row of its own."""
        log = self.ctx.log_text()
        self.ctx.clear_log()  # kept on the chunk: workers in parallel never write the run
        counts = self.outcomes.take_counts()
        self.line._add_chunk(rows, counts, time.monotonic() - self.started, log)
        self.started = time.monotonic()

    def row_ids(self):
        """The staged rows this run loads, in file order (a sample's slice for a sample)."""
        Staging = self.env["migration.staging.record"]
        if self.ctx.run.kind == "sample":
            return Staging._sample_ids(self.obj, self.ctx.project.sample_size, self._sample_refs())
        return Staging._row_ids(self.obj)

    def next_chunk(self, size=None, claim=True):
        """The next rows this run has not handled yet, locked for this worker (rows
        another worker holds are passed over). None: the object is loaded, or its
        last rows are being loaded by others (``claim=False`` sees those too)."""
        Staging = self.env["migration.staging.record"]
        limit = size or self.ctx.chunk_size
        try:
            return Staging._unhandled(self.obj, self.ctx.run, limit, self.within(), claim=claim)
        except PsycopgError as error:
            if claim:
                # rows another worker claimed and committed after this step's snapshot
                # look unhandled to it, and locking them is refused
                self.ctx.lost_to_another(error)
            raise

    def within(self):
        """The rows the run may load: a sample's, or (None) all of them."""
        return (self.line.sample_ids or []) if self.ctx.run.kind == "sample" else None

    def _sample_refs(self):
        """Columns whose rows point to records the sample already loaded, with their ids."""
        loaded = {}
        for link in self.ctx.run.link_ids:
            if link.source_key and ":" in link.source_key:
                loaded.setdefault(link.source_key.split(":", 1)[0], []).append(link.source_id)
        refs = []
        for target, ref in self.ctx.profile.references(self.kind).items():
            column = self.plan.column_of(target)
            ids = [i for k in ref.kinds if k != self.kind for i in loaded.get(k, [])]
            if column and ids:
                refs.append((column, ids))
        return refs

    def load_chunk(self, staging_ids):
        """One chunk of staged rows, each row on one path:

        1. a row exactly as the last run wrote it is unchanged (``same_rows``);
        2. it is read and checked (``prepare_row``): skipped when excluded, a problem
           in the file or a later row of a duplicated id; failed when its values do
           not transform;
        3. its references are found with the whole chunk's, in bulk (the resolver);
        4. the target's adapter assembles its values (``row_values``), which Odoo's
           index limits must accept (``index_check``);
        5. the writer creates or updates its record with the chunk's, and links it to
           the run;
        6. its outcome, said to ``self.outcomes`` on the way, is written to the staged
           rows and counted on the run line once per chunk.
        """
        Staging = self.env["migration.staging.record"]
        rows = Staging.browse(staging_ids)
        self.seen = set()  # duplicates across chunks were skipped when the object started
        same = same_rows(self, staging_ids)
        prepared = []
        for staging in rows:
            if staging.id in same:
                record, source_id = same[staging.id]
                self.seen.add(source_id)
                self.writer.done_unchanged(staging, record)
                continue
            outcome = self.prepare_row(staging)
            if outcome:
                prepared.append(outcome)
        for _staging, row, _status in prepared:
            row.lookups.extend(self.adapter.extra_lookups(self.view, row))
        lookups = [lk for _s, row, _st in prepared for lk in row.lookups if not lk.deferred]
        resolved = self.ctx.resolver.resolve(lookups, self)
        loaded = self.ctx.resolver.loaded(
            [lk for _s, row, _st in prepared for lk in row.lookups if lk.deferred]
        )
        items = []
        for staging, row, status in prepared:
            assembled = transform.assemble(self.plan, row, resolved)
            try:
                vals = self.adapter.row_values(self.view, staging, row, assembled, status)
            except RowError as error:
                self.fail(staging, error)
                continue
            except AccessError as error:  # a record it names the run's user may not read
                self.fail(staging, refused(self, staging, error))
                continue
            refusal = self.index_check.refusal(staging, vals)
            if refusal:
                self.fail(staging, refusal)
                continue
            self._report_missing(staging, assembled)  # not for a row that failed already
            vals["x_source_id"] = transform.record_key(self.plan.key_kind, row.source_id)
            item = Item(staging, row, assembled, vals)
            item.early = self._found_early(row, loaded) or None
            items.append(item)
        self.writer.write_items(items)
        self.flush_outcomes()
        self.record_chunk(len(rows))
        if self.ctx.sample:
            verify_sample(self.ctx)
        return len(rows)

    @staticmethod
    def _found_early(row, loaded):
        """The references of a row to rows of its own object that an earlier chunk
        loaded (by source id), given at create; the others are written once the object
        is loaded (``_write_deferred``)."""
        early = {}
        for lookup in row.lookups:
            if lookup.deferred and lookup.tokens:
                found = loaded.get((lookup.kinds, lookup.tokens[0].strip()))
                if found:
                    early[lookup.into or lookup.target] = found[1]
        return early

    def finish(self):
        """References inside the object (a company's parent company), then the adapter's."""
        if self.self_refs:
            self._write_deferred()
        self.adapter.finish_object(self.view)
        companions.write(self)  # one row making two records (a job's task): no row counts
        self.record_chunk(0)
        self.line._fold_chunks(state="done")
        self.ctx.log("%s -> %s: %s" % (self.obj.name, self.model, json.dumps(self.line.summary())))
        return self.line

    def _write_deferred(self):
        """Second pass over the rows this run wrote: references to the same object."""
        Staging = self.env["migration.staging.record"]
        # only the rows that give such a reference (when columns give them all)
        columns = [self.plan.column_of(target) for target in self.self_refs]
        given = columns if all(columns) else None
        for ids in Staging._written_chunks(self.obj, self.ctx.run, self.ctx.chunk_size, given):
            rows = []
            for staging in Staging.browse(ids):
                try:
                    row = transform.transform_row(
                        self.plan_for(staging), staging.row_number, staging.payload or {}
                    )
                except RowError:
                    continue
                if staging.res_model and any(lk.deferred for lk in row.lookups):
                    rows.append((staging, row))
            # the records of the chunk in one recordset: read together, not one by one
            existing = {}
            for model in {staging.res_model for staging, _row in rows}:
                ids_ = [staging.res_id for staging, _row in rows if staging.res_model == model]
                existing.update({(model, r.id): r for r in self.env[model].browse(ids_).exists()})
            items = [
                (staging, row, existing[staging.res_model, staging.res_id])
                for staging, row in rows
                if (staging.res_model, staging.res_id) in existing
            ]
            if not items:
                continue
            lookups = [
                dataclasses.replace(lk, deferred=False)
                for _staging, row, _record in items
                for lk in row.lookups
                if lk.deferred
            ]
            resolved = self.ctx.resolver.resolve(lookups, self)
            self.writer.write_deferred(items, resolved)
            self.flush_outcomes()

    def step(self):
        """One unit of work: start, or one chunk, or finish.

        Several workers may step the same object: each chunk is claimed by one of
        them, and the start and the finish are done by one worker alone, the finish
        once no chunk is left in flight. Returns PROGRESS, WAIT or DONE.
        """
        if self.line.state == "pending":
            if not self._hold_line():
                return WAIT  # another worker is starting it
            return self._start_step()
        ids = self.next_chunk()
        if ids:
            self.load_chunk(ids)
            return PROGRESS
        if self.next_chunk(size=1, claim=False) or not self._hold_line():
            return WAIT  # its last chunks are loading in other workers
        if self.line.state == "done":
            return DONE  # finished by another worker
        self.finish()
        return DONE

    def _start_step(self):
        if self.obj.blocked:
            self.skip_all("the file has a blocking problem")
            return DONE
        if not self.adapter.writes:
            self.skip_all(self.adapter.reason, code="not_migrated", severity="info")
            return DONE
        self.start()
        if self.plan.fold or self.plan.link:
            # rows kept on their parent, or adding a record to it: one strategy of the
            # object's step, whose outcomes are counted here like a chunk's
            rows = self.row_ids()
            (fold_rows if self.plan.fold else link_rows)(self, rows)
            self.flush_outcomes()
            self.record_chunk(len(rows))
            self.finish()
            return DONE
        return PROGRESS

    def _hold_line(self):
        """This worker alone starts or finishes the object (until its transaction ends),
        and reads the line as it is now (``RunContext.lock_current``)."""
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", (LINE_LOCK_SPACE, self.line.id)
        )
        if not self.env.cr.fetchone()[0]:
            return False
        self.ctx.lock_current(self.line)
        return True

    # ------------------------------------------------------------------
    # Rows
    # ------------------------------------------------------------------
    def prepare_row(self, staging, keyed=True):
        if staging.state in ("problem", "excluded"):
            problems = staging.issue_ids.filtered(lambda i: not i.run_id and i.state == "open")
            waived = staging.state == "problem" and not problems
            if not waived:
                excluded = staging.state == "excluded"
                reason = (
                    "excluded from the migration"
                    if excluded
                    else "the row has a problem in the file (see its issues)"
                )
                # listed with the run's issues, as every row it does not load, with the
                # columns of its problems
                columns = ", ".join(dict.fromkeys(c for c in problems.mapped("column") if c))
                column = None if excluded else columns or None
                self.ctx.issue(
                    "%s: not loaded: %s%s"
                    % (
                        self.where(staging, column),
                        reason,
                        "" if excluded else "; waive them to load it as it is",
                    ),
                    "excluded_row" if excluded else "problem_row",
                    obj=self.obj,
                    staging=staging,
                    column=column,
                    severity="info" if excluded else "warning",
                )
                self.skip(staging, staging.state, reason)
                return None
        if filters.left_out(self, staging):
            return None
        try:
            row = transform.transform_row(
                self.plan_for(staging), staging.row_number, staging.payload or {}
            )
        except RowError as error:
            self.fail(staging, error)
            return None
        if not keyed:
            return staging, row, {}
        column = ", ".join(self.plan.key_columns) or None
        if not row.source_id:
            self.fail(
                staging,
                RowError(
                    "%s: the source id is blank; every row needs one"
                    % self.where(staging, column),
                    column=column,
                    code="blank_source_id",
                ),
            )
            return None
        if row.source_id in self.seen:
            self.skip(staging, "skipped", DUPLICATE_SKIPPED)
            return None
        self.seen.add(row.source_id)
        try:
            status = self._status(staging, row)
        except RowError as error:
            self.fail(staging, error)
            return None
        return staging, row, status

    def _status(self, staging, row):
        """What the stage map says of the row's stage and status columns."""
        status = {}
        for raw, column in row.status:
            value = self.stage_map.get(raw.strip().lower())
            if not value:
                raise RowError(
                    "%s: stage %r is not in the confirmed stage map; review the stage map "
                    "and confirm the mapping again to load this row"
                    % (self.where(staging, column), raw),
                    column=column,
                    code="unknown_stage",
                )
            if value.action == "stage":
                status["stage"] = value
            elif value.action in ("won", "lost"):
                status["outcome"] = value.action
        return status

    def _report_missing(self, staging, assembled):
        attach_found = assembled.attach is not None
        for lookup, token in assembled.missing:
            if lookup.quiet:
                continue
            composed = targets.get(lookup.target)
            column = lookup.column
            here = self.where(staging, column)
            shown = values.shown(token)
            if not values.fits_index(token):  # never created: Odoo indexes names
                shown += " (too long to name a record: Odoo indexes at most %s bytes)" % (
                    values.INDEX_MAX_BYTES
                )
            if lookup.mode == transform.LOOKUP_USER:
                self.ctx.issue(
                    "%s: owner %s matches no Odoo user (active or archived) by email, login "
                    "or name; the record was loaded without an owner. Choose the user in the "
                    "project's Owners tab (or create it) and run a delta to set it."
                    % (here, shown),
                    "unmatched_owner",
                    obj=self.obj,
                    staging=staging,
                    column=column,
                    severity="warning",
                )
            elif lookup.mode == transform.LOOKUP_RECORD:
                if composed and composed.role == targets.ROLE_ATTACH and not attach_found:
                    continue  # the row fails: reported by the adapter
                if lookup.keep:
                    message = (
                        "%s: %s is not in the export nor in Odoo; it is kept as the company "
                        "name. Allow creating missing companies in the mapping to create it."
                        % (here, shown)
                    )
                else:
                    message = (
                        "%s: %s is not in the export nor in Odoo; the record was loaded "
                        "without it. Add the missing record to the export, or fix the "
                        "reference." % (here, shown)
                    )
                self.ctx.issue(
                    message,
                    "orphan_reference",
                    obj=self.obj,
                    staging=staging,
                    column=column,
                    severity="warning",
                )
            else:
                what = {
                    transform.LOOKUP_COUNTRY: ("country", "unknown_country"),
                    transform.LOOKUP_STATE: ("state", "unknown_state"),
                }.get(lookup.mode)
                label, code = what or (
                    self.env[lookup.comodel]._description if lookup.comodel else "value",
                    "unmatched_reference",
                )
                refusal = lookup.create and lookup.comodel and self.ctx.refusal(lookup.comodel)
                self.ctx.issue(
                    "%s: %s %s is not known to Odoo; the field was left empty%s"
                    % (here, label, shown, " (%s)" % refusal if refusal else ""),
                    code,
                    obj=self.obj,
                    staging=staging,
                    column=column,
                    severity="warning",
                )

    # ------------------------------------------------------------------
    # Outcomes
    # ------------------------------------------------------------------
    def fail(self, staging, error):
        self.outcomes.failed(staging, error)

    def skip(self, staging, state, reason):
        self.outcomes.skipped(staging, reason, state)

    def flush_outcomes(self):
        """The rows' outcomes so far, written to the staged rows in one query, and why
        each failed row failed, an issue naming its file, row and column."""
        for staging, error in self.outcomes.take_failures():
            self.ctx.issue(
                error.message, error.code, obj=self.obj, staging=staging, column=error.column
            )
        bulk.write_outcomes(self.env, self.outcomes.take_rows(), self.ctx.run.id)

    def skip_all(self, reason, code="file_blocked", severity="error"):
        """An object that does not load: every staged row counted skipped, with the reason."""
        rows = self.obj.staging_ids
        rows.write({"state": "skipped", "message": reason, "run_id": self.ctx.run.id})
        self.ctx.issue(
            "%s was not loaded: %s." % (self.obj.name, reason),
            code,
            obj=self.obj,
            severity=severity,
        )
        self.line._add_chunk(len(rows), {"skipped": len(rows)})
        self.line._fold_chunks(planned=len(rows), state="done")
        return self.line

    def _report_unconfirmed(self):
        for column in self.mapping.line_ids.filtered(lambda ln: not ln.confirmed):
            if column.fill_rate or column.target_name or column.create_custom:
                self.ctx.issue(
                    "%s: column %r is new since the mapping was confirmed and was not "
                    "migrated; review it and confirm the mapping again to include it."
                    % (self.obj.name, column.source_name),
                    "unconfirmed_column",
                    obj=self.obj,
                    column=column.source_name,
                    severity="warning",
                )


@dataclasses.dataclass
class Item:
    """A row on its way to a record."""

    staging: object
    row: transform.RowPlan
    assembled: transform.Assembled
    vals: dict
    record: object = None
    dated: bool = False  # its source creation date went into its INSERT
    # references to the object's own rows already loaded, given if it is created (not
    # in ``vals``, whose hash must not depend on the order rows were loaded in)
    early: dict = None
