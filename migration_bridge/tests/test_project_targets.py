"""Jobs' tasks in the Project app: a booking or work order is a deal and a task.

``TestProjectTargets`` needs a database with Sales, Invoicing and Project installed
(``sale_management``, ``account``, ``project``) and skips itself otherwise: the
OctopusPro and The Customer Factor samples are loaded; each booking or job is a deal
and, beside it, a task in the project named after the object (*Bookings*, *Jobs /
work orders*), assigned to its field workers, due on its date, in the stage its
status names (a stage of that project), linked to its deal by its record link; a
delta changes nothing; a rollback leaves nothing.

``TestProjectAppMissing`` runs where Project is not installed (the CRM-only
database): the deals load as before, their field workers a custom field, and the
project's *Does not migrate* tab says "install Project to migrate the bookings' tasks".
"""

import datetime

from odoo.tests import tagged

from .test_sales_targets import SalesCase, sample_zip


class ProjectCase(SalesCase):
    def task_link(self, key, run=None):
        Link = self.env["migration.record.link"]
        domain = [("model", "=", "project.task"), ("source_key", "=", key)]
        if run:
            domain.append(("run_id", "=", run.id))
        return Link.search(domain)

    def deal(self, key):
        deal = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("x_source_id", "=", key)])
        )
        self.assertEqual(len(deal), 1, key)
        return deal


@tagged("post_install", "-at_install")
class TestProjectTargets(ProjectCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tcf = cls.env["migration.project"].create({"name": "tcf", "profile": "tcf"})
        cls.tcf.add_files([("tcf-export.zip", sample_zip("tcf"))])
        cls.tcf.with_user(cls.migration_manager).action_confirm_mapping()
        cls.tcf_run = cls.tcf._start_run("full")

    def task(self, key):
        link = self.task_link(key).filtered(lambda ln: ln.operation == "created")
        self.assertEqual(len(link), 1, key)
        task = self.env["project.task"].browse(link.res_id).exists()
        self.assertTrue(task, key)
        return task, link

    def test_a_booking_is_a_deal_and_its_task(self):
        deal = self.deal("booking:10408")
        task, link = self.task("booking_task:10408")
        # linked to its deal by its record link, on the project of the bookings
        self.assertEqual(link.refs, {"crm.lead": [deal.id]})
        self.assertEqual(link.run_id, self.full)
        self.assertEqual(task.project_id.name, "Bookings")
        self.assertEqual(task.name, deal.name)
        self.assertEqual(task.partner_id, deal.partner_id)
        # several field workers in one cell: each matched as an owner is
        self.assertEqual(
            sorted(task.user_ids.mapped("login")),
            ["ava.patel@sparkleco.example", "mia.thompson@sparkleco.example"],
        )
        self.assertEqual(task.date_deadline.date(), datetime.date(2025, 7, 12))
        # its stage: the booking's status, a stage of that project, folded once closed
        self.assertEqual(task.stage_id.name, "Completed")
        self.assertIn(task.project_id, task.stage_id.project_ids)
        # the deal keeps its field workers as its custom field too
        self.assertEqual(deal.x_assigned_fieldworkers, "Ava Patel; Mia Thompson")

    def test_every_loaded_booking_has_one_task(self):
        deals = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("x_source_id", "=like", "booking:%")])
        )
        tasks = self.env["project.task"].search([("project_id.name", "=", "Bookings")])
        self.assertEqual(len(tasks), len(deals))
        declined = self.task("booking_task:10449")[0]
        self.assertEqual(declined.stage_id.name, "Declined")
        self.assertTrue(declined.stage_id.fold)

    def test_a_work_order_is_a_deal_and_its_task(self):
        line = self.run_line(self.tcf_run, "jobs")
        self.assertFalse(line.failed)
        deal = self.deal("job:61006")
        task, link = self.task("job_task:61006")
        self.assertEqual(link.refs, {"crm.lead": [deal.id]})
        self.assertEqual(task.project_id.name, "Jobs / work orders")
        self.assertEqual(task.date_deadline.date(), datetime.date(2026, 1, 24))
        self.assertEqual(task.stage_id.name, "Completed")
        # its technician is no Odoo user: the task is its deal owner's
        self.assertEqual(task.user_ids, deal.user_id)

    def test_a_delta_of_the_same_export_changes_no_task(self):
        before = self.env["project.task"].search_count([])
        delta = self.project._start_run("delta")
        self.assertEqual(self.env["project.task"].search_count([]), before)
        self.assertFalse(self.task_link("booking_task:10408", delta))
        line = self.run_line(delta, "bookings")
        self.assertEqual(line.unchanged + line.failed, line.source_rows)

    def test_a_delta_updates_a_task_and_its_rollback_restores_it(self):
        task, _link = self.task("booking_task:10408")
        task.write({"user_ids": [(6, 0, [])], "name": "changed in Odoo"})
        delta = self.project._start_run("delta")
        updated = self.task_link("booking_task:10408", delta)
        self.assertEqual(updated.operation, "updated")
        self.assertEqual(len(task.user_ids), 2)
        delta.with_user(self.migration_manager).action_rollback()
        self.assertEqual(task.name, "changed in Odoo")
        self.assertFalse(task.user_ids)

    def test_rollback_leaves_no_task_project_or_stage(self):
        self.tcf_run.with_user(self.migration_manager).action_rollback()
        self.full.with_user(self.migration_manager).action_rollback()
        self.assertEqual(self.full.state, "rolled_back")
        self.assertEqual(self.tcf_run.state, "rolled_back")
        for name in ("Bookings", "Jobs / work orders"):
            self.assertFalse(self.env["project.project"].search([("name", "=", name)]), name)
        self.assertFalse(
            self.env["project.task.type"].search([("name", "in", ("Completed", "Declined"))])
        )
        # (Odoo's own welcome to-dos of the users the test made are no migrated tasks)
        links = self.env["migration.record.link"].search([("model", "=", "project.task")])
        self.assertTrue(links)
        self.assertTrue(all(links.mapped("rolled_back")))
        self.assertFalse(self.env["project.task"].browse(links.mapped("res_id")).exists())


@tagged("post_install", "-at_install")
class TestProjectAppMissing(ProjectCase):
    """Without the Project app the deals are all there is."""

    needs = ()
    absent = ("project",)

    def test_bookings_load_as_deals_with_their_field_workers(self):
        self.assertNotIn("project.task", self.env)
        deal = self.deal("booking:10408")
        self.assertEqual(deal.x_assigned_fieldworkers, "Ava Patel; Mia Thompson")
        line = self.run_line(self.full, "bookings")
        self.assertFalse(line.failed)

    def test_the_inventory_says_what_installing_project_would_migrate(self):
        items = self.project.inventory_ids.filtered(
            lambda i: i.object_id.object_name == "bookings"
        )
        self.assertEqual(len(items), 1)
        self.assertEqual(items.note, "install Project to migrate the bookings' tasks")
        self.assertEqual(items.equivalent, "project.task (the Project app)")
        # the proposal says so too, and the bookings are deals all the same
        self.assertIn("install Project", self.mapping("bookings").reason)
        self.assertEqual(self.mapping("bookings").model_name, "crm.lead")
