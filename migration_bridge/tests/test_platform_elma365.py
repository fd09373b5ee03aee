"""ELMA365 end to end, without a sample yet: one HUB tenant's apps in the shape the
connector spools them (JSON Lines, one object per app, ``hub-a.companies``), uploaded
as one ZIP with the profile ``elma365``, confirmed as proposed, loaded.

Counts reconcile; the company and its contact land linked by id, Russian text intact;
a lead and a process instance become a lead and an opportunity with their amounts from
cents, the instance staged at its current step; owners are matched through the users
list; RPA robots are listed as not migrated; a rollback leaves nothing behind. A
contact's typed phone and email lists are child tables that carry their record's
``__id``: their first email and phone land on the contact (``profiles.base.Typed``).
"""

import io
import json
import zipfile

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged
from odoo.tools import html2plaintext

from ..services.profiles.base import NAMED_AGAIN
from ..services.profiles.elma365 import PROFILE
from .common import MigrationCase
from .test_engagements import TAGGED_MODELS
from .test_platforms import SAMPLES, PlatformCase

OWNER = "a.ivanova@romashka.example"
USER_ID = "5d6c2b1a-0e4f-4a8b-9c7d-1e2f3a4b5c6d"
COMPANY_ID = "8a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
CONTACT_ID = "9b2e1d3f-4c5e-4f6a-9b0c-1d2e3f4a5b6c"
LEAD_ID = "0c3f2e4a-5d6f-4a7b-8c1d-2e3f4a5b6c7d"
INSTANCE_ID = "1d4a3f5b-6e7a-4b8c-9d2e-3f4a5b6c7d8e"
APPS = {
    "hub-a.users": [
        {
            "__id": USER_ID,
            "__name": "Иванова Анна",
            "email": OWNER,
            "fullname": {"lastname": "Иванова", "firstname": "Анна", "middlename": "Сергеевна"},
        }
    ],
    "hub-a.companies": [
        {
            "__id": COMPANY_ID,
            "__name": "ООО «Ромашка»",
            "__createdAt": "2026-01-12T09:30:00Z",
            "__createdBy": USER_ID,
            "_inn": "7701234567",
            "_address": "Москва, ул. Лесная, д. 5",
        }
    ],
    "hub-a.contacts": [
        {
            "__id": CONTACT_ID,
            "__name": "Петров Пётр Сергеевич",
            "__createdBy": USER_ID,
            "_fullname": {"lastname": "Петров", "firstname": "Пётр", "middlename": "Сергеевич"},
            "_companies": [COMPANY_ID],
            "_position": "Генеральный директор",
            "_email": [{"type": "work", "email": "petrov@romashka.example"}],
            "_phone": [{"type": "mobile", "tel": "+7 916 555-01-02"}],
        }
    ],
    "hub-a.leads": [
        {
            "__id": LEAD_ID,
            "__name": "Поставка оборудования",
            "__createdBy": USER_ID,
            "_budget": {"cents": 150_000_050, "currency": "RUB"},
            "_companies": [COMPANY_ID],
            "_deadline": "2026-07-01",
            "_description": "Заявка с сайта",
        }
    ],
    "hub-a.process_instances": [
        {
            "__id": INSTANCE_ID,
            "__name": "Продажа: ООО «Ромашка»",
            "__createdBy": USER_ID,
            "_current_step": "Согласование договора",
            "_amount": {"cents": 250_000_000, "currency": "RUB"},
            "_companies": [COMPANY_ID],
            "_deadline": "2026-08-01",
        }
    ],
    "hub-a.rpa_robots": [{"__id": "r-1", "__name": "Робот загрузки счетов"}],
}


