"""Generate the engagement fixtures: a small Salesforce and a small HubSpot export.

Writes, relative to the repository root, under
``migration_bridge/tests/fixtures/engagements/``:

- ``salesforce/``: a weekly Data Export, one CSV per object (``User``,
  ``Account``, ``Contact``, ``Opportunity``, ``Task``, ``Event``, ``Note``,
  ``EmailMessage``, ``Attachment``) and the attachment bodies under
  ``Attachments/<Id>``;
- ``hubspot/``: HubSpot CRM exports (companies, contacts, deals, notes, emails,
  calls, meetings, tasks) and ``hubspot-attachments/`` (``attachments.csv`` and
  the documents under ``files/``);
- in each folder: ``delta/`` (the notes file of a later cutover export),
  ``expected.json`` (computed by reading back the files written here) and
  ``README.md`` (the files and their deliberate gotchas).

Standard library only. It draws from ``random.Random(2026)`` and writes the same
bytes on every run. The fixtures are committed: do not edit them by hand, change
this script and rerun it.

Usage: ``python3 scripts/samples/engagements.py``
"""

import csv
import hashlib
import html
import io
import json
import random
import shutil
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import md_table, png, tiny_pdf, write  # noqa: E402 - next to this script

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "migration_bridge" / "tests" / "fixtures" / "engagements"
SF_DIR = OUT_DIR / "salesforce"
HS_DIR = OUT_DIR / "hubspot"

SEED = 2026
MAX_TOTAL_BYTES = 150 * 1024
EXPORT_DAY = "2026-11-20"

OWNER_EMAILS = {
    "alice": "alice.martin@example.com",
    "bob": "bob.keller@example.com",
    "carla": "carla.diaz@example.com",
    "dmitri": "dmitri.volkov@example.com",
}

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# ==========================================================================
# Salesforce
# ==========================================================================

SF_PREFIX = {
    "Account": "001",
    "Contact": "003",
    "Opportunity": "006",
    "Task": "00T",
    "Event": "00U",
    "Note": "002",
    "EmailMessage": "02s",
    "Attachment": "00P",
    "User": "005",
}
SF_KIND = {"001": "company", "003": "contact", "006": "deal"}

SF_COLUMNS = {
    "User.csv": ["Id", "Username", "Email", "FirstName", "LastName", "IsActive"],
    "Account.csv": [
        "Id",
        "IsDeleted",
        "Name",
        "ParentId",
        "Phone",
        "Website",
        "BillingStreet",
        "BillingCity",
        "BillingPostalCode",
        "BillingCountry",
        "Industry",
        "OwnerId",
        "CreatedDate",
        "LastModifiedDate",
    ],
    "Contact.csv": [
        "Id",
        "IsDeleted",
        "AccountId",
        "FirstName",
        "LastName",
        "Email",
        "Phone",
        "Title",
        "OwnerId",
        "CreatedDate",
        "LastModifiedDate",
    ],
    "Opportunity.csv": [
        "Id",
        "IsDeleted",
        "AccountId",
        "ContactId",
        "Name",
        "StageName",
        "Amount",
        "CloseDate",
        "Probability",
        "IsClosed",
        "IsWon",
        "OwnerId",
        "CreatedDate",
        "LastModifiedDate",
    ],
    "Task.csv": [
        "Id",
        "IsDeleted",
        "WhoId",
        "WhatId",
        "Subject",
        "ActivityDate",
        "Status",
        "Priority",
        "OwnerId",
        "Description",
        "TaskSubtype",
        "CallDurationInSeconds",
        "CallDisposition",
        "CallType",
        "IsClosed",
        "CreatedDate",
        "LastModifiedDate",
        "CompletedDateTime",
    ],
    "Event.csv": [
        "Id",
        "IsDeleted",
        "WhoId",
        "WhatId",
        "Subject",
        "Location",
        "StartDateTime",
        "EndDateTime",
        "IsAllDayEvent",
        "Description",
        "OwnerId",
        "CreatedDate",
        "LastModifiedDate",
    ],
    "Note.csv": [
        "Id",
        "IsDeleted",
        "ParentId",
        "Title",
        "Body",
        "OwnerId",
        "CreatedDate",
        "LastModifiedDate",
    ],
    "EmailMessage.csv": [
        "Id",
        "ParentId",
        "RelatedToId",
        "ActivityId",
        "Subject",
        "TextBody",
        "HtmlBody",
        "FromAddress",
        "FromName",
        "ToAddress",
        "CcAddress",
        "MessageDate",
        "Incoming",
        "Status",
        "CreatedDate",
        "LastModifiedDate",
    ],
    "Attachment.csv": [
        "Id",
        "IsDeleted",
        "ParentId",
        "Name",
        "ContentType",
        "BodyLength",
        "CreatedDate",
        "LastModifiedDate",
    ],
}

# key, Username, Email, FirstName, LastName, IsActive. Bob's Username is not his
# Email (owners must be matched on Email); Carla is inactive.
SF_USERS = [
    ("alice", "alice.martin@example.com", "Alice", "Martin", True),
    ("bob", "bob.keller@example.com.acme", "Bob", "Keller", True),
    ("carla", "carla.diaz@example.com", "Carla", "Diaz", False),
    ("dmitri", "dmitri.volkov@example.com", "Dmitri", "Volkov", True),
]

# key, Name, parent, Phone, Website, BillingStreet, City, PostalCode, Country,
# Industry, owner, CreatedDate, LastModifiedDate.
SF_ACCOUNTS = [
    (
        "A1",
        "Northwind Logistics GmbH",
        "",
        "+49 40 5550 1200",
        "www.northwind-logistics.example",
        "Am Sandtorkai 12\n3. OG",
        "Hamburg",
        "20457",
        "Germany",
        "Transportation",
        "alice",
        "2023-02-14 09:12:31",
        "2025-06-11 16:40:02",
    ),
    (
        "A2",
        "Bluefield Software Ltd",
        "",
        "+44 20 7946 0321",
        "https://www.bluefield-software.example",
        "48 Finsbury Square",
        "London",
        "EC2A 1DY",
        "United Kingdom",
        "Technology",
        "bob",
        "2023-04-03 10:05:47",
        "2026-03-17 16:20:11",
    ),
    (
        "A3",
        "Harborline Shipping B.V.",
        "",
        "+31 10 555 0147",
        "www.harborline.example",
        "Waalhaven Zuidzijde 21",
        "Rotterdam",
        "3089 JH",
        "Netherlands",
        "Shipping",
        "dmitri",
        "2023-05-22 14:48:09",
        "2024-10-31 17:02:55",
    ),
    (
        "A4",
        "Lumière Distribution SAS",
        "",
        "+33 4 72 55 01 88",
        "www.lumiere-distribution.example",
        "27 rue de la République",
        "Lyon",
        "69002",
        "France",
        "Retail",
        "carla",
        "2023-06-07 08:30:00",
        "2025-11-12 10:07:41",
    ),
    (
        "A5",
        "Solaria Energía S.L.",
        "",
        "+34 91 555 0163",
        "www.solaria-energia.example",
        "Calle de Alcalá 95",
        "Madrid",
        "28009",
        "Spain",
        "Energy",
        "bob",
        "2023-09-19 11:22:18",
        "2026-11-02 09:14:37",
    ),
    (
        "A6",
        "Oakridge Manufacturing Inc.",
        "",
        "+1 312-555-0134",
        "www.oakridge-mfg.example",
        "2200 W Fulton Market, Suite 300",
        "Chicago",
        "60612",
        "United States",
        "Manufacturing",
        "dmitri",
        "2023-10-30 15:51:44",
        "2026-10-14 09:03:19",
    ),
    (
        "A7",
        "Northwind Logistics Polska Sp. z o.o.",
        "A1",
        "+48 22 555 01 77",
        "www.northwind-logistics.example/pl",
        "ul. Marszałkowska 104",
        "Warszawa",
        "00-017",
        "Poland",
        "Transportation",
        "alice",
        "2023-11-08 10:40:26",
        "2025-08-29 12:00:53",
    ),
    (
        "A8",
        "Kestrel Healthcare AG",
        "",
        "+41 44 555 01 90",
        "www.kestrel-health.example",
        "Bahnhofstrasse 45",
        "Zürich",
        "8001",
        "Switzerland",
        "Healthcare",
        "carla",
        "2023-12-04 13:17:05",
        "2026-08-20 16:45:30",
    ),
]

# key, account, FirstName, LastName, Email, Phone, Title, owner, CreatedDate,
# LastModifiedDate.
SF_CONTACTS = [
    (
        "c01",
        "A1",
        "Jürgen",
        "Baumann",
        "juergen.baumann@northwind-logistics.example",
        "+49 40 5550 1231",
        "Head of Fleet Operations",
        "alice",
        "2023-02-14 09:20:12",
        "2025-03-05 08:15:40",
    ),
    (
        "c02",
        "A1",
        "Sabine",
        "Kraus",
        "sabine.kraus@northwind-logistics.example",
        "+49 40 5550 1245",
        "Procurement Manager",
        "alice",
        "2023-02-14 09:24:50",
        "2025-05-20 08:51:03",
    ),
    (
        "c03",
        "A1",
        "Tobias",
        "Lenz",
        "tobias.lenz@northwind-logistics.example",
        "",
        "IT Director",
        "alice",
        "2023-03-01 16:02:33",
        "2024-01-15 11:30:00",
    ),
    (
        "c04",
        "A2",
        "Zoë",
        "Clarke",
        "zoe.clarke@bluefield-software.example",
        "+44 20 7946 0355",
        "VP Operations",
        "bob",
        "2023-04-03 10:12:08",
        "2025-10-02 15:33:27",
    ),
    (
        "c05",
        "A2",
        "Oliver",
        "Grant",
        "oliver.grant@bluefield-software.example",
        "+44 20 7946 0362",
        "Finance Director",
        "bob",
        "2023-04-05 09:44:19",
        "2026-03-17 16:06:12",
    ),
    (
        "c06",
        "A3",
        "Pieter",
        "de Vries",
        "p.devries@harborline.example",
        "+31 10 555 0150",
        "Terminal Manager",
        "dmitri",
        "2023-05-22 14:55:41",
        "2024-10-03 16:02:10",
    ),
    (
        "c07",
        "A4",
        "Émilie",
        "Laurent",
        "emilie.laurent@lumiere-distribution.example",
        "+33 6 55 01 23 47",
        "Directrice commerciale",
        "carla",
        "2023-06-07 08:41:17",
        "2024-05-14 15:22:04",
    ),
    (
        "c08",
        "A4",
        "Marc",
        "Dubois",
        "marc.dubois@lumiere-distribution.example",
        "+33 4 72 55 01 90",
        "Responsable achats",
        "carla",
        "2023-06-12 13:05:52",
        "2023-06-12 13:05:52",
    ),
    (
        "c09",
        "A5",
        "José",
        "Ortega",
        "jose.ortega@solaria-energia.example",
        "+34 612 555 019",
        "CFO",
        "bob",
        "2023-09-19 11:30:45",
        "2025-09-18 12:05:18",
    ),
    (
        "c10",
        "A6",
        "Rachel",
        "Kim",
        "rkim@oakridge-mfg.example",
        "+1 312-555-0178",
        "Plant Manager",
        "dmitri",
        "2023-10-30 16:03:29",
        "2026-10-14 09:03:19",
    ),
    (
        "c11",
        "A7",
        "Łukasz",
        "Nowak",
        "lukasz.nowak@northwind-logistics.example",
        "+48 501 555 017",
        "Country Manager",
        "alice",
        "2023-11-08 10:52:14",
        "2025-08-14 13:27:36",
    ),
    (
        "c12",
        "A8",
        "Anna",
        "Meier",
        "anna.meier@kestrel-health.example",
        "+41 79 555 01 12",
        "Chief Medical Officer",
        "carla",
        "2023-12-04 13:25:58",
        "2026-08-20 16:45:30",
    ),
]

