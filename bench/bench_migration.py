"""Rows per second of migration_bridge against Odoo's own import and a plain ORM script.

One run generates a realistic CRM export (N companies, N contacts, N deals, and the
deals' notes, emails and tasks; seeded, so the same N gives the same files) and
measures, each phase in a fresh Python process on a fresh copy of the template
database (``createdb -T``), so that every phase starts from the same state and the
peak RSS of each is comparable:

(a) ``import``       Odoo's import (``base_import``) as its web client runs it: a
                     ``base_import.import`` record with the file, ``parse_preview``, then
                     ``execute_import`` in the client's batches (``limit`` 2000), each
                     in its own transaction, with the client's context; companies, then
                     contacts (company by name), then opportunities (customer, stage,
                     team by name). The files are the export as a user prepares it for
                     that dialog (a name column joined, company names looked up); the
                     preparation is not timed. Odoo's import has no place for notes,
                     emails or tasks, so it gets the three core files only.
(b) ``orm``          a plain script: the ORM's batched ``create`` with tracking off
                     (``tracking_disable``, ``mail_create_nolog``,
                     ``mail_create_nosubscribe``), every file, engagements as
                     ``mail.message`` / ``mail.activity`` records.
(c) ``bridge_core``  migration_bridge end to end (stage, discover, map, confirm, load,
                     link) through the headless API, on the core files, and
    ``bridge``       the same on every file, then, in new processes on that database,
    ``delta``        ``_start_run("delta")`` over the unchanged data, and
    ``rollback``     ``run.action_rollback()`` of the full run.
    ``streaming``    (``--streaming-rows M``) only ``project.add_files`` of a CSV of M
                     contacts: its peak RSS.

It prints a table and the ratios ((c)/(a) on the same core rows, (c)/(b) on every
row, delta %, rollback rate, peak RSS), and with ``--json-out`` writes them as JSON.

    python3 bench/bench_migration.py --setup -d mb_bench           # the template, once
    python3 bench/bench_migration.py -d mb_bench --rows 2000 --json-out bench.json
    python3 bench/bench_migration.py -d mb_bench --smoke           # N=50, for CI

Timings are not asserted anywhere: ``--smoke`` exits 0 when every phase ran.
"""

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20251124
TEMPLATE_MODULES = "crm,sale_management,account,project,migration_bridge"
DB_PREFIX = "mb_bench"
UI_BATCH = 2000  # the web client's default "limit" of execute_import
PARALLEL_PHASES = ("bridge_core_parallel", "bridge_parallel")

OWNERS = [
    ("alice.martin@example.com", "Alice Martin"),
    ("bob.keller@example.com", "Bob Keller"),
    ("carla.diaz@example.com", "Carla Diaz"),
    ("dmitri.volkov@example.com", "Dmitri Volkov"),
]

# ----------------------------------------------------------------------
# The export
# ----------------------------------------------------------------------
COMPANY_HEADERS = [
    "Company ID",
    "Company Name",
    "Parent Company ID",
    "Website",
    "Phone",
    "Email",
    "Street",
    "City",
    "Zip",
    "Country",
    "Industry",
    "Tags",
    "Owner",
    "Created At",
]
CONTACT_HEADERS = [
    "Contact ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone",
    "Mobile",
    "Job Title",
    "Company ID",
    "Owner",
    "Created At",
]
DEAL_HEADERS = [
    "Deal ID",
    "Deal Name",
    "Company ID",
    "Contact ID",
    "Amount",
    "Stage",
    "Pipeline",
    "Owner",
    "Close Date",
    "Probability",
    "Created At",
]
# HubSpot's engagement exports (see migration_bridge/tests/fixtures/engagements/hubspot).
NOTE_HEADERS = [
    "Activity ID",
    "Activity date",
    "Note body",
    "Activity assigned to",
    "Associated Deal IDs",
    "Create date",
]
EMAIL_HEADERS = [
    "Activity ID",
    "Activity date",
    "Email subject",
    "Email body",
    "Email from address",
    "Email to address",
    "Email direction",
    "Associated Contact IDs",
    "Associated Deal IDs",
    "Create date",
]
TASK_HEADERS = [
    "Activity ID",
    "Task title",
    "Task notes",
    "Due date",
    "Task status",
    "Task type",
    "Activity assigned to",
    "Associated Deal IDs",
    "Create date",
]
FILES = {
    "companies.csv": COMPANY_HEADERS,
    "contacts.csv": CONTACT_HEADERS,
    "deals.csv": DEAL_HEADERS,
    "notes.csv": NOTE_HEADERS,
    "emails.csv": EMAIL_HEADERS,
    "tasks.csv": TASK_HEADERS,
}
CORE_FILES = ("companies.csv", "contacts.csv", "deals.csv")

NAME_A = (
    "North Star Blue Red Green Silver Golden Iron Oak Pine Cedar River Lake Harbor Summit "
    "Alpine Coastal Urban Bright Clear Swift Prime Nova Polar Solar Lunar Delta Vector "
    "Orbit Falcon Eagle Lion Wolf Bear Fox Maple Birch Willow Granite Amber Crystal Echo "
    "Zenith Apex Vertex Quantum Atlas Titan Horizon"
).split()
NAME_B = (
    "Fleet Data Cloud Grid Health Food Agri Bio Metal Wood Stone Glass Paper Print Media "
    "Travel Home Auto Marine Air Rail Road Power Water Solar Wind Energy Retail Fashion "
    "Sport Pharma Med Dental Vision Audio Micro Nano Tech Soft"
).split()
NAME_C = (
    "Logistics Systems Solutions Works Industries Partners Group Labs Services Trading "
    "Consulting Networks Dynamics Holdings Ventures Analytics Robotics Design Supply "
    "Engineering Foods Textiles Motors Finance Capital Studio Digital Security Care Ware"
).split()
LEGAL = {
    "United Kingdom": ["Ltd", "plc", "LLP"],
    "Germany": ["GmbH", "AG", "KG"],
    "France": ["SARL", "SAS", "SA"],
    "Spain": ["S.L.", "S.A."],
    "Netherlands": ["B.V.", "N.V."],
    "Belgium": ["BV", "NV", "SRL"],
    "Italy": ["S.r.l.", "S.p.A."],
}
PLACES = [
    ("United Kingdom", "+44 20 7946 %04d", ["London", "Bristol", "Leeds", "Glasgow"], "%02d 4DJ"),
    ("Germany", "+49 30 %07d", ["Berlin", "Hamburg", "München", "Köln"], "1%04d"),
    ("France", "+33 1 %02d %02d %02d %02d", ["Paris", "Lyon", "Lille", "Nantes"], "7%04d"),
    ("Spain", "+34 91 %03d %04d", ["Madrid", "Barcelona", "Valencia", "Sevilla"], "28%03d"),
    ("Netherlands", "+31 20 %03d %04d", ["Amsterdam", "Utrecht", "Rotterdam"], "10%02d AB"),
    ("Belgium", "+32 2 %03d %02d %02d", ["Brussels", "Gent", "Antwerpen"], "1%03d"),
    ("Italy", "+39 02 %04d %04d", ["Milano", "Torino", "Roma", "Bologna"], "20%03d"),
]
STREETS = ["Station Road", "High Street", "Hauptstraße", "rue du Commerce", "Calle Mayor",
           "Kerkstraat", "Via Roma", "Market Square", "Industrieweg", "Avenue Louise"]  # fmt: skip
INDUSTRIES = ["Retail", "Manufacturing", "Logistics", "Healthcare", "Software", "Finance",
              "Construction", "Energy", "Education", "Hospitality"]  # fmt: skip
