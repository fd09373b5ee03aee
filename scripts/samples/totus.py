"""Generate the TOTUS Marketing sample export: ``migration_bridge/data/samples/totus/``.

TOTUS publishes no schema, API reference or export format: every migration starts with
discovery. This sample is the shape discovery found on a fictional instance (the
marketing CRM of Brightwave Analytics, exported 2026-11-20): one CSV per object, human
column names, UTF-8 with a byte order mark, comma, quotes only where needed, LF line
ends, ids prefixed by their object (``CON-482913``), datetimes in UTC as
``2026-09-24T14:00:00Z``, dates as ``2026-12-18``, yes/no as ``Yes``/``No``,
multi-select values separated by ``;``. Attachments are under ``files/`` with a CSV
naming them.

It writes the files, then ``expected.json`` (computed by reading back the files
written: row counts, records, won and lost, owners, where each engagement lands and
when, the orphan, the custom properties with their Odoo type, the objects that do not
migrate) and ``README.md``.

Standard library only. It draws from ``random.Random(SEED)`` and writes the same bytes
on every run. The sample is committed: do not edit it by hand, change this script and
rerun it.

Usage: ``python3 scripts/samples/totus.py``
"""

import base64
import csv
import hashlib
import io
import json
import random
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import md_table, png, tiny_pdf, write  # noqa: E402 - next to this script

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "migration_bridge" / "data" / "samples" / "totus"

SEED = 1707
MAX_TOTAL_BYTES = 120 * 1024
EXPORT_DAY = "2026-11-20"
BOM = "\ufeff"
IN_HOUSE = "Brightwave Analytics"  # the company running TOTUS: its employees' company

FILES = {
    "users": "totus-users.csv",
    "companies": "totus-companies.csv",
    "contacts": "totus-contacts.csv",
    "deals": "totus-deals.csv",
    "emails": "totus-emails.csv",
    "calls": "totus-calls.csv",
    "meetings": "totus-meetings.csv",
    "tasks": "totus-tasks.csv",
    "notes": "totus-notes.csv",
    "attachments": "totus-attachments.csv",
    "workflows": "totus-workflows.csv",
    "email_templates": "totus-email-templates.csv",
}
KIND_OF_FILE = {
    "users": "user",
    "companies": "company",
    "contacts": "contact",
    "deals": "deal",
    "emails": "email",
    "calls": "call",
    "meetings": "meeting",
    "tasks": "task",
    "notes": "note",
    "attachments": "document",
    "workflows": None,
    "email_templates": None,
}
ID_PREFIX = {
    "users": ("USR", 3),
    "companies": ("ACC", 5),
    "contacts": ("CON", 6),
    "deals": ("DL", 5),
    "emails": ("EM", 7),
    "calls": ("CL", 7),
    "meetings": ("MT", 7),
    "tasks": ("TK", 7),
    "notes": ("NT", 7),
    "attachments": ("AT", 7),
    "workflows": ("WF", 4),
    "email_templates": ("ET", 4),
}

# What the profile says of the files that do not migrate (checked by the tests against
# migration_bridge/services/profiles/totus.py).
NOT_MIGRATED = {
    "workflows": (
        "Workflows and automations",
        "Automation rules (Settings > Technical > Automation Rules) or Studio; Marketing "
        "Automation (Enterprise) for nurture flows",
    ),
    "email_templates": (
        "Email templates",
        "Email templates (mail.template) or Email Marketing templates",
    ),
}

# ==========================================================================
# The instance's data (symbolic keys; ids are drawn from the seed)
# ==========================================================================

# key, first, last, email, role, team, active (last logins below). Tom Becker left in June 2025:
# inactive, yet he still owns companies, deals and activities.
USERS = [
    ("u1", "Maya", "Chen", "maya.chen@brightwave.example", "Admin", "Sales", "Yes"),
    ("u2", "Lucas", "Ferreira", "lucas.ferreira@brightwave.example", "Sales Rep", "Sales", "Yes"),
    (
        "u3",
        "Priya",
        "Nair",
        "priya.nair@brightwave.example",
        "Marketing Manager",
        "Marketing",
        "Yes",
    ),
    ("u4", "Tom", "Becker", "tom.becker@brightwave.example", "Sales Rep", "Sales", "No"),
]
LAST_LOGIN = {
    "u1": "2026-11-19T16:02:11Z",
    "u2": "2026-11-20T08:41:37Z",
    "u3": "2026-11-18T12:15:09Z",
    "u4": "2025-06-27T17:30:00Z",
}
LEFT = "u4"

# key, name, domain, parent, industry, phone, city, country, owner, tags,
# custom: annual revenue, employees, partner tier, key account, customer since;
# created, updated.
COMPANIES = [
    (
        "a1",
        "Northpeak Outdoor GmbH",
        "northpeak-outdoor.example",
        "",
        "Retail",
        "+49 89 5550 2210",
        "Munich",
        "Germany",
        "u1",
        "Enterprise; EMEA",
        "48500000.00",
        "420",
        "Gold",
        "Yes",
        "2021-04-12",
        "2021-03-02T10:14:00Z",
        "2026-10-06T08:31:00Z",
    ),
    (
        "a2",
        "Northpeak Outdoor Austria GmbH",
        "at.northpeak-outdoor.example",
        "a1",
        "Retail",
        "+43 1 5550 318",
        "Vienna",
        "Austria",
        "u1",
        "EMEA",
        "6200000.00",
        "38",
        "Silver",
        "No",
        "2023-02-01",
        "2022-11-21T09:02:00Z",
        "2025-10-31T16:40:00Z",
    ),
    (
        "a3",
        "Calloway Foods Inc.",
        "calloway-foods.example",
        "",
        "Food & Beverages",
        "+1 312-555-0190",
        "Chicago",
        "United States",
        "u2",
        "Mid-market; vip",
        "21750000.50",
        "160",
        "Silver",
        "Yes",
        "2022-09-30",
        "2022-06-14T15:47:00Z",
        "2026-11-18T09:05:00Z",
    ),
    (
        "a4",
        "Lumen Dental Group",
        "lumendental.example",
        "",
        "Hospital & Health Care",
        "+353 1 555 0142",
        "Dublin",
        "Ireland",
        "u4",
        "Mid-market",
        "9800000.00",
        "75",
        "Bronze",
        "No",
        "",
        "2024-10-08T11:20:00Z",
        "2025-05-28T15:31:00Z",
    ),
    (
        "a5",
        "Aster & Finch Ltd",
        "asterfinch.example",
        "",
        "Apparel & Fashion",
        "+44 20 7946 0811",
        "London",
        "United Kingdom",
        "u2",
        "VIP; EMEA",
        "13400000.00",
        "110",
        "Gold",
        "Yes",
        "2020-11-03",
        "2020-09-17T13:05:00Z",
        "2026-11-12T17:02:00Z",
    ),
    (
        "a6",
        "Kaori Robotics K.K.",
        "kaori-robotics.example",
        "",
        "Machinery",
        "+81 6 5550 7712",
        "Osaka",
        "Japan",
        "u3",
        "APAC",
        "72000000.00",
        "640",
        "Bronze",
        "No",
        "",
        "2026-08-03T02:10:00Z",
        "2026-11-02T01:45:00Z",
    ),
    (
        "a7",
        "Vela Solar S.A.",
        "vela-solar.example",
        "",
        "Renewables & Environment",
        "+351 21 555 0175",
        "Lisbon",
        "Portugal",
        "u4",
        "EMEA; Churn risk",
        "5100000.00",
        "42",
        "Bronze",
        "No",
        "2022-05-16",
        "2022-03-29T08:55:00Z",
        "2026-05-31T10:12:00Z",
    ),
    (
        "a8",
        "Brightline Print Co.",
        "brightline-print.example",
        "",
        "Printing",
        "+44 113 496 0520",
        "Leeds",
        "United Kingdom",
        "u3",
        "Supplier",
        "2300000.00",
        "18",
        "",
        "No",
        "",
        "2023-01-09T12:00:00Z",
        "2026-07-01T09:12:00Z",
    ),
]

