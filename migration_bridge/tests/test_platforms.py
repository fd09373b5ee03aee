"""The platform profiles end to end: TOTUS Marketing and D-Tools, each on its sample.

Each sample (``data/samples/<profile>``, made by ``scripts/samples/<profile>.py``,
with its ``expected.json``) is uploaded as one ZIP, confirmed as proposed and loaded;
the counts reconcile per object, values, parents, owners and engagements land where
the source says, a delta updates and adds, and rollbacks leave nothing behind.
"""

import csv
import hashlib
import io
import json
import zipfile

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged

from .common import ADDON, MigrationCase, to_csv
from .test_engagements import TAGGED_MODELS, EngagementChecks

SAMPLES = ADDON / "data" / "samples"


def sample_zip(code, replace=None):
    """The sample export as one upload; ``replace``: {relative path: bytes} changed."""
    folder = SAMPLES / code
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and path.name not in ("README.md", "expected.json"):
                archive.writestr(name, (replace or {}).get(name, path.read_bytes()))
    return buffer.getvalue()


class PlatformCase(MigrationCase):
    code = None
    # (module, app label): the class needs that app and skips itself without it
    needs_app = None

    @classmethod
    def setUpClass(cls):
        if cls.needs_app:
            import unittest

            from odoo.modules.registry import Registry
            from odoo.tests.common import get_db_name

            module, label = cls.needs_app
            if module not in Registry(get_db_name())._init_modules:
                raise unittest.SkipTest(
                    "needs the %s app (-i migration_bridge,%s)" % (label, module)
                )
        super().setUpClass()
        cls.expected = json.loads((SAMPLES / cls.code / "expected.json").read_text("utf-8"))
        for login in cls.odoo_owners():
            if (
                not cls.env["res.users"]
                .with_context(active_test=False)
                .search([("login", "=", login)])
            ):
                mail_new_test_user(
                    cls.env,
                    login=login,
                    name=login.split("@")[0].replace(".", " ").title(),
                    email=login,
                    groups="base.group_user,sales_team.group_sale_salesman",
                )
        cls.project = cls.env["migration.project"].create({"name": cls.code, "profile": cls.code})
        cls.project.add_files([("%s-export.zip" % cls.code, sample_zip(cls.code))])
        cls.project.with_user(cls.migration_manager).action_confirm_mapping()
        cls.full = cls.project._start_run("full")

    @classmethod
    def odoo_owners(cls):
        return cls.expected["owners"]

    def record(self, key):
        kind = key.split(":", 1)[0]
        model = "crm.lead" if kind in ("deal", "opportunity", "project") else "res.partner"
        found = self.env[model].with_context(active_test=False).search([("x_source_id", "=", key)])
        self.assertEqual(len(found), 1, key)
        return found

    def assertNothingTagged(self):
        for model in TAGGED_MODELS:
            left = (
                self.env[model]
                .with_context(active_test=False)
                .search_count([("x_source_id", "!=", False)])
            )
            self.assertEqual(left, 0, "%s records are left in %s" % (left, model))


