"""Parsing of raw cells: every staged value is a str; these turn it into data.

Each parser raises ``ValueError`` with a readable message on a value it cannot
read, so the caller can name the file, row and column.
"""

import datetime
import functools
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
ISO_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
TEXT_DATE_DAY_FIRST = re.compile(r"(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})")
TEXT_DATE_MONTH_FIRST = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
DATETIME = re.compile(
    r"(?P<date>.+?)(?:T|\s+)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d+))?)?"
    r"\s*(?P<ampm>[AaPp][Mm])?\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?"
)
# Thousands groups of three digits, then an optional decimal part.
GROUPED_NUMBER = re.compile(r"(\d{1,3}(?:([ ,.'’])\d{3})(?:\2\d{3})*)(?:([.,])(\d+))?")
SIMPLE_NUMBER = re.compile(r"(\d*)(?:([.,])(\d+))?")
SPACES = re.compile("[\u00a0\u2007\u202f\u2009]")
CURRENCIES = {
    "r$": "BRL",
    "us$": "USD",
    "a$": "AUD",
    "c$": "CAD",
    "$": "USD",
    "¥": "JPY",
    "₹": "INR",
    "chf": "CHF",
    "brl": "BRL",
    "cad": "CAD",
    "aud": "AUD",
    "jpy": "JPY",
    "inr": "INR",
    "mxn": "MXN",
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
# Codes are whole words: 'EUR 5' and '5eur' have a currency, 'Europe' does not.
_CODE = r"(?:usd|eur|gbp|rub|chf|brl|cad|aud|jpy|inr|mxn|руб\.?)"
_SYMBOL = r"(?:r\$|us\$|a\$|c\$|[$€£₽¥₹])"
LEADING_CURRENCY = re.compile(
    r"([-+(]?)\s*(%s(?![^\W\d_])|%s)\s*(.*)" % (_CODE, _SYMBOL), re.IGNORECASE | re.DOTALL
)
TRAILING_CURRENCY = re.compile(
    r"(.*?)\s*((?<![^\W\d_])%s|%s)\s*(\)?)" % (_CODE, _SYMBOL), re.IGNORECASE | re.DOTALL
)
TRUE_WORDS = {"yes", "y", "true", "t", "1", "x", "on", "да", "oui", "ja", "si", "sí"}
FALSE_WORDS = {"no", "n", "false", "f", "0", "off", "нет", "non", "nein", ""}
_DOMAIN = r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}"
EMAIL_RE = re.compile(r"[^@\s<>()\[\],;:\"]+@%s" % _DOMAIN)
URL_RE = re.compile(
    r"https?://[^\s/?#]+\S*|www\.[^\s@]+\.[^\s@]+|%s(?::\d+)?(?:[/?#][^\s@]*)?" % _DOMAIN,
    re.IGNORECASE,
)
PHONE_EXTENSION = re.compile(r"\s*(?:ext\.?|x)\s*\d+$", re.IGNORECASE)
PHONE_RE = re.compile(r"\+?[\d\s().-]+")
# Cyrillic to Latin; the hard and soft signs (ъ, ь) are dropped.
CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya".split(" "),
        strict=True,
    )
)
FIELD_NAME_MAX = 63


# ----------------------------------------------------------------------
# Dates and times
# ----------------------------------------------------------------------
def parse_date(value, dayfirst=None):
    """A date from the usual spellings; the time of a date and time is ignored.

    ``03/05/2024`` is read month first (US) unless the first number is over 12
    or ``dayfirst`` is True; ``05.03.2024`` and ``05-03-2024`` are read day first
    unless ``dayfirst`` is False. Years come first or last, with four digits.
    """
    text = str(value).strip()
    match = DATETIME.fullmatch(text)
    if match:
        _clock(match, value)
        text = match.group("date")
    for reader in (_iso_date, _numeric_date, _text_date):
        day = reader(text, value, dayfirst)
        if day:
            return day
    raise ValueError("%r is not a date" % value)


def parse_datetime(value, dayfirst=None):
    """A naive UTC datetime; an offset or Z is converted to UTC, a bare date is midnight."""
    text = str(value).strip()
    match = DATETIME.fullmatch(text)
    if not match:
        day = parse_date(text, dayfirst=dayfirst)
        return datetime.datetime(day.year, day.month, day.day)
    day = parse_date(match.group("date"), dayfirst=dayfirst)
    result = datetime.datetime.combine(day, _clock(match, value))
    return result - _utc_offset(match.group("tz"))


def _iso_date(text, value, _dayfirst):
    match = ISO_DATE.fullmatch(text)
    if match:
        year, _separator, month, day = match.groups()
        return _date(int(year), int(month), int(day), value)
    return None


