"""How many of a column's values a target field would take: the check of a proposal
against the values, before anyone confirms it.

A header that resembles a field's name says little: an Account ``Type`` of *Customer -
Direct* and *Prospect* looks like the partner's address type, a deal's *Associated
Company* like Odoo's own company, a HubSpot *Deal Type* like the lead's type. Their
values say the truth: none of them is a value the field takes. ``share`` answers, for a
target and a column's field profile, the share of its non-empty values the target
accepts, or None where the values cannot tell (no values seen, or a target whose
values only the database knows).

What "accept" means, by the target's type:

- selection: one of the field's keys or labels (``TargetField.selection``);
- boolean: a yes/no word;
- integer, float, monetary: a number; date, datetime: a date;
- many2one to a model a run finds but never creates (Odoo's companies:
  ``TargetField.known``): the name of one of its records;
- many2one or many2many a run finds or creates by name (a campaign, a tag, a role):
  anything but a record id of the source system (a UUID, a Salesforce id): a column of
  ``7018d00002s6W1zAAE`` would name campaigns after ids;
- text (char, text, html) of a plain field: anything but a yes/no: a checkbox column
  ('Reference' of 0 and 1) is no reference, whatever its header shares with the field;
- anything else (a many2one whose records a run finds by id, a composed target): None.
"""

import re

from . import targets as composed
from .inference import CHECKS
from .values import normalize_label

# Below this share a target refuses most of the column: it is not proposed.
REFUSED_BELOW = 0.5

# the inferred types whose values a numeric or date field takes as they are
_NUMERIC = frozenset(("integer", "float", "money"))
_DATES = frozenset(("date", "datetime"))


def _values(field_profile):
    """The column's distinct non-empty values as seen by discovery (all of them for a
    column of few values, else its samples)."""
    values = getattr(field_profile, "values", None) or getattr(field_profile, "samples", ())
    return [str(v).strip() for v in values if str(v).strip()]


def _share(values, accepts):
    return sum(1 for v in values if accepts(v)) / len(values)


def _fits(kind):
    def accepts(value):
        try:
            return bool(CHECKS[kind](value))
        except ValueError:
            return False

    return accepts


def _number(value):
    """A number, an amount, or a percentage (a deal's '40%' probability)."""
    value = value.rstrip().removesuffix("%").rstrip()
    return bool(value) and (_fits("float")(value) or _fits("money")(value))


# Record ids a system generates: UUIDs, hexadecimal keys (ObjectIds, hashes), and the
# 15- or 18-character ids mixing letters and digits (Salesforce's '0058d0000Gm8emAAQQ').
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_HEX_KEY = re.compile(r"[0-9a-f]{24,}", re.I)
_MIXED_KEY = re.compile(r"[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?")
_RUNS = re.compile(r"[0-9]+|[A-Za-z]+")
# Models a run finds records of by their source id or through the owners, not by name.
BY_ID = ("res.partner", "res.users")
TEXT_TYPES = ("char", "text", "html")


def is_record_id(value):
    """Whether a value is a record id a system generated (not a name a person wrote)."""
    value = str(value).strip()
    if _UUID.fullmatch(value) or _HEX_KEY.fullmatch(value):
        return True
    # letters and digits interleaved again and again: no word, a key
    return bool(_MIXED_KEY.fullmatch(value)) and len(_RUNS.findall(value)) >= 4


def share(target, field_profile):
    """The share (0 to 1) of the column's values ``target`` accepts, or None."""
    if field_profile is None:
        return None
    values = _values(field_profile)
    if not values:
        return None
    ftype = getattr(field_profile, "type", "text")
    kind = target.type
    if kind == "selection":
        options = getattr(target, "selection", ()) or ()
        if not options:
            return None  # a composed target, or values only the database knows
        accepted = {normalize_label(str(key)) for key, _label in options}
        accepted |= {normalize_label(str(label)) for _key, label in options}
        return _share(values, lambda v: normalize_label(v) in accepted)
    if kind == "boolean":
        return 1.0 if ftype == "boolean" else _share(values, _fits("boolean"))
    if kind in ("integer", "float", "monetary"):
        if ftype in _NUMERIC:
            return 1.0
        return _share(values, _number)
    if kind in ("date", "datetime"):
        if ftype in _DATES:
            return 1.0
        return _share(values, lambda v: _fits("date")(v) or _fits("datetime")(v))
    relation = getattr(target, "relation", None)
    if kind in ("many2one", "many2many") and relation and relation not in BY_ID:
        if any(is_record_id(v) for v in values):
            # ids of records the export does not hold: nothing to find by name
            return _share(values, lambda v: not is_record_id(v))
    if kind == "many2one":
        known = getattr(target, "known", None)
        if known is None:
            return None
        names = {normalize_label(name) for name in known}
        return _share(values, lambda v: normalize_label(v) in names)
    if kind in TEXT_TYPES and not composed.is_composed(target.name) and ftype == "boolean":
        return 0.0  # a checkbox is no text ('Reference' of 0 and 1 is no reference)
    return None


def describe(target, fraction):
    """The words a proposal's reason gives the check."""
    if fraction is None:
        return ""
    if fraction < REFUSED_BELOW:
        return "%s takes %d%% of its values" % (target.label, round(fraction * 100))
    return "%d%% of its values fit %s" % (round(fraction * 100), target.label)
