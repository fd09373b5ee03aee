"""Deals: a lead's stage, won and lost semantics, its closing date and lead scoring."""

import datetime

from odoo.tools import split_every

from ...series import config, scoring
from ...services import transform, values
from ...services.errors import RowError
from .base import TargetAdapter

SCORING_BATCH = 50000


class CrmLeadAdapter(TargetAdapter):
    """Won deals land in a won stage with probability 100; lost deals are archived
    with probability 0 and a lost reason (Odoo 17 has no lost stage). A closed
    deal keeps the source's close date as ``date_closed``. Once a run brought won
    and lost history, predictive lead scoring is rebuilt from it."""

    model = "crm.lead"
    date_columns = ("create_date", "write_date", "date_closed")

    @property
    def stages(self):
        return self.ctx.adapter("crm.stage")

    @property
    def teams(self):
        return self.ctx.adapter("crm.team")

    def prepare_object(self, load):
        """Teams and stages exist before the first deal loads, from the source values.

        Deals whose rows name no team (no column of it) land in the project's pipeline,
        made first, and the stages of the stage map are made in it, in the source's
        order. Deals whose rows name their team keep it: those teams are the source's
        pipelines, and each gets the stages its rows are in (and a won stage when some
        are won), so that a deal's stage bar shows its own pipeline's stages only."""
        values = load.mapping.value_ids.filtered("confirmed")
        team_lines = load.mapping.line_ids.filtered(
            lambda ln: ln.confirmed and ln.target_name == "team_id"
        )
        teams = [
            transform.Lookup(
                "team_id",
                transform.LOOKUP_NAME,
                "crm.team",
                tuple(value for value, _count in line._distinct_values()),
                line.source_name,
                create="1",
            )
            for line in team_lines
        ]
        self.ctx.resolver.resolve(teams, load)
        if not teams:
            self.teams.ensure_pipeline(load.obj)
            for value in values.filtered(lambda v: v.action == "stage").sorted("sequence"):
                self.stages.stage_for(value)
            if values.filtered(lambda v: v.action == "won"):
                self.stages.won_stage()
        else:
            self._prepare_team_stages(load, values, teams[0])
        if values:
            self.ctx.log("%s: stages and the teams of its pipeline ready" % load.obj.name)

    def _prepare_team_stages(self, load, values, lookup):
        """Each team the rows name gets the stages its rows are in, in the source's order."""
        Team = self.env["crm.team"]
        Staging = self.env["migration.staging.record"]
        in_team = {}  # team id -> {value id}
        staged = values.filtered(lambda v: v.action in ("stage", "won") and v.line_id)
        for line in staged.line_id:  # one query per stage (or status) column
            by_text = {v.source_value.strip().lower(): v for v in staged if v.line_id == line}
            for source_value, token in Staging._distinct_pairs(
                load.obj, line.source_name, lookup.column
            ):
                team_id = self.ctx.resolver.found.get(lookup.key(token))
                value = by_text.get(source_value.lower())
                if team_id and value:
                    in_team.setdefault(team_id, set()).add(value.id)
        for team_id, value_ids in sorted(in_team.items()):
            team = Team.browse(team_id)
            for value in values.filtered(lambda v, ids=value_ids: v.id in ids).sorted("sequence"):
                if value.action == "won":
                    self.stages.won_stage(team)
                else:
                    self.stages.stage_for(value, team)

    def _row_team(self, vals):
        """The team a deal lands in: the one its row names, else the project's pipeline."""
        if vals.get("team_id"):
            return self.env["crm.team"].browse(vals["team_id"])
        return self.teams.pipeline()

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        self._check_team(load, staging, assembled)
        if status.get("stage"):
            self._check_stage_name(load, staging, row, status["stage"])
            vals["stage_id"] = self.stages.stage_for(status["stage"], self._row_team(vals))
            if not vals["stage_id"]:
                raise self._refused(load, staging, row, "crm.stage", status["stage"].source_value)
        outcome = status.get("outcome")
        if outcome == "won":
            vals["stage_id"] = self.stages.won_stage(self._row_team(vals))
            if not vals["stage_id"]:
                raise self._refused(load, staging, row, "crm.stage", "Won")
            vals["probability"] = 100.0
        elif outcome == "lost":
            vals["active"] = False
            vals["probability"] = 0.0
            if not vals.get("lost_reason_id"):
                vals["lost_reason_id"] = self.env.ref("migration_bridge.lost_reason_migrated").id
        if outcome:
            closed = vals.get("date_closed") or vals.get("date_deadline")
            if closed and "date_closed" not in row.dates:
                if not isinstance(closed, datetime.datetime):
                    closed = datetime.datetime.combine(closed, datetime.time(12, 0))
                row.dates["date_closed"] = closed
        vals.pop("date_closed", None)
        return vals

    def _check_stage_name(self, load, staging, row, value):
        """A stage the map creates is named after the value and keeps it in its indexed
        source id: a value too long for the index names no stage, and its row fails."""
        name = (value.stage_name or value.source_value or "").strip()
        if value.stage_id or values.fits_index("%s:%s" % (self.stages.aux_kind, name)):
            return
        column = row.status[0][1] if row.status else None
        raise RowError(
            "%s: stage %s is too long to name a stage (Odoo indexes at most %s bytes of it); "
            "choose an existing stage for it, or a shorter name, in the stage map"
            % (load.where(staging, column), values.shown(name), values.INDEX_MAX_BYTES),
            column=column,
            code="too_long_for_index",
        )

    def _check_team(self, load, staging, assembled):
        """A deal whose pipeline is a team the run could not create does not load
        (in no team, it would land in another pipeline)."""
        for lookup, token in assembled.missing:
            if lookup.target == "team_id" and lookup.create and self.ctx.refusal("crm.team"):
                raise RowError(
                    "%s: sales team %r is not in Odoo and %s; the row was not loaded"
                    % (load.where(staging, lookup.column), token, self.ctx.refusal("crm.team")),
                    column=lookup.column,
                    code="access_refused",
                )

    def _refused(self, load, staging, row, model, name):
        """The row fails: its stage is new and the run's user may not create it."""
        column = row.status[0][1] if row.status else None
        return RowError(
            "%s: sales stage %r is not in Odoo and %s; the row was not loaded"
            % (load.where(staging, column), name, self.ctx.refusal(model)),
            column=column,
            code="access_refused",
        )

    def create_records(self, model, vals_list):
        """Won and lost deals do not update lead scoring one by one: ``finish_run``
        rebuilds it from all of them."""
        Lead = self.env[model].with_context(migration_scoring_rebuilt=True)
        records = Lead.create(vals_list).with_env(self.env)
        self.write_sql(zip(records, vals_list, strict=True))
        return records

    def create_defaults(self, vals):
        # A deal without an owner in the source has none in Odoo (not the importer).
        defaults = {"user_id": False}
        # A new deal whose row names no team lands in the project's pipeline (an update
        # never moves a deal: a team chosen in Odoo since is kept).
        pipeline = self.teams.pipeline()
        if pipeline:
            defaults["team_id"] = pipeline.id
        return defaults

    def finish_run(self):
        """Rebuild lead scoring from the migrated won and lost deals.

        Odoo's scoring only learns from leads created after ``crm.pls_start_date``;
        migrated deals keep their source creation dates, so the start date moves
        back to the oldest of them before the frequency table is rebuilt.
        """
        self.env["crm.lead"].flush_model()
        self.env.cr.execute(
            "SELECT 1 FROM migration_record_link l JOIN crm_lead d ON d.id = l.res_id "
            "WHERE l.run_id = %s AND l.model = 'crm.lead' "
            "AND (d.probability IN (0, 100) OR NOT d.active) LIMIT 1",
            (self.ctx.run.id,),
        )
        if not self.env.cr.fetchone():
            return  # the run brought no won or lost history
        self.env["crm.lead"].flush_model()
        self.env.cr.execute(
            "SELECT min(create_date)::date FROM crm_lead WHERE x_source_id IS NOT NULL"
        )
        oldest = self.env.cr.fetchone()[0]
        current = config.get_str(self.env, "crm.pls_start_date")
        if oldest and (not current or str(oldest) < current):
            config.set_str(self.env, "crm.pls_start_date", str(oldest))
        self.rebuild_scoring()
        self.ctx.log("lead scoring rebuilt from the migrated won and lost deals")

    def rebuild_scoring(self):
        """Odoo's scoring cron, without its commits (the run owns its transaction)."""
        Lead = self.env["crm.lead"].sudo()
        Lead._rebuild_pls_frequency_table()
        start = Lead._pls_get_safe_start_date()
        if not start:
            return
        pending = Lead.search(scoring.pending_domain(start))
        by_probability = {}
        for batch in split_every(SCORING_BATCH, pending.ids):
            found = scoring.probabilities(Lead.browse(batch))
            for lead_id, probability in found.items():
                by_probability.setdefault(probability, []).append(lead_id)
        Lead.flush_model()
        for probability, ids in by_probability.items():
            self.env.cr.execute(
                "UPDATE crm_lead SET automated_probability = %s, probability = CASE WHEN "
                "(probability = automated_probability OR probability IS NULL) THEN %s "
                "ELSE probability END WHERE id IN %s",
                (probability, probability, tuple(ids)),
            )
        Lead.invalidate_model(["automated_probability", "probability"])
