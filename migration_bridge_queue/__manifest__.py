{
    "name": "Migration Bridge: queue_job workers",
    "version": "1.1.0",
    "category": "Sales/CRM",
    "summary": "Load migration runs as queue_job jobs, on several Odoo workers in parallel",
    "author": "migration_bridge developers",
    "license": "LGPL-3",
    "depends": ["migration_bridge", "queue_job"],
    "data": ["data/queue_job_data.xml"],
    "installable": True,
    "auto_install": True,
}