# key, first, last, email, phone, mobile, job title, contact type, company key (or
# the company's name only), owner, lifecycle, tags,
# custom: lead score, newsletter opt-in, last webinar date, persona, interests,
# twitter handle; created, updated.
CONTACTS = [
    (
        "c01",
        "Jonas",
        "Weber",
        "jonas.weber@northpeak-outdoor.example",
        "+49 89 5550 2231",
        "+49 151 5550 1187",
        "Head of E-commerce",
        "Customer",
        "a1",
        "u1",
        "Customer",
        "Decision maker",
        "88",
        "Yes",
        "2026-03-12",
        "Economic Buyer",
        "Analytics;Automation",
        "@jweber_np",
        "2021-03-02T10:20:00Z",
        "2026-10-06T08:30:00Z",
    ),
    (
        "c02",
        "Lea",
        "Hofmann",
        "lea.hofmann@northpeak-outdoor.example",
        "+49 89 5550 2240",
        "",
        "CRM Manager",
        "Customer",
        "a1",
        "u1",
        "Customer",
        "",
        "64",
        "Yes",
        "",
        "Champion",
        "Email;Automation",
        "",
        "2022-01-17T14:02:00Z",
        "2026-09-30T14:40:00Z",
    ),
    (
        "c03",
        "Markus",
        "Gruber",
        "m.gruber@at.northpeak-outdoor.example",
        "+43 1 5550 327",
        "",
        "Marketing Lead",
        "Customer",
        "a2",
        "u1",
        "Opportunity",
        "EMEA",
        "47",
        "No",
        "2025-11-05",
        "End User",
        "Analytics",
        "",
        "2022-11-21T09:10:00Z",
        "2025-11-05T17:00:00Z",
    ),
    (
        "c04",
        "Dana",
        "Whitaker",
        "dana.whitaker@calloway-foods.example",
        "+1 312-555-0147",
        "+1 312-555-0199",
        "VP Marketing",
        "Customer",
        "a3",
        "u2",
        "Customer",
        "vip",
        "91",
        "Yes",
        "2026-09-17",
        "Economic Buyer",
        "Loyalty;Email;Analytics",
        "@danawhit",
        "2022-06-14T15:55:00Z",
        "2026-11-18T09:05:00Z",
    ),
    (
        "c05",
        "Marcus",
        "Reyes",
        "marcus.reyes@calloway-foods.example",
        "+1 312-555-0163",
        "",
        "Digital Analyst",
        "Customer",
        "a3",
        "u2",
        "SQL",
        "",
        "58",
        "No",
        "",
        "Influencer",
        "Ads",
        "",
        "2024-02-05T16:30:00Z",
        "2026-07-08T10:05:00Z",
    ),
    (
        "c06",
        "Aoife",
        "Byrne",
        "aoife.byrne@lumendental.example",
        "+353 1 555 0150",
        "",
        "Practice Manager",
        "Customer",
        "a4",
        "u4",
        "MQL",
        "Webinar lead",
        "35",
        "Yes",
        "2025-05-21",
        "Champion",
        "Email",
        "",
        "2024-10-08T11:25:00Z",
        "2025-05-28T15:31:00Z",
    ),
    (
        "c07",
        "Sofia",
        "Marino",
        "sofia.marino@asterfinch.example",
        "+44 20 7946 0822",
        "+44 7700 900315",
        "Brand Director",
        "Customer",
        "a5",
        "u2",
        "Customer",
        "VIP",
        "79",
        "Yes",
        "2026-06-09",
        "Economic Buyer",
        "Social;Ads",
        "@sofiamarino",
        "2020-09-17T13:12:00Z",
        "2026-11-12T17:02:00Z",
    ),
    (
        "c08",
        "Kaori",
        "Tanaka",
        "k.tanaka@kaori-robotics.example",
        "+81 6 5550 7720",
        "",
        "Marketing Manager",
        "Customer",
        "a6",
        "u3",
        "Opportunity",
        "APAC",
        "52",
        "No",
        "",
        "End User",
        "Automation;Analytics",
        "",
        "2026-08-03T02:15:00Z",
        "2026-11-02T01:45:00Z",
    ),
    (
        "c09",
        "Hiroshi",
        "Sato",
        "h.sato@kaori-robotics.example",
        "",
        "",
        "Product Owner",
        "Customer",
        "a6",
        "u3",
        "Lead",
        "",
        "22",
        "No",
        "",
        "Influencer",
        "",
        "",
        "2026-09-14T03:40:00Z",
        "2026-09-14T03:40:00Z",
    ),
    (
        "c10",
        "Inês",
        "Carvalho",
        "ines.carvalho@vela-solar.example",
        "+351 21 555 0180",
        "",
        "Head of Growth",
        "Customer",
        "a7",
        "u4",
        "Customer",
        "Churn risk",
        "41",
        "Yes",
        "2025-02-26",
        "Champion",
        "Email;Social",
        "",
        "2022-03-29T09:00:00Z",
        "2026-05-31T10:12:00Z",
    ),
    (
        "c11",
        "Gareth",
        "Pryce",
        "gareth.pryce@brightline-print.example",
        "+44 113 496 0533",
        "",
        "Account Manager",
        "Vendor",
        "a8",
        "u3",
        "Other",
        "Supplier",
        "",
        "No",
        "",
        "",
        "",
        "",
        "2023-01-09T12:05:00Z",
        "2026-05-12T16:30:00Z",
    ),
    (
        "c12",
        "Nadia",
        "Osei",
        "nadia.osei@brightline-print.example",
        "+44 113 496 0541",
        "",
        "Billing",
        "Vendor",
        "a8",
        "u3",
        "Other",
        "Supplier; Print",
        "",
        "No",
        "",
        "",
        "",
        "",
        "2023-01-09T12:07:00Z",
        "2026-07-01T09:12:00Z",
    ),
    (
        "c13",
        "Elena",
        "Petrova",
        "elena.petrova@brightwave.example",
        "",
        "+44 7700 900488",
        "Customer Success Lead",
        "Employee",
        IN_HOUSE,
        "u1",
        "Other",
        "Internal",
        "",
        "Yes",
        "2026-10-08",
        "",
        "Analytics",
        "@elena_bw",
        "2024-04-02T08:00:00Z",
        "2026-10-08T18:00:00Z",
    ),
    (
        "c14",
        "Zoë",
        "Lambert",
        "zoe.lambert@brightwave.example",
        "",
        "",
        "Solutions Engineer",
        "Employee",
        IN_HOUSE,
        "u1",
        "Other",
        "Internal",
        "",
        "Yes",
        "",
        "",
        "",
        "",
        "2025-01-13T08:00:00Z",
        "2025-01-13T08:00:00Z",
    ),
    # Sofia Marino again: a newsletter sign-up the form created before sales met her,
    # same email (other case), no company. A possible duplicate, loaded with a warning.
    (
        "c15",
        "Sofia",
        "Marino",
        "Sofia.Marino@asterfinch.example",
        "",
        "",
        "",
        "Customer",
        "",
        "u3",
        "Subscriber",
        "",
        "12",
        "Yes",
        "2024-12-04",
        "",
        "Social",
        "",
        "2024-11-28T19:44:00Z",
        "2024-12-04T17:00:00Z",
    ),
]

