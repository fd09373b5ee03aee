"""Several workers give the same end state as one, in real processes.

    python3 scripts/check_parallel.py -d TEMPLATE_DB [--rows 300] [--chunk 50]

On three copies of TEMPLATE_DB (a database with migration_bridge installed), the same
generated export (bench's, N companies, contacts and deals with their notes, emails
and tasks, and 600 open tasks of three users on four deals, so that workers subscribe
the same users to the same deals at once) is migrated in chunks of --chunk rows:

  one       ``odoo-bin migrate --parallel 1``
  parallel  ``odoo-bin migrate --parallel 2`` (two processes share each object's chunks)
  queue     a run queued as the UI queues it, loaded by OCA queue_job's job runner on an
            Odoo server with two workers (``migration_bridge_queue`` installed); skipped
            with a note when queue_job is not installed

and each end state is compared with the first: every object's counts, and the
``x_source_id`` of every record written per model. With two processes, each must have
loaded chunks, and neither may log an ERROR (a worker that gave up on its steps logs
"loading X failed"). Exits 1 on a difference. The copies are dropped at the end.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_migration as bench  # noqa: E402

MODELS = ("res.partner", "crm.lead", "mail.message", "mail.activity", "crm.stage", "crm.tag")
ENV = os.environ


def odoo_cmd(args, addons):
    db = [
        "--db_host=%s" % ENV.get("PGHOST", "127.0.0.1"),
        "--db_port=%s" % ENV.get("PGPORT", "5432"),
        "--db_user=%s" % ENV.get("PGUSER", "root"),
    ]
    return bench._odoo_bin() + ["--addons-path=%s" % addons] + args + db


def psql(db, sql):
    out = subprocess.run(
        [
            "psql",
            "-h",
            ENV.get("PGHOST", "127.0.0.1"),
            "-U",
            ENV.get("PGUSER", "root"),
            "-d",
            db,
            "-tAc",
            sql,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def copy_db(template, name, chunk):
    subprocess.run(["dropdb", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-T", template, name], check=True)
    psql(
        name,
        "INSERT INTO ir_config_parameter (key, value) VALUES ('migration_bridge.chunk_size', "
        "'%s') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value" % chunk,
    )


def end_state(db, run_id):
    counts = json.loads(
        psql(
            db,
            "SELECT json_object_agg(object_name, json_build_array(source_rows, created, "
            "updated, unchanged, skipped, failed)) FROM migration_run_line WHERE run_id = %s"
            % run_id,
        )
    )
    keys = {}
    for model in MODELS:
        table = model.replace(".", "_")
        keys[model] = psql(
            db,
            "SELECT coalesce(md5(string_agg(x_source_id, ',' ORDER BY x_source_id)), '-') "
            "|| ':' || count(*) "
            "FROM %s WHERE x_source_id IS NOT NULL" % table,
        )
    return {"counts": counts, "keys": keys}


def migrate(db, files, addons, parallel):
    args = ["migrate", "-d", db, "--log-level=warn", "--auto-confirm", "--parallel", str(parallel)]
    for path in files:
        args += ["--file", str(path)]
    started = time.monotonic()
    out = subprocess.run(odoo_cmd(args, addons), capture_output=True, text=True)
    if out.returncode not in (0, 3):  # 3: rows not loaded, compared below
        raise SystemExit("migrate --parallel %s failed:\n%s" % (parallel, out.stderr[-3000:]))
    summary = json.loads(out.stdout)
    errors = [line for line in out.stderr.splitlines() if " ERROR " in line]
    return summary["run_id"], time.monotonic() - started, errors


SHELL_QUEUE = """
from pathlib import Path
files = [(Path(p).name, Path(p).read_bytes()) for p in %r]
project = env["migration.project"].create({"name": "queued", "profile": "generic"})
project.add_files(files)
project.action_confirm_mapping()
run = project._start_run("full", background=True)
env.cr.commit()
print("RUN", run.id)
"""


def queue_run(db, files, addons, port, log):
    """Queue the run as the UI does; an Odoo server with two workers and queue_job's
    runner loads it. ``log``: an open file for the server's log."""
    out = subprocess.run(
        odoo_cmd(
            ["-i", "migration_bridge_queue", "-d", db, "--stop-after-init", "--log-level=warn"],
            addons,
        ),
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit("installing migration_bridge_queue failed:\n%s" % out.stderr[-3000:])
    env = dict(ENV, ODOO_QUEUE_JOB_CHANNELS="root:2,root.migration:2")
    server = subprocess.Popen(
        odoo_cmd(
            [
                "-d",
                db,
                "--db-filter=^%s$" % db,
                "--workers=2",
                "--max-cron-threads=0",
                "--http-port=%s" % port,
                "--load=base,web,queue_job",
                "--log-level=warn",
                "--limit-time-real=600",
            ],
            addons,
        ),
        env=env,
        stdout=subprocess.DEVNULL,
        # a file, not a pipe nobody reads: a full pipe would block the server's logging
        stderr=log,
        start_new_session=True,  # its workers and job runner stop with it (stop())
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen("http://127.0.0.1:%s/web/login" % port, timeout=2)
                break
            except OSError:
                time.sleep(1)
        started = time.monotonic()
        shell = subprocess.run(
            odoo_cmd(["shell", "-d", db, "--no-http", "--log-level=warn"], addons),
            input=SHELL_QUEUE % [str(p) for p in files],
            capture_output=True,
            text=True,
        )
        run_id = int(shell.stdout.split("RUN", 1)[1].split()[0])
        for _ in range(900):
            state = psql(db, "SELECT state FROM migration_run WHERE id = %s" % run_id)
            if state not in ("queued", "running"):
                break
            time.sleep(1)
        workers = psql(
            db, "SELECT count(DISTINCT worker) FROM migration_run_chunk WHERE run_id = %s" % run_id
        )
        return run_id, time.monotonic() - started, state, int(workers)
    finally:
        stop(server)


def stop(server):
    """Stop the server and its workers and job runner (its own process group): politely,
    then, past 30 s (a prefork server waits for its workers' requests), for good."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    except ProcessLookupError:
        pass


def open_tasks(headers, rows, count=600):
    """Open tasks of a few users on a few deals, spread over many chunks: each worker
    subscribes the same users to the same deals (a follower two workers insert at once
    must not fail rows)."""
    source = [dict(zip(headers, row, strict=True)) for row in rows]
    deals = sorted({r["Associated Deal IDs"] for r in source if r["Associated Deal IDs"]})[:4]
    users = sorted({r["Activity assigned to"] for r in source if r["Activity assigned to"]})[:3]
    out = []
    for index in range(count):
        row = dict(source[index % len(source)])
        row.update(
            {
                "Activity ID": "OPEN%05d" % index,
                "Task status": "NOT_STARTED",
                "Associated Deal IDs": deals[index % len(deals)],
                "Activity assigned to": users[index % len(users)],
            }
        )
        out.append([row[h] for h in headers])
    return headers, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-d", "--database", required=True, help="template with migration_bridge")
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--chunk", type=int, default=50)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--port", type=int, default=18790)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mb_parallel_"))
    export, _names = bench.generate(args.rows)
    export["open_tasks.csv"] = open_tasks(*export["tasks.csv"])
    files = []
    for name, (headers, rows) in export.items():
        bench.write_csv(work / name, headers, rows)
        files.append(work / name)
    states, failures = {}, []
    dbs = {mode: "%s_%s" % (args.database, mode) for mode in ("one", "parallel", "queue")}
    try:
        for mode, workers in (("one", 1), ("parallel", 2)):
            copy_db(args.database, dbs[mode], args.chunk)
            run_id, seconds, errors = migrate(dbs[mode], files, args.addons_path, workers)
            states[mode] = end_state(dbs[mode], run_id)
            used = psql(
                dbs[mode],
                "SELECT count(DISTINCT worker) FROM migration_run_chunk WHERE run_id = %s"
                % run_id,
            )
            print(
                "%-8s %s process(es), %s of them loaded chunks, %.1f s"
                % (mode, workers, used, seconds)
            )
            if mode == "parallel" and int(used) < 2:
                failures.append("parallel: only one process loaded chunks")
            if errors:
                failures.append(
                    "%s: %s ERROR(s) logged, the first: %s" % (mode, len(errors), errors[0])
                )
        try:
            import odoo.addons.queue_job  # noqa: F401 pylint: disable=unused-import
        except ImportError:
            print(
                "queue    skipped: queue_job is not installed (pip install odoo-addon-queue_job)"
            )
        else:
            copy_db(args.database, dbs["queue"], args.chunk)
            with open(work / "queue-server.log", "w") as log:
                run_id, seconds, state, used = queue_run(
                    dbs["queue"], files, args.addons_path, args.port, log
                )
            print(
                "queue    2 job workers, %s processes loaded chunks, run %s, %.1f s"
                % (used, state, seconds)
            )
            if state != "done":
                failures.append("queue: the run ended %s" % state)
            states["queue"] = end_state(dbs["queue"], run_id)
        for mode, state in states.items():
            if state != states["one"]:
                failures.append(
                    "%s: end state differs from one process: %s vs %s"
                    % (mode, state, states["one"])
                )
    finally:
        for db in dbs.values():
            subprocess.run(["dropdb", "--if-exists", db], check=False)
    rows = sum(c[0] for c in states["one"]["counts"].values())
    if failures:
        print("FAIL\n" + "\n".join(failures))
        return 1
    print(
        "same end state in every mode: %s rows, %s"
        % (
            rows,
            ", ".join("%s %s" % (m, k.split(":")[1]) for m, k in states["one"]["keys"].items()),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