SF_PROBABILITY = {
    "Prospecting": 10,
    "Qualification": 20,
    "Proposal/Price Quote": 75,
    "Negotiation/Review": 90,
    "Closed Won": 100,
    "Closed Lost": 0,
}

# key, account, contact, Name, StageName, Amount, CloseDate, owner, CreatedDate,
# LastModifiedDate. O1 is the opportunity with many messages.
SF_OPPORTUNITIES = [
    (
        "O1",
        "A1",
        "c01",
        "Northwind Logistics - Fleet telematics rollout",
        "Negotiation/Review",
        "185000.00",
        "2026-12-18",
        "alice",
        "2024-10-01 09:02:11",
        "2026-11-12 17:20:45",
    ),
    (
        "O2",
        "A1",
        "c02",
        "Northwind Logistics - Warehouse scanners",
        "Closed Won",
        "38400.00",
        "2024-09-30",
        "alice",
        "2024-06-12 10:15:37",
        "2024-09-30 15:44:08",
    ),
    (
        "O3",
        "A2",
        "c04",
        "Bluefield - Annual subscription 2025",
        "Closed Won",
        "72000.00",
        "2025-06-30",
        "bob",
        "2025-04-15 11:08:52",
        "2025-06-30 09:12:30",
    ),
    (
        "O4",
        "A2",
        "c05",
        "Bluefield - Data platform pilot",
        "Proposal/Price Quote",
        "46500.00",
        "2027-01-29",
        "bob",
        "2026-06-02 14:26:03",
        "2026-11-12 11:02:17",
    ),
    (
        "O5",
        "A3",
        "c06",
        "Harborline - Port yard sensors",
        "Closed Lost",
        "129000.00",
        "2024-10-31",
        "dmitri",
        "2024-05-06 09:33:48",
        "2024-10-31 17:02:55",
    ),
    (
        "O6",
        "A4",
        "c07",
        "Lumière - Store footfall analytics",
        "Qualification",
        "58000.00",
        "2027-03-31",
        "carla",
        "2026-09-10 10:48:21",
        "2026-11-03 10:16:09",
    ),
    (
        "O7",
        "A5",
        "c09",
        "Solaria - Solar park monitoring",
        "Closed Won",
        "212500.00",
        "2025-09-19",
        "bob",
        "2025-03-03 16:11:40",
        "2025-09-19 10:30:00",
    ),
    (
        "O8",
        "A6",
        "c10",
        "Oakridge - Line 4 retrofit",
        "Prospecting",
        "310000.00",
        "2027-06-30",
        "dmitri",
        "2026-10-01 08:57:14",
        "2026-11-16 13:40:22",
    ),
    (
        "O9",
        "A7",
        "c11",
        "Northwind Polska - Cross-dock software",
        "Closed Lost",
        "27800.00",
        "2025-08-29",
        "alice",
        "2025-02-17 12:34:56",
        "2025-08-29 12:00:53",
    ),
    (
        "O10",
        "A8",
        "c12",
        "Kestrel - Clinic scheduling",
        "Qualification",
        "94000.00",
        "2027-02-26",
        "carla",
        "2026-08-20 16:40:10",
        "2026-11-09 09:18:44",
    ),
]

# key, who, what, Subject, when, Status, Priority, owner, Description,
# TaskSubtype, CallDurationInSeconds, CallDisposition, CallType, CreatedDate.
# when: the completion datetime of a completed task, the due date of an open one.
# "MISSING" is a contact id that is not in Contact.csv (the orphan).
SF_TASKS = [
    (
        "T01",
        "c01",
        "O1",
        "Send revised pricing",
        "2025-04-02 14:10:27",
        "Completed",
        "Normal",
        "alice",
        "Revised pricing sent: 3-year term,\nvolume discount 8%.",
        "Task",
        "",
        "",
        "",
        "2025-03-28 09:00:15",
    ),
    (
        "T02",
        "c01",
        "O1",
        "Discovery call",
        "2024-11-28 10:21:40",
        "Completed",
        "Normal",
        "alice",
        "Fleet of 420 trucks; current telematics contract ends in Q3 2025.",
        "Call",
        "1260",
        "Connected",
        "Outbound",
        "2024-11-25 15:30:02",
    ),
    (
        "T03",
        "c05",
        "O4",
        "Follow-up call on pilot scope",
        "2026-12-08",
        "Not Started",
        "Normal",
        "bob",
        "",
        "Call",
        "",
        "",
        "",
        "2026-11-12 11:02:17",
    ),
    (
        "T04",
        "c05",
        "A2",
        "Renewal check-in",
        "2026-03-17 16:05:09",
        "Completed",
        "Normal",
        "bob",
        "No answer, left a voicemail about the 2026 renewal.",
        "Call",
        "45",
        "Left voicemail",
        "Outbound",
        "2026-03-17 16:04:20",
    ),
    (
        "T05",
        "c04",
        "O3",
        "Prepare QBR deck",
        "2025-06-20 17:45:51",
        "Completed",
        "High",
        "bob",
        "Usage figures and roadmap slides.",
        "Task",
        "",
        "",
        "",
        "2025-06-10 09:30:44",
    ),
    (
        "T06",
        "c07",
        "O6",
        "Send NDA",
        "2026-12-01",
        "Not Started",
        "High",
        "carla",
        "Mutual NDA, French version.",
        "Task",
        "",
        "",
        "",
        "2026-11-03 10:16:09",
    ),
    (
        "T07",
        "c09",
        "O7",
        "Pricing questions",
        "2025-09-04 11:44:18",
        "Completed",
        "Normal",
        "bob",
        'José called about the "per MW" monitoring fee.',
        "Call",
        "840",
        "Connected",
        "Inbound",
        "2025-09-04 11:30:02",
    ),
    (
        "T08",
        "MISSING",
        "",
        "Call back about invoice",
        "2026-12-04",
        "Not Started",
        "Normal",
        "dmitri",
        "Asked for a copy of invoice 2025-0412.",
        "Task",
        "",
        "",
        "",
        "2026-10-29 14:00:37",
    ),
    (
        "T09",
        "c07",
        "",
        "Reference check",
        "2024-05-14 15:20:03",
        "Completed",
        "Low",
        "carla",
        "Émilie agreed to be a reference for the retail segment.",
        "Task",
        "",
        "",
        "",
        "2024-05-10 08:45:29",
    ),
    (
        "T10",
        "c10",
        "O8",
        "Intro call",
        "2026-12-10",
        "Not Started",
        "Normal",
        "dmitri",
        "",
        "Call",
        "",
        "",
        "",
        "2026-11-16 13:40:22",
    ),
    (
        "T11",
        "c04",
        "A2",
        "Contract walkthrough",
        "2025-10-02 15:31:56",
        "Completed",
        "Normal",
        "bob",
        "Walked through the MSA with Zoë and their legal team.",
        "Call",
        "1860",
        "Connected",
        "Outbound",
        "2025-09-29 10:12:48",
    ),
    (
        "T12",
        "c09",
        "A5",
        "Update billing contact",
        "2026-11-30",
        "In Progress",
        "Normal",
        "bob",
        "",
        "Task",
        "",
        "",
        "",
        "2026-11-02 09:14:37",
    ),
    (
        "T13",
        "c02",
        "O2",
        "Site visit report",
        "2024-08-22 18:05:33",
        "Completed",
        "Normal",
        "alice",
        "Visited the Hamburg warehouse:\n60 scanners and 4 charging racks needed.",
        "Task",
        "",
        "",
        "",
        "2024-08-20 07:58:10",
    ),
    (
        "T14",
        "c04",
        "O3",
        "Renewal reminder",
        "2026-12-15",
        "Not Started",
        "Normal",
        "bob",
        "Subscription renewal for 2027.",
        "Task",
        "",
        "",
        "",
        "2026-06-30 09:12:30",
    ),
]

# key, who, what, Subject, Location, start, end, all day, Description, owner,
# CreatedDate. The all-day event spans two days: End is the last day, 00:00Z.
SF_EVENTS = [
    (
        "EV1",
        "c04",
        "O3",
        "Quarterly business review",
        "Bluefield office, London",
        "2025-07-08 13:00:00",
        "2025-07-08 14:30:00",
        False,
        "Review of the first quarter on the 2025 subscription.",
        "bob",
        "2025-06-10 09:31:02",
    ),
    (
        "EV2",
        "c01",
        "O1",
        "Fleet telematics demo",
        "Microsoft Teams",
        "2025-01-08 09:00:00",
        "2025-01-08 10:00:00",
        False,
        "Live demo of the driver app and the dispatch console.",
        "alice",
        "2024-12-16 14:22:35",
    ),
    (
        "EV3",
        "",
        "A1",
        "Logistics trade fair",
        "Hamburg Messe, Hall B6",
        "2025-06-10 00:00:00",
        "2025-06-11 00:00:00",
        True,
        "Two days on the Northwind booth.",
        "alice",
        "2025-04-02 14:30:19",
    ),
    (
        "EV4",
        "c12",
        "O10",
        "Kick-off with clinic team",
        "Kestrel HQ, Zürich",
        "2026-12-09 10:00:00",
        "2026-12-09 11:30:00",
        False,
        "",
        "carla",
        "2026-11-09 09:18:44",
    ),
    (
        "EV5",
        "c09",
        "",
        "Lunch with CFO",
        "Restaurante Lhardy, Madrid",
        "2024-04-18 12:30:00",
        "2024-04-18 14:00:00",
        False,
        "",
        "bob",
        "2024-04-02 17:05:51",
    ),
]

# key, parent, Title, Body, owner, CreatedDate.
SF_NOTES = [
    (
        "N1",
        "O1",
        "Steering committee",
        "Steering committee agreed on a phased rollout.\nPhase 1: 120 trucks in Hamburg, "
        "start in Q3.",
        "alice",
        "2025-02-11 15:42:18",
    ),
    (
        "N2",
        "A4",
        "Store rollout plan",
        "Pilot in 3 stores in Lyon, then Paris.\nBudget owner: Marc Dubois.",
        "carla",
        "2025-11-12 10:05:33",
    ),
    (
        "N3",
        "O1",
        "Budget and timeline",
        "Budget approved for FY2025.\nDecision expected before the end of March.",
        "alice",
        "2024-12-09 11:30:07",
    ),
    (
        "N4",
        "c02",
        "Contact preferences",
        "Prefers email over phone calls.\nOut of office on Fridays.",
        "alice",
        "2025-05-20 08:50:41",
    ),
    (
        "N5",
        "A5",
        "Handover to delivery",
        "Deal won, delivery team introduced to José.\nGo-live planned for November.",
        "bob",
        "2025-09-30 17:15:26",
    ),
    (
        "N6",
        "A4",
        "Org chart",
        "Émilie reports to the CEO.\nMarc runs purchasing for all stores.",
        "carla",
        "2024-03-05 09:40:12",
    ),
    (
        "N7",
        "O9",
        "Lost to local competitor",
        "Lost on price against a Polish vendor.\nRevisit in 2026.",
        "alice",
        "2025-08-14 13:25:50",
    ),
    (
        "N8",
        "O5",
        "Why we lost",
        'Pieter said "not this year, maybe 2026".\nBudget moved to the new quay, keep in touch.',
        "dmitri",
        "2024-10-03 16:00:44",
    ),
]
# The cutover delta: N1 edited, N9 new on O1 and older than all its messages.
SF_DELTA_EDIT = (
    "N1",
    "Steering committee agreed on a phased rollout.\nPhase 1: 150 trucks in Hamburg and "
    "Bremen, start in Q3.",
    "2026-11-24 09:12:05",
)
SF_DELTA_NEW = (
    "N9",
    "O1",
    "First qualification notes",
    "Inbound lead from the website.\nFleet of about 400 trucks, renewal of the telematics "
    "contract in 2025.",
    "alice",
    "2024-10-15 14:03:22",
)

