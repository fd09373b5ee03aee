"""Extraction from a platform's API on real Odoo, against a local stand-in of D-Tools
Cloud (tests/connectors/, beside the addon; real HTTP on 127.0.0.1) that holds the
D-Tools sample tenant:

- an extraction stages exactly what the file export of the same data stages, and
  migrates the same records;
- a second extraction for the cutover asks only for what changed, and a delta run
  loads it;
- the credentials appear in no log line, record, issue, message or export;
- headless, ``migrate --profile dtools --api-url --api-key --api-secret``.
"""

import io
import json
import logging
import sys
import zipfile
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from ..cli.migrate import Migrate
from ..services.connectors import DToolsConnector
from .common import MigrationCase

REPO = Path(__file__).resolve().parents[2]
if str(REPO / "tests") not in sys.path:
    sys.path.insert(0, str(REPO / "tests"))

from connectors.dtools_server import BASIC, KEY, SAMPLE, DToolsStandIn  # noqa: E402

# the objects D-Tools Cloud's API gives (the export files give more: locations, tasks...)
API_FILES = ("clients.json", "opportunities.json", "projects.json")


def staged(project):
    """{object: (headers, sorted payloads)} of a project's staged rows; a file's download
    URL aside (the stand-in serves the files itself, at its own address)."""
    out = {}
    for obj in project.object_ids:
        payloads = sorted(
            json.dumps({k: v for k, v in s.payload.items() if k != "url"}, sort_keys=True)
            for s in obj.staging_ids
            if s.payload
        )
        out[obj.object_name] = (sorted(obj.headers or []), payloads)
    return out


@tagged("post_install", "-at_install")
class TestApiExtraction(MigrationCase):
    def setUp(self):
        super().setUp()
        self.server = DToolsStandIn().start()
        self.addCleanup(self.server.stop)

    def api_project(self, name="D-Tools API"):
        project = self.env["migration.project"].create({"name": name, "profile": "dtools"})
        source = self.env["migration.api.source"].create(
            {
                "project_id": project.id,
                "platform": "dtools",
                "base_url": self.server.url + "/api/v1",
                "api_key": KEY,
                "api_secret": BASIC,
            }
        )
        return project, source

    def files_project(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in API_FILES:
                archive.write(SAMPLE / name, name)
            for path in (SAMPLE / "files").iterdir():
                archive.write(path, "files/%s" % path.name)
        project = self.env["migration.project"].create(
            {"name": "D-Tools files", "profile": "dtools"}
        )
        project.add_files([("dtools-export.zip", buffer.getvalue())])
        return project

    def test_an_extraction_stages_and_migrates_what_the_export_does(self):
        project, source = self.api_project()
        with self.assertLogs("odoo.addons.migration_bridge", level="DEBUG") as logs:
            logging.getLogger("odoo.addons.migration_bridge").debug("extraction starts")
            source._extract()
        self.assertEqual(source.extraction_state, "done", source.message)
        self.assertGreater(source.calls_today, 0)
        self.assertEqual(source.daily_budget, 10000)
        # per object, the records read (clients 12, ...), none left half-read
        self.assertIn("clients 12", source.progress)
        self.assertNotIn("…", source.progress)
        from_files = self.files_project()
        api, files = staged(project), staged(from_files)
        self.assertTrue(api)
        for name, (headers, rows) in api.items():
            self.assertIn(name, files)
            self.assertEqual(headers, files[name][0], name)
            self.assertEqual(rows, files[name][1], name)
        # both confirmed as proposed and loaded: the files' run finds the very records
        # the API's run created, and creates none
        runs = []
        for each in (project, from_files):
            each.with_user(self.migration_manager).action_confirm_mapping()
            runs.append(each._start_run("full"))
        for name in api:
            first, second = (self.run_line(run, name) for run in runs)
            self.assertEqual(
                (first.source_rows, first.failed, first.skipped),
                (second.source_rows, second.failed, second.skipped),
                name,
            )
            self.assertEqual(second.created, 0, name)
            self.assertEqual(
                second.updated + second.unchanged, first.created + first.updated, name
            )
        # the credentials are nowhere but on the source
        seen = [
            "\n".join(logs.output),
            source.state_json or "",
            json.dumps(runs[0].summary()),
            runs[0].log or "",
            "\n".join(project.issue_ids.mapped("message")),
            "\n".join(project.attachment_ids.mapped("name")),
            "\n".join(self.env["mail.message"].search([]).mapped("body")),
        ]
        for text in seen:
            self.assertNotIn(KEY, text)
            self.assertNotIn(BASIC, text)
        self.assertFalse(source._fields["api_key"].exportable)
        source.with_user(self.migration_manager).action_forget_credentials()
        self.assertFalse(source.has_credentials)

    def test_a_second_extraction_asks_only_what_changed(self):
        project, source = self.api_project()
        source._extract()
        project.with_user(self.migration_manager).action_confirm_mapping()
        project._start_run("full")
        client = self.server.clients[0]
        before = len(self.server.seen())
        self.server.modify(client["id"], "2099-01-01T00:00:00Z", phone="+1 305 555 0000")
        source._extract(delta=True)
        self.assertEqual(source.extraction_state, "done", source.message)
        asked = self.server.seen()[before:]
        lists = [r for r in asked if r.path.endswith("GetClients")]
        self.assertTrue(lists and all(r.arg("fromModifiedDate") for r in lists))
        details = sorted(r.arg("id") for r in asked if r.path.endswith("GetClient"))
        self.assertEqual(details, [str(client["id"])])
        delta = project._start_run("delta")
        clients = self.run_line(delta, "clients")
        self.assertEqual((clients.source_rows, clients.updated), (1, 1))
        partner = self.env["res.partner"].search(
            [("x_source_id", "=", "company:%s" % client["id"])]
        )
        self.assertEqual(partner.phone, "+1 305 555 0000")

    def test_headless_extraction(self):
        options = Migrate.options(
            mb_profile="dtools",
            mb_project_name="D-Tools headless",
            mb_api_url=self.server.url + "/api/v1",
            mb_api_key=KEY,
            mb_api_secret=BASIC,
            mb_auto_confirm=True,
        )
        summary, _code = Migrate()._execute(self.env, options)
        self.assertEqual(summary["extraction"]["state"], "done")
        self.assertEqual(summary["extraction"]["platform"], "dtools")
        self.assertGreater(summary["objects"]["clients"]["created"], 0)
        self.assertNotIn(KEY, json.dumps(summary))

    def test_a_spent_daily_budget_pauses_and_the_cron_resumes(self):
        project, source = self.api_project()
        with patch.object(DToolsConnector, "daily", 5):
            source._extract()
        self.assertEqual(source.extraction_state, "paused", source.message)
        self.assertTrue(source.resume_after)
        self.assertEqual(source.calls_today, 5)
        self.assertIn("…", source.progress)  # an object half-read, kept for the resume
        calls = len(self.server.seen())
        # not yet due: nothing is called
        self.env["migration.api.source"]._cron_resume_paused()
        self.assertEqual(len(self.server.seen()), calls)
        # the next day (the budget renewed): the cron goes on from the checkpoint
        source.resume_after = fields.Datetime.now() - timedelta(minutes=1)
        self.env["migration.api.source"]._cron_resume_paused()
        self.assertEqual(source.extraction_state, "done", source.message)
        # no client read twice: the details read before the pause are not asked again
        details = [r.arg("id") for r in self.server.seen("GetClient")]
        self.assertEqual(len(details), 12)
        self.assertEqual(len(set(details)), 12)
        self.assertEqual(len(self.obj(project, "clients").staging_ids), 12)