@tagged("post_install", "-at_install")
class TestTotusExport(EngagementChecks, PlatformCase):
    code = "totus"

    @classmethod
    def upload(cls):
        return [("totus-export.zip", sample_zip("totus"))]

    @classmethod
    def odoo_owners(cls):
        # An owner who left the company is an archived user; all are matched by email.
        return cls.expected["owners"]

    def test_counts_and_what_does_not_migrate(self):
        for file_name, rows in self.expected["files"].items():
            line = self.run_line(self.full, file_name.rsplit(".", 1)[0])
            self.assertEqual(line.source_rows, rows, file_name)
        records = self.expected["records"]
        partners = self.env["res.partner"].with_context(active_test=False)
        self.assertEqual(
            partners.search_count([("x_source_id", "=like", "company:%")]), records["companies"]
        )
        self.assertEqual(
            partners.search_count([("x_source_id", "=like", "contact:%")]), records["contacts"]
        )
        artifacts = {entry["object"] for entry in self.expected["not_migrated"]}
        self.assertEqual(set(self.project.inventory_ids.mapped("artifact")), artifacts)
        self.assertEqual(
            len(self.project.inventory_ids), sum(e["rows"] for e in self.expected["not_migrated"])
        )

    def test_contact_types_and_tags_are_partner_tags(self):
        for source_id, tags in self.expected["contact_tags"].items():
            contact = self.record("contact:%s" % source_id)
            names = {name.lower() for name in contact.category_id.mapped("name")}
            self.assertTrue({t.lower() for t in tags} <= names, (source_id, names))

    def test_a_deal_source_is_the_lead_source(self):
        """'Deal Source' has a standard home: the lead's Source, created by name."""
        deals = csv.DictReader(
            io.StringIO((SAMPLES / "totus" / "totus-deals.csv").read_text("utf-8-sig"))
        )
        checked = 0
        for row in deals:
            if row["Deal Source"]:
                lead = self.record("deal:%s" % row["Deal ID"])
                self.assertEqual(lead.source_id.name, row["Deal Source"], row["Deal ID"])
                checked += 1
        self.assertGreaterEqual(checked, 10)

    def test_custom_properties_become_fields_of_their_type(self):
        for file_name, columns in self.expected["custom_properties"].items():
            model = "crm.lead" if "deal" in file_name else "res.partner"
            if "meeting" in file_name:
                model = "calendar.event"
            for header, spec in columns.items():
                field = self.env["ir.model.fields"]._get(model, spec["field"])
                self.assertTrue(field, "%s: %s" % (file_name, header))
                self.assertEqual(field.ttype, spec["ttype"], header)
                if spec["ttype"] == "selection":
                    values = set(field.selection_ids.mapped("value"))
                    self.assertTrue(set(spec["values"]) <= values, header)

    def test_owners_and_subsidiaries(self):
        for child, parent in self.expected["subsidiaries"].items():
            self.assertEqual(
                self.record("company:%s" % child).parent_id,
                self.record("company:%s" % parent),
            )
        owners = set(self.full.project_id.owner_match_ids.mapped("user_id.login"))
        self.assertEqual(owners, set(self.expected["owners"]))

    def delta_files(self):
        """A cutover export: one deal renamed, one new note on it."""
        deals = (SAMPLES / "totus" / "totus-deals.csv").read_text("utf-8-sig").splitlines()
        header, first = deals[0], deals[1]
        self.renamed = first.split(",")[0]
        deals[1] = first.replace(first.split(",")[1], "Renamed at cutover", 1)
        notes = (SAMPLES / "totus" / "totus-notes.csv").read_text("utf-8-sig").splitlines()
        # A note written after the export, older than the deal's other messages.
        notes.append(
            "NT-9999999,<p>Call notes found at cutover</p>,maya.chen@brightwave.example,"
            ",,%s,2024-01-15T09:00:00Z" % self.renamed
        )
        return [
            ("totus-deals.csv", ("\n".join(deals) + "\n").encode()),
            ("totus-notes.csv", ("\n".join(notes) + "\n").encode()),
        ], header

    def test_delta_updates_and_adds_then_rolls_back_exactly(self):
        files, _header = self.delta_files()
        key = "deal:%s" % self.renamed
        before = self.record(key).name
        self.project.add_files(files)
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        self.assertEqual(self.record(key).name, "Renamed at cutover")
        self.assertEqual(self.run_line(delta, "totus-deals").updated, 1)
        self.assertEqual(self.run_line(delta, "totus-notes").created, 1)
        self.assertEqual(sum(delta.line_ids.mapped("created")), 1)
        deal = self.record(key)
        note = self.landed("mail.message", "NT-9999999")
        self.assertEqual((note.model, note.res_id), ("crm.lead", deal.id))
        first = self.env["mail.message"].search(
            [("model", "=", "crm.lead"), ("res_id", "=", deal.id), ("x_source_id", "!=", False)],
            order="id",
            limit=1,
        )
        self.assertEqual(first, note, "the oldest message comes first in the chatter")
        delta.with_user(self.migration_manager).action_rollback()
        self.assertEqual(self.record(key).name, before)
        self.assertFalse(self.landed("mail.message", "NT-9999999"))

    def test_project_rollback_after_sample_full_and_delta_leaves_nothing(self):
        self.project.with_user(self.migration_manager).action_rollback_all()
        self.assertNothingTagged()
        self.assertEqual(self.project.state, "confirmed")

    def test_an_unknown_object_is_proposed_as_a_custom_object(self):
        """TOTUS has no published schema: a file no object fits becomes a new custom
        object once a manager confirms it, never left out."""
        rows = [
            {
                "Registration ID": "WR-1",
                "Webinar": "Spring launch",
                "Attendee Email": "a@x.example",
            },
            {
                "Registration ID": "WR-2",
                "Webinar": "Spring launch",
                "Attendee Email": "b@x.example",
            },
        ]
        project = self.env["migration.project"].create({"name": "webinars", "profile": "totus"})
        project.add_files([("totus-webinar-registrations.csv", to_csv(rows, list(rows[0])))])
        mapping = project.mapping_ids
        self.assertEqual(mapping.kind, "custom")
        self.assertEqual(mapping.model_name, "x_totus_webinar_registrations")
        self.assertIn("new custom object", mapping.reason)
        project.with_user(self.migration_manager).action_confirm_mapping()
        run = project._start_run("full")
        self.assertCounts(run, "totus-webinar-registrations", source_rows=2, created=2)
        Model = self.env["x_totus_webinar_registrations"]
        self.assertEqual(
            sorted(Model.search([]).mapped("x_source_id")), ["custom:WR-1", "custom:WR-2"]
        )
        self.assertEqual(set(Model.search([]).mapped("x_webinar")), {"Spring launch"})
        run.with_user(self.migration_manager).action_rollback()
        self.assertFalse(Model.search([]))


