"""New custom models: a file no profile knows becomes an ``x_`` model of its own.

A generic export with its companies, a file of vehicles (each owned by a company)
and a file of their inspections (each of a vehicle): the person makes both files new
custom objects, the confirm dialog lists the two models it will create with their
fields, confirming creates them with typed fields and links (a vehicle's owner is a
migrated partner, an inspection's vehicle a record of the new vehicles model), a run
loads every row with its values and links, a delta changes nothing, the project's
rollback removes the records and then the models, and a run after it creates them
again.
"""

from lxml import etree

from odoo.tests import tagged

from .common import MigrationCase, to_csv

COMPANIES = [
    {"Company ID": "C-1", "Company Name": "Acme Haulage", "City": "Leeds"},
    {"Company ID": "C-2", "Company Name": "Bolt Couriers", "City": "York"},
    {"Company ID": "C-3", "Company Name": "Crane Movers", "City": "Hull"},
]
VEHICLES = [
    {
        "Vehicle ID": "V-%s" % n,
        "Plate": plate,
        "Model": model,
        "Year": year,
        "Purchased on": bought,
        "Price": price,
        "Owner Company ID": owner,
    }
    for n, (plate, model, year, bought, price, owner) in enumerate(
        [
            ("AB12 CDE", "Ford Transit Custom", "2019", "2019-03-14", "23500.50", "C-1"),
            ("FG34 HIJ", "Mercedes Sprinter Van", "2021", "2021-07-01", "41200.00", "C-1"),
            ("KL56 MNO", "Iveco Daily Tipper", "2018", "2018-11-23", "30999.99", "C-2"),
            ("PQ78 RST", "Renault Master Crew", "2022", "2022-01-05", "28750.00", "C-3"),
        ],
        start=1,
    )
]
INSPECTIONS = [
    {
        "Inspection ID": "I-%s" % n,
        "Vehicle ID": vehicle,
        "Inspected on": day,
        "Mileage": mileage,
        "Passed": passed,
    }
    for n, (vehicle, day, mileage, passed) in enumerate(
        [
            ("V-1", "2023-03-10", "41200", "yes"),
            ("V-1", "2024-03-11", "60310", "no"),
            ("V-2", "2024-06-30", "18000", "yes"),
            ("V-3", "2023-11-20", "75020", "yes"),
            ("V-4", "2024-01-04", "9100", "no"),
        ],
        start=1,
    )
]


