import csv
import datetime
import io

from odoo.tests import tagged

from ..loader.targets.crm_stage import stage_team_field
from .common import (
    BAD,
    BAD_FILES,
    EXPECTED,
    SAMPLE,
    SAMPLE_FILES,
    MigrationCase,
    read_file,
    sample_rows,
)


@tagged("post_install", "-at_install")
class TestGenericExport(MigrationCase):
    """The bundled generic export and every bad input, through the whole pipeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        files = [read_file(SAMPLE, n) for n in SAMPLE_FILES] + [
            read_file(BAD, n) for n in BAD_FILES
        ]
        cls.project = cls.make_project(files, confirm=True)
        cls.full_run = cls.project._start_run("full")

    # ------------------------------------------------------------------
    # Discovery
    # ------------------------------------------------------------------
    def test_discovery_reads_each_file(self):
        companies = self.obj(self.project, "companies")
        self.assertEqual(companies.row_count, 40)
        self.assertEqual((companies.encoding, companies.delimiter), ("utf-8", ","))
        cp1251 = self.obj(self.project, "firmen_cp1251")
        self.assertEqual((cp1251.encoding, cp1251.delimiter, cp1251.row_count), ("cp1251", ";", 5))
        bom = self.obj(self.project, "companies_utf8_bom")
        self.assertEqual(bom.encoding, "utf-8-sig")
        self.assertEqual(bom.headers[0], "Company ID", "the BOM is not part of the first header")
        types = {f.name: f.inferred_type for f in self.obj(self.project, "deals").field_ids}
        self.assertEqual(types["Amount"], "float")
        self.assertEqual(types["Close Date"], "date")
        self.assertEqual(types["Created At"], "datetime")
        self.assertEqual(types["Stage"], "selection")
        fill = {f.name: f.fill_rate for f in self.obj(self.project, "contacts").field_ids}
        self.assertEqual(fill["Email"], 100.0)
        self.assertLess(fill["Birthday"], 100.0)

    def test_bad_files_are_reported_where_they_are(self):
        project = self.project
        (empty,) = self.issues(project, "empty_file")
        self.assertEqual(empty.file_name, "empty.csv")
        self.assertTrue(empty.blocking)
        (unsupported,) = self.issues(project, "unsupported_type")
        self.assertIn("notes.docx", unsupported.message)
        (no_header,) = self.issues(project, "no_header")
        self.assertEqual((no_header.file_name, no_header.row_number), ("no_header.csv", 1))
        (missing,) = self.issues(project, "missing_header")
        self.assertIn("column 3", missing.message)
        (duplicate,) = self.issues(project, "duplicate_header")
        self.assertIn("Phone", duplicate.message)
        self.assertIn("Phone (2)", self.obj(project, "duplicate_header").headers)
        ragged = self.issues(project, "ragged_row")
        self.assertEqual(sorted(ragged.mapped("row_number")), [7, 9])
        self.assertEqual(set(ragged.mapped("file_name")), {"contacts_more.csv"})
        (undecodable,) = self.issues(project, "undecodable")
        self.assertEqual((undecodable.row_number, undecodable.column), (11, "Job Title"))

    def test_proposed_mapping(self):
        project = self.project
        kinds = {m.object_id.object_name: m.kind for m in project.mapping_ids}
        self.assertEqual(kinds["companies"], "company")
        self.assertEqual(kinds["contacts"], "contact")
        self.assertEqual(kinds["deals"], "deal")
        self.assertEqual(kinds["firmen_cp1251"], "company")
        expected = {
            ("companies", "Company ID"): "x_source_id",
            ("companies", "Company Name"): "name",
            ("companies", "Parent Company ID"): "parent_id",
            ("companies", "Owner"): "user_id",
            ("companies", "Tags"): "category_id",
            ("companies", "Created At"): "create_date",
            ("contacts", "First Name"): "_first_name",
            ("contacts", "Last Name"): "_last_name",
            ("contacts", "Company ID"): "parent_id",
            ("contacts", "Job Title"): "function",
            ("deals", "Deal Name"): "name",
            ("deals", "Stage"): "stage_id",
            ("deals", "Pipeline"): "team_id",
            ("deals", "Amount"): "expected_revenue",
            ("deals", "Close Date"): "date_deadline",
        }
        for (object_name, column), target in expected.items():
            line = self.line(project, object_name, column)
            self.assertEqual(line.target_name, target, "%s.%s" % (object_name, column))
            self.assertTrue(line.reason)
            self.assertTrue(line.confirmed)
        lead_score = self.line(project, "deals", "Lead Score")
        self.assertEqual(
            (lead_score.custom_name, lead_score.custom_type), ("x_lead_score", "integer")
        )
        actions = {v.source_value: v.action for v in project.mapping_value_ids}
        self.assertEqual(actions["Closed Won"], "won")
        self.assertEqual(actions["Closed Lost"], "lost")
        self.assertEqual(actions["Negotiation"], "stage")

    # ------------------------------------------------------------------
    # Load
    # ------------------------------------------------------------------
    def test_counts_reconcile(self):
        run = self.full_run
        self.assertEqual(run.state, "done")
        self.assertReconciled(run)
        self.assertCounts(run, "companies", source_rows=40, created=40, failed=0, skipped=0)
        self.assertCounts(run, "contacts", source_rows=90, created=90, failed=0, skipped=0)
        self.assertCounts(run, "deals", source_rows=70, created=70, failed=0, skipped=0)
        # contacts_more: row 3 invalid email fails; rows 7, 9, 11 have problems in the file.
        self.assertCounts(run, "contacts_more", source_rows=12, created=8, failed=1, skipped=3)
        self.assertCounts(run, "firmen_cp1251", created=5)
        self.assertCounts(run, "companies_utf8_bom", created=3)
        migrated = self.env["res.partner"].search_count([("x_source_id", "!=", False)])
        self.assertEqual(migrated, 40 + 90 + 8 + 5 + 3 + 3 + 3)
        leads = self.env["crm.lead"].with_context(active_test=False)
        self.assertEqual(leads.search_count([("x_source_id", "like", "deal:%")]), 70)

    def test_companies_and_hierarchy(self):
        row = EXPECTED["company_samples"]["C1001"]
        company = self.partner("company:C1001")
        self.assertTrue(company.is_company)
        self.assertEqual(company.name, row["Company Name"])
        self.assertEqual(company.email, row["Email"])
        self.assertEqual(company.city, row["City"])
        self.assertEqual(company.country_id.code, "GB")
        self.assertEqual(company.user_id, self.owners["bob.keller@example.com"])
        self.assertEqual(company.category_id.mapped("name"), ["VIP"])
        self.assertEqual(company.x_employees, 3388)
        for child, parent in EXPECTED["company_children"].items():
            self.assertEqual(
                self.partner("company:%s" % child).parent_id, self.partner("company:%s" % parent)
            )
        # A subsidiary keeps its own address: Odoo would copy its parent's.
        rows = {r["Company ID"]: r for r in sample_rows("companies.csv")}
        for child in EXPECTED["company_children"]:
            partner = self.partner("company:%s" % child)
            self.assertEqual(partner.city, rows[child]["City"], child)
            self.assertEqual(partner.street or "", rows[child]["Street"], child)
        # C1008 comes before its parent in the file.
        self.assertEqual(self.partner("company:C1008").parent_id.x_source_id, "company:C1025")
        cyrillic = self.partner("company:C1101")
        self.assertEqual(cyrillic.name, "ООО «Ромашка»")
        self.assertEqual(cyrillic.city, "Москва")

    def test_contacts_parent_owner_and_fields(self):
        row = EXPECTED["contact_samples"]["P2003"]
        contact = self.partner("contact:P2003")
        self.assertFalse(contact.is_company)
        self.assertEqual(contact.name, "%s %s" % (row["First Name"], row["Last Name"]))
        self.assertEqual(contact.parent_id, self.partner("company:%s" % row["Company ID"]))
        self.assertEqual(contact.function, row["Job Title"])
        self.assertEqual(contact.user_id, self.owners["alice.martin@example.com"])
        self.assertIs(contact.x_newsletter, False)
        for source_id in EXPECTED["contacts_without_company"]:
            self.assertFalse(self.partner("contact:%s" % source_id).parent_id)
        # Carla Diaz is named (not by email) and her user is archived: she still owns records.
        carla = self.owners["carla.diaz@example.com"]
        self.assertFalse(carla.active)
        owned = self.env["res.partner"].search_count(
            [("user_id", "=", carla.id), ("x_source_id", "=like", "contact:P20%")]
        )
        self.assertEqual(owned, 16)

    def test_deals_stages_won_and_lost(self):
        Lead = self.env["crm.lead"].with_context(active_test=False)
        row = EXPECTED["deal_samples"]["D3001"]
        deal = self.lead("deal:D3001")
        self.assertEqual(deal.type, "opportunity")
        self.assertEqual(deal.name, row["Deal Name"])
        self.assertEqual(deal.expected_revenue, float(row["Amount"]))
        self.assertEqual(deal.stage_id.name, row["Stage"])
        self.assertEqual(deal.team_id.name, row["Pipeline"])
        self.assertEqual(deal.partner_id, self.partner("company:%s" % row["Company ID"]))
        self.assertEqual(deal.user_id, self.owners["alice.martin@example.com"])
        self.assertEqual(deal.date_deadline, datetime.date.fromisoformat(row["Close Date"]))
        self.assertEqual(deal.tag_ids.mapped("name"), ["New Business"])
        self.assertEqual(deal.x_lead_score, int(row["Lead Score"]))
        won = Lead.search([("x_source_id", "in", ["deal:%s" % i for i in EXPECTED["won"]])])
        self.assertEqual(len(won), len(EXPECTED["won"]))
        self.assertTrue(all(d.stage_id.is_won and d.probability == 100 and d.active for d in won))
        lost = Lead.search([("x_source_id", "in", ["deal:%s" % i for i in EXPECTED["lost"]])])
        self.assertEqual(len(lost), len(EXPECTED["lost"]))
        for deal in lost:
            self.assertFalse(deal.active)
            self.assertEqual(deal.probability, 0)
            self.assertTrue(deal.lost_reason_id)
            self.assertNotIn("lost", deal.stage_id.name.lower())
        lost_row = EXPECTED["deal_samples"]["D3002"]
        self.assertEqual(self.lead("deal:D3002").lost_reason_id.name, lost_row["Lost Reason"])
        self.assertFalse(
            self.env["crm.stage"].search([("name", "in", ["Closed Won", "Closed Lost"])]),
            "won and lost are outcomes in Odoo, not stages",
        )
        for stage, count in EXPECTED["open_by_stage"].items():
            self.assertEqual(
                Lead.search_count(
                    [("stage_id.name", "=", stage), ("x_source_id", "like", "deal:")]
                ),
                count,
                stage,
            )

    def test_source_create_dates_are_kept(self):
        row = EXPECTED["company_samples"]["C1001"]
        self.assertEqual(
            self.partner("company:C1001").create_date,
            datetime.datetime.fromisoformat(row["Created At"]),
        )
        deal_row = EXPECTED["deal_samples"]["D3001"]
        self.assertEqual(
            self.lead("deal:D3001").create_date,
            datetime.datetime.fromisoformat(deal_row["Created At"]),
        )

    def test_every_record_is_linked(self):
        links = self.full_run.link_ids
        partners = links.filtered(lambda ln: ln.model == "res.partner")
        self.assertEqual(len(partners), 40 + 90 + 8 + 5 + 3 + 3 + 3)
        self.assertEqual(set(links.mapped("operation")), {"created"})
        link = partners.filtered(lambda ln: ln.source_key == "contact:P2001")
        self.assertEqual(link.res_id, self.partner("contact:P2001").id)
        self.assertEqual(link.row_number, 2)
        self.assertTrue(link.row_hash)

    def test_row_issues_name_file_row_and_column(self):
        project = self.project
        (invalid,) = self.issues(project, "invalid_email")
        self.assertEqual(
            (invalid.file_name, invalid.row_number, invalid.column),
            ("contacts_more.csv", 3, "Email"),
        )
        self.assertIn("jan.novak(at)example.com", invalid.message)
        self.assertFalse(self.partner("contact:P2102"))
        (orphan,) = self.issues(project, "orphan_reference")
        self.assertEqual((orphan.row_number, orphan.column), (5, "Company ID"))
        self.assertIn("C9999", orphan.message)
        self.assertTrue(self.partner("contact:P2104"), "an orphan contact still loads")
        self.assertFalse(self.partner("contact:P2104").parent_id)
        blocked = self.issues(project, "file_blocked", run_id=self.full_run.id)
        self.assertEqual(sorted(blocked.mapped("file_name")), ["empty.csv", "no_header.csv"])
        self.assertCounts(self.full_run, "no_header", source_rows=0)

    def test_rejected_rows_download(self):
        more = self.obj(self.project, "contacts_more")
        content = self.full_run.rejected_rows_csv(more)
        rows = list(csv.DictReader(io.StringIO(content)))
        self.assertEqual([r["Contact ID"] for r in rows], ["P2102", "P2106", "P2108", "P2110"])
        by_id = {r["Contact ID"]: r for r in rows}
        self.assertIn("not a valid email", by_id["P2102"]["Migration error"])
        self.assertIn("row 7", by_id["P2106"]["Migration error"])
        self.assertEqual(by_id["P2102"]["Source row"], "3")
        self.assertEqual(by_id["P2102"]["Email"], "jan.novak(at)example.com")
        action = self.run_line(self.full_run, "contacts_more").action_download_rejected()
        self.assertEqual(action["type"], "ir.actions.act_url")

    def test_source_id_is_searchable_and_visible(self):
        Partner = self.env["res.partner"]
        self.assertTrue(Partner._fields["x_source_id"].index)
        self.assertEqual(
            Partner.search([("x_source_id", "=", "company:C1001")]).name, "Northwind Ltd"
        )
        arch = Partner.get_view(self.env.ref("base.view_partner_form").id)["arch"]
        self.assertIn('name="x_source_id"', arch)
        arch = self.env["crm.lead"].get_view(self.env.ref("crm.crm_lead_view_form").id)["arch"]
        self.assertIn('name="x_source_id"', arch)
        self.assertIn('name="x_lead_score"', arch, "migrated custom fields are shown")

    def test_teams_and_stages_exist_before_the_first_deal(self):
        """The deals name their team (the source's pipelines): each team gets the stages
        its deals are in, in the source pipeline's order, before the first deal loads."""
        links = self.full_run.link_ids
        stages = links.filtered(lambda ln: ln.model == "crm.stage")
        teams = links.filtered(lambda ln: ln.model == "crm.team")
        deals = links.filtered(lambda ln: ln.model == "crm.lead")
        self.assertEqual(sorted(teams.mapped("source_id")), ["Direct Sales", "Partner Channel"])
        self.assertLess(max((stages | teams).ids), min(deals.ids))
        Stage = self.env["crm.stage"]
        field = stage_team_field(Stage)
        created = Stage.browse(stages.mapped("res_id"))
        for team in self.env["crm.team"].browse(teams.mapped("res_id")):
            self.assertEqual(
                created.filtered(lambda s, t=team: s[field] == t)
                .sorted("sequence")
                .mapped("name"),
                ["Qualification", "Meeting Scheduled", "Proposal Sent", "Negotiation"],
                "stages follow the deals' probabilities, as the source pipeline does",
            )
        self.assertEqual(len(created), 8, "each team's own: four stages for each")
        team = self.env["crm.team"].search([("x_source_id", "=", "team:Direct Sales")])
        self.assertEqual(team.name, "Direct Sales")
        for deal in self.env["crm.lead"].browse(deals.mapped("res_id")):
            self.assertIn(deal.stage_id[field], (deal.team_id, Stage.browse()[field]))

    def test_waived_or_excluded_rows(self):
        """A person may accept a row's problem (it then loads) or leave a row out."""
        more = self.obj(self.project, "contacts_more")
        short = more.staging_ids.filtered(lambda r: r.row_number == 9)
        short.issue_ids.action_waive()
        valid = more.staging_ids.filtered(lambda r: r.row_number == 2)
        valid.action_exclude()
        delta = self.project._start_run("delta")
        self.assertReconciled(delta)
        # Rows 2 (excluded), 7 and 11 (problems) are skipped, row 3 (invalid email) fails.
        self.assertCounts(
            delta, "contacts_more", source_rows=12, created=1, unchanged=7, skipped=3, failed=1
        )
        self.assertTrue(self.partner("contact:P2108"), "the waived short row loaded")
        self.assertEqual(valid.state, "excluded")
        self.assertEqual(valid.message, "excluded from the migration")
