"""Generate the D-Tools sample export: a small D-Tools Cloud tenant as its API returns it.

Writes, relative to the repository root, ``migration_bridge/data/samples/dtools/``:

- ``clients.json``: ``{"clients": [...], "totalClients", "page", "pageSize"}``, each
  client a full ``GET /Clients/GetClient`` object (``billingAddress``,
  ``siteAddresses[]``, ``contacts[]``, ``files[]``);
- ``opportunities.json`` in the ``GET /Opportunities/GetOpportunities`` shape;
- ``projects.json``, ``locations.json``, ``product_lines.json``,
  ``service_plans.json``, ``change_orders.json``, ``tasks.json``: each a list under
  a key, every row naming its project by ``projectId``;
- ``workflow_rules.json`` and ``report_definitions.json``: what does not migrate;
- ``files/<id>``: the client files (tiny PNG and PDF documents), saved under
  their D-Tools file id (names repeat across clients);
- ``expected.json``: computed by reading back the files written here;
- ``README.md``: how to export from D-Tools, what lands where, what does not.

Standard library only. It draws from ``random.Random(SEED)`` and writes the same
bytes on every run. The sample is committed: do not edit it by hand, change this
script and rerun it.

Usage: ``python3 scripts/samples/dtools.py``
"""

import hashlib
import json
import random
import shutil
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import md_table, png, tiny_pdf, write  # noqa: E402 - next to this script

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "migration_bridge" / "data" / "samples" / "dtools"

SEED = 7117
PAGE_SIZE = 500  # the largest page the Cloud API serves: one page holds the tenant
MAX_TOTAL_BYTES = 150 * 1024
TENANT = "bluewire"
FILES_URL = "https://files.d-tools.cloud/%s/clients/%%s/files/%%s/%%s" % TENANT

# D-Tools owners are email addresses. Max Weber left the company: no Odoo user.
OWNERS = {
    "sam": "sam.ortiz@bluewire-av.example",
    "lee": "lee.chen@bluewire-av.example",
    "priya": "priya.nair@bluewire-av.example",
    "max": "max.weber@bluewire-av.example",
}
OWNERS_WITH_USER = ("sam", "lee", "priya")

# The templates the profile's Fold declares, rendered here independently.
LOCATION_LINE = "{name}: {addressLine1}, {city}, {state} {postalCode}, {country}"
PRODUCT_LINE = (
    "{quantity} x {manufacturer} {sku}: {description}, dealer price {dealerPrice}, "
    "unit price {unitPrice}"
)
CHANGE_ORDER_LINE = "{number} {name} ({status}, requested {requestedDate}): {amount}"

# Opportunity stages of the tenant: (stage, system state, probability).
OPPORTUNITY_STAGES = {
    "New Lead": ("Open", 10),
    "Site Visit Completed": ("Open", 25),
    "Quoting": ("Open", 50),
    "Negotiating": ("Open", 75),
    "On Hold": ("On Hold", 20),
    "Signed Contract": ("Won", 100),
    "Lost": ("Lost", 0),
}
# Project status -> what the deal is in Odoo (the profile's won/lost values say so).
PROJECT_OUTCOME = {"Active": "open", "On Hold": "open", "Completed": "won", "Cancelled": "lost"}
OPPORTUNITY_OUTCOME = {"Open": "open", "On Hold": "open", "Won": "won", "Lost": "lost"}

CATALOG = [
    ("Sonos", "SON-AMP", "Sonos Amp 125W stereo amplifier", 449.5, 699.0),
    ("Control4", "C4-CORE3", "Control4 CORE 3 controller", 690.0, 1150.0),
    ("Araknis", "AN-310-SW-16-POE", "Araknis 310 16-port PoE switch", 520.25, 845.0),
    ("Sony", "VPL-XW5000ES", "Sony 4K SXRD laser projector", 4200.0, 5999.0),
    ("Triad", "TS-IW6", "Triad in-wall speaker, pair", 310.0, 520.0),
    ("Luma", "LUM-510-BUL", "Luma 510 bullet camera 4MP", 180.4, 329.0),
    ("Lutron", "RR-MAIN-REP", "Lutron RadioRA 3 main repeater", 240.0, 395.0),
    ("Ubiquiti", "U6-PRO", "UniFi 6 Pro access point", 140.0, 239.0),
    ("Middle Atlantic", "MA-WRK-44", "44U equipment rack", 980.0, 1490.0),
    ("Crestron", "TSW-770", "Crestron 7in touch screen", 820.0, 1299.0),
]

# ==========================================================================
# The tenant
# ==========================================================================


def address(name, line1, city, state, postal, country="United States", line2=None):
    return {
        "name": name,
        "addressLine1": line1,
        "addressLine2": line2,
        "city": city,
        "state": state,
        "postalCode": postal,
        "country": country,
    }