# key, name, pipeline, stage, amount, currency, probability, close date, owner,
# company, primary contact, tags, lost reason,
# custom: deal source, contract length (months), multi-year; created, updated.
DEALS = [
    (
        "d1",
        "Northpeak - Loyalty platform rollout",
        "New Business",
        "Negotiation",
        "184000.00",
        "EUR",
        "80",
        "2026-12-18",
        "u1",
        "a1",
        "c01",
        "Enterprise",
        "",
        "Webinar",
        "36",
        "Yes",
        "2026-07-20T09:00:00Z",
        "2026-11-10T10:44:00Z",
    ),
    (
        "d2",
        "Northpeak Austria - Email automation",
        "New Business",
        "Closed Won",
        "26500.00",
        "EUR",
        "100",
        "2025-10-31",
        "u1",
        "a2",
        "c03",
        "",
        "",
        "Referral",
        "12",
        "No",
        "2025-06-02T08:30:00Z",
        "2025-10-31T16:40:00Z",
    ),
    (
        "d3",
        "Calloway - Campaign analytics",
        "New Business",
        "Proposal Sent",
        "72000.00",
        "USD",
        "60",
        "2027-01-29",
        "u2",
        "a3",
        "c04",
        "vip",
        "",
        "Inbound",
        "24",
        "Yes",
        "2026-06-22T14:00:00Z",
        "2026-11-18T09:05:00Z",
    ),
    (
        "d4",
        "Lumen Dental - Patient reactivation",
        "New Business",
        "Closed Lost",
        "31000.00",
        "EUR",
        "0",
        "2025-04-30",
        "u4",
        "a4",
        "c06",
        "",
        "Chose a competitor",
        "Webinar",
        "12",
        "No",
        "2024-11-12T10:00:00Z",
        "2025-04-30T15:00:00Z",
    ),
    (
        "d5",
        "Aster & Finch - Social ads suite",
        "New Business",
        "Qualified",
        "45800.00",
        "GBP",
        "40",
        "2027-03-31",
        "u2",
        "a5",
        "c07",
        "VIP",
        "",
        "Outbound",
        "12",
        "No",
        "2026-05-18T11:00:00Z",
        "2026-06-10T13:30:00Z",
    ),
    (
        "d6",
        "Kaori Robotics - Marketing cloud pilot",
        "New Business",
        "New",
        "4800000",
        "JPY",
        "10",
        "2027-06-30",
        "u3",
        "a6",
        "c08",
        "APAC",
        "",
        "Outbound",
        "6",
        "No",
        "2026-10-27T02:30:00Z",
        "2026-11-02T01:45:00Z",
    ),
    (
        "d7",
        "Calloway - Renewal 2026",
        "Renewals",
        "Renewed",
        "64000.00",
        "USD",
        "100",
        "2026-09-30",
        "u2",
        "a3",
        "c04",
        "",
        "",
        "Inbound",
        "12",
        "No",
        "2026-06-01T09:00:00Z",
        "2026-09-30T17:20:00Z",
    ),
    (
        "d8",
        "Vela Solar - Renewal 2026",
        "Renewals",
        "Churned",
        "18900.00",
        "EUR",
        "0",
        "2026-05-31",
        "u4",
        "a7",
        "c10",
        "Churn risk",
        "Budget cuts",
        "Webinar",
        "12",
        "No",
        "2025-03-03T10:00:00Z",
        "2026-05-31T10:12:00Z",
    ),
    (
        "d9",
        "Aster & Finch - Renewal 2027",
        "Renewals",
        "Renewal Due",
        "52000.00",
        "GBP",
        "70",
        "2027-02-28",
        "u2",
        "a5",
        "c07",
        "VIP",
        "",
        "Referral",
        "24",
        "Yes",
        "2026-10-01T08:00:00Z",
        "2026-11-12T17:02:00Z",
    ),
    (
        "d10",
        "Northpeak - Analytics add-on",
        "New Business",
        "Closed Won",
        "38400.00",
        "EUR",
        "100",
        "2026-06-15",
        "u1",
        "a1",
        "c02",
        "Upsell",
        "",
        "Outbound",
        "12",
        "No",
        "2026-03-09T13:00:00Z",
        "2026-06-15T11:00:00Z",
    ),
]
PIPELINES = {
    "New Business": [
        "New",
        "Qualified",
        "Proposal Sent",
        "Negotiation",
        "Closed Won",
        "Closed Lost",
    ],
    "Renewals": ["Renewal Due", "Renewed", "Churned"],
}
WON_STAGES = ("Closed Won", "Renewed")
LOST_STAGES = ("Closed Lost", "Churned")

EXTERNAL = "procurement@northpeak-outdoor.example"  # an attendee the CRM does not know

# key, sent at, subject, body, sender, recipients, direction, opens, clicks,
# contact, company, deal. Rows are not in date order (the chatter must sort them).
EMAILS = [
    (
        "e2",
        "2026-10-03T07:48:00Z",
        "RE: Loyalty platform: rollout plan",
        "Hi Maya,\nthe plan works for us. Procurement will send the PO next week.\n\nJonas",
        "c01",
        ["u1"],
        "Received",
        "",
        "",
        "c01",
        "a1",
        "d1",
    ),
    (
        "e1",
        "2026-10-02T09:14:00Z",
        "Loyalty platform: rollout plan",
        "Hello Jonas, hello Lea,\nattached is the rollout plan in three waves.\n\nBest,\nMaya",
        "u1",
        ["c01", "c02"],
        "Sent",
        "5",
        "2",
        "c01",
        "a1",
        "d1",
    ),
    (
        "e3",
        "2026-08-20T15:30:00Z",
        "Proposal: campaign analytics",
        '<p>Dana,</p><p>our proposal is online: <a href="https://brightwave.example/p/calloway">'
        "view the proposal</a>.</p><p>Lucas</p>",
        "u2",
        ["c04"],
        "Sent",
        "3",
        "1",
        "c04",
        "a3",
        "d3",
    ),
    (
        "e4",
        "2025-05-14T10:05:00Z",
        "Your webinar recording",
        "Hi Aoife,\nhere is the recording of yesterday's webinar.\nPriya",
        "u3",
        ["c06"],
        "Sent",
        "1",
        "0",
        "c06",
        "a4",
        "",
    ),
    (
        "e7",
        "2026-11-05T11:40:00Z",
        "Renewal terms 2027",
        "Sofia,\nplease find the renewal terms for 2027.\nLucas",
        "u2",
        ["c07"],
        "Sent",
        "0",
        "0",
        "c07",
        "a5",
        "d9",
    ),
    (
        "e5",
        "2026-06-10T13:22:00Z",
        "Spring collection: social ads",
        "Sofia,\nthe ad sets for the spring collection are ready for review.\nLucas",
        "u2",
        ["c07"],
        "Sent",
        "7",
        "4",
        "c07",
        "a5",
        "d5",
    ),
    (
        "e6",
        "2026-07-01T08:00:00Z",
        "Invoice question",
        "Hello Priya,\ninvoice 2026-118 lists 4,000 catalogues; we printed 3,500.\nNadia",
        "c12",
        ["u3"],
        "Received",
        "",
        "",
        "c12",
        "a8",
        "",
    ),
]

# key, call date, title, notes, duration (seconds), outcome, direction,
# status, assigned to, contact, company, deal, created.
CALLS = [
    (
        "k1",
        "2026-09-24T14:00:00Z",
        "Discovery call",
        "<p>Needs loyalty tiers and POS sync.</p>",
        "1860",
        "Connected",
        "Outbound",
        "Completed",
        "u1",
        "c01",
        "a1",
        "d1",
        "2026-09-20T08:00:00Z",
    ),
    (
        "k2",
        "2026-11-26T10:00:00Z",
        "Pricing follow-up",
        "",
        "",
        "",
        "Outbound",
        "Scheduled",
        "u2",
        "c04",
        "a3",
        "d3",
        "2026-11-18T09:05:00Z",
    ),
    (
        "k3",
        "2025-04-02T09:30:00Z",
        "Check-in after the demo",
        "No answer, voicemail box full.",
        "25",
        "No answer",
        "Outbound",
        "Completed",
        "u4",
        "c06",
        "a4",
        "d4",
        "2025-04-01T16:00:00Z",
    ),
    (
        "k4",
        "2026-05-12T16:15:00Z",
        "Catalogue reprint",
        "Gareth called about the reprint of the spring catalogue.",
        "465",
        "Connected",
        "Inbound",
        "Completed",
        "u3",
        "c11",
        "a8",
        "",
        "2026-05-12T16:30:00Z",
    ),
    (
        "k5",
        "2026-12-03T08:30:00Z",
        "Renewal kick-off",
        "",
        "",
        "",
        "Outbound",
        "Scheduled",
        "u2",
        "c07",
        "a5",
        "d9",
        "2026-11-12T17:02:00Z",
    ),
    (
        "k6",
        "2025-05-20T11:00:00Z",
        "Renewal risk call",
        "Budget frozen until Q3.",
        "540",
        "Left voicemail",
        "Outbound",
        "Completed",
        "u4",
        "c10",
        "a7",
        "d8",
        "2025-05-20T11:10:00Z",
    ),
]