TAGS = ["VIP", "Key Account", "Reseller", "Partner", "Prospect", "Newsletter"]
FIRST = ("Anna Ben Chloe David Elena Farid Greta Hugo Ines Jonas Karim Lea Marco Nora Omar "
         "Paula Quentin Rosa Samuel Tara Umar Vera Willem Xenia Yann Zoe Lucía Jürgen Émile "
         "Søren").split()  # fmt: skip
LAST = ("Keller Martin Diaz Volkov Rossi Novak Schmidt Dupont Silva Jansen Peeters Moreau "
        "Fischer Bianchi García López Meyer Wagner Bernard Thomas Petit Durand Leroy Müller "
        "Schäfer Fernández de Vries Bakker Visser Smit").split()  # fmt: skip
TITLES = ["CEO", "CFO", "Head of Sales", "Purchasing Manager", "IT Director", "Office Manager",
          "Operations Lead", "Project Manager", "Buyer", ""]  # fmt: skip
PRODUCTS = ["Fleet tracker rollout", "Payroll outsourcing", "Security audit", "Data platform",
            "Support renewal", "Cloud migration", "Training package", "Hardware refresh",
            "Analytics licence", "Consulting retainer"]  # fmt: skip
STAGES = [  # (stage, probability, weight)
    ("Qualification", 20, 20),
    ("Meeting Scheduled", 40, 17),
    ("Proposal Sent", 60, 17),
    ("Negotiation", 80, 14),
    ("Closed Won", 100, 17),
    ("Closed Lost", 0, 15),
]
PIPELINES = [("Direct Sales", 7), ("Partner Channel", 3)]
NOTE_TEXTS = [
    "Call went well, <strong>budget</strong> confirmed for next quarter.",
    "Sent the revised pricing; waiting for legal.",
    "Decision maker is the CFO, not the IT director.",
    "They compare us with two competitors &amp; want references.",
    "Asked for a demo of the reporting module.",
    "Procurement needs the security questionnaire first.",
]
EMAIL_SUBJECTS = ["Next steps", "Proposal", "RE: Pricing", "Meeting follow-up",
                  "Contract draft", "Questions about the rollout"]  # fmt: skip
TASK_TITLES = ["Send proposal", "Follow up call", "Prepare demo", "Check references",
               "Send contract", "Book onsite visit"]  # fmt: skip
