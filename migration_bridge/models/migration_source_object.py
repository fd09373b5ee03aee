import json
import types

from odoo import api, fields, models

from ..series import orm
from ..services import matcher
from ..services.inference import FieldProfiler
from ..services.values import row_hash

STAGE_BATCH = 1000


class MigrationSourceObject(models.Model):
    """One table of the source export: a CSV file, an XLSX sheet, a ZIP member."""

    _name = "migration.source.object"
    _description = "Source object"
    _order = "project_id, sequence, id"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char("File", required=True, help="The file (or sheet) the rows come from.")
    object_name = fields.Char("Object", required=True, help="Source object name, from the file.")
    attachment_id = fields.Many2one("ir.attachment", ondelete="set null")
    file_type = fields.Char()
    encoding = fields.Char()
    delimiter = fields.Char()
    sheet = fields.Char()
    headers = fields.Json(help="Column names in file order.")
    row_count = fields.Integer("Rows", readonly=True)
    field_ids = fields.One2many("migration.source.field", "object_id", string="Fields")
    staging_ids = fields.One2many("migration.staging.record", "object_id", string="Staged rows")
    issue_ids = fields.One2many("migration.issue", "object_id", string="Issues")
    mapping_ids = fields.One2many("migration.mapping", "object_id", string="Mappings")
    mapping_id = fields.Many2one(
        "migration.mapping", string="Mapping", compute="_compute_mapping_id", store=True
    )
    kind = fields.Selection(related="mapping_id.kind")
    model_name = fields.Char(related="mapping_id.model_name")
    blocked = fields.Boolean(
        compute="_compute_blocked",
        help="A blocking problem with the file itself (empty, no header...): it cannot load.",
    )

    @api.depends("mapping_ids")
    def _compute_mapping_id(self):
        for obj in self:
            obj.mapping_id = obj.mapping_ids[:1]

    @api.depends("issue_ids.blocking", "issue_ids.state", "issue_ids.staging_record_id")
    def _compute_blocked(self):
        for obj in self:
            obj.blocked = any(
                i.blocking and i.state == "open" and not i.staging_record_id and not i.run_id
                for i in obj.issue_ids
            )

    # ------------------------------------------------------------------
    # Stage
    # ------------------------------------------------------------------
    @api.model
    def _stage_table(self, project, attachment, table):
        """Stage the rows of a reader's table; return the source object.

        A table whose object was staged before (a new export of the same
        file) replaces the previous rows: staging always holds the latest
        export, while the links of earlier runs keep what was loaded.
        """
        obj = self.search(
            [("project_id", "=", project.id), ("object_name", "=", table.object_name)], limit=1
        )
        vals = {
            "project_id": project.id,
            "name": table.name,
            "object_name": table.object_name,
            "attachment_id": attachment.id,
            "file_type": table.file_type,
            "encoding": table.detected.get("encoding"),
            "delimiter": table.detected.get("delimiter"),
            "sheet": table.detected.get("sheet"),
            "headers": list(table.headers),
        }
        if obj:
            obj._clear_staging()
            obj.write(vals)
        else:
            obj = self.create(vals)
        Issue = self.env["migration.issue"]
        Issue.create([Issue._vals_from_problem(p, obj=obj) for p in table.problems])
        if any(p.blocking for p in table.problems):
            obj.row_count = 0
            return obj
        profilers = {header: FieldProfiler(header) for header in table.headers}
        count = 0
        batch = []
        for row in table.rows():
            for header, profiler in profilers.items():
                profiler.add(row.values.get(header, ""))
            batch.append(row)
            if len(batch) >= STAGE_BATCH:
                obj._stage_rows(batch)
                count += len(batch)
                batch = []
        if batch:
            obj._stage_rows(batch)
            count += len(batch)
        obj.invalidate_recordset(["staging_ids"])
        obj.row_count = count
        # what reading the rows found (rows of empty cells skipped, a read stopped early)
        Issue.create([Issue._vals_from_problem(p, obj=obj) for p in table.stream_problems])
        obj._store_field_profiles([profilers[h].result() for h in table.headers])
        return obj

    def _clear_staging(self):
        """Make room for a new export of the file: its rows, its columns' profiles and
        the issues reading it raised go. Those issues are the project's own
        bookkeeping, which users may not delete one by one: the system replaces them
        once the user's right to change the project is checked."""
        self.ensure_one()
        orm.check_access(self.project_id, "write")
        self.issue_ids.filtered(lambda i: not i.run_id).sudo().unlink()
        self.staging_ids.unlink()
        self.field_ids.unlink()

    def _stage_rows(self, rows):
        """Stage a batch of rows in one INSERT, and the problems of the rows that have some.

        In SQL, not through the ORM: a staged row is a plain record of the export, and
        the ORM would keep every one of a million rows in its cache."""
        self.ensure_one()
        Staging = self.env["migration.staging.record"]
        Staging.flush_model()
        uid = self.env.uid
        values = []
        for row in rows:
            values += [
                self.id,
                self.project_id.id,
                row.row,
                json.dumps(row.values, ensure_ascii=False),
                row_hash(row.values),
                "problem" if row.problems else "staged",
                uid,
                uid,
            ]
        self.env.cr.execute(
            "INSERT INTO migration_staging_record (object_id, project_id, row_number, payload, "
            "row_hash, state, create_uid, write_uid, create_date, write_date) VALUES %s "
            "RETURNING id"
            % ", ".join(
                [
                    "(%s, %s, %s, %s::jsonb, %s, %s, %s, %s, now() at time zone 'UTC', "
                    "now() at time zone 'UTC')"
                ]
                * len(rows)
            ),
            values,
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        Issue = self.env["migration.issue"]
        issue_vals = []
        for record_id, row in zip(ids, rows, strict=True):
            for problem in row.problems:
                staging = Staging.browse(record_id)
                issue_vals.append(Issue._vals_from_problem(problem, obj=self, staging=staging))
        if issue_vals:
            Issue.create(issue_vals)
            self.env.invalidate_all()

    def _store_field_profiles(self, results):
        self.ensure_one()
        self.env["migration.source.field"].create(
            [
                {
                    "object_id": self.id,
                    "sequence": index,
                    "name": result.name,
                    "inferred_type": result.type,
                    "fill_rate": result.fill_rate * 100.0,
                    "filled": result.filled,
                    "distinct_count": result.distinct,
                    "distinct_capped": result.distinct_capped,
                    "samples": result.samples,
                    "selection_values": result.values,
                }
                for index, result in enumerate(results)
            ]
        )

    # ------------------------------------------------------------------
    # Propose a mapping
    # ------------------------------------------------------------------
    def _field_profiles(self):
        self.ensure_one()
        return {
            f.name: types.SimpleNamespace(
                name=f.name,
                type=f.inferred_type,
                total=self.row_count,
                filled=f.filled,
                fill_rate=f.fill_rate / 100.0,
                distinct=f.distinct_count,
                distinct_capped=f.distinct_capped,
                samples=f.samples or [],
                values=f.selection_values or [],
            )
            for f in self.field_ids
        }

    def _propose_mapping(self):
        """Ask the profile and the matcher for a target and a field map."""
        Mapping = self.env["migration.mapping"]
        for obj in self:
            if obj.blocked:
                continue
            profile = obj.project_id.get_profile()
            headers = obj.headers or []
            proposal = matcher.propose_object(profile, obj.object_name, headers)
            mapping = obj.mapping_id
            if mapping and mapping.state == "confirmed":
                mapping._merge_new_columns(profile)
                continue
            if not mapping:
                mapping = Mapping.create({"project_id": obj.project_id.id, "object_id": obj.id})
            mapping.write(
                {
                    "kind": proposal.kind,
                    "model_name": proposal.model,
                    "confidence": proposal.confidence * 100.0,
                    "reason": proposal.reason,
                }
            )
            _object, columns = mapping._propose(profile)
            mapping._propose_lines(profile, columns)
            entry = profile.not_migrated_for(obj.object_name) if not proposal.model else None
            if entry is not None:
                self.env["migration.inventory.item"]._refresh(obj, entry)
