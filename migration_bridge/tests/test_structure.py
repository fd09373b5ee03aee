"""Structure before vocabulary, on real Odoo: exports shaped as their platforms write
them migrate headless with --auto-confirm, their relations found from the values.

- A Salesforce weekly export with ``Event.csv`` and ``EventRelation.csv``: the
  accounts keep their ``Type`` (a custom field, not the address type) and the
  events their attendees (contacts, and a colleague who is an Odoo user).
- An export with no id column anywhere (companies, opportunities, sales reps and
  products named by their names): names, parents by name, customers by name and
  owners by name; the products are listed as not migrated.

The exports are the tuned corpus's (tests/corpus/tuned/, beside the addon).
"""

from pathlib import Path

from odoo.tests import tagged

from ..cli.migrate import EXIT_ROWS_NOT_LOADED, Migrate
from .common import MigrationCase

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus" / "tuned"


@tagged("post_install", "-at_install")
class TestStructure(MigrationCase):
    def migrate(self, export, name):
        folder = CORPUS / export
        paths = sorted(str(p) for p in folder.glob("*.csv"))
        self.assertTrue(paths, "the corpus export %s is beside the addon" % folder)
        options = Migrate.options(mb_files=paths, mb_project_name=name, mb_auto_confirm=True)
        summary, code = Migrate()._execute(self.env, options)
        project = self.env["migration.project"].search([("name", "=", name)])
        return summary, code, project

    def user(self, name, login):
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create({"name": name, "login": login, "email": login})
        )

    def test_a_salesforce_export_keeps_account_types_and_event_attendees(self):
        colleague = self.user("Lucia Ferraro", "lucia.ferraro@northwind-sales.com")
        summary, code, project = self.migrate("salesforce_weekly_export", "Salesforce weekly")
        mappings = {m.object_id.object_name: m for m in project.mapping_ids}
        relation = mappings["eventrelation"]
        self.assertEqual((relation.kind, relation.model_name), ("attendee", "calendar.event"))
        self.assertEqual(relation.state, "confirmed")
        # the accounts' Type is kept as it is, not refused as an address type
        harbor = self.partner("company:0018d0000GEyHdiAQF")
        self.assertEqual(harbor.name, "Harbor Freight Logistics")
        self.assertEqual(harbor.type, "contact")
        type_line = self.line(project, "account", "Type")
        self.assertTrue(type_line.create_custom)
        self.assertEqual(harbor[type_line.custom_name], "Customer - Direct")
        self.assertEqual(summary["objects"]["account"]["failed"], 0)
        # each event has its attendees: the contacts invited, and the colleague (a user)
        kickoff = self.env["calendar.event"].search([("name", "=", "Kick-off call")])
        ana = self.partner("contact:0038d0000Gcn0whAQA")
        second = self.env["res.partner"].search(
            [("parent_id", "=", harbor.id), ("id", "!=", ana.id), ("is_company", "=", False)]
        )
        self.assertEqual(len(second), 1)
        self.assertLessEqual(ana | second | colleague.partner_id, kickoff.partner_ids)
        counts = summary["objects"]["eventrelation"]
        self.assertEqual(counts["source"], 13)
        self.assertEqual(counts["failed"], 0)
        self.assertEqual(counts["created"], 0)
        self.assertEqual(counts["updated"] + counts["unchanged"], 13)
        events = self.env["calendar.event"].search([("x_source_id", "like", "meeting:%")])
        self.assertEqual(len(events), 8)
        # two events were no group events: only their organizer attends
        invited = events.filtered(lambda e: len(e.partner_ids) > 1)
        self.assertEqual(len(invited), 6)
        # rows skipped by design only: the users (matched, never created) and the
        # deal-contact roles (Odoo keeps no such links)
        self.assertEqual(set(summary["not_loaded"]), {"user", "opportunitycontactrole"})
        self.assertEqual(code, EXIT_ROWS_NOT_LOADED)

        # A delta adds nothing twice; a rollback takes the attendees off with the events.
        delta = project._start_run("delta")
        self.assertCounts(delta, "eventrelation", source_rows=13, unchanged=13)
        self.assertEqual(kickoff.partner_ids, kickoff.partner_ids | ana | second)
        for run in project.run_ids.sorted("id", reverse=True):
            run.action_rollback()
        self.assertFalse(self.env["calendar.event"].search([("x_source_id", "like", "meeting:%")]))

    def test_a_keyless_export_finds_names_parents_customers_and_owners(self):
        priya = self.user("Priya Nair", "priya@example.com")
        self.user("Jonas Weber", "jonas@example.com")
        summary, code, project = self.migrate("keyless_pipeline", "Keyless pipeline")
        Partner = self.env["res.partner"]
        foods = Partner.search([("name", "=", "Northgate Foods"), ("is_company", "=", True)])
        self.assertEqual(len(foods), 1)
        bakeries = Partner.search([("name", "=", "Northgate Bakeries")])
        self.assertEqual(bakeries.parent_id, foods)
        self.assertEqual(Partner.search_count([("x_source_id", "like", "company:%")]), 12)
        Lead = self.env["crm.lead"].with_context(active_test=False)  # lost deals too
        deals = Lead.search([("x_source_id", "like", "deal:%")])
        self.assertEqual(len(deals), 40)
        route = deals.filtered(lambda d: d.name == "Northgate Foods - Route Planner")
        self.assertEqual(route.partner_id, foods)
        self.assertEqual(route.user_id, priya)
        by_priya = deals.filtered(lambda d: d.user_id == priya)
        self.assertTrue(by_priya)
        self.assertEqual(summary["objects"]["opportunities"]["failed"], 0)
        # the products do not migrate and the reps are matched to users, never created:
        # listed, their rows counted as skipped
        products = project.object_ids.filtered(lambda o: o.object_name == "products")
        self.assertFalse(products.mapping_id.model_name)
        reps = project.object_ids.filtered(lambda o: o.object_name == "reps")
        self.assertEqual(reps.mapping_id.kind, "user")
        self.assertEqual(set(summary["not_loaded"]), {"products", "reps"})
        self.assertEqual(code, EXIT_ROWS_NOT_LOADED)
