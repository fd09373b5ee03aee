from odoo import _, api, fields, models

from ..loader.targets.crm_stage import find_stage, visible_domain
from .migration_project import check_manager

VALUE_ACTIONS = [
    ("stage", "Stage"),
    ("won", "Won"),
    ("lost", "Lost"),
    ("open", "Open (keep the stage)"),
]


class MigrationMappingValue(models.Model):
    """What one source stage (or status) value becomes in Odoo.

    Won values land in a won stage, lost values mark the deal lost (archived,
    probability 0, a lost reason) instead of parking it in a stage named Lost.
    """

    _name = "migration.mapping.value"
    _description = "Stage map"
    _order = "mapping_id, sequence, id"

    mapping_id = fields.Many2one(
        "migration.mapping", required=True, ondelete="cascade", index=True
    )
    project_id = fields.Many2one(related="mapping_id.project_id", store=True, index=True)
    line_id = fields.Many2one("migration.mapping.line", ondelete="cascade")
    sequence = fields.Integer()
    source_value = fields.Char("Source value", required=True)
    count = fields.Integer("Rows")
    action = fields.Selection(VALUE_ACTIONS, required=True, default="stage")
    stage_id = fields.Many2one(
        "crm.stage", help="An existing stage; empty: a stage named after the value is created."
    )
    stage_name = fields.Char(help="Name of the stage to create when no existing stage is chosen.")
    allowed_stage_ids = fields.Many2many(
        "crm.stage",
        compute="_compute_allowed_stage_ids",
        help="The stages the value may be mapped to: those of the project's pipeline and of "
        "the teams the rows name, and those of no team (never another project's).",
    )
    confirmed = fields.Boolean(readonly=True)
    reason = fields.Char()
    locked = fields.Boolean(compute="_compute_locked")
    outcome = fields.Char(
        "In Odoo",
        compute="_compute_outcome",
        help="The stage the value lands in now: an existing one, one a run created, or one "
        "the next run creates.",
    )

    @api.depends("project_id.team_id", "mapping_id.line_ids.target_name")
    def _compute_allowed_stage_ids(self):
        Stage = self.env["crm.stage"]
        by_mapping = {}
        for value in self:
            mapping = value.mapping_id
            if mapping not in by_mapping:
                teams = mapping.project_id.team_id
                for line in mapping.line_ids.filtered(lambda ln: ln.target_name == "team_id"):
                    names = [name for name, _count in line._distinct_values()]
                    if names:
                        teams |= self.env["crm.team"].search([("name", "in", names)])
                by_mapping[mapping] = Stage.search(visible_domain(Stage, teams))
            value.allowed_stage_ids = by_mapping[mapping]

    @api.depends("action", "stage_id", "stage_name", "source_value", "project_id.team_id")
    def _compute_outcome(self):
        """Where the value lands now. A stage the project's runs created is found by their
        record links (``x_source_id`` 'stage:<name>' is the same in every project); else
        an existing stage by name, as a run finds it: the project's pipeline's, else one
        of no team."""
        Stage = self.env["crm.stage"].sudo().with_context(active_test=False)
        Link = self.env["migration.record.link"].sudo()
        for value in self:
            if value.action != "stage":
                value.outcome = dict(VALUE_ACTIONS)[value.action]
                continue
            if value.stage_id:
                value.outcome = _("stage %(stage)s", stage=value.stage_id.name)
                continue
            name = (value.stage_name or value.source_value or "").strip()
            links = Link.search(
                [
                    ("project_id", "=", value.project_id.id),
                    ("model", "=", "crm.stage"),
                    ("operation", "=", "created"),
                    ("source_id", "=", name),
                    ("rolled_back", "=", False),
                ],
                order="id desc",
            )
            created = Stage.browse(links.mapped("res_id")).exists()[:1]
            if created:
                value.outcome = _("stage %(stage)s, created by a run", stage=created.name)
                continue
            found = find_stage(
                Stage,
                value.project_id.team_id,
                [("name", "=ilike", name), ("is_won", "=", False)],
            )
            value.outcome = (
                _("stage %(stage)s", stage=found.name)
                if found
                else _("a new stage %(stage)s, created by the next run", stage=name)
            )

    @api.depends("mapping_id.state")
    @api.depends_context("uid")
    def _compute_locked(self):
        # Not a related field: those compute as superuser, whom nothing locks.
        for value in self:
            value.locked = value.mapping_id.locked

    def write(self, vals):
        if vals.get("confirmed") and not self.env.context.get("mapping_confirm"):
            check_manager(self.env, _("confirm a mapping"))
        if {"action", "stage_id", "stage_name"} & set(vals) and "confirmed" not in vals:
            vals = dict(vals, confirmed=False)
            self.mapping_id._reopen(_("stage value %s", ", ".join(self.mapped("source_value"))))
        return super().write(vals)

    @api.model
    def _proposal(self, profile, line, value):
        """The proposed action for a source value, with its reason."""
        vals = {
            "mapping_id": line.mapping_id.id,
            "line_id": line.id,
            "source_value": value,
        }
        if profile.is_won(value):
            return dict(vals, action="won", reason="%r means won" % value)
        if profile.is_lost(value):
            return dict(vals, action="lost", reason="%r means lost" % value)
        if line.target_name == "_status":
            return dict(vals, action="open", reason="%r is neither won nor lost" % value)
        # as a run finds it: the project's pipeline's stage, else one of no team
        stage = find_stage(
            self.env["crm.stage"],
            line.mapping_id.project_id.team_id,
            [("name", "=ilike", value), ("is_won", "=", False)],
        )
        if stage:
            return dict(
                vals, action="stage", stage_id=stage.id, reason="existing stage %r" % stage.name
            )
        return dict(
            vals, action="stage", stage_name=value, reason="new stage %r will be created" % value
        )
