"""Pipelines: the teams and stages deals land in, made from the source's values."""

from ...services import values
from .base import TargetAdapter


class CrmTeamAdapter(TargetAdapter):
    model = "crm.team"
    aux_kind = "team"


class CrmStageAdapter(TargetAdapter):
    """Stages as the confirmed stage map says: an existing one, or one created in the
    order of the source pipeline; won values land in a won stage."""

    model = "crm.stage"
    aux_kind = "stage"

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self._by_value = {}
        self._won = None

    def stage_for(self, value):
        """The stage id of a confirmed stage-map value (created when new); False when
        it is new and the run's user may not create stages."""
        if value.id in self._by_value:
            return self._by_value[value.id]
        stage = value.stage_id
        if not stage:
            name = (value.stage_name or value.source_value).strip()
            stage = self.Model.search([("name", "=ilike", name), ("is_won", "=", False)], limit=1)
            if not stage:
                last = self.Model.search([("is_won", "=", False)], order="sequence desc", limit=1)
                stage = self._create(name, {"sequence": (last.sequence or 0) + 1})
        self._by_value[value.id] = stage.id
        return stage.id

    def won_stage(self):
        """A won stage (created when there is none); False when the user may not."""
        if self._won is None:
            stage = self.Model.search([("is_won", "=", True)], order="sequence", limit=1)
            if not stage:
                stage = self._create("Won", {"is_won": True, "sequence": 70})
            self._won = stage.id
        return self._won

    def _create(self, name, vals):
        key = "%s:%s" % (self.aux_kind, name)
        if not values.fits_index(key):  # no stage of it: its deals fail (crm_lead)
            return self.Model
        record = self.ctx.create_named(self.model, dict(vals, name=name, x_source_id=key))
        if record:
            self.ctx.link_created(record, self.aux_kind, name)
        return record
