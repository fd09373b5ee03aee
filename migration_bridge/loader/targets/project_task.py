"""Tasks (the Project app): a source's tasks, and the task of each job's deal.

Odoo Community has no field between ``project.task`` and ``crm.lead`` (neither
``crm`` nor ``project`` names the other; ``sale_project`` links a task to a sale
order, not to a deal). A task's deal is kept the way the addon keeps every link of
a migrated record: on the task's ``migration.record.link``, whose ``refs`` name the
deal (``{"crm.lead": [id]}``); ``DealTasks.task_of`` finds a deal's task from it.
"""

import datetime

from ...services import targets, transform, values
from ...services.matcher import normalize
from ..write import WRITE_ERRORS, comparable, error_text, serializable
from .base import TargetAdapter
from .crm_lead import CrmLeadAdapter

# The companion target a job's object names the columns of its task's assignees by
# (``ObjectSpec.synonyms``): several owners, matched as the deal's owner is.
ASSIGNEES = targets.COMPANION[0]


class ProjectTaskAdapter(TargetAdapter):
    """A source task is a ``project.task``: title, project (the source id of a
    project the run loaded, ``project_id``), assignees (``user_ids``: several owners
    in one cell, each matched to an Odoo user as an owner is), deadline, customer,
    description, tags, and its stage: the source status through the stage map,
    a task stage (``project.task.type``) of its project found by name or created in
    it, as a deal's stage is (a won or lost status: a folded stage named after it).
    Its deal (``_deal``) is kept on its record link."""

    model = "project.task"
    aux_kind = "task"

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self._stages = {}

    def create_defaults(self, vals):
        # a task nobody is assigned to in the source has no assignee in Odoo
        return {} if "user_ids" in vals else {"user_ids": [(6, 0, [])]}

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        name = self.stage_name(row, status)
        if name and vals.get("project_id"):
            stage = self.stage_in(vals["project_id"], name, closed=bool(status.get("outcome")))
            if stage:
                vals["stage_id"] = stage
        return vals

    @staticmethod
    def stage_name(row, status):
        """The task stage a row's status names: the stage map's name for it, else the
        status as the source writes it."""
        value = status.get("stage")
        if value:
            return (value.stage_name or value.source_value or "").strip()
        return (row.status[0][0] if row.status else "").strip()

    def stage_in(self, project_id, name, closed=False):
        """The id of the task stage ``name`` of the project, created when it has none
        (False when it cannot be: the run's user may not, or the name is too long)."""
        key = (project_id, name.lower())
        if key not in self._stages:
            Stage = self.env["project.task.type"].sudo().with_context(active_test=False)
            stage = Stage.search(
                [("project_ids", "in", [project_id]), ("name", "=ilike", name)], limit=1
            )
            if not stage and values.fits_index("task_stage:%s" % name):
                last = Stage.search(
                    [("project_ids", "in", [project_id])], order="sequence desc", limit=1
                )
                stage = self.ctx.create_named(
                    "project.task.type",
                    {
                        "name": name,
                        "sequence": (last.sequence or 0) + 1,
                        "fold": closed,
                        "project_ids": [(4, project_id)],
                    },
                )
                if stage:
                    self.ctx.link_created(stage, "task_stage", name)
            self._stages[key] = stage.id if stage else False
        return self._stages[key]