@tagged("post_install", "-at_install")
class TestCustomModels(MigrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.make_project(
            [
                ("companies.csv", to_csv(COMPANIES, list(COMPANIES[0]))),
                ("vehicles.csv", to_csv(VEHICLES, list(VEHICLES[0]))),
                ("inspections.csv", to_csv(INSPECTIONS, list(INSPECTIONS[0]))),
            ],
            name="Fleet",
        )
        # No profile knows them: a person makes each file a new custom object.
        for name in ("inspections", "vehicles"):
            cls.obj(cls, cls.project, name).mapping_id.with_user(cls.migration_manager).write(
                {"kind": "custom"}
            )

    def setUp(self):
        # Registered first, run last: once the test's savepoint is rolled back, the
        # registry forgets the models the test created (Odoo leaves that to the test).
        self.addCleanup(self._forget_models)
        super().setUp()

    def _forget_models(self):
        setup = getattr(self.registry, "_setup_models__", None) or self.registry.setup_models
        with self.registry.cursor() as cr:
            setup(cr)
        self.registry.clear_all_caches()

    def confirm(self):
        self.project.with_user(self.migration_manager).action_confirm_mapping()
        self.assertFalse(
            self.project.mapping_ids.filtered(lambda m: m.state != "confirmed"),
            self.project.mapping_ids.mapped(lambda m: (m.object_id.name, m.state)),
        )

    def field(self, model, name):
        return self.env["ir.model.fields"]._get(model, name)

    def records(self, model):
        return self.env[model].search([], order="x_source_id")

    # ------------------------------------------------------------------
    def test_the_confirm_dialog_lists_the_models_and_confirming_creates_them(self):
        mappings = {m.object_id.object_name: m for m in self.project.mapping_ids}
        self.assertEqual(mappings["vehicles"].model_name, "x_vehicles")
        self.assertEqual(mappings["inspections"].model_name, "x_inspections")
        preview = etree.fromstring(self.project.confirm_preview, etree.HTMLParser())
        models = [
            [cell.xpath("string()") for cell in row.xpath("td")]
            for row in preview.xpath("//table[contains(@class, 'o_migration_confirm_models')]//tr")
            if row.xpath("td")
        ]
        self.assertEqual(
            sorted(models),
            [
                ["x_inspections", "Inspections", "inspections.csv", "6", "x_vehicles"],
                ["x_vehicles", "Vehicles", "vehicles.csv", "8", "Contact (res.partner)"],
            ],
        )
        fields_ = {
            (cells[1], cells[2]): cells[4]
            for cells in (
                [cell.xpath("string()") for cell in row.xpath("td")]
                for row in preview.xpath(
                    "//table[contains(@class, 'o_migration_confirm_preview')]//tr"
                )
            )
            if cells
        }
        self.assertEqual(
            fields_[("x_vehicles", "x_owner_company_id")],
            "Link to a record: Contact (res.partner)",
        )
        self.assertEqual(
            fields_[("x_inspections", "x_vehicle_id")], "Link to a record: x_vehicles"
        )
        self.assertEqual(fields_[("x_vehicles", "x_year")], "Integer")

        self.confirm()
        Fields = self.env["ir.model.fields"]
        for model, label in (("x_vehicles", "Vehicles"), ("x_inspections", "Inspections")):
            ir_model = self.env["ir.model"]._get(model)
            self.assertEqual((ir_model.state, ir_model.name), ("manual", label))
            source = self.field(model, "x_source_id")
            self.assertEqual((source.ttype, bool(source.index)), ("char", True))
            self.assertEqual(self.field(model, "x_name").ttype, "char")
            access = self.env["ir.model.access"].search([("model_id", "=", ir_model.id)])
            user = access.filtered(
                lambda a: a.group_id == self.env.ref("migration_bridge.group_migration_user")
            )
            self.assertTrue(user.perm_read and user.perm_write and user.perm_create)
            tracked = self.project.custom_model_ids.filtered(lambda t, m=model: t.model == m)
            self.assertEqual(tracked.ir_model_id, ir_model)
            self.assertEqual(
                tracked.menu_id.parent_id, self.env.ref("migration_bridge.menu_migration_root")
            )
            self.assertEqual(tracked.action_id.res_model, model)
        types = {
            name: Fields._get("x_vehicles", name).ttype
            for name in ("x_plate", "x_model", "x_year", "x_purchased_on", "x_price")
        }
        self.assertEqual(
            types,
            {
                "x_plate": "char",
                "x_model": "char",
                "x_year": "integer",
                "x_purchased_on": "date",
                "x_price": "float",
            },
        )
        owner = self.field("x_vehicles", "x_owner_company_id")
        self.assertEqual((owner.ttype, owner.relation), ("many2one", "res.partner"))
        vehicle = self.field("x_inspections", "x_vehicle_id")
        self.assertEqual((vehicle.ttype, vehicle.relation), ("many2one", "x_vehicles"))
        self.assertEqual(self.field("x_inspections", "x_mileage").ttype, "integer")
        self.assertEqual(self.field("x_inspections", "x_inspected_on").ttype, "date")
        self.assertEqual(self.field("x_inspections", "x_passed").ttype, "boolean")
        self.assertIn("creates no custom field", self.project.confirm_preview)

    def test_run_delta_rollback_and_a_run_again(self):
        self.confirm()
        run = self.project._start_run("full")
        self.assertReconciled(run)
        self.assertCounts(run, "vehicles", source_rows=4, created=4, failed=0)
        self.assertCounts(run, "inspections", source_rows=5, created=5, failed=0)
        self.assert_loaded()
        self.assertFalse(self.issues(self.project, "unmatched_reference"))

        delta = self.project._start_run("delta")
        self.assertCounts(delta, "vehicles", source_rows=4, unchanged=4, created=0, updated=0)
        self.assertCounts(delta, "inspections", source_rows=5, unchanged=5, created=0)

        self.project.with_user(self.migration_manager).action_rollback_all()
        for model in ("x_vehicles", "x_inspections"):
            self.assertNotIn(model, self.env, "%s is removed with its records" % model)
            self.assertFalse(self.env["ir.model"]._get(model))
        self.assertFalse(self.project.custom_model_ids.ir_model_id)
        self.assertFalse(self.project.custom_model_ids.menu_id)
        self.assertFalse(self.partner("company:C-1"))
        self.assertEqual(self.project.state, "confirmed")
        self.assertIn("x_vehicles removed", self.project.message_ids[0].body)

        # the Test loads into the models too: created before it, they stay
        report = self.project._test_run()
        self.assertFalse(report["failed"], report)
        self.assertIn("x_vehicles", self.env)
        self.assertFalse(self.env["x_vehicles"].search([]), "the Test wrote nothing")

        again = self.project._start_run("full")
        self.assertCounts(again, "vehicles", source_rows=4, created=4, failed=0)
        self.assertCounts(again, "inspections", source_rows=5, created=5, failed=0)
        self.assert_loaded()

    def assert_loaded(self):
        vehicles = self.records("x_vehicles")
        self.assertEqual(vehicles.mapped("x_source_id"), ["custom:V-%s" % n for n in range(1, 5)])
        first = vehicles[0]
        self.assertEqual(first.x_plate, "AB12 CDE")
        self.assertEqual(first.x_year, 2019)
        self.assertEqual(str(first.x_purchased_on), "2019-03-14")
        self.assertAlmostEqual(first.x_price, 23500.50)
        self.assertEqual(first.x_owner_company_id, self.partner("company:C-1"))
        self.assertEqual(first.display_name, "V-1", "no column names it: its source id does")
        self.assertEqual(vehicles[2].x_owner_company_id.name, "Bolt Couriers")
        inspections = self.records("x_inspections")
        self.assertEqual(len(inspections), 5)
        by_key = {i.x_source_id: i for i in inspections}
        self.assertEqual(by_key["custom:I-2"].x_vehicle_id, first)
        self.assertEqual(by_key["custom:I-2"].x_mileage, 60310)
        self.assertFalse(by_key["custom:I-2"].x_passed)
        self.assertTrue(by_key["custom:I-1"].x_passed)
        self.assertEqual(by_key["custom:I-5"].x_vehicle_id.x_plate, "PQ78 RST")

    def test_a_model_holding_other_records_is_kept(self):
        self.confirm()
        self.project._start_run("full")
        kept = self.env["x_vehicles"].create({"x_name": "Added in Odoo"})
        self.project.with_user(self.migration_manager).action_rollback_all()
        self.assertIn("x_vehicles", self.env)
        self.assertEqual(self.env["x_vehicles"].search([]), kept)
        self.assertNotIn("x_inspections", self.env, "nothing else used it: removed")
        self.assertIn(
            "x_vehicles kept: 1 records are left in it", self.project.message_ids[0].body
        )
