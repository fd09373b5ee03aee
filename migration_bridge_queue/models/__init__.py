from . import migration_run
