from odoo import api, fields, models
from odoo.tools import mute_logger, split_every

from ..loader import LOAD_CONTEXT
from ..loader.targets import adapter_for
from ..loader.write import WRITE_ERRORS, error_text

ROLLBACK_BATCH = 1000
ROLLBACK_CONTEXT = dict(LOAD_CONTEXT)

LINK_OPERATIONS = [("created", "Created"), ("updated", "Updated")]


class MigrationRecordLink(models.Model):
    """One record a run wrote: what to find again at the next delta, what to undo."""

    _name = "migration.record.link"
    _description = "Migrated record link"
    _order = "id"
    _rec_name = "source_key"

    run_id = fields.Many2one("migration.run", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(
        "migration.project", required=True, ondelete="cascade", index=True
    )
    model = fields.Char(required=True, index=True)
    res_id = fields.Integer("Record ID", required=True, index=True)
    source_object = fields.Char(help="Source object the row came from, or the stage map...")
    source_id = fields.Char("Source ID")
    source_key = fields.Char(
        index=True, help="The record's x_source_id: the kind and the source id."
    )
    row_number = fields.Integer("Row")
    row_hash = fields.Char(index=True, help="Hash of the source row as read.")
    vals_hash = fields.Char(help="Hash of the values written, to tell an unchanged row.")
    settings_hash = fields.Char(
        help="Hash of the mapping the row was written with (columns, targets, value and "
        "owner matches)."
    )
    refs = fields.Json(
        "References",
        help="The records the row's references pointed to, when all of them were found. "
        "A later run finding the same row, under the same mapping, with these records "
        "and its own still in Odoo, leaves it unchanged without reading it again.",
    )
    operation = fields.Selection(LINK_OPERATIONS, required=True)
    previous_values = fields.Json(help="Values before an update, restored by a rollback.")
    rolled_back = fields.Boolean(index=True)
    record_name = fields.Char(compute="_compute_record_name", string="Record")

    @api.depends("model", "res_id")
    def _compute_record_name(self):
        for link in self:
            record = (
                self.env[link.model].browse(link.res_id).exists()
                if link.model in self.env
                else None
            )
            link.record_name = record.display_name if record else "(deleted)"

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Rollback
    # ------------------------------------------------------------------
    def _rollback(self):
        """Undo these links: restore what they updated, delete what they created.

        Model by model, the last written first (children before parents); each
        model's records are deleted in batches, one record at a time only where a
        batch is refused. Returns (deleted, restored, failure messages); the links
        undone are marked, so a second rollback changes nothing.
        """
        deleted = restored = 0
        failures = []
        groups = {}
        for link in self.filtered(lambda ln: not ln.rolled_back).sorted("id", reverse=True):
            groups.setdefault(link.model, self.browse())
            groups[link.model] |= link
        for model in sorted(groups, key=lambda m: max(groups[m].ids), reverse=True):
            links = groups[model]
            if model not in self.env:
                links.write({"rolled_back": True})
                continue
            Model = self.env[model].sudo().with_context(**ROLLBACK_CONTEXT)
            done = self.browse()
            for link in links.filtered(lambda ln: ln.operation == "updated"):
                record = Model.browse(link.res_id).exists()
                if not record:
                    done |= link
                    continue
                try:
                    with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                        link._restore(record)
                    restored += 1
                    done |= link
                except WRITE_ERRORS as error:
                    failures.append(link._failure(error))
            created = links.filtered(lambda ln: ln.operation == "created")
            for batch in split_every(ROLLBACK_BATCH, created.ids):
                batch_links = self.browse(batch)
                records = Model.browse(batch_links.mapped("res_id")).exists()
                try:
                    with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                        adapter_for(model).unlink_records(records)
                    deleted += len(records)
                    done |= batch_links
                    continue
                except WRITE_ERRORS:
                    pass
                for link in batch_links:
                    record = Model.browse(link.res_id).exists()
                    try:
                        with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                            adapter_for(model).unlink_records(record)
                        deleted += len(record)
                        done |= link
                    except WRITE_ERRORS as error:
                        failures.append(link._failure(error))
            done.write({"rolled_back": True})
        return deleted, restored, failures

    def _restore(self, record):
        """Put back the values an update replaced (dates the ORM owns through SQL)."""
        vals = {}
        dates = {}
        sql_columns = adapter_for(record._name).sql_columns
        for name, value in (self.previous_values or {}).items():
            field = record._fields.get(name)
            if field is None:
                continue
            if name in models.MAGIC_COLUMNS or name in sql_columns:
                dates[name] = value
                continue
            if field.type in ("many2many", "one2many"):
                value = [fields.Command.set(value or [])]
            vals[name] = value
        if vals:
            record.write(vals)
        if dates:
            record.flush_recordset()
            self.env.cr.execute(
                "UPDATE %s SET %s WHERE id = %%s"
                % (record._table, ", ".join('"%s" = %%s' % n for n in dates)),
                [*dates.values(), record.id],
            )
            record.invalidate_recordset(list(dates))

    def _failure(self, error):
        return "Rollback could not undo %s %s (%s): %s" % (
            self.model,
            self.res_id,
            self.source_key,
            error_text(error),
        )
