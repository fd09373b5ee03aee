import json
import types

from odoo import api, fields, models

from ..series import orm
from ..services import matcher
from ..services.inference import FieldProfiler
from ..services.readers import other_object_name
from ..services.values import row_hash

STAGE_BATCH = 1000
NAMED_FILES = 3  # files an object's name lists; more are counted


def _files_label(names):
    """An object's name from its files: 'companies.csv', or 'p1.json:items, p2.json:items'."""
    if len(names) <= NAMED_FILES:
        return ", ".join(names)
    return "%s and %s more files" % (", ".join(names[: NAMED_FILES - 1]), len(names) - 2)


def _group_headers(group):
    """The columns of a group of tables of one shape: the first's, or the first that has
    some (an empty page has none)."""
    return next((list(t.headers) for _a, t in group if t.headers), [])


def _same_shape(group, table):
    """Whether a table joins a group of the same upload: the same columns (in any
    order), none of them unreadable; a table with no column (an empty page of a list)
    joins any."""
    if table.blocked or any(t.blocked for _a, t in group):
        return False
    if not table.headers:
        return True
    columns = set(table.headers)
    return all(set(t.headers) == columns for _a, t in group if t.headers)


def _similar(headers, others):
    """Whether a new export of an object is one: at least half of their columns are
    shared (a column added or renamed at cutover), or one side has none."""
    ours, theirs = set(headers), set(others)
    if not ours or not theirs:
        return True
    return 2 * len(ours & theirs) >= len(ours | theirs)


