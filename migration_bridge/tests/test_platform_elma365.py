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

from .common import MigrationCase
from .test_engagements import TAGGED_MODELS

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