TASK_TYPES = ["TODO", "CALL", "EMAIL"]


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _when(rng, start, end):
    """A minute between two dates, as an export writes it."""
    span = int((end - start).total_seconds() // 60)
    return start + dt.timedelta(minutes=rng.randrange(max(span, 1)))


def _stamp(moment):
    return moment.strftime("%Y-%m-%d %H:%M")


def _email(first, last, domain, index):
    name = "%s.%s" % (first, last)
    name = name.lower().translate(str.maketrans("áéíóúüöäçñøèë ", "aeiouuoacnoee-"))
    return "%s%d@%s" % (name, index, domain)


def generate(rows, seed=SEED):
    """The export: {file name: (headers, rows as lists)} and, for base_import, company
    names by id. Deterministic for a given ``rows`` and ``seed``."""
    rng = random.Random(seed)
    owners = [login for login, _name in OWNERS]
    start, end = dt.datetime(2018, 1, 1), dt.datetime(2025, 10, 31)
    companies, names, domains, used = [], {}, {}, set()
    for index in range(rows):
        base = "%s %s %s" % (rng.choice(NAME_A), rng.choice(NAME_B), rng.choice(NAME_C))
        while base in used:
            base = "%s %s %s %s" % (
                rng.choice(NAME_A),
                rng.choice(NAME_B),
                rng.choice(NAME_C),
                len(used),
            )
        used.add(base)
        company_id = "C%06d" % (100001 + index)
        country, phone, cities, zip_format = rng.choice(PLACES)
        name = "%s %s" % (base, rng.choice(LEGAL[country]))
        domain = "%s.example" % _slug(base)
        names[company_id], domains[company_id] = name, domain
        # About one company in ten is a subsidiary of one listed before it.
        parent = (
            companies[rng.randrange(len(companies))][0] if companies and rng.random() < 0.1 else ""
        )
        digits = phone.count("%")
        companies.append(
            [
                company_id,
                name,
                parent,
                "https://www.%s" % domain if rng.random() < 0.9 else "",
                phone % tuple(rng.randrange(100) for _ in range(digits))
                if rng.random() < 0.85
                else "",
                "info@%s" % domain,
                "%d %s" % (rng.randrange(1, 200), rng.choice(STREETS))
                if rng.random() < 0.9
                else "",
                rng.choice(cities),
                zip_format % rng.randrange(100),
                country,
                rng.choice(INDUSTRIES) if rng.random() < 0.8 else "",
                ", ".join(rng.sample(TAGS, rng.choice((0, 0, 0, 1, 1, 2)))),
                rng.choice(owners) if rng.random() < 0.95 else "",
                _stamp(_when(rng, start, dt.datetime(2023, 12, 31))),
            ]
        )
    contacts, by_company = [], defaultdict(list)
    for index in range(rows):
        contact_id = "P%06d" % (200001 + index)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company_id = companies[rng.randrange(rows)][0] if rng.random() < 0.9 else ""
        domain = domains.get(company_id, "mail.example")
        if company_id:
            by_company[company_id].append(contact_id)
        contacts.append(
            [
                contact_id,
                first,
                last,
                _email(first, last, domain, index) if rng.random() < 0.95 else "",
                "+44 20 7946 %04d" % rng.randrange(10000) if rng.random() < 0.5 else "",
                "+49 155 %07d" % rng.randrange(10**7) if rng.random() < 0.6 else "",
                rng.choice(TITLES),
                company_id,
                rng.choice(owners) if rng.random() < 0.95 else "",
                _stamp(_when(rng, start, dt.datetime(2024, 6, 30))),
            ]
        )
    email_of = {row[0]: row[3] for row in contacts}
    deals, notes, emails, tasks = [], [], [], []
    activity = 10**10
    stage_names = [s for s, _p, _w in STAGES]
    stage_weights = [w for _s, _p, w in STAGES]
    probability = {s: p for s, p, _w in STAGES}
    for index in range(rows):
        deal_id = "D%06d" % (300001 + index)
        company = companies[rng.randrange(rows)]
        people = by_company.get(company[0]) or []
        contact_id = rng.choice(people) if people and rng.random() < 0.7 else ""
        stage = rng.choices(stage_names, stage_weights)[0]
        created = _when(rng, dt.datetime(2022, 1, 1), dt.datetime(2025, 6, 30))
        owner = rng.choice(owners) if rng.random() < 0.97 else ""
        deals.append(
            [
                deal_id,
                "%s - %s" % (company[1].split(" ")[0], rng.choice(PRODUCTS)),
                company[0],
                contact_id,
                "%d.%02d" % (rng.randrange(2000, 250000), rng.choice((0, 0, 50, 99))),
                stage,
                rng.choices([p for p, _w in PIPELINES], [w for _p, w in PIPELINES])[0],
                owner,
                (created + dt.timedelta(days=rng.randrange(20, 300))).strftime("%Y-%m-%d"),
                str(probability[stage]),
                _stamp(created),
            ]
        )
        author = owner or rng.choice(owners)
        for _note in range(rng.randint(1, 3)):
            activity += rng.randrange(1, 9973)
            moment = _stamp(_when(rng, created, end))
            notes.append(
                [
                    str(activity),
                    moment,
                    "<p>%s</p><p>%s</p>" % (rng.choice(NOTE_TEXTS), rng.choice(NOTE_TEXTS)),
                    author,
                    deal_id,
                    moment,
                ]
            )
        for _mail in range(rng.randint(0, 3)):
            activity += rng.randrange(1, 9973)
            moment = _stamp(_when(rng, created, end))
            other = email_of.get(contact_id) or "info@%s" % domains[company[0]]
            incoming = rng.random() < 0.4
            emails.append(
                [
                    str(activity),
                    moment,
                    rng.choice(EMAIL_SUBJECTS),
                    "Hello,\nplease find the details below.\n%s\nBest regards"
                    % rng.choice(NOTE_TEXTS).replace("<strong>", "").replace("</strong>", ""),
                    other if incoming else author,
                    author if incoming else other,
                    "INCOMING_EMAIL" if incoming else "EMAIL",
                    contact_id,
                    deal_id,
                    moment,
                ]
            )
        for _task in range(rng.randint(0, 2)):
            activity += rng.randrange(1, 9973)
            due = _when(rng, created, dt.datetime(2026, 3, 31))
            done = due < dt.datetime(2025, 10, 1) or rng.random() < 0.3
            tasks.append(
                [
                    str(activity),
                    rng.choice(TASK_TITLES),
                    "<p>%s</p>" % rng.choice(NOTE_TEXTS) if rng.random() < 0.5 else "",
                    _stamp(due),
                    "COMPLETED" if done else "NOT_STARTED",
                    rng.choice(TASK_TYPES),
                    author,
                    deal_id,
                    _stamp(_when(rng, created, due)) if due > created else _stamp(created),
                ]
            )
    tables = {
        "companies.csv": companies,
        "contacts.csv": contacts,
        "deals.csv": deals,
        "notes.csv": notes,
        "emails.csv": emails,
        "tasks.csv": tasks,
    }
    return {name: (FILES[name], tables[name]) for name in FILES}, names


# What a user prepares for Odoo's import dialog, and the field each column gets there.
ODOO_IMPORT = {
    "companies.csv": (
        "res.partner",
        [
            ("Company ID", "id"),
            ("Company Name", "name"),
            ("Is a Company", "is_company"),
            ("Parent Company ID", "parent_id/id"),
            ("Website", "website"),
            ("Phone", "phone"),
            ("Email", "email"),
            ("Street", "street"),
            ("City", "city"),
            ("Zip", "zip"),
            ("Country", "country_id"),
            ("Industry", "industry_id"),
            ("Tags", "category_id"),
            ("Owner", "user_id"),
            ("Created At", False),
        ],
        {"industry_id": True, "category_id": True},
        {"res_partner_search_mode": "customer"},  # CRM > Customers
    ),
    "contacts.csv": (
        "res.partner",
        [
            ("Contact ID", "id"),
            ("Name", "name"),
            ("Email", "email"),
            ("Phone", "phone"),
            ("Mobile", "mobile"),
            ("Job Title", "function"),
            ("Company", "parent_id"),
            ("Owner", "user_id"),
            ("Created At", False),
        ],
        {},
        {"res_partner_search_mode": "customer"},
    ),
    "deals.csv": (
        "crm.lead",
        [
            ("Deal ID", "id"),
            ("Deal Name", "name"),
            ("Customer", "partner_id"),
            ("Contact ID", False),
            ("Amount", "expected_revenue"),
            ("Stage", "stage_id"),
            ("Pipeline", "team_id"),
            ("Owner", "user_id"),
            ("Close Date", "date_deadline"),
            ("Probability", "probability"),
            ("Created At", False),
        ],
        {"stage_id": True, "team_id": True},
        {"default_type": "opportunity", "search_default_assigned_to_me": 1},  # CRM > Pipeline
    ),
}


def prepare_for_odoo_import(export, names):
    """The core files as a user edits them for Odoo's import dialog: a company flag,
    a contact's full name, a company's name instead of its id (Odoo matches by name),
    tags separated by bare commas."""
    companies = [
        row[:2] + ["1"] + row[2:11] + [row[11].replace(", ", ",")] + row[12:]
        for row in export["companies.csv"][1]
    ]
    contacts = [
        [row[0], "%s %s" % (row[1], row[2])] + row[3:7] + [names.get(row[7], "")] + row[8:]
        for row in export["contacts.csv"][1]
    ]
    deals = [row[:2] + [names[row[2]]] + row[3:] for row in export["deals.csv"][1]]
    prepared = {}
    for name, rows in (
        ("companies.csv", companies),
        ("contacts.csv", contacts),
        ("deals.csv", deals),
    ):
        headers = [column for column, _field in ODOO_IMPORT[name][1]]
        assert all(len(row) == len(headers) for row in rows), name
        prepared[name] = (headers, rows)
    return prepared


def write_csv(path, headers, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)


def write_streaming_contacts(path, count, seed=SEED):
    """A contacts CSV of ``count`` rows, written row by row (never held)."""
    rng = random.Random(seed + count)
    owners = [login for login, _name in OWNERS]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CONTACT_HEADERS)
        for index in range(count):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            writer.writerow(
                [
                    "S%07d" % index,
                    first,
                    last,
                    _email(first, last, "stream.example", index),
                    "+44 20 7946 %04d" % rng.randrange(10000),
                    "+49 155 %07d" % rng.randrange(10**7) if rng.random() < 0.6 else "",
                    rng.choice(TITLES),
                    "",
                    rng.choice(owners),
                    "2024-%02d-%02d 10:%02d"
                    % (rng.randint(1, 12), rng.randint(1, 28), index % 60),
                ]
            )
    return path.stat().st_size


# ----------------------------------------------------------------------
# Inside a phase's process
# ----------------------------------------------------------------------
def _status_kb(key):
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def _peak_kb():
    """The process's peak RSS (VmHWM, the same as getrusage's ru_maxrss on Linux)."""
    return _status_kb("VmHWM")


