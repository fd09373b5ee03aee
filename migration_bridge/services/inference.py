"""Discovery: each column's type, fill rate, distinct count and samples.

The profiler streams: per candidate type it keeps a miss counter (and a flag or
two), plus a bounded set of distinct values; never the column itself.

An empty JSON list or object (``[]``, ``{}``: what an export writes for a list field
with nothing in it, Twenty's 'Secondary Links') is an empty cell.

Rules, on the non-empty values of a column:

- a type fits when every value can be read as it; the number and date types
  (integer, float, money, date, datetime) also fit with up to 2% bad values in
  a column of at least 50 values;
- boolean: yes/no/true/false/y/n/t/f/1/0/да/нет/oui/non, at most 3 distinct
  (lowercased); a column of only '0' and '1' (or only one of them) is boolean;
- integer, float: numbers without / with a decimal part; '00123' (a leading zero)
  is an identifier, not a number;
- money: amounts, at least one with a currency symbol or code;
- datetime: dates and times, at least one with a time of day; date: dates only;
- email, url, phone: see ``values.is_email``, ``is_url``, ``is_phone`` (a phone
  has at least 7 digits, so short digit-only codes are never phones);
- selection: any other column with at least 4 values, at most 20 distinct
  values and at most half as many distinct values as values, unless its header
  says it holds people's names ('First Name', 'Pessoa - Nome', 'Фамилия'): a
  small export repeats first names, which are never a list of choices;
- text otherwise, and for a column without values.

A number or date type that misses more than a quarter of a column's first 100
values or more is not tried on the rest (it could only win if the column went on
for fifty times as many good values): most text columns have digits somewhere.

When several types fit, the first of PRECEDENCE wins.
"""

import re
from dataclasses import dataclass, field

from .values import (
    is_email,
    is_phone,
    is_url,
    normalize_label,
    parse_date,
    parse_datetime,
    parse_integer,
    parse_money,
    parse_number,
)
from .vocabulary import PERSON_NAME_HEADERS

FIELD_TYPES = (
    "text",
    "integer",
    "float",
    "money",
    "date",
    "datetime",
    "boolean",
    "email",
    "phone",
    "url",
    "selection",
)
BOOLEAN_WORDS = frozenset(
    "yes no y n true false t f 0 1 да нет oui non".split()
)  # all read by values.parse_bool
BOOLEAN_MAX_DISTINCT = 3
# Cells that hold nothing although they are not blank: an empty JSON list or object.
EMPTY_VALUES = frozenset(("[]", "{}"))
# Order of preference when several types fit every value.
PRECEDENCE = ("boolean", "integer", "float", "money", "datetime", "date", "email", "url", "phone")
# Types that tolerate a few bad values (2%) in a column of at least TOLERANCE_MIN values.
TOLERANT = {"integer", "float", "money", "date", "datetime"}
TOLERANCE = 0.02
TOLERANCE_MIN = 50
NONE_MISSED = frozenset()
# A tolerant type missing more than this share of at least GIVE_UP_AFTER values is out.
GIVE_UP_AFTER = 100
GIVE_UP_SHARE = 0.25
SELECTION_MAX = 20
SELECTION_MIN_FILLED = 4
SELECTION_MAX_SHARE = 0.5
TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
DIGIT = re.compile(r"\d")
NEEDS_DIGIT = frozenset({"integer", "float", "money", "datetime", "date", "phone"})
LEADING_ZERO = re.compile(r"[+-]?0\d")
# digits and separators only: an amount without a currency
PLAIN_NUMBER = re.compile(r"[+-]?[\d.,' \u00a0]+\Z")


@dataclass
class FieldProfile:
    name: str
    type: str
    total: int
    filled: int
    fill_rate: float
    distinct: int
    distinct_capped: bool
    samples: list = field(default_factory=list)
    values: list = field(default_factory=list)


def _is_date(value):
    parse_date(value)
    return not TIME_OF_DAY.search(value)


def _is_datetime(value):
    parse_datetime(value)
    return True


def _is_number(parser):
    def fits(value):
        parser(value)
        return not LEADING_ZERO.match(value)

    return fits


def _is_money(value):
    parse_money(value)
    return True


def _currency(value):
    """The currency code a cell writes with its amount, or None."""
    try:
        return parse_money(value)[1]
    except ValueError:
        return None


CHECKS = {
    "boolean": lambda value: value.lower() in BOOLEAN_WORDS,
    "integer": _is_number(parse_integer),
    "float": _is_number(parse_number),
    "money": _is_money,
    "datetime": _is_datetime,
    "date": _is_date,
    "email": is_email,
    "url": is_url,
    "phone": is_phone,
}


def _fits(kind, value):
    """Whether one non-empty value can be read as ``kind``."""
    try:
        return bool(CHECKS[kind](value))
    except ValueError:
        return False


def _misses(value, kinds):
    """The kinds among ``kinds`` that one non-empty value cannot be read as."""
    has_digit = bool(DIGIT.search(value))
    return frozenset(
        kind for kind in kinds if (kind in NEEDS_DIGIT and not has_digit) or not _fits(kind, value)
    )


