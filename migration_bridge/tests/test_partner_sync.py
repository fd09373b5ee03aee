"""A migrated contact of a company has what Odoo gives a contact created in the form:
the company's VAT, industry, accounting and pricelist settings, its address and its
language, field for field as a plain ``create()`` gives them.

The accounting and pricelist settings exist with ``account`` and ``product``: the test
command also runs this class on a database with ``sale_management`` installed."""

from odoo.tests import tagged

from .common import MigrationCase, to_csv

COMPANIES = [
    {
        "Company ID": "K1",
        "Company Name": "Kestrel Logistics",
        "VAT": "BE0477472701",
        "Industry": "Transportation",
        "Street": "12 Quai des Usines",
        "City": "Brussels",
        "Country": "Belgium",
    },
    {
        "Company ID": "K2",
        "Company Name": "Osprey Foods",
        "VAT": "",
        "Industry": "Food",
        "Street": "",
        "City": "",
        "Country": "",
    },
]
CONTACTS = [
    # at a company of the export, no address of their own: they take the company's
    {"Contact ID": "Q1", "First Name": "Ines", "Last Name": "Claes", "Company ID": "K1"},
    {"Contact ID": "Q2", "First Name": "Wout", "Last Name": "Peeters", "Company ID": "K1"},
    # at a company with no address: the first contact's own address goes to the company
    {
        "Contact ID": "Q3",
        "First Name": "Lotte",
        "Last Name": "Maes",
        "Company ID": "K2",
        "Street": "3 Rue Haute",
        "City": "Namur",
        "Country": "Belgium",
    },
    # at a company already in Odoo, named by its name
    {"Contact ID": "Q4", "First Name": "Jan", "Last Name": "Smet", "Company": "Heron SA"},
    {"Contact ID": "Q5", "First Name": "Eva", "Last Name": "Wouters", "Company": "Heron SA"},
    # no company
    {"Contact ID": "Q6", "First Name": "Noor", "Last Name": "Jacobs"},
]
CONTACT_COLUMNS = [
    "Contact ID",
    "First Name",
    "Last Name",
    "Company ID",
    "Company",
    "Street",
    "City",
    "Country",
]
# What a contact takes from its company when Odoo creates it.
SYNCED = [
    "commercial_partner_id",
    "vat",
    "industry_id",
    "street",
    "city",
    "zip",
    "country_id",
    "lang",
    "type",
    # with account and product
    "property_account_receivable_id",
    "property_account_payable_id",
    "property_payment_term_id",
    "property_product_pricelist",
]
PROPERTIES = {
    "property_payment_term_id": ("account.payment.term", {"name": "45 days, Heron"}),
    "property_product_pricelist": ("product.pricelist", {"name": "Heron prices"}),
}