# key, title, start, end, location, description, attendees, organizer, outcome,
# contact, company, deal, created.
MEETINGS = [
    (
        "m1",
        "Loyalty platform demo",
        "2026-09-30T13:00:00Z",
        "2026-09-30T14:30:00Z",
        "Zoom",
        "Demo of tiers, vouchers and the POS sync.",
        ["c01", "c02", EXTERNAL],
        "u1",
        "Completed",
        "c01",
        "a1",
        "d1",
        "2026-09-24T14:40:00Z",
    ),
    (
        "m2",
        "Quarterly business review",
        "2026-07-08T09:00:00Z",
        "2026-07-08T10:00:00Z",
        "Calloway HQ, Chicago",
        "",
        ["c04", "c05"],
        "u2",
        "Completed",
        "c04",
        "a3",
        "d3",
        "2026-06-30T12:00:00Z",
    ),
    (
        "m3",
        "Pilot scoping workshop",
        "2026-12-09T01:00:00Z",
        "2026-12-09T03:00:00Z",
        "Kaori Robotics, Osaka",
        "Scope the pilot: data sources, first campaigns.",
        ["c08", "c09"],
        "u3",
        "",
        "c08",
        "a6",
        "d6",
        "2026-11-02T01:45:00Z",
    ),
    (
        "m4",
        "Print run review",
        "2026-03-03T14:00:00Z",
        "2026-03-03T14:45:00Z",
        "Microsoft Teams",
        "",
        ["c11", "c12"],
        "u3",
        "Completed",
        "c11",
        "a8",
        "",
        "2026-02-24T10:00:00Z",
    ),
    (
        "m5",
        "Webinar follow-up",
        "2025-05-28T15:00:00Z",
        "2025-05-28T15:30:00Z",
        "Google Meet",
        "",
        ["c06"],
        "u4",
        "No show",
        "c06",
        "a4",
        "",
        "2025-05-21T09:00:00Z",
    ),
]

# key, title, description, due, status, type, assigned to, completed at, contact,
# company, deal, created.
TASKS = [
    (
        "t2",
        "Prepare the contract draft",
        "",
        "2026-12-01T17:00:00Z",
        "Not Started",
        "To-do",
        "u1",
        "",
        "c01",
        "a1",
        "d1",
        "2026-11-10T10:44:00Z",
    ),
    (
        "t1",
        "Send the rollout plan",
        "<p>Include the POS timeline.</p>",
        "2026-10-02T09:00:00Z",
        "Completed",
        "Email",
        "u1",
        "2026-10-02T09:10:00Z",
        "c01",
        "a1",
        "d1",
        "2026-09-30T14:40:00Z",
    ),
    (
        "t3",
        "Call back about pricing",
        "",
        "2026-11-27T15:00:00Z",
        "In Progress",
        "Call",
        "u2",
        "",
        "c04",
        "a3",
        "d3",
        "2026-11-18T09:05:00Z",
    ),
    (
        "t4",
        "Update the billing contact",
        "",
        "2025-05-02T12:00:00Z",
        "Completed",
        "Follow-up",
        "u4",
        "2025-05-02T11:20:00Z",
        "c06",
        "a4",
        "",
        "2025-04-30T15:00:00Z",
    ),
    (
        "t5",
        "Collect print quotes",
        "<p>Three quotes for the spring catalogue.</p>",
        "2026-02-20T12:00:00Z",
        "Completed",
        "To-do",
        "u3",
        "2026-02-19T16:45:00Z",
        "",
        "a8",
        "",
        "2026-02-02T09:00:00Z",
    ),
    (
        "t6",
        "Renewal health check",
        "",
        "2026-12-15T09:00:00Z",
        "Waiting",
        "To-do",
        "u2",
        "",
        "c07",
        "a5",
        "d9",
        "2026-11-12T17:02:00Z",
    ),
]

# key, body (HTML; IMAGE is replaced by an inline PNG), author, contact, company, deal,
# created. n5 is on a contact deleted before the export: the orphan.
IMAGE = "{IMAGE}"
NOTES = [
    (
        "n2",
        '<p>Store layout sketched by Jonas:</p><p><img src="{IMAGE}" alt="store layout"></p>',
        "u1",
        "c01",
        "a1",
        "d1",
        "2026-10-06T08:30:00Z",
    ),
    (
        "n1",
        "<p>Kick-off notes:</p><ul><li>Rollout in <strong>3 waves</strong></li>"
        "<li>POS sync through the API</li></ul>",
        "u1",
        "c01",
        "a1",
        "d1",
        "2026-09-25T10:00:00Z",
    ),
    (
        "n3",
        "<p>Aoife asked for the data processing terms &amp; a DPA.</p>",
        "u4",
        "c06",
        "a4",
        "d4",
        "2025-03-18T14:10:00Z",
    ),
    (
        "n4",
        "<p>Vendor onboarding done; payment terms <em>30 days</em>.</p>",
        "u3",
        "",
        "a8",
        "",
        "2026-01-14T11:00:00Z",
    ),
    (
        "n5",
        "<p>Asked to be removed from every list (GDPR request).</p>",
        "u3",
        "DELETED",
        "",
        "",
        "2025-08-11T09:45:00Z",
    ),
    (
        "n6",
        "<p>Board approved the renewal budget.<br>Decision expected in <em>February</em>.</p>",
        "u2",
        "c07",
        "a5",
        "d9",
        "2026-11-12T17:00:00Z",
    ),
]

# key, file name, content type, blob, contact, company, deal, uploaded at.
ATTACHMENTS = [
    (
        "f1",
        "northpeak-rollout-plan.pdf",
        "application/pdf",
        "pdf",
        "c01",
        "a1",
        "d1",
        "2026-10-02T09:12:00Z",
    ),
    ("f2", "calloway-logo.png", "image/png", "png", "", "a3", "", "2026-08-21T16:00:00Z"),
    (
        "f3",
        "print-quote-spring.txt",
        "text/plain",
        "txt",
        "c12",
        "a8",
        "",
        "2026-02-19T16:40:00Z",
    ),
]

# key, name, type, object, trigger, conditions, steps, status, enrolled, created, updated.
# The steps are a list whose lines start with '-' (a spreadsheet would read a formula).
WORKFLOWS = [
    (
        "w1",
        "Welcome series",
        "Workflow",
        "Contact",
        "Contact created with Newsletter Opt-in = Yes",
        "Lifecycle is Subscriber",
        "- Send email 'Welcome 1'\n- Wait 3 days\n- Send email 'Welcome 2'\n- Add tag 'Nurtured'",
        "Active",
        "412",
        "2023-05-02T09:00:00Z",
        "2026-02-11T10:30:00Z",
    ),
    (
        "w2",
        "MQL handoff",
        "Automation",
        "Contact",
        "Lead Score changes to 60 or more",
        "Lifecycle is Lead or MQL",
        "- Set Lifecycle to SQL\n- Assign owner (round robin: Sales)\n"
        "- Create task 'Call the new SQL' due in 1 day",
        "Active",
        "57",
        "2023-09-18T14:00:00Z",
        "2025-06-30T08:00:00Z",
    ),
    (
        "w3",
        "Deal won: onboarding",
        "Automation",
        "Deal",
        "Deal Stage changes to Closed Won",
        "Pipeline is New Business",
        "- Create task 'Kick-off call' for the owner\n- Notify @onboarding\n"
        "- Send email 'Welcome aboard'",
        "Active",
        "23",
        "2024-01-10T11:00:00Z",
        "2026-03-01T09:00:00Z",
    ),
    (
        "w4",
        "Renewal reminder",
        "Sequence",
        "Deal",
        "90 days before Close Date",
        "Pipeline is Renewals",
        "- Email the owner\n- Create task 'Renewal health check'",
        "Paused",
        "9",
        "2024-06-03T08:00:00Z",
        "2026-10-01T08:00:00Z",
    ),
    (
        "w5",
        "Webinar no-show follow-up",
        "Workflow",
        "Contact",
        "Form 'Webinar registration' submitted",
        "Attended is No",
        "- Send email 'Sorry we missed you'\n- Wait 2 days\n- Create task 'Offer a 1:1 demo'",
        "Draft",
        "0",
        "2025-04-14T13:00:00Z",
        "2025-04-14T13:00:00Z",
    ),
]

