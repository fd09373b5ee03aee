"""Emails and notes in a record's chatter, with their original dates, in time order."""

import html

from odoo import fields

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
        order = sorted(range(len(vals_list)), key=lambda i: (vals_list[i]["date"], i))
        created = self.env[model].create([vals_list[i] for i in order])
        by_position = dict(zip(order, created, strict=True))
        return self.env[model].browse([by_position[i].id for i in range(len(vals_list))])

    def finish_run(self):
        """Put the migrated messages of each record the run wrote to in time order."""
        self.env["migration.record.link"].flush_model()
        self.env.cr.execute(
            "SELECT DISTINCT m.model, m.res_id FROM migration_record_link l "
            "JOIN mail_message m ON m.id = l.res_id "
            "WHERE l.run_id = %s AND l.model = 'mail.message' AND m.model IS NOT NULL "
            "ORDER BY 1, 2",
            (self.ctx.run.id,),
        )
        for res_model, res_id in self.env.cr.fetchall():
            self.reorder(res_model, res_id)

    def reorder(self, res_model, res_id):
        """Create again, after the others, the migrated messages that sit out of order."""
        messages = self.Model.search(
            [("model", "=", res_model), ("res_id", "=", res_id), ("x_source_id", "!=", False)],
            order="id",
        )
        by_date = messages.sorted(lambda m: (m.date, m.id))
        keep = 0
        while keep < len(messages) and messages[keep] == by_date[keep]:
            keep += 1
        if keep == len(messages):
            return 0
        Link = self.env["migration.record.link"]
        Staging = self.env["migration.staging.record"]
        moved = 0
        for old in by_date[keep:]:
            new = old.copy(
                {
                    "x_source_id": old.x_source_id,
                    "date": old.date,
                    "partner_ids": [(6, 0, old.partner_ids.ids)],
                    "attachment_ids": [(6, 0, old.attachment_ids.ids)],
                }
            )
            self.env.cr.execute(
                "UPDATE mail_message SET create_date = %s, write_date = %s WHERE id = %s",
                (old.create_date, old.write_date, new.id),
            )
            Link.search([("model", "=", "mail.message"), ("res_id", "=", old.id)]).write(
                {"res_id": new.id}
            )
            Staging.search([("res_model", "=", "mail.message"), ("res_id", "=", old.id)]).write(
                {"res_id": new.id}
            )
            old.attachment_ids = [(5, 0, 0)]
            old.unlink()
            moved += 1
        self.Model.invalidate_model(["create_date", "write_date"])
        return moved
