"""Parsing of raw cells: every staged value is a str; these turn it into data.

Each parser raises ``ValueError`` on a value it cannot read, so the caller can
name the file, row and column.
"""

import datetime
import hashlib
import json
import re
import unicodedata

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
NUMERIC_DATE = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$")
TEXT_DATE_DAY_FIRST = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
TEXT_DATE_MONTH_FIRST = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
DATETIME = re.compile(
    r"^(?P<date>[^T ]+)[T ](?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,6}))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
CURRENCIES = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₽": "RUB",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "rub": "RUB",
    "руб": "RUB",
    "руб.": "RUB",
}
CURRENCY_RE = re.compile(r"(usd|eur|gbp|rub|руб\.?|[$€£₽])", re.IGNORECASE)
TRUE_WORDS = {"yes", "y", "true", "t", "1", "x", "on", "да", "oui", "ja", "si", "sí"}
FALSE_WORDS = {"no", "n", "false", "f", "0", "off", "нет", "non", "nein", ""}
EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z]{2,}$")
URL_RE = re.compile(
    r"^(https?://[^\s]+|www\.[^\s]+\.[^\s]+|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(/\S*)?)$",
    re.IGNORECASE,
)
PHONE_EXTENSION = re.compile(r"\s*(ext\.?|x)\s*\d+$", re.IGNORECASE)
CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)


def parse_date(value, dayfirst=None):
    """A date from the usual spellings; ``dayfirst`` forces the order of 03/05/2024."""
    text = str(value).strip()
    match = DATETIME.match(text)
    if match:
        text = match.group("date")
    match = ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _date(year, month, day, value)
    match = NUMERIC_DATE.match(text)
    if match:
        first, separator, second, year = match.groups()
        first, second, year = int(first), int(second), int(year)
        if dayfirst is None:
            dayfirst = separator in ".-" or first > 12
        day, month = (first, second) if dayfirst else (second, first)
        return _date(year, month, day, value)
    match = TEXT_DATE_DAY_FIRST.match(text)
    if match:
        day, month_name, year = match.groups()
        return _date(int(year), _month(month_name, value), int(day), value)
    match = TEXT_DATE_MONTH_FIRST.match(text)
    if match:
        month_name, day, year = match.groups()
        return _date(int(year), _month(month_name, value), int(day), value)
    raise ValueError("%r is not a date" % value)


def _month(name, value):
    month = MONTHS.get(name.lower())
    if not month:
        raise ValueError("%r is not a date" % value)
    return month


def _date(year, month, day, value):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError("%r is not a date" % value) from None


def parse_datetime(value):
    """A naive UTC datetime; an offset or Z is converted to UTC."""
    text = str(value).strip()
    match = DATETIME.match(text)
    if not match:
        day = parse_date(text)
        return datetime.datetime(day.year, day.month, day.day)
    day = parse_date(match.group("date"))
    fraction = (match.group("f") or "0").ljust(6, "0")
    try:
        result = datetime.datetime(
            day.year,
            day.month,
            day.day,
            int(match.group("h")),
            int(match.group("m")),
            int(match.group("s") or 0),
            int(fraction),
        )
    except ValueError:
        raise ValueError("%r is not a date and time" % value) from None
    zone = match.group("tz")
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        result -= sign * offset
    return result


def parse_number(value):
    """A float from 1,234.56 / 1 234,56 / 1.234,56 / (12.50) and the like."""
    text = str(value).strip().replace("\u00a0", " ").replace("\u202f", " ")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    text = text.replace(" ", "").replace("'", "")
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    elif text.startswith("+"):
        text = text[1:]
    if not text or not re.fullmatch(r"[\d.,]+", text) or not re.search(r"\d", text):
        raise ValueError("%r is not a number" % value)
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        tail = text.rpartition(",")[2]
        if text.count(",") == 1 and len(tail) != 3:
            text = text.replace(",", ".")
        else:
            text = text.replace(",", "")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        number = float(text)
    except ValueError:
        raise ValueError("%r is not a number" % value) from None
    return -number if negative else number


def parse_money(value):
    """(amount, currency code or None) from '$1,200.00', '1 200,50 €', '1200'."""
    text = str(value).strip()
    currency = None
    match = CURRENCY_RE.search(text)
    if match:
        currency = CURRENCIES.get(match.group(1).lower())
        text = (text[: match.start()] + text[match.end() :]).strip()
    return parse_number(text), currency


def has_currency(value):
    return bool(CURRENCY_RE.search(str(value)))


def parse_bool(value):
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError("%r is not yes or no" % value)


def is_email(value):
    return bool(EMAIL_RE.match(str(value).strip()))


def is_phone(value):
    text = PHONE_EXTENSION.sub("", str(value).strip())
    if not text or re.search(r"[A-Za-z]", text):
        return False
    if not re.fullmatch(r"\+?[\d\s().\-/]+", text):
        return False
    digits = re.sub(r"\D", "", text)
    return 7 <= len(digits) <= 15


def is_url(value):
    text = str(value).strip()
    return bool(text) and " " not in text and "@" not in text and bool(URL_RE.match(text))


def split_list(value):
    """Tag-like cells: split on , ; | and new lines, keep order, no duplicates."""
    result = []
    seen = set()
    for part in re.split(r"[,;|\n]", str(value or "")):
        part = part.strip()
        if part and part.lower() not in seen:
            seen.add(part.lower())
            result.append(part)
    return result


def row_hash(values):
    """A stable hash of a row (dict of column -> value)."""
    data = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


def normalize_label(text):
    """Lowercase, no accents, anything but letters and digits folded to one space."""
    text = unicodedata.normalize("NFKD", str(text or "").lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", " ", text).strip()


LEGAL_SUFFIXES = {
    "ltd",
    "limited",
    "llc",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "plc",
    "gmbh",
    "ag",
    "kg",
    "sarl",
    "sas",
    "sa",
    "srl",
    "spa",
    "bv",
    "nv",
    "oy",
    "ab",
    "as",
    "ooo",
    "oao",
    "zao",
    "pao",
    "ооо",
    "оао",
    "зао",
    "пао",
    "ао",
    "ип",
}


def dedupe_token(kind_of_key, value):
    """What two rows must share to be the same record: an email, a company name...

    Emails compare lowercased; company names also without punctuation, accents and
    legal forms ('Northwind Ltd.' and 'NORTHWIND' are the same company).
    """
    text = str(value or "").strip()
    if not text:
        return ""
    if kind_of_key == "email":
        return text.lower()
    words = [w for w in normalize_label(text).split() if w not in LEGAL_SUFFIXES]
    return " ".join(words)


def slugify_field_name(label, prefix="x_"):
    """An Odoo custom field name from a column label: 'Lead score' -> 'x_lead_score'."""
    text = "".join(CYRILLIC.get(char, char) for char in str(label).lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if not text:
        text = "field"
    return (prefix + text)[:63].rstrip("_")