def tenant_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, items in APPS.items():
            lines = "\n".join(json.dumps(i, ensure_ascii=False) for i in items)
            archive.writestr("%s.jsonl" % name, lines.encode())
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestElma365Export(MigrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = mail_new_test_user(
            cls.env,
            login=OWNER,
            name="Анна Иванова",
            email=OWNER,
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        cls.project = cls.env["migration.project"].create(
            {"name": "elma365", "profile": "elma365"}
        )
        cls.project.add_files([("elma365-hub-a.zip", tenant_zip())])
        cls.project.with_user(cls.migration_manager).action_confirm_mapping()
        cls.full = cls.project._start_run("full")

    def test_counts_reconcile(self):
        self.assertReconciled(self.full)
        lines = {ln.object_name: ln for ln in self.full.line_ids}
        for name in ("hub-a.companies", "hub-a.contacts", "hub-a.leads"):
            self.assertEqual(
                (lines[name].source_rows, lines[name].failed),
                (1, 0),
                "%s: %s" % (name, self._messages()),
            )
        self.assertEqual(lines["hub-a.process_instances"].created, 1)

    def _messages(self):
        issues = self.env["migration.issue"].search([("project_id", "=", self.project.id)])
        return issues.mapped(lambda i: "%s %s" % (i.code, i.message))

    def test_typed_lists_fold_onto_their_contact(self):
        for name in ("hub-a.contacts._email", "hub-a.contacts._phone"):
            self.assertEqual(self.obj(self.project, name).mapping_id.state, "confirmed", name)
            line = self.run_line(self.full, name)
            self.assertEqual((line.source_rows, line.updated, line.failed), (1, 1, 0), name)
        contact = self.partner("contact:%s" % CONTACT_ID)
        self.assertEqual(contact.email, "petrov@romashka.example")
        phones = [str(contact[f] or "") for f in ("phone", "mobile", "x_phones") if f in contact]
        self.assertIn("+7 916 555-01-02", " ".join(phones))

    def test_company_and_contact_linked_by_id_russian_intact(self):
        company = self.partner("company:%s" % COMPANY_ID)
        self.assertEqual(len(company), 1)
        self.assertTrue(company.is_company)
        self.assertEqual(company.name, "ООО «Ромашка»")
        self.assertEqual(company.vat, "7701234567")
        self.assertEqual(company.user_id, self.owner)
        contact = self.partner("contact:%s" % CONTACT_ID)
        self.assertEqual(contact.name, "Петров Пётр Сергеевич")
        self.assertEqual(contact.parent_id, company)
        self.assertEqual(contact.function, "Генеральный директор")

    def test_lead_and_instance_with_amounts_from_cents(self):
        company = self.partner("company:%s" % COMPANY_ID)
        lead = self.lead("lead:%s" % LEAD_ID)
        self.assertEqual((lead.type, lead.name), ("lead", "Поставка оборудования"))
        self.assertAlmostEqual(lead.expected_revenue, 1_500_000.5, places=2)
        self.assertEqual(lead.partner_id, company)
        self.assertEqual(lead.user_id, self.owner)
        deal = self.lead("instance:%s" % INSTANCE_ID)
        self.assertEqual(deal.type, "opportunity")
        self.assertEqual(deal.name, "Продажа: ООО «Ромашка»")
        self.assertAlmostEqual(deal.expected_revenue, 2_500_000.0, places=2)
        self.assertEqual(deal.stage_id.name, "Согласование договора")

    def test_rpa_robots_are_listed_not_migrated(self):
        self.assertIn("RPA robots", self.project.inventory_ids.mapped("artifact"))

    def test_rollback_leaves_nothing(self):
        self.full.with_user(self.migration_manager).action_rollback()
        for model in TAGGED_MODELS:
            left = (
                self.env[model]
                .with_context(active_test=False)
                .search_count([("x_source_id", "!=", False)])
            )
            self.assertEqual(left, 0, model)


@tagged("post_install", "-at_install")
class TestElma365Sample(PlatformCase):
    """The sample (``data/samples/elma365``, two HUB tenants, ``scripts/samples/
    elma365.py``) zipped as uploaded, confirmed as proposed (nothing to waive or
    exclude: the audit blocks nothing in it), loaded in full; checked against its
    ``expected.json``."""

    code = "elma365"

    def test_counts_reconcile_per_object(self):
        self.assertEqual(self.full.state, "done")
        self.assertReconciled(self.full)
        lines = {ln.object_name: ln for ln in self.full.line_ids}
        # КЭДО needs the Employees app (TestElma365Kedo migrates it where it is)
        hr = "hr" in self.env.registry._init_modules
        not_migrated = {"hub-a.rpa_robots"} | (set() if hr else set(self.expected["needs_hr"]))
        counted = {}
        for name, rows in self.expected["objects"].items():
            if name in not_migrated:
                self.assertFalse(lines.get(name) and lines[name].created, name)
                continue
            self.assertIn(name, lines, name)
            counted[name] = (lines[name].source_rows, rows)
        wrong = {n: c for n, c in counted.items() if c[0] != c[1]}
        for name in wrong:
            staged = self.obj(self.project, name).staging_ids
            wrong[name] += (staged.mapped(lambda s: (s.file_id.name, s.row_number, s.payload)),)
        self.assertFalse(wrong)
        failed = {n: ln.failed for n, ln in lines.items() if ln.failed}
        # the document on a task is the only row that may not land (see its test)
        self.assertLessEqual(set(failed), {"hub-a.documents"}, self._messages())
        self.assertNotIn("hub-a.rpa_robots", lines and {n for n in lines if lines[n].created})
        self.assertIn("RPA robots", self.project.inventory_ids.mapped("artifact"))

    def test_a_custom_application_of_both_tenants_is_one_model(self):
        """``hub-a.equipment`` and ``hub-b.equipment`` are one new model, ``x_equipment``
        (labelled without the tenant), holding the records of both, each linked to the
        company it is installed at (its removal by the project's rollback: test_custom_models;
        here a removed model would outlive this test's savepoint in the registry)."""
        for model, want in self.expected["custom_models"].items():
            self.assertIn(model, self.env)
            tracked = self.project.custom_model_ids.filtered(
                lambda m, model=model: m.model == model
            )
            self.assertEqual(len(tracked), 1, model)
            self.assertEqual(tracked.name, want["label"])
            mappings = self.project.mapping_ids.filtered(
                lambda m, model=model: m.model_name == model
            )
            self.assertEqual(sorted(mappings.object_id.mapped("object_name")), want["objects"])
            Model = self.env[model]
            self.assertEqual(Model._fields["x_company"].comodel_name, "res.partner")
            records = Model.search([])
            self.assertEqual(sorted(records.mapped("x_source_id")), sorted(want["records"]))
            for record in records:
                expected = want["records"][record.x_source_id]
                self.assertEqual(record.x_name, expected["name"])
                self.assertEqual(record.x_serial, expected["serial"])
                self.assertEqual(record.x_company.x_source_id, expected["company"])

    def test_kedo_needs_the_employees_app(self):
        """Without the Employees app, the КЭДО files are listed on Does not migrate,
        the proposal naming the app; nothing of them is written."""
        if "hr" in self.env.registry._init_modules:
            self.skipTest("Employees installed: TestElma365Kedo migrates КЭДО")
        items = self.project.inventory_ids
        lines = {ln.object_name: ln for ln in self.full.line_ids}
        for name, entry in self.expected["needs_hr"].items():
            listed = items.filtered(lambda i, e=entry: i.artifact == e)
            self.assertTrue(listed, entry)
            self.assertIn("Employees", listed[0].equivalent)
            self.assertFalse(lines.get(name) and lines[name].created, name)

    def _messages(self):
        issues = self.env["migration.issue"].search([("project_id", "=", self.project.id)])
        return issues.mapped(lambda i: "%s %s" % (i.code, i.message))

    def test_companies_and_contacts_linked_by_id_russian_names_intact(self):
        for key, want in self.expected["partners"].items():
            partner = self.partner(key)
            self.assertEqual(len(partner), 1, key)
            self.assertEqual(partner.name, want["name"], key)
            self.assertEqual(partner.is_company, want["is_company"], key)
            if want["is_company"]:
                continue
            self.assertEqual(partner.email or "", want["email"], key)
            company = want["company"] and self.partner("company:%s" % want["company"])
            self.assertEqual(partner.parent_id, company or partner.parent_id.browse(), key)
            # the other entries of its typed lists stay readable on it
            for entry in want["emails"]:
                if not entry.endswith(": " + want["email"]):
                    self.assertIn(entry, partner.x_emails or "", key)
            phones = " ".join(
                str(partner[f] or "") for f in ("phone", "mobile", "x_phones") if f in partner
            )
            for entry in want["phones"]:
                self.assertIn(entry.split(": ", 1)[1], phones, key)

    def test_nested_contacts_load_and_one_named_twice_loads_once(self):
        """Participants nested in tasks, projects and instances are contacts; one named
        in two tasks is one contact, its later row skipped as named again (no audit
        issue), each of its emails once."""
        for name, named in self.expected["named_again"].items():
            line = self.run_line(self.full, name)
            for key, times in named.items():
                self.assertEqual(len(self.partner(key)), 1, key)
                self.assertEqual(line.skipped, times - 1, name)
                partner = self.partner(key)
                self.assertFalse(partner.x_emails, "each email once: %s" % partner.x_emails)
            staged = self.obj(self.project, name).staging_ids.filtered(
                lambda s: s.state == "skipped"
            )
            self.assertEqual(set(staged.mapped("message")), {NAMED_AGAIN}, name)
        self.assertFalse(self.issues(self.project, "duplicate_source_id"))

    def test_the_cross_tenant_duplicate_is_one_audit_issue_listing_both_rows(self):
        email = self.expected["duplicate_email"]
        issues = self.issues(self.project, "possible_duplicate", audit=True)
        [issue] = issues.filtered(lambda i: email in i.message)
        self.assertEqual(len(issues), 1, issues.mapped("message"))
        self.assertFalse(issue.blocking)
        self.assertEqual(issue.row_count, 2)
        for key in self.expected["duplicates"]:
            self.assertEqual(self.partner(key).email, email, key)
            self.assertIn(key.split(":", 1)[1].replace("-", " "), issue.row_list, key)
        tenants = sorted(r[0].split(".zip/", 1)[-1].split("/")[0] for r in issue.row_refs)
        self.assertEqual(tenants, ["hub-a", "hub-b"])

    def test_internal_tasks_are_skipped_with_their_reason(self):
        reason = PROFILE.object_spec("lead").only.reason
        skipped = self.env["migration.staging.record"].search(
            [("object_id.project_id", "=", self.project.id), ("message", "ilike", reason)]
        )
        self.assertEqual(
            sorted(skipped.mapped("source_id")), sorted(self.expected["internal_tasks"])
        )
        for source_id in self.expected["internal_tasks"]:
            self.assertFalse(self.lead("lead:%s" % source_id), source_id)

    def test_deals_stages_history_and_amounts_from_cents(self):
        for key, want in self.expected["leads"].items():
            lead = self.lead(key)
            self.assertEqual(len(lead), 1, key)
            self.assertEqual((lead.name, lead.type), (want["name"], want["type"]), key)
            self.assertAlmostEqual(lead.expected_revenue, want["expected_revenue"], places=2)
            if want.get("orphan"):
                self.assertFalse(lead.partner_id, key)
            elif want.get("partner"):
                self.assertEqual(lead.partner_id.x_source_id.split(":", 1)[1], want["partner"])
            if "stage" in want:
                outcome = {"won": "won", "lost": "lost"}.get(want["outcome"], "open")
                if outcome == "open":
                    self.assertEqual(lead.stage_id.name, want["stage"], key)
                    self.assertTrue(lead.active, key)
                elif outcome == "won":
                    self.assertTrue(lead.stage_id.is_won, key)
                else:
                    self.assertFalse(lead.active, "a lost deal is archived: %s" % key)
                # the step history: a note per step in the deal's chatter, dated
                # when the step started, oldest first
                notes = self.env["mail.message"].search(
                    [
                        ("model", "=", "crm.lead"),
                        ("res_id", "=", lead.id),
                        ("body", "like", "Step: "),
                    ],
                    order="date, id",
                )
                self.assertEqual(len(notes), len(want["history"]), key)
                for note, (step, started, finished) in zip(notes, want["history"], strict=True):
                    text = html2plaintext(note.body)
                    self.assertTrue(text.startswith("Step: %s" % step), (key, text))
                    self.assertEqual(note.date.date().isoformat(), started, key)
                    self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
                    if finished:
                        self.assertIn("finished %s" % finished, text, key)
            for task in want.get("tasks", []):
                self.assertIn(task, lead.x_project_tasks, key)

    def test_documents_named_with_their_folder_path_on_their_record(self):
        for key, want in self.expected["documents"].items():
            document = (
                self.env["ir.attachment"]
                .with_context(active_test=False)
                .search([("x_source_id", "=", key)])
            )
            self.assertEqual(len(document), 1, "%s: %s" % (key, self._messages()))
            self.assertEqual(document.name, want["name"], key)
            record = self.lead(want["on"])
            self.assertEqual((document.res_model, document.res_id), ("crm.lead", record.id))
            self.assertTrue(document.raw, key)

    def test_owners_matched_the_unmatched_one_an_audit_issue(self):
        users = self.env["res.users"].with_context(active_test=False)
        matched = users.search([("login", "in", self.expected["owners"])])
        owned = self.env["res.partner"].search(
            [("x_source_id", "like", "company:%"), ("user_id", "!=", False)]
        )
        self.assertTrue(owned)
        self.assertLessEqual(owned.mapped("user_id"), matched)
        romashka = self.partner("company:%s" % next(iter(self.expected["partners"]))[8:])
        self.assertEqual(romashka.user_id.login, "a.ivanova@romashka.example")
        unmatched = self.issues(self.project, "unmatched_owner", audit=True)
        self.assertTrue(unmatched, self._messages())
        self.assertFalse(any(unmatched.mapped("blocking")))
        users_a = json.loads((SAMPLES / "elma365/hub-a/users.json").read_text("utf-8"))
        [kozlova] = [
            u["__id"]
            for u in users_a["result"]["result"]
            if u["email"] in self.expected["unmatched_owners"]
        ]
        self.assertTrue(all(kozlova in i.message for i in unmatched), unmatched.mapped("message"))
        pages = ("companies_1.json", "companies_2.json")
        for page in pages:
            answer = json.loads((SAMPLES / "elma365/hub-a" / page).read_text("utf-8"))
            for item in answer["result"]["result"]:
                company = self.partner("company:%s" % item["__id"])
                if item["__createdBy"] == kozlova:
                    self.assertFalse(company.user_id, "her records load without an owner")
                else:
                    self.assertIn(company.user_id, matched, item["__name"])

    def test_a_delta_of_the_same_export_changes_nothing(self):
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        for line in delta.line_ids:
            self.assertEqual(
                (line.created, line.updated, line.failed), (0, 0, 0), line.object_name
            )

    def test_rollback_leaves_nothing_tagged(self):
        self.project.with_user(self.migration_manager).action_rollback_all()
        self.assertNothingTagged()


@tagged("post_install", "-at_install")
class TestElma365Projects(PlatformCase):
    """With the Project app (the Sales database): the sample's project is a deal and,
    beside it, a ``project.project`` (its companion) with the project's tasks as
    ``project.task``; a delta changes none of them; a rollback leaves none."""

    code = "elma365"
    PROJECT_ID = "0985b971-4428-5d61-afd8-737ca9046e6b"

    needs_app = ("project", "Project")

    def links(self, model, run=None):
        domain = [("model", "=", model), ("project_id", "=", self.project.id)]
        if run:
            domain.append(("run_id", "=", run.id))
        return self.env["migration.record.link"].search(domain)

    def test_a_project_is_a_deal_and_its_odoo_project_with_its_tasks(self):
        want = self.expected["leads"]["project:%s" % self.PROJECT_ID]
        deal = self.record("project:%s" % self.PROJECT_ID)
        (link,) = self.links("project.project").filtered(
            lambda ln: ln.source_key == "project_project:%s" % self.PROJECT_ID
        )
        self.assertEqual(link.operation, "created")
        self.assertEqual(link.refs, {"crm.lead": [deal.id]})
        project = self.env["project.project"].browse(link.res_id)
        self.assertEqual(project.name, want["name"])
        self.assertEqual(project.partner_id, deal.partner_id)
        self.assertEqual(project.user_id, deal.user_id)
        self.assertEqual(str(project.date_start), "2026-02-15")
        self.assertEqual(str(project.date), "2026-09-30")
        tasks = self.env["project.task"].search([("project_id", "=", project.id)])
        self.assertEqual(sorted(tasks.mapped("name")), sorted(want["tasks"]))
        done = tasks.filtered(lambda t: t.name == "Обследование процессов")
        self.assertEqual(done.stage_id.name, "Выполнена")
        self.assertEqual(str(done.date_deadline.date()), "2026-03-15")
        for task_link in self.links("project.task"):
            self.assertEqual(task_link.refs, {"crm.lead": [deal.id]})
        # the tasks stay readable on the deal, and they are no rows of the object
        self.assertIn("Обследование процессов", deal.x_project_tasks)
        self.assertReconciled(self.full)

    def test_a_delta_changes_no_project_or_task(self):
        delta = self.project._start_run("delta")
        self.assertFalse(self.links("project.project", delta))
        self.assertFalse(self.links("project.task", delta))

    def test_rollback_leaves_no_project_or_task(self):
        projects, tasks = self.links("project.project"), self.links("project.task")
        self.project.with_user(self.migration_manager).action_rollback_all()
        self.assertTrue(all((projects | tasks).mapped("rolled_back")))
        # each model's own ids: a project's id may be another task's (a new user's to-do)
        self.assertFalse(self.env["project.project"].browse(projects.mapped("res_id")).exists())
        self.assertFalse(self.env["project.task"].browse(tasks.mapped("res_id")).exists())


@tagged("post_install", "-at_install")
class TestElma365Kedo(PlatformCase):
    """With the Employees app (the Sales database): the sample's КЭДО employees are
    ``hr.employee`` records (position, personnel number, their Odoo user by email),
    and their HR documents attachments on them, the e-signature's metadata as the
    description; a delta changes none of them; a rollback leaves none."""

    code = "elma365"

    needs_app = ("hr", "Employees")

    def employee(self, key):
        found = (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search([("x_source_id", "=", key)])
        )
        self.assertEqual(len(found), 1, key)
        return found

    def test_employees_with_their_user(self):
        lines = {ln.object_name: ln for ln in self.full.line_ids}
        for name in self.expected["needs_hr"]:
            self.assertEqual(lines[name].created, self.expected["objects"][name], name)
        for key, want in self.expected["employees"].items():
            employee = self.employee(key)
            self.assertEqual(employee.name, want["name"])
            self.assertEqual(employee.job_title, want["job_title"])
            self.assertEqual(employee.barcode, want["barcode"])
            self.assertEqual(employee.user_id.login or "", want["user"], key)
        self.assertReconciled(self.full)

    def test_hr_documents_are_attachments_on_their_employee(self):
        for key, want in self.expected["hr_documents"].items():
            document = self.env["ir.attachment"].search([("x_source_id", "=", key)])
            self.assertEqual(len(document), 1, key)
            employee = self.employee(want["employee"])
            self.assertEqual((document.res_model, document.res_id), ("hr.employee", employee.id))
            self.assertEqual(document.name, want["name"])
            self.assertEqual(document.description, want["description"])
            self.assertEqual(document.mimetype, "application/pdf")
            content = (SAMPLES / "elma365" / want["file"]).read_bytes()
            self.assertEqual(document.raw, content, key)
        inventory = self.project.inventory_ids.mapped("artifact")
        self.assertNotIn("HR documents (КЭДО)", inventory, "with Employees they migrate")

    def test_a_delta_changes_nothing_and_a_rollback_leaves_nothing(self):
        delta = self.project._start_run("delta")
        self.assertFalse(
            delta.link_ids.filtered(
                lambda ln: ln.model == "hr.employee" or "hr_document" in ln.source_key
            )
        )
        employees = self.env["hr.employee"].search([("x_source_id", "like", "employee:%")])
        self.assertEqual(len(employees), len(self.expected["employees"]))
        self.project.with_user(self.migration_manager).action_rollback_all()
        self.assertFalse(employees.exists())
        self.assertFalse(
            self.env["ir.attachment"].search([("x_source_id", "like", "hr_document:%")])
        )