# id, type, name, owner, parent id, active, billing address, sites, contacts, files.
# Contacts: (first, last, title, primary, own address or None, active).
CLIENTS = [
    (
        1001,
        "Commercial",
        "Harbor Hotel Group",
        "sam",
        None,
        True,
        address("Head office", "200 Biscayne Blvd", "Miami", "FL", "33131", line2="Suite 1200"),
        [
            address("Downtown hotel", "200 Biscayne Blvd", "Miami", "FL", "33131"),
            address("Beach hotel", "1500 Collins Ave", "Miami Beach", "FL", "33139"),
            address("Airport hotel", "4400 NW 36th St", "Miami Springs", "FL", "33166"),
        ],
        [
            ("Maria", "Lopez", "Facilities Director", True, None, True),
            ("Tom", "Becker", "IT Manager", False, None, True),
            (
                "Ines",
                "Duarte",
                "Night Manager",
                False,
                address("", "1500 Collins Ave", "Miami Beach", "FL", "33139"),
                True,
            ),
        ],
        [("site-survey.pdf", "pdf"), ("lobby-render.png", "png")],
    ),
    (
        1002,
        "Commercial",
        "Harbor Hotel - Miami Beach",
        "sam",
        1001,
        False,
        address("Beach hotel", "1500 Collins Ave", "Miami Beach", "FL", "33139"),
        [address("Beach hotel east tower", "1510 Collins Ave", "Miami Beach", "FL", "33139")],
        [("Rafael", "Soto", "Operations", True, None, False)],
        [],
    ),
    (
        1003,
        "Residential",
        "Okafor Residence",
        "lee",
        None,
        True,
        address("Home", "88 Palm Way", "Coral Gables", "FL", "33134"),
        [
            address("Main residence", "88 Palm Way", "Coral Gables", "FL", "33134"),
            address("Lake house", "12 Shoreline Dr", "Lake Placid", "FL", "33852"),
        ],
        [
            ("Chidi", "Okafor", "Owner", True, None, True),
            ("Ada", "Okafor", "Owner", False, None, True),
        ],
        [("floor-plan.pdf", "pdf")],
    ),
    (
        1004,
        "Commercial",
        "Vantage Realty Holdings",
        "priya",
        None,
        True,
        address("HQ", "900 Brickell Key Blvd", "Miami", "FL", "33131"),
        [address("HQ", "900 Brickell Key Blvd", "Miami", "FL", "33131")],
        [
            ("Helen", "Park", "VP Operations", True, None, True),
            ("Omar", "Haddad", "Property Manager", False, None, True),
        ],
        [("master-services-agreement.pdf", "pdf")],
    ),
    (
        1005,
        "Commercial",
        "Atrium Tower (Vantage Realty)",
        "priya",
        1004,
        True,
        address("Atrium Tower", "1450 Brickell Ave", "Miami", "FL", "33131"),
        [
            address("Atrium lobby", "1450 Brickell Ave", "Miami", "FL", "33131"),
            address("Atrium garage", "1460 Brickell Ave", "Miami", "FL", "33131"),
        ],
        [("Grace", "Wu", "Building Engineer", True, None, True)],
        [("floor-plan.pdf", "pdf")],
    ),
    (
        1006,
        "Residential",
        "Müller Residence",
        "lee",
        None,
        True,
        address("Home", "7 Königsallee Ct", "Naples", "FL", "34102"),
        [address("Home", "7 Königsallee Ct", "Naples", "FL", "34102")],
        [
            ("Jürgen", "Müller", "Owner", True, None, True),
            ("Zoë", "Müller", "Owner", False, None, True),
        ],
        [],
    ),
    (
        1007,
        "Commercial",
        "Café Lumière",
        "max",
        None,
        True,
        address("Café", "31 Ocean Dr", "Miami Beach", "FL", "33139"),
        [address("Café", "31 Ocean Dr", "Miami Beach", "FL", "33139")],
        [("Élodie", "Martin", "Owner", True, None, True)],
        [("menu-board-layout.png", "png")],
    ),
    (
        1008,
        "Commercial",
        "Summit Ridge Church",
        "max",
        None,
        False,
        address("Office", "500 Ridge Rd", "Tallahassee", "FL", "32301"),
        [
            address("Sanctuary", "500 Ridge Rd", "Tallahassee", "FL", "32301"),
            address("Youth center", "520 Ridge Rd", "Tallahassee", "FL", "32301"),
        ],
        [
            ("Paul", "Greene", "Pastor", True, None, False),
            ("Nora", "Kim", "Media Director", False, None, False),
        ],
        [],
    ),
    (
        1009,
        "Commercial",
        "Northgate Medical Center",
        "priya",
        None,
        True,
        address("Admin", "2500 N Federal Hwy", "Fort Lauderdale", "FL", "33305"),
        [
            address("Main building", "2500 N Federal Hwy", "Fort Lauderdale", "FL", "33305"),
            address("Outpatient clinic", "2620 N Federal Hwy", "Fort Lauderdale", "FL", "33305"),
        ],
        [
            ("Victor", "Hale", "Facilities", False, None, True),
            ("Dana", "Whitfield", "CIO", True, None, True),
            ("Sam", "Patel", "AV Technician", False, None, True),
        ],
        [("network-diagram.pdf", "pdf"), ("rack-elevation.png", "png")],
    ),
    (
        1010,
        "Residential",
        "Lindqvist Family",
        "max",
        None,
        True,
        address("Home", "44 Heron Ln", "Key Biscayne", "FL", "33149"),
        [address("Home", "44 Heron Ln", "Key Biscayne", "FL", "33149")],
        [("Erik", "Lindqvist", "Owner", True, None, True)],
        [],
    ),
    (
        1011,
        "Commercial",
        "Pacific Crest Schools",
        "sam",
        None,
        True,
        address("District office", "100 Academy Way", "Orlando", "FL", "32801"),
        [
            address("Elementary campus", "110 Academy Way", "Orlando", "FL", "32801"),
            address("Middle school", "300 Crest Blvd", "Orlando", "FL", "32803"),
            address("High school", "600 Crest Blvd", "Orlando", "FL", "32803"),
        ],
        [
            ("Linda", "Foster", "Superintendent", True, None, True),
            ("Kevin", "Osei", "Technology Coordinator", False, None, True),
        ],
        [("classroom-standard.pdf", "pdf")],
    ),
    (
        1012,
        "Residential",
        "Rosewood Cinema Club",
        "lee",
        None,
        True,
        address("Clubhouse", "9 Rosewood Ter", "Boca Raton", "FL", "33432"),
        [address("Clubhouse", "9 Rosewood Ter", "Boca Raton", "FL", "33432")],
        [],
        [],
    ),
]

