"""Engagements and documents: a Salesforce weekly export and a HubSpot export.

Each export (``fixtures/engagements/<shape>``, made by
``scripts/samples/engagements.py`` with its ``expected.json``) migrates with the
generic profile: every email, note, call, task, meeting and document lands on the
right record with its original date, in time order in the chatter; a delta
updates and adds; rollbacks leave nothing behind.
"""

import datetime
import hashlib
import io
import json
import zipfile

from odoo.tests import TransactionCase, tagged

from ..loader import RunContext
from ..loader.targets.mail_message import out_of_order
from .common import ADDON, MigrationCase, to_csv

ENGAGEMENTS = ADDON / "tests" / "fixtures" / "engagements"
# Models a migration writes to; after a project rollback none of them holds a tagged record.
TAGGED_MODELS = (
    "res.partner",
    "crm.lead",
    "crm.stage",
    "crm.team",
    "crm.tag",
    "res.partner.category",
    "mail.message",
    "mail.activity",
    "calendar.event",
    "ir.attachment",
)
KIND_MODELS = {"deal": "crm.lead", "company": "res.partner", "contact": "res.partner"}


def zip_folder(folder, skip=("delta/", "README.md", "expected.json")):
    """The files of a folder as one ZIP upload, as the platform's export arrives."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and not any(name.startswith(s) or name == s for s in skip):
                archive.write(path, name)
    return buffer.getvalue()


def when(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


class EngagementChecks:
    """What every export must show; mixed into a MigrationCase per export shape.

    One export is migrated once for the class; helpers find what landed where."""

    # Odoo 19 runs only the tests a class defines itself, unless it says so.
    allow_inherited_tests_method = True

    shape = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "full" in cls.__dict__:
            return  # a platform case migrated its sample already
        cls.folder = ENGAGEMENTS / cls.shape
        cls.expected = json.loads((cls.folder / "expected.json").read_text(encoding="utf-8"))
        cls.before_migration()
        cls.project = cls.make_project(cls.upload(), name=cls.shape, confirm=True)
        cls.full = cls.project._start_run("full")

    @classmethod
    def upload(cls):
        raise NotImplementedError

    @classmethod
    def before_migration(cls):
        """The database as the export finds it."""

    def record_on(self, on):
        key = "%s:%s" % (on["kind"], on["source_id"])
        record = (
            self.env[KIND_MODELS[on["kind"]]]
            .with_context(active_test=False)
            .search([("x_source_id", "=", key)])
        )
        self.assertEqual(len(record), 1, "no record %s" % key)
        return record

    def landed(self, model, source_id):
        """The record a source row became: its x_source_id ends with its source id."""
        return (
            self.env[model]
            .with_context(active_test=False)
            .search([("x_source_id", "=like", "%:" + source_id)])
        )

    def entries(self, lands_as):
        return [e for e in self.expected["engagements"] if e["lands_as"] == lands_as]

    # ------------------------------------------------------------------
    # What every export must show
    # ------------------------------------------------------------------
    def test_counts_reconcile(self):
        self.assertEqual(self.full.state, "done")
        self.assertReconciled(self.full)
        orphans = len(self.entries("orphan"))
        engagement_rows = sum(
            line.source_rows
            for line in self.full.line_ids
            if line.model in ("mail.message", "mail.activity", "calendar.event", "ir.attachment")
        )
        self.assertEqual(engagement_rows, len(self.expected["engagements"]))
        self.assertEqual(sum(self.full.line_ids.mapped("failed")), orphans)
        deals = self.env["crm.lead"].with_context(active_test=False)
        self.assertEqual(
            deals.search_count([("x_source_id", "=like", "deal:%")]),
            self.expected["records"]["deals"],
        )

    def test_messages_land_on_their_record_with_their_date(self):
        for entry in self.entries("message"):
            message = self.landed("mail.message", entry["source_id"])
            self.assertEqual(len(message), 1, entry)
            record = self.record_on(entry["on"])
            self.assertEqual((message.model, message.res_id), (record._name, record.id), entry)
            self.assertEqual(message.date, when(entry["date"]), entry)
            if entry["type"] == "email":
                self.assertEqual(message.message_type, "email")
                # Its author is its sender (a contact or a user), never the owner.
                self.assertTrue(message.author_id, entry)
                self.assertIn(message.author_id.email, message.email_from, entry)
            if entry["type"] == "note":
                self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
            if entry.get("subject") and entry["type"] in ("task", "call"):
                self.assertIn(entry["subject"], message.body, entry)

    def test_messages_have_the_sender_and_reply_to_odoo_gives_them(self):
        """The reply-to of each migrated message (its record's alias, the company's
        catchall, else its sender) is the one Odoo's own create gives it."""
        Message = self.env["mail.message"]
        messages = Message.search([("x_source_id", "!=", False), ("model", "!=", False)])
        self.assertTrue(messages)
        for message in messages:
            vals = {
                "model": message.model,
                "res_id": message.res_id,
                "message_type": message.message_type,
                "email_from": message.email_from,
                "author_id": message.author_id.id,
            }
            self.assertTrue(message.email_from, message.x_source_id)
            self.assertEqual(message.reply_to, Message._get_reply_to(vals), message.x_source_id)

    def assertTimeline(self, timeline):
        """Each record's migrated messages, in chatter (id) order, are the source's
        messages in time order."""
        for key, source_ids in timeline.items():
            kind, source_id = key.split(":", 1)
            record = self.record_on({"kind": kind, "source_id": source_id})
            messages = self.env["mail.message"].search(
                [
                    ("model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("x_source_id", "!=", False),
                ],
                order="id",
            )
            got = [m.x_source_id.split(":", 1)[1] for m in messages]
            self.assertEqual(got, source_ids, key)

    def test_chatter_reads_in_time_order(self):
        self.assertTimeline(self.expected["timeline"])

    def test_open_tasks_and_calls_are_activities(self):
        for entry in self.entries("activity"):
            activity = self.landed("mail.activity", entry["source_id"])
            self.assertEqual(len(activity), 1, entry)
            record = self.record_on(entry["on"])
            self.assertEqual((activity.res_model, activity.res_id), (record._name, record.id))
            self.assertEqual(str(activity.date_deadline), entry["date"][:10], entry)
            expected_type = "mail.mail_activity_data_call" if entry["type"] == "call" else None
            if expected_type:
                self.assertEqual(activity.activity_type_id, self.env.ref(expected_type), entry)
            self.assertFalse(self.landed("mail.message", entry["source_id"]))

    def test_meetings_are_calendar_events(self):
        for entry in self.entries("event"):
            event = self.landed("calendar.event", entry["source_id"])
            self.assertEqual(len(event), 1, entry)
            record = self.record_on(entry["on"])
            self.assertEqual((event.res_model, event.res_id), (record._name, record.id))
            if record._name == "crm.lead":
                self.assertEqual(event.opportunity_id, record)
            self.assertEqual(event.allday, entry["allday"], entry)
            if not entry["allday"]:
                self.assertEqual(event.start, when(entry["date"]), entry)
            # Attendees in the CRM are partners; the others are named in the description.
            attendees = set(event.partner_ids.mapped("email"))
            for email in entry["attendees"]:
                self.assertTrue(email in attendees or email in (event.description or ""), email)
        # Creating a meeting logs nothing dated today in the deal's chatter.
        deals = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("x_source_id", "=like", "deal:%")])
        )
        logged = self.env["mail.message"].search_count(
            [
                ("model", "=", "crm.lead"),
                ("res_id", "in", deals.ids),
                ("x_source_id", "=", False),
                ("message_type", "!=", "notification"),
            ]
        )
        self.assertEqual(logged, 0)

    def test_documents_are_attachments_with_their_content(self):
        for entry in self.entries("attachment"):
            attachment = self.landed("ir.attachment", entry["source_id"])
            self.assertEqual(len(attachment), 1, entry)
            record = self.record_on(entry["on"])
            self.assertEqual((attachment.res_model, attachment.res_id), (record._name, record.id))
            self.assertEqual(attachment.name, entry["subject"])
            self.assertEqual(attachment.file_size, entry["file_size"])
            self.assertEqual(hashlib.sha1(attachment.raw).hexdigest(), entry["file_sha1"])
            self.assertEqual(attachment.create_date, when(entry["date"]), entry)
            if entry.get("message"):
                # A file of a note: on the note's record, and one of the note's files.
                note = self.landed("mail.message", entry["message"])
                self.assertIn(attachment, note.attachment_ids, entry)

    def test_orphans_fail_with_an_issue_naming_the_row(self):
        for entry in self.entries("orphan"):
            issues = self.issues(self.project, "orphan_reference", severity="error")
            self.assertTrue(
                any(entry["file"] in i.file_name for i in issues), "no issue for %s" % entry
            )
            for model in ("mail.activity", "mail.message"):
                self.assertFalse(self.landed(model, entry["source_id"]))

    def test_won_deals_keep_their_close_date_and_scoring_learns(self):
        leads = self.env["crm.lead"].with_context(active_test=False)
        won = leads.search([("x_source_id", "=like", "deal:%"), ("probability", "=", 100)])
        self.assertEqual(len(won), self.expected["records"]["won"])
        for lead in won:
            self.assertTrue(lead.stage_id.is_won)
            self.assertTrue(lead.date_closed)
            self.assertEqual(lead.date_closed.date(), lead.date_deadline)
        lost = leads.search([("x_source_id", "=like", "deal:%"), ("active", "=", False)])
        self.assertEqual(len(lost), self.expected["records"]["lost"])
        frequencies = self.env["crm.lead.scoring.frequency"].search([])
        self.assertTrue(frequencies, "lead scoring learnt nothing from the migrated history")
        self.assertTrue(any(f.won_count > 0.1 for f in frequencies))
        self.assertTrue(any(f.lost_count > 0.1 for f in frequencies))

    # ------------------------------------------------------------------
    # Delta, rollback
    # ------------------------------------------------------------------
    def delta_files(self):
        folder = self.folder / "delta"
        return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()]

    def test_delta_updates_and_adds_then_rolls_back_exactly(self):
        delta_spec = self.expected["delta"]
        changed = self.landed("mail.message", delta_spec["changed"][0])
        before = changed.body
        self.project.add_files(self.delta_files())
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        self.assertEqual(sum(delta.line_ids.mapped("created")), len(delta_spec["new"]))
        self.assertEqual(sum(delta.line_ids.mapped("updated")), len(delta_spec["changed"]))
        # Re-read: putting the chatter in time order may have created it again.
        changed = self.landed("mail.message", delta_spec["changed"][0])
        self.assertNotEqual(changed.body, before)
        (new,) = delta_spec["engagements"]
        message = self.landed("mail.message", new["source_id"])
        self.assertEqual(message.date, when(new["date"]))
        self.assertTimeline(delta_spec["timeline"])
        delta.with_user(self.migration_manager).action_rollback()
        self.assertFalse(self.landed("mail.message", new["source_id"]))
        changed = self.landed("mail.message", delta_spec["changed"][0])
        self.assertEqual(changed.body, before)
        self.assertEqual(len(self.landed("mail.message", delta_spec["changed"][0])), 1)

    def test_project_rollback_after_sample_full_and_delta_leaves_nothing(self):
        project = self.make_project(self.upload(), name="again", confirm=True)
        project.sample_size = 3
        project._start_run("sample")
        project._start_run("full")
        project.add_files(self.delta_files())
        project._start_run("delta")
        project.with_user(self.migration_manager).action_rollback_all()
        self.full.with_user(self.migration_manager).action_rollback()
        for model in TAGGED_MODELS:
            left = (
                self.env[model]
                .with_context(active_test=False)
                .search_count([("x_source_id", "!=", False)])
            )
            self.assertEqual(left, 0, "%s records are left in %s" % (left, model))
        self.assertEqual(project.state, "confirmed")
        self.assertEqual(project.live_records(), {})
        self.assertFalse(
            project.run_ids.issue_ids.filtered(lambda i: i.state == "open"),
            "the issues of rolled-back runs are closed",
        )


