"""Plain pytest for the pure services: no Odoo, no database.

``migration_bridge/__init__.py`` imports the Odoo models, so the addon package
is registered here as a bare package: ``migration_bridge.services`` then
imports without Odoo, which is exactly what these tests guard.
"""

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDON = ROOT / "migration_bridge"
SAMPLES = ADDON / "data" / "samples"
FIXTURES = ADDON / "tests" / "fixtures"

if "migration_bridge" not in sys.modules:
    package = types.ModuleType("migration_bridge")
    package.__path__ = [str(ADDON)]
    sys.modules["migration_bridge"] = package
