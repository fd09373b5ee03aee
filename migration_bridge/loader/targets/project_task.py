"""Tasks (the Project app): a source's tasks, the task of each job's deal, and the
tasks of a source project's Odoo project.

Odoo Community has no field between ``project.task`` and ``crm.lead`` (neither
``crm`` nor ``project`` names the other; ``sale_project`` links a task to a sale
order, not to a deal). A job's task is a companion of its deal (the profile's
``Companion`` word, written by ``loader/companions.py``): its deal is kept on the
task's ``migration.record.link``, whose ``refs`` name it (``{"crm.lead": [id]}``).
"""

import datetime

from ...services import transform, values
from .base import TargetAdapter


def _deadline(value):
    """A task's deadline (a datetime since Odoo 18) from a date, at noon."""
    if value and not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(12, 0))
    return value or False


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

    # ------------------------------------------------------------------
    # A companion of a row's record (loader/companions.py)
    # ------------------------------------------------------------------
    def companion_values(self, load, staging, deal, given, users, project):
        """The task of a job's deal, in ``project`` (named after the object): titled,
        described and for the customer as its deal is; deadline its deal's expected
        closing; assignees ``users`` (its columns' users), else the deal's owner; its
        stage the job's status as the stage map reads it, a stage of that project
        (folded for a won or lost status, or an archived deal)."""
        vals = {
            "name": deal.name,
            "project_id": project.id,
            "partner_id": deal.partner_id.id,
            "user_ids": [(6, 0, sorted(set(users or deal.user_id.ids)))],
            "date_deadline": _deadline(deal.date_deadline),
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
            stage = self.stage_in(project.id, name.strip(), closed=closed)
            if stage:
                vals["stage_id"] = stage
        return vals

    def child_values(self, load, deal, project, given):
        """A task of a source project (a child row, ``Children``) in its Odoo
        ``project``: its name, deadline, and status as a stage of that project (folded
        when the profile reads it as won or lost); for the deal's customer; no
        assignee the export does not name."""
        profile = self.ctx.profile
        deadline = False
        if given.get("date_deadline"):
            try:
                deadline = _deadline(values.parse_date(given["date_deadline"]))
            except ValueError:
                deadline = False
        vals = {
            "name": given.get("name") or project.name,
            "project_id": project.id,
            "partner_id": deal.partner_id.id,
            "user_ids": [(6, 0, [])],
            "date_deadline": deadline,
            "description": given.get("description") or False,
        }
        status = (given.get("stage_id") or "").strip()
        if status:
            closed = profile.is_won(status) or profile.is_lost(status)
            stage = self.stage_in(project.id, status, closed=closed)
            if stage:
                vals["stage_id"] = stage
        return vals