@tagged("post_install", "-at_install")
class TestSalesforceExport(EngagementChecks, MigrationCase):
    shape = "salesforce"

    @classmethod
    def upload(cls):
        return [("WE_00D8d000001_1.zip", zip_folder(cls.folder))]

    def test_owners_given_by_id_are_matched_through_the_users_file(self):
        matches = self.project.owner_match_ids
        self.assertTrue(matches)
        self.assertEqual(set(matches.mapped("method")), {"directory"})
        self.assertEqual(set(matches.mapped("user_id.login")), set(self.expected["owners"]))
        users = self.run_line(self.full, "user")
        self.assertEqual((users.source_rows, users.skipped), (4, 4))

    def test_line_items_are_kept_on_their_deal(self):
        """Rows with no record of their own (a deal's products) are kept as text on the
        deal; a delta that brings none back changes nothing; rollback restores."""
        deals = sorted(
            {
                e["on"]["source_id"]
                for e in self.expected["engagements"]
                if e["on"] and e["on"]["kind"] == "deal"
            }
        )[:2]
        headers = ["Id", "OpportunityId", "Name", "Quantity", "UnitPrice", "TotalPrice"]
        rows = [
            dict(zip(headers, values, strict=True))
            for values in (
                ("00k1", deals[0], "Fleet tracker", "12", "199.00", "2388.00"),
                ("00k2", deals[0], "Installation", "1", "950.00", "950.00"),
                ("00k3", deals[1], "Support plan", "3", "120.00", "360.00"),
                ("00k4", "0068d000NOTTHERE", "Ghost item", "1", "1.00", "1.00"),
            )
        ]
        self.project.add_files([("OpportunityLineItem.csv", to_csv(rows, headers))])
        mapping = self.obj(self.project, "opportunitylineitem").mapping_id
        self.assertEqual(mapping.kind, "deal_line")
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        self.assertCounts(delta, "opportunitylineitem", source_rows=4, updated=3, failed=1)
        first = self.record_on({"kind": "deal", "source_id": deals[0]})
        self.assertEqual(
            first.x_line_items, "12 x Fleet tracker at 199.00\n1 x Installation at 950.00"
        )
        (orphan,) = self.issues(
            self.project, "orphan_reference", run_id=delta.id, file_name="OpportunityLineItem.csv"
        )
        self.assertIn("0068d000NOTTHERE", orphan.message)
        self.assertEqual(orphan.row_number, 5)
        delta.with_user(self.migration_manager).action_rollback()
        self.assertFalse(first.x_line_items)

    def test_a_task_done_since_the_full_run_becomes_a_logged_message(self):
        """At cutover an open task is completed: the delta logs it in the chatter (an
        activity done, as Odoo does) and archives the activity; rollback undoes both."""
        path = self.folder / "Task.csv"
        text = path.read_text("utf-8")
        task_id = "00T8d00002mYzHgEAK"
        line = next(ln for ln in text.splitlines() if ln.startswith('"%s"' % task_id))
        done = line.replace('"Not Started"', '"Completed"').replace(
            ',"false","2026-11-03T10:16:09.000Z","2026-11-03T10:16:09.000Z",""',
            ',"true","2026-11-03T10:16:09.000Z","2026-11-20T10:00:00.000Z",'
            '"2026-11-20T10:00:00.000Z"',
        )
        self.assertNotEqual(done, line)
        activity = self.landed("mail.activity", task_id)
        self.assertTrue(activity.active)
        self.project.add_files([("Task.csv", text.replace(line, done).encode())])
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        self.assertEqual(self.run_line(delta, "task").updated, 1)
        message = self.landed("mail.message", task_id)
        self.assertEqual(message.date, when("2026-11-20 10:00:00"))
        self.assertEqual((message.model, message.res_id), (activity.res_model, activity.res_id))
        self.assertFalse(activity.active)
        again = self.project._start_run("delta")
        self.assertEqual(self.run_line(again, "task").unchanged, 13, "the next delta: no change")
        self.assertEqual(len(self.landed("mail.message", task_id)), 1)
        again.with_user(self.migration_manager).action_rollback()
        delta.with_user(self.migration_manager).action_rollback()
        self.assertFalse(self.landed("mail.message", task_id))
        self.assertTrue(activity.active)

    def test_polymorphic_who_and_what(self):
        """A task with both WhatId (an account or an opportunity) and WhoId (a contact)
        lands on the WhatId; a meeting's WhoId contact is among its attendees."""
        entries = [e for e in self.expected["engagements"] if e["file"] == "Task.csv"]
        kinds = {e["on"]["kind"] for e in entries if e["on"]}
        self.assertTrue({"deal", "company"} <= kinds or {"deal", "contact"} <= kinds)


