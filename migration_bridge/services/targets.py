"""Targets that are not plain fields of a model, declared once.

A column may land in a field of the target model (``email``), or in one of the
targets below, which the transform composes into fields: the parts of a name, a
status that means won or lost, a reference that says which record an
engagement is about, a creation date the ORM would otherwise overwrite. The
matcher offers them, the mapping lines list them, the transform applies them:
each is declared here and nowhere else. Which kinds offer which target is the
profile's word (``ObjectSpec.targets``).
"""

from dataclasses import dataclass

# What the transform does with a composed target's value.
ROLE_KEY = "key"  # the record's id in the source
ROLE_DATE = "date"  # a date the ORM sets itself: written after the record (create_date...)
ROLE_PART = "part"  # a part of a field joined from several columns (first + last name)
ROLE_STATUS = "status"  # a value of the stage map: a stage, won, lost or open
ROLE_REF = "ref"  # a reference to another source object, into a field (``into``)
ROLE_ATTACH = "attach"  # the record an engagement or a document is about (res_model/res_id)
ROLE_FLAG = "flag"  # a yes/no the profile's value map reads (a task that is done)
ROLE_DETAIL = "detail"  # a fact kept as a line of the record's text (a call's duration)
ROLE_FILE = "file"  # the path of a document's content in the upload
ROLE_EMAILS = "emails"  # addresses: the people a message went to
ROLE_PARENT = "parent"  # the record a folded row is kept on (a deal's line items)
ROLE_MEMBER = "member"  # the record a link row adds to its parent (a meeting's attendee)


@dataclass(frozen=True)
class Composed:
    name: str
    label: str
    type: str  # the kind of values it takes, for the matcher's type check
    role: str
    into: str = None  # the field it fills (parts, references, dates)
    order: int = 0  # parts: position in the joined value; attach: preference (lower first)
    unit: str = None  # details: how the value reads ("duration")


COMPOSED = {
    c.name: c
    for c in (
        Composed("x_source_id", "Source ID", "char", ROLE_KEY),
        Composed("create_date", "Created on (source)", "datetime", ROLE_DATE, into="create_date"),
        Composed(
            "write_date", "Last modified on (source)", "datetime", ROLE_DATE, into="write_date"
        ),
        Composed("_first_name", "First name", "char", ROLE_PART, into="name", order=1),
        Composed("_middle_name", "Middle name", "char", ROLE_PART, into="name", order=2),
        Composed("_last_name", "Last name", "char", ROLE_PART, into="name", order=3),
        Composed("_status", "Deal status (open/won/lost)", "selection", ROLE_STATUS),
        Composed(
            "_contact",
            "Contact person (the deal's customer when given)",
            "many2one",
            ROLE_REF,
            into="partner_id",
        ),
        Composed("_deal", "Related deal", "many2one", ROLE_ATTACH, order=1),
        Composed(
            "_record",
            "Related record (deal, company or contact)",
            "many2one",
            ROLE_ATTACH,
            order=2,
        ),
        Composed("_person", "Related contact", "many2one", ROLE_ATTACH, order=3),
        Composed("_company", "Related company", "many2one", ROLE_ATTACH, order=4),
        Composed("_done", "Done (yes/no or a status)", "selection", ROLE_FLAG),
        Composed("_done_on", "Done on", "datetime", ROLE_DATE, into="date_done"),
        Composed("_duration", "Duration", "char", ROLE_DETAIL, unit="duration"),
        Composed("_outcome", "Outcome", "selection", ROLE_DETAIL),
        Composed("_direction", "Direction", "selection", ROLE_DETAIL),
        Composed("_opens", "Opens", "integer", ROLE_DETAIL),
        Composed("_clicks", "Clicks", "integer", ROLE_DETAIL),
        Composed("_to", "Recipients (email addresses)", "text", ROLE_EMAILS),
        Composed("_file", "File path in the upload", "text", ROLE_FILE),
        Composed("_message", "Note or email it is attached to", "many2one", ROLE_REF),
        Composed("_parent", "Parent record (the rows are kept on it)", "many2one", ROLE_PARENT),
        Composed("_member", "Record it adds to its parent (an attendee)", "many2one", ROLE_MEMBER),
        # Sales and invoices: amounts the adapters read (a tax's rate from its base and
        # amount; the single line of a document exported without its line items), the
        # invoice a payment pays.
        Composed("_untaxed", "Untaxed amount (the tax's base)", "float", ROLE_DETAIL),
        Composed("_tax_amount", "Tax amount (its rate finds the sale tax)", "float", ROLE_DETAIL),
        Composed("_one_line", "Amount of its single line (no line items)", "float", ROLE_DETAIL),
        Composed("_line_product", "Product of its single line", "char", ROLE_DETAIL),
        Composed("_invoice", "Invoice it pays", "many2one", ROLE_REF),
    )
}

# Targets whose values go through the confirmed stage map (a stage, won, lost, open).
STAGE_MAPPED = ("stage_id", "_status")

# Targets every kind offers; the others only where the profile's object lists them.
UNIVERSAL = ("x_source_id", "create_date", "write_date")


def get(name):
    """The composed target called ``name``, None for a plain field."""
    return COMPOSED.get(name)


def is_composed(name):
    return name in COMPOSED


def selection():
    """(name, label) of the composed targets a mapping line may choose, keys excluded."""
    return [(c.name, c.label) for c in COMPOSED.values() if c.name not in UNIVERSAL]


def parts_of(field_name):
    """The part targets that compose ``field_name``, in order."""
    return sorted(
        (c for c in COMPOSED.values() if c.role == ROLE_PART and c.into == field_name),
        key=lambda c: c.order,
    )


def attach_order():
    """The attach targets, most specific first: an engagement lands on the first found."""
    return [
        c.name for c in sorted(COMPOSED.values(), key=lambda c: c.order) if c.role == ROLE_ATTACH
    ]


def format_duration(seconds):
    """A duration as a person reads it: 95 -> '1 min 35 s', 3600 -> '1 h 0 min'."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return "%d h %d min" % (hours, minutes)
    if minutes:
        return "%d min %d s" % (minutes, secs) if secs else "%d min" % minutes
    return "%d s" % secs
