"""Writing a confirmed mapping into Odoo with the ORM: ORM-aware, not models.

``run.RunContext`` holds what one run shares (its environment, caches, issues);
``run.ObjectLoad`` loads one source object chunk by chunk, the unit of work;
``resolve.Resolver`` finds references in bulk; ``write.Writer`` creates,
updates and links records; ``verify`` reads a sample back; ``targets`` has one
adapter per target model, which knows that model's quirks in Odoo. The decisions
they carry out are made by the pure services (``services.transform``).
"""

from .run import DONE, LOAD_CONTEXT, PROGRESS, WAIT, ObjectLoad, RunContext

__all__ = ["DONE", "LOAD_CONTEXT", "PROGRESS", "WAIT", "ObjectLoad", "RunContext"]
