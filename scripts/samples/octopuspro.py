"""Generate the OctopusPro sample export: ``migration_bridge/data/samples/octopuspro/``.

OctopusPro documents no public API: a migration starts with an export requested from
its support, one CSV per object. This sample is such an export of a fictional tenant
(Sparkle & Co Home Services, a Sydney cleaning and maintenance business, exported
2026-06-30): UTF-8 without a byte order mark, comma, quotes only where needed, CRLF
line ends, numeric ids, customer columns named as in OctopusPro's customer import
template (``first_name2``, ``customer_type``, ``date_joined`` as ``YYYY/MM/DD``),
the tenant's custom fields under their labels, datetimes in UTC (``...Z``), dates
``YYYY-MM-DD``, times of day local (``09:30``), amounts in AUD without a symbol.

It writes the files, ``expected.json`` (what the tests assert, computed from the rows
written) and ``README.md``. Standard library only; it draws from
``random.Random(SEED)`` and writes the same bytes on every run. The sample is
committed: do not edit it by hand, change this script and rerun it.

Usage: ``python3 scripts/samples/octopuspro.py``
"""

import csv
import datetime
import io
import json
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import md_table, png, tiny_pdf, write  # noqa: E402 - next to this script

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "migration_bridge" / "data" / "samples" / "octopuspro"

SEED = 4711
MAX_TOTAL_BYTES = 120 * 1024
EXPORT_DAY = datetime.date(2026, 6, 30)
MAIL = "sparkleco.example"
LEFT_ON = datetime.date(2026, 2, 13)  # Mia Thompson's last day
JACK_FROM = datetime.date(2025, 10, 6)  # the subcontractor's first day

# ==========================================================================
# The tenant's data
# ==========================================================================

# key, first, last, role, active, an Odoo user (the tests create those beforehand)
FIELD_WORKERS = [
    ("grace", "Grace", "Lin", "Admin", "Yes", True),
    ("daniel", "Daniel", "Brooks", "Office staff", "Yes", True),
    ("liam", "Liam", "Carter", "Fieldworker", "Yes", True),
    ("ava", "Ava", "Patel", "Fieldworker", "Yes", True),
    ("noah", "Noah", "Williams", "Fieldworker", "Yes", True),
    # Left in February 2026: still the owner of the bookings she did.
    ("mia", "Mia", "Thompson", "Fieldworker", "No", True),
    # A subcontractor with no Odoo account: flagged for provisioning.
    ("jack", "Jack", "O'Neill", "Subworker", "Yes", False),
]
# key -> pay rate, pay type, location tracking, date joined: OctopusPro's own settings.
PAY = {
    "grace": ("", "", "Disabled", "2019/03/04"),
    "daniel": ("34.00", "Hourly", "Disabled", "2020/07/13"),
    "liam": ("38.50", "Hourly", "Enabled", "2021/02/01"),
    "ava": ("38.50", "Hourly", "Enabled", "2021/09/20"),
    "noah": ("120.00", "Per booking", "Enabled", "2022/05/09"),
    "mia": ("36.00", "Hourly", "Enabled", "2020/11/02"),
    "jack": ("45.00", "Hourly", "Disabled", "2025/10/06"),
}

# service id key, name, type (category), base price, minutes, pricing, zones, active
SERVICES = [
    ("s1", "Carpet steam clean", "Carpet Cleaning", 180, 120, "Per room", "Yes", "Yes"),
    ("s2", "Upholstery clean", "Carpet Cleaning", 140, 90, "Fixed", "No", "Yes"),
    ("s3", "End of lease clean", "Residential Cleaning", 420, 300, "Fixed", "Yes", "Yes"),
    ("s4", "Regular home clean", "Residential Cleaning", 150, 180, "Hourly", "No", "Yes"),
    ("s5", "Office clean", "Commercial Cleaning", 260, 180, "Hourly", "No", "Yes"),
    ("s6", "Window cleaning", "Window Cleaning", 190, 120, "Fixed", "Yes", "Yes"),
    ("s7", "Pest inspection", "Pest Control", 220, 60, "Fixed", "No", "Yes"),
    ("s8", "Pressure washing", "Maintenance", 240, 120, "Hourly", "No", "No"),
]
SERVICE = {row[1]: row for row in SERVICES}
# Which services the customers of each kind book.
PERSONAL_SERVICES = (
    "Carpet steam clean, Upholstery clean, End of lease clean, Regular home clean, Window"
    " cleaning, Pest inspection"
).split(", ")
BUSINESS_SERVICES = ["Office clean", "Window cleaning", "Carpet steam clean", "Pest inspection"]

SUBURBS = [
    ("Surry Hills", "NSW", "2010"),
    ("Newtown", "NSW", "2042"),
    ("Bondi", "NSW", "2026"),
    ("Parramatta", "NSW", "2150"),
    ("Chatswood", "NSW", "2067"),
    ("Manly", "NSW", "2095"),
    ("Marrickville", "NSW", "2204"),
    ("Ryde", "NSW", "2112"),
]
STREETS = (
    "Crown St, King St, Campbell Pde, Victoria Rd, Pacific Hwy, Oxford St, Darling St, "
    "Military Rd, Church St, Illawarra Rd"
).split(", ")
FIRST = (
    "Olivia James Charlotte William Amelia Lucas Isla Henry Zoe Oscar Ruby Leo Matilda "
    "Hugo Chloe Archie Lily Max"
).split()
LAST = (
    "Smith Jones Kelly Wilson Taylor Martin Anderson Walker White Ryan Clarke Murphy "
    "Scott Evans Young King Hughes"
).split()
FIRST_TITLE = {
    "Olivia": "Ms",
    "Charlotte": "Mrs",
    "Amelia": "Miss",
    "Isla": "Ms",
    "Zoe": "Miss",
    "Ruby": "Mrs",
    "Matilda": "Ms",
    "Chloe": "Dr",
    "Lily": "Mrs",
}
BUSINESSES = [
    ("Harbour View Strata", "Office"),
    ("Bluegum Childcare Centre", "Childcare"),
    ("Kestrel Property Management", "Office"),
    ("Redfern Physio Clinic", "Clinic"),
    ("Oakwood Cafe Pty Ltd", "Retail"),
]
PERSONAL_PROPERTY = ["House", "Apartment", "Townhouse"]
CONTACT_BY = ["Email", "SMS", "Phone"]