def _read_table(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        headers = next(reader)
        return [dict(zip(headers, row, strict=False)) for row in reader]


def _ensure_owners(env):
    """The export's owners as sales users (not timed; the same in every phase)."""
    from odoo.addons.migration_bridge.series import users  # noqa: PLC0415 (in Odoo's process)

    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    group = env.ref("sales_team.group_sale_salesman")
    for login, name in OWNERS:
        if not Users.search_count([("login", "=", login)]):
            Users.create({"login": login, "name": name, "email": login, users.GROUPS: group.ids})


def _web_context(env, extra):
    """What the web client sends: the user's context and the action's."""
    user = env.ref("base.user_admin")
    context = {
        "lang": user.lang or "en_US",
        "tz": user.tz or "Europe/Brussels",
        "uid": user.id,
        "allowed_company_ids": [user.company_id.id],
    }
    context.update(extra)
    return context


def phase_import(registry, work):
    """(a) base_import as the web client drives it, one transaction per request."""
    from odoo import api

    options_default = {
        "encoding": "",
        "separator": "",
        "quoting": '"',
        "date_format": "",
        "datetime_format": "",
        "float_thousand_separator": ",",
        "float_decimal_separator": ".",
        "advanced": True,
        "has_headers": True,
        "keep_matches": False,
        "limit": UI_BATCH,
        "sheets": [],
        "sheet": "",
        "skip": 0,
        "tracking_disable": True,
    }
    with registry.cursor() as cr:
        env = api.Environment(cr, 1, {})
        uid = env.ref("base.user_admin").id
    detail, rows, records, messages = {}, 0, 0, []
    started, cpu = time.perf_counter(), time.process_time()
    for name in CORE_FILES:
        model, columns, create_enabled, action_context = ODOO_IMPORT[name]
        data = (work / "odoo_import" / name).read_bytes()
        file_started = time.perf_counter()
        with registry.cursor() as cr:
            env = api.Environment(cr, uid, {})
            context = _web_context(env, action_context)
            # a field this series lacks (19.0: a contact's mobile) is a column not imported
            present = env[model]._fields
            columns = [
                (c, f if not f or f.split("/")[0] in present else False) for c, f in columns
            ]
        # The dialog: create the wizard with the file, then the preview.
        with registry.cursor() as cr:
            env = api.Environment(cr, uid, context)
            wizard_id = (
                env["base_import.import"]
                .create(
                    {
                        "res_model": model,
                        "file": data,
                        "file_name": name,
                        "file_type": "text/csv",
                    }
                )
                .id
            )
        with registry.cursor() as cr:
            env = api.Environment(cr, uid, context)
            preview = (
                env["base_import.import"].browse(wizard_id).parse_preview(dict(options_default))
            )
        if preview.get("error"):
            raise RuntimeError("parse_preview of %s: %s" % (name, preview["error"]))
        options = dict(options_default, **preview["options"])
        options.update(
            import_skip_records=[],
            import_set_empty_fields=[],
            fallback_values={},
            name_create_enabled_fields=dict(create_enabled),
        )
        fields = [field for _column, field in columns]
        labels = [column.strip().lower() for column, _field in columns]
        # the rows with the header, as the client counts them (19.0 gives the data rows)
        length = preview["file_length"] if "file_length" in preview else preview["num_rows"] + 1
        total = length - 1
        steps = -(-length // UI_BATCH) if length > 100 else 1  # the client batches past 100
        ids, skip, batches = [], 0, 0
        for _step in range(steps):
            with registry.cursor() as cr:
                env = api.Environment(cr, uid, dict(context, tracking_disable=True))
                result = (
                    env["base_import.import"]
                    .browse(wizard_id)
                    .execute_import(fields, labels, dict(options, skip=skip), dryrun=False)
                )
            batches += 1
            errors = [m for m in result.get("messages") or [] if m.get("type") == "error"]
            messages += [
                "%s: %s" % (name, m.get("message")) for m in (result.get("messages") or [])
            ]
            if errors:
                raise RuntimeError("base_import refused %s: %s" % (name, errors[:3]))
            ids += result.get("ids") or []
            skip = result.get("nextrow") or 0
            if not skip:
                break
        seconds = time.perf_counter() - file_started
        detail[name] = {
            "rows": total,
            "records": len(ids),
            "batches": batches,
            "seconds": round(seconds, 3),
        }
        rows += total
        records += len(ids)
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "records": records,
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "detail": detail,
        "messages": messages[:20],
        "message_count": len(messages),
    }


def phase_orm(registry, work):
    """(b) a plain script: batched ORM creates with tracking off, in one transaction."""
    from odoo import SUPERUSER_ID, api, fields

    data = {name: _read_table(work / "export" / name) for name in FILES}
    detail = {}
    with registry.cursor() as cr:
        env = api.Environment(
            cr,
            SUPERUSER_ID,
            {
                "tracking_disable": True,
                "mail_create_nolog": True,
                "mail_create_nosubscribe": True,
                # Without it, each activity assigned to someone else mails them.
                "mail_activity_quick_update": True,
            },
        )
        started, cpu = time.perf_counter(), time.process_time()
        step_started = [started]

        def step(name, rows, records):
            now = time.perf_counter()
            detail[name] = {
                "rows": rows,
                "records": records,
                "seconds": round(now - step_started[0], 3),
            }
            step_started[0] = now

        Partner = env["res.partner"]
        users = {u.login: u for u in env["res.users"].search([])}
        countries = {c.name: c.id for c in env["res.country"].search([])}

        def by_name(model, values):
            found = {r.name: r.id for r in env[model].search([("name", "in", list(values))])}
            for value in values:
                if value and value not in found:
                    found[value] = env[model].create({"name": value}).id
            return found

        companies = data["companies.csv"]
        industries = by_name("res.partner.industry", {r["Industry"] for r in companies} - {""})
        tag_names = {t.strip() for r in companies for t in r["Tags"].split(",") if t.strip()}
        tags = by_name("res.partner.category", tag_names)
        records = Partner.create(
            [
                {
                    "name": r["Company Name"],
                    "is_company": True,
                    "website": r["Website"] or False,
                    "phone": r["Phone"] or False,
                    "email": r["Email"] or False,
                    "street": r["Street"] or False,
                    "city": r["City"] or False,
                    "zip": r["Zip"] or False,
                    "country_id": countries.get(r["Country"], False),
                    "industry_id": industries.get(r["Industry"], False),
                    "category_id": [
                        (6, 0, [tags[t.strip()] for t in r["Tags"].split(",") if t.strip()])
                    ],
                    "user_id": users[r["Owner"]].id if r["Owner"] in users else False,
                }
                for r in companies
            ]
        )
        company_ids = dict(zip([r["Company ID"] for r in companies], records.ids, strict=True))
        children = defaultdict(list)
        for r in companies:
            if r["Parent Company ID"] in company_ids:
                children[company_ids[r["Parent Company ID"]]].append(company_ids[r["Company ID"]])
        for parent, ids in children.items():
            Partner.browse(ids).write({"parent_id": parent})
        step("companies.csv", len(companies), len(records))

        contacts = data["contacts.csv"]
        records = Partner.create(
            [
                {
                    "name": "%s %s" % (r["First Name"], r["Last Name"]),
                    "email": r["Email"] or False,
                    "phone": r["Phone"] or False,
                    "function": r["Job Title"] or False,
                    # 19.0 has no mobile on a contact: (a) and (b) leave the column out
                    **({"mobile": r["Mobile"] or False} if "mobile" in Partner._fields else {}),
                    "parent_id": company_ids.get(r["Company ID"], False),
                    "user_id": users[r["Owner"]].id if r["Owner"] in users else False,
                }
                for r in contacts
            ]
        )
        contact_ids = dict(zip([r["Contact ID"] for r in contacts], records.ids, strict=True))
        partner_by_email = {r["Email"]: contact_ids[r["Contact ID"]] for r in contacts}
        step("contacts.csv", len(contacts), len(records))

        deals = data["deals.csv"]
        teams = by_name("crm.team", {r["Pipeline"] for r in deals} - {""})
        stages = by_name("crm.stage", {r["Stage"] for r in deals} - {""})
        records = env["crm.lead"].create(
            [
                {
                    "type": "opportunity",
                    "name": r["Deal Name"],
                    "partner_id": company_ids.get(r["Company ID"], False),
                    "expected_revenue": float(r["Amount"] or 0),
                    "stage_id": stages.get(r["Stage"], False),
                    "team_id": teams.get(r["Pipeline"], False),
                    "user_id": users[r["Owner"]].id if r["Owner"] in users else False,
                    "date_deadline": r["Close Date"] or False,
                    "probability": float(r["Probability"] or 0),
                }
                for r in deals
            ]
        )
        deal_ids = dict(zip([r["Deal ID"] for r in deals], records.ids, strict=True))
        step("deals.csv", len(deals), len(records))

        note = env.ref("mail.mt_note").id
        comment = env.ref("mail.mt_comment").id

        def when(value):
            return fields.Datetime.to_datetime(value + ":00") if value else False

        def author(login):
            return users[login].partner_id.id if login in users else False

        notes = data["notes.csv"]
        records = env["mail.message"].create(
            [
                {
                    "model": "crm.lead",
                    "res_id": deal_ids[r["Associated Deal IDs"]],
                    "message_type": "comment",
                    "subtype_id": note,
                    "body": r["Note body"],
                    "date": when(r["Activity date"]),
                    "author_id": author(r["Activity assigned to"]),
                }
                for r in notes
            ]
        )
        step("notes.csv", len(notes), len(records))

        emails = data["emails.csv"]
        records = env["mail.message"].create(
            [
                {
                    "model": "crm.lead",
                    "res_id": deal_ids[r["Associated Deal IDs"]],
                    "message_type": "email",
                    "subtype_id": comment,
                    "subject": r["Email subject"],
                    "body": "<p>%s</p>" % r["Email body"].replace("\n", "<br/>"),
                    "email_from": r["Email from address"],
                    "author_id": partner_by_email.get(r["Email from address"])
                    or author(r["Email from address"]),
                    "date": when(r["Activity date"]),
                }
                for r in emails
            ]
        )
        step("emails.csv", len(emails), len(records))

        tasks = data["tasks.csv"]
        types = {
            "TODO": env.ref("mail.mail_activity_data_todo").id,
            "CALL": env.ref("mail.mail_activity_data_call").id,
            "EMAIL": env.ref("mail.mail_activity_data_email").id,
        }
        lead_model = env["ir.model"]._get_id("crm.lead")
        done = [r for r in tasks if r["Task status"] == "COMPLETED"]
        open_ = [r for r in tasks if r["Task status"] != "COMPLETED"]
        messages = env["mail.message"].create(
            [
                {
                    "model": "crm.lead",
                    "res_id": deal_ids[r["Associated Deal IDs"]],
                    "message_type": "comment",
                    "subtype_id": note,
                    "body": "<p>%s done</p>%s" % (r["Task title"], r["Task notes"]),
                    "date": when(r["Due date"]),
                    "author_id": author(r["Activity assigned to"]),
                }
                for r in done
            ]
        )
        # Odoo 17's mail.activity.create subscribes each activity's user to its record
        # and, in one batch, inserts the same follower twice when two activities share
        # a record and a user (UniqueViolation on mail_followers): one batch per round,
        # each (record, user) once in a round.
        rounds, seen = [], defaultdict(int)
        for r in open_:
            vals = {
                "res_model_id": lead_model,
                "res_id": deal_ids[r["Associated Deal IDs"]],
                "activity_type_id": types[r["Task type"]],
                "summary": r["Task title"],
                "note": r["Task notes"] or False,
                "date_deadline": r["Due date"][:10],
                "user_id": users[r["Activity assigned to"]].id,
            }
            index = seen[vals["res_id"], vals["user_id"]]
            seen[vals["res_id"], vals["user_id"]] += 1
            if index == len(rounds):
                rounds.append([])
            rounds[index].append(vals)
        activities = env["mail.activity"]
        for batch in rounds:
            activities |= env["mail.activity"].create(batch)
        step("tasks.csv", len(tasks), len(messages) + len(activities))
        env.flush_all()
        cr.commit()
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    core = [detail[name] for name in CORE_FILES]
    return {
        "rows": sum(d["rows"] for d in detail.values()),
        "records": sum(d["records"] for d in detail.values()),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "detail": detail,
        "core": {
            "rows": sum(d["rows"] for d in core),
            "records": sum(d["records"] for d in core),
            "seconds": sum(d["seconds"] for d in core),
        },
    }


def _bridge_result(run, project, seconds, cpu, detail):
    summary = run.summary()
    objects = summary["objects"]
    return {
        "rows": sum(o["source"] for o in objects.values()),
        "records": sum(o["created"] + o["updated"] for o in objects.values()),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "detail": detail,
        "project_id": project.id,
        "run_id": run.id,
        "summary": summary,
        "failed": sum(o["failed"] for o in objects.values()),
        "skipped": sum(o["skipped"] for o in objects.values()),
    }


def phase_bridge(registry, work, names, helper=None):
    """(c) migration_bridge end to end through its headless API, committed at the end.

    ``helper``: the command of a second process that loads the run beside this one
    (``odoo-bin migrate --resume RUN``): two workers share each object's chunks, each
    chunk committed."""
    from odoo import SUPERUSER_ID, api

    files = [(name, (work / "export" / name).read_bytes()) for name in names]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        started, cpu = time.perf_counter(), time.process_time()
        project = env["migration.project"].create({"name": "bench", "profile": "generic"})
        project.add_files(files)
        staged = time.perf_counter()
        unmapped = {
            mapping.object_id.object_name: [
                line.source_name
                for line in mapping.line_ids
                if not line.target_name and not line.create_custom
            ]
            for mapping in project.mapping_ids
        }
        models = {m.object_id.object_name: m.model_name for m in project.mapping_ids}
        project.action_confirm_mapping()
        confirmed = time.perf_counter()
        if helper:
            run = project._new_run("full")
            run._plan()
            cr.commit()
            second = subprocess.Popen(
                helper + ["--resume", str(run.id)],
                stdout=subprocess.DEVNULL,
                stderr=open(work / "bridge_parallel_helper.log", "w"),  # noqa: SIM115
            )
            run._work()
            second.wait()
            run.invalidate_recordset()
            run.line_ids.invalidate_recordset()
        else:
            run = project._start_run("full")
        loaded = time.perf_counter()
        cr.commit()
        seconds = time.perf_counter() - started
        detail = {
            "stage_discover_seconds": round(staged - started, 3),
            "confirm_seconds": round(confirmed - staged, 3),
            "full_run_seconds": round(loaded - confirmed, 3),
            "models": models,
            "unmapped_columns": {k: v for k, v in unmapped.items() if v},
            "issues_by_code": _issue_codes(project),
        }
        return _bridge_result(run, project, seconds, time.process_time() - cpu, detail)


def _issue_codes(project):
    counts = defaultdict(int)
    for issue in project.issue_ids:
        counts["%s/%s" % (issue.code, issue.severity)] += 1
    return dict(sorted(counts.items()))


def phase_delta(registry, work):
    from odoo import SUPERUSER_ID, api

    project_id = json.loads((work / "bridge.json").read_text())["result"]["project_id"]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        project = env["migration.project"].browse(project_id)
        started, cpu = time.perf_counter(), time.process_time()
        run = project._start_run("delta")
        cr.commit()
        seconds = time.perf_counter() - started
        result = _bridge_result(run, project, seconds, time.process_time() - cpu, {})
        objects = result["summary"]["objects"].values()
        result["unchanged"] = sum(o["unchanged"] for o in objects)
        result["updated"] = sum(o["updated"] for o in objects)
        result["created"] = sum(o["created"] for o in objects)
        return result


def phase_rollback(registry, work):
    from odoo import SUPERUSER_ID, api

    run_id = json.loads((work / "bridge.json").read_text())["result"]["run_id"]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        run = env["migration.run"].browse(run_id)
        links = len(run.link_ids)
        started, cpu = time.perf_counter(), time.process_time()
        run.action_rollback()
        cr.commit()
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        left = run.project_id.live_records()
        return {
            "rows": links,
            "records": run.rollback_deleted + run.rollback_restored,
            "deleted": run.rollback_deleted,
            "restored": run.rollback_restored,
            "failed": run.rollback_failed,
            "state": run.state,
            "left_in_crm": left,
            "seconds": seconds,
            "cpu_seconds": cpu,
        }


def phase_streaming(registry, work, rows):
    """Only staging of a large contacts CSV as the headless command does it (the file
    copied into the filestore as it is read, then staged): its peak RSS."""
    from odoo import SUPERUSER_ID, api

    path = work / ("streaming_%d.csv" % rows)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        started, cpu = time.perf_counter(), time.process_time()
        project = env["migration.project"].create({"name": "bench streaming"})
        attachment = env["ir.attachment"]._migration_from_path("contacts.csv", path, "text/csv")
        attached = time.perf_counter()
        attached_peak = _peak_kb()
        project.add_files(attachment)
        staged = time.perf_counter()
        staged_rows = project.row_count
        cr.rollback()
        return {
            "rows": rows,
            "records": staged_rows,
            "file_bytes": path.stat().st_size,
            "seconds": staged - started,
            "cpu_seconds": time.process_time() - cpu,
            "detail": {
                "attachment_seconds": round(attached - started, 3),
                "stage_seconds": round(staged - attached, 3),
                "peak_rss_after_attachment_kb": attached_peak,
            },
        }


LANDED_TABLES = ("res_partner", "crm_lead", "mail_message", "mail_activity")
LANDED_SQL = {
    "companies": "SELECT count(*), count(parent_id) FROM res_partner "
    "WHERE id > %(res_partner)s AND is_company",
    "contacts": "SELECT count(*), count(parent_id) FROM res_partner "
    "WHERE id > %(res_partner)s AND NOT is_company",
    "opportunities": "SELECT count(*), count(partner_id) FROM crm_lead "
    "WHERE id > %(crm_lead)s AND type = 'opportunity'",
    "messages": "SELECT count(*), count(*) FILTER (WHERE message_type = 'email') "
    "FROM mail_message WHERE id > %(mail_message)s AND model = 'crm.lead'",
    "activities": "SELECT count(*), count(user_id) FROM mail_activity "
    "WHERE id > %(mail_activity)s",
}


def _max_ids(registry):
    with registry.cursor() as cr:
        ids = {}
        for table in LANDED_TABLES:
            cr.execute("SELECT coalesce(max(id), 0) FROM %s" % table)
            ids[table] = cr.fetchone()[0]
        return ids


def _landed(registry, before):
    """What the phase left in the CRM (not timed): counts of new records, and of those
    with their link (a company's parent, a contact's company, a deal's customer, an
    email among the messages, an activity's user)."""
    with registry.cursor() as cr:
        landed = {}
        for name, sql in LANDED_SQL.items():
            cr.execute(sql, before)
            landed[name] = list(cr.fetchone())
        return landed


def run_phase(args):
    """Entry point of a phase's own process: load the registry, measure, write JSON."""
    import odoo.service.server
    import odoo.tools
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    work = Path(args.work)
    out = work / ("%s.json" % args.phase)
    odoo.tools.config.parse_config(
        [
            "-d",
            args.phase_db,
            "--addons-path=%s" % args.addons_path,
            "--log-level=%s" % args.log_level,
            "--logfile=%s" % (work / ("%s.log" % args.phase)),
            "--http-interface=127.0.0.1",  # serves nothing; 19.0 warns of its default
        ]
        + _db_options(args)
    )
    odoo.service.server.load_server_wide_modules()
    registry = Registry(args.phase_db)
    with registry.cursor() as cr:
        _ensure_owners(api.Environment(cr, SUPERUSER_ID, {}))
    before = _max_ids(registry)
    base_kb, base_rss_kb = _peak_kb(), _status_kb("VmRSS")
    try:
        if args.phase == "import":
            result = phase_import(registry, work)
        elif args.phase == "orm":
            result = phase_orm(registry, work)
        elif args.phase == "bridge_core":
            result = phase_bridge(registry, work, CORE_FILES)
        elif args.phase == "bridge":
            result = phase_bridge(registry, work, list(FILES))
        elif args.phase in ("bridge_parallel", "bridge_core_parallel"):
            helper = _odoo_bin() + ["--addons-path=%s" % args.addons_path]
            helper += ["migrate", "-d", args.phase_db, "--log-level=warn"] + _db_options(args)
            names = CORE_FILES if args.phase == "bridge_core_parallel" else list(FILES)
            result = phase_bridge(registry, work, names, helper=helper)
        elif args.phase == "delta":
            result = phase_delta(registry, work)
        elif args.phase == "rollback":
            result = phase_rollback(registry, work)
        elif args.phase.startswith("streaming_"):
            result = phase_streaming(registry, work, int(args.phase.split("_", 1)[1]))
        else:
            raise SystemExit("unknown phase %s" % args.phase)
    except Exception:
        out.write_text(json.dumps({"error": traceback.format_exc()}))
        raise
    result["peak_kb"] = _peak_kb()
    if args.phase in PARALLEL_PHASES + ("import", "orm", "bridge_core", "bridge"):
        result["landed"] = _landed(registry, before)
    result["base_peak_kb"] = base_kb
    result["base_rss_kb"] = base_rss_kb
    out.write_text(json.dumps({"result": result}, default=str, indent=1))


# ----------------------------------------------------------------------
# The orchestrator
# ----------------------------------------------------------------------
def _db_options(args):
    options = []
    for name in ("db_host", "db_port", "db_user"):
        value = getattr(args, name)
        if value:
            options.append("--%s=%s" % (name, value))
    return options


def _pg_env(args):
    env = dict(os.environ)
    env.update(
        {
            key: str(value)
            for key, value in (
                ("PGHOST", args.db_host),
                ("PGPORT", args.db_port),
                ("PGUSER", args.db_user),
            )
            if value
        }
    )
    return env


def _psql(args, sql, db="postgres"):
    result = subprocess.run(
        ["psql", "-X", "-At", "-d", db, "-c", sql],
        env=_pg_env(args),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit("psql failed: %s" % result.stderr.strip())
    return result.stdout.strip()


def _db_exists(args, name):
    return _psql(args, "SELECT 1 FROM pg_database WHERE datname = '%s'" % name) == "1"


def _pg(args, *command):
    result = subprocess.run(
        list(command), env=_pg_env(args), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit("%s failed: %s" % (command[0], result.stderr.strip()))


def _default_addons_path():
    import odoo

    # the odoo package's folder (from 19.0 a namespace package, with no __file__)
    base = os.environ.get("ODOO_ADDONS_PATH") or os.path.join(list(odoo.__path__)[0], "addons")
    return "%s,%s" % (base, ROOT)


def _odoo_bin():
    import odoo

    if os.environ.get("ODOO_BIN"):
        return os.environ["ODOO_BIN"].split()
    found = os.path.join(os.path.dirname(list(odoo.__path__)[0]), "odoo-bin")
    if os.path.isfile(found):
        return [sys.executable, found]
    return [sys.executable, "-m", "odoo"]


def setup_template(args):
    """The template database: crm, sale_management, account, project, migration_bridge."""
    print("Creating the template database %s (%s)..." % (args.database, TEMPLATE_MODULES))
    _pg(args, "dropdb", "--if-exists", args.database)
    _pg(args, "createdb", args.database)
    started = time.perf_counter()
    result = subprocess.run(
        _odoo_bin()
        + [
            "--addons-path=%s" % args.addons_path,
            "-d",
            args.database,
            "-i",
            TEMPLATE_MODULES,
            *os.environ.get("ODOO_NO_DEMO", "--without-demo=all").split(),
            "--http-interface=127.0.0.1",
            "--stop-after-init",
            "--log-level=warn",
        ]
        + _db_options(args),
        cwd=str(ROOT),
        check=False,
    )
    if result.returncode:
        raise SystemExit("installing the template database failed")
    print("  done in %.0f s" % (time.perf_counter() - started))


def _installed_modules(args, db):
    names = "','".join(TEMPLATE_MODULES.split(","))
    found = _psql(
        args,
        "SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN ('%s')" % names,
        db=db,
    )
    return set(found.split())


class Orchestrator:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.copies = []
        self.results = {}
        self.errors = {}

    def copy(self, label):
        name = "%s_%s_%d" % (DB_PREFIX, label, os.getpid())
        if not name.startswith(DB_PREFIX):
            raise SystemExit("database copies must start with %s" % DB_PREFIX)
        _pg(self.args, "dropdb", "--if-exists", name)
        _pg(self.args, "createdb", "-T", self.args.database, name)
        self.copies.append(name)
        return name

    def drop(self, name):
        _pg(self.args, "dropdb", "--if-exists", name)
        if name in self.copies:
            self.copies.remove(name)

    def phase(self, phase, db):
        args = self.args
        print("  %-12s ..." % phase, end="", flush=True)
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--phase",
            phase,
            "--phase-db",
            db,
            "--work",
            str(self.work),
            "--addons-path",
            args.addons_path,
            "--log-level",
            args.log_level,
        ] + _db_options(args)
        started = time.perf_counter()
        process = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        out = self.work / ("%s.json" % phase)
        payload = json.loads(out.read_text()) if out.exists() else {}
        problems = self._log_problems(phase)
        if process.returncode or "result" not in payload:
            error = payload.get("error") or process.stderr[-4000:]
            error = error or "exit %s" % process.returncode
            self.errors[phase] = error + (
                "\n(if the addon changed since the template was made: --setup again)"
            )
            print(" FAILED (see below)")
            return None
        result = payload["result"]
        result["process_seconds"] = round(wall, 2)
        result["log_problems"] = problems
        self.results[phase] = result
        print(" %.1f s" % result["seconds"])
        return result

    def _log_problems(self, phase):
        log = self.work / ("%s.log" % phase)
        if not log.exists():
            return []
        lines = log.read_text(errors="replace").splitlines()
        return [line for line in lines if re.search(r" (WARNING|ERROR|CRITICAL) ", line)][:20]

    def cleanup(self):
        for name in list(self.copies):
            with contextlib.suppress(SystemExit):
                self.drop(name)


def _rate(result, rows=None, seconds=None):
    rows = result["rows"] if rows is None else rows
    seconds = result["seconds"] if seconds is None else seconds
    return rows / seconds if seconds else 0.0


def _mib(kb):
    return kb / 1024.0


def report(args, results, errors, meta):
    """The table, the ratios, and the JSON document."""
    labels = [
        ("import", "(a) Odoo import, base_import as the UI (core files)"),
        ("orm", "(b) ORM script, batched create (all files)"),
        ("orm_core", "    of which companies, contacts, deals"),
        ("bridge_core", "(c) migration_bridge end to end (core files)"),
        ("bridge", "(c) migration_bridge end to end (all files)"),
        ("bridge_core_parallel", "(c2) end to end, two worker processes (core files)"),
        ("bridge_parallel", "(c2) end to end, two worker processes (all files)"),
        ("delta", "    delta run over unchanged data"),
        ("rollback", "    rollback of the full run"),
    ]
    streaming = sorted(
        (k for k in results if k.startswith("streaming_")), key=lambda k: int(k.split("_")[1])
    )
    labels += [(k, "    stage only: %s-row contacts CSV" % k.split("_")[1]) for k in streaming]
    table = []
    for key, label in labels:
        if key == "orm_core" and "orm" in results:
            core = results["orm"]["core"]
            table.append(
                [
                    label,
                    core["rows"],
                    core["records"],
                    core["seconds"],
                    _rate(core),
                    None,
                    None,
                    None,
                ]
            )
            continue
        result = results.get(key)
        if not result:
            if key in errors:
                table.append([label + "  FAILED", None, None, None, None, None, None, None])
            continue
        table.append(
            [
                label,
                result["rows"],
                result["records"],
                result["seconds"],
                _rate(result),
                result.get("cpu_seconds"),
                _mib(result["peak_kb"]),
                _mib(result["peak_kb"] - result["base_peak_kb"]),
            ]
        )
    header = ["phase", "rows", "records", "seconds", "rows/s", "CPU s", "peak RSS", "+phase"]
    widths = [max(len(header[0]), *(len(r[0]) for r in table))] + [9, 9, 9, 9, 8, 10, 9]

    def cell(value, index):
        if value is None:
            return "-".rjust(widths[index])
        if index in (1, 2):
            return ("%d" % value).rjust(widths[index])
        if index in (6, 7):
            return ("%.0f MiB" % value).rjust(widths[index])
        if index == 4:
            return ("%.0f" % value).rjust(widths[index])
        return ("%.2f" % value).rjust(widths[index])

    lines = [
        "migration_bridge bench: N=%d (companies, contacts, deals; %d rows with engagements), "
        "%s CPUs, Odoo %s, template %s"
        % (meta["n"], meta["total_rows"], meta["cpus"], meta["odoo"], args.database),
        "code: %s%s"
        % (
            meta["code"],
            ""
            if meta["code_at_end"] == meta["code"]
            else "; changed during the run, now %s" % meta["code_at_end"],
        ),
        "",
        "  ".join(
            h.ljust(widths[0]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(header)
        ),
        "  ".join("-" * w for w in widths),
    ]
    for row in table:
        lines.append(
            "  ".join(row[0].ljust(widths[0]) if i == 0 else cell(v, i) for i, v in enumerate(row))
        )
    lines.append("")
    lines.append(
        "peak RSS: the phase process's VmHWM (ru_maxrss); +phase: above the peak once Odoo's "
        "registry was loaded"
    )

    ratios = {}
    a, b, c_core, c = (results.get(k) for k in ("import", "orm", "bridge_core", "bridge"))
    if a and c_core:
        ratios["c_over_a"] = _rate(c_core) / _rate(a)
    if b and c:
        ratios["c_over_b"] = _rate(c) / _rate(b)
    if b and c_core:
        ratios["c_core_over_b_core"] = _rate(c_core) / _rate(b["core"])
    c2 = results.get("bridge_parallel")
    if b and c2:
        ratios["c2_over_b"] = _rate(c2) / _rate(b)
    c2_core = results.get("bridge_core_parallel")
    if a and c2_core:
        ratios["c2_over_a"] = _rate(c2_core) / _rate(a)
    delta, rollback = results.get("delta"), results.get("rollback")
    if c and delta:
        ratios["delta_pct_of_full_run"] = (
            100.0 * delta["seconds"] / c["detail"]["full_run_seconds"]
        )
        ratios["delta_pct_of_end_to_end"] = 100.0 * delta["seconds"] / c["seconds"]
    if rollback:
        ratios["rollback_records_per_s"] = _rate(
            rollback, rows=rollback["records"], seconds=rollback["seconds"]
        )
        if ratios["rollback_records_per_s"]:
            ratios["rollback_100k_seconds_extrapolated"] = (
                100000 / ratios["rollback_records_per_s"]
            )
    lines.append("")
    lines.append("ratios")
    described = [
        ("c_over_a", "(c)/(a) rows/s, core files (target >= 5)", "%.2f x"),
        ("c_over_b", "(c)/(b) rows/s, all files (target >= 1.5)", "%.2f x"),
        ("c_core_over_b_core", "(c)/(b) rows/s, core files only", "%.2f x"),
        ("c2_over_b", "(c2)/(b) rows/s, all files, two workers (target >= 1.5)", "%.2f x"),
        ("c2_over_a", "(c2)/(a) rows/s, core files, two workers (target >= 5)", "%.2f x"),
        ("delta_pct_of_full_run", "delta / full run (_start_run) (target <= 10 %)", "%.1f %%"),
        ("delta_pct_of_end_to_end", "delta / (c) end to end", "%.1f %%"),
        ("rollback_records_per_s", "rollback, records per second", "%.0f /s"),
        (
            "rollback_100k_seconds_extrapolated",
            "rollback of 100,000 records, extrapolated (target <= 60 s)",
            "%.0f s",
        ),
    ]
    for key, text, fmt in described:
        if key in ratios:
            lines.append("  %-62s %s" % (text, fmt % ratios[key]))
    if c:
        d = c["detail"]
        lines.append("")
        lines.append(
            "(c) all files: stage+discover+propose %.2f s, confirm %.2f s, full run %.2f s; "
            "%d failed, %d skipped rows, issues %s"
            % (
                d["stage_discover_seconds"],
                d["confirm_seconds"],
                d["full_run_seconds"],
                c["failed"],
                c["skipped"],
                d["issues_by_code"] or "none",
            )
        )
    if delta:
        lines.append(
            "delta: %d unchanged, %d updated, %d created"
            % (delta["unchanged"], delta["updated"], delta["created"])
        )
    if rollback:
        lines.append(
            "rollback: %d deleted, %d restored, %d failed; left in the CRM: %s"
            % (
                rollback["deleted"],
                rollback["restored"],
                rollback["failed"],
                rollback["left_in_crm"] or "nothing",
            )
        )
    for key in streaming:
        s = results[key]
        lines.append(
            "streaming %s rows (%.1f MiB CSV): %d staged rows, peak RSS %.0f MiB "
            "(%.0f MiB after the attachment was created), %.0f rows/s"
            % (
                key.split("_")[1],
                s["file_bytes"] / 2**20,
                s["records"],
                _mib(s["peak_kb"]),
                _mib(s["detail"]["peak_rss_after_attachment_kb"]),
                _rate(s),
            )
        )
    landed = [(k, results[k]["landed"]) for k, _l in labels if "landed" in results.get(k, {})]
    if landed:
        lines.append("")
        lines.append(
            "what landed (new records, and with their link): companies (with parent), "
            "contacts (with company), opportunities (with customer), messages on deals "
            "(emails), activities (with user)"
        )
        for key, counts in landed:
            lines.append(
                "  %-12s %s"
                % (key, ", ".join("%s %d (%d)" % (n, c[0], c[1]) for n, c in counts.items()))
            )
    noisy = {k: r["log_problems"] for k, r in results.items() if r.get("log_problems")}
    for key, problems in noisy.items():
        lines.append("")
        lines.append(
            "%s logged %d WARNING/ERROR lines, first: %s" % (key, len(problems), problems[0])
        )
    for key, error in errors.items():
        lines.append("")
        lines.append("%s FAILED:\n%s" % (key, error))
    text = "\n".join(lines)
    document = {
        "meta": meta,
        "table": [dict(zip(header, row, strict=True)) for row in table],
        "ratios": ratios,
        "phases": results,
        "errors": errors,
    }
    return text, document


def _code_version():
    """The commit measured, and whether the addon's files differ from it."""

    def git(*command):
        result = subprocess.run(
            ["git", "-C", str(ROOT), *command], capture_output=True, text=True, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    dirty = git("status", "--porcelain", "--", "migration_bridge")
    return "%s%s" % (commit or "unknown", " (migration_bridge modified)" if dirty else "")


def orchestrate(args):
    if args.setup:
        if not args.database.startswith(DB_PREFIX) and _db_exists(args, args.database):
            raise SystemExit(
                "--setup drops the database first: %s exists and is not named %s*, "
                "drop it yourself or choose another name" % (args.database, DB_PREFIX)
            )
        setup_template(args)
        return 0
    if not _db_exists(args, args.database):
        raise SystemExit(
            "database %s does not exist: create it with --setup (crm, sale_management, "
            "account, project, migration_bridge)" % args.database
        )
    installed = _installed_modules(args, args.database)
    if "migration_bridge" not in installed:
        raise SystemExit("migration_bridge is not installed in %s" % args.database)
    missing = set(TEMPLATE_MODULES.split(",")) - installed
    if missing:
        print("note: %s lacks %s (the issue's figures need them)" % (args.database, missing))
    import odoo.release

    work = Path(tempfile.mkdtemp(prefix="mb_bench_"))
    export, names = generate(args.rows)
    (work / "export").mkdir()
    (work / "odoo_import").mkdir()
    for name, (headers, rows) in export.items():
        write_csv(work / "export" / name, headers, rows)
    for name, (headers, rows) in prepare_for_odoo_import(export, names).items():
        write_csv(work / "odoo_import" / name, headers, rows)
    counts = {name: len(rows) for name, (_headers, rows) in export.items()}
    meta = {
        "n": args.rows,
        "seed": SEED,
        "rows_per_file": counts,
        "total_rows": sum(counts.values()),
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "python": platform.python_version(),
        "odoo": odoo.release.version,
        "template": args.database,
        "template_modules": sorted(installed),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "code": _code_version(),
    }
    print("export: %s (in %s)" % (", ".join("%s %d" % item for item in counts.items()), work))
    phases = args.phases.split(",")
    runner = Orchestrator(args, work)
    try:
        for phase in ("import", "orm", "bridge_core") + PARALLEL_PHASES:
            if phase in phases:
                db = runner.copy(phase)
                runner.phase(phase, db)
                runner.drop(db)
        if "bridge" in phases:
            db = runner.copy("bridge")
            if runner.phase("bridge", db):
                for follow in ("delta", "rollback"):
                    if follow in phases:
                        runner.phase(follow, db)
            if args.keep:
                runner.copies.remove(db)
                print("  kept database %s" % db)
            else:
                runner.drop(db)
        for count in args.streaming_rows:
            size = write_streaming_contacts(work / ("streaming_%d.csv" % count), count)
            print("  streaming CSV: %d rows, %.1f MiB" % (count, size / 2**20))
            db = runner.copy("stream")
            runner.phase("streaming_%d" % count, db)
            runner.drop(db)
    finally:
        runner.cleanup()
    meta["code_at_end"] = _code_version()
    text, document = report(args, runner.results, runner.errors, meta)
    print()
    print(text)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(document, indent=2, default=str) + "\n")
        print("\nJSON written to %s" % args.json_out)
    if args.keep_files:
        print("files kept in %s" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if runner.errors else 0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]),
    )
    parser.add_argument("-d", "--database", default=DB_PREFIX, help="the template database")
    parser.add_argument("--rows", type=int, default=2000, help="N (default 2000)")
    parser.add_argument(
        "--setup", action="store_true", help="(re)create the template database, then stop"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="N=50 and a 1000-row streaming check, to show it still works (CI)",
    )
    parser.add_argument(
        "--streaming-rows",
        default="",
        help="also stage a contacts CSV of M rows (comma-separated list of M) and report "
        "its peak RSS",
    )
    parser.add_argument(
        "--phases",
        default="import,orm,bridge_core,bridge_core_parallel,bridge,bridge_parallel,delta,rollback",
        help="a subset of import,orm,bridge_core,bridge_core_parallel,bridge,bridge_parallel,"
        "delta,rollback",
    )
    parser.add_argument("--json-out", help="also write the figures as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the (c) database")
    parser.add_argument("--keep-files", action="store_true", help="keep the generated files")
    parser.add_argument("--addons-path")
    parser.add_argument("--log-level", default="warn")
    parser.add_argument("--db_host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db_port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db_user", default=os.environ.get("PGUSER", "root"))
    # Internal: one phase in this process.
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--phase-db", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.streaming_rows = [int(v) for v in args.streaming_rows.split(",") if v.strip()]
    if args.smoke:
        args.rows = 50
        args.streaming_rows = args.streaming_rows or [1000]
    if not args.addons_path:
        args.addons_path = _default_addons_path()
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.phase:
        run_phase(args)
        return 0
    return orchestrate(args)


if __name__ == "__main__":
    sys.exit(main())
