import json

from odoo import api, fields, models

from ..services import transform, values

STAGING_STATES = [
    ("staged", "Staged"),
    ("problem", "Problem in the file"),
    ("excluded", "Excluded"),
    ("loaded", "Loaded"),
    ("skipped", "Skipped"),
    ("failed", "Failed"),
]


class MigrationStagingRecord(models.Model):
    """A source row as read from the export, before it touches any CRM model."""

    _name = "migration.staging.record"
    _description = "Staged source row"
    _order = "object_id, row_number, id"
    _rec_name = "row_number"

    object_id = fields.Many2one(
        "migration.source.object", required=True, ondelete="cascade", index=True
    )
    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    file_id = fields.Many2one(
        "migration.source.file",
        "File",
        ondelete="cascade",
        index=True,
        help="The file the row was read from (an object may gather several: the pages of "
        "one list).",
    )
    row_number = fields.Integer(
        "Row", help="Row number in its file, as a spreadsheet shows it (header = 1)."
    )
    source_id = fields.Char("Source ID", index=True)
    payload = fields.Json(help="The row as read: column name -> text.")
    row_hash = fields.Char(index=True)
    # ``state``, ``message``, ``run_id`` and the record change at every run: not indexed,
    # and pages keep room (``init``), so that PostgreSQL updates a row in place
    # (a HOT update) without touching the table's indexes.
    state = fields.Selection(STAGING_STATES, default="staged", required=True)
    message = fields.Char("Last outcome")
    run_id = fields.Many2one(
        "migration.run",
        "Last run",
        ondelete="set null",
        help="The last run that handled this row: a resumed run goes on with the others.",
    )
    res_model = fields.Char()
    res_id = fields.Integer()
    issue_ids = fields.One2many("migration.issue", "staging_record_id")
    payload_text = fields.Text("Row content", compute="_compute_payload_text")

    def init(self):
        cr = self.env.cr
        cr.execute("ALTER TABLE migration_staging_record SET (fillfactor = 70)")
        # indexed by earlier versions
        cr.execute("DROP INDEX IF EXISTS migration_staging_record__state_index")
        cr.execute("DROP INDEX IF EXISTS migration_staging_record__run_id_index")
        # Objects staged by earlier versions: their one file, and its rows (what it
        # refused then is not known any more: reading the files again tells)
        cr.execute(
            """
            INSERT INTO migration_source_file (project_id, object_id, name, attachment_id,
                   file_type, encoding, delimiter, sheet, headers, rows_read, rows_staged,
                   rows_refused, create_uid, write_uid, create_date, write_date)
            SELECT o.project_id, o.id, o.name, o.attachment_id, o.file_type, o.encoding,
                   o.delimiter, o.sheet, o.headers, coalesce(o.row_count, 0),
                   coalesce(o.row_count, 0), 0, o.create_uid, o.write_uid, o.create_date,
                   o.write_date
              FROM migration_source_object o
             WHERE NOT EXISTS (SELECT 1 FROM migration_source_file f WHERE f.object_id = o.id)
            """
        )
        cr.execute(
            "UPDATE migration_staging_record s SET file_id = f.id FROM migration_source_file f "
            "WHERE s.file_id IS NULL AND f.object_id = s.object_id"
        )

    @api.depends("payload")
    def _compute_payload_text(self):
        for record in self:
            record.payload_text = json.dumps(record.payload or {}, indent=2, ensure_ascii=False)

    def action_exclude(self):
        """Leave these rows out of the next runs, on purpose and visibly."""
        self.write({"state": "excluded", "message": "Excluded by %s" % self.env.user.name})
        return True

    def action_include(self):
        self.filtered(lambda r: r.state == "excluded").write({"state": "staged", "message": False})
        return True

    # ------------------------------------------------------------------
    # Staging SQL: what the loader asks of the staged rows, in bulk
    # ------------------------------------------------------------------
    @api.model
    def _row_ids(self, obj):
        """Every staged row of a source object, in file order."""
        self.flush_model()
        self.env.cr.execute(
            "SELECT id FROM migration_staging_record WHERE object_id = %s ORDER BY row_number, id",
            (obj.id,),
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _sample_ids(self, obj, size, refs):
        """A sample of an object: its first rows, preferring those whose references point
        to records the sample already loaded, so that the slice holds together.

        ``refs``: (column, source ids already loaded) pairs.
        """
        scores = []
        params = []
        for column, ids in refs:
            scores.append(
                "(CASE WHEN coalesce(btrim(payload->>%s), '') = '' "
                "OR btrim(payload->>%s) = ANY(%s) THEN 0 ELSE 1 END)"
            )
            params += [column, column, list(ids)]
        order = "%s, " % " + ".join(scores) if scores else ""
        self.flush_model()
        self.env.cr.execute(
            "SELECT id, row_number FROM migration_staging_record WHERE object_id = %%s "
            "ORDER BY %srow_number, id LIMIT %%s" % order,
            [obj.id] + params + [max(size, 0)],
        )
        return [row[0] for row in sorted(self.env.cr.fetchall(), key=lambda r: (r[1], r[0]))]

    @api.model
    def _set_source_ids(self, obj, plan):
        """Each staged row's source id, as the confirmed map and the profile say; rows
        that already have it are not written again.

        A source id too long for the index of ``source_id`` (and of ``x_source_id``,
        see ``transform.check_key_size``) is left empty: the run refuses that row with
        an issue naming its file, row and column."""
        self.flush_model()
        if len(plan.key_columns) == 1:
            # the key as the run reads it: empty when blank or too long for the index
            key = (
                "CASE WHEN octet_length(btrim(payload->>%(column)s)) + %(prefix)s <= %(max)s "
                "THEN NULLIF(btrim(payload->>%(column)s), '') END"
            )
            self.env.cr.execute(
                f"UPDATE migration_staging_record SET source_id = {key} "
                f"WHERE object_id = %(object)s AND source_id IS DISTINCT FROM {key}",
                {
                    "column": plan.key_columns[0],
                    "object": obj.id,
                    "prefix": len(transform.record_key(plan.key_kind, "").encode()),
                    "max": values.INDEX_MAX_BYTES,
                },
                log_exceptions=False,  # two workers starting an object: one tries again
            )
        else:
            self.env.cr.execute(
                "SELECT id, payload, source_id FROM migration_staging_record WHERE object_id = %s",
                (obj.id,),
            )
            pairs = [
                (row_id, key)
                for row_id, payload, current in self.env.cr.fetchall()
                for key in [transform.source_key(plan, payload or {})]
                for key in [
                    key if values.fits_index(transform.record_key(plan.key_kind, key)) else None
                ]
                if key != current
            ]
            for start in range(0, len(pairs), 1000):
                chunk = pairs[start : start + 1000]
                self.env.cr.execute(
                    "UPDATE migration_staging_record AS s SET source_id = v.source_id "
                    "FROM (VALUES %s) AS v(id, source_id) WHERE s.id = v.id"
                    % ", ".join(["(%s, %s)"] * len(chunk)),
                    [item for pair in chunk for item in pair],
                )
        self.invalidate_model(["source_id"])

    @api.model
    def _unhandled(self, obj, run, limit, within=None, claim=False):
        """The next rows of an object the run has not handled yet, in file order.

        ``claim``: lock them for this transaction, passing over rows another worker
        has locked, so that parallel workers never load the same row."""
        self.flush_model()
        query = (
            "SELECT id FROM migration_staging_record WHERE object_id = %s "
            "AND run_id IS DISTINCT FROM %s"
        )
        params = [obj.id, run.id]
        if within is not None:
            query += " AND id = ANY(%s)"
            params.append(list(within))
        query += " ORDER BY row_number, id LIMIT %s"
        if claim:
            query += " FOR UPDATE SKIP LOCKED"
        # Another worker's committed claim can make PostgreSQL refuse this one (a
        # serialization failure): the worker tries the step again, nothing to log.
        self.env.cr.execute(query, params + [limit], log_exceptions=not claim)
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _column_values(self, obj, run, column, within=None):
        """The distinct non-empty values of a column over the rows the run is to load."""
        self.flush_model()
        query = (
            "SELECT DISTINCT btrim(payload->>%s) FROM migration_staging_record "
            "WHERE object_id = %s AND run_id IS DISTINCT FROM %s "
            "AND coalesce(btrim(payload->>%s), '') != ''"
        )
        params = [column, obj.id, run.id, column]
        if within is not None:
            query += " AND id = ANY(%s)"
            params.append(list(within))
        self.env.cr.execute(query, params)
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _later_duplicates(self, obj, run, within=None):
        """Rows the run is to load whose source id an earlier row of the file has."""
        self.flush_model()
        scope = "object_id = %s AND run_id IS DISTINCT FROM %s AND state != 'excluded'"
        params = [obj.id, run.id]
        if within is not None:
            scope += " AND id = ANY(%s)"
            params.append(list(within))
        self.env.cr.execute(
            "SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY source_id "
            "ORDER BY row_number, id) AS rank FROM migration_staging_record "
            "WHERE %s AND source_id IS NOT NULL) AS ranked WHERE rank > 1 ORDER BY id" % scope,
            params,
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _written_chunks(self, obj, run, size, columns=None):
        """The ids of the rows the run wrote for an object, chunk by chunk; with
        ``columns``, only rows with a value in one of them."""
        self.flush_model()
        query = (
            "SELECT id FROM migration_staging_record WHERE object_id = %s AND run_id = %s "
            "AND state = 'loaded' AND res_id IS NOT NULL"
        )
        params = [obj.id, run.id]
        if columns:
            query += " AND (%s)" % " OR ".join(
                ["coalesce(btrim(payload->>%s), '') != ''"] * len(columns)
            )
            params += list(columns)
        self.env.cr.execute(query + " ORDER BY row_number, id", params)
        ids = [row[0] for row in self.env.cr.fetchall()]
        return [ids[start : start + size] for start in range(0, len(ids), size)]

    @api.model
    def _distinct_pairs(self, obj, first, second):
        """The distinct pairs of non-empty values of two columns over an object's rows."""
        self.flush_model()
        self.env.cr.execute(
            """
            SELECT DISTINCT btrim(payload->>%(first)s), btrim(payload->>%(second)s)
              FROM migration_staging_record
             WHERE object_id = %(object)s AND coalesce(btrim(payload->>%(first)s), '') != ''
               AND coalesce(btrim(payload->>%(second)s), '') != ''
            """,
            {"first": first, "second": second, "object": obj.id},
        )
        return self.env.cr.fetchall()

    @api.model
    def _distinct_values(self, obj, column, rank_column=None):
        """Distinct non-empty values of a column over an object's rows, with counts.

        In order of first appearance or, with ``rank_column`` (a probability), of the
        average of that column over each value's rows: a pipeline's order.
        """
        self.flush_model()
        self.env.cr.execute(
            r"""
            SELECT btrim(payload->>%(column)s) AS value, count(*)
              FROM migration_staging_record
             WHERE object_id = %(object)s AND coalesce(btrim(payload->>%(column)s), '') != ''
          GROUP BY 1
          ORDER BY avg(CASE WHEN payload->>%(rank)s ~ '^\s*[0-9]+([.,][0-9]+)?\s*%%?\s*$'
                            THEN replace(regexp_replace(payload->>%(rank)s, '[%%\s]', '', 'g'),
                                         ',', '.')::numeric END) NULLS LAST,
                   min(row_number)
            """,
            {"column": column, "object": obj.id, "rank": rank_column or ""},
        )
        return self.env.cr.fetchall()