# The customers built by hand: each one a case the migration must handle.
SARAH = "Sarah Nguyen"
SHARED_EMAIL = "sarah.nguyen@mailbox.example"  # a person, and a business's contact
TOM_EMAILS = ("tom.harris@inbox.example", "Tom.Harris@Inbox.example")  # imported twice
DELETED_CUSTOMER = "Oliver Grant"  # deleted in OctopusPro; one booking of his remains

CUSTOMER_COLUMNS = (
    "customer_id, customer_type, customer_name, title, first_name, last_name, "
    "business_name, email, mobile, phone, first_name2, last_name2, email2, mobile2, "
    "phone2, first_name3, last_name3, email3, mobile3, phone3, address, suburb, state, "
    "postcode, country, date_joined, last_updated, notes, Property Type, Gate Code, Pets "
    "On Site, Preferred Contact"
).split(", ")
FIELD_WORKER_COLUMNS = (
    "fieldworker_id first_name last_name email mobile role active pay_rate pay_type "
    "location_tracking date_joined"
).split()
BOOKING_COLUMNS = (
    "booking_id, customer_id, customer_name, service_type, service, booking_date, "
    "start_time, end_time, status, owner_email, assigned_fieldworkers, service_address, "
    "service_suburb, service_state, service_postcode, service_country, total, "
    "quote_number, invoice_number, invoice_status, invoice_date, completed_at, "
    "cancellation_reason, job_description, Booking Source, Recurring, created_at, "
    "updated_at"
).split(", ")
FORM_COLUMNS = (
    "form_id booking_id template stains_found furniture_moved oven_cleaned windows_inside"
    " termite_activity access_notes signed_off_by signed_at"
).split()
INVOICE_COLUMNS = (
    "invoice_id invoice_number booking_id customer_id issue_date due_date status subtotal"
    " gst total amount_paid"
).split()
PAYMENT_COLUMNS = ("payment_id invoice_number booking_id paid_at method amount status").split()
QUOTE_COLUMNS = (
    "quote_id quote_number customer_id service sent_date valid_until status total"
).split()
NOTE_COLUMNS = ["note_id", "booking_id", "note", "added_by", "created_at"]
HISTORY_COLUMNS = ["history_id", "booking_id", "event", "performed_by", "performed_at"]
ATTACHMENT_COLUMNS = (
    "attachment_id booking_id customer_id file_name file_path content_type size_bytes "
    "caption uploaded_at"
).split()

# The plan of the bookings: (status, invoice status), in date order of closed ones.
CLOSED_PLAN = (
    [("Completed", "Paid")] * 12
    + [("Completed", "Partially Paid")] * 2
    + [("Completed", "Overdue"), ("Completed", "Unpaid")]
    + [("Completed", "")] * 2
    + [("Cancelled", "")] * 3
    + [("Declined", "")]
)
OPEN_PLAN = [("In Progress", "")] + [("Confirmed", "")] * 6 + [("Pending", "")] * 4
CANCELLATIONS = [
    "Customer booked another provider",
    "Price too high",
    "Customer unreachable",
]
DECLINED = "Outside service area"
SOURCES = ["Online booking form", "Phone", "Customer portal", "Repeat booking"]
START_TIMES = ["08:00", "09:30", "11:00", "13:00", "14:30"]
JOB_DETAILS = {
    "Carpet steam clean": [
        "3 bedrooms and hallway",
        "Lounge and 2 bedrooms; wine stain",
        "Whole apartment, light traffic",
    ],
    "Upholstery clean": ["3-seater sofa and 2 armchairs", "Dining chairs x6"],
    "End of lease clean": [
        "2 bed unit, inspection Friday",
        "3 bed house incl. garage",
        "Studio; oven and rangehood",
    ],
    "Regular home clean": ["Fortnightly clean, key in lockbox", "Kitchen, bathrooms, floors"],
    "Office clean": ["Open plan office, after 6pm", "Reception and 4 consult rooms"],
    "Window cleaning": ["Inside and out, 2 storeys", "Shopfront and awning"],
    "Pest inspection": ["Annual termite inspection", "Cockroach treatment follow-up"],
}
NOTES = [
    "Customer asked us to use the side gate.",
    "Parking on the street only; bring the long hose.",
    "Dog will be in the backyard, please keep the gate closed.",
    "Customer happy with the result, asked about a regular service.",
    "Stain on the hallway carpet did not come out fully; told the customer.",
    "Reschedule requested by phone, moved to the afternoon slot.",
    "Alarm code given over the phone, not stored here.",
    "Strata manager wants the invoice addressed to the owners corporation.",
    "Fridge not emptied by the tenant; cleaned around it.",
    "Second visit needed for the balcony windows.",
]

# ==========================================================================
# Helpers
# ==========================================================================


class Ids:
    """Numeric ids of each table, increasing by a random step from a start."""

    def __init__(self, rng):
        self.rng = rng
        self.next = {}

    def new(self, table, start):
        value = self.next.get(table, start) + self.rng.randint(1, 9)
        self.next[table] = value
        return str(value)


