"""System parameters (``ir.config_parameter``), and the database the server runs on.

Up to 19.0 a parameter is a string read with ``get_param`` and written with
``set_param``; 20.0 adds typed getters and setters. The addon reads and writes its
parameters here only, so that 20.0's API is one change in this module.
"""


def get_int(env, key, default):
    """The parameter ``key`` as a positive integer, ``default`` when unset or not one."""
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def get_str(env, key, default=None):
    """The parameter ``key`` as text, ``default`` when unset."""
    return env["ir.config_parameter"].sudo().get_param(key) or default


def set_str(env, key, value):
    env["ir.config_parameter"].sudo().set_param(key, value)


def db_name():
    """The database the server was started on (``-d``): 19.0 keeps a list of them."""
    from odoo.tools import config

    value = config["db_name"]
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    return value
