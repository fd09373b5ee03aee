"""Screenshots of what a person sees, taken by headless Chromium on a served demo database.

    scripts/screenshots.py -d migration_demo [--out docs/screenshots] [--port 8069]

It starts Odoo on the demo database (scripts/demo.sh makes it; ODOO_SERIES picks the
series, 19.0 by default), logs in as admin, and saves PNGs of: the projects list, a
project's form, its audit and one audit issue, the dialog of its Test, a migrated deal
with its chatter, the upload dialog with two files chosen, a run and its log, a
project's API sources. Needs Debian's
``chromium`` and the ``websocket-client`` package (requirements-test.txt). It talks to
the server and the browser on 127.0.0.1 only, and stops both at the end.
"""

import argparse
import base64
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent


class Browser:
    """Chromium driven over the DevTools protocol (one page)."""

    def __init__(self, port):
        self.profile = tempfile.mkdtemp(prefix="mb_chromium_")
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1440,900",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=%d" % port,
                "--user-data-dir=%s" % self.profile,
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                pages = requests.get("http://127.0.0.1:%d/json" % port, timeout=1).json()
                page = next(p for p in pages if p["type"] == "page")
                break
            except (requests.RequestException, StopIteration, ValueError):
                time.sleep(0.2)
        else:
            raise SystemExit("chromium did not start")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, selector, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.js("!!document.querySelector(%s)" % json.dumps(selector)):
                time.sleep(0.8)  # let the page settle (fonts, counters)
                return True
            time.sleep(0.3)
        self.shot(Path(tempfile.gettempdir()) / "mb_screenshot_failed.png")
        raise RuntimeError("nothing matches %s on %s" % (selector, self.js("location.href")))

    def go(self, url, selector):
        self.call("Page.navigate", url=url)
        self.wait_for(selector)

    def shot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))
        print("saved", path)

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", default="migration_demo")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--port", type=int, default=8069)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    base = "http://127.0.0.1:%d" % args.port
    server = subprocess.Popen(
        shlex.split(os.environ["ODOO_BIN"])
        + [
            "--addons-path=%s,%s" % (os.environ["ODOO_ADDONS_PATH"], ROOT),
            "-d",
            args.database,
            "--http-interface=127.0.0.1",
            "--http-port=%d" % args.port,
            "--db-filter=^%s$" % args.database,
            "--log-level=warn",
            "--db_host=%s" % os.environ.get("PGHOST", "127.0.0.1"),
            "--db_port=%s" % os.environ.get("PGPORT", "5432"),
            "--db_user=%s" % os.environ.get("PGUSER", "root"),
        ],
    )
    browser = None
    try:
        session = requests.Session()
        for _ in range(120):
            try:
                answer = session.post(
                    base + "/web/session/authenticate",
                    json={"params": {"db": args.database, "login": "admin", "password": "admin"}},
                    timeout=5,
                ).json()
                if answer.get("result"):
                    break
            except requests.RequestException:
                pass
            time.sleep(1)
        else:
            raise SystemExit("could not log in on %s" % base)
        browser = Browser(args.port + 1000)
        browser.call("Page.enable")
        browser.call("Network.enable")
        browser.call(
            "Network.setCookie",
            name="session_id",
            value=session.cookies["session_id"],
            domain="127.0.0.1",
            path="/",
        )
        action = "/odoo/action-migration_bridge.migration_project_action"
        browser.go(base + action, ".o_list_view .o_data_row")
        browser.shot(out / "projects.png")
        browser.go(base + action + "/3", "button[name='action_test_run']")
        browser.shot(out / "project.png")
        # the OctopusPro project's audit: one line per cause, and one cause with its rows
        browser.go(base + action + "/5", "button[name='action_open_audit']")
        browser.js("document.querySelector(\"button[name='action_open_audit']\").click()")
        browser.wait_for(".o_list_view .o_group_header")
        browser.js(
            "document.querySelectorAll('.o_list_view .o_group_header').forEach(h => h.click())"
        )
        browser.wait_for(".o_list_view .o_data_row")
        browser.shot(out / "audit.png")
        browser.js("document.querySelector('.o_list_view .o_data_row td.o_data_cell').click()")
        browser.wait_for(".o_form_view .o_field_widget[name='row_list']")
        browser.shot(out / "audit-issue.png")
        browser.go(base + action + "/3", "button[name='action_test_run']")
        browser.js("document.querySelector(\"button[name='action_test_run']\").click()")
        browser.wait_for(".modal .o_field_html table", seconds=120)
        browser.shot(out / "test-run.png")
        # the project's first run: its reconciliation, and its log as a timeline
        browser.go(base + "/odoo/action-migration_bridge.migration_run_action/1", ".o_form_view")
        browser.shot(out / "run.png")
        browser.js("document.querySelector(\"a[name='log']\").click()")
        browser.wait_for(".o_migration_timeline")
        browser.shot(out / "run-log.png")
        # a migrated deal with migrated messages (its emails and notes at their dates)
        messages = session.post(
            base + "/web/dataset/call_kw",
            json={
                "params": {
                    "model": "mail.message",
                    "method": "search_read",
                    "args": [[["model", "=", "crm.lead"], ["x_source_id", "!=", False]]],
                    "kwargs": {"fields": ["res_id"], "limit": 1, "order": "id"},
                }
            },
            timeout=30,
        ).json()["result"]
        deal = [messages[0]["res_id"]]
        browser.go(base + "/odoo/crm/%s" % deal[0], ".o-mail-Message")
        browser.shot(out / "deal-chatter.png")
        # the D-Tools project's API sources (one entered, not extracted yet)
        projects = session.post(
            base + "/web/dataset/call_kw",
            json={
                "params": {
                    "model": "migration.project",
                    "method": "search_read",
                    "args": [[["profile", "=", "dtools"]]],
                    "kwargs": {"fields": ["api_source_ids"], "limit": 1},
                }
            },
            timeout=30,
        ).json()["result"]
        if projects:
            if not projects[0]["api_source_ids"]:
                session.post(
                    base + "/web/dataset/call_kw",
                    json={
                        "params": {
                            "model": "migration.api.source",
                            "method": "create",
                            "args": [
                                {
                                    "project_id": projects[0]["id"],
                                    "platform": "dtools",
                                    "name": "Bluewire AV",
                                    "api_key": "not-a-real-key",
                                    "api_secret": "Basic not-a-real-value",
                                }
                            ],
                            "kwargs": {},
                        }
                    },
                    timeout=30,
                )
            browser.go(base + action + "/%s" % projects[0]["id"], "a[name='api_sources']")
            browser.js("document.querySelector(\"a[name='api_sources']\").click()")
            time.sleep(1)
            browser.shot(out / "api-sources.png")
        # the upload dialog with the files of an export chosen, their names readable
        files = []
        for name in ("companies_export_2025-03-01.csv", "contacts_export_2025-03-01.csv"):
            files.append(
                session.post(
                    base + "/web/dataset/call_kw",
                    json={
                        "params": {
                            "model": "ir.attachment",
                            "method": "create",
                            "args": [
                                {
                                    "name": name,
                                    "datas": base64.b64encode(b"ID,Name\n1,Acme\n").decode(),
                                    "res_model": "migration.import.wizard",
                                    "res_id": 0,
                                }
                            ],
                            "kwargs": {},
                        }
                    },
                    timeout=30,
                ).json()["result"]
            )
        browser.go(base + action, ".o_list_view .o_data_row")
        browser.js(
            "odoo.__WOWL_DEBUG__.root.env.services.action.doAction("
            "'migration_bridge.migration_import_wizard_action', {additionalContext: "
            "{default_attachment_ids: %s}})" % json.dumps(files)
        )
        browser.wait_for(".modal .o_field_many2many_binary")
        time.sleep(1)
        browser.shot(out / "upload.png")
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
