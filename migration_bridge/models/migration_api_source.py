"""A platform's API as a source of a project: its URL, its credentials, its extraction.

The extraction is the pure connectors' (``services.connectors``): it reads each source
object page by page into a spool (one JSON Lines file per object, under the server's
data directory), keeps its checkpoint and the API's daily budget in ``state_json``,
and pauses, never fails, when the budget is spent. Each finished object's spool
becomes an attachment of the project, discovered and staged as an uploaded file is
(so a file export and an API extraction of the same data stage the same rows); the
files the records list are downloaded beside it as ``files/<id>``, as an upload's ZIP
holds them.

The credentials are kept on this record only: readable by Migration Managers alone
(the model is theirs), never exported, never in a log line, the chatter, an issue or a
report (the connectors mask them), and removed by **Forget credentials**.
"""

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config as odoo_config

from ..series import orm
from ..services import connectors
from ..services.connectors.base import Calls
from ..services.connectors.spool import spool_name
from .migration_project import check_manager

_logger = logging.getLogger(__name__)

# What each platform's credentials are called, in the order the form's two fields give
# them (an API key, and a second secret where the platform has one).
CREDENTIALS = {
    "dtools": ("api_key", "authorization"),
    "pipedrive": ("api_token",),
    "hubspot": ("access_token",),
    "elma365": ("token",),
}
EXTRACTION_STATES = [
    ("new", "Not extracted"),
    ("paused", "Paused"),
    ("done", "Extracted"),
    ("failed", "Failed"),
]


def platform_selection(_model=None):
    return [(code, cls.label) for code, cls in sorted(connectors.CONNECTORS.items())]