def _numeric_date(text, value, dayfirst):
    match = NUMERIC_DATE.fullmatch(text)
    if not match:
        return None
    first, separator, second, year = match.groups()
    first, second = int(first), int(second)
    if dayfirst is None:
        dayfirst = separator != "/" or first > 12
    day, month = (first, second) if dayfirst else (second, first)
    return _date(int(year), month, day, value)


def _text_date(text, value, _dayfirst):
    match = TEXT_DATE_DAY_FIRST.fullmatch(text)
    if match:
        day, month_name, year = match.groups()
        return _date(int(year), _month(month_name, value), int(day), value)
    match = TEXT_DATE_MONTH_FIRST.fullmatch(text)
    if match:
        month_name, day, year = match.groups()
        return _date(int(year), _month(month_name, value), int(day), value)
    return None


def _month(name, value):
    month = MONTHS.get(name.lower())
    if not month:
        raise ValueError("%r is not a date: unknown month %r" % (value, name))
    return month


def _date(year, month, day, value):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError("%r is not a valid date" % value) from None


def _clock(match, value):
    """The time of day of a DATETIME match (12-hour clock when AM/PM is given)."""
    hour, minute = int(match.group("h")), int(match.group("m"))
    ampm = (match.group("ampm") or "").lower()
    if ampm and not 1 <= hour <= 12:
        raise ValueError("%r is not a valid time of day" % value)
    if ampm:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    fraction = (match.group("f") or "0")[:6].ljust(6, "0")
    try:
        return datetime.time(hour, minute, int(match.group("s") or 0), int(fraction))
    except ValueError:
        raise ValueError("%r is not a valid time of day" % value) from None


def _utc_offset(zone):
    if not zone or zone == "Z":
        return datetime.timedelta(0)
    digits = zone[1:].replace(":", "")
    offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return offset if zone[0] == "+" else -offset


# ----------------------------------------------------------------------
# Numbers and money
# ----------------------------------------------------------------------
def parse_number(value):
    """A float from 1,234.56 / 1 234,56 / 1.234,56 / -12.5 / (12.50) and the like.

    A single comma followed by exactly three digits is a thousands separator
    (``1,234`` is 1234), a single dot is a decimal point (``1.234`` is 1.234).
    """
    negative, digits, fraction = _number_parts(value)
    number = float("%s.%s" % (digits or "0", fraction or "0"))
    return -number if negative else number


def parse_integer(value):
    """An int from a number written without a decimal part ('1,200' but not '12.0')."""
    negative, digits, fraction = _number_parts(value)
    if fraction is not None or not digits:
        raise ValueError("%r is not a whole number" % value)
    return -int(digits) if negative else int(digits)


def _number_parts(value):
    """(negative, integer digits, fraction digits or None) of a written number."""
    text = SPACES.sub(" ", str(value)).strip()
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1].strip()
    if text and text[0] in "+-":
        negative = negative != (text[0] == "-")
        text = text[1:].lstrip()
    parts = _split_number(text)
    if parts is None:
        raise ValueError("%r is not a number" % value)
    return (negative, *parts)


def _split_number(text):
    match = SIMPLE_NUMBER.fullmatch(text)
    if match and text:
        digits, separator, fraction = match.groups()
        if separator == "," and len(fraction) == 3 and digits and digits[0] != "0":
            return digits + fraction, None  # 1,234: thousands
        if digits or fraction:
            return digits, fraction
    match = GROUPED_NUMBER.fullmatch(text)
    if match and match.group(2) != match.group(3):
        return re.sub(r"\D", "", match.group(1)), match.group(4)
    return None


def parse_money(value):
    """(amount, currency code or None) from '$1,200.00', '1 200,50 €', 'USD 300', '1200'."""
    amount, currency = _split_currency(str(value).strip())
    try:
        return parse_number(amount), currency
    except ValueError:
        raise ValueError("%r is not an amount of money" % value) from None


def _split_currency(text):
    """(the text without its currency, the currency code or None)."""
    match = LEADING_CURRENCY.fullmatch(text)
    if match:
        sign, code, rest = match.groups()
        return sign + rest, CURRENCIES[code.lower()]
    match = TRAILING_CURRENCY.fullmatch(text)
    if match:
        rest, code, closing = match.groups()
        return rest + closing, CURRENCIES[code.lower()]
    return text, None


def fraction_column(values):
    """Whether a column of percentages writes them as fractions (0.9 for 90%).

    Yes when every number is between 0 and 1, one at least with a decimal part and
    none with a '%' sign: HubSpot's deal probability reads 0.9, Salesforce's 90.
    """
    numbers = []
    for value in values:
        text = str(value or "").strip()
        if not text:
            continue
        if "%" in text:
            return False
        try:
            numbers.append((parse_number(text), bool(re.search(r"[.,]\d", text))))
        except ValueError:
            return False
    return bool(numbers) and all(0 <= n <= 1 for n, _d in numbers) and any(d for _n, d in numbers)


