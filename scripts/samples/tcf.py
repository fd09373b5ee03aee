"""Generate The Customer Factor sample export: ``migration_bridge/data/samples/tcf/``.

The Customer Factor has no public API: its data leaves as CSV files exported by hand,
one per object, and its column list is published nowhere. This sample is such an export
of a fictional tenant (Evergreen Lawn & Landscape, a lawn care and landscaping business
in Columbus, Ohio, exported 2026-06-30), in the shape the profile ``tcf`` reads: UTF-8
without a byte order mark, comma, quotes only where needed, CRLF line ends, numeric ids,
US dates (``06/30/2026``) and datetimes (``06/30/2026 02:15 PM``, local time), amounts
in USD as ``$1,250.00``, owners given by their email, the tenant's custom fields as
extra columns (customers, jobs) or as key-value pairs in one ``Custom Fields`` cell
(prospects).

It writes the files, ``expected.json`` (what the tests and ``scripts/demo.sh --check``
assert, computed from the rows written) and ``README.md``. Standard library only; it
draws from ``random.Random(SEED)`` and writes the same bytes on every run. The sample
is committed: do not edit it by hand, change this script and rerun it.

Usage: ``python3 scripts/samples/tcf.py``
"""

import csv
import datetime
import io
import json
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import md_table, png, tiny_pdf, write  # noqa: E402 - next to this script

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "migration_bridge" / "data" / "samples" / "tcf"

SEED = 1717
MAX_TOTAL_BYTES = 120 * 1024
EXPORT_DAY = datetime.date(2026, 6, 30)
MAIL = "evergreenlawn.example"
TAX_RATE = 0.075  # Franklin County, Ohio: 7.5 %

# ==========================================================================
# The tenant's data
# ==========================================================================

# id, first, last, role, status, last login, has an Odoo user (the tests create those)
USERS = [
    ("8101", "Rachel", "Moore", "Admin", "Active", "06/29/2026 05:12 PM", True),
    ("8107", "Derek", "Simmons", "Sales Rep", "Active", "06/30/2026 08:03 AM", True),
    # Left in March 2026: still the owner of what she sold, matched to an archived user.
    ("8112", "Tanya", "Brooks", "Sales Rep", "Inactive", "03/13/2026 04:40 PM", True),
    ("8118", "Luis", "Ortega", "Technician", "Active", "06/30/2026 07:15 AM", True),
    # A technician with no Odoo account: the one job he sold is flagged for provisioning.
    ("8125", "Kyle", "Jensen", "Technician", "Active", "06/27/2026 06:58 AM", False),
]
USER_COLUMNS = ["User ID", "First Name", "Last Name", "Email", "Role", "Status", "Last Login"]

CUSTOMER_COLUMNS = [
    "Customer ID",
    "Customer Type",
    "Customer Name",
    "First Name",
    "Last Name",
    "Email",
    "Phone",
    "Mobile",
    "Street Address",
    "City",
    "State",
    "Zip Code",
    "Country",
    "Category",
    "Tags",
    "Owner Email",
    "Date Added",
    "Last Updated",
    "Notes",
    # The tenant's custom fields, one column per key.
    "Gate Code",
    "Lot Size (sq ft)",
    "Service Frequency",
    "Pets On Site",
    "Customer Since",
]
PROSPECT_COLUMNS = [
    "Prospect ID",
    "First Name",
    "Last Name",
    "Company Name",
    "Email",
    "Phone",
    "Mobile",
    "Street Address",
    "City",
    "State",
    "Zip Code",
    "Country",
    "Lead Source",
    "Status",
    "Owner Email",
    "Tags",
    "Date Added",
    "Last Updated",
    "Converted To Customer ID",
    "Converted Date",
    "Notes",
    # The tenant's custom fields, as key-value pairs in one cell.
    "Custom Fields",
]
JOB_COLUMNS = [
    "Job ID",
    "Customer ID",
    "Job Title",
    "Job Type",
    "Status",
    "Scheduled Date",
    "Start Time",
    "End Time",
    "Completed Date",
    "Owner Email",
    "Assigned Tech",
    "Job Total",
    "Estimate #",
    "Service Address",
    "Service City",
    "Service State",
    "Service Zip",
    "Description",
    "Tags",
    "Date Created",
    "Last Updated",
    # The tenant's custom fields, one column per key.
    "Crew Size",
    "Lot Size (Sq. Ft.)",
]
ESTIMATE_COLUMNS = [
    "Estimate #",
    "Customer ID",
    "Title",
    "Status",
    "Estimate Date",
    "Expiration Date",
    "Subtotal",
    "Tax",
    "Total",
    "Owner Email",
]
INVOICE_COLUMNS = [
    "Invoice #",
    "Customer ID",
    "Job ID",
    "Invoice Date",
    "Due Date",
    "Status",
    "Subtotal",
    "Tax",
    "Total",
    "Amount Paid",
    "Balance Due",
]
LINE_COLUMNS = ["Customer ID", "Item", "Description", "Quantity", "Unit Price", "Amount"]
NOTE_COLUMNS = [
    "Note ID",
    "Customer ID",
    "Prospect ID",
    "Job ID",
    "Note",
    "Created By",
    "Date Created",
]
ACTIVITY_COLUMNS = [
    "Activity ID",
    "Activity Type",
    "Subject",
    "Details",
    "Customer ID",
    "Prospect ID",
    "Job ID",
    "Activity Date",
    "Completed By",
]
ATTACHMENT_COLUMNS = [
    "Attachment ID",
    "Customer ID",
    "Prospect ID",
    "Job ID",
    "File Name",
    "File Path",
    "File Type",
    "Size (bytes)",
    "Description",
    "Date Uploaded",
]

# The price book: name, description, unit price, unit (does not migrate; lines keep it).
PRICE_BOOK = [
    ("Weekly Mowing", "Mow, trim and blow", 45.00, "Visit"),
    ("Core Aeration", "Core aeration up to 10,000 sq ft", 185.00, "Each"),
    ("Overseeding", "Tall fescue blend", 140.00, "Each"),
    ("Spring Cleanup", "Beds, leaves and first mow", 275.00, "Each"),
    ("Mulch Install", "Hardwood mulch, installed", 68.00, "Cu Yd"),
    ("Shrub Trimming", "Hand pruned, clippings hauled", 12.00, "Each"),
    ("Snow Plowing", "Per push, up to 2 in", 95.00, "Visit"),
    ("Fertilizer Program", "Five-step lawn program", 320.00, "Season"),
]
PRICE = {item[0]: item for item in PRICE_BOOK}
# Job type -> the items its estimate and invoice list (quantity range).
JOB_ITEMS = {
    "Lawn Mowing": [("Weekly Mowing", 4, 8)],
    "Aeration & Overseeding": [("Core Aeration", 1, 1), ("Overseeding", 1, 2)],
    "Spring Cleanup": [("Spring Cleanup", 1, 1), ("Shrub Trimming", 6, 20)],
    "Landscape Install": [("Mulch Install", 4, 12), ("Shrub Trimming", 8, 24)],
    "Snow Removal": [("Snow Plowing", 3, 10)],
    "Lawn Treatment": [("Fertilizer Program", 1, 1), ("Core Aeration", 1, 1)],
}

