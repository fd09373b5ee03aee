import csv
import io

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from ..models.migration_mapping import CUSTOM_FIELD_FORMS
from ..series import views as series_views
from .common import SAMPLE, MigrationCase, read_file, to_csv

COMPANIES = b"Company ID,Company Name,Employees\nC1,Acme Ltd,10\nC2,Globex Inc,250\n"
CONTACTS = (
    b"Contact ID,First Name,Last Name,Company ID,Birthday\n"
    b"P1,Ann,Lee,C1,1980-01-02\nP2,Bob,Ray,C2,1975-05-06\n"
)
DEALS_A = b"Deal ID,Deal Name,Lead Score\nD1,Big deal,80\n"
DEALS_B = b"Deal ID,Deal Name,Deal Rating\nD2,Other deal,5\n"


def sparse_companies():
    """The sample's companies with few employee counts and revenues given (1 row in 10):
    custom fields of mostly empty columns, which a person should look at."""
    name, content = read_file(SAMPLE, "companies.csv")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    for index, row in enumerate(rows):
        if index % 10:
            row["Employees"] = row["Annual Revenue"] = ""
    return name, to_csv(rows, list(rows[0]))


def forget_choices(env):
    """A database whose earlier projects remembered nothing (say, a demo's)."""
    env["migration.mapping.memory"].search([]).unlink()


