"""OctopusPro end to end: its sample export (``data/samples/octopuspro``, made by
``scripts/samples/octopuspro.py``) uploaded as one ZIP, confirmed as proposed, loaded.

Counts reconcile per file; customers, bookings and what is kept on them are checked
against the source rows; owners, parents and chatters are linked; original dates are
kept; invoiced bookings are won and cancelled ones lost; a delta updates a changed
booking and adds a note without duplicating; rollbacks leave nothing behind; the
inventory lists what does not migrate.
"""

import csv
import datetime
import hashlib
import io

from odoo.tests import tagged

from ..services.profiles.octopuspro import PROFILE
from .test_platforms import SAMPLES, PlatformCase, sample_zip

FOLDER = SAMPLES / "octopuspro"


def read_rows(name):
    with open(FOLDER / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_of(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def utc(text):
    """An export datetime ('2026-03-14T04:30:00Z') as Odoo stores it (naive UTC)."""
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


@tagged("post_install", "-at_install")
class TestOctopusProExport(PlatformCase):
    code = "octopuspro"

    def found(self, kind, source_id):
        """The record a source row of ``kind`` became."""
        model = PROFILE.model_for(kind)
        record = (
            self.env[model]
            .with_context(active_test=False)
            .search([("x_source_id", "=", "%s:%s" % (kind, source_id))])
        )
        self.assertEqual(len(record), 1, "%s:%s" % (kind, source_id))
        return record

    def landed(self, model, source_id):
        return (
            self.env[model]
            .with_context(active_test=False)
            .search([("x_source_id", "=like", "%:" + source_id)])
        )

    # ------------------------------------------------------------------
    # Counts and what does not migrate
    # ------------------------------------------------------------------
    def test_every_file_reconciles_and_only_the_orphan_fails(self):
        self.assertEqual(self.full.state, "done")
        self.assertReconciled(self.full)
        for file_name, rows in self.expected["files"].items():
            line = self.run_line(self.full, file_name.rsplit(".", 1)[0])
            self.assertEqual(line.source_rows, rows, file_name)
        self.assertEqual(sum(self.full.line_ids.mapped("failed")), len(self.expected["orphans"]))
        records = self.expected["records"]
        counts = {
            kind: self.env[PROFILE.model_for(kind)]
            .with_context(active_test=False)
            .search_count([("x_source_id", "=like", kind + ":%")])
            for kind in ("customer", "booking")
        }
        self.assertEqual(counts["customer"], records["customers"])
        self.assertEqual(counts["booking"], records["bookings"])
        for name in ("booking_forms", "invoices", "payments", "quotes"):
            line = self.run_line(self.full, name)
            self.assertEqual((line.updated, line.created), (line.source_rows, 0), name)
        # Field workers are read, never written.
        workers = self.run_line(self.full, "fieldworkers")
        self.assertEqual(workers.skipped, workers.source_rows)

    def test_the_inventory_lists_what_does_not_migrate_with_its_equivalent(self):
        # the bookings' tasks need Project, not installed here: listed once, as such
        profile = self.project.get_profile()
        (tasks,) = profile.missing_companions("booking")
        (listed,) = self.project.inventory_ids.filtered(lambda i: i.artifact == tasks.object)
        self.assertIn("Project", listed.equivalent)
        items = self.project.inventory_ids - listed
        self.assertEqual(len(items), sum(e["rows"] for e in self.expected["not_migrated"]))
        for entry in self.expected["not_migrated"]:
            listed = items.filtered(lambda i, e=entry: i.artifact == e["object"])
            self.assertEqual(len(listed), entry["rows"], entry["file"])
            spec = next(n for n in PROFILE.not_migrated if n.object == entry["object"])
            self.assertEqual(set(listed.mapped("equivalent")), {spec.equivalent})
            names = [row["name"] for row in read_rows(entry["file"])]
            self.assertEqual(sorted(listed.mapped("name")), sorted(names))
        automation = items.filtered(lambda i: i.name == "Day-before reminder")
        self.assertIn("trigger: 24 hours before the booking start", automation.details)

    # ------------------------------------------------------------------
    # Customers
    # ------------------------------------------------------------------
    def test_customers_are_people_and_companies_with_their_values(self):
        titles = {"Dr": "Doctor", "Mr": "Mister", "Mrs": "Madam", "Ms": "Madam", "Miss": "Miss"}
        for row in read_rows("customers.csv"):
            partner = self.found("customer", row["customer_id"])
            where = row["customer_id"]
            self.assertEqual(partner.is_company, row["customer_type"] == "Business", where)
            self.assertEqual(partner.name, row["customer_name"], where)
            self.assertEqual(partner.email or "", row["email"], where)
            # 19.0 has no mobile nor title on a partner: they become custom fields
            mobile = partner.mobile if "mobile" in partner._fields else partner.x_mobile
            self.assertEqual(mobile or "", row["mobile"], where)
            self.assertEqual(partner.street, row["address"], where)
            self.assertEqual((partner.city, partner.zip), (row["suburb"], row["postcode"]))
            self.assertEqual(partner.state_id.code, row["state"], where)
            self.assertEqual(partner.country_id.code, "AU", where)
            if "title" in partner._fields:
                self.assertEqual(partner.title.name or "", titles.get(row["title"], ""), where)
            else:
                self.assertEqual(partner.x_title or "", row["title"], where)
            self.assertEqual(partner.x_octopuspro_id, row["customer_id"])
            self.assertEqual(partner.x_property_type, row["Property Type"], where)
            self.assertEqual(partner.x_pets_on_site, row["Pets On Site"] == "Yes", where)
            self.assertEqual(partner.x_last_name, row["last_name"], where)
            joined = datetime.datetime.strptime(row["date_joined"], "%Y/%m/%d")
            self.assertEqual(partner.create_date, joined, "the date joined is kept")
        kestrel = self.found(
            "customer",
            next(r["customer_id"] for r in read_rows("customers.csv") if r["email2"]),
        )
        self.assertEqual(kestrel.x_email2, "maintenance@kestrel.example")

    def test_a_business_linked_person_and_duplicates_flagged_for_review(self):
        for source_id, business in self.expected["business_linked"].items():
            person = self.found("customer", source_id)
            self.assertFalse(person.is_company)
            self.assertEqual(person.company_name, business)
            self.assertEqual(person.display_name, "%s, %s" % (business, person.name))
        flagged = self.issues(self.project, "possible_duplicate")
        self.assertEqual(len(flagged), len(self.expected["possible_duplicates"]))
        self.assertEqual(set(flagged.mapped("severity")), {"warning"})
        listed = [{ref[2] for ref in issue.row_refs} for issue in flagged]
        for group in self.expected["possible_duplicates"]:
            self.assertIn(set(group), listed, "one issue lists the pair")
            for source_id in group:  # both loaded, none merged silently
                self.found("customer", source_id)

    def test_quotes_are_kept_on_their_customer(self):
        for source_id, text in self.expected["quotes"].items():
            self.assertEqual(self.found("customer", source_id).x_quotes, text)

    # ------------------------------------------------------------------
    # Bookings
    # ------------------------------------------------------------------
    def test_bookings_are_opportunities_with_their_metadata(self):
        source = {row["booking_id"]: row for row in read_rows("bookings.csv")}
        for booking_id, facts in self.expected["bookings"].items():
            lead = self.found("booking", booking_id)
            row = source[booking_id]
            self.assertEqual(lead.type, "opportunity")
            self.assertEqual(lead.name, facts["name"])
            self.assertEqual(lead.x_octopuspro_id, booking_id, "the booking id is kept")
            if facts["customer"]:
                self.assertEqual(lead.partner_id, self.found("customer", facts["customer"]))
            self.assertAlmostEqual(lead.expected_revenue, facts["expected_revenue"], 2)
            self.assertEqual(str(lead.date_deadline), facts["date_deadline"])
            self.assertEqual(
                (lead.street, lead.city, lead.zip), (facts["street"], facts["city"], facts["zip"])
            )
            self.assertEqual(lead.state_id.code, row["service_state"])
            for field in ("x_service_type", "x_assigned_fieldworkers", "x_start_time"):
                self.assertEqual(lead[field] or "", facts[field], "%s %s" % (booking_id, field))
            self.assertEqual(lead.x_end_time, row["end_time"])
            self.assertEqual(lead.x_booking_source, row["Booking Source"])
            self.assertEqual(lead.x_recurring, row["Recurring"] == "Yes")
            if row["completed_at"]:
                self.assertEqual(lead.x_completed_at, utc(row["completed_at"]))
            self.assertEqual(lead.create_date, utc(row["created_at"]), "the original date")
            for field in ("x_quote_number", "x_invoices", "x_payments"):
                self.assertEqual(lead[field] or False, facts.get(field, False), field)
            for field, value in facts.get("form", {}).items():
                self.assertEqual(lead[field], value, "%s %s" % (booking_id, field))

    def test_invoiced_bookings_are_won_cancelled_ones_lost(self):
        source = {row["booking_id"]: row for row in read_rows("bookings.csv")}
        outcomes = {"won": 0, "lost": 0, "open": 0}
        for booking_id, facts in self.expected["bookings"].items():
            lead = self.found("booking", booking_id)
            outcomes[facts["outcome"]] += 1
            if facts["outcome"] == "won":
                self.assertTrue(lead.stage_id.is_won and lead.active, booking_id)
                self.assertEqual(lead.probability, 100)
                self.assertEqual(str(lead.date_closed.date()), facts["date_closed"])
            elif facts["outcome"] == "lost":
                self.assertFalse(lead.active, booking_id)
                self.assertEqual(lead.probability, 0)
                self.assertEqual(
                    lead.lost_reason_id.name, source[booking_id]["cancellation_reason"]
                )
            else:
                self.assertTrue(lead.active and not lead.stage_id.is_won, booking_id)
                self.assertEqual(lead.stage_id.name, facts["status"])
        records = self.expected["records"]
        self.assertEqual(outcomes, {k: records[k] for k in outcomes})

    def test_owners_matched_by_email_and_the_one_without_a_user_flagged(self):
        for booking_id, facts in self.expected["bookings"].items():
            lead = self.found("booking", booking_id)
            if facts["owner"] in self.expected["owners"]:
                self.assertEqual(lead.user_id.login, facts["owner"], booking_id)
            else:
                self.assertFalse(lead.user_id, booking_id)
        unmatched = self.issues(self.project, "unmatched_owner")
        self.assertTrue(unmatched)
        for email in self.expected["unmatched_owners"]:
            self.assertTrue(all(email in message for message in unmatched.mapped("message")))
        # A field worker who left still owns the bookings she did.
        left = self.expected["inactive_fieldworkers"][0]
        self.assertTrue(any(f["owner"] == left for f in self.expected["bookings"].values()))

    def test_the_booking_of_a_deleted_customer_loads_without_it_and_is_reported(self):
        [orphan] = self.expected["orphan_bookings"]
        lead = self.found("booking", orphan["source_id"])
        self.assertFalse(lead.partner_id)
        self.assertIn("Oliver Grant", lead.name)
        issue = self.issues(self.project, "orphan_reference", source_id=orphan["source_id"])
        self.assertEqual(issue.column, "customer_id")
        self.assertIn(orphan["missing_customer"], issue.message)

    # ------------------------------------------------------------------
    # Notes, history, attachments
    # ------------------------------------------------------------------
    def test_notes_history_and_files_on_their_booking_with_their_date(self):
        authors = {row["note_id"]: row["added_by"] for row in read_rows("booking_notes.csv")}
        paths = {r["attachment_id"]: r["file_path"] for r in read_rows("booking_attachments.csv")}
        for entry in self.expected["engagements"]:
            if entry["lands_as"] == "orphan":
                continue
            record = self.found(entry["on"]["kind"], entry["on"]["source_id"])
            if entry["lands_as"] == "attachment":
                attachment = self.landed("ir.attachment", entry["source_id"])
                self.assertEqual(
                    (attachment.res_model, attachment.res_id), (record._name, record.id)
                )
                content = (FOLDER / paths[entry["source_id"]]).read_bytes()
                self.assertEqual(
                    hashlib.sha1(attachment.raw).hexdigest(), hashlib.sha1(content).hexdigest()
                )
                continue
            message = self.landed("mail.message", entry["source_id"])
            self.assertEqual((message.model, message.res_id), (record._name, record.id), entry)
            self.assertEqual(str(message.date), entry["date"], entry)
            self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
            if entry["source_id"] in authors:
                self.assertEqual(message.author_id.email, authors[entry["source_id"]])
        for lead in self.env["crm.lead"].search([("x_source_id", "=like", "booking:%")]):
            dates = lead.message_ids.filtered("x_source_id").sorted("id").mapped("date")
            self.assertEqual(dates, sorted(dates), "the chatter is in time order")

    def test_the_note_of_a_deleted_booking_fails_with_its_reason(self):
        [orphan] = self.expected["orphans"]
        self.assertFalse(self.landed("mail.message", orphan["source_id"]))
        issue = self.issues(self.project, "orphan_reference", column=orphan["column"]).filtered(
            lambda i: i.file_name.endswith(orphan["file"])
        )
        self.assertEqual(issue.severity, "error")
        self.assertIn(orphan["missing_id"], issue.message)

    # ------------------------------------------------------------------
    # Delta and rollback
    # ------------------------------------------------------------------
    def test_delta_updates_a_changed_booking_adds_a_note_then_rolls_back(self):
        bookings = read_rows("bookings.csv")
        changed = next(row for row in bookings if row["status"] == "Confirmed")
        before = self.found("booking", changed["booking_id"])
        old = (before.expected_revenue, before.x_start_time, before.stage_id)
        changed.update(status="In Progress", total="999.00", start_time="07:30")
        notes = read_rows("booking_notes.csv")
        notes.append(
            dict(
                notes[0],
                note_id="999001",
                booking_id=changed["booking_id"],
                note="Customer called at cutover: gate code changed.",
                created_at=changed["created_at"],  # as old as the booking's first event
            )
        )
        upload = sample_zip(
            "octopuspro", {"bookings.csv": csv_of(bookings), "booking_notes.csv": csv_of(notes)}
        )
        self.project.add_files([("octopuspro-export.zip", upload)])
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        self.assertCounts(delta, "bookings", updated=1, created=0, unchanged=len(bookings) - 1)
        self.assertCounts(delta, "booking_notes", created=1, failed=1)
        self.assertCounts(delta, "customers", unchanged=self.expected["records"]["customers"])
        self.assertEqual(sum(delta.line_ids.mapped("created")), 1, "nothing duplicated")
        lead = self.found("booking", changed["booking_id"])
        self.assertEqual((lead.expected_revenue, lead.x_start_time), (999.0, "07:30"))
        self.assertEqual(lead.stage_id.name, "In Progress")
        note = self.landed("mail.message", "999001")
        self.assertEqual((note.model, note.res_id), ("crm.lead", lead.id))
        dates = lead.message_ids.filtered("x_source_id").sorted("id").mapped("date")
        self.assertEqual(dates, sorted(dates), "the older note is placed in time order")
        delta.with_user(self.migration_manager).action_rollback()
        lead = self.found("booking", changed["booking_id"])
        self.assertEqual((lead.expected_revenue, lead.x_start_time, lead.stage_id), old)
        self.assertFalse(self.landed("mail.message", "999001"))

    def test_project_rollback_leaves_nothing(self):
        self.project.with_user(self.migration_manager).action_rollback_all()
        self.assertNothingTagged()
        self.assertEqual(self.project.state, "confirmed")


@tagged("post_install", "-at_install")
class TestOctopusProEmployees(PlatformCase):
    """With the Employees app (the Sales database): the field workers and staff are
    ``hr.employee`` records linked to the Odoo user of their email, their pay rate a
    custom field; the bookings' owners are matched as without it; a delta changes no
    employee; a rollback leaves none."""

    code = "octopuspro"

    needs_app = ("hr", "Employees")

    def employees(self):
        return (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search([("x_source_id", "like", "employee:%")])
        )

    def test_field_workers_are_employees_with_their_user(self):
        line = self.run_line(self.full, "fieldworkers")
        self.assertEqual(line.mapping_id.model_name, "hr.employee")
        self.assertEqual((line.created, line.failed), (len(self.expected["employees"]), 0))
        by_key = {e.x_source_id: e for e in self.employees()}
        self.assertEqual(sorted(by_key), sorted(self.expected["employees"]))
        for key, want in self.expected["employees"].items():
            employee = by_key[key]
            self.assertEqual(employee.name, want["name"], key)
            self.assertEqual(employee.work_email, want["work_email"], key)
            self.assertEqual(employee.job_title, want["job_title"], key)
            self.assertEqual(employee.active, want["active"], key)
            self.assertEqual(employee.user_id.login or "", want["user"], key)
            self.assertAlmostEqual(employee.x_pay_rate, want["pay_rate"], places=2)
        # the owners are matched as without Employees: a booking's salesperson
        owned = self.env["crm.lead"].search(
            [("x_source_id", "like", "booking:%"), ("user_id", "!=", False)]
        )
        self.assertTrue(owned)
        self.assertReconciled(self.full)

    def test_a_delta_changes_no_employee_and_a_rollback_leaves_none(self):
        employees = self.employees()
        delta = self.project._start_run("delta")
        self.assertFalse(delta.link_ids.filtered(lambda ln: ln.model == "hr.employee"))
        self.assertEqual(self.employees(), employees)
        users = employees.mapped("user_id")
        self.project.with_user(self.migration_manager).action_rollback_all()
        self.assertFalse(employees.exists())
        self.assertTrue(users.exists(), "the users were Odoo's before the migration: kept")