# key, name, parent template (TOTUS's distributed template hierarchy: a master and its
# regional variants), region, subject, used by, updated.
EMAIL_TEMPLATES = [
    ("et1", "Welcome 1 (master)", "", "Global", "Welcome to Brightwave", "w1", "2025-01-08"),
    ("et2", "Welcome 1 (DACH)", "et1", "DACH", "Willkommen bei Brightwave", "w1", "2025-03-19"),
    ("et3", "Welcome 2 (master)", "", "Global", "Three ideas for your first campaign", "w1", ""),
    ("et4", "Sorry we missed you", "", "Global", "Your webinar recording", "w5", "2025-04-14"),
]

# The custom properties: (file, header) -> TOTUS type, and the Odoo type a custom field
# of that column takes (what discovery infers from the values written).
CUSTOM_PROPERTIES = {
    "companies": {
        "Annual Revenue": ("number", "float"),
        "Employees": ("number", "integer"),
        "Partner Tier": ("dropdown", "selection"),
        "Key Account": ("yes/no", "boolean"),
        "Customer Since": ("date", "date"),
    },
    "contacts": {
        "Lifecycle": ("dropdown (standard, no Odoo field)", "selection"),
        "Lead Score": ("number", "integer"),
        "Newsletter Opt-in": ("yes/no", "boolean"),
        "Last Webinar Date": ("date", "date"),
        "Persona": ("dropdown", "selection"),
        "Interests": ("multi-select", "char"),
        "Twitter Handle": ("text", "char"),
    },
    "deals": {
        "Currency": ("currency code (crm.lead has no currency field)", "selection"),
        # "Deal Source" is no custom field: it is the lead's Source (utm.source)
        "Contract Length (months)": ("number", "integer"),
        "Multi-year": ("yes/no", "boolean"),
    },
    "meetings": {
        "Meeting Outcome": ("dropdown", "selection"),
    },
}

COLUMNS = {
    "users": ["User ID", "First Name", "Last Name", "Email", "Role", "Team", "Active"]
    + ["Last Login"],
    "companies": [
        "Company ID",
        "Company Name",
        "Domain",
        "Parent Company ID",
        "Industry",
        "Phone",
        "City",
        "Country",
        "Owner Email",
        "Tags",
        "Annual Revenue",
        "Employees",
        "Partner Tier",
        "Key Account",
        "Customer Since",
        "Created At",
        "Updated At",
    ],
    "contacts": [
        "Contact ID",
        "First Name",
        "Last Name",
        "Email",
        "Phone",
        "Mobile",
        "Job Title",
        "Contact Type",
        "Company ID",
        "Company",
        "Owner Email",
        "Lifecycle",
        "Tags",
        "Lead Score",
        "Newsletter Opt-in",
        "Last Webinar Date",
        "Persona",
        "Interests",
        "Twitter Handle",
        "Created At",
        "Updated At",
    ],
    "deals": [
        "Deal ID",
        "Deal Name",
        "Pipeline",
        "Deal Stage",
        "Amount",
        "Currency",
        "Probability (%)",
        "Close Date",
        "Owner Email",
        "Company ID",
        "Primary Contact ID",
        "Tags",
        "Lost Reason",
        "Deal Source",
        "Contract Length (months)",
        "Multi-year",
        "Created At",
        "Updated At",
    ],
    "emails": [
        "Email ID",
        "Sent At",
        "Subject",
        "Body",
        "From",
        "To",
        "Direction",
        "Opens",
        "Clicks",
        "Contact ID",
        "Company ID",
        "Deal ID",
    ],
    "calls": [
        "Call ID",
        "Call Date",
        "Title",
        "Notes",
        "Duration (seconds)",
        "Outcome",
        "Direction",
        "Status",
        "Assigned To",
        "Contact ID",
        "Company ID",
        "Deal ID",
        "Created At",
    ],
    "meetings": [
        "Meeting ID",
        "Title",
        "Start Time",
        "End Time",
        "Location",
        "Description",
        "Attendees",
        "Organizer Email",
        "Meeting Outcome",
        "Contact ID",
        "Company ID",
        "Deal ID",
        "Created At",
    ],
    "tasks": [
        "Task ID",
        "Title",
        "Description",
        "Due Date",
        "Status",
        "Type",
        "Assigned To",
        "Completed At",
        "Contact ID",
        "Company ID",
        "Deal ID",
        "Created At",
    ],
    "notes": [
        "Note ID",
        "Body",
        "Author Email",
        "Contact ID",
        "Company ID",
        "Deal ID",
        "Created At",
    ],
    "attachments": [
        "Attachment ID",
        "File Name",
        "File Path",
        "Content Type",
        "Size (bytes)",
        "Contact ID",
        "Company ID",
        "Deal ID",
        "Note ID",
        "Uploaded At",
    ],
    "workflows": [
        "Workflow ID",
        "Name",
        "Type",
        "Object",
        "Trigger",
        "Conditions",
        "Steps",
        "Status",
        "Enrolled",
        "Created At",
        "Updated At",
    ],
    "email_templates": [
        "Template ID",
        "Name",
        "Parent Template ID",
        "Region",
        "Subject",
        "Used By Workflow ID",
        "Updated At",
    ],
}

# ==========================================================================
# Helpers
# ==========================================================================


class Ids:
    """Ids drawn from the seed: a prefix and a fixed number of digits, never twice."""

    def __init__(self, rng):
        self.rng = rng
        self.ids = {}
        self.taken = set()

    def new(self, table, key):
        prefix, digits = ID_PREFIX[table]
        while True:
            value = "%s-%d" % (prefix, self.rng.randrange(10 ** (digits - 1), 10**digits))
            if value not in self.taken:
                break
        self.taken.add(value)
        self.ids[key] = value
        return value

    def __getitem__(self, key):
        return self.ids[key] if key else ""