class MigrationSourceObject(models.Model):
    """One object of the source export: the rows of one table (a CSV file, an XLSX
    sheet, the records under a JSON key) or of several of one shape uploaded together
    (the pages of one API list); each is a ``migration.source.file``."""

    _name = "migration.source.object"
    _description = "Source object"
    _order = "project_id, sequence, id"

    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        "File", required=True, help="The file (or sheet, or files) the rows come from."
    )
    object_name = fields.Char("Object", required=True, help="Source object name, from the file.")
    attachment_id = fields.Many2one("ir.attachment", ondelete="set null")
    file_type = fields.Char()
    encoding = fields.Char()
    delimiter = fields.Char()
    sheet = fields.Char()
    headers = fields.Json(help="Column names in file order.")
    row_count = fields.Integer("Rows", readonly=True)
    field_ids = fields.One2many("migration.source.field", "object_id", string="Fields")
    file_ids = fields.One2many("migration.source.file", "object_id", string="Files")
    rows_read = fields.Integer("Rows read", compute="_compute_file_counts")
    rows_refused = fields.Integer("Refused", compute="_compute_file_counts")
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

    @api.depends("file_ids.rows_read", "file_ids.rows_refused")
    def _compute_file_counts(self):
        for obj in self:
            obj.rows_read = sum(obj.file_ids.mapped("rows_read"))
            obj.rows_refused = sum(obj.file_ids.mapped("rows_refused"))

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
    def _stage_tables(self, project, items):
        """Stage the tables read from one upload, ``[(attachment, table)]``; return
        the source objects they were staged in.

        Every row read is staged or refused with the reason (each file counts its
        rows read, staged and refused), and no table's rows replace another's of the
        same upload:

        - tables of one object name and the same columns (the pages of one API list,
          ``{"items": [...]}`` each) are one object with the rows of all of them;
        - a table whose object name a table of other columns has keeps an object of
          its own, named after its file (``contacts_page2.items``), and an issue says
          so.

        An upload is an export: the object it brings again (a file of the same name,
        or of the object's name and mostly its columns: the cutover's export) holds
        this upload's rows only, while the links of earlier runs keep what was
        loaded. When files of an earlier upload go that way under other names, an
        issue says which.
        """
        profile = project.get_profile()
        items = [(attachment, profile.read_table(table)) for attachment, table in items]
        groups = []
        for item in items:
            table = item[1]
            group = next(
                (
                    g
                    for g in groups
                    if g[0][1].object_name == table.object_name and _same_shape(g, table)
                ),
                None,
            )
            if group is None:
                groups.append([item])
            else:
                group.append(item)
        objects = self.browse()
        for group in groups:
            obj, shares = self._object_for(project, group, objects)
            obj._stage_group(group)
            if shares:
                obj._report_own_object(group[0][1], shares)
            objects |= obj
        return objects

    @api.model
    def _object_for(self, project, group, claimed):
        """The object a group of tables is staged in, and the object whose name it would
        share when it gets one of its own.

        The object holding a file of one of their names, or one of their object name
        and mostly their columns (a new export of it), unless another group of the
        upload took it; else a new object, named after its file when its name is
        taken."""
        names = {table.name for _attachment, table in group}
        table = group[0][1]
        existing = self.search([("project_id", "=", project.id)], order="id") - claimed
        for obj in existing:
            if names & set(obj.file_ids.mapped("name")):
                return obj, None
        for obj in existing.filtered(lambda o: o.object_name == table.object_name):
            if _similar(obj.headers or [], _group_headers(group)):
                return obj, None
        taken = set((existing | claimed).mapped("object_name"))
        name = table.object_name
        if name in taken:
            name = base = other_object_name(table.name, table.object_name)
            count = 2
            while name in taken:
                name, count = "%s (%s)" % (base, count), count + 1
        obj = self.create({"project_id": project.id, "name": table.name, "object_name": name})
        if name == table.object_name:
            return obj, None
        shares = (existing | claimed).filtered(lambda o: o.object_name == table.object_name)
        return obj, shares[:1]

    def _report_own_object(self, table, other):
        """An issue saying why a table has an object of its own (not silently): another
        object, ``other``, has its name."""
        theirs, ours = set(other.headers or []), set(table.headers)
        differences = []
        if ours - theirs:
            differences.append("only it has %s" % ", ".join(map(repr, sorted(ours - theirs))))
        if theirs - ours:
            differences.append(
                "only the other has %s" % ", ".join(map(repr, sorted(theirs - ours)))
            )
        if table.blocked:
            differences.append("it cannot be read")
        self.env["migration.issue"].create(
            {
                "project_id": self.project_id.id,
                "object_id": self.id,
                "code": "own_object",
                "severity": "info",
                "file_name": table.name,
                "message": "%s: its records are named %r like those of %s, but %s; its rows "
                "are staged as an object of their own, %r, and neither replaces the other's"
                % (
                    table.name,
                    table.object_name,
                    other.name,
                    "; ".join(differences) or "they are not of the same shape",
                    self.object_name,
                ),
            }
        )

    def _stage_group(self, group):
        """Stage the tables of one group (one upload's files of this object) in place of
        the object's earlier rows; each file counts what it read, staged and refused."""
        self.ensure_one()
        names = [table.name for _attachment, table in group]
        replaced = self.file_ids.filtered(lambda f: f.name not in names)
        self._clear_staging()
        if replaced:
            self._report_replaced(replaced, names)
            replaced.unlink()
        first = group[0][1]
        self.write(
            {
                "name": _files_label(names),
                "attachment_id": group[0][0].id,
                "file_type": first.file_type,
                "encoding": first.detected.get("encoding"),
                "delimiter": first.detected.get("delimiter"),
                "sheet": first.detected.get("sheet"),
                "headers": _group_headers(group),
            }
        )
        Files = self.env["migration.source.file"]
        known = {f.name: f for f in self.file_ids}
        headers = self.headers or []
        profilers = {header: FieldProfiler(header) for header in headers}
        blocked = False
        for attachment, table in group:
            vals = {
                "project_id": self.project_id.id,
                "object_id": self.id,
                "name": table.name,
                "attachment_id": attachment.id,
                "file_type": table.file_type,
                "encoding": table.detected.get("encoding"),
                "delimiter": table.detected.get("delimiter"),
                "sheet": table.detected.get("sheet"),
                "headers": list(table.headers),
            }
            file = known.get(table.name)
            if file:
                file.write(vals)
            else:
                file = Files.create(vals)
            self._stage_file(file, table, profilers)
            blocked = blocked or table.blocked
        self.invalidate_recordset(["staging_ids", "file_ids"])
        self.row_count = sum(self.file_ids.mapped("rows_staged"))
        if not blocked:
            self._store_field_profiles([profilers[h].result() for h in headers])

    def _report_replaced(self, replaced, names):
        """Files of an earlier upload whose rows this upload's files replace."""
        self.env["migration.issue"].create(
            {
                "project_id": self.project_id.id,
                "object_id": self.id,
                "code": "files_replaced",
                "severity": "info",
                "file_name": names[0],
                "message": "%s: a new export of %r; its rows replace those of %s, uploaded "
                "before: an object holds the rows of its latest upload (upload the files "
                "together when all of them are to load)"
                % (", ".join(names), self.object_name, ", ".join(replaced.mapped("name"))),
            }
        )

    def _stage_file(self, file, table, profilers):
        """Stage the rows of one table (its ``file``); count what was read, staged and
        refused; feed the object's columns' profiles."""
        self.ensure_one()
        Issue = self.env["migration.issue"]
        Issue.create([Issue._vals_from_problem(p, obj=self) for p in table.problems])
        counts = {"rows_read": 0, "rows_staged": 0, "rows_refused": 0}
        if not table.blocked:
            batch = []
            for row in table.rows():
                for header, profiler in profilers.items():
                    profiler.add(row.values.get(header, ""))
                batch.append(row)
                if len(batch) >= STAGE_BATCH:
                    self._stage_rows(batch, file)
                    counts["rows_staged"] += len(batch)
                    batch = []
            if batch:
                self._stage_rows(batch, file)
                counts["rows_staged"] += len(batch)
            counts["rows_read"] = table.counts.get("records", 0)
            counts["rows_refused"] = table.counts.get("skipped", 0)
            # what reading the rows found (rows of empty cells skipped, a read stopped early)
            Issue.create([Issue._vals_from_problem(p, obj=self) for p in table.stream_problems])
        file.write(counts)

    def _clear_staging(self):
        """Make room for a new export of the object: its rows, its columns' profiles
        and the issues reading it raised go. Those issues are the project's own
        bookkeeping, which users may not delete one by one: the system replaces them
        once the user's right to change the project is checked."""
        self.ensure_one()
        orm.check_access(self.project_id, "write")
        self.issue_ids.filtered(lambda i: not i.run_id).sudo().unlink()
        self.staging_ids.unlink()
        self.field_ids.unlink()

    def _stage_rows(self, rows, file):
        """Stage a batch of rows of a file in one INSERT, and the problems of the rows
        that have some.

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
                file.id,
                row.row,
                json.dumps(row.values, ensure_ascii=False),
                row_hash(row.values),
                "problem" if row.problems else "staged",
                uid,
                uid,
            ]
        self.env.cr.execute(
            "INSERT INTO migration_staging_record (object_id, project_id, file_id, row_number, "
            "payload, row_hash, state, create_uid, write_uid, create_date, write_date) "
            "VALUES %s RETURNING id"
            % ", ".join(
                [
                    "(%s, %s, %s, %s, %s::jsonb, %s, %s, %s, %s, now() at time zone 'UTC', "
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
