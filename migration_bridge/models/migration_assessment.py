"""The project's assessment and its sign-off workbook: the figures gathered from the
project (nothing written but the downloaded file), read by ``services.assessment``."""

import re

from odoo import _, fields, models

from ..services import assessment, connectors, targets
from ..services.connectors import dtools, elma365, hubspot, pipedrive

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Records a connector lists per call (the API's page cap).
PAGE_SIZES = {
    "dtools": dtools.PAGE_CAP,
    "pipedrive": pipedrive.CAP,
    "hubspot": hubspot.CAP,
    "elma365": elma365.CAP,
}
# Objects a connector reads one record per call (D-Tools: GetClient for each client).
DETAIL_OBJECTS = {"dtools": ("clients",)}
# Objects whose rows are files, downloaded one per call.
FILE_OBJECTS = {"dtools": ("clients.files",), "pipedrive": ("files",)}
# The objects a connector lists (D-Tools: the others have no documented endpoint).
LISTED_OBJECTS = {"dtools": tuple(dtools.LISTS)}
MEASURED_STATES = ("done", "rolled_back")
TEMPLATE_COLUMN = re.compile(r"\{([^{}]+)\}")


def api_source_figures(platform, calls_today=0, configured=True):
    """An ``assessment.ApiSource`` from a connector's published limits."""
    cls = connectors.CONNECTORS[platform]
    per_minute = min(
        (limit.calls / limit.per * 60.0 for limit in cls.limits if not limit.bucket),
        default=0.0,
    )
    return assessment.ApiSource(
        label=cls.label,
        per_minute=per_minute,
        daily=cls.daily,
        page_size=PAGE_SIZES.get(platform, 100),
        listed_objects=LISTED_OBJECTS.get(platform, ()),
        detail_objects=DETAIL_OBJECTS.get(platform, ()),
        file_objects=FILE_OBJECTS.get(platform, ()),
        calls_today=calls_today or 0,
        configured=configured,
    )


class MigrationProject(models.Model):
    _inherit = "migration.project"

    assessment_html = fields.Html(
        "Assessment",
        compute="_compute_assessment_html",
        sanitize=False,
        help="Per object what maps 1:1, what is lossy and what does not migrate; the open "
        "issues, the API limits, the complexity grade and the estimated duration.",
    )

    def _compute_assessment_html(self):
        for project in self:
            if not project.id or not project.object_ids:
                project.assessment_html = False
                continue
            project.assessment_html = assessment.to_html(project._assessment())

    # ------------------------------------------------------------------
    # The figures
    # ------------------------------------------------------------------
    def _assessment_column(self, line):
        """An ``assessment.Column`` of a mapping line."""
        composed = targets.get(line.target_name)
        if composed:
            how = (
                assessment.DETAIL if composed.role == targets.ROLE_DETAIL else assessment.COMPOSED
            )
        elif line.target_field_id:
            how = (
                assessment.CUSTOM
                if line.target_field_id.state == "manual"
                else assessment.STANDARD
            )
        elif line.create_custom and line.custom_name:
            how = assessment.CUSTOM
        else:
            how = assessment.NONE
        return assessment.Column(
            line.source_name,
            how,
            line.target_name or line.custom_name or "",
            line.lands_in or "",
        )

    def _assessment_object(self, obj, profile, set_aside):
        mapping = obj.mapping_id
        item = assessment.SourceObject(
            obj.object_name, obj.name, obj.row_count, mapping.model_name or ""
        )
        item.state = mapping.state or ""
        item.columns = [self._assessment_column(line) for line in mapping.line_ids]
        spec = profile.object_spec(mapping.kind) if mapping.kind else None
        kind = profile.kinds.get(mapping.kind) if mapping.kind else None
        if spec is not None and spec.fold is not None:
            parent = profile.kinds.get(spec.fold.parent)
            item.folded_into = (parent.label if parent else spec.fold.parent).lower()
            item.fold_columns = tuple(TEMPLATE_COLUMN.findall(spec.fold.template or ""))
        if spec is not None and spec.onto is not None:
            parent = profile.kinds.get(spec.onto.parent)
            item.onto = (parent.label if parent else spec.onto.parent).lower()
        item.custom_model = mapping.kind == "custom"
        if not mapping.model_name:
            entry = profile.not_migrated_for(obj.object_name)
            if entry is not None:
                item.not_migrated = entry.equivalent
            elif kind is not None and kind.link:
                item.not_loaded = _("an association table: its rows are counted, not loaded")
        if mapping.state == "set_aside":
            item.set_aside = set_aside.get(obj.name) or _("set aside at confirmation")
        groups = {}
        for value in mapping.value_ids.filtered(lambda v: v.action != "open"):
            outcome = (
                value.action
                if value.action in ("won", "lost")
                else value.stage_id.name or value.stage_name or value.source_value
            )
            groups.setdefault(outcome, []).append(value.source_value)
            item.status_column = value.line_id.source_name or item.status_column
        item.collapsed = [(k, v) for k, v in groups.items() if len(v) > 1]
        return item

    def _assessment_issues(self):
        return self.issue_ids.filtered(lambda i: i.state == "open").sorted(
            lambda i: (assessment.SEVERITY_ORDER.index(i.severity), i.id)
        )

    def _assessment_api_sources(self):
        sources = [
            api_source_figures(source.platform, source.calls_today)
            for source in self.sudo().api_source_ids
            if source.platform in connectors.CONNECTORS
        ]
        if not sources and self.profile in connectors.CONNECTORS:
            sources.append(api_source_figures(self.profile, configured=False))
        return sources

    def _assessment_runs(self):
        runs = []
        for run in self.run_ids.filtered(
            lambda r: r.state in MEASURED_STATES and r.started_at and r.finished_at
        ):
            seconds = (run.finished_at - run.started_at).total_seconds()
            runs.append(assessment.Run(run.kind, run.source_rows, seconds))
        return runs

    def _assessment(self):
        """The project's assessment (``services.assessment.assess``)."""
        self.ensure_one()
        profile = self.get_profile()
        set_aside = self.set_aside()
        objects = [self._assessment_object(o, profile, set_aside) for o in self.object_ids]
        issues = [
            {
                "severity": i.severity,
                "blocking": i.blocking,
                "code": i.code,
                "message": i.message,
                "location": i.location,
            }
            for i in self._assessment_issues()
        ]
        return assessment.assess(
            objects,
            issues=issues,
            api_sources=self._assessment_api_sources(),
            runs=self._assessment_runs(),
            mapping_confirmed=self.mapping_confirmed,
            review_count=self.review_count,
            project=self.name,
            profile=dict(self._fields["profile"]._description_selection(self.env)).get(
                self.profile, self.profile
            ),
            state=dict(self._fields["state"]._description_selection(self.env)).get(
                self.state, self.state
            ),
        )

    def _assessment_sheets(self):
        """[(title, headers, rows)] of the sign-off's other sheets."""
        self.ensure_one()
        mapping = (
            _("Mapping"),
            [
                "Object",
                "File",
                "Target model",
                "Mapping",
                "Column",
                "Target",
                "Lands in",
                "Custom field",
                "Confidence",
                "Needs review",
                "Confirmed",
                "How",
            ],
            [],
        )
        for line in self.mapping_line_ids.sorted(
            lambda ln: (ln.mapping_id.id, ln.sequence, ln.id)
        ):
            column = self._assessment_column(line)
            mapping[2].append(
                [
                    line.object_id.object_name,
                    line.object_id.name,
                    line.model_name or "",
                    line.mapping_id.state,
                    line.source_name,
                    line.target_name or "",
                    line.lands_in or "",
                    line.custom_name if line.create_custom else "",
                    line.confidence,
                    line.needs_review,
                    line.confirmed,
                    "1:1" if column.how in (assessment.STANDARD, assessment.COMPOSED) else "lossy",
                ]
            )
        methods = dict(self.env["migration.owner.match"]._fields["method"].selection)
        owners = (
            _("Owners"),
            ["Owner in the source", "Rows", "Odoo user", "Login", "User active", "Matched by"],
            [
                [
                    o.source_value,
                    o.count,
                    o.user_id.name or "",
                    o.user_id.login or "",
                    o.user_id.active if o.user_id else "",
                    methods.get(o.method, o.method),
                ]
                for o in self.owner_match_ids
            ],
        )
        actions = dict(self.env["migration.mapping.value"]._fields["action"].selection)
        stages = (
            _("Stage map"),
            ["Object", "Source value", "Rows", "Becomes", "Stage", "In Odoo", "Confirmed"],
            [
                [
                    v.mapping_id.object_id.object_name,
                    v.source_value,
                    v.count,
                    actions.get(v.action, v.action),
                    v.stage_id.name or v.stage_name or "",
                    v.outcome or "",
                    v.confirmed,
                ]
                for v in self.mapping_value_ids
            ],
        )
        headers, rows = self.inventory_ids._export_table()
        inventory = (_("Does not migrate"), headers, rows)
        issues = (
            _("Issues"),
            [
                "Severity",
                "Blocking",
                "Code",
                "Found by",
                "File",
                "Row",
                "Rows",
                "Column",
                "Message",
                "Run",
            ],
            [
                [
                    i.severity,
                    i.blocking,
                    i.code,
                    "audit" if i.audit else "run" if i.run_id else "upload",
                    i.file_name or "",
                    i.row_number or "",
                    i.row_count or (1 if i.row_number else ""),
                    i.column or "",
                    i.message,
                    i.run_id.name or "",
                ]
                for i in self._assessment_issues()
            ],
        )
        return [mapping, owners, stages, inventory, issues]

    def _assessment_workbook(self):
        """The sign-off document: XLSX bytes."""
        self.ensure_one()
        return assessment.workbook(self._assessment(), self._assessment_sheets())

    def action_download_assessment(self):
        """The sign-off workbook, downloaded."""
        self.ensure_one()
        return self.env["ir.attachment"]._migration_download(
            self, "%s - sign-off.xlsx" % self.name, self._assessment_workbook(), XLSX
        )