# key, related, Subject, TextBody, from, to, cc, MessageDate, Status.
# from/to/cc are owner keys (a user) or contact keys; from a contact = incoming.
# Status: 1 Read, 2 Replied, 3 Sent.
SF_EMAILS = [
    (
        "E1",
        "O1",
        "RE: Telematics proposal",
        "Hi Alice,\nthanks for the proposal. Could you split hardware and licence costs?\n"
        "Best regards,\nJürgen",
        "c01",
        ["alice"],
        ["c02"],
        "2025-03-05 08:12:09",
        "2",
    ),
    (
        "E2",
        "O3",
        "RE: Renewal quote 2025",
        "Hi Bob,\nthe quote looks fine, our finance team will sign this week.\nZoë",
        "c04",
        ["bob", "alice"],
        [],
        "2025-05-29 07:58:36",
        "1",
    ),
    (
        "E3",
        "O1",
        "Telematics proposal",
        "Dear Jürgen, dear Sabine,\nplease find our proposal for the fleet rollout "
        "attached.\nKind regards,\nAlice",
        "alice",
        ["c01", "c02"],
        [],
        "2025-01-20 10:30:12",
        "3",
    ),
    (
        "E4",
        "A6",
        "Introduction - Oakridge Manufacturing",
        "Hello Rachel,\ngreat meeting you at the trade show. Could we set up a call about "
        "line 4?\nDmitri",
        "dmitri",
        ["c10"],
        [],
        "2026-10-14 09:00:47",
        "3",
    ),
    (
        "E5",
        "O3",
        "Renewal quote 2025",
        "Hi Zoë,\nhere is the renewal quote for 2025 (72,000 GBP).\nBob",
        "bob",
        ["c04"],
        ["c05"],
        "2025-05-27 16:40:55",
        "3",
    ),
    (
        "E6",
        "O7",
        "RE: Updated order form",
        "Hola Bob,\nattached is the signed order form.\nSaludos,\nJosé",
        "c09",
        ["bob"],
        [],
        "2025-09-18 12:03:28",
        "1",
    ),
    (
        "E7",
        "O7",
        "Updated order form",
        "Hi José,\nthe order form now shows the monitoring fee per MW.\nBob",
        "bob",
        ["c09"],
        [],
        "2025-09-12 09:20:14",
        "3",
    ),
    (
        "E8",
        "A8",
        "Welcome to Kestrel onboarding",
        "Dear Dr. Meier,\nwelcome aboard! Your onboarding plan is below.\nCarla",
        "carla",
        ["c12"],
        [],
        "2024-06-03 10:00:05",
        "3",
    ),
]

# key, parent, Name, ContentType, blob, CreatedDate.
SF_ATTACHMENTS = [
    (
        "AT1",
        "O1",
        "Telematics_Proposal_v3.pdf",
        "application/pdf",
        "pdf",
        "2025-01-20 10:28:40",
    ),
    ("AT2", "A1", "Warehouse floor plan.png", "image/png", "png", "2024-09-02 13:15:09"),
    ("AT3", "O3", "Renewal terms.docx", DOCX_TYPE, "docx", "2025-05-26 11:00:31"),
    ("AT4", "O5", "Site survey notes.txt", "text/plain", "txt", "2024-08-22 18:10:02"),
]

# ==========================================================================
# HubSpot
# ==========================================================================

HS_FILES = {
    "companies": f"hubspot-crm-exports-all-companies-{EXPORT_DAY}.csv",
    "contacts": f"hubspot-crm-exports-all-contacts-{EXPORT_DAY}.csv",
    "deals": f"hubspot-crm-exports-all-deals-{EXPORT_DAY}.csv",
    "notes": f"hubspot-crm-exports-all-notes-{EXPORT_DAY}.csv",
    "emails": f"hubspot-crm-exports-all-emails-{EXPORT_DAY}.csv",
    "calls": f"hubspot-crm-exports-all-calls-{EXPORT_DAY}.csv",
    "meetings": f"hubspot-crm-exports-all-meetings-{EXPORT_DAY}.csv",
    "tasks": f"hubspot-crm-exports-all-tasks-{EXPORT_DAY}.csv",
    "attachments": "hubspot-attachments/attachments.csv",
}
ASSOC = ["Associated Contact IDs", "Associated Company IDs", "Associated Deal IDs"]
HS_COLUMNS = {
    "companies": [
        "Record ID",
        "Company name",
        "Company Domain Name",
        "Phone Number",
        "City",
        "Country/Region",
        "Industry",
        "Company owner",
        "Create Date",
        "Last Modified Date",
    ],
    "contacts": [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Phone Number",
        "Job Title",
        "Associated Company IDs",
        "Associated Company",
        "Contact owner",
        "Create Date",
        "Last Modified Date",
    ],
    "deals": [
        "Record ID",
        "Deal Name",
        "Deal Stage",
        "Pipeline",
        "Amount",
        "Close Date",
        "Deal owner",
        "Create Date",
        "Last Modified Date",
        "Associated Company IDs",
        "Associated Contact IDs",
    ],
    "notes": [
        "Activity ID",
        "Activity date",
        "Note body",
        "Activity assigned to",
        *ASSOC,
        "Create date",
        "Last modified date",
    ],
    "emails": [
        "Activity ID",
        "Activity date",
        "Email subject",
        "Email body",
        "Email from address",
        "Email to address",
        "Email direction",
        "Activity assigned to",
        *ASSOC,
        "Create date",
        "Last modified date",
    ],
    "calls": [
        "Activity ID",
        "Activity date",
        "Call title",
        "Call notes",
        "Call duration (ms)",
        "Call outcome",
        "Call status",
        "Activity assigned to",
        *ASSOC,
        "Create date",
        "Last modified date",
    ],
    "meetings": [
        "Activity ID",
        "Meeting name",
        "Meeting start time",
        "Meeting end time",
        "Meeting location",
        "Meeting description",
        "Meeting attendees",
        "Activity assigned to",
        *ASSOC,
        "Create date",
        "Last modified date",
    ],
    "tasks": [
        "Activity ID",
        "Task title",
        "Task notes",
        "Due date",
        "Task status",
        "Task type",
        "Activity assigned to",
        *ASSOC,
        "Create date",
        "Last modified date",
    ],
    "attachments": [
        "File ID",
        "File name",
        "File path",
        "Associated Deal IDs",
        "Associated Contact IDs",
        "Associated Company IDs",
        "Create date",
    ],
}

# key, Company name, domain, phone, City, Country/Region, Industry, owner,
# Create Date, Last Modified Date.
HS_COMPANIES = [
    (
        "H1",
        "Greystone Analytics Ltd",
        "greystone-analytics.example",
        "+44 161 496 0312",
        "Manchester",
        "United Kingdom",
        "Computer Software",
        "alice",
        "2024-02-12 10:14",
        "2025-06-12 14:25",
    ),
    (
        "H2",
        "Falkenberg Maschinenbau GmbH",
        "falkenberg-maschinenbau.example",
        "+49 711 5550 3320",
        "Stuttgart",
        "Germany",
        "Machinery",
        "dmitri",
        "2023-11-06 08:47",
        "2026-02-09 10:02",
    ),
    (
        "H3",
        "Mirasol Renovables S.L.",
        "mirasol-renovables.example",
        "+34 96 355 0148",
        "Valencia",
        "Spain",
        "Renewables & Environment",
        "bob",
        "2024-01-22 15:31",
        "2025-10-28 16:12",
    ),
    (
        "H4",
        "Bellerive Santé SA",
        "bellerive-sante.example",
        "+33 2 40 55 01 62",
        "Nantes",
        "France",
        "Hospital & Health Care",
        "carla",
        "2023-09-18 09:05",
        "2026-05-19 12:10",
    ),
    (
        "H5",
        "Redfern Retail Ltd",
        "redfern-retail.example",
        "+44 117 496 0777",
        "Bristol",
        "United Kingdom",
        "Retail",
        "bob",
        "2024-05-02 11:26",
        "2025-02-20 16:40",
    ),
    (
        "H6",
        "Zeewind Energie B.V.",
        "zeewind.example",
        "+31 20 555 0193",
        "Amsterdam",
        "Netherlands",
        "Renewables & Environment",
        "dmitri",
        "2026-08-25 13:58",
        "2026-11-18 09:31",
    ),
]

BLUE_HARBOR = "Blue Harbor Logistics"

# key, First Name, Last Name, Email, Phone, Job Title, companies, company name
# (only when not a company of the file), owner, Create Date, Last Modified Date.
HS_CONTACTS = [
    (
        "hc01",
        "Hannah",
        "Whitfield",
        "hannah.whitfield@greystone-analytics.example",
        "+44 161 496 0330",
        "Head of Data",
        ["H1"],
        "",
        "alice",
        "2024-02-12 10:20",
        "2025-05-06 09:01",
    ),
    (
        "hc02",
        "Samuel",
        "Okafor",
        "samuel.okafor@greystone-analytics.example",
        "+44 7700 900412",
        "CTO",
        ["H1"],
        "",
        "alice",
        "2024-03-04 14:02",
        "2025-03-04 15:10",
    ),
    (
        "hc03",
        "Katrin",
        "Vogel",
        "k.vogel@falkenberg-maschinenbau.example",
        "+49 711 5550 3341",
        "Leiterin Instandhaltung",
        ["H2"],
        "",
        "dmitri",
        "2023-11-06 08:55",
        "2026-02-09 10:02",
    ),
    (
        "hc04",
        "Matthias",
        "Brandt",
        "m.brandt@falkenberg-maschinenbau.example",
        "",
        "Einkauf",
        ["H2"],
        "",
        "dmitri",
        "2024-07-15 10:37",
        "2025-11-04 11:05",
    ),
    (
        "hc05",
        "Lucía",
        "Fernández",
        "lucia.fernandez@mirasol-renovables.example",
        "+34 655 501 233",
        "Directora de Operaciones",
        ["H3"],
        "",
        "bob",
        "2024-01-22 15:40",
        "2025-10-28 16:12",
    ),
    (
        "hc06",
        "Camille",
        "Roux",
        "camille.roux@bellerive-sante.example",
        "+33 6 55 01 77 42",
        "Directrice des systèmes d'information",
        ["H4"],
        "",
        "carla",
        "2023-09-18 09:12",
        "2025-08-08 15:02",
    ),
    (
        "hc07",
        "Hugo",
        "Lefèvre",
        "hugo.lefevre@bellerive-sante.example",
        "+33 2 40 55 01 70",
        "Chef de projet",
        ["H4"],
        "",
        "carla",
        "2024-06-27 16:48",
        "2024-11-05 08:40",
    ),
    (
        "hc08",
        "Priya",
        "Natarajan",
        "priya.natarajan@redfern-retail.example",
        "+44 117 496 0790",
        "Head of Digital",
        ["H5"],
        "",
        "bob",
        "2024-05-02 11:30",
        "2025-01-14 17:22",
    ),
    (
        "hc09",
        "Sanne",
        "Bakker",
        "sanne.bakker@zeewind.example",
        "+31 6 5550 1938",
        "Asset Manager",
        ["H6"],
        "",
        "dmitri",
        "2026-08-25 14:05",
        "2026-09-15 14:00",
    ),
    (
        "hc10",
        "Ines",
        "Moreau",
        "ines.moreau@blueharbor-logistics.example",
        "+33 6 55 01 98 10",
        "Responsable logistique",
        [],
        BLUE_HARBOR,
        "alice",
        "2025-10-21 11:02",
        "2025-10-21 11:15",
    ),
]