@tagged("post_install", "-at_install")
class TestHubspotExport(EngagementChecks, MigrationCase):
    shape = "hubspot"

    @classmethod
    def before_migration(cls):
        # A company with a catchall address: messages reply to it, under their record's name.
        domain = cls.env["mail.alias.domain"].create({"name": "hubspot-move.example"})
        cls.env.company.alias_domain_id = domain

    @classmethod
    def upload(cls):
        files = [
            (p.name, p.read_bytes())
            for p in sorted(cls.folder.iterdir())
            if p.is_file() and p.suffix == ".csv"
        ]
        attachments = zip_folder(cls.folder / "hubspot-attachments", skip=())
        return files + [("hubspot-attachments.zip", attachments)]

    def test_engagement_files_load_side_by_side_once_their_records_are_in(self):
        """Several workers never wait at the end of a notes file while emails wait."""
        run = self.project._start_run("delta", background=True)
        ctx = RunContext(run, self.project.get_profile())
        lines = run.line_ids.sorted("sequence")
        kinds = {ln.object_name: ln.mapping_id.kind for ln in lines}
        self.assertEqual(run._ready_lines(ctx, lines), lines[:1], "nothing loaded yet")
        engagements = lines.filtered(
            lambda ln: kinds[ln.object_name] in ("note", "email", "task", "call", "meeting")
        )
        self.assertGreaterEqual(len(engagements), 4)
        first = min(engagements.mapped("sequence"))
        loaded = lines.filtered(lambda ln: ln.sequence < first)
        self.assertIn("deal", [kinds[name] for name in loaded.mapped("object_name")])
        loaded.write({"state": "done"})
        ready = run._ready_lines(ctx, lines - loaded)
        self.assertEqual(ready, engagements)
        documents = lines.filtered(lambda ln: kinds[ln.object_name] == "document")
        self.assertTrue(documents)
        (engagements[:-1]).write({"state": "done"})
        self.assertFalse(run._ready_lines(ctx, lines - loaded - engagements[:-1]) & documents)
        run.action_cancel()

    def test_a_company_named_on_a_contact_but_absent_is_created(self):
        line = self.line(
            self.project, "hubspot-crm-exports-all-contacts-2026-11-20", "Associated Company"
        )
        self.assertEqual(line.target_name, "company_name")
        self.assertTrue(line.create_missing, "proposed: the column holds names, not ids")
        for name in self.expected["companies_from_contacts"]:
            company = self.env["res.partner"].search([("name", "=", name)])
            self.assertEqual(len(company), 1)
            self.assertTrue(company.is_company)
            self.assertTrue(company.child_ids, "the contact that names it is its child")
            self.assertTrue(self.issues(self.project, "created_missing"))
        companies = self.env["res.partner"].search_count(
            [("x_source_id", "=like", "company:%"), ("is_company", "=", True)]
        )
        self.assertEqual(companies, self.expected["records"]["companies"])

    def test_done_calls_keep_their_duration_and_outcome(self):
        calls = [e for e in self.entries("message") if e["type"] == "call"]
        self.assertTrue(calls)
        for entry in calls:
            message = self.landed("mail.message", entry["source_id"])
            self.assertIn("Duration", message.body)
            self.assertIn("Outcome", message.body)


@tagged("post_install", "-at_install")
class TestChatterOrder(TransactionCase):
    def test_only_the_messages_after_the_first_out_of_order_are_moved(self):
        day = datetime.datetime(2024, 1, 1)
        at = {name: day + datetime.timedelta(days=n) for n, name in enumerate("abcdef")}
        # a file of notes (ids 1-3) loaded before a file of emails (ids 4-6)
        notes = [(1, at["a"]), (2, at["c"]), (3, at["f"])]
        emails = [(4, at["b"]), (5, at["d"]), (6, at["e"])]
        # a (1), b (4) keep their ids; c, d, e, f come after them in time order
        self.assertEqual(out_of_order(notes + emails), [2, 5, 6, 3])
        self.assertEqual(out_of_order(notes), [])
        # a delta brings a message older than all: everything else moves after it
        older = day - datetime.timedelta(days=1)
        self.assertEqual(out_of_order([*notes, (7, older)]), [1, 2, 3])
