"""Each project's pipeline is its own sales team: its deals land in it, the stages its
runs create belong to it, and a deal's stage bar shows that project's stages only."""

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..loader.targets.crm_stage import pipeline_key, stage_team_field, team_stage_vals
from .common import MigrationCase, to_csv

HEADERS = ["Deal ID", "Deal Name", "Amount", "Stage", "Close Date", "Probability"]


def deals(prefix, stages):
    """A deals file: one deal per stage value, ids prefixed so that projects differ."""
    rows = [
        {
            "Deal ID": "%s%s" % (prefix, n),
            "Deal Name": "%s deal %s" % (prefix, n),
            "Amount": str(1000 * n),
            "Stage": stage,
            "Close Date": "2025-0%s-15" % n,
            "Probability": str(10 * n),
        }
        for n, stage in enumerate(stages, start=1)
    ]
    return "deals.csv", to_csv(rows, HEADERS)


# The same stage name in both projects (Discovery), and one of each's own.
STAGES_A = ("Discovery", "Proposal", "Discovery", "Closed Won")
STAGES_B = ("Discovery", "Demo", "Demo")


@tagged("post_install", "-at_install")
class TestProjectPipeline(MigrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Stage = cls.env["crm.stage"]
        cls.Team = cls.env["crm.team"].with_context(active_test=False)
        cls.field = stage_team_field(cls.Stage)
        cls.project_a = cls.make_project([deals("PA", STAGES_A)], name="Alpha CRM", confirm=True)
        cls.run_a = cls.project_a._start_run("full")
        # B is made once A is loaded: A's stages are no proposal of B's
        cls.project_b = cls.make_project([deals("PB", STAGES_B)], name="Beta CRM", confirm=True)
        cls.run_b = cls.project_b._start_run("full")

    def team_stages(self, team):
        return self.Stage.search([(self.field, "in", team.ids)])

    def project_deals(self, prefix):
        return (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("x_source_id", "=like", "deal:%s%%" % prefix)])
        )

    def value(self, project, source_value):
        return project.mapping_value_ids.filtered(lambda v: v.source_value == source_value)

    def counts(self):
        return self.Stage.search_count([]), self.Team.search_count([])

    def test_each_project_has_its_own_team(self):
        team_a, team_b = self.project_a.team_id, self.project_b.team_id
        self.assertTrue(team_a and team_b)
        self.assertNotEqual(team_a, team_b)
        self.assertEqual((team_a.name, team_b.name), ("Alpha CRM", "Beta CRM"))
        self.assertEqual(team_a.x_source_id, pipeline_key(self.project_a))
        self.assertCounts(self.run_a, "deals", created=4, failed=0)
        self.assertCounts(self.run_b, "deals", created=3, failed=0)
        self.assertEqual(self.project_deals("PA").team_id, team_a)
        self.assertEqual(self.project_deals("PB").team_id, team_b)
        created = self.run_a.link_ids.filtered(lambda ln: ln.model == "crm.team")
        self.assertEqual(created.res_id, team_a.id, "the run that made the team is linked to it")

    def test_each_team_has_its_own_stages(self):
        team_a, team_b = self.project_a.team_id, self.project_b.team_id
        stages_a, stages_b = self.team_stages(team_a), self.team_stages(team_b)
        self.assertEqual(sorted(stages_a.mapped("name")), ["Discovery", "Proposal"])
        self.assertEqual(sorted(stages_b.mapped("name")), ["Demo", "Discovery"])
        self.assertFalse(stages_a & stages_b, "a name both projects have is a stage in each")
        for team, stages in ((team_a, stages_a), (team_b, stages_b)):
            self.assertEqual(stages.mapped(self.field), team, "the team's stages are its only")
        # each project's deals are in its team's stages or in Odoo's stages of no team
        for prefix, stages in (("PA", stages_a), ("PB", stages_b)):
            for deal in self.project_deals(prefix):
                self.assertTrue(deal.stage_id in stages or not deal.stage_id[self.field])
        won = self.env["crm.lead"].search([("x_source_id", "=", "deal:PA4")])
        self.assertTrue(won.stage_id.is_won)
        self.assertFalse(won.stage_id[self.field], "Odoo's won stage of no team is used")
        self.assertEqual(
            self.project_deals("PA").filtered(lambda d: d.stage_id.name == "Discovery").stage_id,
            stages_a.filtered(lambda s: s.name == "Discovery"),
        )

    def kanban_columns(self, team):
        """The columns of the team's pipeline, empty ones included, as its kanban reads
        them (the team in the context, the stages expanded)."""
        Lead = self.env["crm.lead"].with_context(default_team_id=team.id, read_group_expand=True)
        domain = [("team_id", "=", team.id)]
        if hasattr(type(Lead), "formatted_read_group"):  # 19.0: what web_read_group reads
            groups = Lead.formatted_read_group(domain, ["stage_id"], ["__count"])
        else:
            groups = Lead.read_group(domain, ["stage_id"], ["stage_id"])
        return self.Stage.browse([g["stage_id"][0] for g in groups if g["stage_id"]])

    def test_the_stage_bar_shows_the_projects_stages_only(self):
        Lead = self.env["crm.lead"]
        shared = self.Stage.search([(self.field, "=", False)])
        for project, other in ((self.project_a, self.project_b), (self.project_b, self.project_a)):
            team = project.team_id
            shown = self.kanban_columns(team)
            self.assertEqual(shown, self.team_stages(team) | shared)
            self.assertFalse(shown & self.team_stages(other.team_id))
            # the form's stage bar: the stages the lead's stage field offers
            deal = self.project_deals("PA" if project == self.project_a else "PB")[:1]
            domain = safe_eval(Lead._fields["stage_id"].domain, {"team_id": deal.team_id.id})
            self.assertEqual(self.Stage.search(domain), self.team_stages(team) | shared)

    def test_the_stage_map_says_which_stage_the_projects_run_created(self):
        discovery_a = self.value(self.project_a, "Discovery")
        discovery_b = self.value(self.project_b, "Discovery")
        self.assertFalse(discovery_b.stage_id, "A's Discovery is not proposed to B")
        self.assertIn("created by a run", discovery_a.outcome)
        self.assertIn("created by a run", discovery_b.outcome)
        self.run_b.with_user(self.migration_manager).action_rollback()
        (discovery_a | discovery_b).invalidate_recordset(["outcome"])
        self.assertIn("created by a run", discovery_a.outcome)
        self.assertIn("created by the next run", discovery_b.outcome)

    def test_a_delta_makes_no_new_team_or_stage(self):
        before = self.counts()
        team = self.project_a.team_id
        self.project_a.add_files([deals("PA", STAGES_A)])
        delta = self.project_a._start_run("delta")
        self.assertReconciled(delta)
        self.assertCounts(delta, "deals", created=0, updated=0, unchanged=4)
        self.assertFalse(delta.link_ids)
        self.assertEqual(self.counts(), before)
        self.assertEqual(self.project_a.team_id, team)

    def test_rolling_the_first_run_back_removes_its_team_and_stages(self):
        team = self.project_a.team_id
        stages = self.team_stages(team)
        before = self.counts()
        self.run_a.with_user(self.migration_manager).action_rollback()
        self.assertEqual(self.run_a.state, "rolled_back")
        self.assertFalse(team.exists())
        self.assertFalse(stages.exists())
        self.assertFalse(self.project_a.team_id)
        self.assertEqual(self.counts(), (before[0] - 2, before[1] - 1))
        self.assertTrue(self.project_b.team_id.exists(), "the other project's is kept")
        self.assertEqual(len(self.team_stages(self.project_b.team_id)), 2)
        # the next run makes them again
        again = self.project_a._start_run("full")
        self.assertCounts(again, "deals", created=4, failed=0)
        self.assertEqual(self.project_a.team_id.name, "Alpha CRM")
        self.assertEqual(len(self.team_stages(self.project_a.team_id)), 2)

    def test_a_chosen_pipeline_is_used_and_kept(self):
        team = self.Team.create({"name": "Chosen pipeline"})
        demo = self.Stage.create(
            {"name": "Demo", "sequence": 5, **team_stage_vals(self.Stage, team)}
        )
        project = self.make_project([deals("PC", STAGES_B)], name="Gamma CRM")
        # chosen once the files are read: the stage map finds the team's stages now
        project.team_id = team
        project.with_user(self.migration_manager).action_confirm_mapping()
        self.assertEqual(self.value(project, "Demo").outcome, "stage Demo")
        self.assertIn("created by the next run", self.value(project, "Discovery").outcome)
        teams = self.Team.search_count([])
        run = project._start_run("full")
        self.assertCounts(run, "deals", created=3, failed=0)
        self.assertEqual(self.Team.search_count([]), teams, "no team is made")
        self.assertFalse(run.link_ids.filtered(lambda ln: ln.model == "crm.team"))
        self.assertEqual(self.project_deals("PC").team_id, team)
        self.assertEqual(sorted(self.team_stages(team).mapped("name")), ["Demo", "Discovery"])
        self.assertEqual(self.lead("deal:PC2").stage_id, demo)
        # a project made with its pipeline chosen is proposed the team's stages
        other = self.env["migration.project"].create(
            {"name": "Epsilon CRM", "profile": "generic", "team_id": team.id}
        )
        other.add_files([deals("PE", ("Demo",))])
        self.assertEqual(self.value(other, "Demo").stage_id, demo)
        run.with_user(self.migration_manager).action_rollback()
        self.assertTrue(team.exists() and demo.exists(), "what the user chose stays")
        self.assertEqual(project.team_id, team)

    def test_deals_naming_their_team_keep_it_and_its_stages(self):
        rows = [
            ("PD1", "Discovery", "Retail"),
            ("PD2", "Negotiation", "Retail"),
            ("PD3", "Discovery", "Wholesale"),
            ("PD4", "Order", "Wholesale"),
            ("PD5", "Order", "Wholesale"),
        ]
        headers = ["Deal ID", "Deal Name", "Stage", "Pipeline"]
        csv = to_csv(
            [
                dict(zip(headers, (i, "Deal %s" % i, stage, team), strict=True))
                for i, stage, team in rows
            ],
            headers,
        )
        project = self.make_project([("deals.csv", csv)], name="Delta CRM", confirm=True)
        run = project._start_run("full")
        self.assertCounts(run, "deals", created=5, failed=0)
        self.assertFalse(project.team_id, "the source's teams are its pipelines")
        retail = self.Team.search([("name", "=", "Retail")])
        wholesale = self.Team.search([("name", "=", "Wholesale")])
        for deal_id, stage, team in rows:
            deal = self.lead("deal:%s" % deal_id)
            self.assertEqual(deal.team_id.name, team)
            self.assertEqual(deal.stage_id.name, stage)
            self.assertEqual(deal.stage_id[self.field], deal.team_id, "its team's own stage")
        self.assertEqual(
            sorted(self.team_stages(retail).mapped("name")), ["Discovery", "Negotiation"]
        )
        self.assertEqual(
            sorted(self.team_stages(wholesale).mapped("name")), ["Discovery", "Order"]
        )
        shared = self.Stage.search([(self.field, "=", False)])
        self.assertEqual(self.kanban_columns(retail), self.team_stages(retail) | shared)
        self.assertFalse(self.kanban_columns(retail) & self.team_stages(wholesale))
        # the stage map offers the rows' teams' stages and those of no team, no other project's
        offered = self.value(project, "Order").allowed_stage_ids
        self.assertEqual(offered, self.team_stages(retail | wholesale) | shared)
        self.assertFalse(offered & self.team_stages(self.project_a.team_id))
        offered_a = self.value(self.project_a, "Proposal").allowed_stage_ids
        self.assertEqual(offered_a, self.team_stages(self.project_a.team_id) | shared)
        # a delta makes no stage again; the rollback removes the teams and their stages
        before = self.counts()
        project.add_files([("deals.csv", csv)])
        delta = project._start_run("delta")
        self.assertCounts(delta, "deals", created=0, updated=0, unchanged=5)
        self.assertEqual(self.counts(), before)
        run.with_user(self.migration_manager).action_rollback()
        self.assertFalse((retail | wholesale).exists())
        self.assertEqual(self.counts(), (before[0] - 4, before[1] - 2))