@tagged("post_install", "-at_install")
class TestContactsTakeFromTheirCompany(MigrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_BE")
        Partner = cls.env["res.partner"]
        # The company's own settings, where the database has them (not the defaults).
        cls.properties = {
            name: cls.env[model].create(vals)
            for name, (model, vals) in PROPERTIES.items()
            if name in Partner._fields
        }
        cls.heron = Partner.create(
            {
                "name": "Heron SA",
                "is_company": True,
                "vat": "BE0403170701",
                "street": "1 Avenue Louise",
                "city": "Brussels",
                "country_id": cls.env.ref("base.be").id,
                "lang": "fr_BE",
                **{name: record.id for name, record in cls.properties.items()},
            }
        )
        contacts = [dict(dict.fromkeys(CONTACT_COLUMNS, ""), **row) for row in CONTACTS]
        cls.project = cls.make_project(
            [
                ("companies.csv", to_csv(COMPANIES, list(COMPANIES[0]))),
                ("contacts.csv", to_csv(contacts, CONTACT_COLUMNS)),
            ],
            confirm=True,
        )
        cls.full_run = cls.project._start_run("full")

    def created_by_odoo(self, contact):
        """The same contact created through the ORM as the contact form does."""
        vals = {"name": contact.name + " (reference)", "parent_id": contact.parent_id.id}
        for name in ("street", "city", "country_id"):
            if contact.x_source_id == "contact:Q3" and contact[name]:
                vals[name] = contact[name].id if name == "country_id" else contact[name]
        return self.env["res.partner"].create(vals)

    def values(self, partner):
        return {
            name: partner[name].id if hasattr(partner[name], "id") else partner[name]
            for name in SYNCED
            if name in partner._fields
        }

    def test_every_contact_loaded(self):
        self.assertReconciled(self.full_run)
        self.assertCounts(self.full_run, "contacts", created=6, failed=0)

    def test_contacts_have_what_odoo_gives_them(self):
        heron = self.heron
        for key in ("Q1", "Q2", "Q4", "Q5"):
            contact = self.partner("contact:%s" % key)
            self.assertTrue(contact.parent_id, key)
            self.assertEqual(self.values(contact), self.values(self.created_by_odoo(contact)), key)
        jan = self.partner("contact:Q4")
        self.assertEqual(jan.parent_id, heron)
        self.assertEqual(jan.lang, "fr_BE")
        self.assertEqual(jan.vat, "BE0403170701")
        reference = self.created_by_odoo(jan)
        for name, record in self.properties.items():
            # what Odoo's own create gives a contact of that company: its company's
            # (19.0 no longer gives it the pricelist)
            self.assertEqual(jan[name], reference[name], name)
            if reference[name]:
                self.assertEqual(jan[name], record, name)
        self.assertEqual((jan.street, jan.city), ("1 Avenue Louise", "Brussels"))
        ines = self.partner("contact:Q1")
        kestrel = self.partner("company:K1")
        self.assertEqual(ines.vat, "BE0477472701")
        self.assertEqual(ines.industry_id, kestrel.industry_id)
        self.assertTrue(ines.industry_id)
        self.assertEqual((ines.street, ines.city), ("12 Quai des Usines", "Brussels"))

    def test_first_contact_gives_its_address_to_a_company_without_one(self):
        lotte = self.partner("contact:Q3")
        osprey = self.partner("company:K2")
        self.assertEqual(lotte.parent_id, osprey)
        self.assertEqual((osprey.street, osprey.city), ("3 Rue Haute", "Namur"))
        self.assertEqual(osprey.country_id, self.env.ref("base.be"))

    def test_contact_without_company_is_left_alone(self):
        noor = self.partner("contact:Q6")
        self.assertFalse(noor.parent_id)
        self.assertFalse(noor.vat)
        self.assertEqual(noor.commercial_partner_id, noor)


HIERARCHY = [
    # two groups of subsidiaries under their parents, given after them or before
    {"Company ID": "H1", "Company Name": "Harrier Group", "Parent Company ID": ""},
    {"Company ID": "H2", "Company Name": "Harrier North", "Parent Company ID": "H1"},
    {"Company ID": "H3", "Company Name": "Harrier South", "Parent Company ID": "H1"},
    {"Company ID": "H4", "Company Name": "Harrier Rail", "Parent Company ID": "H5"},
    {"Company ID": "H5", "Company Name": "Harrier Freight", "Parent Company ID": "H1"},
    # a loop in the source: each is the other's parent
    {"Company ID": "L1", "Company Name": "Loop One", "Parent Company ID": "L2"},
    {"Company ID": "L2", "Company Name": "Loop Two", "Parent Company ID": "L1"},
]


@tagged("post_install", "-at_install")
class TestCompanyHierarchy(MigrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.make_project(
            [("companies.csv", to_csv(HIERARCHY, list(HIERARCHY[0])))], confirm=True
        )
        cls.full_run = cls.project._start_run("full")

    def test_parents_are_linked_in_any_order(self):
        group = self.partner("company:H1")
        for key in ("H2", "H3", "H5"):
            self.assertEqual(self.partner("company:%s" % key).parent_id, group, key)
        self.assertEqual(self.partner("company:H4").parent_id, self.partner("company:H5"))
        # a subsidiary is a company: its own commercial partner, as in Odoo
        self.assertEqual(self.partner("company:H4").commercial_partner_id.name, "Harrier Rail")

    def test_parents_loaded_in_an_earlier_chunk_are_given_at_create(self):
        """Chunks of two rows: most parents are in by the time their subsidiaries
        load. The links and the counts are those of one chunk."""
        project = self.make_project(
            [("companies.csv", to_csv(HIERARCHY, list(HIERARCHY[0])))],
            name="Chunks of two",
            confirm=True,
        )
        self.env["res.partner"].search([("x_source_id", "=like", "company:%")]).write(
            {"x_source_id": False, "parent_id": False}
        )
        run = project.with_context(migration_chunk_size=2)._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "companies", created=7, failed=0)
        parents = {
            key: self.partner("company:%s" % key).parent_id.x_source_id
            for key in ("H1", "H2", "H3", "H4", "H5")
        }
        self.assertEqual(
            parents,
            {
                "H1": False,
                "H2": "company:H1",
                "H3": "company:H1",
                "H4": "company:H5",
                "H5": "company:H1",
            },
        )
        again = project._start_run("delta")
        self.assertCounts(again, "companies", unchanged=7, updated=0)

    def test_a_loop_in_the_source_leaves_one_link_out_with_a_warning(self):
        self.assertReconciled(self.full_run)
        self.assertCounts(self.full_run, "companies", created=7, failed=0)
        one, two = self.partner("company:L1"), self.partner("company:L2")
        self.assertEqual(one.parent_id, two)
        self.assertFalse(two.parent_id)
        (issue,) = self.issues(self.project, "write_failed")
        self.assertEqual((issue.row_number, issue.column), (8, "Parent Company ID"))
        self.assertIn("'L1'", issue.message)
        self.assertEqual(issue.severity, "warning")