@tagged("post_install", "-at_install")
class TestDtoolsExport(PlatformCase):
    code = "dtools"

    @classmethod
    def odoo_owners(cls):
        return [login for login, owner in cls.expected["owners"].items() if owner["odoo_user"]]

    def test_every_table_reconciles(self):
        self.assertEqual(self.full.state, "done")
        self.assertReconciled(self.full)
        for table, rows in self.expected["tables"].items():
            line = self.run_line(self.full, table.lower())
            self.assertEqual(line.source_rows, rows, table)
        self.assertEqual(sum(self.full.line_ids.mapped("failed")), 0)
        records = self.expected["records"]
        leads = self.env["crm.lead"].with_context(active_test=False)
        self.assertEqual(
            leads.search_count(
                [
                    "|",
                    ("x_source_id", "=like", "opportunity:%"),
                    ("x_source_id", "=like", "project:%"),
                ]
            ),
            records["deals"],
        )

    def test_clients_contacts_and_sites(self):
        companies = self.expected["companies"]
        for child, parent in companies["parents"].items():
            self.assertEqual(
                self.record("company:%s" % child).parent_id, self.record("company:%s" % parent)
            )
        for source_id in companies["inactive"]:
            self.assertFalse(self.record("company:%s" % source_id).active)
        for client, count in companies["sites"].items():
            company = self.record("company:%s" % client)
            sites = company.with_context(active_test=False).child_ids.filtered(
                lambda p: (p.x_source_id or "").startswith("site:")
            )
            self.assertEqual(set(sites.mapped("type")), {"other"} if count else set(), client)
            self.assertEqual(len(sites), count, client)
        for client, contact in self.expected["contacts"]["primary"].items():
            person = self.record("contact:%s" % contact)
            self.assertEqual(person.parent_id, self.record("company:%s" % client))
            self.assertEqual(person.x_dtools_id, contact, "the D-Tools id on every record")

    def test_deals_values_stages_and_folded_rows(self):
        records = self.expected["records"]
        for key in records["won"]:
            lead = self.record(key)
            self.assertTrue(lead.stage_id.is_won, key)
            self.assertEqual(lead.probability, 100)
        for key in records["lost"]:
            self.assertFalse(self.record(key).active, key)
        for key, deal in self.expected["deals"].items():
            lead = self.record(key)
            self.assertEqual(lead.x_dtools_id, key.split(":", 1)[1])
            # The client's primary contact is the deal's partner; the client its company.
            if deal.get("primary_contact"):
                self.assertEqual(
                    lead.partner_id.x_source_id, "contact:%s" % deal["primary_contact"], key
                )
            self.assertEqual(
                lead.partner_id.commercial_partner_id.x_source_id,
                "company:%s" % deal["partner"],
                key,
            )
            self.assertAlmostEqual(lead.expected_revenue, deal["expected_revenue"], 2)
            if deal.get("date_deadline"):
                self.assertEqual(str(lead.date_deadline), deal["date_deadline"], key)
            if deal.get("date_closed") and deal["outcome"] in ("won", "lost"):
                self.assertEqual(str(lead.date_closed.date()), deal["date_closed"], key)
            for field in (
                "x_project_locations",
                "x_product_lines",
                "x_task_list",
                "x_change_orders",
            ):
                if field in deal:
                    self.assertEqual(lead[field] or "", deal[field], "%s %s" % (key, field))
            # A project's service plan: fields of its deal, billing frequency a selection.
            for field, value in deal.get("service_plan", {}).items():
                got = lead[field]
                if isinstance(value, float):
                    self.assertAlmostEqual(got, value, 2, "%s %s" % (key, field))
                else:
                    self.assertEqual(str(got), str(value), "%s %s" % (key, field))
        frequency = self.env["ir.model.fields"]._get("crm.lead", "x_service_plan_billingfrequency")
        self.assertEqual(frequency.ttype, "selection")
        self.assertIn("Monthly", frequency.selection_ids.mapped("value"))
        plans = self.run_line(self.full, "serviceplans")
        self.assertEqual((plans.updated, plans.created), (plans.source_rows, 0))

    def test_tasks_are_activities_on_their_project_s_deal(self):
        """An open task is an activity on its project's deal, assigned to its owner and
        due on its due date; a completed one a message in the deal's chatter, dated on
        its completed date (Odoo keeps no done activities)."""
        owners = self.expected["owners"]
        for key, want in self.expected["tasks"].items():
            deal = self.record(want["deal"])
            model = "mail.message" if want["done"] else "mail.activity"
            found = self.env[model].search([("x_source_id", "=", key)])
            self.assertEqual(len(found), 1, key)
            where = (
                (found.model, found.res_id) if want["done"] else (found.res_model, found.res_id)
            )
            self.assertEqual(where, ("crm.lead", deal.id), key)
            if want["done"]:
                self.assertIn(want["summary"], found.body or found.subject or "", key)
                self.assertEqual(str(found.date.date()), want["done_on"], key)
            else:
                self.assertEqual(found.summary, want["summary"], key)
                self.assertEqual(str(found.date_deadline), want["deadline"], key)
                if owners.get(want["user"], {}).get("odoo_user"):
                    self.assertEqual(found.user_id.login, want["user"], key)

    def test_owners_files_and_inventory(self):
        for login, owner in self.expected["owners"].items():
            for key in owner["records"]:
                user = self.record(key).user_id
                if owner["odoo_user"]:
                    self.assertEqual(user.login, login, key)
                else:
                    self.assertFalse(user, key)
        for entry in self.expected["files"]:
            attachment = self.env["ir.attachment"].search(
                [("x_source_id", "=like", "%:" + entry["id"])]
            )
            self.assertEqual(len(attachment), 1, entry)
            self.assertEqual(hashlib.sha1(attachment.raw).hexdigest(), entry["sha1"])
            owner = self.record(entry["record"])
            self.assertEqual((attachment.res_model, attachment.res_id), (owner._name, owner.id))
        names = set(self.project.inventory_ids.mapped("name"))
        for source in self.expected["not_migrated"].values():
            for item in source["items"]:
                self.assertIn(item["name"], names)

    def test_delta_then_rollbacks(self):
        path = SAMPLES / "dtools" / "projects.json"
        data = json.loads(path.read_text("utf-8"))
        data["projects"][0]["name"] = "Renamed at cutover"
        changed = json.dumps(data, indent=2).encode()
        self.project.add_files(
            [("dtools-export.zip", sample_zip("dtools", {"projects.json": changed}))]
        )
        key = "project:%s" % data["projects"][0]["id"]
        before = self.record(key).name
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        self.assertEqual(self.record(key).name, "Renamed at cutover")
        self.assertEqual(self.run_line(delta, "projects").updated, 1)
        self.assertEqual(self.run_line(delta, "clients").unchanged, 12)
        delta.with_user(self.migration_manager).action_rollback()
        self.assertEqual(self.record(key).name, before)
        self.project.with_user(self.migration_manager).action_rollback_all()
        self.assertNothingTagged()