# key, Deal Name, Deal Stage, Pipeline, Amount, Close Date, owner, Create Date,
# Last Modified Date, companies, contacts. D1 is the deal with many messages.
HS_DEALS = [
    (
        "D1",
        "Greystone - Analytics platform",
        "contractsent",
        "Sales Pipeline",
        "96000",
        "2026-12-19",
        "alice",
        "2024-12-01 09:30",
        "2026-11-10 10:44",
        ["H1"],
        ["hc01", "hc02"],
    ),
    (
        "D2",
        "Falkenberg - Predictive maintenance pilot",
        "closedwon",
        "Sales Pipeline",
        "42000",
        "2024-10-15",
        "dmitri",
        "2024-08-26 13:12",
        "2024-10-15 17:05",
        ["H2"],
        ["hc03"],
    ),
    (
        "D3",
        "Falkenberg - Maintenance renewal 2027",
        "presentationscheduled",
        "Renewals",
        "18500.50",
        "2027-01-31",
        "dmitri",
        "2025-12-08 10:20",
        "2026-11-18 09:31",
        ["H2"],
        ["hc04"],
    ),
    (
        "D4",
        "Mirasol - Wind farm dashboards",
        "closedlost",
        "Sales Pipeline",
        "64000",
        "2025-05-30",
        "bob",
        "2025-02-10 12:00",
        "2025-05-30 16:30",
        ["H3"],
        ["hc05"],
    ),
    (
        "D5",
        "Bellerive - Patient portal",
        "qualifiedtobuy",
        "Sales Pipeline",
        "120000",
        "2027-03-31",
        "carla",
        "2026-04-20 08:45",
        "2026-11-13 15:20",
        ["H4"],
        ["hc06"],
    ),
    (
        "D6",
        "Redfern - Loyalty app",
        "closedwon",
        "Sales Pipeline",
        "55000",
        "2025-03-28",
        "bob",
        "2024-12-09 10:05",
        "2025-03-28 11:45",
        ["H5"],
        ["hc08"],
    ),
    (
        "D7",
        "Zeewind - Offshore sensor data",
        "appointmentscheduled",
        "Sales Pipeline",
        "230000",
        "2027-06-30",
        "dmitri",
        "2026-08-25 14:10",
        "2026-11-18 09:31",
        ["H6"],
        ["hc09"],
    ),
    (
        "D8",
        "Redfern - Loyalty app renewal",
        "closedlost",
        "Renewals",
        "15000",
        "2026-03-31",
        "bob",
        "2025-01-10 09:15",
        "2026-03-31 10:00",
        ["H5"],
        ["hc08"],
    ),
]

# key, Activity date, Note body (HTML), owner, contacts, companies, deals.
HS_NOTES = [
    (
        "n1",
        "2025-06-12 14:20",
        "<p>Legal review done.</p><p>Only the data processing addendum is still open.</p>",
        "alice",
        ["hc01"],
        ["H1"],
        ["D1"],
    ),
    (
        "n2",
        "2024-07-03 09:05",
        "<p>Bellerive is replacing its patient portal in 2026.</p><p>Camille &amp; Hugo "
        "run the project.</p>",
        "carla",
        [],
        ["H4"],
        [],
    ),
    (
        "n3",
        "2025-02-03 16:45",
        "<p>Samuel wants <strong>SSO</strong> and an EU data residency option.</p>",
        "alice",
        ["hc02"],
        ["H1"],
        ["D1"],
    ),
    (
        "n4",
        "2025-10-21 11:10",
        "<p>Met Ines at the logistics fair.</p><p>Blue Harbor wants a quote for 30 depots.</p>",
        "alice",
        ["hc10"],
        [],
        [],
    ),
    (
        "n5",
        "2025-04-17 10:30",
        "<p>Mirasol chose an in-house solution.</p><p>Reason: price.</p>",
        "bob",
        ["hc05"],
        ["H3"],
        ["D4"],
    ),
    (
        "n6",
        "2026-02-09 10:00",
        "<p>Katrin and Matthias agree on a 3-year maintenance contract.<br>Quote due in "
        "March.</p>",
        "dmitri",
        ["hc03", "hc04"],
        ["H2"],
        [],
    ),
]
# The cutover delta: n1 edited, n7 new on D1 and older than all its messages.
HS_DELTA_EDIT = (
    "n1",
    "<p>Legal review done.</p><p>The data processing addendum was signed on 2026-11-23.</p>",
    "2026-11-23 16:05",
)
HS_DELTA_NEW = (
    "n7",
    "2024-12-15 11:40",
    "<p>Inbound lead from the webinar.</p><p>Hannah is looking for a BI platform.</p>",
    "alice",
    ["hc01"],
    ["H1"],
    ["D1"],
)

# key, Activity date, Email subject, Email body, from, to, direction, owner,
# contacts, companies, deals. from/to: owner keys or contact keys.
HS_EMAILS = [
    (
        "e1",
        "2025-05-06 08:55",
        "RE: Order form and security questionnaire",
        "Hi Alice,\nwe will return the questionnaire by the end of May.\nHannah",
        "hc01",
        ["alice"],
        "INCOMING_EMAIL",
        "alice",
        ["hc01"],
        ["H1"],
        ["D1"],
    ),
    (
        "e2",
        "2025-03-19 10:15",
        "Order form and security questionnaire",
        "Hello Hannah, hello Samuel,\nplease find the order form and our security "
        "questionnaire.\nAlice",
        "alice",
        ["hc01", "hc02"],
        "EMAIL",
        "alice",
        ["hc01", "hc02"],
        ["H1"],
        ["D1"],
    ),
    (
        "e3",
        "2025-01-14 17:20",
        "Loyalty app: pilot scope and renewal option",
        "Hi Priya,\nas discussed: the pilot scope, and the renewal option for 2026.\nBob",
        "bob",
        ["hc08"],
        "EMAIL",
        "bob",
        ["hc08"],
        ["H5"],
        ["D6", "D8"],
    ),
    (
        "e4",
        "2024-11-05 08:38",
        "Question about accessibility",
        "Bonjour Carla,\ndoes the portal meet the RGAA accessibility rules?\nHugo",
        "hc07",
        ["carla"],
        "INCOMING_EMAIL",
        "carla",
        ["hc07"],
        ["H4"],
        [],
    ),
    (
        "e5",
        "2024-09-12 07:49",
        "AW: Pilot offer",
        "Hallo Dmitri,\ndas Angebot passt, wir starten im Oktober.\nKatrin Vogel",
        "hc03",
        ["dmitri"],
        "INCOMING_EMAIL",
        "dmitri",
        ["hc03"],
        ["H2"],
        ["D2"],
    ),
    (
        "e6",
        "2024-09-10 15:30",
        "Pilot offer",
        "Hello Katrin,\nattached is our offer for the predictive maintenance pilot.\nDmitri",
        "dmitri",
        ["hc03"],
        "EMAIL",
        "dmitri",
        ["hc03"],
        ["H2"],
        ["D2"],
    ),
]

# key, Activity date, Call title, Call notes (HTML), duration ms, outcome, status,
# owner, contacts, companies, deals, Create date.
HS_CALLS = [
    (
        "k1",
        "2025-04-24 10:00",
        "Pricing call",
        "<p>Agreed on 3 years, price per seat fixed.</p>",
        "1740000",
        "Connected",
        "COMPLETED",
        "alice",
        ["hc02"],
        ["H1"],
        ["D1"],
        "2025-04-24 10:31",
    ),
    (
        "k2",
        "2026-12-02 15:00",
        "Discovery call",
        "",
        "",
        "",
        "SCHEDULED",
        "dmitri",
        ["hc09"],
        ["H6"],
        ["D7"],
        "2026-11-18 09:31",
    ),
    (
        "k3",
        "2026-01-20 09:30",
        "Renewal call",
        "<p>Left a voicemail about the renewal presentation.</p>",
        "38000",
        "Left voicemail",
        "COMPLETED",
        "dmitri",
        ["hc04"],
        ["H2"],
        ["D3"],
        "2026-01-20 09:31",
    ),
    (
        "k4",
        "2025-10-28 16:10",
        "Follow-up after the lost deal",
        "<p>No answer, will try again in spring.</p>",
        "18000",
        "No answer",
        "COMPLETED",
        "bob",
        ["hc05"],
        ["H3"],
        [],
        "2025-10-28 16:11",
    ),
    (
        "k5",
        "2026-12-07 11:00",
        "Requirements call",
        "",
        "",
        "",
        "SCHEDULED",
        "carla",
        ["hc06"],
        ["H4"],
        ["D5"],
        "2026-11-13 15:20",
    ),
    (
        "k6",
        "2025-01-09 14:00",
        "Discovery call",
        "<p>15 analysts, Power BI today.</p><p>Budget owner: Samuel.</p>",
        "2280000",
        "Connected",
        "COMPLETED",
        "alice",
        ["hc01"],
        ["H1"],
        ["D1"],
        "2025-01-09 14:40",
    ),
]

# key, Meeting name, start, end, location, description, attendees (contact
# keys), owner, contacts, companies, deals, Create date.
HS_MEETINGS = [
    (
        "m1",
        "Platform demo",
        "2025-03-04 14:00",
        "2025-03-04 15:00",
        "Zoom",
        "Demo of dashboards and data connectors.",
        ["hc01", "hc02"],
        "alice",
        ["hc01", "hc02"],
        ["H1"],
        ["D1"],
        "2025-02-20 09:12",
    ),
    (
        "m2",
        "Discovery workshop",
        "2026-05-19 09:30",
        "2026-05-19 12:00",
        "Bellerive Santé, Nantes",
        "Workshop with the IT and the care teams.",
        ["hc06", "hc07"],
        "carla",
        ["hc06"],
        ["H4"],
        ["D5"],
        "2026-04-28 17:05",
    ),
    (
        "m3",
        "Intro meeting",
        "2026-09-15 13:00",
        "2026-09-15 13:45",
        "Microsoft Teams",
        "",
        ["hc09"],
        "dmitri",
        ["hc09"],
        ["H6"],
        ["D7"],
        "2026-09-01 10:20",
    ),
    (
        "m4",
        "Quarterly review",
        "2025-11-04 10:00",
        "2025-11-04 11:00",
        "Falkenberg, Stuttgart",
        "Review of the pilot results.",
        ["hc04"],
        "dmitri",
        ["hc04"],
        ["H2"],
        [],
        "2025-10-20 08:30",
    ),
]

# key, Task title, Task notes (HTML), Due date, status, type, owner, contacts,
# companies, deals, Create date.
HS_TASKS = [
    (
        "t1",
        "Send security questionnaire",
        "<p>Use the 2025 template.</p>",
        "2025-05-20 09:00",
        "COMPLETED",
        "EMAIL",
        "alice",
        ["hc01"],
        ["H1"],
        ["D1"],
        "2025-05-06 09:00",
    ),
    (
        "t2",
        "Call about renewal terms",
        "",
        "2026-12-01 08:00",
        "NOT_STARTED",
        "CALL",
        "dmitri",
        ["hc04"],
        ["H2"],
        ["D3"],
        "2026-11-18 09:30",
    ),
    (
        "t3",
        "Prepare proposal draft",
        "<p>Include the hosting options.</p>",
        "2026-11-27 17:00",
        "NOT_STARTED",
        "TODO",
        "carla",
        ["hc06"],
        ["H4"],
        ["D5"],
        "2026-11-13 15:20",
    ),
    (
        "t4",
        "Update contact details",
        "",
        "2025-08-08 15:00",
        "COMPLETED",
        "TODO",
        "carla",
        ["hc06"],
        ["H4"],
        [],
        "2025-08-01 09:45",
    ),
    (
        "t5",
        "Kick-off call with maintenance team",
        "<p>Pilot kick-off, 6 machines.</p>",
        "2024-10-01 10:00",
        "COMPLETED",
        "CALL",
        "dmitri",
        ["hc03"],
        ["H2"],
        ["D2"],
        "2024-09-12 08:00",
    ),
    (
        "t6",
        "Send case study",
        "",
        "2026-12-03 09:00",
        "NOT_STARTED",
        "EMAIL",
        "dmitri",
        [],
        ["H6"],
        [],
        "2026-11-18 09:31",
    ),
]

