# Run by scripts/demo.sh inside `odoo-bin shell`: creates the users the bundled
# sample names as owners (see migration_bridge/data/samples/generic/README.md).
import json
from pathlib import Path

from odoo.modules.module import get_module_path

expected = Path(get_module_path("migration_bridge")) / "data/samples/generic/expected.json"
for owner in json.loads(expected.read_text())["owners"]:
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)  # noqa: F821
    user = Users.search([("login", "=", owner["login"])])
    if not user:
        user = Users.create(
            {"name": owner["name"], "login": owner["login"], "email": owner["login"]}
        )
    user.active = owner["active"]
env.cr.commit()  # noqa: F821