@tagged("post_install", "-at_install")
class TestMappingReview(MigrationCase):
    """What a person reviewing a proposed mapping sees and may do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        forget_choices(cls.env)
        cls.project = cls.make_project([sparse_companies()], name="Acme 2025")

    def setUp(self):
        super().setUp()
        self.employees = self.line(self.project, "companies", "Employees")
        self.company_name = self.line(self.project, "companies", "Company Name")

    def views(self, model, views, user=None):
        """The views as the web client loads them: arch and fields, for ``user``."""
        Model = self.env[model].with_user(user or self.env.user)
        result = Model.get_views(views)
        return result["views"], result["models"]

    def assertChosenBy(self, line, user):
        self.assertEqual(line.reason, "chosen by %s" % user.name)
        self.assertEqual(line.confidence, 100.0)
        self.assertFalse(line.needs_review)
        self.assertEqual(line.chosen_uid, user)

    # ------------------------------------------------------------------
    # needs_review
    # ------------------------------------------------------------------
    def test_unsure_lines_are_flagged_counted_and_highlighted(self):
        self.assertEqual(self.employees.confidence, 75.0, "a custom field of a sparse column")
        self.assertTrue(self.employees.needs_review)
        self.assertFalse(self.company_name.needs_review)
        flagged = self.project.mapping_line_ids.filtered("needs_review")
        self.assertEqual(sorted(flagged.mapped("source_name")), ["Annual Revenue", "Employees"])
        self.assertEqual(self.project.review_count, 2)
        self.assertEqual(self.employees.mapping_id.review_count, 2)
        # The project form's Field mapping tab highlights them...
        views, models = self.views("migration.project", [(False, "form")])
        arch = etree.fromstring(views["form"]["arch"])
        (tree,) = arch.xpath("//field[@name='mapping_line_ids']/%s" % series_views.LIST)
        self.assertEqual(tree.get("decoration-warning"), "needs_review and not confirmed")
        self.assertTrue(tree.xpath("field[@name='needs_review']"))
        line_fields = models["migration.mapping.line"]
        self.assertIn("needs_review", line_fields.get("fields", line_fields))  # 19.0 nests them
        read = self.project.web_read(
            {"mapping_line_ids": {"fields": {"source_name": {}, "needs_review": {}}}}
        )[0]["mapping_line_ids"]
        self.assertEqual(
            sorted(r["source_name"] for r in read if r["needs_review"]),
            ["Annual Revenue", "Employees"],
        )
        # ...and its review list opens grouped by file, on those to review.
        action = self.project.action_review_mapping()
        self.assertEqual(action["context"]["search_default_needs_review"], 1)
        self.assertEqual(action["context"]["search_default_group_file"], 1)
        views, _models = self.views(
            "migration.mapping.line", action["views"] + [(action["search_view_id"], "search")]
        )
        tree = etree.fromstring(views[series_views.LIST]["arch"])
        self.assertEqual(tree.get("decoration-warning"), "needs_review and not confirmed")
        search = etree.fromstring(views["search"]["arch"])
        (review,) = search.xpath("//filter[@name='needs_review']")
        (group,) = search.xpath("//filter[@name='group_file']")
        self.assertIn("object_id", group.get("context"))
        Line = self.env["migration.mapping.line"]
        shown = Line.search(action["domain"] + safe_eval(review.get("domain")))
        self.assertEqual(shown, flagged)

    def test_a_confirmed_mapping_leaves_nothing_to_review(self):
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        self.assertTrue(self.employees.needs_review, "it was unsure...")
        self.assertEqual(self.project.review_count, 0, "...and a manager confirmed it")
        self.assertFalse(
            "search_default_needs_review" in self.project.action_review_mapping()["context"]
        )

    # ------------------------------------------------------------------
    # A person's choice
    # ------------------------------------------------------------------
    def test_a_changed_line_says_who_chose_it(self):
        ref = self.env["ir.model.fields"]._get("res.partner", "ref")
        mapping = self.employees.mapping_id.with_user(self.migration_user)
        with Form(mapping) as form:
            index = mapping.line_ids.ids.index(self.employees.id)
            with form.line_ids.edit(index) as line:
                self.assertTrue(line.create_custom)
                line.target_field_id = ref
                self.assertEqual(line.reason, "chosen by Migration User", "shown at once")
                self.assertFalse(line.create_custom, "the custom field proposal is dropped")
        self.assertChosenBy(self.employees, self.migration_user)
        self.assertEqual(self.employees.target_name, "ref")
        self.assertEqual(self.employees.lands_in, "Reference (ref)")
        self.assertFalse(self.employees.create_custom)
        self.assertNotIn("x_employees", self.project.confirm_preview)
        self.assertEqual(self.project.review_count, 1)

    def test_a_choice_written_without_the_form_says_so_too(self):
        revenue = self.line(self.project, "companies", "Annual Revenue")
        revenue.with_user(self.migration_user).write({"target_special": "_first_name"})
        self.assertChosenBy(revenue, self.migration_user)
        self.assertFalse(revenue.create_custom)
        self.assertEqual(
            revenue.lands_in, "First name: joined with the other parts into Name (name)"
        )

    # ------------------------------------------------------------------
    # Confirmation
    # ------------------------------------------------------------------
    def test_the_confirm_dialog_lists_the_custom_fields_it_creates(self):
        action = self.project.action_confirm_mapping_preview()
        self.assertEqual((action["target"], action["res_id"]), ("new", self.project.id))
        views, _models = self.views("migration.project", action["views"])
        arch = etree.fromstring(views["form"]["arch"])
        self.assertTrue(arch.xpath("//field[@name='confirm_preview']"))
        self.assertTrue(arch.xpath("//footer/button[@name='action_confirm_mapping']"))
        preview = etree.fromstring(self.project.confirm_preview, etree.HTMLParser())
        rows = [
            [cell.xpath("string()") for cell in row.xpath("td")]
            for row in preview.xpath("//tbody/tr")
        ]
        self.assertEqual(
            rows,
            [
                ["companies.csv", "Contact (res.partner)", "x_employees", "Employees", "Integer"],
                [
                    "companies.csv",
                    "Contact (res.partner)",
                    "x_annual_revenue",
                    "Annual Revenue",
                    "Decimal",
                ],
            ],
        )
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        for name, ttype in (("x_employees", "integer"), ("x_annual_revenue", "float")):
            self.assertEqual(self.env["ir.model.fields"]._get("res.partner", name).ttype, ttype)
        self.assertIn("creates no custom field", self.project.confirm_preview)

    def test_a_user_is_told_a_manager_confirms(self):
        note = "A Migration Manager must confirm this mapping"
        user_views, _models = self.views(
            "migration.project", [(False, "form")], user=self.migration_user
        )
        self.assertIn(note, user_views["form"]["arch"])
        manager_views, _models = self.views(
            "migration.project", [(False, "form")], user=self.migration_manager
        )
        self.assertNotIn(note, manager_views["form"]["arch"])
        action = self.project.with_user(self.migration_user).action_confirm_mapping_preview()
        views, _models = self.views("migration.project", action["views"], self.migration_user)
        dialog = etree.fromstring(views["form"]["arch"])
        self.assertFalse(dialog.xpath("//button[@name='action_confirm_mapping']"))
        self.assertIn("Only a Migration Manager can confirm", views["form"]["arch"])
        with self.assertRaisesRegex(AccessError, "Only a Migration Manager can confirm"):
            self.project.with_user(self.migration_user).action_confirm_mapping()
        self.assertFalse(self.project.mapping_confirmed)

    def test_a_user_cannot_reopen_a_confirmed_mapping(self):
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        mobile = self.env["ir.model.fields"]._get("res.partner", "mobile")
        phone = self.line(self.project, "companies", "Phone").with_user(self.migration_user)
        self.assertTrue(phone.locked, "read-only for a user in the review list")
        with self.assertRaisesRegex(
            AccessError, "Only a Migration Manager can change a confirmed"
        ):
            phone.target_field_id = mobile
        with self.assertRaisesRegex(
            AccessError, "Only a Migration Manager can change a confirmed"
        ):
            phone.mapping_id.kind = "contact"
        self.assertTrue(self.project.mapping_confirmed)
        # A manager may: the mapping asks for a new confirmation and the project says why.
        phone = phone.with_user(self.migration_manager)
        self.assertFalse(phone.locked)
        phone.target_field_id = mobile
        self.assertFalse(self.project.mapping_confirmed)
        self.assertIn(
            "Migration Manager reopened the mapping of companies.csv (column Phone)",
            self.project.message_ids[0].body,
        )

    # ------------------------------------------------------------------
    # Remembered choices
    # ------------------------------------------------------------------
    def test_a_remembered_choice_changes_the_next_proposal(self):
        """Needs the matcher's side of ``propose(..., remembered=...)``."""
        ref = self.env["ir.model.fields"]._get("res.partner", "ref")
        self.employees.with_user(self.migration_user).target_field_id = ref
        revenue = self.line(self.project, "companies", "Annual Revenue")
        revenue.with_user(self.migration_user).create_custom = False  # not imported
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        Memory = self.env["migration.mapping.memory"]
        remembered = Memory._remembered("generic", "company")
        self.assertEqual(
            remembered["employees"], ("ref", "chosen by Migration User in project 'Acme 2025'")
        )
        self.assertEqual(
            remembered["annual revenue"],
            ("", "chosen by Migration User in project 'Acme 2025'"),
        )
        self.assertEqual(remembered["company name"], ("name", "confirmed in project 'Acme 2025'"))
        self.assertEqual(Memory._remembered("generic", "contact"), {})

        following = self.make_project([sparse_companies()], name="Next one")
        employees = self.line(following, "companies", "Employees")
        self.assertEqual(employees.target_name, "ref")
        self.assertFalse(employees.create_custom)
        self.assertIn("Acme 2025", employees.reason)
        revenue = self.line(following, "companies", "Annual Revenue")
        self.assertEqual((revenue.target_name, revenue.create_custom), (False, False))
        self.assertIn("Acme 2025", revenue.reason)


