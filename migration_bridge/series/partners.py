"""Odoo's partner sync, which the partner adapter batches (``loader/targets/res_partner``):
19.0 renamed ``_update_fields_values`` to ``_convert_fields_to_values`` and
``update_address`` to ``_update_address``."""

from . import MAJOR

_VALUES_OF = "_convert_fields_to_values" if MAJOR >= 19 else "_update_fields_values"
_UPDATE_ADDRESS = "_update_address" if MAJOR >= 19 else "update_address"


def values_of(partner, names):
    """The partner's values of ``names`` as ``write()`` takes them."""
    return getattr(partner, _VALUES_OF)(names)


def update_address(partners, vals):
    """Write the address fields of ``vals`` without syncing them through the hierarchy."""
    return getattr(partners, _UPDATE_ADDRESS)(vals)
