"""Meetings: on the deal or contact they concern, attendees as partners."""

import datetime
import html

from .base import TargetAdapter


class CalendarEventAdapter(TargetAdapter):
    """A meeting lands on its record (res_model/res_id, and ``opportunity_id`` for a
    deal, set after the create: creating an event with it would log a "meeting
    planned" note dated today in the deal's chatter). The contact it concerns is an
    attendee; a meeting without an end lasts an hour (an all-day one, its day)."""

    model = "calendar.event"
    attaches = True
    attach_by_model_id = True

    def row_values(self, load, staging, row, assembled, status):
        vals = super().row_values(load, staging, row, assembled, status)
        start = vals.get("start")
        if start and not vals.get("stop"):
            vals["stop"] = start + datetime.timedelta(hours=1)
        if start and vals.get("stop") and vals["stop"] < start:
            vals["stop"] = start
        attendees = set()
        for command in vals.get("partner_ids") or []:
            attendees.update(command[2])
        for model, res_id in assembled.related:
            if model == "res.partner":
                partner = self.env["res.partner"].browse(res_id)
                if not partner.is_company:
                    attendees.add(res_id)
        vals["partner_ids"] = [(6, 0, sorted(attendees))]
        outside = [
            token
            for lookup, token in assembled.missing
            if lookup.into in (None, "partner_ids") and lookup.target == "partner_ids"
        ]
        if outside:
            # Attendees in no record of the export nor of Odoo: named, not dropped.
            vals["description"] = (vals.get("description") or "") + "<p>%s: %s</p>" % (
                "Other attendees",
                html.escape(", ".join(outside)),
            )
        if vals.get("res_model_id") == self.model_id("crm.lead"):
            vals["_opportunity"] = vals["res_id"]
        return vals

    def create_records(self, model, vals_list):
        opportunities = [vals.pop("_opportunity", None) for vals in vals_list]
        records = super().create_records(model, vals_list)
        for record, opportunity in zip(records, opportunities, strict=True):
            if opportunity:
                record.opportunity_id = opportunity
        return records

    def update_values(self, record, vals):
        vals = dict(vals)
        opportunity = vals.pop("_opportunity", None)
        if opportunity:
            vals["opportunity_id"] = opportunity
        return vals