@tagged("post_install", "-at_install")
class TestMigratedFieldsTab(MigrationCase):
    """A migrated record's Migrated fields tab shows the custom fields that apply to it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        forget_choices(cls.env)
        cls.salesman = next(user for user in cls.owners.values() if user.active)
        cls.first = cls.make_project(
            [("companies.csv", COMPANIES), ("contacts.csv", CONTACTS), ("deals.csv", DEALS_A)],
            name="First",
            confirm=True,
        )
        cls.first._start_run("full")
        cls.second = cls.make_project([("deals.csv", DEALS_B)], name="Second", confirm=True)
        cls.second._start_run("full")

    def shown(self, record):
        """The fields of the Migrated fields tab a person sees on ``record``'s form."""
        form = self.env.ref(CUSTOM_FIELD_FORMS[record._name]).id
        views = record.with_user(self.salesman).get_views([(form, "form")])["views"]
        arch = etree.fromstring(views["form"]["arch"])
        (page,) = arch.xpath("//page[@name='migration_custom_fields']")
        values = {"migration_custom_fields": record.migration_custom_fields}
        if safe_eval(page.get("invisible"), values):
            return []
        return [
            field.get("name")
            for field in page.xpath(".//group/field")
            if not safe_eval(field.get("invisible"), values)
        ]

    def test_each_record_shows_its_own_fields(self):
        self.assertEqual(self.shown(self.partner("company:C1")), ["x_employees"])
        self.assertEqual(self.shown(self.partner("contact:P1")), ["x_birthday"])
        self.assertEqual(self.shown(self.lead("deal:D1")), ["x_lead_score"])
        self.assertEqual(self.shown(self.lead("deal:D2")), ["x_deal_rating"])
        self.assertEqual(self.partner("company:C1").x_employees, 10)
        other = self.env["res.partner"].create({"name": "Not migrated", "is_company": True})
        self.assertEqual(self.shown(other), [], "no tab on a record no migration wrote")

    def test_a_salesperson_opens_a_migrated_deal(self):
        """The tab's fields are computed for people with no access to migrations."""
        lead = self.lead("deal:D2").with_user(self.salesman)
        self.assertEqual(lead.migration_custom_fields, ",x_deal_rating,")
        self.assertEqual(lead.x_deal_rating, 5)