def csv_bytes(columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        assert len(row) == len(columns), (columns, row)
        writer.writerow(row)
    return (BOM + buffer.getvalue()).encode("utf-8")


def read_rows(path):
    """(first physical line of the record, row) of each data row, as the readers number them."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        headers = next(reader)
        line = reader.line_num + 1
        rows = []
        for cells in reader:
            rows.append((line, dict(zip(headers, cells, strict=True))))
            line = reader.line_num + 1
        return rows


def read_csv(path):
    return [row for _line, row in read_rows(path)]


def split_list(value):
    return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]


def iso(value):
    """'2026-09-24T14:00:00Z' -> '2026-09-24 14:00:00' (UTC, as expected.json writes it)."""
    return value.replace("T", " ").removesuffix("Z")


def slug(header):
    return "x_" + re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


def tiny_png(width, height, colour):
    """A valid RGB PNG (a checkerboard of ``colour``)."""

    def pixel(x, y):
        shade = 255 if (x // 2 + y // 2) % 2 else 0
        return (colour[0] ^ shade, colour[1], colour[2] ^ shade)

    return png(width, height, pixel)


def make_ids(rng):
    ids = Ids(rng)
    for table, rows in (
        ("users", USERS),
        ("companies", COMPANIES),
        ("contacts", CONTACTS),
        ("deals", DEALS),
        ("emails", EMAILS),
        ("calls", CALLS),
        ("meetings", MEETINGS),
        ("tasks", TASKS),
        ("notes", NOTES),
        ("attachments", ATTACHMENTS),
        ("workflows", WORKFLOWS),
        ("email_templates", EMAIL_TEMPLATES),
    ):
        for row in rows:
            ids.new(table, row[0])
    ids.new("contacts", "DELETED")  # a contact deleted before the export
    return ids


def export_files(rng):
    """{relative path: bytes} of the export."""
    ids = make_ids(rng)
    email_of = {row[0]: row[3] for row in USERS}
    email_of.update({row[0]: row[3] for row in CONTACTS})
    company_name = {row[0]: row[1] for row in COMPANIES}
    inline = "data:image/png;base64," + base64.b64encode(tiny_png(12, 8, (40, 120, 200))).decode(
        "ascii"
    )
    blobs = {
        "pdf": tiny_pdf(
            ["Northpeak Outdoor - Loyalty platform", "Rollout plan in three waves", "Q1-Q3 2027"]
        ),
        "png": tiny_png(16, 16, (200, 60, 30)),
        "txt": b"Brightline Print Co. - quote Q-2026-031\n"
        b"Spring catalogue, 3,500 copies, A4, 48 pages: GBP 6,120.00\n"
        b"Valid 30 days.\n",
    }

    def emails(keys):
        return ";".join(email_of.get(key, key) for key in keys)

    tables = {
        "users": [
            [ids[key], first, last, email, role, team, active, LAST_LOGIN[key]]
            for key, first, last, email, role, team, active in USERS
        ],
        "companies": [
            [ids[row[0]], row[1], row[2], ids[row[3]], *row[4:8], email_of[row[8]], *row[9:]]
            for row in COMPANIES
        ],
        "contacts": [],
        "deals": [
            [
                ids[row[0]],
                *row[1:8],
                email_of[row[8]],
                ids[row[9]],
                ids[row[10]],
                *row[11:],
            ]
            for row in DEALS
        ],
        "emails": [
            [
                ids[key],
                sent,
                subject,
                body,
                email_of[sender],
                emails(to),
                direction,
                opens,
                clicks,
                ids[contact],
                ids[company],
                ids[deal],
            ]
            for (
                key,
                sent,
                subject,
                body,
                sender,
                to,
                direction,
                opens,
                clicks,
                contact,
                company,
                deal,
            ) in EMAILS
        ],
        "calls": [
            [ids[row[0]], *row[1:8], email_of[row[8]], ids[row[9]], ids[row[10]], ids[row[11]]]
            + [row[12]]
            for row in CALLS
        ],
        "meetings": [
            [ids[row[0]], *row[1:6], emails(row[6]), email_of[row[7]], row[8]]
            + [ids[row[9]], ids[row[10]], ids[row[11]], row[12]]
            for row in MEETINGS
        ],
        "tasks": [
            [ids[row[0]], *row[1:6], email_of[row[6]], row[7]]
            + [ids[row[8]], ids[row[9]], ids[row[10]], row[11]]
            for row in TASKS
        ],
        "notes": [
            [
                ids[key],
                body.replace(IMAGE, inline),
                email_of[author],
                ids[contact],
                ids[company],
                ids[deal],
                created,
            ]
            for key, body, author, contact, company, deal, created in NOTES
        ],
        "attachments": [],
        "workflows": [[ids[row[0]], *row[1:]] for row in WORKFLOWS],
        "email_templates": [
            [ids[key], name, ids[parent], region, subject, ids[used_by], updated]
            for key, name, parent, region, subject, used_by, updated in EMAIL_TEMPLATES
        ],
    }
    for row in CONTACTS:
        key, first, last, email, phone, mobile, title, ctype, company, owner, *rest = row
        company_id = ids[company] if company in company_name else ""
        name = company_name.get(company, company)
        tables["contacts"].append(
            [ids[key], first, last, email, phone, mobile, title, ctype, company_id, name]
            + [email_of[owner], *rest]
        )
    files = {}
    for index, (key, name, content_type, blob, contact, company, deal, uploaded) in enumerate(
        ATTACHMENTS
    ):
        path = "files/" + name
        files[path] = blobs[blob]
        # The first file was attached to a note of its deal (a note with its attachment).
        note = next((n[0] for n in tables["notes"] if n[5] == ids[deal]), "") if not index else ""
        tables["attachments"].append(
            [ids[key], name, path, content_type, str(len(blobs[blob]))]
            + [ids[contact], ids[company], ids[deal], note, uploaded]
        )
    for table, columns in COLUMNS.items():
        files[FILES[table]] = csv_bytes(columns, tables[table])
    return files, ids


# ==========================================================================
# Expectations, computed from the files written
# ==========================================================================


def engagements(folder):
    """Where each engagement lands: its deal, else its contact, else its company."""
    kinds = {}
    for table, kind in (("companies", "company"), ("contacts", "contact"), ("deals", "deal")):
        for row in read_csv(folder / FILES[table]):
            kinds[row[COLUMNS[table][0]]] = kind
    result = []
    orphans = []

    def on(row):
        for column in ("Deal ID", "Contact ID", "Company ID"):
            if row[column] and row[column] in kinds:
                return {"kind": kinds[row[column]], "source_id": row[column]}
        return None

    def entry(table, line, row, lands_as, date, subject, kind, **extra):
        target = on(row)
        source_id = row[COLUMNS[table][0]]
        if target is None:
            missing = next((c, row[c]) for c in ("Deal ID", "Contact ID", "Company ID") if row[c])
            orphans.append(
                {
                    "file": FILES[table],
                    "row": line,
                    "index": len([r for r in result if r["file"] == FILES[table]]) + 1,
                    "source_id": source_id,
                    "column": missing[0],
                    "missing_id": missing[1],
                }
            )
            lands_as = "orphan"
        result.append(
            {
                "file": FILES[table],
                "source_id": source_id,
                "lands_as": lands_as,
                "on": target,
                "date": date,
                "subject": subject or None,
                "type": kind,
                **extra,
            }
        )

    for line, row in read_rows(folder / FILES["emails"]):
        entry(
            "emails",
            line,
            row,
            "message",
            iso(row["Sent At"]),
            row["Subject"],
            "email",
            direction="outgoing" if row["Direction"] == "Sent" else "incoming",
            opens=int(row["Opens"]) if row["Opens"] else None,
            clicks=int(row["Clicks"]) if row["Clicks"] else None,
        )
    for line, row in read_rows(folder / FILES["calls"]):
        done = row["Status"] == "Completed"
        raw = row["Duration (seconds)"]
        seconds = None
        if raw:
            parts = [int(p) for p in raw.split(":")]
            seconds = parts[0] * 3600 + parts[1] * 60 + parts[2] if len(parts) == 3 else parts[0]
        entry(
            "calls",
            line,
            row,
            "message" if done else "activity",
            iso(row["Call Date"]) if done else row["Call Date"][:10],
            row["Title"],
            "call",
            done=done,
            duration_seconds=seconds,
            outcome=row["Outcome"] or None,
        )
    for line, row in read_rows(folder / FILES["meetings"]):
        entry(
            "meetings",
            line,
            row,
            "event",
            iso(row["Start Time"]),
            row["Title"],
            "meeting",
            attendees=split_list(row["Attendees"]),
            allday=False,
        )
    for line, row in read_rows(folder / FILES["tasks"]):
        done = row["Status"] == "Completed"
        entry(
            "tasks",
            line,
            row,
            "message" if done else "activity",
            iso(row["Completed At"]) if done else row["Due Date"][:10],
            row["Title"],
            "task",
            done=done,
        )
    for line, row in read_rows(folder / FILES["notes"]):
        entry(
            "notes",
            line,
            row,
            "message",
            iso(row["Created At"]),
            None,
            "note",
            inline_image="data:image/png;base64," in row["Body"],
        )
    for line, row in read_rows(folder / FILES["attachments"]):
        data = (folder / row["File Path"]).read_bytes()
        assert len(data) == int(row["Size (bytes)"]), row
        entry(
            "attachments",
            line,
            row,
            "attachment",
            iso(row["Uploaded At"]),
            row["File Name"],
            "document",
            file_size=len(data),
            file_sha1=hashlib.sha1(data).hexdigest(),
            message=row["Note ID"] or None,
        )
    return result, orphans


def timelines(items):
    """Per record, its messages' source ids in date order (two or more messages)."""
    by_record = {}
    for item in items:
        if item["lands_as"] == "message":
            key = "%s:%s" % (item["on"]["kind"], item["on"]["source_id"])
            by_record.setdefault(key, []).append(item)
    return {
        key: [item["source_id"] for item in sorted(found, key=lambda i: i["date"])]
        for key, found in sorted(by_record.items())
        if len(found) >= 2
    }


def custom_properties(folder):
    result = {}
    for table, properties in CUSTOM_PROPERTIES.items():
        rows = read_csv(folder / FILES[table])
        result[FILES[table]] = {}
        for header, (totus_type, ttype) in properties.items():
            filled = [row[header] for row in rows if row[header]]
            item = {"totus_type": totus_type, "field": slug(header), "ttype": ttype}
            if ttype == "selection":
                item["values"] = sorted(set(filled))
            result[FILES[table]][header] = item
    return result


def expected(folder):
    users = read_csv(folder / FILES["users"])
    companies = read_csv(folder / FILES["companies"])
    contacts = read_csv(folder / FILES["contacts"])
    deals = read_csv(folder / FILES["deals"])
    company_names = {row["Company Name"] for row in companies}
    from_contacts = []
    for row in contacts:
        if not row["Company ID"] and row["Company"] and row["Company"] not in company_names:
            if row["Company"] not in from_contacts:
                from_contacts.append(row["Company"])
    owners = set()
    for table in FILES:
        if KIND_OF_FILE[table] in (None, "user"):
            continue
        for row in read_csv(folder / FILES[table]):
            for column in ("Owner Email", "Assigned To", "Organizer Email", "Author Email"):
                if row.get(column):
                    owners.add(row[column])
    emails = {}
    for row in contacts:
        emails.setdefault(row["Email"].lower(), []).append(row["Contact ID"])
    items, orphans = engagements(folder)
    return {
        "profile": "totus",
        "export_day": EXPORT_DAY,
        "files": {FILES[table]: len(read_csv(folder / FILES[table])) for table in FILES},
        "kinds": {FILES[table]: KIND_OF_FILE[table] for table in FILES},
        "documents": sorted(row["File Path"] for row in read_csv(folder / FILES["attachments"])),
        "not_migrated": [
            {
                "file": FILES[table],
                "rows": len(read_csv(folder / FILES[table])),
                "object": NOT_MIGRATED[table][0],
                "equivalent": NOT_MIGRATED[table][1],
            }
            for table in ("workflows", "email_templates")
        ],
        "owners": [row["Email"] for row in users if row["Email"] in owners],
        "inactive_owners": [
            row["Email"] for row in users if row["Active"] == "No" and row["Email"] in owners
        ],
        "records": {
            "users": len(users),
            # the companies of the file plus those only named on a contact
            "companies": len(companies) + len(from_contacts),
            "contacts": len(contacts),
            "deals": len(deals),
            "won": sum(row["Deal Stage"] in WON_STAGES for row in deals),
            "lost": sum(row["Deal Stage"] in LOST_STAGES for row in deals),
        },
        "companies_from_contacts": from_contacts,
        "subsidiaries": {
            row["Company ID"]: row["Parent Company ID"]
            for row in companies
            if row["Parent Company ID"]
        },
        "contact_tags": {
            row["Contact ID"]: split_list(row["Contact Type"]) + split_list(row["Tags"])
            for row in contacts
        },
        "contact_types": {
            ctype: sum(row["Contact Type"] == ctype for row in contacts)
            for ctype in ("Customer", "Vendor", "Employee")
        },
        "possible_duplicates": [ids for ids in emails.values() if len(ids) > 1],
        "pipelines": {
            pipeline: [
                stage for stage in stages if any(row["Deal Stage"] == stage for row in deals)
            ]
            for pipeline, stages in PIPELINES.items()
        },
        "won_stages": list(WON_STAGES),
        "lost_stages": list(LOST_STAGES),
        "currencies": {
            code: sum(row["Currency"] == code for row in deals)
            for code in sorted({row["Currency"] for row in deals})
        },
        "custom_properties": custom_properties(folder),
        "engagements": items,
        "orphans": orphans,
        "timeline": timelines(items),
    }


# --------------------------------------------------------------------------
# Checks of the brief the sample follows
# --------------------------------------------------------------------------


def check(facts, ids):
    files = facts["files"]
    assert files == {
        FILES["users"]: 4,
        FILES["companies"]: 8,
        FILES["contacts"]: 15,
        FILES["deals"]: 10,
        FILES["emails"]: 7,
        FILES["calls"]: 6,
        FILES["meetings"]: 5,
        FILES["tasks"]: 6,
        FILES["notes"]: 6,
        FILES["attachments"]: 3,
        FILES["workflows"]: 5,
        FILES["email_templates"]: 4,
    }, files
    assert facts["inactive_owners"] == [USERS[3][3]]
    assert facts["companies_from_contacts"] == [IN_HOUSE]
    assert facts["contact_types"] == {"Customer": 11, "Vendor": 2, "Employee": 2}
    assert facts["records"]["won"] == 3 and facts["records"]["lost"] == 2
    assert facts["possible_duplicates"] == [[ids["c07"], ids["c15"]]]
    assert len(facts["currencies"]) == 4
    assert [o["source_id"] for o in facts["orphans"]] == [ids["n5"]]
    assert facts["orphans"][0]["missing_id"] == ids["DELETED"]
    contacts = read_csv(OUT_DIR / FILES["contacts"])
    assert ids["DELETED"] not in {row["Contact ID"] for row in contacts}
    kinds = {item["lands_as"] for item in facts["engagements"]}
    assert kinds == {"message", "activity", "event", "attachment", "orphan"}, kinds
    on_kinds = {item["on"]["kind"] for item in facts["engagements"] if item["on"]}
    assert on_kinds == {"deal", "contact", "company"}, on_kinds
    assert any(item.get("inline_image") for item in facts["engagements"])
    # Scrambled timelines: the deal with the most messages has them out of order in a file.
    key = "deal:%s" % ids["d1"]
    assert len(facts["timeline"][key]) >= 5
    for name in (FILES["emails"], FILES["notes"]):
        dates = [
            item["date"]
            for item in facts["engagements"]
            if item["file"] == name and item["on"] == {"kind": "deal", "source_id": ids["d1"]}
        ]
        assert dates != sorted(dates), name
    for item in facts["engagements"]:
        assert "2025" <= item["date"][:4] <= "2026", item
    calls = [item for item in facts["engagements"] if item["type"] == "call"]
    assert all(c["duration_seconds"] and c["outcome"] for c in calls if c["done"])
    assert all(c["date"] > EXPORT_DAY for c in calls if not c["done"])


# ==========================================================================
# README
# ==========================================================================

FILE_NOTES = {
    "users": "the instance's users; Tom Becker left (`Active` = `No`)",
    "companies": "companies with their domain; one subsidiary (`Parent Company ID`)",
    "contacts": "contacts: type (customer, vendor, employee), company, custom properties",
    "deals": "deals in two pipelines, with currency and probability",
    "emails": "emails, `Sent` or `Received`, with opens and clicks",
    "calls": "calls, `Completed` or `Scheduled`, duration and outcome",
    "meetings": "meetings with attendee emails",
    "tasks": "tasks with status, type and due date",
    "notes": "notes in HTML, one with an inline image; one orphan",
    "attachments": "documents; `File Path` relative to the folder",
    "workflows": "workflows, automations and sequences: do not migrate",
    "email_templates": "email templates (master and regional variants): do not migrate",
}


def readme(facts, ids):
    rows = [
        [f"`{FILES[table]}`", facts["files"][FILES[table]], note]
        for table, note in FILE_NOTES.items()
    ]
    rows.append(["`files/`", "%d files" % len(ATTACHMENTS), "a PDF, a PNG, a text file"])
    records = facts["records"]
    lands = [
        ["Contact", "`res.partner` (person)", "its type becomes a partner tag (see below)"],
        [
            "Company",
            "`res.partner` (company)",
            "`Domain` -> website, `Parent Company ID` -> parent",
        ],
        ["Deal", "`crm.lead` (opportunity)", "pipeline -> sales team, stage -> stage map"],
        ["Pipeline", "`crm.team` + `crm.stage`", "created before the first deal"],
        ["Email", "`mail.message` (email)", "opens and clicks kept as lines of the message"],
        ["Call", "`mail.activity` (Call) / logged message", "duration and outcome as details"],
        ["Meeting", "`calendar.event`", "attendees by email; outcome -> `x_meeting_outcome`"],
        ["Task", "`mail.activity` / logged message", "status -> open or done, type -> type"],
        ["Note", "`mail.message` (note)", "HTML kept, inline image included"],
        ["Custom property", "custom `x_` field", "of the type discovery infers"],
        ["Owner / User", "`res.users` (matched by email)", "never created"],
        ["Tag", "`crm.tag` / `res.partner.category`", "found or created by name"],
        ["Document", "`ir.attachment`", "on its record, content from `files/`"],
    ]
    props = []
    for name, columns in facts["custom_properties"].items():
        for header, item in columns.items():
            props.append(
                [f"`{name}`", f"`{header}`", item["totus_type"], f"`{item['field']}`"]
                + [item["ttype"]]
            )
    orphan = facts["orphans"][0]
    not_migrated = [
        [f"`{item['file']}`", item["rows"], item["object"], item["equivalent"]]
        for item in facts["not_migrated"]
    ]
    key = "deal:%s" % ids["d1"]
    return f"""# TOTUS Marketing sample export

TOTUS Marketing publishes no schema, API reference or export format: every migration
starts with discovery. This is the shape discovery found on a small fictional instance
(the marketing CRM of Brightwave Analytics, exported {EXPORT_DAY}), migrated with the
profile `totus` (`migration_bridge/services/profiles/totus.py`). Generated by
`scripts/samples/totus.py` (seeded, deterministic): do not edit by hand, rerun the
script. `expected.json` holds what the tests assert; it is computed from the files
written.

## How to export from TOTUS

1. In TOTUS, export each object as CSV with **all properties** (not only the columns
   of the current view): users, companies, contacts, deals, and the engagements
   (emails, calls, meetings, tasks, notes), plus the attachments with their files.
   Export the workflows and the email templates too: they do not migrate, they are
   listed in the project's inventory.
2. Put the CSV files at the root of one folder and the attachments under `files/`
   (the paths the attachments file gives), and ZIP them (for this sample: every CSV
   and `files/`, not this README nor `expected.json`).
3. In Odoo, **Migration > Import a CRM export**, profile *TOTUS Marketing*, upload the
   ZIP. Create the owners as Odoo users first (Tom Becker archived: owners are
   matched by email, archived users included; users are never created).

The files: UTF-8 with a byte order mark, comma, quotes only where needed, LF line
ends, ids prefixed by their object (`CON-...`), datetimes in UTC (`2026-09-24T14:00:00Z`),
dates `2026-12-18`, yes/no `Yes`/`No`, multi-select values separated by `;`.

{md_table(["file", "rows", "content"], rows)}

Records: {records["users"]} users (read, never written), {records["companies"]} companies \
({records["companies"] - len(facts["companies_from_contacts"])} in the file and `{IN_HOUSE}`, \
named on the employees only), {records["contacts"]} contacts, {records["deals"]} deals \
({records["won"]} won, {records["lost"]} lost). Engagements: {len(facts["engagements"])} rows, \
one orphan.

## What lands where

{md_table(["TOTUS", "Odoo", "how"], lands)}

- **Contact type**: `Contact Type` (Customer, Vendor, Employee) and `Tags` are joined
  into the partner's tags (`res.partner.category`): a vendor's contact gets the tag
  *Vendor*. Odoo 17 without Accounting has no customer or supplier flag, and a
  partner's `type` is its address type.
- **Currency**: `crm.lead` has no currency field in Odoo 17 (its currency is the
  company's). `Amount` goes to the expected revenue as written and `Currency` to the
  custom field `x_currency`: amounts in {", ".join(facts["currencies"])} are not
  converted.
- **Won and lost**: `Closed Won` and `Renewed` are won, `Closed Lost` and `Churned`
  lost (archived with their lost reason).
- **Engagements** land on their deal (`Deal ID`), else their contact (`Contact ID`),
  else their company (`Company ID`). Emails, notes, completed calls and tasks are
  messages in the chatter with their original date; scheduled calls and open tasks
  activities; meetings calendar events; attachments attachments. `expected.json`
  dates: UTC `YYYY-MM-DD HH:MM:SS`; an open task or a scheduled call by its due day.
- **Opens and clicks** of an email are kept as lines of the message ("Opens: 5").

### Custom properties

{md_table(["file", "column", "TOTUS type", "field", "Odoo type"], props)}

A multi-select (`Interests`) is kept as text, its values separated by `;`: Odoo has
no multi-valued selection field.

## What does not migrate, and why

{md_table(["file", "rows", "object", "in Odoo"], not_migrated)}

Workflows, automations and sequences are logic, not records: each row (trigger,
conditions, steps) is listed in the project's inventory to be rebuilt as automation
rules. Email templates belong to TOTUS's distributed template hierarchy (a master and
its regional variants, `Parent Template ID`), flattened when rebuilt as Odoo templates.
Landing pages, forms, campaigns, lists and segments, lead scoring rules, reports and
dashboards do not migrate either (the profile lists their equivalents); their effects
that are records (the contacts a form created, the emails a campaign sent, a contact's
score) do.

## Deliberate gotchas

- **Orphan**: note `{orphan["source_id"]}` (`{orphan["file"]}`, row {orphan["row"]})
  is on contact `{orphan["missing_id"]}`, deleted before the export (not in the
  contacts file), with no deal or company: it fails with an issue naming the file,
  row, column and the missing id.
- **Owner who left**: Tom Becker (`Active` = `No`) still owns companies, deals and
  activities: matched to his archived Odoo user.
- **Company only named**: the employees Elena Petrova and Zoë Lambert have no
  `Company ID` and `Company` = `{IN_HOUSE}`, which is not in the companies file: the
  migration creates it (*Create missing*).
- **Possible duplicate**: Sofia Marino twice (`{ids["c07"]}` and `{ids["c15"]}`, the
  email in another case): both load, with a warning.
- **Tags** in two cases (`VIP`, `vip`): one tag.
- **Inline image**: a note's HTML holds `<img src="data:image/png;base64,...">`.
- **Durations** in seconds (`Duration (seconds)`): 1860 reads *31 min*, 25 *25 s*.
- **Scrambled timelines**: `{key}` has {len(facts["timeline"][key])} messages across
  emails, notes, calls and tasks, out of date order inside the files.
- **Meeting attendee outside the CRM**: `{EXTERNAL}`.
- **Multi-line cells starting with `-`** (workflow steps): a spreadsheet would take
  them for formulas; the inventory lists them as text.
- **Non-ASCII**: Inês Carvalho, Zoë Lambert; amounts in JPY without decimals.
"""


# ==========================================================================
# Main
# ==========================================================================


def main():
    rng = random.Random(SEED)
    if OUT_DIR.exists():
        shutil.rmtree(OUT_DIR)
    files, ids = export_files(rng)
    written = [write(OUT_DIR / name, data) for name, data in files.items()]
    facts = expected(OUT_DIR)
    check(facts, ids)
    written.append(
        write(OUT_DIR / "expected.json", json.dumps(facts, indent=1, ensure_ascii=False) + "\n")
    )
    written.append(write(OUT_DIR / "README.md", readme(facts, ids)))
    total = sum(path.stat().st_size for path in OUT_DIR.rglob("*") if path.is_file())
    assert total < MAX_TOTAL_BYTES, total
    for path in sorted(written):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
