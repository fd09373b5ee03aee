"""Emails and notes in a record's chatter, with their original dates, in time order."""

import html
from collections import defaultdict

from odoo import fields
from odoo.tools import SQL

from ...series import messages
from ...services import transform
from .base import TargetAdapter


def details_html(details):
    """The facts a source gives beside the text (a call's duration...), as HTML lines."""
    if not details:
        return ""
    return "<ul>%s</ul>" % "".join(
        "<li>%s: %s</li>" % (html.escape(label), html.escape(str(value)))
        for label, value in details
    )


class MailMessageAdapter(TargetAdapter):
    """A message lands on its record (model, res_id) with its source date; its author
    is the partner of its sender's email when Odoo knows one. The chatter orders
    messages by id: a record's messages are created oldest first and, when a later
    run brings older ones, the newer ones are created again after them."""

    model = "mail.message"
    attaches = True

    def attach_values(self, model, res_id):
        return {"model": model, "res_id": res_id}

    def extra_lookups(self, load, row):
        """The author, from the sender's address, when no author column is mapped."""
        sender = row.vals.get("email_from")
        if not sender or any(lk.target == "author_id" for lk in row.lookups):
            return []
        emails = transform.emails_in(sender)
        if not emails:
            return []
        return [
            transform.Lookup(
                "_author",
                transform.LOOKUP_RECORD,
                "res.partner",
                tuple(emails[:1]),
                load.plan.column_of("email_from"),
                kinds=load.plan.partner_kinds,
                by=("id", "email"),
                into="author_id",
                quiet=True,
            )
        ]

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        vals.setdefault("date", row.dates.get("create_date") or fields.Datetime.now())
        extra = details_html(row.details)
        if extra or row.emails:
            to = ""
            if row.emails:
                to = "<p>%s: %s</p>" % ("To", html.escape(", ".join(row.emails)))
            vals["body"] = (vals.get("body") or "") + to + extra
        if row.emails and "partner_ids" not in vals:
            vals["partner_ids"] = [(6, 0, [])]
        return vals

    def create_records(self, model, vals_list):
        """Oldest first, so that ids follow time; records returned in the given order."""
        if model == "mail.message":
            self._reply_to(vals_list)
        order = sorted(range(len(vals_list)), key=lambda i: (vals_list[i]["date"], i))
        created = self.env[model].create([vals_list[i] for i in order])
        by_position = dict(zip(order, created, strict=True))
        return self.env[model].browse([by_position[i].id for i in range(len(vals_list))])

    def _reply_to(self, vals_list):
        """The sender and reply-to address Odoo's ``mail.message`` ``create()`` gives
        each message, found once per model for all the records of the batch: it
        asks the record's alias (its sales team's on a lead) one message at a
        time, which is most of the cost of creating messages."""
        res_ids, on_records = defaultdict(set), []
        for vals in vals_list:
            if "reply_to" in vals:
                continue
            if "email_from" not in vals:
                vals["email_from"] = messages.author_email(self.env, vals.get("author_id"))
            if messages.on_record(self.env, vals):
                res_ids[vals["model"], messages.reply_to_key(vals)].add(vals["res_id"])
                on_records.append(vals)
        found = {
            (model, key): messages.reply_to(self.env[model].browse(sorted(ids)), key)
            for (model, key), ids in res_ids.items()
        }
        for vals in on_records:
            key = (vals["model"], messages.reply_to_key(vals))
            reply_to = found[key].get(vals["res_id"])
            vals["reply_to"] = reply_to or vals.get("email_from")

    def finish_run(self):
        """Put the migrated messages of each record the run wrote to in time order."""
        self.env["migration.record.link"].flush_model()
        self.Model.flush_model()
        self.env.cr.execute(
            "SELECT m.model, m.res_id, m.id, m.date FROM mail_message m "
            "JOIN (SELECT DISTINCT m.model, m.res_id FROM migration_record_link l "
            "      JOIN mail_message m ON m.id = l.res_id "
            "      WHERE l.run_id = %s AND l.model = 'mail.message' AND m.model IS NOT NULL"
            ") AS touched ON touched.model = m.model AND touched.res_id = m.res_id "
            "WHERE m.x_source_id IS NOT NULL ORDER BY m.model, m.res_id, m.id",
            (self.ctx.run.id,),
        )
        by_record = defaultdict(list)
        for res_model, res_id, message_id, date in self.env.cr.fetchall():
            by_record[res_model, res_id].append((message_id, date))
        moves = []
        for key in sorted(by_record):
            moves += out_of_order(by_record[key])
        if moves:
            self.move_to_end(moves)
        return len(moves)

    def move_to_end(self, ids):
        """Copy these messages, in this order, to new ids after every other message, and
        drop the old ones; their recipients, attachments, links and rows follow them.

        Done in SQL, in one statement per table: the copies are the same rows (dates,
        authors, bodies...), which the ORM would re-compute and re-check one by one."""
        cr = self.env.cr
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'mail_message' AND column_name != 'id'"
        )
        names = [row[0] for row in cr.fetchall()]
        cr.execute(
            "SELECT nextval(pg_get_serial_sequence('mail_message', 'id')) "
            "FROM generate_series(1, %s)",
            (len(ids),),
        )
        pairs = list(zip(ids, sorted(row[0] for row in cr.fetchall()), strict=True))
        cr.execute("CREATE TEMP TABLE IF NOT EXISTS migration_moved (old int, new int)")
        cr.execute("TRUNCATE migration_moved")
        for start in range(0, len(pairs), 5000):
            cr.execute(
                SQL(
                    "INSERT INTO migration_moved (old, new) VALUES %s",
                    SQL(", ").join(pairs[start : start + 5000]),
                )
            )
        cr.execute("ANALYZE migration_moved")
        cr.execute(
            SQL(
                "INSERT INTO mail_message (id, %s) SELECT v.new, %s FROM mail_message m "
                "JOIN migration_moved v ON m.id = v.old ORDER BY v.new",
                SQL(", ").join(SQL.identifier(name) for name in names),
                SQL(", ").join(SQL.identifier("m", name) for name in names),
            )
        )
        for field in self.Model._fields.values():
            if field.type == "many2many" and field.store:
                cr.execute(
                    SQL(
                        "INSERT INTO %s (%s, %s) SELECT v.new, r.%s FROM %s r "
                        "JOIN migration_moved v ON r.%s = v.old",
                        SQL.identifier(field.relation),
                        SQL.identifier(field.column1),
                        SQL.identifier(field.column2),
                        SQL.identifier(field.column2),
                        SQL.identifier(field.relation),
                        SQL.identifier(field.column1),
                    )
                )
        for table, model_column, id_column in (
            ("ir_attachment", "res_model", "res_id"),
            ("migration_record_link", "model", "res_id"),
            ("migration_staging_record", "res_model", "res_id"),
        ):
            cr.execute(
                SQL(
                    "UPDATE %s AS t SET %s = v.new FROM migration_moved v "
                    "WHERE %s = 'mail.message' AND %s = v.old",
                    SQL.identifier(table),
                    SQL.identifier(id_column),
                    SQL.identifier("t", model_column),
                    SQL.identifier("t", id_column),
                )
            )
        cr.execute("DELETE FROM mail_message WHERE id IN (SELECT old FROM migration_moved)")
        cr.execute("DROP TABLE migration_moved")
        self.env.invalidate_all()


def out_of_order(messages):
    """Of a record's migrated messages, (id, date) in id order, those that must come
    after the others, oldest first.

    The chatter orders by id, and a moved message gets an id after every other: the
    oldest messages keep their ids as long as those ids rise with their dates; the rest
    are created again after them, in time order."""
    by_date = sorted(messages, key=lambda row: (row[1], row[0]))
    keep = 0
    while keep < len(by_date) and (keep == 0 or by_date[keep][0] > by_date[keep - 1][0]):
        keep += 1
    return [row[0] for row in by_date[keep:]]
