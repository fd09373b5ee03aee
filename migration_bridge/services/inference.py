"""Discovery: each column's type, fill rate, distinct count and samples.

The profiler streams: it keeps one flag and one counter per candidate type and a
bounded set of distinct values, never the column itself.
"""

import re
from dataclasses import dataclass, field

from .values import (
    has_currency,
    is_email,
    is_phone,
    is_url,
    parse_date,
    parse_datetime,
    parse_money,
)

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
BOOLEAN_WORDS = {
    "yes",
    "no",
    "y",
    "n",
    "true",
    "false",
    "t",
    "f",
    "0",
    "1",
    "да",
    "нет",
    "oui",
    "non",
}
# Order of preference when several types fit every value.
PRECEDENCE = ("boolean", "integer", "float", "money", "datetime", "date", "email", "url", "phone")
# Types that tolerate a few bad values (2%) in a column of at least TOLERANCE_MIN values.
TOLERANT = {"integer", "float", "money", "date", "datetime"}
TOLERANCE = 0.02
TOLERANCE_MIN = 50
SELECTION_MAX = 20
TIME_PART = re.compile(r"\d{1,2}:\d{2}")
INTEGER_TEXT = re.compile(r"[+-]?(\d+|\d{1,3}([ ,'\u00a0]\d{3})+)")
DECIMAL_TEXT = re.compile(r"[+-]?(\d+|\d{1,3}([ ,.'\u00a0]\d{3})+)([.,]\d+)?")


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


def _fits(kind, value):
    """Whether one non-empty value can be read as ``kind``."""
    try:
        if kind == "boolean":
            return value.lower() in BOOLEAN_WORDS
        if re.fullmatch(r"0\d+", value) and kind in ("integer", "float"):
            return False  # leading zeros: an identifier, not a number
        if kind == "integer":
            return bool(INTEGER_TEXT.fullmatch(value))
        if kind == "float":
            return bool(DECIMAL_TEXT.fullmatch(value))
        if kind == "money":
            parse_money(value)
            return True
        if kind == "date":
            parse_date(value)
            return not TIME_PART.search(value)
        if kind == "datetime":
            parse_datetime(value)
            return bool(TIME_PART.search(value))
        if kind == "email":
            return is_email(value)
        if kind == "phone":
            return is_phone(value)
        if kind == "url":
            return is_url(value)
    except ValueError:
        return False
    return False


class FieldProfiler:
    def __init__(self, name, max_distinct=1000, max_samples=5):
        self.name = name
        self.max_distinct = max_distinct
        self.max_samples = max_samples
        self.total = 0
        self.filled = 0
        self.misses = dict.fromkeys(PRECEDENCE, 0)
        self.currency = False
        self.digits_only_short = 0
        self.distinct = {}
        self.capped = False
        self.samples = []

    def add(self, value):
        self.total += 1
        value = (value or "").strip()
        if not value:
            return
        self.filled += 1
        if value not in self.distinct:
            if len(self.distinct) < self.max_distinct:
                self.distinct[value] = 0
                if len(self.samples) < self.max_samples:
                    self.samples.append(value)
            else:
                self.capped = True
        if value in self.distinct:
            self.distinct[value] += 1
        for kind in PRECEDENCE:
            if not _fits(kind, value):
                self.misses[kind] += 1
        if has_currency(value):
            self.currency = True
        if re.fullmatch(r"\d{1,6}", value):
            self.digits_only_short += 1

    def _accepts(self, kind):
        misses = self.misses[kind]
        if not misses:
            return True
        return (
            kind in TOLERANT and self.filled >= TOLERANCE_MIN and misses <= self.filled * TOLERANCE
        )

    def infer(self):
        if not self.filled:
            return "text"
        for kind in PRECEDENCE:
            if not self._accepts(kind):
                continue
            if kind == "boolean" and len(self.distinct) > 2:
                continue
            if kind == "money" and not self.currency:
                continue
            if kind in ("integer", "float") and self.currency:
                continue
            if kind == "phone" and self.digits_only_short:
                continue
            return kind
        distinct = len(self.distinct)
        if (
            not self.capped
            and self.filled >= 4
            and distinct <= SELECTION_MAX
            and distinct <= self.filled * 0.5
        ):
            return "selection"
        return "text"

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


def profile_rows(headers, rows):
    """{header: FieldProfile} over rows (dicts, or reader rows with ``.values``)."""
    profilers = {header: FieldProfiler(header) for header in headers}
    for row in rows:
        values = row if isinstance(row, dict) else row.values
        for header, profiler in profilers.items():
            profiler.add(values.get(header, ""))
    return {header: profiler.result() for header, profiler in profilers.items()}


def infer_type(values):
    profiler = FieldProfiler("column")
    for value in values:
        profiler.add(value)
    return profiler.infer()
