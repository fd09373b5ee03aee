"""Odoo's predictive lead scoring, which a run rebuilds once it has loaded won and lost
deals (``loader/targets/crm_lead``): which deals are rescored, and how the naive
Bayes probabilities come back (19.0: with tooltip data beside them)."""

from . import MAJOR


def pending_domain(start):
    """The deals Odoo's scoring cron rescores: staged, created since ``start``, open."""
    if MAJOR >= 19:
        return [
            ("stage_id", "!=", False),
            ("create_date", ">=", start),
            ("won_status", "=", "pending"),
        ]
    return [
        ("stage_id", "!=", False),
        ("create_date", ">=", start),
        "|",
        ("probability", "=", False),
        "&",
        ("probability", "<", 100),
        ("probability", ">", 0),
    ]


def probabilities(leads):
    """{lead id: automated probability} of ``leads``."""
    found = leads._pls_get_naive_bayes_probabilities(batch_mode=True)
    return found[0] if MAJOR >= 19 else found