# key, File name, blob, deals, contacts, companies, Create date.
HS_DOCUMENTS = [
    ("f1", "floor-plan.png", "png", [], [], ["H5"], "2025-02-20 16:38"),
    ("f2", "greystone-proposal-v2.pdf", "pdf", ["D1"], ["hc01"], ["H1"], "2025-03-18 17:02"),
    ("f3", "site-survey.docx", "docx", ["D4"], ["hc05"], ["H3"], "2025-03-28 12:15"),
]

# ==========================================================================
# Helpers
# ==========================================================================

ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SF_CHECKSUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def sf_checksum(id15):
    """The 3-character suffix that turns a 15-char Salesforce id into 18 chars."""
    suffix = ""
    for chunk in (id15[0:5], id15[5:10], id15[10:15]):
        flags = sum(1 << i for i, char in enumerate(chunk) if "A" <= char <= "Z")
        suffix += SF_CHECKSUM[flags]
    return suffix


class SalesforceIds:
    """Salesforce-like 18-char ids: key prefix, pod ``8d``, zeros, random tail."""

    def __init__(self, rng):
        self.rng = rng
        self.ids = {}

    def new(self, obj, key):
        while True:
            tail = "".join(self.rng.choice(ALNUM) for _ in range(6))
            id15 = SF_PREFIX[obj] + "8d0000" + tail
            value = id15 + sf_checksum(id15)
            if value not in self.ids.values():
                break
        self.ids[key] = value
        return value

    def __getitem__(self, key):
        return self.ids[key] if key else ""


class HubSpotIds:
    """Numeric HubSpot record ids with a fixed number of digits."""

    def __init__(self, rng):
        self.rng = rng
        self.ids = {}

    def new(self, key, digits):
        while True:
            value = str(self.rng.randrange(10 ** (digits - 1), 10**digits))
            if value not in self.ids.values():
                break
        self.ids[key] = value
        return value

    def join(self, keys):
        return ";".join(self.ids[key] for key in keys)


def sf_datetime(value):
    """``2025-03-14 09:30:00`` -> ``2025-03-14T09:30:00.000Z``."""
    return datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def sf_bool(value):
    return "true" if value else "false"


