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
- anything else (text, a many2one whose records a run creates or finds by id): None.
"""

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
    if kind == "many2one":
        known = getattr(target, "known", None)
        if known is None:
            return None
        names = {normalize_label(name) for name in known}
        return _share(values, lambda v: normalize_label(v) in names)
    return None


def describe(target, fraction):
    """The words a proposal's reason gives the check."""
    if fraction is None:
        return ""
    if fraction < REFUSED_BELOW:
        return "%s takes %d%% of its values" % (target.label, round(fraction * 100))
    return "%d%% of its values fit %s" % (round(fraction * 100), target.label)
