"""Tasks and calls: open ones are activities, done ones are logged in the chatter."""

import datetime
import html

from odoo import fields

from ...services import values
from .base import TargetAdapter
from .mail_message import details_html


class MailActivityAdapter(TargetAdapter):
    """An open task or call is a ``mail.activity`` (type, summary, note, deadline,
    assigned user) on its record. Odoo keeps no done activities: marking one done
    posts a message and removes it. A done task or call is therefore written as
    that message, dated when it was done, with its duration and outcome."""

    model = "mail.activity"
    attaches = True
    attach_by_model_id = True

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self.models = ("mail.activity", "mail.message")

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        if row.flags.get("_done"):
            when = row.dates.get("date_done") or self._deadline_time(load, staging)
            return self._done_message(vals, row, assembled, when)
        note = vals.get("note") or ""
        extra = details_html(row.details)
        if extra:
            vals["note"] = note + extra
        return vals

    @staticmethod
    def _deadline_time(load, staging):
        """The due date with its time, when the source gives one (a done call's time)."""
        column = load.plan.column_of("date_deadline")
        raw = str((staging.payload or {}).get(column) or "").strip() if column else ""
        try:
            return values.parse_datetime(raw) if raw else None
        except ValueError:
            return None

    def _done_message(self, vals, row, assembled, when):
        model, res_id = assembled.attach
        kind = self.env["mail.activity.type"].browse(vals.get("activity_type_id"))
        when = when or vals.get("date_deadline") or row.dates.get("create_date")
        if isinstance(when, datetime.date) and not isinstance(when, datetime.datetime):
            when = datetime.datetime.combine(when, datetime.time(12, 0))
        title = html.escape(vals.get("summary") or kind.name or "")
        body = "<p><b>%s</b>%s</p>%s%s" % (
            html.escape(kind.name or "Activity"),
            (" — %s" % title) if title and title != html.escape(kind.name or "") else "",
            vals.get("note") or "",
            details_html([("Done", "yes")] + list(row.details)),
        )
        user = self.env["res.users"].browse(vals.get("user_id")) if vals.get("user_id") else None
        return {
            "x_source_id": vals.get("x_source_id"),
            "model": model,
            "res_id": res_id,
            "message_type": "comment",
            "subtype_id": self.env.ref("mail.mt_activities").id,
            "mail_activity_type_id": kind.id or False,
            "body": body,
            "date": when or fields.Datetime.now(),
            "author_id": user.partner_id.id if user else self.env.user.partner_id.id,
        }

    def route(self, vals):
        return "mail.message" if "message_type" in vals else "mail.activity"

    def create_records(self, model, vals_list):
        if model == "mail.message":
            return self.ctx.adapter("mail.message").create_records(model, vals_list)
        # Odoo subscribes each activity's user to its record; two activities of one user
        # on one record in the same create() insert that follower twice and fail. So they
        # are created in rounds where each (record, user) appears once.
        rounds = []
        for index, vals in enumerate(vals_list):
            key = (vals.get("res_model_id"), vals.get("res_id"), vals.get("user_id"))
            for batch in rounds:
                if key not in batch["keys"]:
                    break
            else:
                batch = {"keys": set(), "indexes": []}
                rounds.append(batch)
            batch["keys"].add(key)
            batch["indexes"].append(index)
        records = {}
        for batch in rounds:
            created = super().create_records(model, [vals_list[i] for i in batch["indexes"]])
            records.update(zip(batch["indexes"], created.ids, strict=True))
        return self.env[model].browse([records[i] for i in range(len(vals_list))])

    def write_dates(self, pairs):
        messages = [(r, d) for r, d in pairs if r._name == "mail.message"]
        activities = [(r, d) for r, d in pairs if r._name != "mail.message"]
        if messages:
            self.ctx.adapter("mail.message").write_dates(messages)
        return super().write_dates(activities)