def iso_from_sf(value):
    """``2025-03-14T09:30:00.000Z`` -> ``2025-03-14 09:30:00``."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.000Z").strftime("%Y-%m-%d %H:%M:%S")


def iso_from_hs(value):
    """``2025-03-14 09:30`` -> ``2025-03-14 09:30:00``."""
    return datetime.strptime(value, "%Y-%m-%d %H:%M").strftime("%Y-%m-%d %H:%M:%S")


def text_to_html(text):
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
    return f"<html><body>{paragraphs}</body></html>"


def csv_bytes(columns, rows, quote_all):
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\n",
    )
    writer.writerow(columns)
    for row in rows:
        assert len(row) == len(columns), (columns, row)
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split_ids(value):
    return [part.strip() for part in value.split(";") if part.strip()]


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------


def tiny_png(width=8, height=8):
    """A valid RGB PNG (a gradient)."""
    return png(width, height, lambda x, y: (32 * x % 256, 32 * y % 256, 160))


def make_blobs(rng, pdf_lines, txt, docx_size):
    return {
        "png": tiny_png(),
        "pdf": tiny_pdf(pdf_lines),
        "txt": txt.encode("utf-8"),
        # Not a real .docx (not even a ZIP): random bytes the importer must store as is.
        "docx": rng.randbytes(docx_size),
    }


# ==========================================================================
# Salesforce export
# ==========================================================================


def salesforce_ids(rng):
    ids = SalesforceIds(rng)
    for key, *_ in SF_USERS:
        ids.new("User", key)
    for row in SF_ACCOUNTS:
        ids.new("Account", row[0])
    for row in SF_CONTACTS:
        ids.new("Contact", row[0])
    ids.new("Contact", "MISSING")  # a contact deleted before the export
    for row in SF_OPPORTUNITIES:
        ids.new("Opportunity", row[0])
    for table, obj in (
        (SF_TASKS, "Task"),
        (SF_EVENTS, "Event"),
        (SF_NOTES, "Note"),
        (SF_EMAILS, "EmailMessage"),
        (SF_ATTACHMENTS, "Attachment"),
    ):
        for row in table:
            ids.new(obj, row[0])
    ids.new("Note", SF_DELTA_NEW[0])
    return ids


def sf_note_row(ids, key, parent, title, body, owner, created, modified=None):
    return [
        ids[key],
        "false",
        ids[parent],
        title,
        body,
        ids[owner],
        sf_datetime(created),
        sf_datetime(modified or created),
    ]


def salesforce_files(rng):
    """{relative path: bytes} of the Salesforce export (delta included)."""
    ids = salesforce_ids(rng)
    email_of = dict(OWNER_EMAILS)
    name_of = {key: f"{first} {last}" for key, _, first, last, _ in SF_USERS}
    for key, _, first, last, email, *_ in SF_CONTACTS:
        email_of[key] = email
        name_of[key] = f"{first} {last}"

    tables = {
        "User.csv": [
            [ids[key], username, OWNER_EMAILS[key], first, last, sf_bool(active)]
            for key, username, first, last, active in SF_USERS
        ],
        "Account.csv": [
            [
                ids[key],
                "false",
                name,
                ids[parent],
                phone,
                website,
                street,
                city,
                postal,
                country,
                industry,
                ids[owner],
                sf_datetime(created),
                sf_datetime(modified),
            ]
            for (
                key,
                name,
                parent,
                phone,
                website,
                street,
                city,
                postal,
                country,
                industry,
                owner,
                created,
                modified,
            ) in SF_ACCOUNTS
        ],
        "Contact.csv": [
            [
                ids[key],
                "false",
                ids[account],
                first,
                last,
                email,
                phone,
                title,
                ids[owner],
                sf_datetime(created),
                sf_datetime(modified),
            ]
            for (
                key,
                account,
                first,
                last,
                email,
                phone,
                title,
                owner,
                created,
                modified,
            ) in SF_CONTACTS
        ],
        "Opportunity.csv": [
            [
                ids[key],
                "false",
                ids[account],
                ids[contact],
                name,
                stage,
                amount,
                close,
                str(SF_PROBABILITY[stage]),
                sf_bool(stage.startswith("Closed")),
                sf_bool(stage == "Closed Won"),
                ids[owner],
                sf_datetime(created),
                sf_datetime(modified),
            ]
            for (
                key,
                account,
                contact,
                name,
                stage,
                amount,
                close,
                owner,
                created,
                modified,
            ) in SF_OPPORTUNITIES
        ],
    }

    tasks = []
    for (
        key,
        who,
        what,
        subject,
        when,
        status,
        priority,
        owner,
        description,
        subtype,
        duration,
        disposition,
        call_type,
        created,
    ) in SF_TASKS:
        done = status == "Completed"
        completed = sf_datetime(when) if done else ""
        tasks.append(
            [
                ids[key],
                "false",
                ids[who],
                ids[what],
                subject,
                when[:10],
                status,
                priority,
                ids[owner],
                description,
                subtype,
                duration,
                disposition,
                call_type,
                sf_bool(done),
                sf_datetime(created),
                completed or sf_datetime(created),
                completed,
            ]
        )
    tables["Task.csv"] = tasks

    tables["Event.csv"] = [
        [
            ids[key],
            "false",
            ids[who],
            ids[what],
            subject,
            location,
            sf_datetime(start),
            sf_datetime(end),
            sf_bool(allday),
            description,
            ids[owner],
            sf_datetime(created),
            sf_datetime(created),
        ]
        for (
            key,
            who,
            what,
            subject,
            location,
            start,
            end,
            allday,
            description,
            owner,
            created,
        ) in SF_EVENTS
    ]

    tables["Note.csv"] = [sf_note_row(ids, *row) for row in SF_NOTES]

    emails = []
    for key, related, subject, text, sender, to, cc, when, status in SF_EMAILS:
        incoming = sender not in OWNER_EMAILS
        emails.append(
            [
                ids[key],
                "",
                ids[related],
                "",
                subject,
                text,
                text_to_html(text),
                email_of[sender],
                name_of[sender],
                "; ".join(email_of[k] for k in to),
                "; ".join(email_of[k] for k in cc),
                sf_datetime(when),
                sf_bool(incoming),
                status,
                sf_datetime(when),
                sf_datetime(when),
            ]
        )
    tables["EmailMessage.csv"] = emails

    blobs = make_blobs(
        rng,
        ["Northwind Logistics GmbH", "Fleet telematics rollout - proposal v3", "185,000 EUR"],
        "Site survey - Harborline, Waalhaven terminal\n"
        "- 14 yard cranes, 3 gates\n- LTE coverage weak near quay 5\n",
        3072,
    )
    files = {}
    attachments = []
    for key, parent, name, content_type, blob, created in SF_ATTACHMENTS:
        data = blobs[blob]
        files[f"Attachments/{ids[key]}"] = data
        attachments.append(
            [
                ids[key],
                "false",
                ids[parent],
                name,
                content_type,
                str(len(data)),
                sf_datetime(created),
                sf_datetime(created),
            ]
        )
    tables["Attachment.csv"] = attachments

    for name, columns in SF_COLUMNS.items():
        files[name] = csv_bytes(columns, tables[name], quote_all=True)

    # Cutover delta: every note again, N1 edited, N9 new (appended).
    edit_key, edit_body, edit_modified = SF_DELTA_EDIT
    delta_notes = []
    for key, parent, title, body, owner, created in SF_NOTES:
        if key == edit_key:
            delta_notes.append(
                sf_note_row(ids, key, parent, title, edit_body, owner, created, edit_modified)
            )
        else:
            delta_notes.append(sf_note_row(ids, key, parent, title, body, owner, created))
    new_key, new_parent, new_title, new_body, new_owner, new_created = SF_DELTA_NEW
    delta_notes.append(
        sf_note_row(
            ids,
            new_key,
            new_parent,
            new_title,
            new_body,
            new_owner,
            new_created,
            "2026-11-23 17:48:36",
        )
    )
    files["delta/Note.csv"] = csv_bytes(SF_COLUMNS["Note.csv"], delta_notes, quote_all=True)
    return files, ids


def sf_engagements(folder, notes_path="Note.csv"):
    """Expected engagements, computed from the Salesforce files on disk."""
    contacts = {row["Id"]: row for row in read_csv(folder / "Contact.csv")}
    known = set(contacts)
    known |= {row["Id"] for row in read_csv(folder / "Account.csv")}
    known |= {row["Id"] for row in read_csv(folder / "Opportunity.csv")}

    def target(record_id):
        if record_id and record_id in known:
            return {"kind": SF_KIND[record_id[:3]], "source_id": record_id}
        return None

    result = []
    for row in read_csv(folder / "Task.csv"):
        on = target(row["WhatId"] or row["WhoId"])
        done = row["IsClosed"] == "true"
        if on is None:
            lands_as = "orphan"
        else:
            lands_as = "message" if done else "activity"
        result.append(
            {
                "file": "Task.csv",
                "source_id": row["Id"],
                "lands_as": lands_as,
                "on": on,
                "date": iso_from_sf(row["CompletedDateTime"]) if done else row["ActivityDate"],
                "subject": row["Subject"] or None,
                "type": "call" if row["TaskSubtype"] == "Call" else "task",
                "done": done,
            }
        )
    for row in read_csv(folder / "Event.csv"):
        who = contacts.get(row["WhoId"])
        result.append(
            {
                "file": "Event.csv",
                "source_id": row["Id"],
                "lands_as": "event",
                "on": target(row["WhatId"] or row["WhoId"]),
                "date": iso_from_sf(row["StartDateTime"]),
                "subject": row["Subject"] or None,
                "type": "meeting",
                "attendees": [who["Email"]] if who else [],
                "allday": row["IsAllDayEvent"] == "true",
            }
        )
    for row in read_csv(folder / notes_path):
        result.append(
            {
                "file": "Note.csv",
                "source_id": row["Id"],
                "lands_as": "message",
                "on": target(row["ParentId"]),
                "date": iso_from_sf(row["CreatedDate"]),
                "subject": row["Title"] or None,
                "type": "note",
            }
        )
    for row in read_csv(folder / "EmailMessage.csv"):
        result.append(
            {
                "file": "EmailMessage.csv",
                "source_id": row["Id"],
                "lands_as": "message",
                "on": target(row["RelatedToId"]),
                "date": iso_from_sf(row["MessageDate"]),
                "subject": row["Subject"] or None,
                "type": "email",
            }
        )
    for row in read_csv(folder / "Attachment.csv"):
        data = (folder / "Attachments" / row["Id"]).read_bytes()
        assert int(row["BodyLength"]) == len(data), row
        result.append(
            {
                "file": "Attachment.csv",
                "source_id": row["Id"],
                "lands_as": "attachment",
                "on": target(row["ParentId"]),
                "date": iso_from_sf(row["CreatedDate"]),
                "subject": row["Name"] or None,
                "type": "document",
                "file_sha1": hashlib.sha1(data).hexdigest(),
                "file_size": len(data),
            }
        )
    return result


# ==========================================================================
# HubSpot export
# ==========================================================================


def hubspot_ids(rng):
    ids = HubSpotIds(rng)
    for row in HS_COMPANIES:
        ids.new(row[0], 9)
    for row in HS_CONTACTS:
        ids.new(row[0], 5)
    for row in HS_DEALS:
        ids.new(row[0], 10)
    for table in (HS_NOTES, HS_EMAILS, HS_CALLS, HS_MEETINGS, HS_TASKS, HS_DOCUMENTS):
        for row in table:
            ids.new(row[0], 11)
    ids.new(HS_DELTA_NEW[0], 11)
    return ids


def hs_note_row(ids, key, when, body, owner, contacts, companies, deals, modified=None):
    return [
        ids.ids[key],
        when,
        body,
        OWNER_EMAILS[owner],
        ids.join(contacts),
        ids.join(companies),
        ids.join(deals),
        when,
        modified or when,
    ]


def hubspot_files(rng):
    """{relative path: bytes} of the HubSpot export (delta included)."""
    ids = hubspot_ids(rng)
    company_name = {row[0]: row[1] for row in HS_COMPANIES}
    email_of = dict(OWNER_EMAILS)
    email_of.update({row[0]: row[3] for row in HS_CONTACTS})

    tables = {
        "companies": [
            [
                ids.ids[key],
                name,
                domain,
                phone,
                city,
                country,
                industry,
                OWNER_EMAILS[owner],
                created,
                modified,
            ]
            for (
                key,
                name,
                domain,
                phone,
                city,
                country,
                industry,
                owner,
                created,
                modified,
            ) in HS_COMPANIES
        ],
        "contacts": [
            [
                ids.ids[key],
                first,
                last,
                email,
                phone,
                title,
                ids.join(companies),
                company_name[companies[0]] if companies else other_company,
                OWNER_EMAILS[owner],
                created,
                modified,
            ]
            for (
                key,
                first,
                last,
                email,
                phone,
                title,
                companies,
                other_company,
                owner,
                created,
                modified,
            ) in HS_CONTACTS
        ],
        "deals": [
            [
                ids.ids[key],
                name,
                stage,
                pipeline,
                amount,
                close,
                OWNER_EMAILS[owner],
                created,
                modified,
                ids.join(companies),
                ids.join(contacts),
            ]
            for (
                key,
                name,
                stage,
                pipeline,
                amount,
                close,
                owner,
                created,
                modified,
                companies,
                contacts,
            ) in HS_DEALS
        ],
        "notes": [hs_note_row(ids, *row) for row in HS_NOTES],
        "emails": [
            [
                ids.ids[key],
                when,
                subject,
                body,
                email_of[sender],
                ";".join(email_of[k] for k in to),
                direction,
                OWNER_EMAILS[owner],
                ids.join(contacts),
                ids.join(companies),
                ids.join(deals),
                when,
                when,
            ]
            for (
                key,
                when,
                subject,
                body,
                sender,
                to,
                direction,
                owner,
                contacts,
                companies,
                deals,
            ) in HS_EMAILS
        ],
        "calls": [
            [
                ids.ids[key],
                when,
                title,
                notes,
                duration,
                outcome,
                status,
                OWNER_EMAILS[owner],
                ids.join(contacts),
                ids.join(companies),
                ids.join(deals),
                created,
                created,
            ]
            for (
                key,
                when,
                title,
                notes,
                duration,
                outcome,
                status,
                owner,
                contacts,
                companies,
                deals,
                created,
            ) in HS_CALLS
        ],
        "meetings": [
            [
                ids.ids[key],
                name,
                start,
                end,
                location,
                description,
                ";".join(email_of[k] for k in attendees),
                OWNER_EMAILS[owner],
                ids.join(contacts),
                ids.join(companies),
                ids.join(deals),
                created,
                created,
            ]
            for (
                key,
                name,
                start,
                end,
                location,
                description,
                attendees,
                owner,
                contacts,
                companies,
                deals,
                created,
            ) in HS_MEETINGS
        ],
        "tasks": [
            [
                ids.ids[key],
                title,
                notes,
                due,
                status,
                task_type,
                OWNER_EMAILS[owner],
                ids.join(contacts),
                ids.join(companies),
                ids.join(deals),
                created,
                due if status == "COMPLETED" else created,
            ]
            for (
                key,
                title,
                notes,
                due,
                status,
                task_type,
                owner,
                contacts,
                companies,
                deals,
                created,
            ) in HS_TASKS
        ],
    }

    blobs = make_blobs(
        rng,
        ["Greystone Analytics Ltd", "Analytics platform - proposal v2", "96,000 GBP per year"],
        "",
        2990,
    )
    files = {}
    documents = []
    for key, name, blob, deals, contacts, companies, created in HS_DOCUMENTS:
        files[f"hubspot-attachments/files/{name}"] = blobs[blob]
        documents.append(
            [
                ids.ids[key],
                name,
                f"files/{name}",
                ids.join(deals),
                ids.join(contacts),
                ids.join(companies),
                created,
            ]
        )
    tables["attachments"] = documents

    for name, columns in HS_COLUMNS.items():
        files[HS_FILES[name]] = csv_bytes(columns, tables[name], quote_all=False)

    edit_key, edit_body, edit_modified = HS_DELTA_EDIT
    delta_notes = []
    for key, when, body, owner, contacts, companies, deals in HS_NOTES:
        if key == edit_key:
            body = edit_body
        modified = edit_modified if key == edit_key else None
        delta_notes.append(
            hs_note_row(ids, key, when, body, owner, contacts, companies, deals, modified)
        )
    delta_notes.append(hs_note_row(ids, *HS_DELTA_NEW, modified="2026-11-23 16:30"))
    files["delta/" + HS_FILES["notes"]] = csv_bytes(
        HS_COLUMNS["notes"], delta_notes, quote_all=False
    )
    return files, ids


def hs_engagements(folder, notes_path=None):
    """Expected engagements, computed from the HubSpot files on disk."""
    kinds = {}
    for name, kind in (("companies", "company"), ("contacts", "contact"), ("deals", "deal")):
        for row in read_csv(folder / HS_FILES[name]):
            kinds[row["Record ID"]] = kind

    def target(row):
        for column in ("Associated Deal IDs", "Associated Contact IDs", "Associated Company IDs"):
            for record_id in split_ids(row[column]):
                assert record_id in kinds, (column, record_id)
                return {"kind": kinds[record_id], "source_id": record_id}
        raise AssertionError(f"HubSpot engagement without association: {row}")

    def entry(name, row, lands_as, date, subject, kind, **extra):
        return {
            "file": HS_FILES[name],
            "source_id": row.get("Activity ID") or row.get("File ID"),
            "lands_as": lands_as,
            "on": target(row),
            "date": date,
            "subject": subject or None,
            "type": kind,
            **extra,
        }

    result = []
    for row in read_csv(folder / (notes_path or HS_FILES["notes"])):
        result.append(
            entry("notes", row, "message", iso_from_hs(row["Activity date"]), None, "note")
        )
    for row in read_csv(folder / HS_FILES["emails"]):
        date = iso_from_hs(row["Activity date"])
        result.append(entry("emails", row, "message", date, row["Email subject"], "email"))
    for row in read_csv(folder / HS_FILES["calls"]):
        done = row["Call status"] == "COMPLETED"
        date = iso_from_hs(row["Activity date"]) if done else row["Activity date"][:10]
        lands_as = "message" if done else "activity"
        result.append(entry("calls", row, lands_as, date, row["Call title"], "call", done=done))
    for row in read_csv(folder / HS_FILES["meetings"]):
        result.append(
            entry(
                "meetings",
                row,
                "event",
                iso_from_hs(row["Meeting start time"]),
                row["Meeting name"],
                "meeting",
                attendees=split_ids(row["Meeting attendees"]),
                allday=False,
            )
        )
    for row in read_csv(folder / HS_FILES["tasks"]):
        done = row["Task status"] == "COMPLETED"
        date = iso_from_hs(row["Due date"]) if done else row["Due date"][:10]
        lands_as = "message" if done else "activity"
        result.append(entry("tasks", row, lands_as, date, row["Task title"], "task", done=done))
    base = folder / "hubspot-attachments"
    for row in read_csv(folder / HS_FILES["attachments"]):
        data = (base / row["File path"]).read_bytes()
        result.append(
            entry(
                "attachments",
                row,
                "attachment",
                iso_from_hs(row["Create date"]),
                row["File name"],
                "document",
                file_sha1=hashlib.sha1(data).hexdigest(),
                file_size=len(data),
            )
        )
    return result


# ==========================================================================
# Expectations
# ==========================================================================


def record_key(on):
    return f"{on['kind']}:{on['source_id']}"


def timelines(engagements, min_messages=2):
    by_record = {}
    for item in engagements:
        if item["lands_as"] == "message":
            by_record.setdefault(record_key(item["on"]), []).append(item)
    result = {}
    for key in sorted(by_record):
        items = by_record[key]
        dates = [item["date"] for item in items]
        assert len(set(dates)) == len(dates), f"two messages at the same time on {key}"
        if len(items) >= min_messages:
            result[key] = [item["source_id"] for item in sorted(items, key=lambda i: i["date"])]
    return result


def check_scrambled(engagements, timeline):
    """Each record with several messages has two of them, in one file, out of date order.

    So the messages of a record are not in chronological order whatever order
    the files are read in.
    """
    for key in timeline:
        items = [
            item
            for item in engagements
            if item["lands_as"] == "message" and record_key(item["on"]) == key
        ]
        assert any(
            first["file"] == second["file"] and first["date"] > second["date"]
            for index, first in enumerate(items)
            for second in items[index + 1 :]
        ), f"the messages on {key} are in chronological order in every file"


def row_counts(folder, names):
    return {name: len(read_csv(folder / name)) for name in names}


def delta_facts(before, after, before_rows, after_rows, id_column):
    """What the delta notes file changes: edited and new rows, the records' timelines."""
    old_rows = {row[id_column]: row for row in before_rows}
    changed = [
        row[id_column]
        for row in after_rows
        if row[id_column] in old_rows and row != old_rows[row[id_column]]
    ]
    new = [row[id_column] for row in after_rows if row[id_column] not in old_rows]
    new_items = [item for item in after if item["source_id"] in new]
    touched = sorted(
        {record_key(item["on"]) for item in after if item["source_id"] in changed + new}
    )
    timeline_before = timelines(before, min_messages=1)
    timeline_after = timelines(after, min_messages=1)
    dates = {item["source_id"]: item["date"] for item in before}
    for item in new_items:
        key = record_key(item["on"])
        assert len(timeline_before[key]) >= 3, key
        assert all(item["date"] < dates[other] for other in timeline_before[key]), item
        assert timeline_after[key] == [item["source_id"], *timeline_before[key]], key
    # The edited note sits on the same record as the new one: one timeline to check.
    assert len(touched) == 1 and all(key in timeline_before[touched[0]] for key in changed)
    return {
        "changed": changed,
        "new": new,
        "timeline": {key: timeline_after[key] for key in touched},
        "engagements": new_items,
    }