class DealTasks:
    """The task of a job's deal: a deal whose object's profile names its assignees'
    columns (``ObjectSpec.synonyms['_assignees']``: a booking's field workers, a work
    order's technician) also gets a ``project.task`` when the Project app is
    installed, once the object is loaded:

    - in a project named after the object's kind ('Bookings'), found or created;
    - titled, described and for the customer as its deal is; deadline its deal's
      expected closing; assignees the users its columns name (several in one cell,
      each matched as an owner is, the Owners tab's choices first), else the deal's
      owner; its stage the job's status, a stage of that project (``stage_in``);
    - linked to the run (``migration.record.link``, its ``refs`` naming the deal):
      a delta updates it (its previous values on the link) or finds it unchanged, a
      rollback deletes or restores it before its deal.

    The columns stay where the mapping puts them on the deal (a custom field); without
    the Project app the deal is all there is.
    """

    def finish_object(self, load):
        super().finish_object(load)
        columns = self._assignee_columns(load)
        if columns is None or "project.task" not in self.env:
            return
        Staging = self.env["migration.staging.record"]
        for ids in Staging._written_chunks(load.obj, self.ctx.run, self.ctx.chunk_size):
            rows = Staging.browse(ids).filtered(lambda s: s.res_model == self.model)
            self._write_tasks(load, rows, columns)

    def _assignee_columns(self, load):
        """The object's columns of its tasks' assignees; None when its profile gives its
        deals no task."""
        spec = self.ctx.profile.object_spec(load.kind)
        names = (spec.synonyms.get(ASSIGNEES) if spec else None) or ()
        if not names:
            return None
        wanted = {normalize(n) for n in names}
        headers = load.obj.headers or []
        return [h for h in headers if normalize(h) in wanted]

    # ------------------------------------------------------------------
    def task_key(self, load, source_id):
        return "%s_task:%s" % (load.plan.key_kind, source_id)

    def task_of(self, key):
        """The task a run of this project made under ``key``, and its link."""
        Link = self.env["migration.record.link"].sudo()
        link = Link.search(
            [
                ("project_id", "=", self.ctx.project.id),
                ("model", "=", "project.task"),
                ("source_key", "=", key),
                ("operation", "=", "created"),
                ("rolled_back", "=", False),
            ],
            order="id desc",
            limit=1,
        )
        task = self.env["project.task"].browse(link.res_id).exists() if link else None
        return task or None

    def _write_tasks(self, load, rows, columns):
        deals = {d.id: d for d in self.env[self.model].browse(rows.mapped("res_id")).exists()}
        prepared = []
        lookups = []
        for staging in rows:
            deal = deals.get(staging.res_id)
            if not deal:
                continue
            payload = staging.payload or {}
            tokens = tuple(
                token
                for column in columns
                for token in values.split_list(str(payload.get(column) or ""))
                if token.strip()
            )
            lookup = None
            if tokens:
                lookup = transform.Lookup(
                    ASSIGNEES,
                    transform.LOOKUP_USER,
                    "res.users",
                    tokens,
                    columns[0],
                    multi=True,
                )
                lookups.append(lookup)
            prepared.append((staging, deal, lookup))
        resolved = self.ctx.resolver.resolve(lookups, load) if lookups else None
        project = self.ctx.adapter("project.project").named(self._project_name(load))
        if not project:
            self.ctx.log(
                "%s: no project for its tasks (%s)"
                % (load.obj.name, self.ctx.refusal("project.project") or "name too long")
            )
            return
        tasks = self.ctx.adapter("project.task")
        for staging, deal, lookup in prepared:
            users = []
            if lookup is not None:
                users = [
                    found[1] if isinstance(found, tuple) else found
                    for found in (resolved.get(lookup, t) for t in lookup.tokens)
                    if found
                ]
            vals = self._task_values(load, staging, deal, project, users, tasks)
            key = self.task_key(load, staging.source_id)
            try:
                with self.env.cr.savepoint():
                    self._write_task(load, staging, deal, key, vals)
            except WRITE_ERRORS as error:
                self.ctx.issue(
                    "%s: the deal loaded, its task did not: %s"
                    % (load.where(staging), error_text(error)),
                    "write_failed",
                    obj=load.obj,
                    staging=staging,
                    severity="warning",
                )

    def _project_name(self, load):
        label = self.ctx.profile.kinds[load.kind].label
        return label.split("(")[0].strip() or load.obj.name

    def _task_values(self, load, staging, deal, project, users, tasks):
        deadline = deal.date_deadline
        if deadline and not isinstance(deadline, datetime.datetime):
            deadline = datetime.datetime.combine(deadline, datetime.time(12, 0))
        vals = {
            "name": deal.name,
            "project_id": project.id,
            "partner_id": deal.partner_id.id,
            "user_ids": [(6, 0, sorted(set(users or deal.user_id.ids)))],
            "date_deadline": deadline or False,
            "description": deal.description or False,
        }
        raw = ""
        try:
            row = transform.transform_row(
                load.plan_for(staging), staging.row_number, staging.payload or {}
            )
            stage_column = load.plan.column_of("stage_id")
            raw = next((r for r, c in row.status if c == stage_column), "")
        except Exception:  # noqa: BLE001 the row loaded: its task keeps the project's first stage
            raw = ""
        if raw:
            value = load.stage_map.get(raw.strip().lower())
            name = (value.stage_name if value and value.action == "stage" else "") or raw
            closed = bool(value and value.action in ("won", "lost")) or not deal.active
            stage = tasks.stage_in(project.id, name.strip(), closed=closed)
            if stage:
                vals["stage_id"] = stage
        return vals

    def _write_task(self, load, staging, deal, key, vals):
        Task = self.env["project.task"]
        Link = self.env["migration.record.link"]
        link = {
            "run_id": self.ctx.run.id,
            "project_id": self.ctx.project.id,
            "model": "project.task",
            "source_object": load.obj.object_name,
            "source_id": staging.source_id,
            "source_key": key,
            "row_number": staging.row_number,
            "refs": {"crm.lead": [deal.id]},
        }
        task = self.task_of(key)
        if task is None:
            task = Task.create(vals)
            Link.create(dict(link, res_id=task.id, operation="created"))
            return
        changed = {
            name: value
            for name, value in vals.items()
            if comparable(task._fields[name], task[name]) != comparable(task._fields[name], value)
        }
        if not changed:
            return
        previous = {name: serializable(task._fields[name], task[name]) for name in changed}
        task.write(changed)
        Link.create(dict(link, res_id=task.id, operation="updated", previous_values=previous))


class CrmLeadTasksAdapter(DealTasks, CrmLeadAdapter):
    """Deals, and the task of a job's deal where the Project app is installed."""
