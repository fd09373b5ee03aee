"""``odoo-bin migrate``: the pipeline without the UI, for scripts and staging builds.

    odoo-bin --addons-path=<odoo addons>,<this repository> migrate -d DB \
        --file companies.csv --file contacts.csv --file deals.csv \
        [--profile generic] [--project ID | --project-name NAME] \
        [--auto-confirm] [--kind full|delta|sample] [--parallel N] [--json-out FILE]
    odoo-bin ... migrate -d DB --rollback RUN_ID | --rollback-project PROJECT_ID

It prints a JSON summary on stdout. Exit codes: 0 done, every row loaded (with
``--test``: no row would fail); 3 done, but rows failed or were skipped (``--test``:
would), each such file named in ``not_loaded`` with why; 4 done with the files that
could be placed, others set aside (``set_aside``: each file and what it needs); 2 the
mapping needs a person's confirmation (or the input is wrong); 5 an API extraction
paused by the API's daily budget before anything was staged (``extraction`` says until
when; the server resumes it by itself); 1 anything else.

``--api PLATFORM --api-url URL --api-key KEY [--api-secret S]`` extracts from the
platform's API instead of (or beside) files: the D-Tools profile's own API by default
(``--profile dtools``). With ``--project ID --kind delta`` the second extraction asks
only for what changed since the first (``migration.api.source``).

``--test`` runs the confirmed mapping over every staged row and undoes it all
(``loader/test_run.py``): the summary says what a run would do. ``--auto-confirm``
runs that Test before loading: a column whose values would mostly fail is left out
of the mapping (said in ``left_out``) rather than confirmed silently.

The load commits chunk by chunk: a command killed halfway leaves a run that the
server's background worker (or ``--resume RUN_ID``) takes up from its last chunk.
With ``--parallel N``, N processes load the chunks of each object in parallel.
"""

import argparse
import json
import logging
import os
import sys
from pathlib import Path

import odoo.service.server
import odoo.tools
from odoo import SUPERUSER_ID, api
from odoo.addons.migration_bridge.series import config
from odoo.addons.migration_bridge.services.connectors import CONNECTORS
from odoo.cli import Command
from odoo.exceptions import UserError
from odoo.modules.registry import Registry

_logger = logging.getLogger(__name__)

# Failures a column does not cause itself: a reference to records the Test could not
# find, because their own file failed there (leaving that cause out fixes both).
FOLLOWS_FROM_OTHERS = ("orphan_reference",)
EXIT_NEEDS_CONFIRMATION = 2
EXIT_ROWS_NOT_LOADED = 3
EXIT_SET_ASIDE = 4
EXIT_EXTRACTION_PAUSED = 5
# a column whose values fail this share of its file's rows in the Test is left out
LEAVE_OUT_SHARE = 0.5


class InputError(Exception):
    """What the caller gave cannot be used (no such file, run or project)."""


