"""How a migration run writes rows (``models/base.py``): it flushes with one UPDATE
per set of columns, and the database must hold what Odoo's own flush writes, with
fewer queries; it inserts records with their creation date in the source."""

import datetime
import unittest

from psycopg2 import IntegrityError

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from ..loader.bulk import batched_flush, source_create_dates
from ..series import orm as series_orm

COLUMNS = (
    "id",
    "complete_name",
    "email_normalized",
    "commercial_partner_id",
    "commercial_company_name",
    "parent_id",
    "type",
    "write_uid",
)


@tagged("post_install", "-at_install")
class TestBatchedFlush(TransactionCase):
    def create_people(self, prefix, company):
        Partner = self.env["res.partner"]
        return Partner.create(
            [
                {
                    "name": "%s %02d" % (prefix, n),
                    "email": "%s.%02d@example.com" % (prefix.lower(), n),
                    "parent_id": company.id if n % 2 else False,
                }
                for n in range(30)
            ]
        )

    def stored(self, partners):
        """The rows as the database has them (not the ORM's cache)."""
        self.env.cr.execute(
            "SELECT %s FROM res_partner WHERE id = ANY(%%s) ORDER BY id" % ", ".join(COLUMNS),
            (partners.ids,),
        )
        # a contact without a company is its own commercial partner
        return [
            tuple("itself" if value == row[0] else value for value in row[1:])
            for row in self.env.cr.fetchall()
        ]

    def counted(self, function):
        before = self.env.cr.sql_log_count
        result = function()
        return result, self.env.cr.sql_log_count - before

    @unittest.skipIf(
        series_orm.GATHERS_FLUSH_WRITES, "this series' flush gathers its updates itself"
    )
    def test_new_records_get_the_values_odoo_flushes_in_fewer_queries(self):
        company = self.env["res.partner"].create({"name": "Gannet Ltd", "is_company": True})
        self.env.flush_all()

        def plain():
            people = self.create_people("Plain", company)
            self.env.flush_all()
            return people

        def batched():
            with batched_flush(self.env):
                people = self.create_people("Plain", company)
                self.env.flush_all()
            return people

        reference, plain_queries = self.counted(plain)
        people, batched_queries = self.counted(batched)
        self.assertEqual(self.stored(people), self.stored(reference))
        self.assertTrue(people.filtered("parent_id"))
        # Odoo's flush writes the 30 new contacts' computed values one by one.
        self.assertLess(batched_queries, plain_queries - 25, (batched_queries, plain_queries))

    def test_updates_of_existing_records_land_with_their_write_date(self):
        people = self.create_people("Tern", self.env["res.partner"])
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = '2001-01-01' WHERE id = ANY(%s)", (people.ids,)
        )
        self.env.invalidate_all()
        with batched_flush(self.env):
            for n, person in enumerate(people):
                person.write({"function": "Buyer %s" % n, "email": "tern%s@example.org" % n})
            self.env.flush_all()
        self.env.cr.execute(
            "SELECT function, email_normalized, write_date > '2001-01-01' FROM res_partner "
            "WHERE id = ANY(%s) ORDER BY id",
            (people.ids,),
        )
        self.assertEqual(
            self.env.cr.fetchall(),
            [("Buyer %s" % n, "tern%s@example.org" % n, True) for n in range(len(people))],
        )

    def test_translated_names_and_moves_in_a_hierarchy_take_odoo_path(self):
        Category = self.env["res.partner.category"]
        root, other = Category.create([{"name": "Root"}, {"name": "Other"}])
        child = Category.create({"name": "Child", "parent_id": root.id})
        self.env.flush_all()
        with batched_flush(self.env):
            child.write({"parent_id": other.id, "name": "Moved"})
            other.name = "Elsewhere"
            self.env.flush_all()
        self.env.cr.execute(
            "SELECT name->>'en_US', parent_path FROM res_partner_category "
            "WHERE id = ANY(%s) ORDER BY id",
            ([other.id, child.id],),
        )
        self.assertEqual(
            self.env.cr.fetchall(),
            [("Elsewhere", "%s/" % other.id), ("Moved", "%s/%s/" % (other.id, child.id))],
        )

    def test_a_refused_batch_raises_as_odoo_flush_does(self):
        Parameter = self.env["ir.config_parameter"]
        first, second = Parameter.create(
            [{"key": "mb.test.first", "value": "1"}, {"key": "mb.test.second", "value": "2"}]
        )
        self.env.flush_all()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint(), batched_flush(self.env):
                first.value = "one"
                second.key = False  # NOT NULL
                self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(first.value, "1")
        self.assertEqual(second.key, "mb.test.second")


@tagged("post_install", "-at_install")
class TestSourceCreateDates(TransactionCase):
    def test_records_are_inserted_with_their_source_creation_date(self):
        when = datetime.datetime(2019, 5, 17, 9, 30)
        dates = {"contact:A": when, "contact:Z": when}
        with source_create_dates(self.env, dates):
            first, second = self.env["res.partner"].create(
                [
                    {"name": "Avocet", "x_source_id": "contact:A"},
                    {"name": "Bittern", "x_source_id": "contact:B"},
                ]
            )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT create_date FROM res_partner WHERE id IN %s ORDER BY id",
            ((first.id, second.id),),
        )
        (first_date,), (second_date,) = self.env.cr.fetchall()
        self.assertEqual(first_date, when)
        self.assertGreater(second_date, when)
        # what was not used is left for the caller to write
        self.assertEqual(dates, {"contact:Z": when})
