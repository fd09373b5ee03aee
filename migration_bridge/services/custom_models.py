"""New custom models (``x_...``), one per file no object fits: what they are named
and which of their columns link to the records of another file (the planner loads
each after those: ``planner.plan_objects(links=...)``).

A column whose values are the ids of another file of the export (``relations``)
becomes a many2one: to the migrated partner when that file lands in contacts or
companies, to that file's own new model when it is another custom object. Pure: no
Odoo.
"""

from . import matcher
from .values import slugify_field_name

# The model the records of these Odoo models are linked to by a many2one: a partner.
PARTNER_MODEL = "res.partner"


def model_name(object_name):
    """'Vehicles' -> 'x_vehicles' (the matcher's name of a new custom object)."""
    return matcher.custom_model_name(object_name)


def model_label(object_name):
    """The model's label as Odoo shows it: 'service_vehicles' -> 'Service vehicles'."""
    text = str(object_name or "").replace("_", " ").replace("-", " ").strip()
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] if text else "Custom object"


def many2one_name(header, taken=()):
    """The field of a link column: 'Owner Company ID' -> 'x_owner_company_id'."""
    name = slugify_field_name(header, prefix="x_")
    base, count = name, 2
    while name in taken:
        name = "%s_%s" % (base[:60], count)
        count += 1
    return name


def reference_fields(object_name, references, models):
    """{column: (comodel, reason)}: the columns of ``object_name`` that become many2one
    fields of its new model.

    ``references``: ``relations.Relation`` values of the export (``relations.find``);
    ``models``: {file name: its target model} of the files that load. A column that
    names another file's rows by their ids links to that file's model, when it is a
    partner (by id or by name) or another new custom model (by id); a column naming
    rows of its own file, or of a file that loads nowhere, stays a plain field.
    """
    found = {}
    for ref in references:
        if ref.table != object_name or ref.to_itself or ref.column in found:
            continue
        comodel = models.get(ref.key.table)
        if not comodel:
            continue
        if comodel == PARTNER_MODEL or (comodel.startswith("x_") and ref.key.by == "id"):
            found[ref.column] = (
                comodel,
                "%s: a link to the record it names (%s)" % (ref.reason(), comodel),
            )
    return found