def csv_bytes(columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue().encode("utf-8")


def email_of(key):
    worker = next(w for w in FIELD_WORKERS if w[0] == key)
    return ("%s.%s@%s" % (worker[1], worker[2], MAIL)).lower().replace("'", "")


def name_of(key):
    worker = next(w for w in FIELD_WORKERS if w[0] == key)
    return "%s %s" % (worker[1], worker[2])


def utc(day, hour, minute=0):
    """An export datetime: '2026-03-14T04:30:00Z'."""
    moment = datetime.datetime.combine(day, datetime.time(hour, minute))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def money(value):
    return "%.2f" % value


def mobile(rng):
    return "04%02d %03d %03d" % (rng.randint(10, 99), rng.randint(0, 999), rng.randint(0, 999))


# ==========================================================================
# The export, table by table
# ==========================================================================


def field_workers(ids, rng):
    rows = []
    for key, first, last, role, active, _odoo in FIELD_WORKERS:
        rate, pay_type, tracking, joined = PAY[key]
        rows.append(
            {
                "fieldworker_id": ids.new("fieldworker", 200),
                "first_name": first,
                "last_name": last,
                "email": email_of(key),
                "mobile": mobile(rng),
                "role": role,
                "active": active,
                "pay_rate": rate,
                "pay_type": pay_type,
                "location_tracking": tracking,
                "date_joined": joined,
                "_key": key,
            }
        )
    return rows


def _address(rng):
    suburb, state, postcode = rng.choice(SUBURBS)
    return {
        "address": "%d %s" % (rng.randint(2, 240), rng.choice(STREETS)),
        "suburb": suburb,
        "state": state,
        "postcode": postcode,
        "country": "Australia",
    }


def _person(rng, first, last, email, joined):
    row = {
        "customer_type": "Personal",
        "customer_name": "%s %s" % (first, last),
        "title": FIRST_TITLE.get(first, "Mr"),
        "first_name": first,
        "last_name": last,
        "email": email,
        "mobile": mobile(rng),
        "date_joined": joined.strftime("%Y/%m/%d"),
        "Property Type": rng.choice(PERSONAL_PROPERTY),
        "Gate Code": rng.choice(["", "", "#%04d" % rng.randint(0, 9999)]),
        "Pets On Site": rng.choice(["Yes", "No", "No"]),
        "Preferred Contact": rng.choice(CONTACT_BY),
    }
    row.update(_address(rng))
    return row


def customers(ids, rng):
    """The customers: generated people and businesses, and the cases built by hand."""
    start = datetime.date(2019, 1, 1)
    rows = []
    used = set()
    for index in range(15):
        while True:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if (first, last) not in used and "%s %s" % (first, last) != SARAH:
                break
        used.add((first, last))
        joined = start + datetime.timedelta(days=rng.randint(0, 2300))
        email = "%s.%s%d@mailbox.example" % (first.lower(), last.lower(), index)
        rows.append(dict(_person(rng, first, last, email, joined), _case="personal"))
    for name, property_type in BUSINESSES:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        joined = start + datetime.timedelta(days=rng.randint(0, 2300))
        domain = name.lower().split()[0] + ".example"
        row = dict(_address(rng))
        row.update(
            {
                "customer_type": "Business",
                "customer_name": name,
                "first_name": first,
                "last_name": last,
                "business_name": name,
                "email": "accounts@%s" % domain,
                "phone": "02 9%03d %04d" % (rng.randint(0, 999), rng.randint(0, 9999)),
                "mobile": mobile(rng),
                "date_joined": joined.strftime("%Y/%m/%d"),
                "Property Type": property_type,
                "Preferred Contact": "Email",
                "Pets On Site": "No",
                "_case": "business",
            }
        )
        rows.append(row)
    # Kestrel's contact has two other spellings and a second email and phone.
    kestrel = next(r for r in rows if r["customer_name"] == "Kestrel Property Management")
    kestrel.update(
        first_name2=kestrel["first_name"][:3],
        last_name2=kestrel["last_name"],
        email2="maintenance@kestrel.example",
        phone2="02 9555 0148",
        mobile3="0400 555 913",
        notes="Send quotes to maintenance@, invoices to accounts@.",
    )
    # Sarah Nguyen: a customer at home, and the contact of her own dental practice,
    # with one email: both load, the second is flagged as a possible duplicate.
    sarah = _person(rng, "Sarah", "Nguyen", SHARED_EMAIL, datetime.date(2021, 5, 17))
    rows.append(dict(sarah, title="Dr", _case="person and business contact"))
    dental = dict(_address(rng))
    dental.update(
        {
            "customer_type": "Business",
            "customer_name": "Nguyen Dental Pty Ltd",
            "first_name": "Sarah",
            "last_name": "Nguyen",
            "business_name": "Nguyen Dental Pty Ltd",
            "email": SHARED_EMAIL,
            "phone": "02 9555 0172",
            "date_joined": "2023/08/01",
            "Property Type": "Clinic",
            "Preferred Contact": "Phone",
            "Pets On Site": "No",
            "notes": "Practice closed on Wednesdays.",
            "_case": "business of a person customer",
        }
    )
    rows.append(dental)
    # Ethan Brown: a person linked to a business customer (the strata he manages).
    ethan = _person(
        rng, "Ethan", "Brown", "ethan.brown@harbourview.example", datetime.date(2022, 2, 8)
    )
    rows.append(dict(ethan, business_name="Harbour View Strata", _case="business-linked person"))
    # Tom Harris, imported twice (two ids, one email in two spellings).
    for index, email in enumerate(TOM_EMAILS):
        tom = _person(rng, "Tom", "Harris", email, datetime.date(2020, 3, 2 + index))
        rows.append(dict(tom, title="Mr", _case="imported twice"))
    # A customer who gave no email (phone only).
    nomail = _person(rng, "Beryl", "Fisher", "", datetime.date(2019, 9, 23))
    rows.append(dict(nomail, title="Mrs", phone="02 9555 0190", _case="no email"))
    rng.shuffle(rows)
    for row in rows:
        row["customer_id"] = ids.new("customer", 3100)
        joined = datetime.datetime.strptime(row["date_joined"], "%Y/%m/%d").date()
        row["last_updated"] = utc(joined + datetime.timedelta(days=rng.randint(30, 400)), 3, 15)
    return rows


def _workers_for(rng, day, service):
    """The field workers of a booking on ``day``: those working then, 1 to 3."""
    pool = ["liam", "ava", "noah"]
    if day < LEFT_ON:
        pool.append("mia")
    if day >= JACK_FROM:
        pool.append("jack")
    count = 3 if service == "End of lease clean" else rng.choice([1, 1, 2])
    return rng.sample(pool, count)


def bookings(ids, rng, people):
    """The bookings, oldest first: closed ones in the past, open ones from the export day."""
    plan = list(CLOSED_PLAN)
    rng.shuffle(plan)
    days = sorted(
        EXPORT_DAY - datetime.timedelta(days=rng.randint(5, 360)) for _ in range(len(plan))
    )
    plan = [(day, status) for day, status in zip(days, plan, strict=True)]
    plan.append((EXPORT_DAY, OPEN_PLAN[0]))
    plan += [
        (EXPORT_DAY + datetime.timedelta(days=rng.randint(2, 60)), status)
        for status in OPEN_PLAN[1:]
    ]
    plan.sort(key=lambda item: item[0])
    # Oliver Grant's booking: completed and paid before he was deleted.
    deleted_at = len(plan) // 3
    plan.insert(deleted_at, (plan[deleted_at][0], ("Completed", "Paid")))
    cancellations = iter(CANCELLATIONS)
    rows = []
    for index, (day, (status, invoice_status)) in enumerate(plan):
        if index == deleted_at:
            customer = {
                "customer_id": ids.new("deleted", 3000),
                "customer_name": DELETED_CUSTOMER,
                "customer_type": "Personal",
                "_deleted": True,
            }
            customer.update(_address(rng))
        else:
            customer = rng.choice(people)
        business = customer["customer_type"] == "Business"
        service = rng.choice(BUSINESS_SERVICES if business else PERSONAL_SERVICES)
        _sid, _name, service_type, base, minutes, _pricing, _zones, _active = SERVICE[service]
        workers = [] if status == "Pending" else _workers_for(rng, day, service)
        start = rng.choice(START_TIMES)
        hours, mins = divmod(int(start[:2]) * 60 + int(start[3:]) + minutes, 60)
        created = day - datetime.timedelta(days=rng.randint(3, 30))
        total = base + rng.choice([0, 0, 40, 80, 120])
        row = {
            "booking_id": ids.new("booking", 10400),
            "customer_id": customer["customer_id"],
            "customer_name": customer["customer_name"],
            "service_type": service_type,
            "service": service,
            "booking_date": day.isoformat(),
            "start_time": start,
            "end_time": "%02d:%02d" % (hours, mins),
            "status": status,
            "owner_email": email_of(workers[0]) if workers else email_of("daniel"),
            "assigned_fieldworkers": "; ".join(name_of(w) for w in workers),
            "service_address": customer["address"],
            "service_suburb": customer["suburb"],
            "service_state": customer["state"],
            "service_postcode": customer["postcode"],
            "service_country": "Australia",
            "total": money(total),
            "job_description": rng.choice(JOB_DETAILS[service] + [""]),
            "Booking Source": rng.choice(SOURCES),
            "Recurring": "Yes" if service in ("Regular home clean", "Office clean") else "No",
            "created_at": utc(created, rng.randint(0, 7), rng.choice([0, 15, 30, 45])),
            "_customer": customer,
            "_workers": workers,
            "_day": day,
        }
        if status == "Completed":
            row["completed_at"] = utc(day, max(hours - 10, 0), mins)  # local time is UTC+10
        if invoice_status:
            row["invoice_status"] = invoice_status
            row["invoice_date"] = (day + datetime.timedelta(days=rng.randint(0, 2))).isoformat()
        if status == "Cancelled":
            row["cancellation_reason"] = next(cancellations)
        if status == "Declined":
            row["cancellation_reason"] = DECLINED
        last = min(day + datetime.timedelta(days=3), EXPORT_DAY)
        row["updated_at"] = utc(max(last, created), 6, 0)
        rows.append(row)
    # Harbour View's work is done at one of the buildings it manages, not its office.
    for row in rows:
        if row["customer_name"] == "Harbour View Strata":
            row.update(
                service_address="18 Ocean St", service_suburb="Bondi", service_postcode="2026"
            )
    for number, row in enumerate((r for r in rows if r.get("invoice_status")), start=2041):
        row["invoice_number"] = "INV-%d" % number
    return rows


def invoices_and_payments(ids, rng, booking_rows):
    invoices, payments = [], []
    methods = ["Credit card", "Bank transfer", "Cash"]
    refunded = next(r for r in booking_rows if r.get("invoice_status") == "Paid")
    for row in booking_rows:
        status = row.get("invoice_status")
        if not status:
            continue
        total = float(row["total"])
        issued = datetime.date.fromisoformat(row["invoice_date"])
        paid = {"Paid": total, "Partially Paid": round(total / 2, 0)}.get(status, 0.0)
        received = []
        if paid:
            received.append(
                (
                    issued + datetime.timedelta(days=rng.randint(0, 10)),
                    rng.choice(methods),
                    paid,
                    "Completed",
                )
            )
        if row is refunded:
            received.append(
                (received[0][0] + datetime.timedelta(days=4), "Refund", -40.0, "Refunded")
            )
        invoices.append(
            {
                "invoice_id": ids.new("invoice", 7700),
                "invoice_number": row["invoice_number"],
                "booking_id": row["booking_id"],
                "customer_id": row["customer_id"],
                "issue_date": issued.isoformat(),
                "due_date": (issued + datetime.timedelta(days=14)).isoformat(),
                "status": status,
                "subtotal": money(total / 1.1),
                "gst": money(total - total / 1.1),
                "total": money(total),
                "amount_paid": money(sum(p[2] for p in received)),
            }
        )
        for day, method, amount, state in received:
            payments.append(
                {
                    "payment_id": ids.new("payment", 9100),
                    "invoice_number": row["invoice_number"],
                    "booking_id": row["booking_id"],
                    "paid_at": day.isoformat(),
                    "method": method,
                    "amount": money(amount),
                    "status": state,
                }
            )
    return invoices, payments


def quotes(ids, rng, booking_rows, people):
    """Quotes: accepted ones became bookings (which name them), others did not."""
    rows = []
    accepted = [r for r in booking_rows if not r["_customer"].get("_deleted")][2::6]
    for row in accepted:
        sent = row["_day"] - datetime.timedelta(days=rng.randint(10, 25))
        row["quote_number"] = "Q-%d" % (1500 + len(rows) * 7)
        rows.append(
            (row["quote_number"], row["_customer"], row["service"], sent, "Accepted", row["total"])
        )
    for status in ("Rejected", "Rejected", "Expired", "Sent", "Sent"):
        customer = rng.choice(people)
        service = rng.choice(PERSONAL_SERVICES)
        sent = EXPORT_DAY - datetime.timedelta(
            days=rng.randint(5 if status == "Sent" else 40, 25 if status == "Sent" else 200)
        )
        rows.append(
            (
                "Q-%d" % (1500 + len(rows) * 7),
                customer,
                service,
                sent,
                status,
                money(SERVICE[service][3] + rng.choice([0, 40])),
            )
        )
    return [
        {
            "quote_id": ids.new("quote", 600),
            "quote_number": number,
            "customer_id": customer["customer_id"],
            "service": service,
            "sent_date": sent.isoformat(),
            "valid_until": (sent + datetime.timedelta(days=30)).isoformat(),
            "status": status,
            "total": total,
        }
        for number, customer, service, sent, status, total in rows
    ]


FORM_TEMPLATES = {
    "Carpet steam clean": "Carpet pre-inspection",
    "Upholstery clean": "Carpet pre-inspection",
    "End of lease clean": "End of lease checklist",
    "Pest inspection": "Pest inspection report",
}


def forms(ids, rng, booking_rows):
    """One intake form per completed booking of a service that has one."""
    rows = []
    for row in booking_rows:
        template = FORM_TEMPLATES.get(row["service"])
        if row["status"] != "Completed" or not template or row["_customer"].get("_deleted"):
            continue
        form = {
            "form_id": ids.new("form", 500),
            "booking_id": row["booking_id"],
            "template": template,
            "access_notes": rng.choice(
                ["Key under the mat", "Concierge has a key", "", "Customer home"]
            ),
            "signed_off_by": row["customer_name"]
            if row["_customer"]["customer_type"] == "Personal"
            else "%s %s" % (row["_customer"]["first_name"], row["_customer"]["last_name"]),
            "signed_at": row["completed_at"],
        }
        if template == "Carpet pre-inspection":
            form.update(
                stains_found=rng.choice(["Yes", "No"]), furniture_moved=rng.choice(["Yes", "No"])
            )
        elif template == "End of lease checklist":
            form.update(oven_cleaned="Yes", windows_inside=rng.choice(["Yes", "No"]))
        else:
            form.update(termite_activity=rng.choice(["No", "No", "Yes"]))
        rows.append(form)
    return rows


def notes_and_history(ids, rng, booking_rows):
    """Discussion notes on some bookings, one on a deleted booking; each booking's log."""
    notes, history = [], []
    texts = iter(NOTES * 3)
    for row in booking_rows[1::2]:
        author = row["owner_email"] if "jack" not in row["owner_email"] else email_of("daniel")
        at = datetime.datetime.strptime(row["created_at"], "%Y-%m-%dT%H:%M:%SZ")
        at += datetime.timedelta(hours=rng.randint(2, 40))
        notes.append(
            {
                "note_id": ids.new("note", 880000),
                "booking_id": row["booking_id"],
                "note": next(texts),
                "added_by": author,
                "created_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        )
    # Two lines, the way OctopusPro keeps a note typed with a line break.
    notes[0]["note"] = notes[0]["note"] + "\nCall 30 minutes before arriving."
    notes.append(
        {
            "note_id": ids.new("note", 880000),
            "booking_id": "10399",
            "note": "Booking deleted after a duplicate was found.",
            "added_by": email_of("grace"),
            "created_at": "2025-08-04T01:20:00Z",
        }
    )
    for row in booking_rows:
        events = [
            (
                "Booking created (%s)" % row["Booking Source"],
                "" if row["Booking Source"] == "Online booking form" else email_of("daniel"),
                row["created_at"],
            )
        ]
        day = row["_day"]
        if row["_workers"]:
            events.append(
                (
                    "Fieldworkers assigned: %s" % row["assigned_fieldworkers"],
                    email_of("daniel"),
                    utc(day - datetime.timedelta(days=2), 23, 10),
                )
            )
        if row["status"] == "Completed":
            lead = row["_workers"][0]
            author = email_of(lead) if lead != "jack" else ""
            events.append(
                ("Status changed from In Progress to Completed", author, row["completed_at"])
            )
        if row.get("invoice_number"):
            events.append(
                (
                    "Invoice %s emailed to the customer" % row["invoice_number"],
                    "",
                    utc(datetime.date.fromisoformat(row["invoice_date"]), 7, 0),
                )
            )
        if row.get("cancellation_reason"):
            events.append(
                (
                    "Status changed to %s: %s" % (row["status"], row["cancellation_reason"]),
                    email_of("grace"),
                    row["updated_at"],
                )
            )
        for event, author, at in events:
            history.append(
                {
                    "history_id": ids.new("history", 40000),
                    "booking_id": row["booking_id"],
                    "event": event,
                    "performed_by": author,
                    "performed_at": at,
                }
            )
    return notes, history


def attachments(ids, rng, booking_rows, people):
    """Photos and a job sheet on bookings, a signed agreement on a business customer."""
    done = [
        r
        for r in booking_rows
        if r["status"] == "Completed" and not r["_customer"].get("_deleted")
    ]
    carpet = next(r for r in done if r["service"] == "Carpet steam clean")
    lease = next(r for r in done if r["service"] == "End of lease clean")
    strata = next(c for c in people if c["customer_name"] == "Harbour View Strata")

    def photo(colour):
        return png(12, 8, lambda x, y: colour if (x + y) % 3 else (255, 255, 255))

    files = [
        (carpet, None, "before.png", "image/png", photo((120, 90, 60)), "Hallway before"),
        (carpet, None, "after.png", "image/png", photo((200, 180, 150)), "Hallway after"),
        (
            lease,
            None,
            "job-sheet.pdf",
            "application/pdf",
            tiny_pdf(["Sparkle & Co - job sheet", "End of lease clean", "Signed by the tenant"]),
            "Signed job sheet",
        ),
        (
            None,
            strata,
            "service-agreement.pdf",
            "application/pdf",
            tiny_pdf(
                [
                    "Sparkle & Co - service agreement",
                    "Harbour View Strata",
                    "Window cleaning every quarter",
                ]
            ),
            "Signed service agreement",
        ),
    ]
    rows, blobs = [], {}
    for booking, customer, name, mimetype, data, caption in files:
        day = booking["_day"] if booking else datetime.date(2025, 11, 3)
        path = "files/%s-%s" % (
            booking["booking_id"] if booking else customer["customer_id"],
            name,
        )
        blobs[path] = data
        rows.append(
            {
                "attachment_id": ids.new("attachment", 55000),
                "booking_id": booking["booking_id"] if booking else "",
                "customer_id": (booking or {}).get("customer_id") or customer["customer_id"],
                "file_name": name,
                "file_path": path,
                "content_type": mimetype,
                "size_bytes": str(len(data)),
                "caption": caption,
                "uploaded_at": utc(day, 6, rng.randint(0, 59)),
            }
        )
    return rows, blobs


# What support sends besides the data: none of it migrates (the inventory).
SETTINGS = {
    "custom_fields.csv": (
        ["field_id", "name", "object", "type", "options", "required"],
        [
            [
                "cf1",
                "Property Type",
                "Customer",
                "Dropdown",
                "House; Apartment; Townhouse; Office; Retail; Childcare; Clinic",
                "No",
            ],
            ["cf2", "Gate Code", "Customer", "Text", "", "No"],
            ["cf3", "Pets On Site", "Customer", "Checkbox", "", "No"],
            ["cf4", "Preferred Contact", "Customer", "Dropdown", "Email; SMS; Phone", "Yes"],
            ["cf5", "Alarm Code", "Customer", "Text", "", "No"],
            [
                "cf6",
                "Booking Source",
                "Booking",
                "Dropdown",
                "Online booking form; Phone; Customer portal; Repeat booking",
                "Yes",
            ],
            ["cf7", "Recurring", "Booking", "Checkbox", "", "No"],
        ],
    ),
    "workflows.csv": (
        ["workflow_id", "name", "applies_to", "statuses", "is_default"],
        [
            [
                "wf1",
                "Standard booking",
                "All services",
                "Pending > Confirmed > In Progress > Completed > Invoiced",
                "Yes",
            ],
            [
                "wf2",
                "Quote first",
                "End of lease clean; Office clean",
                "Quote sent > Accepted > Confirmed > Completed > Invoiced",
                "No",
            ],
        ],
    ),
    "automations.csv": (
        ["automation_id", "name", "trigger", "conditions", "actions", "channel", "active"],
        [
            [
                "au1",
                "Booking confirmation",
                "Booking status changes to Confirmed",
                "",
                "Send the booking confirmation template",
                "Email",
                "Yes",
            ],
            [
                "au2",
                "Day-before reminder",
                "24 hours before the booking start",
                "Status is Confirmed",
                "Send reminder to the customer",
                "SMS",
                "Yes",
            ],
            [
                "au3",
                "Invoice on completion",
                "Booking status changes to Completed",
                "Service is not Office clean",
                "Create and email the invoice",
                "Email",
                "Yes",
            ],
            [
                "au4",
                "Overdue invoice chaser",
                "Invoice 7 days past due",
                "Amount due > 0",
                "Email a payment reminder, then SMS after 3 days",
                "Email; SMS",
                "Yes",
            ],
            [
                "au5",
                "Review request",
                "2 days after completion",
                "Customer type is Personal",
                "Send the Google review link",
                "SMS",
                "No",
            ],
        ],
    ),
    "customer_portal_settings.csv": (
        ["setting_id", "name", "value"],
        [
            ["cp1", "Customers can book online", "Yes"],
            ["cp2", "Customers can view invoices", "Yes"],
            ["cp3", "Online payment link", "Stripe"],
            ["cp4", "Show FAQ page", "Yes"],
            ["cp5", "Allow rescheduling", "Up to 48 hours before"],
        ],
    ),
    "gps_tracking_settings.csv": (
        ["setting_id", "name", "value"],
        [
            ["gps1", "Track fieldworkers during bookings", "Yes"],
            ["gps2", "Location update interval", "60 seconds"],
            ["gps3", "Share live location with the customer", "No"],
        ],
    ),
}
# file -> (inventory heading, its Odoo equivalent), as the profile says
NOT_MIGRATED = {
    "services.csv": "Service catalogue",
    "custom_fields.csv": "Custom field definitions",
    "workflows.csv": "Booking workflows",
    "automations.csv": "Automations",
    "customer_portal_settings.csv": "Customer Portal settings",
    "gps_tracking_settings.csv": "GPS tracking and location data",
}
FILES = {
    "fieldworkers.csv": "field_worker",
    "customers.csv": "customer",
    "bookings.csv": "booking",
    "booking_forms.csv": "booking_form",
    "invoices.csv": "invoice",
    "payments.csv": "payment",
    "quotes.csv": "quote",
    "booking_notes.csv": "booking_note",
    "booking_history.csv": "booking_event",
    "booking_attachments.csv": "document",
}


def services_rows():
    return (
        [
            "service_id",
            "name",
            "service_type",
            "base_price",
            "duration_minutes",
            "pricing_type",
            "zone_pricing",
            "active",
        ],
        [
            [sid[1:], name, kind, money(price), str(minutes), pricing, zones, active]
            for sid, name, kind, price, minutes, pricing, zones, active in SERVICES
        ],
    )


# ==========================================================================
# Expected facts
# ==========================================================================


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


def fold_text(template, rows):
    return "\n".join(template.format(**row) for row in rows)


INVOICE_LINE = (
    "{invoice_number} ({status}) issued {issue_date}, due {due_date}: "
    "total {total}, paid {amount_paid}"
)
PAYMENT_LINE = "{paid_at} {method} {amount} ({status}) for {invoice_number}"
QUOTE_LINE = (
    "{quote_number} {service} ({status}) sent {sent_date}, valid until {valid_until}: {total}"
)


def outcome(row):
    if row["status"] in ("Cancelled", "Declined"):
        return "lost"
    return "won" if row.get("invoice_status") else "open"


def expected(tables, files, blobs):
    people, bookings_, workers = (
        tables["customers.csv"],
        tables["bookings.csv"],
        tables["fieldworkers.csv"],
    )
    by_booking = {}
    for name in ("invoices.csv", "payments.csv"):
        for row in tables[name]:
            by_booking.setdefault(row["booking_id"], {}).setdefault(name, []).append(row)
    forms_ = {row["booking_id"]: row for row in tables["booking_forms.csv"]}
    known = {row["booking_id"] for row in bookings_}
    spot = {}
    for row in bookings_:
        facts = {
            "customer": None if row["_customer"].get("_deleted") else row["customer_id"],
            "name": "%s - %s" % (row["service"], row["customer_name"]),
            "status": row["status"],
            "outcome": outcome(row),
            "expected_revenue": float(row["total"]),
            "date_deadline": row["booking_date"],
            "owner": row["owner_email"],
            "x_service_type": row["service_type"],
            "x_assigned_fieldworkers": row["assigned_fieldworkers"],
            "x_start_time": row["start_time"],
            "street": row["service_address"],
            "city": row["service_suburb"],
            "zip": row["service_postcode"],
        }
        if row.get("invoice_date") and facts["outcome"] == "won":
            facts["date_closed"] = row["invoice_date"]
        if row.get("quote_number"):
            facts["x_quote_number"] = row["quote_number"]
        folded = by_booking.get(row["booking_id"], {})
        if "invoices.csv" in folded:
            facts["x_invoices"] = fold_text(INVOICE_LINE, folded["invoices.csv"])
        if "payments.csv" in folded:
            facts["x_payments"] = fold_text(PAYMENT_LINE, folded["payments.csv"])
        if row["booking_id"] in forms_:
            form = forms_[row["booking_id"]]
            facts["form"] = {
                "x_form_template": form["template"],
                "x_form_signed_off_by": form["signed_off_by"],
            }
        spot[row["booking_id"]] = facts
    quotes_by_customer = {}
    for row in tables["quotes.csv"]:
        quotes_by_customer.setdefault(row["customer_id"], []).append(row)
    engagements, orphans = [], []
    for name, kind, date_column in (
        ("booking_notes.csv", "note", "created_at"),
        ("booking_history.csv", "history", "performed_at"),
        ("booking_attachments.csv", "document", "uploaded_at"),
    ):
        for number, row in zip(data_lines(files[name]), tables[name], strict=True):
            source_id = row[next(iter(row))]
            entry = {
                "file": name,
                "source_id": source_id,
                "type": kind,
                "date": row[date_column].replace("T", " ").removesuffix("Z"),
            }
            if row["booking_id"] and row["booking_id"] not in known:
                entry["lands_as"] = "orphan"
                orphans.append(
                    {
                        "file": name,
                        "source_id": source_id,
                        "column": "booking_id",
                        "missing_id": row["booking_id"],
                    }
                )
            else:
                entry["lands_as"] = "attachment" if kind == "document" else "message"
                entry["on"] = (
                    {"kind": "booking", "source_id": row["booking_id"]}
                    if row["booking_id"]
                    else {"kind": "customer", "source_id": row["customer_id"]}
                )
            entry["row"] = number
            engagements.append(entry)
    emails = {}
    for row in people:
        if row.get("email"):
            emails.setdefault(row["email"].lower(), []).append(row["customer_id"])
    statuses = {}
    for row in bookings_:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    files = {name: len(rows) for name, rows in tables.items()}
    owners = [email_of(w[0]) for w in FIELD_WORKERS if w[5]]
    return {
        "profile": "octopuspro",
        "export_day": EXPORT_DAY.isoformat(),
        "files": files,
        "kinds": {name: FILES.get(name) for name in tables},
        "documents": sorted(blobs),
        "not_migrated": [
            {"file": name, "rows": files[name], "object": NOT_MIGRATED[name]}
            for name in NOT_MIGRATED
        ],
        "owners": [email_of(w[0]) for w in FIELD_WORKERS if w[5]],
        "unmatched_owners": [email_of(w[0]) for w in FIELD_WORKERS if not w[5]],
        "inactive_fieldworkers": [r["email"] for r in workers if r["active"] == "No"],
        # With the Employees app: each field worker an employee, linked to the Odoo user
        # of its email (the owners above), its pay rate a custom field
        "employees": {
            "employee:" + r["fieldworker_id"]: {
                "name": "%s %s" % (r["first_name"], r["last_name"]),
                "work_email": r["email"],
                "job_title": r["role"],
                "active": r["active"] == "Yes",
                "user": r["email"] if r["email"] in owners else "",
                "pay_rate": float(r["pay_rate"] or 0),
            }
            for r in workers
        },
        "records": {
            "customers": len(people),
            "business": sum(r["customer_type"] == "Business" for r in people),
            "personal": sum(r["customer_type"] == "Personal" for r in people),
            "bookings": len(bookings_),
            "won": sum(outcome(r) == "won" for r in bookings_),
            "lost": sum(outcome(r) == "lost" for r in bookings_),
            "open": sum(outcome(r) == "open" for r in bookings_),
        },
        "statuses": dict(sorted(statuses.items())),
        "possible_duplicates": [ids for ids in emails.values() if len(ids) > 1],
        "business_linked": {
            r["customer_id"]: r["business_name"]
            for r in people
            if r["customer_type"] == "Personal" and r.get("business_name")
        },
        "titles": {r["customer_id"]: r["title"] for r in people if r.get("title")},
        "orphan_bookings": [
            {"source_id": r["booking_id"], "missing_customer": r["customer_id"]}
            for r in bookings_
            if r["_customer"].get("_deleted")
        ],
        "multi_worker_bookings": [r["booking_id"] for r in bookings_ if len(r["_workers"]) > 1],
        "bookings": spot,
        "quotes": {
            customer: fold_text(QUOTE_LINE, rows) for customer, rows in quotes_by_customer.items()
        },
        "custom_fields": {
            "customers.csv": {
                "Property Type": "selection",
                "Gate Code": "char",
                "Pets On Site": "boolean",
                "Preferred Contact": "selection",
                "first_name": "char",
                "last_name": "char",
                "email2": "char",
            },
            "bookings.csv": {
                "service_type": "selection",
                "assigned_fieldworkers": "char",
                "start_time": "char",
                "completed_at": "datetime",
                "Booking Source": "selection",
                "Recurring": "boolean",
                "quote_number": "char",
                "invoice_number": "char",
            },
            "booking_forms.csv": {
                "template": "selection",
                "stains_found": "boolean",
                "access_notes": "char",
                "signed_at": "datetime",
            },
        },
        "engagements": engagements,
        "orphans": orphans,
    }


# ==========================================================================
# README
# ==========================================================================

FILE_NOTES = {
    "fieldworkers.csv": "field workers and office staff: the owners; Mia Thompson left "
    "(`active` = `No`), Jack O'Neill (a subworker) has no Odoo user",
    "customers.csv": "Personal and Business customers (template columns, custom fields); "
    "one email shared by a person and her business, one customer imported twice, one "
    "person linked to a business, one without email",
    "bookings.csv": "bookings: service, date and times, status, owner, field workers (up to "
    "3), service address, total, invoice status; one on a deleted customer",
    "booking_forms.csv": "one intake form or checklist per completed booking of a service "
    "that has one; columns vary with the form",
    "invoices.csv": "invoices of the completed bookings: paid, partially paid, unpaid, overdue",
    "payments.csv": "payments, one refund as a negative amount",
    "quotes.csv": "quotes: accepted (each named by its booking), rejected, expired, sent",
    "booking_notes.csv": "booking discussion notes; one on a booking deleted before the "
    "export (the orphan)",
    "booking_history.csv": "each booking's log: created, field workers assigned, "
    "completed, invoice emailed, cancelled",
    "booking_attachments.csv": "photos and a job sheet on bookings, a signed agreement on "
    "a business customer; files under `files/`",
    "services.csv": "the service catalogue: does not migrate",
    "custom_fields.csv": "the tenant's custom field inventory (one field no row fills): "
    "does not migrate",
    "workflows.csv": "booking status workflows: do not migrate",
    "automations.csv": "automation rules (emails, SMS): do not migrate",
    "customer_portal_settings.csv": "Customer Portal settings: do not migrate",
    "gps_tracking_settings.csv": "GPS tracking configuration: does not migrate",
}

LANDS = [
    [
        "Customer",
        "`res.partner`",
        "Business -> company (`is_company`), Personal -> person; "
        "`business_name` -> Company Name; title, address, phones, email, notes; custom fields "
        "and `email2`... -> `x_` fields; email is the dedupe key",
    ],
    [
        "Booking",
        "`crm.lead` opportunity",
        "`<service> - <customer>`; customer, service "
        "address, booking date (expected closing), total (expected revenue), status (stage "
        "map); invoiced -> won (closed on the invoice date), Cancelled/Declined -> lost; "
        "service type, times, field workers, quote and invoice numbers -> `x_` fields",
    ],
    [
        "Field worker / staff",
        "owners (`res.users`, matched by email)",
        "never created; no Odoo user -> flagged; pay and tracking not kept",
    ],
    ["Invoice, Payment", "text on the booking", "`x_invoices`, `x_payments`"],
    [
        "Quote",
        "text on the customer",
        "`x_quotes`; an accepted quote's booking names it (`x_quote_number`)",
    ],
    ["Form / checklist", "fields of the booking", "`x_form_<column>`"],
    ["Note, history", "`mail.message` (note)", "in the booking's chatter, author and date kept"],
    ["Attachment", "`ir.attachment`", "on its booking, else its customer"],
    ["Every record", "`x_octopuspro_id`", "its OctopusPro id, besides `x_source_id`"],
]


def readme(facts):
    records = facts["records"]
    files = [[("`%s`" % name), rows, FILE_NOTES[name]] for name, rows in facts["files"].items()]
    files.append(["`files/`", "%d files" % len(facts["documents"]), "PNG photos and PDFs"])
    inventory = [
        [item["object"], "`%s`" % item["file"], item["rows"]] for item in facts["not_migrated"]
    ]
    return "\n".join(
        [
            "# OctopusPro sample export",
            "",
            "OctopusPro documents no public API: its data comes as an export requested from its",
            "support. This is such an export of a fictional tenant (Sparkle & Co Home Services,",
            "a Sydney cleaning and maintenance business, exported %s), migrated with the"
            % facts["export_day"],
            "profile `octopuspro` (`migration_bridge/services/profiles/octopuspro.py`).",
            "Generated by `scripts/samples/octopuspro.py` (seeded, deterministic): do not edit",
            "by hand, rerun the script. `expected.json` holds what the tests assert, computed",
            "from the rows written.",
            "",
            "## How to get the export",
            "",
            "1. Ask OctopusPro support for a full export in CSV: customers (with custom fields),",
            "   bookings (with service, times, status, field workers, service address, totals",
            "   and invoice status), booking forms, invoices, payments, quotes, booking notes,",
            "   the booking history log, attachments with their files, field workers and staff,",
            "   and the configuration: services, custom field inventory, workflows, automations,",
            "   Customer Portal and GPS tracking settings (listed, not migrated).",
            "2. Put the CSV files in one folder, the attachments under `files/` (the paths of",
            "   `file_path`), and ZIP them.",
            "3. In Odoo, **Migration > Import a CRM export**, profile *OctopusPro*, upload the",
            "   ZIP. Create the field workers who use Odoo as users first: owners are matched",
            "   by email, archived users included; users are never created.",
            "",
            "The files: UTF-8, comma, CRLF line ends, numeric ids, customer columns as in",
            "OctopusPro's import template (`first_name2`, `customer_type` Personal/Business,",
            "`date_joined` as `YYYY/MM/DD`), custom fields under their labels, datetimes in UTC",
            "(`2026-03-14T04:30:00Z`), dates `YYYY-MM-DD`, local times of day (`09:30`), AUD.",
            "",
            md_table(["file", "rows", "content"], files),
            "",
            "Records: %d customers (%d business, %d personal), %d bookings (%d won, %d lost, "
            "%d open). Notes, history and attachments: %d rows, one orphan."
            % (
                records["customers"],
                records["business"],
                records["personal"],
                records["bookings"],
                records["won"],
                records["lost"],
                records["open"],
                len(facts["engagements"]),
            ),
            "",
            "## What lands where",
            "",
            md_table(["OctopusPro", "Odoo", "how"], LANDS),
            "",
            "## Does not migrate",
            "",
            md_table(["object", "file", "rows"], inventory),
            "",
            "Each row is an item of the project's *Does not migrate* tab with its Odoo",
            "equivalent. GPS history, field workers' pay rates and location tracking",
            "preferences are not kept (no `hr.employee` in a CRM migration).",
            "",
            "## What it exercises",
            "",
            "- **Dedupe by email**: Sarah Nguyen and Nguyen Dental Pty Ltd share an email (a",
            "  person, and the contact of her practice); Tom Harris was imported twice (two",
            "  ids, `Tom.Harris@Inbox.example`): each pair loads, the second of it flagged.",
            "- **Business-linked person**: Ethan Brown (Personal) names Harbour View Strata as",
            "  his business: its Company Name; Harbour View's bookings are at a building it",
            "  manages (the opportunity's own address).",
            "- **Orphans**: booking `%s` names a deleted customer (`%s`): it loads without a"
            % (
                facts["orphan_bookings"][0]["source_id"],
                facts["orphan_bookings"][0]["missing_customer"],
            ),
            "  customer, with a warning; note `%s` is on a deleted booking: it fails."
            % facts["orphans"][0]["source_id"],
            "- **Owners**: Mia Thompson left (`active` = `No`): her bookings stay hers, matched",
            "  by email to her Odoo user, archived or not; Jack O'Neill has no Odoo user: his",
            "  bookings load without an owner, each flagged for provisioning.",
            "- **Won and lost**: a completed booking with an invoice is won whatever the",
            "  invoice's payment state; a completed one without is open in stage *Completed*.",
            "- **Several field workers** on one booking (end of lease cleans take three).",
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
    workers = field_workers(ids, rng)
    people = customers(ids, rng)
    booking_rows = bookings(ids, rng, people)
    quote_rows = quotes(ids, rng, booking_rows, people)
    invoice_rows, payment_rows = invoices_and_payments(ids, rng, booking_rows)
    form_rows = forms(ids, rng, booking_rows)
    note_rows, history_rows = notes_and_history(ids, rng, booking_rows)
    attachment_rows, blobs = attachments(ids, rng, booking_rows, people)
    tables = {
        "fieldworkers.csv": (FIELD_WORKER_COLUMNS, workers),
        "customers.csv": (CUSTOMER_COLUMNS, people),
        "bookings.csv": (BOOKING_COLUMNS, booking_rows),
        "booking_forms.csv": (FORM_COLUMNS, form_rows),
        "invoices.csv": (INVOICE_COLUMNS, invoice_rows),
        "payments.csv": (PAYMENT_COLUMNS, payment_rows),
        "quotes.csv": (QUOTE_COLUMNS, quote_rows),
        "booking_notes.csv": (NOTE_COLUMNS, note_rows),
        "booking_history.csv": (HISTORY_COLUMNS, history_rows),
        "booking_attachments.csv": (ATTACHMENT_COLUMNS, attachment_rows),
    }
    settings = dict(SETTINGS, **{"services.csv": services_rows()})
    for name in NOT_MIGRATED:
        columns, rows = settings[name]
        tables[name] = (columns, [dict(zip(columns, row, strict=True)) for row in rows])
    files = {name: csv_bytes(columns, public(rows)) for name, (columns, rows) in tables.items()}
    files.update(blobs)
    facts = expected({name: rows for name, (_columns, rows) in tables.items()}, files, blobs)
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