def parse_percent(value, fraction=None):
    """A percentage (0..100) from '90', '90%', '90,5 %' or, in a fraction column, '0.9'.

    ``fraction``: the column writes fractions (``fraction_column``); None reads a
    number under 1 with a decimal part ('0.9', never '1') as a fraction.
    """
    text = str(value).strip()
    number = parse_number(text.rstrip("%").strip())
    if "%" in text:
        return number
    if fraction or (fraction is None and 0 < number < 1 and re.search(r"[.,]\d", text)):
        return number * 100.0
    return number


def duration_unit(header):
    """Seconds in one unit of a duration column, from its header ('Call duration (ms)')."""
    from .vocabulary import DURATION_UNITS  # pylint: disable=import-outside-toplevel

    words = set(normalize_label(header).split())
    for seconds, units in DURATION_UNITS.items():
        if words & set(units):
            return seconds
    return 1.0


def parse_duration(header, value):
    """Seconds from a duration cell: '00:05:30' and '5:30' as clock times, else a
    number in the header's unit ('Call duration (ms)': milliseconds)."""
    text = str(value).strip()
    if re.fullmatch(r"\d+:\d{2}(:\d{2})?", text):
        parts = [int(p) for p in text.split(":")]
        while len(parts) < 3:
            parts.insert(0, 0)
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    return parse_number(text) * duration_unit(header)


# ----------------------------------------------------------------------
# Booleans, emails, phones, URLs, lists
# ----------------------------------------------------------------------
def parse_bool(value):
    """True for yes/y/true/1/x/on/да/oui/ja/si..., False for no/n/false/0/off/нет/''..."""
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError("%r is not yes or no" % value)


def is_email(value):
    """local@domain.tld: one @, no spaces, a TLD of letters."""
    return bool(EMAIL_RE.fullmatch(str(value).strip()))


def normalize_email(value):
    return str(value).strip().lower()


def is_phone(value):
    """7 to 15 digits, with spaces, dashes, dots, parentheses, a leading + and an extension."""
    text = PHONE_EXTENSION.sub("", str(value).strip())
    if not PHONE_RE.fullmatch(text):
        return False
    return 7 <= sum(char.isdigit() for char in text) <= 15


def is_url(value):
    """http(s)://..., www.example.com or a bare domain such as acme.com."""
    return bool(URL_RE.fullmatch(str(value).strip()))


def split_list(value):
    """Tag-like cells: split on , ; | and new lines, keep order, no duplicates."""
    result = []
    seen = set()
    for part in re.split(r"[,;|\r\n]", str(value or "")):
        part = part.strip()
        if part and part.lower() not in seen:
            seen.add(part.lower())
            result.append(part)
    return result


def row_hash(values):
    """A stable hash of a row (dict of column -> value)."""
    data = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------
# What a database index holds
# ----------------------------------------------------------------------
# PostgreSQL refuses a B-tree index entry over 2,704 bytes (a third of a page,
# "index row size ... exceeds btree version 4 maximum 2704"). A value bound for an
# indexed column (a source id, a name Odoo indexes, an owner value) must stay
# under it, with room for the other columns of the entry.
INDEX_MAX_BYTES = 2000
SHOWN_MAX = 60  # characters of a long value quoted in a message


def index_size(text):
    """The bytes ``text`` takes in an index entry (UTF-8), before any compression."""
    text = str(text or "")
    if len(text) * 4 <= INDEX_MAX_BYTES:
        return len(text)  # short enough whatever its characters: no need to encode
    return len(text.encode("utf-8", errors="surrogatepass"))


def fits_index(text):
    """Whether a value can go into an indexed column (see INDEX_MAX_BYTES)."""
    return index_size(text) <= INDEX_MAX_BYTES


def shown(text, size=SHOWN_MAX):
    """A value quoted in a message: cut, with its length, when it is long."""
    text = str(text or "")
    if len(text) <= size:
        return repr(text)
    return "%r… (%s characters)" % (text[:size], len(text))


# ----------------------------------------------------------------------
# Labels and names
# ----------------------------------------------------------------------
def normalize_label(text):
    """Lowercase, no accents, anything but letters and digits folded to one space."""
    return _normalize_label(str(text or ""))


@functools.lru_cache(maxsize=65536)
def _normalize_label(text):
    # headers and stage values repeat on every row: each is normalized once
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
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
        return normalize_email(text)
    words = [w for w in normalize_label(text).split() if w not in LEGAL_SUFFIXES]
    return " ".join(words)


def slugify_field_name(label, prefix="x_"):
    """An Odoo custom field name from a column label: 'Lead score' -> 'x_lead_score'."""
    text = "".join(CYRILLIC.get(char, char) for char in str(label).lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "field"
    return (prefix + text)[:FIELD_NAME_MAX].rstrip("_")
