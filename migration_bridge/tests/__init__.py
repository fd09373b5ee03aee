"""Odoo's runner collects the ``test_*`` modules this package imports: every one
in the folder is imported, so a platform's test file needs no line here."""

import importlib
import pkgutil

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
    if _info.name.startswith("test_"):
        globals()[_info.name] = importlib.import_module("." + _info.name, __name__)