class Migrate(Command):
    """Migrate a CRM export into Odoo CRM (migration_bridge), or roll a run back"""

    name = "migrate"
    helpers = ()  # the forked processes loading beside this one (--parallel)

    @classmethod
    def _arguments(cls):
        """The command's own options; Odoo's (-d, -c, --db_host...) are read by Odoo's
        configuration, which every series parses its own way."""
        parser = argparse.ArgumentParser(
            prog="%s %s" % (Path(sys.argv[0]).name, cls.name),
            description="Run migration_bridge headless. Any other option is Odoo's.",
            allow_abbrev=False,
        )
        add = parser.add_argument
        add(
            "--file",
            dest="mb_files",
            action="append",
            default=[],
            help="An export file (CSV, XLSX, JSON, XML or ZIP); repeat for several.",
        )
        add(
            "--profile",
            dest="mb_profile",
            default="generic",
            help="Source platform profile (default: generic).",
        )
        add(
            "--project",
            dest="mb_project",
            type=int,
            help="Add the files to this existing project (delta).",
        )
        add("--project-name", dest="mb_project_name", default="CLI migration")
        add(
            "--auto-confirm",
            dest="mb_auto_confirm",
            action="store_true",
            default=False,
            help="Confirm the proposed mapping without review. Without it, a project whose "
            "mapping is not confirmed stops after discovery.",
        )
        add("--kind", dest="mb_kind", default="full", choices=["full", "delta", "sample"])
        add(
            "--rollback",
            dest="mb_rollback",
            type=int,
            help="Roll back this run instead of loading.",
        )
        add(
            "--rollback-project",
            dest="mb_rollback_project",
            type=int,
            help="Roll back every run of this project, newest first.",
        )
        add(
            "--parallel",
            dest="mb_workers",
            type=int,
            default=1,
            help="Processes loading chunks in parallel (default 1).",
        )
        add(
            "--resume",
            dest="mb_resume",
            type=int,
            help="Go on with this interrupted run to its end.",
        )
        add(
            "--test",
            dest="mb_test",
            action="store_true",
            default=False,
            help="Run the confirmed mapping and undo it: what a run would do, nothing written.",
        )
        add(
            "--api",
            dest="mb_api",
            help="Extract from this platform's API (dtools, elma365, hubspot, pipedrive; "
            "default: the profile's own, where it has an API).",
        )
        add("--api-url", dest="mb_api_url", help="The API's base URL (a stand-in, staging).")
        add("--api-key", dest="mb_api_key", help="The API key or token.")
        add("--api-secret", dest="mb_api_secret", help="A second secret (D-Tools: Basic ...).")
        add("--json-out", dest="mb_json_out", help="Also write the summary here.")
        return parser

    @classmethod
    def options(cls, **values):
        """The options as the command line would give them: its defaults, and ``values``
        (what tests and scripts hand to ``_execute``)."""
        options = cls._arguments().parse_args([])
        vars(options).update(values)
        return options

    def run(self, args):
        parser = self._arguments()
        opt, odoo_args = parser.parse_known_args(args)
        if not any(arg.startswith("--http-interface") for arg in odoo_args):
            # the command serves nothing; without it 19.0 warns of its default
            odoo_args.append("--http-interface=127.0.0.1")
        odoo.tools.config.parse_config(odoo_args)
        dbname = config.db_name()
        if not dbname:
            sys.exit("migrate: give the database with -d")
        odoo.service.server.load_server_wide_modules()
        # Helpers fork before any database connection exists; they wait for the run.
        self.helpers = [Helper(dbname) for _ in range(max(opt.mb_workers, 1) - 1)]
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if "migration.project" not in env:
                sys.exit("migrate: migration_bridge is not installed in %s" % dbname)
            try:
                summary, code = self._execute(env, opt)
            except (UserError, InputError) as error:
                files = getattr(error, "files", None)
                cr.rollback()
                summary, code = {"error": str(error.args[0])}, EXIT_NEEDS_CONFIRMATION
                if files:
                    summary["files"] = files
            else:
                cr.commit()
            finally:
                for helper in self.helpers:
                    helper.start(None)  # nothing to load (a no-op once started)
        text = json.dumps(summary, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write(text + "\n")
        if opt.mb_json_out:
            Path(opt.mb_json_out).write_text(text + "\n", encoding="utf-8")
        sys.exit(code)

    @staticmethod
    def _extract(project, opt):
        """Extract from the platform's API into the project (``migration.api.source``):
        the source of this platform and URL is reused, so that a second extraction with
        ``--kind delta`` asks only for what changed since the first."""
        platforms = sorted(CONNECTORS)
        platform = opt.mb_api or (opt.mb_profile if opt.mb_profile in platforms else None)
        if platform not in platforms:
            raise InputError(
                "--api: which platform's API? one of %s" % ", ".join(platforms)
                if not platform
                else "no API connector for %r; one of %s" % (platform, ", ".join(platforms))
            )
        sources = project.sudo().api_source_ids
        source = sources.filtered(
            lambda s: s.platform == platform and (s.base_url or "") == (opt.mb_api_url or "")
        )[:1]
        vals = {"api_key": opt.mb_api_key or False, "api_secret": opt.mb_api_secret or False}
        if source:
            source.write({k: v for k, v in vals.items() if v})
        else:
            source = source.create(
                dict(vals, project_id=project.id, platform=platform, base_url=opt.mb_api_url)
            )
        delta = opt.mb_kind == "delta" and source.extraction_state == "done"
        source._extract(delta=delta)
        return {
            "platform": platform,
            "delta": delta,
            "state": source.extraction_state,
            "message": source.message,
            "calls_today": source.calls_today,
            "daily_budget": source.daily_budget,
            "resume_after": str(source.resume_after or "") or None,
        }

    def _execute(self, env, opt):
        if opt.mb_resume:
            run = env["migration.run"].browse(opt.mb_resume).exists()
            if not run:
                raise InputError("run %s does not exist" % opt.mb_resume)
            return self._load(run), 0
        if opt.mb_rollback:
            run = env["migration.run"].browse(opt.mb_rollback).exists()
            if not run:
                raise InputError("run %s does not exist" % opt.mb_rollback)
            run.action_rollback()
            return run.summary(), 0
        Project = env["migration.project"]
        if opt.mb_rollback_project:
            project = Project.browse(opt.mb_rollback_project).exists()
            if not project:
                raise InputError("project %s does not exist" % opt.mb_rollback_project)
            project.action_rollback_all()
            return {
                "project_id": project.id,
                "state": project.state,
                "runs": [run.summary() for run in project.run_ids.sorted("id")],
                "in_crm": project.live_records(),
            }, 0
        if opt.mb_project:
            project = Project.browse(opt.mb_project).exists()
            if not project:
                raise InputError("project %s does not exist" % opt.mb_project)
        else:
            project = Project.create({"name": opt.mb_project_name, "profile": opt.mb_profile})
        paths = []
        for name in opt.mb_files:
            path = Path(name)
            if not path.is_file():
                raise InputError("%s: no such file" % name)
            paths.append(path)
        if paths:
            project.add_paths(paths)
        extraction = None
        if opt.mb_api or opt.mb_api_key or opt.mb_api_url:
            extraction = self._extract(project, opt)
            if extraction["state"] in ("paused", "failed") and not project.object_ids:
                code = EXIT_EXTRACTION_PAUSED if extraction["state"] == "paused" else 1
                return {"project_id": project.id, "extraction": extraction}, code
        if not project.object_ids:
            problems = "; ".join(project.issue_ids.mapped("message")) or "no table in them"
            error = InputError("nothing to migrate was read from the files: %s" % problems)
            error.files = project.files_summary()
            raise error
        if not project.mapping_ids.filtered("model_name"):
            return {
                "project_id": project.id,
                "status": "nothing_to_load",
                "message": "No file can be loaded: each is refused or has no target; "
                "'files' says why.",
                "files": project.files_summary(),
            }, EXIT_NEEDS_CONFIRMATION
        doubtful = []
        if opt.mb_auto_confirm and not project.mapping_confirmed:
            doubtful = [
                "%s: %s -> %s (%s%%: %s)"
                % (name, column, line["target"], line["confidence"], line["reason"])
                for name, mapping in project.mapping_summary().items()
                for column, line in mapping["columns"].items()
                if line["needs_review"] and mapping["state"] != "confirmed"
            ]
            try:
                project.action_confirm_mapping()
            except UserError as error:
                error.files = project.files_summary()
                raise
            left_out = self._leave_out_failing(project)
        else:
            left_out = []
        if not project.mapping_confirmed:
            return {
                "project_id": project.id,
                "status": "needs_confirmation",
                "message": "The proposed mapping is not confirmed: review it in the UI "
                "(Migration > Projects) or pass --auto-confirm.",
                "to_confirm": project.to_confirm(),
                "set_aside": project.set_aside(),
                "files": project.files_summary(),
                "mapping": project.mapping_summary(),
                "issues": len(project.issue_ids),
            }, EXIT_NEEDS_CONFIRMATION
        if getattr(opt, "mb_test", False):  # callers of earlier versions give no mb_test
            summary = project._test_run()
        else:
            run = project._new_run(opt.mb_kind)
            run._plan()
            summary = self._load(run)
            summary["failures"] = run.failures()
        summary["files"] = project.files_summary()
        if extraction:
            summary["extraction"] = extraction
        if doubtful:
            # confirmed as proposed although a person should have looked at them
            summary["auto_confirmed_needing_review"] = doubtful
        if left_out:
            summary["left_out"] = left_out
        not_loaded = self._not_loaded(summary)
        set_aside = project.set_aside()
        if set_aside:
            summary["set_aside"] = set_aside
        if not_loaded:
            summary["not_loaded"] = not_loaded
        if set_aside:
            return summary, EXIT_SET_ASIDE
        if not_loaded:
            return summary, EXIT_ROWS_NOT_LOADED
        return summary, 0

    @staticmethod
    def _leave_out_failing(project):
        """Test the freshly confirmed mapping; leave out each column whose values would
        fail most of its file's rows, and confirm the rest again. What was left out, and
        why, is returned for the summary."""
        report = project._test_run()
        left_out = []
        for failure in report["failures"]:
            if not failure["column"] or (failure["share"] or 0) < LEAVE_OUT_SHARE:
                continue
            if failure["code"] in FOLLOWS_FROM_OTHERS:
                continue
            lines = project.mapping_line_ids.filtered(
                lambda ln, f=failure: (
                    ln.object_id.object_name == f["file"]
                    and ln.source_name == f["column"]
                    and (ln.target_name or ln.create_custom)
                )
            )
            if not lines:
                continue
            lines.write(
                {"target_field_id": False, "target_special": False, "create_custom": False}
            )
            left_out.append(
                "%s: column %s left out: %s of %s rows would fail (%s)"
                % (
                    failure["file"],
                    failure["column"],
                    failure["rows"],
                    round(failure["rows"] / failure["share"]),
                    failure["message"],
                )
            )
        if left_out:
            project.action_confirm_mapping()
        return left_out

    @staticmethod
    def _not_loaded(summary):
        """{file: why} for each file whose rows failed or were skipped."""
        out = {}
        for name, counts in summary.get("objects", {}).items():
            if counts["failed"] or counts["skipped"]:
                why = [
                    "%s rows: %s%s"
                    % (f["rows"], f["column"] + ": " if f["column"] else "", f["message"])
                    for f in summary.get("failures", ())
                    if f["file"] == name
                ]
                out[name] = {"failed": counts["failed"], "skipped": counts["skipped"], "why": why}
        return out

    def _load(self, run):
        """Load the planned run to its end, chunk by chunk, each committed; the helper
        processes load chunks beside this one."""
        run._commit()  # the plan: the helpers see it
        for helper in self.helpers:
            helper.start(run.id)
        run._work()
        for helper in self.helpers:
            helper.wait()
        run.invalidate_recordset()
        run.line_ids.invalidate_recordset()
        return run.summary()


class Helper:
    """A forked process that loads chunks of a run beside the command's own."""

    def __init__(self, dbname):
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the helper: load the registry, wait for a run id, load, exit
            os.close(write_end)
            # ready before the run is planned, so that it takes chunks from the start
            # (the registry takes seconds to load, a small run as long to load)
            ready = self._registry(dbname)
            with os.fdopen(read_end) as pipe:
                run_id = int(pipe.read() or 0)
            os._exit(self._work(dbname, run_id) if run_id and ready else 0)
        os.close(read_end)
        self.pipe = os.fdopen(write_end, "w")

    @staticmethod
    def _registry(dbname):
        try:
            Registry(dbname)
            return True
        except Exception:  # noqa: BLE001 - the command's own worker goes on
            _logger.exception("migrate: a helper process could not load %s", dbname)
            return False

    @staticmethod
    def _work(dbname, run_id):
        try:
            with Registry(dbname).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["migration.run"].browse(run_id)._work()
                cr.commit()
            return 0
        except Exception:  # noqa: BLE001 - the command's own worker goes on
            _logger.exception("migrate: a helper process failed on run %s", run_id)
            return 1

    def start(self, run_id):
        if not self.pipe.closed:
            try:
                self.pipe.write(str(run_id or 0))
                self.pipe.close()
            except BrokenPipeError:  # the helper is gone: the command's worker goes on
                pass

    def wait(self):
        if self.pid:
            os.waitpid(self.pid, 0)
            self.pid = None
