"""Views and actions: the list view is ``<list>`` / ``list`` from 18.0, ``<tree>`` /
``tree`` on 17.0 (and ``<tree>`` is an error from 19.0); a form's chatter is
``<chatter/>`` from 18.0, a ``<div class="oe_chatter">`` of its fields on 17.0 (which
19.0 no longer reads as a chatter).

The addon's views, actions and Python actions are written in the primary series'
syntax (``<list>``, ``<chatter/>``, ``view_mode="list,form"``); on 17.0
``models/ir_ui_view.py`` and ``models/ir_actions_act_window.py`` give Odoo the old
names as the records are written.
"""

import re

from . import MAJOR

#: the list view's type on this series, for actions built in Python
LIST = "list" if MAJOR >= 18 else "tree"
#: whether views and actions written with ``list`` must be renamed for this series
RENAME_LIST = LIST != "list"

_LIST_TAG = re.compile(r"<(/?)list(?=[\s>/])")
_CHATTER = re.compile(r"<chatter\b[^>]*/>")
OLD_CHATTER = '<div class="oe_chatter"><field name="message_ids"/></div>'


def arch(text):
    """A view's XML with its list elements and chatter as this series writes them."""
    if not RENAME_LIST or not isinstance(text, str):
        return text
    return _CHATTER.sub(OLD_CHATTER, _LIST_TAG.sub(r"<\1%s" % LIST, text))


def view_mode(modes):
    """``list,form`` as this series names it."""
    if not RENAME_LIST or not isinstance(modes, str):
        return modes
    return ",".join(LIST if mode.strip() == "list" else mode for mode in modes.split(","))


def view_vals(vals):
    """An ``ir.ui.view``'s values for this series."""
    if not RENAME_LIST:
        return vals
    vals = dict(vals)
    for key in ("arch", "arch_base", "arch_db", "arch_prev"):
        if key in vals:
            vals[key] = arch(vals[key])
    if vals.get("type") == "list":
        vals["type"] = LIST
    return vals


def action_vals(vals):
    """An ``ir.actions.act_window``'s (or its view line's) values for this series."""
    if not RENAME_LIST or "view_mode" not in vals:
        return vals
    return dict(vals, view_mode=view_mode(vals["view_mode"]))