# id, client, name, stage, owner, created (days before the export), archived.
OPPORTUNITIES = [
    (7001, 1001, "Lobby AV refresh", "Signed Contract", "sam", 420, False),
    (7002, 1003, "Whole-home audio", "Lost", "lee", 560, True),
    (7003, 1003, "Lake house theater", "Signed Contract", "lee", 300, False),
    (7004, 1004, "Office conference rooms", "Negotiating", "priya", 60, False),
    (7005, 1005, "Atrium lobby signage", "Signed Contract", "priya", 240, False),
    (7006, 1006, "Smart home automation", "Quoting", "lee", 45, False),
    (7007, 1007, "Café background music", "Signed Contract", "max", 380, False),
    (7008, 1008, "Sanctuary livestream", "Lost", "max", 700, False),
    (7009, 1009, "Patient room TVs", "Site Visit Completed", "priya", 30, False),
    (7010, 1009, "Clinic network upgrade", "On Hold", "priya", 150, False),
    (7011, 1010, "Outdoor speakers", "New Lead", "max", 12, False),
    (7012, 1011, "Classroom displays", "Quoting", "sam", 75, False),
    (7013, 1011, "Gym sound system", "Lost", "sam", 210, False),
    (7014, 1012, "Screening room upgrade", "New Lead", None, 800, True),
    (7015, 1001, "Guest room Wi-Fi", "Negotiating", "sam", 20, False),
    (7016, 1002, "Pool deck audio", "On Hold", "sam", 330, False),
]
LEAD_SOURCES = ["Referral", "Website", "Trade show", "Repeat client"]
LOST_REASONS = {7002: "Budget", 7008: "Chose a competitor", 7013: "Project cancelled"}

# id, opportunity (None: won before the export window), client, stage, status, owner.
PROJECTS = [
    (8001, 7001, 1001, "Finish", "Active", "sam"),
    (8002, 7003, 1003, "Closed", "Completed", "lee"),
    (8003, 7005, 1005, "Rough-In", "On Hold", "priya"),
    (8004, 7007, 1007, "Closed", "Completed", "max"),
    (8005, None, 1009, "Engineering", "Active", "priya"),
    (8006, None, 1011, "Engineering", "Cancelled", "sam"),
]
PROJECT_NAMES = {
    8001: "Harbor Hotel lobby AV",
    8002: "Lake house theater build",
    8003: "Atrium signage install",
    8004: "Café Lumière music system",
    8005: "Northgate nurse call AV",
    8006: "Pacific Crest stadium PA",
}

WORKFLOW_RULES = [
    {
        "id": 101,
        "name": "Notify owner when an opportunity is won",
        "entity": "Opportunity",
        "trigger": {"event": "FieldChanged", "field": "stage", "value": "Signed Contract"},
        "conditions": [{"field": "price", "operator": "GreaterThan", "value": "10000"}],
        "actions": [
            {"type": "SendEmail", "target": "owner", "detail": "Won opportunity template"},
            {"type": "CreateTask", "target": "owner", "detail": "Schedule kickoff meeting"},
        ],
        "isActive": True,
    },
    {
        "id": 102,
        "name": "Flag projects on hold for review",
        "entity": "Project",
        "trigger": {"event": "FieldChanged", "field": "status", "value": "On Hold"},
        "conditions": [{"field": "owner", "operator": "IsNotEmpty", "value": ""}],
        "actions": [{"type": "UpdateField", "target": "priority", "detail": "High"}],
        "isActive": True,
    },
    {
        "id": 103,
        "name": "Remind technician of overdue task",
        "entity": "Task",
        "trigger": {"event": "DateReached", "field": "dueDate", "value": "0"},
        "conditions": [{"field": "status", "operator": "NotEquals", "value": "Completed"}],
        "actions": [{"type": "SendEmail", "target": "assignedTo", "detail": "Overdue task"}],
        "isActive": True,
    },
    {
        "id": 104,
        "name": "Welcome new residential client",
        "entity": "Client",
        "trigger": {"event": "RecordCreated", "field": "", "value": ""},
        "conditions": [{"field": "type", "operator": "Equals", "value": "Residential"}],
        "actions": [{"type": "SendEmail", "target": "primaryContact", "detail": "Welcome"}],
        "isActive": False,
    },
]

REPORT_DEFINITIONS = [
    {
        "id": 151,
        "name": "Pipeline by stage",
        "entity": "Opportunity",
        "type": "Chart",
        "columns": ["stage", "price", "owner"],
        "filters": [{"field": "systemState", "operator": "Equals", "value": "Open"}],
        "groupBy": "stage",
        "isShared": True,
        "owner": OWNERS["sam"],
    },
    {
        "id": 152,
        "name": "Projects by status",
        "entity": "Project",
        "type": "Table",
        "columns": ["name", "status", "price", "endDate"],
        "filters": [{"field": "isArchived", "operator": "Equals", "value": "false"}],
        "groupBy": "status",
        "isShared": True,
        "owner": OWNERS["priya"],
    },
    {
        "id": 153,
        "name": "Service contract renewals",
        "entity": "ServicePlan",
        "type": "Table",
        "columns": ["name", "cost", "billingFrequency"],
        "filters": [{"field": "billingFrequency", "operator": "Equals", "value": "Annually"}],
        "groupBy": "billingFrequency",
        "isShared": False,
        "owner": OWNERS["max"],
    },
]

EXPORT_DAY = datetime(2026, 11, 20, 9, 0, 0)


def stamp(days_before, hour=10):
    moment = EXPORT_DAY - timedelta(days=days_before)
    return moment.replace(hour=hour, minute=(days_before * 7) % 60).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(days_before):
    return (EXPORT_DAY.date() - timedelta(days=days_before)).isoformat()


def money(value):
    return round(value, 2)


def slug(text):
    return "".join(c for c in text.lower() if c.isalnum() or c == " ").replace(" ", ".")


def ascii_slug(text):
    table = str.maketrans("äöüéèëïçàâôû", "aoueeeicaaou")
    return slug(text.translate(table).replace("ß", "ss"))


def domain(name):
    words = ascii_slug(name).split(".")
    return "%s.example" % "".join(words[:2])