# Customers built by hand: (type, name, first, last, category, tags, city, zip, owner)
# Commercial customers: (name, contact first and last name, category, tags, city, domain)
COMMERCIAL = [
    ("Maple Ridge HOA", "Gloria", "Fenton", "HOA", "Weekly Route; Snow Removal", "Dublin",
     "mapleridgehoa"),
    ("Brightside Dental Group", "Omar", "Haddad", "Healthcare", "VIP", "Worthington",
     "brightsidedental"),
    ("Olde Towne Bistro", "Nina", "Castellano", "Restaurant", "", "Columbus", "oldetowne"),
    ("Northgate Property Management", "Will", "Turner", "Property Management",
     "vip; Snow Removal", "Westerville", "northgatepm"),
    ("Summit Self Storage", "Priya", "Raman", "Storage", "", "Hilliard", "summitstorage"),
]  # fmt: skip
RESIDENTIAL_FIRST = (
    "Megan Jason Ashley Brandon Kayla Tyler Lauren Cody Amber Travis Heather Marcus".split()
)
RESIDENTIAL_LAST = "Kowalski Hughes Patterson Griffin Sutton Barrett Holloway Reyes Mercer".split()
CITIES = [
    ("Columbus", "43215"),
    ("Dublin", "43017"),
    ("Worthington", "43085"),
    ("Westerville", "43081"),
    ("Hilliard", "43026"),
    ("Upper Arlington", "43221"),
    ("Gahanna", "43230"),
]
STREETS = (
    "Elm St, Sawmill Rd, High St, Oak Park Dr, Brandon Rd, Cleveland Ave, Tuttle Crossing Blvd"
).split(", ")
RESIDENTIAL_TAGS = ["Weekly Route", "Referral", "Snow Removal", "", "", "VIP"]
FREQUENCIES = ["Weekly", "Bi-Weekly", "Monthly", "One-Time"]
MAILBOXES = ["mailbox.example", "inbox.example", "homemail.example"]

# The prospect who became a customer: Dana Whitfield, converted on April 2, 2026.
CONVERTED = ("Dana", "Whitfield", datetime.date(2026, 4, 2))
# The prospects: first, last, company, source, status, owner key, tags
PROSPECTS = [
    ("Dana", "Whitfield", "", "Yard Sign", "Converted", "derek", "Spring Promo"),
    ("Carlos", "Medina", "", "Google", "New", "derek", ""),
    ("Erin", "Caldwell", "Lakeview Montessori", "Website Form", "Appointment Set", "tanya",
     "Commercial"),
    ("Greg", "Lindqvist", "", "Neighbor Referral", "Contacted", "derek", "Aeration"),
    ("Holly", "Prescott", "", "Facebook", "Not Interested", "tanya", ""),
    ("Ivan", "Petrov", "Riverbend Apartments", "Google", "Contacted", "rachel", "Commercial"),
    ("Jenna", "Ford", "", "Yard Sign", "New", "derek", "Spring Promo"),
    ("Kevin", "Osei", "", "Website Form", "Appointment Set", "tanya", "Aeration"),
    ("Laura", "Bishop", "", "Neighbor Referral", "Not Interested", "derek", ""),
    ("Miguel", "Santos", "", "Facebook", "New", "rachel", ""),
]  # fmt: skip
# The keys of the prospects' Custom Fields cell, as the tenant typed them over time: one
# key, several spellings (deduplicated by their normalised name).
CELL_KEYS = {
    "Lot Size (sq ft)": ["Lot Size (sq ft)", "lot size (sq. ft.)", "LOT SIZE SQ FT"],
    "Interested In": ["Interested In", "interested in"],
    "Budget": ["Budget"],
    "Follow-Up Date": ["Follow-Up Date", "Follow Up Date"],
    "HOA": ["HOA", "hoa"],
}
INTERESTS = ["Mowing", "Aeration", "Landscaping", "Snow Removal"]

# The jobs: (customer index, job type, status, owner key); the customers are numbered
# in the order written (commercial first, then residential, Dana Whitfield last).
JOB_PLAN = [
    (0, "Spring Cleanup", "Completed", "rachel"),
    (0, "Lawn Mowing", "Completed", "rachel"),
    (1, "Landscape Install", "Completed", "tanya"),
    (3, "Snow Removal", "Completed", "rachel"),
    (5, "Aeration & Overseeding", "Completed", "derek"),
    (6, "Lawn Treatment", "Completed", "tanya"),
    (8, "Spring Cleanup", "Completed", "kyle"),
    (17, "Aeration & Overseeding", "Completed", "derek"),
    (2, "Landscape Install", "Cancelled", "rachel"),
    (9, "Lawn Mowing", "Cancelled", "derek"),
    (4, "Lawn Mowing", "Scheduled", "rachel"),
    (10, "Lawn Treatment", "Scheduled", "derek"),
    (17, "Lawn Mowing", "Scheduled", "derek"),
    (7, "Landscape Install", "In Progress", "tanya"),
    (12, "Spring Cleanup", "In Progress", "derek"),
    (14, "Aeration & Overseeding", "On Hold", "derek"),
]
CANCEL_NOTES = {
    "Landscape Install": "Customer postponed the patio project to next year.",
    "Lawn Mowing": "Customer moved out of the area.",
}
TECH = {"rachel": "Luis Ortega", "tanya": "Luis Ortega; Kyle Jensen", "derek": "Luis Ortega"}
INVOICE_STATUSES = ["Paid", "Paid", "Partially Paid", "Paid", "Overdue", "Paid", "Unpaid", "Paid"]
# Estimates not accepted: (customer index, job type, status)
OTHER_ESTIMATES = [
    (11, "Landscape Install", "Sent"),
    (13, "Lawn Treatment", "Sent"),
    (15, "Spring Cleanup", "Declined"),
    (2, "Snow Removal", "Declined"),
    (16, "Aeration & Overseeding", "Draft"),
    (9, "Landscape Install", "Expired"),
]
DELETED_JOB = "60997"  # deleted before the export: one note still names it (the orphan)

SEQUENCES = [
    ("New Prospect Nurture", "Prospects", "1", "0", "Email", "Thanks for reaching out", "Yes"),
    ("New Prospect Nurture", "Prospects", "2", "2", "Text", "Quick follow-up by text", "Yes"),
    ("New Prospect Nurture", "Prospects", "3", "7", "Email", "Spring promo reminder", "Yes"),
    ("Estimate Follow-Up", "Estimates", "1", "3", "Email", "Any questions on your estimate?",
     "Yes"),
    ("Estimate Follow-Up", "Estimates", "2", "10", "Text", "Estimate expires soon", "No"),
]  # fmt: skip

# ==========================================================================
# Helpers
# ==========================================================================


class Ids:
    """Numeric ids of each table, increasing by a random step from a start."""

    def __init__(self, rng):
        self.rng = rng
        self.next = {}

    def new(self, table, start, step=9):
        value = self.next.get(table, start) + self.rng.randint(1, step)
        self.next[table] = value
        return str(value)