class FieldProfiler:
    """Feed the values of one column with ``add``; ``result`` profiles them.

    ``distinct`` maps each distinct value (up to ``max_distinct``) to the types
    it missed, so a repeated value is not parsed again.
    """

    def __init__(self, name, max_distinct=1000, max_samples=5):
        self.name = name
        self.max_distinct = max_distinct
        self.max_samples = max_samples
        self.total = 0
        self.filled = 0
        self.misses = dict.fromkeys(PRECEDENCE, 0)
        self.currency = False
        self.time_of_day = False
        self.boolean_words = set()
        self.distinct = {}
        self.capped = False
        self.samples = []
        self.given_up = set()
        self.live = list(PRECEDENCE)  # the types still tried on new values

    def add(self, value):
        self.total += 1
        value = (value or "").strip()
        if not value or value in EMPTY_VALUES:
            return
        self.filled += 1
        missed = self.distinct.get(value)
        if missed is None:
            missed = _misses(value, self.live) if self.live else NONE_MISSED
            self._note_flags(value, missed)
            self._remember(value, missed)
        for kind in missed:
            self.misses[kind] += 1
        if missed or self.filled == GIVE_UP_AFTER:
            self.live = [k for k in PRECEDENCE if self._can_still_fit(k)]

    def _remember(self, value, missed):
        if len(self.distinct) >= self.max_distinct:
            self.capped = True
            return
        self.distinct[value] = missed
        if len(self.samples) < self.max_samples:
            self.samples.append(value)

    def _can_still_fit(self, kind):
        """A type that does not tolerate bad values is out after its first miss; one
        that does, once it missed a quarter of a hundred values or more."""
        if kind not in TOLERANT:
            return not self.misses[kind]
        if kind in self.given_up:
            return False
        if self.filled >= GIVE_UP_AFTER and self.misses[kind] > self.filled * GIVE_UP_SHARE:
            self.given_up.add(kind)
            return False
        return True

    def _note_flags(self, value, missed):
        """Boolean words seen, a currency seen, a time of day seen (of values that fit)."""
        if value.lower() in BOOLEAN_WORDS:
            self.boolean_words.add(value.lower())
        if not self.currency and "money" not in missed and not PLAIN_NUMBER.match(value):
            self.currency = _currency(value) is not None
        if not self.time_of_day and "datetime" not in missed:
            self.time_of_day = bool(TIME_OF_DAY.search(value))

    def _accepts(self, kind):
        if kind in self.given_up:
            return False
        misses = self.misses[kind]
        if kind in TOLERANT and self.filled >= TOLERANCE_MIN:
            return misses <= self.filled * TOLERANCE
        return not misses

    def _wins(self, kind):
        if not self._accepts(kind):
            return False
        if kind == "boolean":
            return len(self.boolean_words) <= BOOLEAN_MAX_DISTINCT
        if kind in ("integer", "float"):
            return not self.currency
        if kind == "money":
            return self.currency
        if kind == "datetime":
            return self.time_of_day
        return True

    def _is_selection(self):
        distinct = len(self.distinct)
        return (
            not names_people(self.name)
            and not self.capped
            and self.filled >= SELECTION_MIN_FILLED
            and distinct <= SELECTION_MAX
            and distinct <= self.filled * SELECTION_MAX_SHARE
        )

    def infer(self):
        """The type of the values added so far (one of FIELD_TYPES)."""
        if not self.filled:
            return "text"
        for kind in PRECEDENCE:
            if self._wins(kind):
                return kind
        return "selection" if self._is_selection() else "text"

    def result(self):
        kind = self.infer()
        return FieldProfile(
            name=self.name,
            type=kind,
            total=self.total,
            filled=self.filled,
            fill_rate=self.filled / self.total if self.total else 0.0,
            distinct=len(self.distinct),
            distinct_capped=self.capped,
            samples=list(self.samples),
            values=sorted(self.distinct) if kind == "selection" else [],
        )


NAME_HEADERS = frozenset(normalize_label(h) for h in PERSON_NAME_HEADERS)


def names_people(header):
    """Whether a header says its column holds people's names ('Deal - Person name' too)."""
    parts = [normalize_label(p) for p in re.split(r"\s+-\s+", str(header or ""))]
    return any(part in NAME_HEADERS for part in parts + [normalize_label(header)])


def profile_rows(headers, rows):
    """{header: FieldProfile} over rows (dicts, or reader rows with ``.values``)."""
    profilers = {header: FieldProfiler(header) for header in headers}
    for row in rows:
        values = row if isinstance(row, dict) else row.values
        for header, profiler in profilers.items():
            profiler.add(values.get(header, ""))
    return {header: profiler.result() for header, profiler in profilers.items()}


def infer_type(values):
    """The type of a list of cell texts."""
    profiler = FieldProfiler("column")
    for value in values:
        profiler.add(value)
    return profiler.infer()