class MigrationApiSource(models.Model):
    _name = "migration.api.source"
    _description = "API source of a migration project"
    _order = "project_id, id"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    platform = fields.Selection(selection=platform_selection, required=True)
    name = fields.Char("Tenant", help="A name for this account (ELMA365: its HUB tenant).")
    base_url = fields.Char(
        "API URL", help="The API's base URL; empty: the platform's public one where it has one."
    )
    api_key = fields.Char("API key", copy=False, exportable=False)
    api_secret = fields.Char(
        "Second secret",
        copy=False,
        exportable=False,
        help="D-Tools: the Authorization value it publishes (Basic ...).",
    )
    has_credentials = fields.Boolean(compute="_compute_has_credentials")
    timeout = fields.Float(
        "Timeout (s)", default=30.0, help="How long one API call may take before it is retried."
    )
    state_json = fields.Text(
        "Extraction state", copy=False, exportable=False, help="Checkpoints and budget (JSON)."
    )
    extraction_state = fields.Selection(EXTRACTION_STATES, default="new", required=True)
    resume_after = fields.Datetime(
        help="A paused extraction goes on by itself after this time (the API's daily budget)."
    )
    last_extracted_at = fields.Datetime(readonly=True)
    calls_today = fields.Integer("Calls today", compute="_compute_budget")
    daily_budget = fields.Integer("Daily budget", compute="_compute_budget")
    message = fields.Text(readonly=True, help="What the last extraction said.")
    progress = fields.Char(
        compute="_compute_budget", help="Per object: records read so far, and done or not."
    )

    @api.depends("api_key", "api_secret")
    def _compute_has_credentials(self):
        for source in self:
            source.has_credentials = bool(source.api_key or source.api_secret)

    @api.depends("state_json", "platform")
    def _compute_budget(self):
        today = datetime.now(UTC).date().isoformat()
        for source in self:
            try:
                state = connectors.ConnectorState.from_json(source.state_json or None)
            except ValueError:
                state = connectors.ConnectorState()
            source.calls_today = sum(
                budget.get("calls") or 0
                for budget in state.data["budgets"].values()
                if str(budget.get("day") or "") == today
            )
            cls = connectors.CONNECTORS.get(source.platform)
            source.daily_budget = (cls.daily or 0) if cls else 0
            source.progress = ", ".join(
                "%s %s%s"
                % (name, checkpoint.get("records", 0), "" if checkpoint.get("done") else " …")
                for name, checkpoint in state.data["objects"].items()
            )

    # ------------------------------------------------------------------
    # Credentials
    # ------------------------------------------------------------------
    def _credentials(self):
        self.ensure_one()
        names = CREDENTIALS.get(self.platform, ("api_key", "api_secret"))
        given = [self.api_key, self.api_secret]
        return {name: value for name, value in zip(names, given, strict=False) if value}

    def action_forget_credentials(self):
        check_manager(self.env, _("remove API credentials"))
        self.write({"api_key": False, "api_secret": False})
        return True

    def _connector(self, **options):
        self.ensure_one()
        if not self.has_credentials:
            raise UserError(
                _("%(source)s: enter the API credentials first.", source=self.display_name)
            )
        options.setdefault("timeout", self.timeout or 30.0)
        return connectors.build_connector(
            self.platform, self.base_url or None, self._credentials(), **options
        )

    # ------------------------------------------------------------------
    # Extraction
    # ------------------------------------------------------------------
    def _spool_dir(self):
        root = Path(odoo_config["data_dir"]) / "migration_bridge" / self.env.cr.dbname
        return root / "api" / str(self.id)

    def action_test_connection(self):
        """One call: the first page of the first object, and what the API said."""
        check_manager(self.env, _("extract from an API"))
        self.ensure_one()
        connector = self._connector()
        name = connector.object_names()[0]
        state = connectors.ConnectorState.from_json(self.state_json or None)
        try:
            with connector.extraction(state, self._spool_dir() / "probe") as run:
                listing = connector.listing(name)
                Calls(run.transport(), name).json(listing.method, listing.path, listing.params)
        except connectors.ConnectorError as error:
            raise UserError(error.message) from None
        finally:
            self.state_json = json.dumps(state.snapshot())  # the call counts in the budget
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Connection works"),
                "message": _("%(platform)s answered.", platform=connector.label),
                "type": "success",
            },
        }

    def action_extract(self):
        check_manager(self.env, _("extract from an API"))
        for source in self:
            source._extract()
        return True

    def action_extract_delta(self):
        check_manager(self.env, _("extract from an API"))
        for source in self:
            source._extract(delta=True)
        return True

    def _persist(self, snapshot):
        """Keep the extraction's state (checkpoints, budget) as soon as it changes: in its
        own transaction, so that a killed extraction resumes from there."""
        text = json.dumps(snapshot)
        if orm.in_test():
            self.state_json = text
            return
        with self.env.registry.cursor() as cr:
            cr.execute(
                "UPDATE migration_api_source SET state_json = %s WHERE id = %s", (text, self.id)
            )

    def _extract(self, delta=False):
        """Read every object of the API into the project's staging: resume the last
        extraction where it stopped (paused or killed), else start a new one (a delta
        asks only for what changed since the last). Returns the source objects staged."""
        self.ensure_one()
        connector = self._connector()
        state = connectors.ConnectorState.from_json(self.state_json or None)
        if self.extraction_state != "paused":
            state.new_extraction(delta=delta)
        spool = self._spool_dir()
        spool.mkdir(parents=True, exist_ok=True)
        tables, paused_until, error = [], None, None
        try:
            with connector.extraction(
                state, spool, delta=delta, on_checkpoint=self._persist
            ) as run:
                for name in connector.object_names():
                    outcome = run.extract(name)
                    if outcome.paused:
                        paused_until = outcome.resume_after
                        break
                    tables.append(name)
                if paused_until is None:
                    self._download(run)
        except connectors.ConnectorError as error_:
            error = error_
        self.state_json = json.dumps(state.snapshot())
        objects = self._stage(spool, tables)
        if error is not None:
            self.write({"extraction_state": "failed", "message": error.message})
        elif paused_until is not None:
            when = datetime.fromtimestamp(paused_until, UTC).replace(tzinfo=None)
            self.write(
                {
                    "extraction_state": "paused",
                    "resume_after": when,
                    "message": _(
                        "Paused: the API's daily budget is spent; it goes on by itself "
                        "after %(when)s (UTC).",
                        when=when,
                    ),
                }
            )
        else:
            self.write(
                {
                    "extraction_state": "done",
                    "resume_after": False,
                    "last_extracted_at": fields.Datetime.now(),
                    "message": _(
                        "%(count)s objects extracted%(delta)s.",
                        count=len(tables),
                        delta=_(" (what changed since the last extraction)") if delta else "",
                    ),
                }
            )
        return objects

    def _download(self, run):
        """The files the records list, as ``files/<id>`` attachments of the project."""
        Attachment = self.env["ir.attachment"].sudo()
        project = self.project_id
        folder = self._spool_dir() / "files"
        folder.mkdir(parents=True, exist_ok=True)
        created = Attachment.browse()

        def attach(result):
            nonlocal created
            if result.error:
                return
            path = folder / str(result.ref.id)
            name = "files/%s" % result.ref.id
            existing = project.attachment_ids.filtered(lambda a: a.name == name)
            if existing:
                return
            created |= Attachment._migration_from_path(
                name, path, "application/octet-stream"
            ).with_context(migration_upload=True)

        outcome = run.download(run.file_refs(), connectors.into_directory(folder), on_file=attach)
        if outcome.failed:
            _logger.info("API source %s: %s files not downloaded", self.id, len(outcome.failed))
        if created:
            created.write({"res_model": project._name, "res_id": project.id})
            project.attachment_ids = [fields.Command.link(a.id) for a in created]
        return created

    def _stage(self, spool, names):
        """Each extracted object's spool, as an uploaded file of its name, discovered and
        staged together (the same path as an upload)."""
        if not names:
            return self.env["migration.source.object"]
        Attachment = self.env["ir.attachment"].sudo()
        attachments = Attachment.browse()
        for name in names:
            path = spool / spool_name(name)
            if not path.exists():
                continue
            attachments |= Attachment._migration_from_path(
                os.path.basename(path), path, "application/json"
            )
        return self.project_id.add_files(attachments)

    @api.model
    def _cron_resume_paused(self):
        """Extractions paused by a daily budget go on by themselves once it is renewed."""
        due = self.search(
            [("extraction_state", "=", "paused"), ("resume_after", "<=", fields.Datetime.now())]
        )
        for source in due:
            try:
                source._extract()
            except UserError as error:
                source.message = str(error)
