"""System parameters (``ir.config_parameter``), and the database the server runs on.

Up to 19.0 a parameter is a string read with ``get_param`` and written with
``set_param``. 20.0 reads and writes it typed
(``odoo/addons/base/models/ir_config_parameter.py``): ``get_str``, ``get_int``,
``get_float``, ``get_bool`` ``(key, default)`` return ``default`` when the parameter is
unset or blank, and when its value does not convert (then with a warning of that
module); ``set_str``, ``set_int``, ``set_float``, ``set_bool`` ``(key, value)`` write
it, ``None`` making it unset. The addon reads and writes its parameters here only.
"""

from . import MAJOR

#: parameters are read and written with typed getters and setters (20.0 on)
TYPED = MAJOR >= 20


def get_int(env, key, default):
    """The parameter ``key`` as a positive integer, ``default`` when unset or not one."""
    params = env["ir.config_parameter"].sudo()
    if TYPED:
        number = params.get_int(key, default)
    else:
        try:
            number = int(params.get_param(key))
        except (TypeError, ValueError):
            return default
    return number if number > 0 else default


def get_str(env, key, default=None):
    """The parameter ``key`` as text, ``default`` when unset."""
    params = env["ir.config_parameter"].sudo()
    if TYPED:
        return params.get_str(key) or default
    return params.get_param(key) or default


def set_str(env, key, value):
    params = env["ir.config_parameter"].sudo()
    if TYPED:
        params.set_str(key, value)
    else:
        params.set_param(key, value)


def db_name():
    """The database the server was started on (``-d``): 19.0 keeps a list of them."""
    from odoo.tools import config

    value = config["db_name"]
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    return value
