"""Pure services of migration_bridge: no ``import odoo`` anywhere below.

Readers, type inference, the matcher, platform profiles, the load planner and
value transforms. Odoo models call them; plain pytest tests them.
"""
