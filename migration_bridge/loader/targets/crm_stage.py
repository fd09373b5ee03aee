"""Pipelines: the project's sales team, the teams and stages deals land in, made from
the source's values.

A project's pipeline is a sales team (``migration.project.team_id``): chosen on the
project, or made by the first run that loads deals whose rows name no team. Stages a
run creates belong to it, so a deal's stage bar (Odoo shows a team's stages and those
of no team) shows that project's stages only. Odoo 17.0 and 18.0 give a stage one team
(``team_id``), 19.0 several (``team_ids``): ``stage_team_field`` says which.
"""

from odoo import fields

from ...series import fields as series_fields
from ...services import values
from .base import TargetAdapter

# The source id kind of a project's pipeline: 'pipeline:<project id>'.
PIPELINE_KIND = "pipeline"


def stage_team_field(Stage):
    """The field of crm.stage naming the teams that use a stage (17.0/18.0: team_id,
    19.0: team_ids)."""
    return "team_ids" if series_fields.has(Stage.env, "crm.stage", "team_ids") else "team_id"


def team_stage_vals(Stage, team):
    """The values that make a new stage the team's own (none without a team)."""
    if not team:
        return {}
    field = stage_team_field(Stage)
    if Stage._fields[field].type == "many2many":
        return {field: [fields.Command.link(team.id)]}
    return {field: team.id}


def visible_domain(Stage, team):
    """The stages a deal of ``team`` may be in: the team's and those of no team (the
    domain of a lead's stage in Odoo's form and of its kanban's columns)."""
    field = stage_team_field(Stage)
    if not team:
        return [(field, "=", False)]
    return ["|", (field, "=", False), (field, "in", team.ids)]


def find_stage(Stage, team, domain, order=None):
    """The first stage matching ``domain`` among the team's own stages, else among the
    stages of no team; never a stage of another team only (another project's)."""
    field = stage_team_field(Stage)
    scopes = [[(field, "in", team.ids)]] if team else []
    scopes.append([(field, "=", False)])
    for scope in scopes:
        stage = Stage.search(scope + list(domain), order=order, limit=1)
        if stage:
            return stage
    return Stage.browse()


def pipeline_key(project):
    return "%s:%s" % (PIPELINE_KIND, project.id)


class CrmTeamAdapter(TargetAdapter):
    """Teams named in the rows (created by name), and the project's pipeline."""

    model = "crm.team"
    aux_kind = "team"

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self._pipeline = None

    def pipeline(self):
        """The project's pipeline (empty when it has none yet)."""
        if self._pipeline is None:
            self._pipeline = self.ctx.project.sudo().team_id.with_env(self.env)
        return self._pipeline

    def ensure_pipeline(self, obj=None):
        """The project's pipeline, made now when it has none: the team a run made for it
        before (found by its source id), else a new team named after the project, linked
        to this run so that its rollback removes it. Empty when the run's user may not
        create teams: the run goes on without (its stages are of no team), and says so."""
        project = self.ctx.project
        if self.pipeline():
            return self._pipeline
        # Two workers starting two deal files at once make one pipeline: the second
        # waits for the first, and its step is tried again seeing the team.
        self.ctx.lock_current(project)
        self._pipeline = None
        if self.pipeline():
            return self._pipeline
        key = pipeline_key(project)
        team = self.Model.sudo().search([("x_source_id", "=", key)], limit=1).with_env(self.env)
        if not team:
            team = self.ctx.create_named(self.model, {"name": project.name, "x_source_id": key})
            if not team:
                self.ctx.issue(
                    "The project's pipeline (a sales team named %r) was not created: %s. Its "
                    "deals land in the team Odoo gives them and the stages the run creates "
                    "belong to no team; choose a Pipeline on the project to keep them apart."
                    % (project.name, self.ctx.refusal(self.model)),
                    "pipeline_not_created",
                    obj=obj,
                    severity="warning",
                )
                self._pipeline = team
                return team
            self.ctx.link_created(team, PIPELINE_KIND, str(project.id))
        project.sudo().write({"team_id": team.id})
        self._pipeline = team
        return team


class CrmStageAdapter(TargetAdapter):
    """Stages as the confirmed stage map says: an existing one, or one created in the
    order of the source pipeline, in the team its deals land in (the project's pipeline,
    or the team a deal's row names); won values land in that team's won stage. A stage
    is found by name among the team's stages, then among the stages of no team: never
    another team's (another project's pipeline, another source pipeline)."""

    model = "crm.stage"
    aux_kind = "stage"

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self._by_value = {}
        self._won = {}

    @property
    def team(self):
        """The project's pipeline, which the stages the run creates belong to."""
        return self.ctx.adapter("crm.team").pipeline()

    def stage_for(self, value, team=None):
        """The stage id of a confirmed stage-map value in ``team`` (default: the
        project's pipeline), created when new; False when it is new and the run's user
        may not create stages."""
        team = team if team is not None else self.team
        key = (value.id, team.id)
        if key in self._by_value:
            return self._by_value[key]
        stage = value.stage_id
        if not stage:
            name = (value.stage_name or value.source_value).strip()
            stage = find_stage(
                self.Model, team, [("name", "=ilike", name), ("is_won", "=", False)]
            )
            if not stage:
                last = self.Model.search(
                    visible_domain(self.Model, team) + [("is_won", "=", False)],
                    order="sequence desc",
                    limit=1,
                )
                stage = self._create(name, {"sequence": (last.sequence or 0) + 1}, team)
        self._by_value[key] = stage.id
        return stage.id

    def won_stage(self, team=None):
        """A won stage of ``team`` (default: the project's pipeline), created when there
        is none; False when the user may not."""
        team = team if team is not None else self.team
        if team.id not in self._won:
            stage = find_stage(self.Model, team, [("is_won", "=", True)], order="sequence")
            if not stage:
                stage = self._create("Won", {"is_won": True, "sequence": 70}, team)
            self._won[team.id] = stage.id
        return self._won[team.id]

    def _create(self, name, vals, team):
        key = "%s:%s" % (self.aux_kind, name)
        if not values.fits_index(key):  # no stage of it: its deals fail (crm_lead)
            return self.Model
        vals = dict(vals, name=name, x_source_id=key, **team_stage_vals(self.Model, team))
        record = self.ctx.create_named(self.model, vals)
        if record:
            self.ctx.link_created(record, self.aux_kind, name)
        return record
