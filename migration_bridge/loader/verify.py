"""A sample run reads each record back and compares it, field by field, to the source."""

from .write import comparable, serializable


def verify_sample(ctx):
    """Raise a warning per field that did not land as the source says; return the count.

    Called after each chunk of a sample run, on the records the chunk wrote."""
    mismatches = 0
    for load, staging, record, vals in ctx.sample:
        if not record.exists():
            continue
        record.invalidate_recordset()
        for name, value in load.adapter.verifiable(vals).items():
            field = record._fields.get(name)
            if field is None:
                continue
            if comparable(field, record[name]) == comparable(field, value):
                continue
            mismatches += 1
            ctx.issue(
                "%s: after loading, %s is %r where the source gives %r"
                % (
                    load.where(staging),
                    field.string,
                    serializable(field, record[name]),
                    serializable(field, value),
                ),
                "sample_diff",
                obj=load.obj,
                staging=staging,
                column=name,
                severity="warning",
            )
    ctx.sample = []
    return mismatches


def sample_summary(run):
    """The sample's read-back, once the run is over: records compared, differences."""
    links = run.link_ids.filtered(lambda ln: ln.source_object and ln.row_number)
    differences = len(run.issue_ids.filtered(lambda i: i.code == "sample_diff"))
    return "sample verification: %s records read back, %s differences" % (
        len(links),
        differences,
    )