def page(key, items, total_key):
    """One page of a Cloud API list call: the items and the paging fields."""
    return {key: items, total_key: len(items), "page": 1, "pageSize": PAGE_SIZE}


def build_clients(rng):
    clients, files = [], {}
    contact_id, file_id = 5001, 9001
    names = {c[0]: c[2] for c in CLIENTS}
    for cid, ctype, name, owner, parent, active, billing, sites, people, docs in CLIENTS:
        site = domain(name)
        contacts = []
        for first, last, title, primary, own, contact_active in people:
            mail = "%s.%s@%s" % (ascii_slug(first), ascii_slug(last), site)
            contacts.append(
                {
                    "id": contact_id,
                    "name": "%s %s" % (first, last),
                    "firstName": first,
                    "lastName": last,
                    "company": name,
                    "title": title,
                    "email": mail,
                    "secondaryEmail": "%s@home.example" % ascii_slug(first) if primary else None,
                    "mobile": "+1 305 555 %04d" % rng.randrange(1000, 9999),
                    "phone": "+1 305 555 %04d" % (contact_id - 4000),
                    "fax": "+1 305 555 %04d" % (contact_id - 3000)
                    if contact_id % 5 == 0
                    else None,
                    "address": own,
                    "notes": "Prefers email." if primary else "",
                    "isActive": contact_active,
                    "isPrimary": primary,
                }
            )
            contact_id += 1
        primary = next((c for c in contacts if c["isPrimary"]), None)
        client_files = []
        for file_name, blob in docs:
            client_files.append(
                {"id": file_id, "name": file_name, "url": FILES_URL % (cid, file_id, file_name)}
            )
            files[file_id] = (blob, cid, file_name)
            file_id += 1
        created = 900 - (cid - 1000) * 37
        clients.append(
            {
                "id": cid,
                "type": ctype,
                "name": name,
                "number": "C-%d" % cid,
                "contactName": primary["name"] if primary else None,
                "email": primary["email"] if primary else "info@%s" % site,
                "mobile": primary["mobile"] if primary else None,
                "phone": "+1 305 555 %04d" % (cid - 900),
                "owner": OWNERS[owner],
                "hasSubaccounts": any(c[4] == cid for c in CLIENTS),
                "createdDate": stamp(created),
                "modifiedDate": stamp(created // 3, hour=16),
                "isActive": active,
                "secondaryEmail": "accounts@%s" % site if ctype == "Commercial" else None,
                "fax": "+1 305 555 %04d" % (cid - 800) if cid % 4 == 1 else None,
                "website": "https://www.%s" % site if ctype == "Commercial" else None,
                "isExemptFromTax": ctype == "Commercial" and "Church" in name,
                "parentId": parent,
                "parentName": names.get(parent),
                "billingAddress": billing,
                "siteAddresses": sites,
                "contacts": contacts,
                "files": client_files,
            }
        )
    # The API sorts by name: a sub-account may come before its parent.
    clients.sort(key=lambda c: c["name"])
    return clients, files


def build_opportunities(rng):
    items = []
    for oid, cid, name, stage, owner, created, archived in OPPORTUNITIES:
        state, probability = OPPORTUNITY_STAGES[stage]
        price = money(rng.uniform(4000, 90000))
        closed = state in ("Won", "Lost")
        estimated = day(created - 90) if created > 90 else day(-(30 + created))
        items.append(
            {
                "id": oid,
                "clientId": cid,
                "clientName": next(c[2] for c in CLIENTS if c[0] == cid),
                "clientNumber": "C-%d" % cid,
                "name": name,
                "number": "O-%d" % oid,
                "systemState": state,
                "stageGroup": "Closed" if closed else "Open",
                "stage": stage,
                "priority": rng.choice(["Low", "Normal", "Normal", "High", "Urgent"]),
                "price": price,
                "total": money(price * 1.07),
                "budget": money(price * rng.choice([0.9, 1.0, 1.2])) if oid % 3 else None,
                "probability": probability,
                "owner": OWNERS[owner] if owner else None,
                "estimatedCloseDate": estimated,
                "actualCloseDate": day(created - 100) if closed else None,
                "createdDate": stamp(created),
                "modifiedDate": stamp(max(created - 100, 1), hour=15),
                "isArchived": archived,
                "leadSource": rng.choice(LEAD_SOURCES),
                "lostReason": LOST_REASONS.get(oid) if state == "Lost" else None,
                "lostDescription": (
                    "Went with a cheaper quote"
                    if oid in LOST_REASONS and state == "Lost"
                    else None
                ),
            }
        )
    return items


def build_projects(opportunities):
    by_id = {o["id"]: o for o in opportunities}
    items = []
    for pid, oid, cid, stage, status, owner in PROJECTS:
        source = by_id.get(oid)
        price = source["price"] if source else money(18000 + (pid - 8000) * 7350.5)
        start = 200 - (pid - 8000) * 25
        items.append(
            {
                "id": pid,
                "opportunityId": oid,
                "clientId": cid,
                "clientName": next(c[2] for c in CLIENTS if c[0] == cid),
                "name": PROJECT_NAMES[pid],
                "number": "P-%d" % pid,
                "stage": stage,
                "status": status,
                "price": price,
                "total": money(price * 1.07),
                "owner": OWNERS[owner],
                "startDate": day(start),
                "endDate": day(start - 90),
                "createdDate": stamp(start + 5),
                "modifiedDate": stamp(max(start - 30, 1), hour=17),
                "isArchived": status == "Cancelled",
            }
        )
    return items


def build_children(rng, projects):
    locations, lines, plans, orders, tasks = [], [], [], [], []
    ids = {"loc": 3001, "line": 4001, "plan": 2001, "co": 2501, "task": 6001}
    site_names = ["Main lobby", "Conference wing", "Rooftop bar", "Garage", "Theater room"]
    for project in projects:
        pid = project["id"]
        client = next(c for c in CLIENTS if c[0] == project["clientId"])
        sites = client[7]
        for index in range(2 + pid % 2):
            base = sites[index % len(sites)]
            locations.append(
                {
                    "id": ids["loc"],
                    "projectId": pid,
                    "name": site_names[(pid + index) % len(site_names)],
                    "addressLine1": base["addressLine1"],
                    "city": base["city"],
                    "state": base["state"],
                    "postalCode": base["postalCode"],
                    "country": base["country"],
                }
            )
            ids["loc"] += 1
        for item in rng.sample(CATALOG, 3 + pid % 3):
            manufacturer, sku, description, dealer, unit = item
            lines.append(
                {
                    "id": ids["line"],
                    "projectId": pid,
                    "manufacturer": manufacturer,
                    "sku": sku,
                    "description": description,
                    "quantity": rng.choice([1, 1, 2, 4, 6]),
                    "dealerPrice": dealer,
                    "unitPrice": unit,
                    "phase": rng.choice(["Rough-In", "Trim", "Finish"]),
                }
            )
            ids["line"] += 1
        if pid % 2 == 1 or pid == 8004:
            plans.append(
                {
                    "id": ids["plan"],
                    "projectId": pid,
                    "clientId": project["clientId"],
                    "name": "Care Plan %s" % ("Gold" if pid % 3 else "Silver"),
                    "features": ["Remote monitoring", "Priority support", "Annual check-up"][
                        : 2 + pid % 2
                    ],
                    "pricingType": "Dynamic" if pid == 8003 else "Fixed",
                    "cost": 149.0 if pid % 3 else 79.0,
                    "billingFrequency": ["Monthly", "Quarterly", "Annually"][pid % 3],
                    "startDate": project["endDate"],
                }
            )
            ids["plan"] += 1
        for index in range(pid % 3):
            status = ["Approved", "Pending", "Rejected"][(pid + index) % 3]
            orders.append(
                {
                    "id": ids["co"],
                    "projectId": pid,
                    "number": "CO-%d" % (index + 1),
                    "name": ["Add patio speakers", "Remove second projector"][index % 2],
                    "status": status,
                    "amount": [1840.0, -3250.5][index % 2],
                    "requestedDate": day(150 - index * 10 - (pid - 8000)),
                    "approvedDate": day(140 - index * 10) if status == "Approved" else None,
                    "description": "Requested by the client on site.",
                }
            )
            ids["co"] += 1
        for index, (name, status) in enumerate(
            [("Pre-wire inspection", "Completed"), ("Rack build", "In Progress")][: 1 + pid % 2]
            + [("Client walkthrough", "Not Started")]
        ):
            who = ["sam", "lee", "priya", "max"][(pid + index) % 4]
            tasks.append(
                {
                    "id": ids["task"],
                    "projectId": pid,
                    "name": name,
                    "status": status,
                    "assignedTo": OWNERS[who],
                    "dueDate": day(100 - index * 20 - (pid - 8000)),
                    "completedDate": day(101 - index * 20) if status == "Completed" else None,
                }
            )
            ids["task"] += 1
    return locations, lines, plans, orders, tasks


# ==========================================================================
# Documents
# ==========================================================================


def tiny_png(seed, width=8, height=8):
    """A valid RGB PNG (a gradient)."""
    return png(width, height, lambda x, y: ((32 * x + seed) % 256, (32 * y + 3 * seed) % 256, 160))


def file_bytes(file_id, blob, client_id, name):
    if blob == "png":
        return tiny_png(file_id % 97)
    return tiny_pdf(["D-Tools client %d" % client_id, name, "File %d" % file_id])


# ==========================================================================
# Writing, then reading back
# ==========================================================================


def dumps(data):
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load(name):
    return json.loads((OUT_DIR / name).read_text(encoding="utf-8"))


def text(value):
    """A JSON value as the reader gives it: numbers as written, true/false, null empty."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list):
        return "; ".join(text(v) for v in value)
    return str(value)


def render(template, row):
    return template.format(**{k: text(v) for k, v in row.items()})


def by_project(rows, template):
    out = {}
    for row in rows:
        out.setdefault(str(row["projectId"]), []).append(render(template, row))
    return {key: "\n".join(lines) for key, lines in sorted(out.items())}


def outcome(deal_kind, row):
    if deal_kind == "opportunity":
        return OPPORTUNITY_OUTCOME[row["systemState"]]
    return PROJECT_OUTCOME[row["status"]]


def expected():
    clients = load("clients.json")
    opportunities = load("opportunities.json")
    projects = load("projects.json")
    children = {
        name: load("%s.json" % name)
        for name in ("locations", "product_lines", "service_plans", "change_orders", "tasks")
    }
    rows = {
        "locations": children["locations"]["locations"],
        "product_lines": children["product_lines"]["productLines"],
        "service_plans": children["service_plans"]["servicePlans"],
        "change_orders": children["change_orders"]["changeOrders"],
        "tasks": children["tasks"]["tasks"],
    }
    workflow = load("workflow_rules.json")["workflowRules"]
    reports = load("report_definitions.json")["reportDefinitions"]
    client_rows = clients["clients"]
    contacts = [dict(c, _parent_id=k["id"]) for k in client_rows for c in k["contacts"]]
    sites = [dict(s, _parent_id=k["id"]) for k in client_rows for s in k["siteAddresses"]]
    files = [dict(f, _parent_id=k["id"]) for k in client_rows for f in k["files"]]
    primary = dict(
        sorted((str(c["_parent_id"]), str(c["id"])) for c in contacts if c["isPrimary"] is True)
    )
    folds = {
        "x_project_locations": by_project(rows["locations"], LOCATION_LINE),
        "x_product_lines": by_project(rows["product_lines"], PRODUCT_LINE),
        "x_change_orders": by_project(rows["change_orders"], CHANGE_ORDER_LINE),
    }
    deals = {}
    for kind, items in (
        ("opportunity", opportunities["opportunities"]),
        ("project", projects["projects"]),
    ):
        for row in items:
            key = str(row["id"])
            deal = {
                "name": row["name"],
                "partner": str(row["clientId"]),
                "primary_contact": primary.get(str(row["clientId"])),
                "owner": row["owner"],
                "stage": row["stage"],
                "outcome": outcome(kind, row),
                "active": not row["isArchived"] and outcome(kind, row) != "lost",
                "expected_revenue": row["price"],
            }
            if kind == "opportunity":
                deal["probability"] = row["probability"]
                deal["date_deadline"] = row["estimatedCloseDate"]
                deal["date_closed"] = row["actualCloseDate"]
            else:
                deal["date_deadline"] = row["endDate"]
                deal["x_startdate"] = row["startDate"]
                deal["opportunity"] = text(row["opportunityId"]) or None
                for field, texts in folds.items():
                    deal[field] = texts.get(key, "")
                plan = next((p for p in rows["service_plans"] if str(p["projectId"]) == key), None)
                if plan:
                    # A service plan's own fields on its project's deal.
                    deal["service_plan"] = {
                        "x_service_plan_name": plan["name"],
                        "x_service_plan_cost": plan["cost"],
                        "x_service_plan_billingfrequency": plan["billingFrequency"],
                        "x_service_plan_pricingtype": plan["pricingType"],
                        "x_service_plan_startdate": plan["startDate"],
                    }
            deals["%s:%s" % (kind, key)] = deal
    owners = {}
    for nick, email in sorted(OWNERS.items(), key=lambda item: item[1]):
        records = ["company:%s" % c["id"] for c in client_rows if c["owner"] == email] + [
            key for key, deal in deals.items() if deal["owner"] == email
        ]
        owners[email] = {"odoo_user": nick in OWNERS_WITH_USER, "records": sorted(records)}
    file_facts = []
    for row in files:
        path = "files/%s" % row["id"]
        data = (OUT_DIR / path).read_bytes()
        file_facts.append(
            {
                "id": str(row["id"]),
                "name": row["name"],
                "path": path,
                "sha1": hashlib.sha1(data).hexdigest(),
                "size": len(data),
                "mimetype": "image/png" if row["name"].endswith(".png") else "application/pdf",
                "record": "company:%s" % row["_parent_id"],
            }
        )
    order = [str(c["id"]) for c in client_rows]
    parents = dict(
        sorted((str(c["id"]), str(c["parentId"])) for c in client_rows if c["parentId"])
    )
    done = {"completed", "complete", "done", "closed"}
    tasks = {
        "task:%s" % t["id"]: {
            "summary": t["name"],
            "deal": "project:%s" % t["projectId"],
            "user": t["assignedTo"],
            "deadline": t["dueDate"],
            "done": t["status"].lower() in done,
            "done_on": t["completedDate"],
        }
        for t in rows["tasks"]
    }
    return {
        "tasks": tasks,
        "tables": {
            "clients": len(client_rows),
            "clients.siteaddresses": len(sites),
            "clients.contacts": len(contacts),
            "clients.files": len(files),
            "opportunities": len(opportunities["opportunities"]),
            "projects": len(projects["projects"]),
            "locations": len(rows["locations"]),
            "productlines": len(rows["product_lines"]),
            "serviceplans": len(rows["service_plans"]),
            "changeorders": len(rows["change_orders"]),
            "tasks": len(rows["tasks"]),
            "workflowrules": len(workflow),
            "workflowrules.conditions": sum(len(w["conditions"]) for w in workflow),
            "workflowrules.actions": sum(len(w["actions"]) for w in workflow),
            "reportdefinitions": len(reports),
            "reportdefinitions.filters": sum(len(r["filters"]) for r in reports),
        },
        "paging": {
            name: {k: v for k, v in load(name).items() if not isinstance(v, list)}
            for name in (
                "clients.json",
                "opportunities.json",
                "projects.json",
                "locations.json",
                "product_lines.json",
                "service_plans.json",
                "change_orders.json",
                "tasks.json",
            )
        },
        "records": {
            "companies": len(client_rows),
            "contacts": len(contacts),
            "sites": len(sites),
            "deals": len(deals),
            "opportunities": len(opportunities["opportunities"]),
            "projects": len(projects["projects"]),
            "won": sorted(k for k, d in deals.items() if d["outcome"] == "won"),
            "lost": sorted(k for k, d in deals.items() if d["outcome"] == "lost"),
            "open": sorted(k for k, d in deals.items() if d["outcome"] == "open"),
            "archived": sorted(
                [
                    "opportunity:%s" % r["id"]
                    for r in opportunities["opportunities"]
                    if r["isArchived"]
                ]
                + ["project:%s" % r["id"] for r in projects["projects"] if r["isArchived"]]
            ),
            "documents": len(files),
        },
        "companies": {
            "inactive": sorted(str(c["id"]) for c in client_rows if not c["isActive"]),
            "parents": parents,
            "child_before_parent": sorted(
                child
                for child, parent in parents.items()
                if order.index(child) < order.index(parent)
            ),
            "sites": dict(sorted((str(c["id"]), len(c["siteAddresses"])) for c in client_rows)),
            "tags": {
                kind: sorted(str(c["id"]) for c in client_rows if c["type"] == kind)
                for kind in ("Commercial", "Residential")
            },
            "without_contacts": sorted(str(c["id"]) for c in client_rows if not c["contacts"]),
        },
        "contacts": {
            "primary": primary,
            "inactive": sorted(str(c["id"]) for c in contacts if not c["isActive"]),
            "own_address": sorted(str(c["id"]) for c in contacts if c["address"]),
        },
        "deals": deals,
        "owners": owners,
        "files": file_facts,
        "not_migrated": {
            "workflow_rules.json": {
                "equivalent": "Automation rules (Settings > Technical > Automation Rules) "
                "or Studio automations",
                "items": [
                    {
                        "id": str(w["id"]),
                        "name": w["name"],
                        "entity": w["entity"],
                        "trigger": w["trigger"],
                        "conditions": w["conditions"],
                        "actions": w["actions"],
                        "isActive": w["isActive"],
                    }
                    for w in workflow
                ],
            },
            "report_definitions.json": {
                "equivalent": "CRM reporting views (pivot, graph), Studio reports or "
                "spreadsheets (Enterprise)",
                "items": [
                    {"id": str(r["id"]), "name": r["name"], "entity": r["entity"]} for r in reports
                ],
            },
        },
    }


# ==========================================================================
# README
# ==========================================================================


def readme(facts):
    tables = facts["tables"]
    records = facts["records"]
    owners = facts["owners"]
    rows = [
        ("`clients.json`", "`clients`", tables["clients"], "companies (`res.partner`)"),
        (
            "",
            "`clients.siteaddresses`",
            tables["clients.siteaddresses"],
            "client sites: *Other Address* children of the company",
        ),
        (
            "",
            "`clients.contacts`",
            tables["clients.contacts"],
            "contacts, children of their client",
        ),
        (
            "",
            "`clients.files`",
            tables["clients.files"],
            "attachments on the client (`ir.attachment`), content from `files/<id>`",
        ),
        (
            "`opportunities.json`",
            "`opportunities`",
            tables["opportunities"],
            "opportunities (`crm.lead`)",
        ),
        ("`projects.json`", "`projects`", tables["projects"], "opportunities (`crm.lead`)"),
        (
            "`locations.json`",
            "`locations`",
            tables["locations"],
            "text on the project's deal: `x_project_locations`",
        ),
        (
            "`product_lines.json`",
            "`productlines`",
            tables["productlines"],
            "text on the project's deal: `x_product_lines`",
        ),
        (
            "`service_plans.json`",
            "`serviceplans`",
            tables["serviceplans"],
            "fields of the project's deal: `x_service_plan_name`, `_cost`, "
            "`_billingfrequency` (a selection)...",
        ),
        (
            "`change_orders.json`",
            "`changeorders`",
            tables["changeorders"],
            "text on the project's deal: `x_change_orders`",
        ),
        (
            "`tasks.json`",
            "`tasks`",
            tables["tasks"],
            "activities on the project's deal; completed ones logged in its chatter",
        ),
        (
            "`workflow_rules.json`",
            "`workflowrules` (+ `.conditions`, `.actions`)",
            tables["workflowrules"],
            "not migrated: automation rules / Studio",
        ),
        (
            "`report_definitions.json`",
            "`reportdefinitions` (+ `.filters`)",
            tables["reportdefinitions"],
            "not migrated: reporting views / Studio",
        ),
    ]
    owner_rows = [
        (
            "`%s`" % email,
            "yes" if info["odoo_user"] else "**no** (left the company)",
            len(info["records"]),
        )
        for email, info in owners.items()
    ]
    parents = ", ".join(
        "%s -> %s" % (child, parent)
        for child, parent in sorted(facts["companies"]["parents"].items())
    )
    return "\n".join(
        [
            "# D-Tools sample export",
            "",
            "A fictional D-Tools Cloud tenant (a low-voltage integrator in Florida) as the",
            "Cloud API returns it. Generated by `scripts/samples/dtools.py` (seeded,",
            "deterministic): do not edit by hand, rerun the script. `expected.json` holds",
            "what the tests and the demo assert, computed from the files written here.",
            "",
            "## How to export from D-Tools",
            "",
            "Find out first which product the customer runs: **D-Tools Cloud** (this",
            "sample) or **D-Tools SI**, the desktop product, whose API",
            "(`https://api.d-tools.com/si`, header `X-DTSI-ApiKey`) is a poll-and-acknowledge",
            "queue (`GET /Subscribe/Clients`, `POST /Subscribe/Clients/MarkAsImported`,",
            "`GET /Subscribe/Projects`) with other shapes: this profile reads the Cloud one.",
            "",
            "Cloud API: `https://dtcloudapi.d-tools.cloud/api/v1/<Entity>/<Operation>`, two",
            "headers on every call, `X-API-Key: <tenant key>` and the",
            "`Authorization: Basic <value>` D-Tools publishes (either missing: 401).",
            "",
            "1. `GET /Clients/GetClients?includeInactive=true&pageSize=500&page=1,2,...`",
            "   lists the clients (at most 500 a page; `totalClients` says how many), then",
            "   `GET /Clients/GetClient?id=<id>` for each gives the full client: billing",
            "   address, site addresses, contacts and files. Write them as one",
            '   `clients.json`: `{"clients": [<GetClient objects>], "totalClients": N}`.',
            "2. `GET /Opportunities/GetOpportunities?includeArchived=true&pageSize=500`,",
            '   every page, into `opportunities.json` (`{"opportunities": [...]}`).',
            "3. Projects and their locations, product lines, service plans, change orders",
            "   and tasks: one file each, a list under a key, each row naming its project",
            "   by `projectId` (the shapes of this sample).",
            "4. Download each client file (`files[].url`) to `files/<id>`: D-Tools file",
            "   names repeat across clients (two `floor-plan.pdf` here), ids do not.",
            "5. Zip the JSON files and the `files/` folder and upload the ZIP.",
            "",
            "Throttle the calls: 120 a minute and 10,000 a day per key, no rate-limit",
            "header documented. Each list file here is one page of the 500-per-page shape",
            "(`page`, `pageSize`, `total...`): a tenant this small fits one page.",
            "",
            "## The files",
            "",
            md_table(("file", "table (as read)", "rows", "lands in Odoo"), rows),
            "",
            "JSON, UTF-8, pretty-printed. Nested objects read as dotted columns",
            "(`billingAddress.city`), lists of objects as child tables whose rows carry",
            "their parent's id in `_parent_id`, lists of values joined with `; `.",
            "",
            "## What lands where",
            "",
            "- **Clients** -> companies: name, number (`ref`), billing address, phone,",
            "  email, website, type as a tag (Commercial / Residential), owner (by email),",
            "  parent client (`parentId`), archived when `isActive` is false.",
            "  Sub-accounts (child -> parent): %s; the API sorts by name, so %s each"
            % (parents, ", ".join(facts["companies"]["child_before_parent"])),
            "  come before their parent in the file.",
            "  Inactive clients: %s." % ", ".join(facts["companies"]["inactive"]),
            "- **Site addresses** -> *Other Address* children of their client (%d; up to"
            % records["sites"],
            "  three per client).",
            "- **Contacts** -> persons, children of their client; `isPrimary` kept on the",
            "  contact. The primary contact of the deal's client is listed per deal in",
            "  `expected.json` (`primary_contact`); client %s has no contact."
            % ", ".join(facts["companies"]["without_contacts"]),
            "- **Opportunities** -> opportunities: `price` as expected revenue, `stage`",
            "  as the stage, `systemState` Won / Lost as won / lost (On Hold and Open keep",
            "  their stage), probability, `estimatedCloseDate` as expected closing,",
            "  `actualCloseDate` as closed date, `isArchived` archived, owner by email.",
            "- **Projects** -> opportunities too: `price`, `stage` (Engineering,",
            "  Rough-In, Finish, Closed), `status` Completed as won and Cancelled as lost,",
            "  `endDate` as expected closing, `startDate` and the rest as custom fields;",
            "  `opportunityId` names the won opportunity the project came from (both are",
            "  deals in Odoo).",
            "- **Locations, product lines, change orders** -> one readable line per row",
            "  in a text field of the project's deal (`x_project_locations`,",
            "  `x_product_lines`, `x_change_orders`).",
            "- **Tasks** -> activities on the project's deal, assigned by email and due",
            "  on `dueDate`; a completed one is logged in the deal's chatter on its",
            "  `completedDate`.",
            "- **Service plans** -> fields of the project's deal: `x_service_plan_name`,",
            "  `x_service_plan_cost`, `x_service_plan_billingfrequency` (a selection)...",
            "- **Files** -> attachments on their client, content from `files/<id>`.",
            "- **Every record** keeps its D-Tools id in `x_dtools_id` and its source key",
            "  in `x_source_id` (`company:1001`, `opportunity:7001`, `project:8001`).",
            "",
            "Records: %d companies, %d contacts, %d sites, %d deals (%d won, %d lost),"
            % (
                records["companies"],
                records["contacts"],
                records["sites"],
                records["deals"],
                len(records["won"]),
                len(records["lost"]),
            ),
            "%d documents." % records["documents"],
            "",
            "## Owners",
            "",
            "Owners are email addresses, matched to Odoo users by email. Max Weber left",
            "the company: no Odoo user has his address, his records load with a warning",
            "and no salesperson until a user is chosen on the Owners tab.",
            "",
            md_table(("owner", "Odoo user", "records"), owner_rows),
            "",
            "## What does not migrate, and why",
            "",
            "- **Workflow rules** (`workflow_rules.json`: trigger, conditions, actions):",
            "  D-Tools rule logic has no importable form in Odoo; rebuild each as an",
            "  automation rule (Settings > Technical > Automation Rules) or in Studio.",
            "  The file is listed with its equivalent; nothing is loaded from it.",
            "- **Report definitions** (`report_definitions.json`): rebuild as CRM pivot and",
            "  graph views, Studio reports or spreadsheets (Enterprise).",
            "- The **i3 product library** (the catalog) is platform data, not the tenant's:",
            "  only each project's lines are kept, as text. Service-plan dynamic pricing",
            "  rules are kept as the word `Dynamic` only: rebuild them (Subscriptions).",
            "",
        ]
    )


# ==========================================================================
# Main
# ==========================================================================


def shown(path):
    try:
        return path.relative_to(ROOT)
    except ValueError:
        return path


def main(out_dir=None):
    """Write the sample into ``out_dir`` (the committed folder by default)."""
    global OUT_DIR
    OUT_DIR = Path(out_dir) if out_dir else OUT_DIR
    rng = random.Random(SEED)
    if OUT_DIR.exists():
        shutil.rmtree(OUT_DIR)
    clients, files = build_clients(rng)
    opportunities = build_opportunities(rng)
    projects = build_projects(opportunities)
    locations, lines, plans, orders, tasks = build_children(rng, projects)
    outputs = {
        "clients.json": page("clients", clients, "totalClients"),
        "opportunities.json": page("opportunities", opportunities, "totalOpportunities"),
        "projects.json": page("projects", projects, "totalProjects"),
        "locations.json": page("locations", locations, "totalLocations"),
        "product_lines.json": page("productLines", lines, "totalProductLines"),
        "service_plans.json": page("servicePlans", plans, "totalServicePlans"),
        "change_orders.json": page("changeOrders", orders, "totalChangeOrders"),
        "tasks.json": page("tasks", tasks, "totalTasks"),
        "workflow_rules.json": {
            "workflowRules": WORKFLOW_RULES,
            "totalWorkflowRules": len(WORKFLOW_RULES),
        },
        "report_definitions.json": {
            "reportDefinitions": REPORT_DEFINITIONS,
            "totalReportDefinitions": len(REPORT_DEFINITIONS),
        },
    }
    written = [write(OUT_DIR / name, dumps(data)) for name, data in outputs.items()]
    for file_id, (blob, client_id, name) in sorted(files.items()):
        written.append(
            write(OUT_DIR / "files" / str(file_id), file_bytes(file_id, blob, client_id, name))
        )
    facts = expected()
    written.append(write(OUT_DIR / "expected.json", dumps(facts)))
    written.append(write(OUT_DIR / "README.md", readme(facts)))

    total = sum(path.stat().st_size for path in OUT_DIR.rglob("*") if path.is_file())
    assert total < MAX_TOTAL_BYTES, total
    for path in sorted(written):
        print(f"wrote {shown(path)} ({path.stat().st_size} bytes)")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
