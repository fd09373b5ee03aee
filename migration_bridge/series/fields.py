"""Fields a series removed or renamed, for the code that names a field itself.

What a column may be mapped to is read from the running database
(``models/migration_mapping.target_fields``), never from a list: a field a series
removed (19.0: a partner's and a lead's ``mobile`` and ``title``) is not proposed
there, and a field it added is. Code that writes a named field asks ``has``.
"""


def has(env, model, name):
    """Whether this database's ``model`` has the field ``name``."""
    return model in env and name in env[model]._fields
