"""Speed and memory of a migration_bridge full run, against Odoo's own import.

Both import the same generated contacts file (name, email, phone, city, a company
name) into res.partner on the same database, in one process, one after the
other; every write is rolled back at the end. The result is a ratio, not a time:

    python3 bench/bench_import.py -d DB [--rows 5000] [--addons-path PATH]

prints, for each tool, seconds and peak Python memory (tracemalloc), then
``time ratio`` and ``memory ratio`` (migration_bridge / base_import). The database
needs migration_bridge installed (base_import comes with web).
"""

import argparse
import csv
import io
import json
import random
import time
import tracemalloc

import odoo
from odoo import SUPERUSER_ID, api

HEADERS = ["Contact ID", "First Name", "Last Name", "Email", "Phone", "City"]
FIRST = ["Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
LAST = ["Keller", "Martin", "Diaz", "Volkov", "Rossi", "Novak", "Schmidt", "Dupont", "Silva"]
CITIES = ["Berlin", "Lyon", "Madrid", "Bristol", "Utrecht", "Gent", "Porto", "Basel"]


def generate(rows, seed=7):
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    for index in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        writer.writerow(
            [
                "B%06d" % index,
                first,
                last,
                "%s.%s.%d@bench.example" % (first.lower(), last.lower(), index),
                "+49 30 %07d" % rng.randrange(10**7),
                rng.choice(CITIES),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def measure(function):
    tracemalloc.start()
    started = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak


def odoo_import(env, data):
    wizard = env["base_import.import"].create(
        {
            "res_model": "res.partner",
            "file": data,
            "file_name": "bench.csv",
            "file_type": "text/csv",
        }
    )
    options = {"has_headers": True, "separator": ",", "quoting": '"', "encoding": "utf-8"}
    # Odoo's import has no first/last name: it gets the joined name, as a user would prepare it.
    fields = ["ref", "name", False, "email", "phone", "city"]
    result = wizard.execute_import(fields, HEADERS, options)
    errors = [m for m in result.get("messages", []) if m.get("type") == "error"]
    if errors:
        raise SystemExit("base_import failed: %s" % errors[:3])
    return len(result.get("ids") or [])


def odoo_import_data(data):
    """The same rows with the name joined, which base_import needs."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    for row in rows[1:]:
        writer.writerow([row[0], "%s %s" % (row[1], row[2]), "", row[3], row[4], row[5]])
    return out.getvalue().encode("utf-8")


def bridge_run(env, data):
    project = env["migration.project"].create({"name": "bench"})
    project.add_files([("contacts.csv", data)])
    project.action_confirm_mapping()
    run = project._start_run("full")
    return run.summary()["objects"]["contacts"]["created"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--addons-path")
    parser.add_argument("--db_host", default="127.0.0.1")
    parser.add_argument("--db_user", default="root")
    args = parser.parse_args()
    options = ["-d", args.database, "--db_host", args.db_host, "--db_user", args.db_user]
    if args.addons_path:
        options.append("--addons-path=%s" % args.addons_path)
    odoo.tools.config.parse_config(options)
    data = generate(args.rows)
    registry = odoo.registry(args.database)
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        count, seconds, peak = measure(lambda: odoo_import(env, odoo_import_data(data)))
        results["base_import"] = {"records": count, "seconds": seconds, "peak_bytes": peak}
        cr.rollback()
        count, seconds, peak = measure(lambda: bridge_run(env, data))
        results["migration_bridge"] = {"records": count, "seconds": seconds, "peak_bytes": peak}
        cr.rollback()
    base, bridge = results["base_import"], results["migration_bridge"]
    results["rows"] = args.rows
    results["time_ratio"] = round(bridge["seconds"] / base["seconds"], 2)
    results["memory_ratio"] = round(bridge["peak_bytes"] / base["peak_bytes"], 2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
