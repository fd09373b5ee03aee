"""Rows a profile leaves out of an object (``ObjectSpec.only``): skipped with the reason."""


def left_out(load, staging):
    """True when the object's row filter leaves ``staging`` out; it is counted skipped,
    with the filter's reason (an internal task is no lead)."""
    spec = load.ctx.profile.object_spec(load.kind)
    only = getattr(spec, "only", None)
    if only is None or only.keeps(staging.payload or {}):
        return False
    load.skip(staging, "skipped", "%s (%s)" % (only.reason, only.column))
    return True