def sf_expected():
    names = list(SF_COLUMNS)
    engagements = sf_engagements(SF_DIR)
    timeline = timelines(engagements)
    check_scrambled(engagements, timeline)
    opportunities = read_csv(SF_DIR / "Opportunity.csv")
    facts = {
        "files": row_counts(SF_DIR, names),
        "owners": [row["Email"] for row in read_csv(SF_DIR / "User.csv")],
        "records": {
            "companies": len(read_csv(SF_DIR / "Account.csv")),
            "contacts": len(read_csv(SF_DIR / "Contact.csv")),
            "deals": len(opportunities),
            "won": sum(row["IsWon"] == "true" for row in opportunities),
            "lost": sum(
                row["IsClosed"] == "true" and row["IsWon"] != "true" for row in opportunities
            ),
        },
        "engagements": engagements,
        "timeline": timeline,
    }
    delta = delta_facts(
        engagements,
        sf_engagements(SF_DIR, "delta/Note.csv"),
        read_csv(SF_DIR / "Note.csv"),
        read_csv(SF_DIR / "delta/Note.csv"),
        "Id",
    )
    facts["delta"] = {"files": row_counts(SF_DIR, ["delta/Note.csv"]), **delta}
    return facts


def hs_expected():
    names = [HS_FILES[name] for name in HS_COLUMNS]
    engagements = hs_engagements(HS_DIR)
    timeline = timelines(engagements)
    check_scrambled(engagements, timeline)
    deals = read_csv(HS_DIR / HS_FILES["deals"])
    owners = set()
    for name in HS_COLUMNS:
        for row in read_csv(HS_DIR / HS_FILES[name]):
            for column in ("Company owner", "Contact owner", "Deal owner", "Activity assigned to"):
                if row.get(column):
                    owners.add(row[column])
    companies = read_csv(HS_DIR / HS_FILES["companies"])
    company_names = {row["Company name"] for row in companies}
    extra_companies = []
    for row in read_csv(HS_DIR / HS_FILES["contacts"]):
        name = row["Associated Company"]
        if not row["Associated Company IDs"] and name and name not in company_names:
            extra_companies.append(name)
    facts = {
        "files": row_counts(HS_DIR, names),
        "owners": [email for email in OWNER_EMAILS.values() if email in owners],
        "records": {
            # the companies of the file plus those only named on a contact
            "companies": len(companies) + len(extra_companies),
            "contacts": len(read_csv(HS_DIR / HS_FILES["contacts"])),
            "deals": len(deals),
            "won": sum(row["Deal Stage"] == "closedwon" for row in deals),
            "lost": sum(row["Deal Stage"] == "closedlost" for row in deals),
        },
        "companies_from_contacts": extra_companies,
        "engagements": engagements,
        "timeline": timeline,
    }
    delta_path = "delta/" + HS_FILES["notes"]
    delta = delta_facts(
        engagements,
        hs_engagements(HS_DIR, delta_path),
        read_csv(HS_DIR / HS_FILES["notes"]),
        read_csv(HS_DIR / delta_path),
        "Activity ID",
    )
    facts["delta"] = {"files": row_counts(HS_DIR, [delta_path]), **delta}
    return facts


# --------------------------------------------------------------------------
# Checks of the brief the fixtures follow
# --------------------------------------------------------------------------


def in_years(date, first=2024, last=2026):
    return first <= int(date[:4]) <= last


def check_salesforce(facts, ids):
    assert facts["files"] == {
        "User.csv": 4,
        "Account.csv": 8,
        "Contact.csv": 12,
        "Opportunity.csv": 10,
        "Task.csv": 14,
        "Event.csv": 5,
        "Note.csv": 8,
        "EmailMessage.csv": 8,
        "Attachment.csv": 4,
    }, facts["files"]
    for key, value in ids.ids.items():
        assert len(value) == 18 and sf_checksum(value[:15]) == value[15:], (key, value)
    accounts = {row["Id"]: row for row in read_csv(SF_DIR / "Account.csv")}
    assert sum(row["ParentId"] in accounts for row in accounts.values()) == 1
    contacts = {row["Id"]: row for row in read_csv(SF_DIR / "Contact.csv")}
    assert all(row["AccountId"] in accounts for row in contacts.values())
    assert facts["records"]["won"] >= 3 and facts["records"]["lost"] >= 2
    stages = {row["StageName"] for row in read_csv(SF_DIR / "Opportunity.csv")}
    assert stages == set(SF_PROBABILITY), stages

    tasks = read_csv(SF_DIR / "Task.csv")
    shape = {}
    for row in tasks:
        done = row["IsClosed"] == "true"
        assert done == (row["Status"] == "Completed") == bool(row["CompletedDateTime"]), row
        assert row["Status"] in ("Completed", "Not Started", "In Progress"), row
        orphan = row["WhoId"] not in contacts and not row["WhatId"]
        if orphan:
            assert row["WhoId"].startswith("003") and not done, row
            label = "orphan"
        else:
            label = ("done " if done else "open ") + row["TaskSubtype"]
        if done and row["TaskSubtype"] == "Call":
            assert row["CallDurationInSeconds"] and row["CallDisposition"], row
        shape[label] = shape.get(label, 0) + 1
    assert shape == {
        "done Call": 4,
        "open Call": 2,
        "done Task": 4,
        "open Task": 3,
        "orphan": 1,
    }, shape
    alldays = [row for row in read_csv(SF_DIR / "Event.csv") if row["IsAllDayEvent"] == "true"]
    assert len(alldays) == 1
    assert all(
        alldays[0][column].endswith("T00:00:00.000Z")
        for column in ("StartDateTime", "EndDateTime")
    )
    users = {row["Email"] for row in read_csv(SF_DIR / "User.csv")}
    for row in read_csv(SF_DIR / "EmailMessage.csv"):
        assert (row["Incoming"] == "false") == (row["FromAddress"] in users), row
        assert row["RelatedToId"][:3] in ("001", "006") and not row["ParentId"], row
        assert 1 <= len(row["ToAddress"].split("; ")) <= 2, row
    assert [item["lands_as"] for item in facts["engagements"]].count("orphan") == 1
    for item in facts["engagements"]:
        assert in_years(item["date"]), item
    key_deal = f"deal:{ids['O1']}"
    files = {
        item["file"]
        for item in facts["engagements"]
        if item["source_id"] in facts["timeline"][key_deal]
    }
    assert len(facts["timeline"][key_deal]) >= 3 and len(files) >= 3, files
    assert list(facts["delta"]["timeline"]) == [key_deal]
    assert facts["delta"]["new"] == [ids["N9"]] and facts["delta"]["changed"] == [ids["N1"]]


def check_hubspot(facts, ids):
    assert facts["files"] == {
        HS_FILES["companies"]: 6,
        HS_FILES["contacts"]: 10,
        HS_FILES["deals"]: 8,
        HS_FILES["notes"]: 6,
        HS_FILES["emails"]: 6,
        HS_FILES["calls"]: 6,
        HS_FILES["meetings"]: 4,
        HS_FILES["tasks"]: 6,
        HS_FILES["attachments"]: 3,
    }, facts["files"]
    digits = {"H": 9, "h": 5, "D": 10}
    for key, value in ids.ids.items():
        assert value.isdigit() and len(value) == digits.get(key[0], 11), (key, value)
    companies = {row["Record ID"] for row in read_csv(HS_DIR / HS_FILES["companies"])}
    contacts = read_csv(HS_DIR / HS_FILES["contacts"])
    linked = [row for row in contacts if row["Associated Company IDs"]]
    assert len(linked) == 9
    assert all(set(split_ids(row["Associated Company IDs"])) <= companies for row in linked)
    assert [row["Associated Company"] for row in contacts if row not in linked] == [BLUE_HARBOR]
    assert facts["companies_from_contacts"] == [BLUE_HARBOR]
    deals = read_csv(HS_DIR / HS_FILES["deals"])
    assert {row["Deal Stage"] for row in deals} == {
        "appointmentscheduled",
        "qualifiedtobuy",
        "presentationscheduled",
        "contractsent",
        "closedwon",
        "closedlost",
    }
    assert {row["Pipeline"] for row in deals} == {"Sales Pipeline", "Renewals"}
    assert facts["records"]["won"] >= 2 and facts["records"]["lost"] >= 2
    calls = read_csv(HS_DIR / HS_FILES["calls"])
    done = [row for row in calls if row["Call status"] == "COMPLETED"]
    planned = [row for row in calls if row["Call status"] == "SCHEDULED"]
    assert len(done) == 4 and len(planned) == 2
    assert {row["Call outcome"] for row in done} == {"Connected", "Left voicemail", "No answer"}
    assert all(row["Call duration (ms)"] for row in done)
    assert all(
        row["Activity date"][:10] > EXPORT_DAY and not row["Call duration (ms)"] for row in planned
    )
    for row in read_csv(HS_DIR / HS_FILES["emails"]):
        outgoing = row["Email from address"] in OWNER_EMAILS.values()
        assert row["Email direction"] == ("EMAIL" if outgoing else "INCOMING_EMAIL"), row
    tasks = read_csv(HS_DIR / HS_FILES["tasks"])
    assert {row["Task status"] for row in tasks} == {"NOT_STARTED", "COMPLETED"}
    assert {row["Task type"] for row in tasks} == {"TODO", "CALL", "EMAIL"}
    multi = 0
    for name in ("deals", "notes", "emails", "calls", "meetings", "tasks", "attachments"):
        for row in read_csv(HS_DIR / HS_FILES[name]):
            multi += any(";" in row.get(column, "") for column in ASSOC)
    assert multi >= 2, multi
    for item in facts["engagements"]:
        assert item["on"] is not None and in_years(item["date"]), item
    key_deal = f"deal:{ids.ids['D1']}"
    assert len(facts["timeline"][key_deal]) >= 3
    assert list(facts["delta"]["timeline"]) == [key_deal]
    assert facts["delta"]["new"] == [ids.ids["n7"]]
    assert facts["delta"]["changed"] == [ids.ids["n1"]]


# ==========================================================================
# READMEs
# ==========================================================================

SF_FILE_NOTES = {
    "User.csv": "the record owners; Carla Diaz inactive",
    "Account.csv": "companies; one subsidiary (`ParentId`)",
    "Contact.csv": "contacts, all with `AccountId`",
    "Opportunity.csv": "deals; 5 open, Closed Won / Closed Lost",
    "Task.csv": "tasks and calls (`TaskSubtype`), open or completed; one orphan",
    "Event.csv": "meetings; one all-day",
    "Note.csv": "notes on accounts, contacts and opportunities",
    "EmailMessage.csv": "emails on opportunities and accounts, both directions",
    "Attachment.csv": "documents on opportunities and accounts",
}