def csv_bytes(columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue().encode("utf-8")


def user(key):
    return next(u for u in USERS if u[1].lower() == key)


def email_of(key):
    found = user(key)
    return ("%s.%s@%s" % (found[1], found[2], MAIL)).lower()


def us_date(day):
    return day.strftime("%m/%d/%Y")


def us_datetime(moment):
    return moment.strftime("%m/%d/%Y %I:%M %p")


def iso(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def money(value):
    return f"${value:,.2f}"


def phone(rng):
    return "(614) 555-%04d" % rng.randint(100, 9999)


def at(rng, start, end, hours=(8, 17)):
    """A datetime between two dates, in office hours, on a quarter hour."""
    span = (end - start).days
    day = start + datetime.timedelta(days=rng.randint(0, max(span, 0)))
    return datetime.datetime.combine(
        day, datetime.time(rng.randint(*hours), rng.choice((0, 15, 30, 45)))
    )


def normalised(key):
    """A key's normalised name, as the project compares labels (case, accents, marks)."""
    text = unicodedata.normalize("NFKD", key.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", " ", text).strip()


def field_name(key):
    """The custom field a key becomes: 'Lot Size (sq ft)' -> 'x_lot_size_sq_ft'."""
    return "x_" + re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")


# ==========================================================================
# The export, table by table
# ==========================================================================


def users():
    return [
        {
            "User ID": uid,
            "First Name": first,
            "Last Name": last,
            "Email": email_of(first.lower()),
            "Role": role,
            "Status": status,
            "Last Login": login,
        }
        for uid, first, last, role, status, login, _odoo in USERS
    ]


def _address(rng, city=None):
    city, zip_code = next(c for c in CITIES if c[0] == city) if city else rng.choice(CITIES)
    return {
        "Street Address": "%d %s" % (rng.randint(100, 9800), rng.choice(STREETS)),
        "City": city,
        "State": "OH",
        "Zip Code": zip_code,
        "Country": "United States",
    }


def customers(ids, rng):
    """5 commercial customers, 12 residential ones and the converted prospect."""
    rows = []
    start, end = datetime.date(2024, 2, 1), datetime.date(2026, 1, 31)
    for name, first, last, category, tags, city, domain in COMMERCIAL:
        added = at(rng, start, end)
        rows.append(
            dict(
                _address(rng, city),
                **{
                    "Customer ID": ids.new("customer", 40000),
                    "Customer Type": "Commercial",
                    "Customer Name": name,
                    "First Name": first,
                    "Last Name": last,
                    "Email": "%s@%s.example" % (first.lower(), domain),
                    "Phone": phone(rng),
                    "Mobile": phone(rng),
                    "Category": category,
                    "Tags": tags,
                    "Owner Email": email_of("rachel"),
                    "Date Added": us_datetime(added),
                    "Last Updated": us_datetime(
                        added + datetime.timedelta(days=rng.randint(5, 90))
                    ),
                    "Notes": "Invoice to the property manager." if category == "HOA" else "",
                    "Gate Code": "",
                    "Lot Size (sq ft)": str(rng.randrange(20000, 90000, 500)),
                    "Service Frequency": rng.choice(FREQUENCIES[:3]),
                    "Pets On Site": "",
                    "Customer Since": us_date(
                        added.date() - datetime.timedelta(days=rng.randint(200, 900))
                    ),
                },
            )
        )
    firsts = rng.sample(RESIDENTIAL_FIRST, 12)
    lasts = [rng.choice(RESIDENTIAL_LAST) for _ in firsts]
    for index, (first, last) in enumerate(zip(firsts, lasts, strict=True)):
        added = at(rng, start, end)
        email = "%s.%s@%s" % (first.lower(), last.lower(), rng.choice(MAILBOXES))
        rows.append(
            dict(
                _address(rng),
                **{
                    "Customer ID": ids.new("customer", 40000),
                    "Customer Type": "Residential",
                    "Customer Name": "%s %s" % (first, last),
                    "First Name": first,
                    "Last Name": last,
                    # One customer gave no email: only a phone.
                    "Email": "" if index == 4 else email,
                    "Phone": phone(rng),
                    "Mobile": phone(rng) if index % 3 else "",
                    "Category": "Residential",
                    "Tags": rng.choice(RESIDENTIAL_TAGS),
                    "Owner Email": email_of(rng.choice(("derek", "tanya"))),
                    "Date Added": us_datetime(added),
                    "Last Updated": us_datetime(
                        added + datetime.timedelta(days=rng.randint(5, 90))
                    ),
                    "Notes": "Side gate sticks; lift to open." if index == 2 else "",
                    "Gate Code": "#%04d" % rng.randint(1000, 9999) if index % 2 else "",
                    "Lot Size (sq ft)": str(rng.randrange(3200, 14000, 100)),
                    "Service Frequency": rng.choice(FREQUENCIES),
                    "Pets On Site": rng.choice(("Yes", "No")),
                    "Customer Since": us_date(
                        added.date() - datetime.timedelta(days=rng.randint(0, 400))
                    ),
                },
            )
        )
    first, last, converted = CONVERTED
    added = datetime.datetime.combine(converted, datetime.time(10, 20))
    rows.append(
        dict(
            _address(rng, "Gahanna"),
            **{
                "Customer ID": ids.new("customer", 40000),
                "Customer Type": "Residential",
                "Customer Name": "%s %s" % (first, last),
                "First Name": first,
                "Last Name": last,
                "Email": "dana.whitfield@homemail.example",
                "Phone": "(614) 555-0188",
                "Mobile": "(614) 555-0189",
                "Category": "Residential",
                "Tags": "Referral",
                "Owner Email": email_of("derek"),
                "Date Added": us_datetime(added),
                "Last Updated": us_datetime(added + datetime.timedelta(days=21)),
                "Notes": "Converted from prospect: yard sign lead.",
                "Gate Code": "#2580",
                "Lot Size (sq ft)": "8600",
                "Service Frequency": "Bi-Weekly",
                "Pets On Site": "Yes",
                "Customer Since": us_date(converted),
            },
        )
    )
    return rows


def _cell(rng, pairs):
    """The Custom Fields cell: 'Key: value; Key: value', each key in one of its spellings."""
    return "; ".join("%s: %s" % (rng.choice(CELL_KEYS[key]), value) for key, value in pairs)


def prospects(ids, rng, people):
    rows = []
    dana = people[-1]
    for first, last, company, source, status, owner, tags in PROSPECTS:
        is_dana = (first, last) == CONVERTED[:2]
        added = (
            datetime.datetime(2026, 3, 16, 9, 45)
            if is_dana
            else at(rng, datetime.date(2025, 9, 1), datetime.date(2026, 6, 20))
        )
        pairs = [("Lot Size (sq ft)", str(rng.randrange(4000, 60000 if company else 15000, 100)))]
        pairs.append(("Interested In", rng.choice(INTERESTS)))
        if is_dana:  # what her note says, the lot size her customer record keeps
            pairs = [("Lot Size (sq ft)", dana["Lot Size (sq ft)"]), ("Interested In", "Aeration")]
        if rng.random() < 0.7:
            pairs.append(("Budget", money(rng.randrange(300, 4000, 50))))
        if status in ("New", "Contacted", "Appointment Set"):
            follow = EXPORT_DAY + datetime.timedelta(days=rng.randint(1, 30))
            pairs.append(("Follow-Up Date", us_date(follow)))
        if rng.random() < 0.6:
            pairs.append(("HOA", "Yes" if company else rng.choice(("Yes", "No"))))
        rng.shuffle(pairs)
        address = (
            {k: dana[k] for k in ("Street Address", "City", "State", "Zip Code", "Country")}
            if is_dana
            else _address(rng)
        )
        rows.append(
            dict(
                address,
                **{
                    "Prospect ID": ids.new("prospect", 20000),
                    "First Name": first,
                    "Last Name": last,
                    "Company Name": company,
                    "Email": dana["Email"]
                    if is_dana
                    else "%s.%s@%s" % (first.lower(), last.lower(), rng.choice(MAILBOXES)),
                    "Phone": dana["Phone"] if is_dana else phone(rng),
                    "Mobile": dana["Mobile"] if is_dana else "",
                    "Lead Source": source,
                    "Status": status,
                    "Owner Email": email_of(owner),
                    "Tags": tags,
                    "Date Added": us_datetime(added),
                    "Last Updated": us_datetime(
                        datetime.datetime.combine(CONVERTED[2], datetime.time(10, 20))
                        if is_dana
                        else added + datetime.timedelta(days=rng.randint(1, 9))
                    ),
                    "Converted To Customer ID": dana["Customer ID"] if is_dana else "",
                    "Converted Date": us_date(CONVERTED[2]) if is_dana else "",
                    "Notes": "Wants a quote before the board meeting." if company else "",
                    # An empty cell too: a prospect with no custom field filled.
                    "Custom Fields": "" if first == "Miguel" else _cell(rng, pairs),
                    "_pairs": [] if first == "Miguel" else pairs,
                },
            )
        )
    return rows


def _lines(rng, job_type):
    """Line items of a job type: (item, description, quantity, unit price, amount)."""
    lines = []
    for item, low, high in JOB_ITEMS[job_type]:
        _name, description, price, _unit = PRICE[item]
        quantity = rng.randint(low, high)
        lines.append((item, description, quantity, price, round(quantity * price, 2)))
    return lines


def _totals(lines):
    subtotal = round(sum(line[4] for line in lines), 2)
    tax = round(subtotal * TAX_RATE, 2)
    return subtotal, tax, round(subtotal + tax, 2)


def _line_rows(customer_id, number_column, number, lines):
    return [
        {
            number_column: number,
            "Customer ID": customer_id,
            "Item": item,
            "Description": description,
            "Quantity": str(quantity),
            "Unit Price": money(price),
            "Amount": money(amount),
        }
        for item, description, quantity, price, amount in lines
    ]


def jobs_estimates_invoices(ids, rng, people):
    """The jobs, an accepted estimate for most, an invoice for each completed one."""
    jobs, estimates, estimate_lines, invoices, invoice_lines = [], [], [], [], []
    statuses = iter(INVOICE_STATUSES)

    def estimate(customer, job_type, status, day, owner):
        lines = _lines(rng, job_type)
        subtotal, tax, total = _totals(lines)
        number = ids.new("estimate", 1040, 3)
        estimates.append(
            {
                "Estimate #": number,
                "Customer ID": customer["Customer ID"],
                "Title": "%s for %s" % (job_type, customer["Customer Name"]),
                "Status": status,
                "Estimate Date": us_date(day),
                "Expiration Date": us_date(day + datetime.timedelta(days=30)),
                "Subtotal": money(subtotal),
                "Tax": money(tax),
                "Total": money(total),
                "Owner Email": owner,
            }
        )
        estimate_lines.extend(_line_rows(customer["Customer ID"], "Estimate #", number, lines))
        return number, lines, total

    for position, (index, job_type, status, owner) in enumerate(JOB_PLAN):
        customer = people[index]
        created = at(rng, datetime.date(2025, 10, 1), datetime.date(2026, 5, 31))
        if customer["Customer Name"] == "Dana Whitfield":
            created = max(created, datetime.datetime(2026, 4, 3, 9, 0))
        scheduled = created.date() + datetime.timedelta(days=rng.randint(7, 40))
        if status in ("Scheduled", "On Hold"):
            scheduled = EXPORT_DAY + datetime.timedelta(days=rng.randint(3, 45))
        # An accepted estimate before most jobs (a snow removal job is called in).
        number, lines = "", _lines(rng, job_type)
        if job_type != "Snow Removal" and position % 5 != 4:
            number, lines, _total = estimate(
                customer,
                job_type,
                "Accepted",
                created.date() - datetime.timedelta(days=rng.randint(3, 12)),
                email_of(owner),
            )
        _subtotal, _tax, total = _totals(lines)
        start = rng.choice(("07:30 AM", "08:00 AM", "09:00 AM", "12:30 PM"))
        completed = (
            scheduled + datetime.timedelta(days=rng.randint(0, 2))
            if status == "Completed"
            else None
        )
        job = {
            "Job ID": ids.new("job", 61000),
            "Customer ID": customer["Customer ID"],
            "Job Title": "%s - %s" % (job_type, customer["Customer Name"]),
            "Job Type": job_type,
            "Status": status,
            "Scheduled Date": us_date(scheduled),
            "Start Time": start,
            "End Time": "%02d:%s PM" % (rng.randint(1, 5), start[3:5]),
            "Completed Date": us_date(completed) if completed else "",
            "Owner Email": email_of(owner),
            "Assigned Tech": "Kyle Jensen" if owner == "kyle" else TECH[owner],
            "Job Total": money(total),
            "Estimate #": number,
            "Service Address": customer["Street Address"],
            "Service City": customer["City"],
            "Service State": customer["State"],
            "Service Zip": customer["Zip Code"],
            "Description": CANCEL_NOTES[job_type]
            if status == "Cancelled"
            else "; ".join("%s x %s" % (line[2], line[0]) for line in lines),
            "Tags": rng.choice(("", "", "Priority", "Repeat Customer")),
            "Date Created": us_datetime(created),
            "Last Updated": us_datetime(
                datetime.datetime.combine(completed or scheduled, datetime.time(16, 30))
                if status != "Scheduled"
                else created + datetime.timedelta(days=1)
            ),
            "Crew Size": str(len(TECH.get(owner, "x").split(";")) + rng.randint(0, 1)),
            "Lot Size (Sq. Ft.)": customer["Lot Size (sq ft)"],
            "_customer": customer,
            "_lines": lines,
        }
        jobs.append(job)
        if completed:
            subtotal, tax, total = _totals(lines)
            invoice_status = next(statuses)
            paid = {
                "Paid": total,
                "Partially Paid": round(total / 2, 2),
                "Unpaid": 0.0,
                "Overdue": 0.0,
            }[invoice_status]
            number = ids.new("invoice", 5020, 4)
            invoices.append(
                {
                    "Invoice #": number,
                    "Customer ID": customer["Customer ID"],
                    "Job ID": job["Job ID"],
                    "Invoice Date": us_date(completed),
                    "Due Date": us_date(completed + datetime.timedelta(days=30)),
                    "Status": invoice_status,
                    "Subtotal": money(subtotal),
                    "Tax": money(tax),
                    "Total": money(total),
                    "Amount Paid": money(paid),
                    "Balance Due": money(round(total - paid, 2)),
                }
            )
            invoice_lines.extend(_line_rows(customer["Customer ID"], "Invoice #", number, lines))
    for index, job_type, status in OTHER_ESTIMATES:
        day = at(rng, datetime.date(2025, 11, 1), datetime.date(2026, 6, 20)).date()
        if status == "Expired":
            day = datetime.date(2025, 10, 14)
        estimate(people[index], job_type, status, day, people[index]["Owner Email"])
    estimates.sort(key=lambda row: int(row["Estimate #"]))
    order = [row["Estimate #"] for row in estimates]
    estimate_lines.sort(key=lambda row: order.index(row["Estimate #"]))
    return jobs, estimates, estimate_lines, invoices, invoice_lines


NOTE_TEXTS = [
    "Customer asked us to close the gate behind the crew.",
    "Walked the property with the customer. Front entrance beds need edging.",
    "Irrigation heads along the drive were flagged before the crew started.",
    "Left the invoice in the mailbox as asked.\nPrefers text reminders the day before.",
    "Crew noted thin turf under the maples: recommend overseeding in the fall.",
    "Asked for the next estimate to be split in two phases.",
]


def notes(ids, rng, people, prospect_rows, jobs):
    """Notes on jobs, prospects and customers, by the users; one on a deleted job."""
    rows = []
    texts = iter(NOTE_TEXTS * 3)
    authors = ("rachel", "derek", "tanya", "luis")

    def add(customer="", prospect="", job="", text=None, author=None, moment=None):
        rows.append(
            {
                "Note ID": ids.new("note", 300000, 40),
                "Customer ID": customer,
                "Prospect ID": prospect,
                "Job ID": job,
                "Note": text or next(texts),
                "Created By": email_of(author or rng.choice(authors)),
                "Date Created": us_datetime(moment),
            }
        )

    for job in jobs[::2]:
        moment = datetime.datetime.strptime(job["Date Created"], "%m/%d/%Y %I:%M %p")
        add(job["Customer ID"], "", job["Job ID"], moment=moment + datetime.timedelta(hours=3))
    dana_prospect = next(r for r in prospect_rows if r["Status"] == "Converted")
    add(
        prospect=dana_prospect["Prospect ID"],
        text="Saw our yard sign on Clark St. Wants aeration and a bi-weekly mowing quote.",
        author="derek",
        moment=datetime.datetime(2026, 3, 16, 10, 5),
    )
    add(
        customer=dana_prospect["Converted To Customer ID"],
        text="Converted to customer after accepting the aeration estimate.",
        author="derek",
        moment=datetime.datetime(2026, 4, 2, 10, 25),
    )
    for prospect in prospect_rows[2:6]:
        moment = datetime.datetime.strptime(prospect["Date Added"], "%m/%d/%Y %I:%M %p")
        add(prospect=prospect["Prospect ID"], moment=moment + datetime.timedelta(days=1))
    for customer in (people[1], people[7]):
        moment = datetime.datetime.strptime(customer["Last Updated"], "%m/%d/%Y %I:%M %p")
        add(customer["Customer ID"], moment=moment)
    add(
        job=DELETED_JOB,
        text="Duplicate job created by mistake; deleted.",
        author="rachel",
        moment=datetime.datetime(2025, 11, 4, 9, 10),
    )
    return rows


ACTIVITY_TYPES = [
    ("Call", "Intro call", "Called back about the request; a site visit is next."),
    ("Email", "Services sent", "Emailed the service list with the spring promo."),
    ("Appointment", "Site visit", "Measured the lot and the beds."),
    ("Call", "Schedule confirmation", "Confirmed the crew arrival window."),
    ("Site Visit", "Post-job walkthrough", "Customer happy with the cleanup; asked about mulch."),
    ("Email", "Invoice reminder", "Sent a reminder for the open balance."),
]


def activities(ids, rng, prospect_rows, jobs):
    rows = []
    for position, prospect in enumerate(prospect_rows[:6]):
        kind, subject, details = ACTIVITY_TYPES[position % 3]
        moment = datetime.datetime.strptime(prospect["Date Added"], "%m/%d/%Y %I:%M %p")
        rows.append(
            {
                "Activity ID": ids.new("activity", 500000, 30),
                "Activity Type": kind,
                "Subject": subject,
                "Details": details,
                "Customer ID": "",
                "Prospect ID": prospect["Prospect ID"],
                "Job ID": "",
                "Activity Date": us_datetime(moment + datetime.timedelta(days=2, hours=1)),
                "Completed By": prospect["Owner Email"],
            }
        )
    for position, job in enumerate(j for j in jobs if j["Status"] == "Completed"):
        if position > 5:
            break
        kind, subject, details = ACTIVITY_TYPES[3 + position % 3]
        scheduled = datetime.datetime.strptime(job["Scheduled Date"], "%m/%d/%Y")
        rows.append(
            {
                "Activity ID": ids.new("activity", 500000, 30),
                "Activity Type": kind,
                "Subject": subject,
                "Details": details,
                "Customer ID": job["Customer ID"],
                "Prospect ID": "",
                "Job ID": job["Job ID"],
                "Activity Date": us_datetime(scheduled - datetime.timedelta(hours=20)),
                "Completed By": job["Owner Email"],
            }
        )
    return rows


def attachments(ids, jobs, prospect_rows, estimate_rows):
    """Before and after photos of a job, a signed estimate, a prospect's site plan."""
    job = next(j for j in jobs if j["Job Type"] == "Landscape Install" and j["Completed Date"])
    signed = next(e for e in estimate_rows if e["Status"] == "Accepted")
    lakeview = next(p for p in prospect_rows if p["Company Name"] == "Lakeview Montessori")

    def photo(colour):
        return png(12, 8, lambda x, y: colour if (x + y) % 3 else (255, 255, 255))

    completed = datetime.datetime.strptime(job["Completed Date"], "%m/%d/%Y")
    specs = [
        (
            {"Job ID": job["Job ID"], "Customer ID": job["Customer ID"]},
            "beds-before.png",
            "image/png",
            photo((90, 70, 40)),
            "Front beds before",
            completed + datetime.timedelta(hours=8),
        ),
        (
            {"Job ID": job["Job ID"], "Customer ID": job["Customer ID"]},
            "beds-after.png",
            "image/png",
            photo((40, 120, 50)),
            "Front beds after",
            completed + datetime.timedelta(hours=15),
        ),
        (
            {"Customer ID": signed["Customer ID"]},
            "estimate-%s-signed.pdf" % signed["Estimate #"],
            "application/pdf",
            tiny_pdf(
                [
                    "Evergreen Lawn - Landscape",
                    "Estimate %s accepted" % signed["Estimate #"],
                    "Signed by the customer",
                ]
            ),
            "Signed estimate",
            datetime.datetime.strptime(signed["Estimate Date"], "%m/%d/%Y")
            + datetime.timedelta(days=2, hours=11),
        ),
        (
            {"Prospect ID": lakeview["Prospect ID"]},
            "lakeview-site-plan.pdf",
            "application/pdf",
            tiny_pdf(["Lakeview Montessori", "Site plan - play area and front lawn"]),
            "Site plan from the school",
            datetime.datetime.strptime(lakeview["Date Added"], "%m/%d/%Y %I:%M %p")
            + datetime.timedelta(days=3),
        ),
    ]
    rows, blobs = [], {}
    for refs, name, mimetype, data, description, moment in specs:
        attachment_id = ids.new("attachment", 700000, 20)
        path = "files/%s-%s" % (attachment_id, name)
        blobs[path] = data
        rows.append(
            dict(
                {"Customer ID": "", "Prospect ID": "", "Job ID": ""},
                **refs,
                **{
                    "Attachment ID": attachment_id,
                    "File Name": name,
                    "File Path": path,
                    "File Type": mimetype,
                    "Size (bytes)": str(len(data)),
                    "Description": description,
                    "Date Uploaded": us_datetime(moment),
                },
            )
        )
    return rows, blobs


def price_book_rows():
    columns = ["Name", "Description", "Unit Price", "Unit", "Taxable", "Active"]
    rows = [
        dict(zip(columns, (name, description, money(price), unit, "Yes", "Yes"), strict=True))
        for name, description, price, unit in PRICE_BOOK
    ]
    return columns, rows


def sequence_rows():
    columns = ["Name", "Applies To", "Step", "Delay (Days)", "Channel", "Message", "Active"]
    return columns, [dict(zip(columns, row, strict=True)) for row in SEQUENCES]


# ==========================================================================
# Expected facts
# ==========================================================================

FILES = {
    "users.csv": "user",
    "customers.csv": "customer",
    "prospects.csv": "prospect",
    "jobs.csv": "job",
    "estimates.csv": "estimate",
    "estimate_items.csv": "estimate_line",
    "invoices.csv": "invoice",
    "invoice_items.csv": "invoice_line",
    "notes.csv": "note",
    "activities.csv": "activity",
    "attachments.csv": "document",
}
NOT_MIGRATED = {
    "follow_up_sequences.csv": "Automated follow-up sequences",
    "products_and_services.csv": "Products and services (price book)",
}
# The profile's fold templates (profiles/tcf.py), as str.format templates.
FOLDS = {
    "estimates.csv": (
        "x_estimates",
        "Estimate #{Estimate #} {Title} ({Status}) dated {Estimate Date}, expires "
        "{Expiration Date}: subtotal {Subtotal}, tax {Tax}, total {Total}; by {Owner Email}",
    ),
    "estimate_items.csv": (
        "x_estimate_lines",
        "#{Estimate #}: {Quantity} x {Item} ({Description}) at {Unit Price} = {Amount}",
    ),
    "invoices.csv": (
        "x_invoices",
        "Invoice #{Invoice #} ({Status}) for job {Job ID} dated {Invoice Date}, due "
        "{Due Date}: subtotal {Subtotal}, tax {Tax}, total {Total}, paid {Amount Paid}, "
        "balance {Balance Due}",
    ),
    "invoice_items.csv": (
        "x_invoice_lines",
        "#{Invoice #}: {Quantity} x {Item} ({Description}) at {Unit Price} = {Amount}",
    ),
}
WON, LOST = ("Completed", "Invoiced"), ("Cancelled", "Not Interested")
# The types the custom fields' values show (discovery's inference -> the Odoo type).
CUSTOM_FIELDS = {
    "customers.csv": {
        "Gate Code": "char",
        "Lot Size (sq ft)": "integer",
        "Service Frequency": "selection",
        "Pets On Site": "boolean",
        "Customer Since": "date",
        "First Name": "char",
        "Last Name": "char",
    },
    "prospects.csv": {
        "Lead Source": "selection",
        "Converted Date": "date",
    },
    "jobs.csv": {
        "Start Time": "char",
        "End Time": "char",
        "Assigned Tech": "char",
        "Estimate #": "char",
        "Crew Size": "integer",
        "Lot Size (Sq. Ft.)": "integer",
    },
}
# The Custom Fields cell's keys: the type their values show.
CELL_TYPES = {
    "Lot Size (sq ft)": "integer",
    "Interested In": "selection",
    "Budget": "float",
    "Follow-Up Date": "date",
    "HOA": "boolean",
}


def data_lines(data):
    """The line each data row of a CSV starts on, as the readers number rows (a value
    with a line break spans two lines)."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    next(reader)
    lines, line = [], reader.line_num + 1
    for _cells in reader:
        lines.append(line)
        line = reader.line_num + 1
    return lines


def outcome(status):
    return "won" if status in WON else "lost" if status in LOST else "open"


def parse_us(text):
    """A US datetime or date of the export, as ISO."""
    for pattern in ("%m/%d/%Y %I:%M %p", "%m/%d/%Y"):
        try:
            return iso(datetime.datetime.strptime(text, pattern))
        except ValueError:
            continue
    raise ValueError(text)


def number(text):
    return float(text.replace("$", "").replace(",", ""))


def custom_fields(tables):
    """The custom fields of each file, the Custom Fields cell's keys as the columns the
    profile makes of them (named by their first spelling in the file)."""
    fields = {name: dict(columns) for name, columns in CUSTOM_FIELDS.items()}
    for entry in properties(tables)["keys"].values():
        fields["prospects.csv"][entry["spellings"][0]] = entry["type"]
    return fields


def properties(tables):
    """The keys of the prospects' Custom Fields cells, deduplicated by their normalised
    name: the field each becomes, the spellings found, the type its values show; and
    the one field those keys share by name with a custom column of another file of the
    same model (jobs' 'Lot Size (Sq. Ft.)')."""
    found = {}
    for row in tables["prospects.csv"]:
        cell = row["Custom Fields"]
        for pair in filter(None, (p.strip() for p in cell.split(";"))):
            key, _sep, _value = pair.partition(":")
            key = key.strip()
            canonical = next(k for k, spellings in CELL_KEYS.items() if key in spellings)
            entry = found.setdefault(
                normalised(key),
                {"field": field_name(canonical), "type": CELL_TYPES[canonical], "spellings": []},
            )
            if key not in entry["spellings"]:
                entry["spellings"].append(key)
    shared = {
        header: field_name(header)
        for header in JOB_COLUMNS
        if normalised(header) in found and field_name(header) == found[normalised(header)]["field"]
    }
    return {
        "file": "prospects.csv",
        "column": "Custom Fields",
        "pair_separator": ";",
        "key_separator": ":",
        "keys": dict(sorted(found.items())),
        "shared_with_columns": {"jobs.csv": shared},
    }


def expected(tables, files, blobs):
    people = tables["customers.csv"]
    prospect_rows = tables["prospects.csv"]
    jobs = tables["jobs.csv"]
    customer_ids = {row["Customer ID"] for row in people}
    folded = {}
    for name, (field, template) in FOLDS.items():
        for row in tables[name]:
            text = template.format(**row)
            spot = folded.setdefault(row["Customer ID"], {})
            spot[field] = (spot[field] + "\n" + text) if field in spot else text
    job_facts = {}
    for row in jobs:
        facts = {
            "customer": row["Customer ID"],
            "name": row["Job Title"],
            "status": row["Status"],
            "outcome": outcome(row["Status"]),
            "expected_revenue": number(row["Job Total"]),
            "date_deadline": parse_us(row["Scheduled Date"])[:10],
            "owner": row["Owner Email"],
            "tags": [t for t in [row["Job Type"]] + row["Tags"].split(";") if t.strip()],
            "x_assigned_tech": row["Assigned Tech"],
            "x_crew_size": int(row["Crew Size"]),
            "x_lot_size_sq_ft": int(row["Lot Size (Sq. Ft.)"]),
        }
        if row["Completed Date"]:
            facts["date_closed"] = parse_us(row["Completed Date"])
        if row["Estimate #"]:
            facts["x_estimate"] = row["Estimate #"]
        job_facts[row["Job ID"]] = facts
    prospect_ids = {row["Prospect ID"] for row in prospect_rows}
    job_ids = {row["Job ID"] for row in jobs}
    engagements, orphans = [], []
    for name, kind, id_column, date_column in (
        ("notes.csv", "note", "Note ID", "Date Created"),
        ("activities.csv", "activity", "Activity ID", "Activity Date"),
        ("attachments.csv", "document", "Attachment ID", "Date Uploaded"),
    ):
        for line, row in zip(data_lines(files[name]), tables[name], strict=True):
            entry = {
                "file": name,
                "source_id": row[id_column],
                "type": kind,
                "date": parse_us(row[date_column]),
            }
            on = None
            for column, kind_, known in (
                ("Job ID", "job", job_ids),
                ("Prospect ID", "prospect", prospect_ids),
                ("Customer ID", "customer", customer_ids),
            ):
                if row[column] and row[column] in known:
                    on = {"kind": kind_, "source_id": row[column]}
                    break
                if row[column]:
                    orphans.append(
                        {
                            "file": name,
                            "source_id": row[id_column],
                            "column": column,
                            "missing_id": row[column],
                        }
                    )
                    break
            if on is None:
                entry["lands_as"] = "orphan"
            else:
                entry["lands_as"] = "attachment" if kind == "document" else "message"
                entry["on"] = on
            if kind == "activity":
                entry["subject"] = "%s: %s" % (row["Activity Type"], row["Subject"])
            entry["row"] = line
            engagements.append(entry)
    converted = {
        row["Prospect ID"]: row["Converted To Customer ID"]
        for row in prospect_rows
        if row["Converted To Customer ID"]
    }
    counts = {name: len(rows) for name, rows in tables.items()}

    def tally(rows):
        found = {}
        for row in rows:
            found[row["Status"]] = found.get(row["Status"], 0) + 1
        return dict(sorted(found.items()))

    return {
        "profile": "tcf",
        "export_day": EXPORT_DAY.isoformat(),
        "files": counts,
        "kinds": {name: FILES.get(name) for name in tables},
        "documents": sorted(blobs),
        "not_migrated": [
            {"file": name, "rows": counts[name], "object": NOT_MIGRATED[name]}
            for name in NOT_MIGRATED
        ],
        "owners": [email_of(u[1].lower()) for u in USERS if u[6]],
        "unmatched_owners": [email_of(u[1].lower()) for u in USERS if not u[6]],
        "inactive_owners": [email_of(u[1].lower()) for u in USERS if u[4] == "Inactive"],
        "records": {
            "customers": len(people),
            "commercial": sum(r["Customer Type"] == "Commercial" for r in people),
            "residential": sum(r["Customer Type"] == "Residential" for r in people),
            "prospects": len(prospect_rows),
            "converted": len(converted),
            "prospects_lost": sum(outcome(r["Status"]) == "lost" for r in prospect_rows),
            "jobs": len(jobs),
            "won": sum(outcome(r["Status"]) == "won" for r in jobs),
            "lost": sum(outcome(r["Status"]) == "lost" for r in jobs),
            "open": sum(outcome(r["Status"]) == "open" for r in jobs),
            "estimates": counts["estimates.csv"],
            "estimate_lines": counts["estimate_items.csv"],
            "invoices": counts["invoices.csv"],
            "invoice_lines": counts["invoice_items.csv"],
        },
        "statuses": {"prospects.csv": tally(prospect_rows), "jobs.csv": tally(jobs)},
        "converted": converted,
        "customer_tags": {
            r["Customer ID"]: [
                t.strip() for t in [r["Category"]] + r["Tags"].split(";") if t.strip()
            ]
            for r in people
        },
        "jobs": job_facts,
        "folded": dict(sorted(folded.items())),
        "custom_fields": custom_fields(tables),
        "properties": properties(tables),
        "engagements": engagements,
        "orphans": orphans,
    }


# ==========================================================================
# README
# ==========================================================================

FILE_NOTES = {
    "users.csv": "the account's users: the owners; Tanya Brooks left (`Status` = "
    "`Inactive`), Kyle Jensen (a technician) has no Odoo user",
    "customers.csv": "residential and commercial customers, category and tags, owner; "
    "custom fields as extra columns (gate code, lot size, frequency, pets, customer since); "
    "Dana Whitfield converted from a prospect; one without email",
    "prospects.csv": "prospects with source, status (one converted, two not interested), "
    "owner, tags; custom fields as key-value pairs in one `Custom Fields` cell, keys "
    "spelled several ways",
    "jobs.csv": "jobs / work orders: type, status, schedule, times, owner, technicians, "
    "total, the estimate accepted, service address; custom fields as extra columns",
    "estimates.csv": "estimates: accepted (each named by its job), sent, declined, draft, expired",
    "estimate_items.csv": "the estimates' line items (each repeats its customer id)",
    "invoices.csv": "one invoice per completed job: paid, partially paid, unpaid, overdue",
    "invoice_items.csv": "the invoices' line items (each repeats its customer id)",
    "notes.csv": "notes on jobs, prospects and customers; one on a job deleted before the "
    "export (the orphan)",
    "activities.csv": "logged calls, emails, appointments and site visits",
    "attachments.csv": "job photos, a signed estimate, a prospect's site plan; files under "
    "`files/`",
    "follow_up_sequences.csv": "automated follow-up sequences (emails, texts): do not migrate",
    "products_and_services.csv": "the price book: does not migrate (lines keep each item)",
}

LANDS = [
    [
        "Customer",
        "`res.partner`",
        "Commercial -> company, Residential -> person; name, email, phones, address, notes, "
        "salesperson; category and tags -> partner tags; contact first/last name and custom "
        "columns -> `x_` fields",
    ],
    [
        "Prospect",
        "`crm.lead` (lead)",
        "person's name, company, email, phones, address, source, status (stage map; Not "
        "Interested lost), owner, tags (`crm.tag`); converted -> its customer (`partner_id`)",
    ],
    [
        "Estimate",
        "`sale.order` and its lines with Sales; else text on the customer",
        "state from the status, dates, owner, lines with their product; without Sales "
        "`x_estimates`, lines in `x_estimate_lines`; the job names its estimate",
    ],
    [
        "Job / Work Order",
        "`crm.lead` opportunity, and with Project a `project.task`",
        "customer, title, schedule (expected closing), total (expected revenue), status "
        "(stage map; Completed won, Cancelled lost), owner, job type and tags (`crm.tag`), "
        "service address; times, technicians, crew size, custom columns -> `x_` fields",
    ],
    [
        "Invoice",
        "`account.move` and its lines with Invoicing; else text on the customer",
        "posted unless draft or void (cancelled), its number as reference; without "
        "Invoicing `x_invoices`, lines in `x_invoice_lines`",
    ],
    [
        "Custom Field (per record)",
        "`x_` fields",
        "an extra column -> a field of the type its values show, one per normalised name and "
        "model; a `Custom Fields` cell's keys -> the same, a column each (`Properties`)",
    ],
    ["Attachment / File", "`ir.attachment`", "on its job, else its prospect, else its customer"],
    ["Owner / User", "owners (`res.users`, by email)", "never created; no Odoo user -> flagged"],
    ["Tag / Category", "`crm.tag`, `res.partner.category`", "found or created by name"],
    [
        "Activity / Note",
        "`mail.message` (note)",
        "on its job, else prospect, else customer; author and date kept; an activity's "
        "type heads its subject",
    ],
    ["Every record", "`x_tcf_id`", "its Customer Factor id, besides `x_source_id`"],
]


def readme(facts):
    records = facts["records"]
    files = [["`%s`" % name, rows, FILE_NOTES[name]] for name, rows in facts["files"].items()]
    files.append(["`files/`", "%d files" % len(facts["documents"]), "PNG photos and PDFs"])
    inventory = [
        [item["object"], "`%s`" % item["file"], item["rows"]] for item in facts["not_migrated"]
    ]
    keys = [
        [
            " / ".join("`%s`" % s for s in entry["spellings"]),
            "`%s`" % entry["field"],
            entry["type"],
        ]
        for entry in facts["properties"]["keys"].values()
    ]
    [(prospect, customer)] = facts["converted"].items()
    orphan = facts["orphans"][0]
    return "\n".join(
        [
            "# The Customer Factor sample export",
            "",
            "The Customer Factor has no public API: its data leaves as CSV files exported by",
            "hand. This is such an export of a fictional tenant (Evergreen Lawn & Landscape,",
            "a lawn care and landscaping business in Columbus, Ohio, exported %s), migrated"
            % facts["export_day"],
            "with the profile `tcf` (`migration_bridge/services/profiles/tcf.py`). Generated by",
            "`scripts/samples/tcf.py` (seeded, deterministic): do not edit by hand, rerun the",
            "script. `expected.json` holds what the tests and `scripts/demo.sh --check` assert,",
            "computed from the rows written.",
            "",
            "## Where its shape comes from",
            "",
            "- From the seed page (`shared/seeds/the-customer-factor.txt`): the objects",
            "  (customers, prospects, estimates with line items, jobs or work orders, invoices",
            "  with line items, custom fields stored per record as key-value properties,",
            "  attachments, users, tags and categories, notes and activities), the export as",
            "  manual CSV, owners matched by email, a prospect converted into a customer,",
            "  automated follow-up sequences that do not migrate.",
            "- Invented, because The Customer Factor publishes no column list",
            '  (`shared/PLATFORMS.md`: "Column list: not found"): every file name and header,',
            "  the numeric ids, the US formats (dates `06/30/2026`, datetimes",
            "  `06/30/2026 02:15 PM` in local time, amounts `$1,250.00`), the two ways custom",
            "  fields are written (extra columns on customers and jobs, a `Custom Fields` cell",
            "  of `Key: value; Key: value` pairs on prospects), line items repeating their",
            "  customer's id, the price book and sequences files. Check a real export against",
            "  it before a migration: discovery proposes whatever columns it has.",
            "",
            "## How to get the export",
            "",
            "1. In The Customer Factor, export each list as CSV with all its columns: users,",
            "   customers, prospects, jobs, estimates and their line items, invoices and their",
            "   line items, notes, activities, attachments (download the files too), and the",
            "   price book and follow-up sequences (listed, not migrated).",
            "2. Put the CSV files in one folder, the attachments under `files/` (the paths of",
            "   `File Path`), and ZIP them.",
            "3. In Odoo, **Migration > Import a CRM export**, profile *The Customer Factor*,",
            "   upload the ZIP. Create the users who own records as Odoo users first: owners",
            "   are matched by email, archived users included; users are never created.",
            "",
            md_table(["file", "rows", "content"], files),
            "",
            "Records: %d customers (%d commercial, %d residential), %d prospects (%d converted, "
            "%d lost), %d jobs (%d won, %d lost, %d open), %d estimates (%d lines), %d "
            "invoices (%d lines). Notes, activities and attachments: %d rows, one orphan."
            % (
                records["customers"],
                records["commercial"],
                records["residential"],
                records["prospects"],
                records["converted"],
                records["prospects_lost"],
                records["jobs"],
                records["won"],
                records["lost"],
                records["open"],
                records["estimates"],
                records["estimate_lines"],
                records["invoices"],
                records["invoice_lines"],
                len(facts["engagements"]),
            ),
            "",
            "## What lands where",
            "",
            md_table(["The Customer Factor", "Odoo", "how"], LANDS),
            "",
            "## Does not migrate",
            "",
            md_table(["object", "file", "rows"], inventory),
            "",
            "Each row is an item of the project's *Does not migrate* tab with its Odoo",
            "equivalent. Without Sales and Invoicing, estimates and invoices are readable",
            "text on their customer and the price book is listed here too.",
            "",
            "## Custom fields",
            "",
            "Customers and jobs give theirs as extra columns: each becomes an `x_` field of",
            "the type its values show. Prospects give theirs as key-value pairs in one",
            "`Custom Fields` cell, each key typed as the tenant happened to type it. The",
            "profile's `Properties` word makes each key, by its normalised name, a column of",
            "its own before the rows are staged; these are the fields they become:",
            "",
            md_table(["keys in the cell", "field", "type of its values"], keys),
            "",
            "`x_lot_size_sq_ft` is also the field of the jobs' `Lot Size (Sq. Ft.)` column:",
            "one field of `crm.lead` for every spelling of the key.",
            "",
            "## What it exercises",
            "",
            "- **A converted prospect**: prospect `%s` (Dana Whitfield) became customer `%s`;"
            % (prospect, customer),
            "  the lead keeps its link to that customer, her notes before and after are on",
            "  the lead and on the customer.",
            "- **Owners**: Tanya Brooks left (`Inactive`): her records stay hers, matched by",
            "  email to her Odoo user, archived or not; Kyle Jensen has no Odoo user: the job",
            "  he sold loads without an owner, flagged for provisioning.",
            "- **Won and lost**: completed jobs are won (closed on their completed date),",
            "  cancelled ones lost; prospects who are not interested are lost leads.",
            "- **Tags**: a customer's category and tags, a job's type and tags (`vip` and `VIP`",
            "  are one tag).",
            "- **Orphan**: note `%s` is on job `%s`, deleted before the export: it fails with"
            % (orphan["source_id"], orphan["missing_id"]),
            "  an issue naming it.",
            "",
        ]
    )


# ==========================================================================
# Main
# ==========================================================================


def public(rows):
    """The rows as written: without the generator's own keys (``_...``)."""
    return [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]


def export_files(rng):
    """{relative path: bytes} of the sample (the export, expected.json and README.md)."""
    ids = Ids(rng)
    user_rows = users()
    people = customers(ids, rng)
    prospect_rows = prospects(ids, rng, people)
    jobs, estimate_rows, estimate_lines, invoice_rows, invoice_lines = jobs_estimates_invoices(
        ids, rng, people
    )
    note_rows = notes(ids, rng, people, prospect_rows, jobs)
    activity_rows = activities(ids, rng, prospect_rows, jobs)
    attachment_rows, blobs = attachments(ids, jobs, prospect_rows, estimate_rows)
    tables = {
        "users.csv": (USER_COLUMNS, user_rows),
        "customers.csv": (CUSTOMER_COLUMNS, people),
        "prospects.csv": (PROSPECT_COLUMNS, prospect_rows),
        "jobs.csv": (JOB_COLUMNS, jobs),
        "estimates.csv": (ESTIMATE_COLUMNS, estimate_rows),
        "estimate_items.csv": (["Estimate #"] + LINE_COLUMNS, estimate_lines),
        "invoices.csv": (INVOICE_COLUMNS, invoice_rows),
        "invoice_items.csv": (["Invoice #"] + LINE_COLUMNS, invoice_lines),
        "notes.csv": (NOTE_COLUMNS, note_rows),
        "activities.csv": (ACTIVITY_COLUMNS, activity_rows),
        "attachments.csv": (ATTACHMENT_COLUMNS, attachment_rows),
        "follow_up_sequences.csv": sequence_rows(),
        "products_and_services.csv": price_book_rows(),
    }
    files = {name: csv_bytes(columns, public(rows)) for name, (columns, rows) in tables.items()}
    files.update(blobs)
    facts = expected(
        {name: public(rows) for name, (_columns, rows) in tables.items()}, files, blobs
    )
    files["expected.json"] = (json.dumps(facts, indent=1, ensure_ascii=False) + "\n").encode()
    files["README.md"] = readme(facts).encode()
    return files, facts


def main():
    if OUT_DIR.exists():
        shutil.rmtree(OUT_DIR)
    files, _facts = export_files(random.Random(SEED))
    written = [write(OUT_DIR / name, data) for name, data in files.items()]
    total = sum(path.stat().st_size for path in written)
    assert total < MAX_TOTAL_BYTES, total
    for path in sorted(written):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
