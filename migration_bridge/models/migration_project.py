import logging
import mimetypes

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..loader.test_run import test_run
from ..series import attachments as series_attachments
from ..series import orm
from ..series import views as series_views
from ..services import exports, matcher, profiles, structure
from ..services.errors import SourceError
from ..services.readers import read_sources

_logger = logging.getLogger(__name__)

PROJECT_STATES = [
    ("draft", "New"),
    ("discovered", "Mapping proposed"),
    ("confirmed", "Mapping confirmed"),
    ("sampled", "Sample loaded"),
    ("loaded", "Loaded"),
]

MANAGER_GROUP = "migration_bridge.group_migration_manager"


def check_manager(env, what):
    """Raise unless the current user is a Migration Manager."""
    if env.is_superuser() or env.user.has_group(MANAGER_GROUP):
        return
    # Odoo's _() finds the user's language in its caller's locals: these
    cr, uid, context = env.cr, env.uid, env.context  # noqa: F841
    raise AccessError(_("Only a Migration Manager can %s.", what))


class MigrationProject(models.Model):
    _name = "migration.project"
    _description = "Migration project"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    profile = fields.Selection(
        selection=lambda self: profiles.profile_selection(),
        required=True,
        default="generic",
        help="The source platform: it recognises the files and proposes the mapping.",
    )
    state = fields.Selection(PROJECT_STATES, default="draft", required=True, tracking=True)
    sample_size = fields.Integer(
        default=20, help="Rows per source object that a sample run loads and verifies."
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Pipeline",
        ondelete="set null",
        help="The sales team the project's deals land in when their rows name no team; the "
        "stages its runs create belong to it, so a deal's stage bar shows this project's "
        "stages (and Odoo's stages of no team) only. Empty: the first run that loads deals "
        "naming no team creates one named after the project (rolling that run back "
        "removes it).",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "migration_project_attachment_rel",
        "project_id",
        "attachment_id",
        string="Uploaded files",
    )
    object_ids = fields.One2many("migration.source.object", "project_id", string="Source objects")
    file_ids = fields.One2many(
        "migration.source.file",
        "project_id",
        string="Files",
        help="Each file read (a CSV, a sheet, the records under a JSON key): its rows read, "
        "staged and refused, and the source object they are staged in.",
    )
    mapping_ids = fields.One2many("migration.mapping", "project_id", string="Mappings")
    mapping_line_ids = fields.One2many(
        "migration.mapping.line", "project_id", string="Field mapping"
    )
    mapping_value_ids = fields.One2many(
        "migration.mapping.value", "project_id", string="Stage map"
    )
    owner_match_ids = fields.One2many("migration.owner.match", "project_id", string="Owners")
    issue_ids = fields.One2many("migration.issue", "project_id", string="Issues")
    inventory_ids = fields.One2many(
        "migration.inventory.item", "project_id", string="Does not migrate"
    )
    run_ids = fields.One2many("migration.run", "project_id", string="Runs")
    api_source_ids = fields.One2many(
        "migration.api.source", "project_id", string="API sources", groups=MANAGER_GROUP
    )
    issue_count = fields.Integer(compute="_compute_counts")
    open_blocking_count = fields.Integer(compute="_compute_counts")
    run_count = fields.Integer(compute="_compute_counts")
    row_count = fields.Integer(compute="_compute_counts", string="Staged rows")
    mapping_confirmed = fields.Boolean(compute="_compute_mapping_confirmed")
    review_count = fields.Integer(
        "Columns to review",
        compute="_compute_review_count",
        help="Columns whose proposed target is not sure enough: look at them before confirming.",
    )
    confirm_preview = fields.Html(
        compute="_compute_confirm_preview",
        sanitize=False,
        help="The custom fields (and models) that confirming the mapping creates.",
    )
    live_summary = fields.Char(
        "In the CRM",
        compute="_compute_live_summary",
        help="What the project's runs wrote that is still in the CRM, per model.",
    )

    @api.depends("issue_ids.state", "issue_ids.blocking", "run_ids", "object_ids.row_count")
    def _compute_counts(self):
        for project in self:
            project.issue_count = len(project.issue_ids)
            project.open_blocking_count = len(
                project.issue_ids.filtered(lambda i: i.blocking and i.state == "open")
            )
            project.run_count = len(project.run_ids)
            project.row_count = sum(project.object_ids.mapped("row_count"))

    @api.depends("run_ids.state")
    def _compute_live_summary(self):
        for project in self:
            counts = project.live_records() if project.id else {}
            project.live_summary = ", ".join(
                "%s %s" % (count, self.env[model]._description)
                for model, count in sorted(counts.items())
            )

    @api.depends("mapping_ids.state")
    def _compute_mapping_confirmed(self):
        for project in self:
            # the files set aside wait for a person; the others may load without them
            mappings = project.mapping_ids.filtered(
                lambda m: m.model_name and m.state != "set_aside"
            )
            project.mapping_confirmed = bool(mappings) and all(
                m.state == "confirmed" for m in mappings
            )

    @api.depends("mapping_line_ids.needs_review", "mapping_line_ids.confirmed")
    def _compute_review_count(self):
        for project in self:
            project.review_count = len(project.mapping_line_ids._to_review())

    @api.depends("mapping_line_ids.create_custom", "mapping_line_ids.target_name")
    def _compute_confirm_preview(self):
        for project in self:
            project.confirm_preview = project.mapping_ids.filtered(
                "model_name"
            )._confirm_preview_html()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_loaded(self):
        for project in self:
            if project.run_ids.filtered(lambda r: r.state != "rolled_back" and r.link_ids):
                raise UserError(
                    _(
                        "Project %(name)s has runs whose records are in the CRM. Its links are "
                        "what delta runs and rollbacks need: roll those runs back first.",
                        name=project.name,
                    )
                )

    def get_profile(self):
        """The project's profile as this database reads it: a kind whose Odoo app is
        not installed takes its fallback (``Profile.for_apps``)."""
        self.ensure_one()
        return profiles.get_profile(self.profile).for_apps(self.env.registry._init_modules)

    # ------------------------------------------------------------------
    # Extract, stage and discover
    # ------------------------------------------------------------------
    def add_files(self, files):
        """Attach uploaded files and discover them.

        ``files`` is a list of ``(file name, bytes)`` or an ``ir.attachment``
        recordset. Returns the source objects that were (re)staged.
        """
        self.ensure_one()
        attachments = files
        if not isinstance(files, models.BaseModel):
            attachments = (
                self.env["ir.attachment"]
                .with_context(migration_upload=True)
                .create([{"name": name, "raw": data} for name, data in files])
            )
        orm.check_access(self, "write")
        attachments.sudo().write({"res_model": self._name, "res_id": self.id})
        self.attachment_ids = [fields.Command.link(a.id) for a in attachments]
        return self._discover_attachments(attachments)

    def add_paths(self, paths):
        """Attach files on disk and discover them, each copied into the filestore as it
        is read (the headless command's way: an export of any size is never held whole
        in memory). Returns the source objects that were (re)staged."""
        self.ensure_one()
        Attachment = self.env["ir.attachment"]
        attachments = Attachment.browse()
        names = [path.name for path in paths]
        for path in paths:
            mimetype = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
            # two folders' files of one name (monthly exports): named with their folder
            name = path.name
            if names.count(name) > 1 and path.parent.name:
                name = "%s/%s" % (path.parent.name, name)
            attachments |= Attachment._migration_from_path(name, path, mimetype)
        return self.add_files(attachments)

    def action_discover(self):
        """Stage and discover the files again, as one upload: the tables whose rows are
        staged (the latest export of each object; not those a later upload replaced,
        nor the files that gave no table, whose issues stand)."""
        for project in self:
            staged = {(f.attachment_id.id, f.name) for f in project.file_ids}
            project._discover_attachments(project.file_ids.attachment_id, again=staged)
        return True

    def _discover_attachments(self, attachments, again=None):
        """Read the files of one upload and stage their tables together (see
        ``migration.source.object._stage_tables``). ``again``: the files are read
        again; of the files staged before, {(attachment id, table name)}, only those
        tables are staged."""
        items = []
        current = {attachment_id for attachment_id, _name in again or ()}
        for attachment in self._unique_names(attachments.sorted("id"), again is not None):
            for table in self._discover_attachment(attachment):
                if attachment.id in current and (attachment.id, table.name) not in again:
                    continue  # replaced by a later upload's file
                items.append((attachment, table))
        objects = self.env["migration.source.object"]._stage_tables(self, items)
        if objects:
            objects._propose_mapping()
            self._propose_structure()
            self.env["migration.owner.match"]._refresh(self)
            if self.state == "draft":
                self.state = "discovered"
        return objects

    # The rows of a file whose values the structure pass reads (relations, names).
    STRUCTURE_ROWS = 20000

    def _structure_files(self):
        """The project's files as ``services.structure`` reads them: their columns'
        values (the first STRUCTURE_ROWS rows), their mapping's proposals."""
        self.ensure_one()
        from .migration_mapping import target_fields  # noqa: PLC0415 - models import each other

        files = []
        for obj in self.object_ids.filtered(lambda o: o.mapping_id and not o.blocked):
            mapping = obj.mapping_id
            headers = obj.headers or []
            self.env.cr.execute(
                "SELECT payload FROM migration_staging_record WHERE object_id = %s "
                "ORDER BY row_number, id LIMIT %s",
                (obj.id, self.STRUCTURE_ROWS),
            )
            rows = [row[0] or {} for row in self.env.cr.fetchall()]
            model = mapping.model_name
            fields_ = target_fields(self.env, model) if model in self.env else ()
            files.append(
                structure.File(
                    obj.object_name,
                    {h: [row.get(h) for row in rows] for h in headers},
                    matcher.ObjectProposal(
                        obj.object_name,
                        mapping.kind,
                        model,
                        (mapping.confidence or 0.0) / 100.0,
                        mapping.reason or "",
                    ),
                    [line._as_proposal() for line in mapping.line_ids],
                    frozenset(t.name for t in fields_),
                )
            )
        return files

    def _propose_structure(self):
        """What the values of all the files say, after their headers: link files, the
        kind of a file others name, references and names found from values
        (``services.structure``). Confirmed mappings are left as they are."""
        for project in self:
            profile = project.get_profile()
            by_name = {o.object_name: o.mapping_id for o in project.object_ids if o.mapping_id}
            files = project._structure_files()
            references = structure.found(files)
            changed = False
            for name, proposal in structure.settle_kinds(profile, files, references).items():
                mapping = by_name[name]
                if mapping.state == "confirmed":
                    continue
                mapping.write(
                    {
                        "kind": proposal.kind,
                        "model_name": proposal.model,
                        "confidence": proposal.confidence * 100.0,
                        "reason": proposal.reason,
                    }
                )
                mapping._propose_lines(profile)
                changed = True
            if changed:
                files = project._structure_files()
            for name, proposals in structure.settle_columns(profile, files, references).items():
                mapping = by_name[name]
                if mapping.state != "confirmed":
                    mapping._propose_lines(profile, proposals)

    @api.model
    def _attachment_source(self, attachment):
        """A path in the filestore (read as a stream) or, for database storage, the bytes."""
        attachment = attachment.sudo()
        if attachment.store_fname:
            return attachment._full_path(attachment.store_fname)
        return series_attachments.content(attachment)

    def _discover_attachment(self, attachment):
        """The tables of an uploaded file (none when no reader reads its type: an issue)."""
        Issue = self.env["migration.issue"]
        try:
            return read_sources(attachment.name, self._attachment_source(attachment))
        except SourceError as error:
            Issue.create(Issue._vals_from_problem(error.as_problem(), project=self))
            return []

    def _unique_names(self, attachments, again=False):
        """The attachments of one upload, two of the same name told apart: the second
        'deals (2).csv' (two folders' ``deals.csv`` given to the command), so that
        neither replaces the other's rows. Said on the project."""
        seen = set()
        Issue = self.env["migration.issue"]
        for attachment in attachments:
            name = attachment.name
            if name in seen and not again:
                stem, dot, extension = name.rpartition(".")
                if not dot:
                    stem, extension = name, ""
                count = 2
                while name in seen:
                    name = "%s (%s)%s%s" % (stem, count, dot, extension)
                    count += 1
                Issue.create(
                    {
                        "project_id": self.id,
                        "code": "same_file_name",
                        "severity": "info",
                        "file_name": name,
                        "message": _(
                            "Two files named %(first)s were uploaded together: the second is "
                            "read as %(second)s, and each keeps its rows.",
                            first=attachment.name,
                            second=name,
                        ),
                    }
                )
                attachment.sudo().name = name
            seen.add(name)
        return attachments

    # ------------------------------------------------------------------
    # Confirm
    # ------------------------------------------------------------------
    def action_confirm_mapping(self):
        """A Migration Manager confirms every proposed mapping of the project."""
        check_manager(self.env, _("confirm a mapping"))
        for project in self:
            profile = project.get_profile()
            for mapping in project.mapping_ids.filtered(
                lambda m: not m.model_name and m.state != "set_aside"
            ):
                spec = profile.kinds.get(mapping.kind) if mapping.kind else None
                if spec is not None and spec.link:
                    continue  # an association table: counted, not loaded yet (README)
                if profile.not_migrated_for(mapping.object_id.object_name) is None:
                    mapping._set_aside(
                        _(
                            "%(file)s: what its rows are (companies, contacts, deals...) is "
                            "not known",
                            file=mapping.object_id.name,
                        )
                    )
            project.mapping_ids.filtered(
                lambda m: m.model_name and m.state != "set_aside"
            )._confirm_or_set_aside()
            self.env["migration.owner.match"]._refresh(project)
            if project.mapping_confirmed:
                project.state = "confirmed"
        return True

    def set_aside(self):
        """{file: what it needs} of the files set aside at confirmation."""
        self.ensure_one()
        issues = self.issue_ids.filtered(lambda i: i.code == "set_aside" and i.state == "open")
        return {issue.file_name or issue.object_id.name: issue.message for issue in issues}

    def action_confirm_mapping_preview(self):
        """The confirm dialog: what confirming creates, then Confirm (managers only)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Confirm the mapping of %s", self.name),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("migration_bridge.migration_project_view_form_confirm").id, "form")
            ],
            "target": "new",
        }

    def action_review_mapping(self):
        """Every column of the project, grouped by file; those to review first."""
        self.ensure_one()
        context = {"default_project_id": self.id, "search_default_group_file": 1}
        if self.review_count:
            context["search_default_needs_review"] = 1
        return {
            "type": "ir.actions.act_window",
            "name": _("Field mapping of %s", self.name),
            "res_model": "migration.mapping.line",
            "view_mode": series_views.LIST,
            "views": [
                (
                    self.env.ref("migration_bridge.migration_mapping_line_view_tree").id,
                    series_views.LIST,
                )
            ],
            "search_view_id": self.env.ref(
                "migration_bridge.migration_mapping_line_view_search"
            ).id,
            "domain": [("project_id", "=", self.id)],
            "context": context,
        }

    def mapping_summary(self):
        """The proposed (or confirmed) mapping as plain data, for the CLI."""
        self.ensure_one()
        return {
            mapping.object_id.object_name: {
                "file": mapping.object_id.name,
                "kind": mapping.kind,
                "target_model": mapping.model_name,
                "confidence": mapping.confidence,
                "reason": mapping.reason,
                "state": mapping.state,
                "source_key": mapping.source_key_note or None,
                "name_template": mapping.name_template or None,
                "needs_review": mapping.review_count,
                "columns": {
                    line.source_name: {
                        "target": line.target_name
                        or (line.create_custom and "new custom field %s" % line.custom_name)
                        or None,
                        "confidence": line.confidence,
                        "reason": line.reason,
                        "needs_review": line.needs_review,
                    }
                    for line in mapping.line_ids
                },
            }
            for mapping in self.mapping_ids
        }

    def files_summary(self):
        """Per file read: its state, the source object its rows are staged in, its rows
        (read = staged + refused; ``rows`` is the staged ones), and its open problems
        (the blocking ones first) with file, row, column and message, for the headless
        summary."""
        self.ensure_one()
        issues = self.issue_ids.filtered(lambda i: i.state == "open" and not i.run_id)
        files = {}
        for file in self.file_ids:
            files[file.name] = {
                "object": file.object_id.object_name,
                "state": "blocked" if file.blocked else "staged",
                "rows": file.rows_staged,
                "rows_read": file.rows_read,
                "rows_staged": file.rows_staged,
                "rows_refused": file.rows_refused,
                "problems": [],
            }
        for issue in issues.sorted(lambda i: (not i.blocking, i.id)):
            name = issue.file_name if issue.file_name in files else None
            if not name and issue.object_id.file_ids:
                name = issue.object_id.file_ids[0].name
            name = name or issue.file_name or _("(the upload)")
            entry = files.setdefault(name, {"state": "refused", "rows": 0, "problems": []})
            if len(entry["problems"]) < 20:
                entry["problems"].append(
                    {
                        "file": issue.file_name or issue.object_id.name or None,
                        "row": issue.row_number or None,
                        "column": issue.column or None,
                        "code": issue.code,
                        "blocking": issue.blocking,
                        "message": issue.message,
                    }
                )
            entry["problem_count"] = entry.get("problem_count", 0) + 1
        return files

    def to_confirm(self):
        """What a person must look at before the mapping can be confirmed."""
        self.ensure_one()
        todo = []
        for mapping in self.mapping_ids.filtered(lambda m: m.state != "confirmed"):
            try:
                mapping._check_complete()
            except UserError as error:
                todo.append(str(error.args[0]))
            for line in mapping.line_ids.filtered(lambda ln: ln.needs_review and not ln.confirmed):
                todo.append(
                    "%s: column %r -> %s needs review (%s%%: %s)"
                    % (
                        mapping.object_id.name,
                        line.source_name,
                        line.target_name or line.custom_name or "not imported",
                        line.confidence,
                        line.reason,
                    )
                )
        return todo

    def live_records(self):
        """Per model, how many records the project's runs created are still in the CRM."""
        self.ensure_one()
        counts = {}
        links = (
            self.env["migration.record.link"]
            .sudo()
            .search(
                [
                    ("project_id", "=", self.id),
                    ("rolled_back", "=", False),
                    ("operation", "=", "created"),
                ]
            )
        )
        for model in set(links.mapped("model")):
            ids = links.filtered(lambda ln, m=model: ln.model == m).mapped("res_id")
            counts[model] = len(
                self.env[model].sudo().with_context(active_test=False).browse(ids).exists()
            )
        return {m: c for m, c in counts.items() if c}

    # ------------------------------------------------------------------
    # Runs
    # ------------------------------------------------------------------
    def _start_run(self, kind, background=False):
        """A run of the confirmed mapping: loaded here to its end, or, with
        ``background``, queued for the server to load chunk by chunk."""
        self.ensure_one()
        self._check_can_run()
        run = self._new_run(kind, background)
        if background:
            run._enqueue()
        else:
            run.execute()
        return run

    def _check_can_run(self):
        if not self.mapping_confirmed:
            raise UserError(
                _(
                    "Project %(name)s: the mapping is not confirmed. Review the proposed "
                    "mapping and confirm it before any record is loaded.",
                    name=self.name,
                )
            )
        running = self.run_ids.filtered(lambda r: r.state in ("queued", "running"))
        if running:
            raise UserError(
                _(
                    "Run %(run)s of this project is still loading; wait for it to end or "
                    "cancel it first.",
                    run=running[0].name,
                )
            )

    def _new_run(self, kind, background=False):
        """A run of the confirmed mapping, not started yet."""
        self.env["migration.owner.match"]._refresh(self)
        return self.env["migration.run"].create(
            {"project_id": self.id, "kind": kind, "background": background}
        )

    def action_rollback_all(self):
        """Undo every run of the project, newest first: nothing it wrote stays."""
        check_manager(self.env, _("roll a migration back"))
        for project in self:
            project.run_ids.filtered(lambda r: r.state != "rolled_back").action_rollback()
        return True

    def _after_load(self, run):
        """What a finished run leaves: a sample, a project with a sample in the CRM (a
        Full run loads the rest); a full or delta run, a loaded project."""
        for project in self:
            if run.kind == "sample" and project.state != "loaded":
                project.state = "sampled"
            else:
                project.state = "loaded"

    def _after_rollback(self):
        """The project's state says what is left in the CRM once runs are rolled back."""
        for project in self:
            live = (
                self.env["migration.record.link"]
                .sudo()
                .search([("project_id", "=", project.id), ("rolled_back", "=", False)])
            )
            if live:
                loaded = live.run_id.filtered(lambda r: r.kind != "sample")
                state = "loaded" if loaded else "sampled"
            elif project.mapping_confirmed:
                state = "confirmed"
            else:
                state = "discovered" if project.mapping_ids else "draft"
            if project.state != state:
                project.state = state

    def action_run_sample(self):
        return self._start_run("sample", background=True)._open_action()

    def action_test_run(self):
        """The Test: what a run would do, nothing written (``loader.test_run``)."""
        self.ensure_one()
        report = self._test_run()
        return {
            "type": "ir.actions.act_window",
            "name": _("Test run of %s", self.name),
            "res_model": "migration.test.report",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_project_id": self.id,
                "default_would_fail": report["failed"],
                "default_report_html": self.env["migration.test.report"]._html(report),
            },
        }

    def _test_run(self):
        """Run the confirmed mapping over every staged row and undo it all: the report."""
        self.ensure_one()
        self._check_can_run()
        return test_run(self)

    def action_run_full(self):
        return self._start_run("full", background=True)._open_action()

    def action_run_delta(self):
        return self._start_run("delta", background=True)._open_action()

    def action_download_inventory(self):
        return self._inventory_download("csv")

    def action_download_inventory_xlsx(self):
        return self._inventory_download("xlsx")

    def _inventory_download(self, kind):
        """The artifacts that do not migrate, as a file to plan their rebuild in Odoo."""
        self.ensure_one()
        headers, rows = self.inventory_ids._export_table()
        if kind == "xlsx":
            data = exports.to_xlsx(headers, rows, title="Does not migrate")
            mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            data = ("\ufeff" + exports.to_csv(headers, rows)).encode("utf-8")
            mimetype = "text/csv"
        return self.env["ir.attachment"]._migration_download(
            self, "%s - does not migrate.%s" % (self.name, kind), data, mimetype
        )

    def action_open_runs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Runs"),
            "res_model": "migration.run",
            "view_mode": series_views.view_mode("list,form"),
            "domain": [("project_id", "=", self.id)],
            "context": {"default_project_id": self.id},
        }

    def action_open_issues(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Issues"),
            "res_model": "migration.issue",
            "view_mode": series_views.view_mode("list,form"),
            "domain": [("project_id", "=", self.id)],
            "context": {"search_default_open": 1},
        }