def sf_readme(facts, ids):
    rows = [[f"`{name}`", count, SF_FILE_NOTES[name]] for name, count in facts["files"].items()]
    rows.append(["`Attachments/<Id>`", "4 files", "the attachment bodies, named by `Id`"])
    rows.append(
        [
            "`delta/Note.csv`",
            facts["delta"]["files"]["delta/Note.csv"],
            "the notes of a later cutover export (see below)",
        ]
    )
    key_deal = f"deal:{ids['O1']}"
    carla = ", ".join(f"`{ids[key]}`" for key in ("A4", "A8", "O6", "O10"))
    return f"""# Salesforce export with engagements

A small fictional Salesforce org as the weekly **Data Export** writes it
(exported {EXPORT_DAY}): one
CSV per object, API field names as headers, UTF-8 without BOM, comma, every
value double-quoted, LF line ends, booleans `true`/`false`, datetimes in UTC as
`2025-03-14T09:30:00.000Z`, dates (`ActivityDate`, `CloseDate`) as
`2025-03-14`, 18-character ids with the standard key prefixes. Generated by
`scripts/samples/engagements.py` (seeded, deterministic): do not edit by hand,
rerun the script. `expected.json` holds what the tests assert; it is computed
from the files written.

{md_table(["file", "rows", "content"], rows)}

Records: {facts["records"]["companies"]} companies, {facts["records"]["contacts"]} contacts, \
{facts["records"]["deals"]} deals ({facts["records"]["won"]} won, \
{facts["records"]["lost"]} lost). Engagements: {len(facts["engagements"])} rows.

## Where an engagement lands

- Task and Event: `WhatId` if set (`006` Opportunity -> deal, `001` Account ->
  company), else `WhoId` (`003` Contact). Note: `ParentId`. EmailMessage:
  `RelatedToId`. Attachment: `ParentId`.
- Notes, emails and completed tasks/calls become messages (chatter); open
  tasks/calls become activities; events become calendar events; attachments
  become attachments.
- `expected.json` dates: UTC `YYYY-MM-DD HH:MM:SS`; a completed task or call is
  dated by `CompletedDateTime` (its `ActivityDate` is the same day), an open one
  by its due date `ActivityDate` (`YYYY-MM-DD`). Meeting attendees are the
  `WhoId` contact's email (the export has no attendee list).

## Deliberate gotchas

- **Scrambled timelines.** Rows are not in date order. `{key_deal}` (opportunity
  `Northwind Logistics - Fleet telematics rollout`) holds
  {len(facts["timeline"][key_deal])} messages spread over `Task.csv`, `Note.csv` and
  `EmailMessage.csv`; every record with two or more messages has two of them out
  of date order inside one file, so no file order gives the chronology.
- **Orphan task** `{ids["T08"]}` (open): `WhoId` `{ids["MISSING"]}` is a contact
  id that is not in `Contact.csv`, `WhatId` is empty. It must be reported, not
  attached to an arbitrary record.
- **Polymorphic ids**: `WhoId`/`WhatId` mix contacts, accounts and opportunities;
  tasks `{ids["T04"]}`, `{ids["T11"]}`, `{ids["T12"]}` sit on an account, task
  `{ids["T09"]}` and event `{ids["EV5"]}` only on a contact.
- **All-day event** `{ids["EV3"]}`: `IsAllDayEvent` `true`, `StartDateTime`
  `2025-06-10T00:00:00.000Z`, `EndDateTime` `2025-06-11T00:00:00.000Z` (a
  two-day fair: the end is the last day, not the day after).
- **Open activities in the future** (30 November to 15 December 2026, after
  the export) with a due date only; completed calls carry
  `CallDurationInSeconds`, `CallDisposition` (`Connected`, `Left voicemail`)
  and `CallType`.
- **Multi-line and quoted values**: `BillingStreet` of Northwind Logistics GmbH,
  every note `Body`, email bodies and some task descriptions hold LF line breaks
  inside quoted values; note `{ids["N8"]}` (double quotes and a comma) and
  task `{ids["T07"]}` (double quotes) need `""` unescaping.
- **Emails**: `ToAddress`/`CcAddress` hold one or two addresses separated by
  `; `; `Incoming` `true` = sent by a contact, `false` = sent by a user;
  `Status` is Salesforce's code (`1` read, `2` replied, `3` sent); `ParentId`
  and `ActivityId` are empty; `HtmlBody` repeats `TextBody` as HTML.
- **Owners**: `OwnerId` points to `User.csv`. Carla Diaz is inactive
  (`IsActive` `false`) yet owns {carla} and wrote notes, tasks and an email.
  Bob Keller's `Username` (`bob.keller@example.com.acme`) is not his `Email`:
  match users on `Email`.
- **Attachments**: the body of each row is the file `Attachments/<Id>` (no
  extension); the name and extension are in `Name`, the size in `BodyLength`.
  A valid 8x8 PNG, a one-page PDF, a UTF-8 text file, and
  `Renewal terms.docx`: 3072 random bytes, not a real DOCX (not even a ZIP;
  `file(1)` takes it for an "OpenPGP Secret Key"): store it as is with its
  `ContentType`, never parse or sniff it.
- **Hierarchy**: `Northwind Logistics Polska Sp. z o.o.` has `ParentId` =
  Northwind Logistics GmbH.
- **Non-ASCII** names and cities: Jürgen, Zoë, Émilie, José, Łukasz, Zürich.

## Cutover delta

`delta/Note.csv` is the `Note` file of a later export (same header): all
{facts["files"]["Note.csv"]} notes again, note `{ids["N1"]}` with a new `Body` and
`LastModifiedDate`, plus a new note `{ids["N9"]}` on the same opportunity whose
`CreatedDate` (2024-10-15) is older than every message already there: it must
come first in the timeline, and the edited note must be updated, not duplicated.
`expected.json` > `delta` lists them and the opportunity's timeline after the
delta.
"""


HS_FILE_NOTES = {
    "companies": "companies",
    "contacts": "contacts; one with a company only named (`Blue Harbor Logistics`)",
    "deals": "deals in two pipelines; `closedwon`/`closedlost`",
    "notes": "notes, HTML bodies",
    "emails": "emails, `EMAIL` (sent) or `INCOMING_EMAIL`",
    "calls": "calls, `COMPLETED` or `SCHEDULED`",
    "meetings": "meetings with attendees",
    "tasks": "tasks, `COMPLETED` or `NOT_STARTED`",
    "attachments": "documents; paths relative to `hubspot-attachments/`",
}


def hs_readme(facts, ids):
    rows = [
        [f"`{HS_FILES[name]}`", facts["files"][HS_FILES[name]], note]
        for name, note in HS_FILE_NOTES.items()
    ]
    rows.append(["`hubspot-attachments/files/`", "3 files", "`floor-plan.png`, a PDF, a `.docx`"])
    delta_path = "delta/" + HS_FILES["notes"]
    rows.append([f"`{delta_path}`", facts["delta"]["files"][delta_path], "cutover delta"])
    key_deal = f"deal:{ids.ids['D1']}"
    return f"""# HubSpot export with engagements

A small fictional HubSpot portal as its CRM exports write it (one CSV per
object, "all" views, exported {EXPORT_DAY}): human column names, UTF-8 without
BOM, comma, quotes only where needed, LF line ends, numeric record ids
(companies 9 digits, contacts 5, deals 10, activities and files 11), datetimes
`2025-03-14 09:30` (the portal's time zone is UTC), dates `2025-03-14`. Owners
are written as the users' emails. Generated by `scripts/samples/engagements.py`
(seeded, deterministic): do not edit by hand, rerun the script. `expected.json`
holds what the tests assert; it is computed from the files written. The tests
zip `hubspot-attachments/` into one upload.

{md_table(["file", "rows", "content"], rows)}

Records: {facts["records"]["companies"]} companies (6 in the file and
`Blue Harbor Logistics`), {facts["records"]["contacts"]} contacts, \
{facts["records"]["deals"]} deals \
({facts["records"]["won"]} won, {facts["records"]["lost"]} lost). Engagements: \
{len(facts["engagements"])} rows, none orphan.

## Where an engagement lands

The first id of `Associated Deal IDs` if any, else the first of `Associated
Contact IDs`, else the first of `Associated Company IDs`. Notes, emails,
completed calls and completed tasks become messages; scheduled calls and open
tasks activities; meetings calendar events; files attachments.
`expected.json` dates: `YYYY-MM-DD HH:MM:SS`; a task has no `Activity date`:
it is dated by `Due date` (a datetime); an open task or a scheduled call by
the day only (`YYYY-MM-DD`).

## Deliberate gotchas

- **Company only named**: contact `Ines Moreau` ({ids.ids["hc10"]}) has empty
  `Associated Company IDs` and `Associated Company` = `Blue Harbor Logistics`,
  which is not in the companies file: the migration creates that company.
- **Several ids in one cell**, separated by `;`: deal `Greystone - Analytics
  platform` (2 contacts), note {ids.ids["n6"]} (2 contacts, lands on the
  first), email {ids.ids["e3"]} (2 deals, lands on the first, {ids.ids["D6"]}),
  email {ids.ids["e2"]} (2 contacts, 2 `Email to address`), meetings
  {ids.ids["m1"]} and {ids.ids["m2"]} (2 attendees).
- **Scrambled timelines**: `{key_deal}` holds {len(facts["timeline"][key_deal])}
  messages across notes, emails, calls and tasks, out of date order; every
  record with two or more messages has two of them out of order inside one file.
- **HTML** in `Note body`, `Call notes` and `Task notes` (`<p>`, `<br>`,
  `<strong>`, `&amp;`); `Email body` is plain text with line breaks.
- **Calls**: `Call duration (ms)` is in milliseconds; the two `SCHEDULED` calls
  are in December 2026 (after the export) with no duration and no outcome.
- **Engagements on a company or a contact only**: note {ids.ids["n2"]}, task
  {ids.ids["t6"]} and file {ids.ids["f1"]} (company), note {ids.ids["n4"]},
  call {ids.ids["k4"]}, meeting {ids.ids["m4"]} and task {ids.ids["t4"]} (contact).
- **Owners**: Carla Diaz (inactive in Odoo) owns a company, two contacts and
  the open deal `Bellerive - Patient portal`, and has activities assigned.
- **Documents**: `File path` is relative to `hubspot-attachments/`;
  `site-survey.docx` is 2990 random bytes, not a real DOCX (not even a ZIP):
  store it as is, never parse it.
- **Non-ASCII** names: Lucía Fernández, Hugo Lefèvre, Bellerive Santé SA.

## Cutover delta

`{delta_path}` is the notes file of a later export (same name and header): all
{facts["files"][HS_FILES["notes"]]} notes again, note {ids.ids["n1"]} with a new
`Note body` and `Last modified date`, plus a new note {ids.ids["n7"]} on
`Greystone - Analytics platform` whose `Activity date` (2024-12-15) is older than
every message already there: it must come first in the timeline, and the edited
note must be updated, not duplicated. `expected.json` > `delta` lists them and the
deal's timeline after the delta.
"""


# ==========================================================================
# Main
# ==========================================================================


def main():
    rng = random.Random(SEED)
    for folder in (SF_DIR, HS_DIR):
        if folder.exists():
            shutil.rmtree(folder)
    sf_files, sf_ids = salesforce_files(rng)
    hs_files, hs_ids = hubspot_files(rng)
    written = [write(SF_DIR / name, data) for name, data in sf_files.items()]
    written += [write(HS_DIR / name, data) for name, data in hs_files.items()]

    sf_facts = sf_expected()
    check_salesforce(sf_facts, sf_ids)
    hs_facts = hs_expected()
    check_hubspot(hs_facts, hs_ids)
    for folder, facts, readme in (
        (SF_DIR, sf_facts, sf_readme(sf_facts, sf_ids)),
        (HS_DIR, hs_facts, hs_readme(hs_facts, hs_ids)),
    ):
        written.append(
            write(folder / "expected.json", json.dumps(facts, indent=1, ensure_ascii=False) + "\n")
        )
        written.append(write(folder / "README.md", readme))

    total = sum(path.stat().st_size for path in OUT_DIR.rglob("*") if path.is_file())
    assert total < MAX_TOTAL_BYTES, total
    for path in sorted(written):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
