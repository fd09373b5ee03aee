"""A Test run, as Odoo's import has one: the whole confirmed pipeline over every staged
row, in a savepoint that is rolled back, and a report of what would happen.

Nothing stays: no record, no link, no issue, no run. What a rollback alone would leave
is undone too:
- PostgreSQL's sequences move on in a rolled-back transaction: each one the run moved
  is set back to where it was (a sequence another transaction used meanwhile, between
  the start and the end of the Test, would be set back too: a Test is for the
  confirmation step of a migration, not for a database under load);
- the cursor's commit hooks the run added (messages to the bus, mails to send, tracking)
  are dropped with it.

The report says, per file, what the run would count (created, updated, unchanged,
skipped, failed out of the source rows) and, per file and column, each cause of failure
with its number of rows, the share of the file's rows it is, and one message.
"""

from collections import defaultdict

HOOKS = ("precommit", "postcommit", "prerollback", "postrollback")


class _Undo(Exception):
    """Leaves the savepoint of a Test, rolling it back."""


def _sequences(cr):
    cr.execute(
        "SELECT sequencename, last_value, start_value FROM pg_sequences "
        "WHERE schemaname = current_schema()"
    )
    return {name: (last, start) for name, last, start in cr.fetchall()}


def _restore_sequences(cr, before):
    moved = [
        (name, before[name])
        for name, (last, _start) in _sequences(cr).items()
        if name in before and last != before[name][0]
    ]
    for name, (last, start) in moved:
        if last is None:  # never used before the Test: as new
            cr.execute("SELECT setval(%s::regclass, %s, false)", ('"%s"' % name, start))
        else:
            cr.execute("SELECT setval(%s::regclass, %s, true)", ('"%s"' % name, last))
    return len(moved)


def _hooks(cr):
    return {name: (list(getattr(cr, name)._funcs), dict(getattr(cr, name).data)) for name in HOOKS}


def _restore_hooks(cr, saved):
    for name, (funcs, data) in saved.items():
        callbacks = getattr(cr, name)
        callbacks._funcs.clear()
        callbacks._funcs.extend(funcs)
        callbacks.data.clear()
        callbacks.data.update(data)


def report(run):
    """What the run did, per file, and each cause of failure per file and column."""
    summary = run.summary()
    sources = {name: counts["source"] for name, counts in summary["objects"].items()}
    causes = defaultdict(lambda: {"rows": set(), "message": ""})
    for issue in run.issue_ids:
        if issue.severity != "error":
            continue
        name = issue.object_id.object_name or issue.file_name or ""
        cause = causes[name, issue.column or "", issue.code]
        # an audit's issue lists its rows; another names its row
        refs = issue.row_refs or [[issue.file_name, issue.row_number or issue.id]]
        cause["rows"].update((ref[0], ref[1]) for ref in refs)
        cause["message"] = cause["message"] or issue.message
    failures = []
    for (name, column, code), cause in sorted(causes.items()):
        rows = len(cause["rows"])
        source = sources.get(name) or 0
        failures.append(
            {
                "file": name,
                "column": column,
                "code": code,
                "rows": rows,
                "share": round(rows / source, 3) if source else None,
                "message": cause["message"],
            }
        )
    would_fail = sum(c["failed"] for c in summary["objects"].values())
    return {
        "project_id": summary["project_id"],
        "kind": "test",
        "state": "tested",
        "written": False,
        "objects": summary["objects"],
        "failed": would_fail,
        "skipped": sum(c["skipped"] for c in summary["objects"].values()),
        "failures": failures,
        "issues": summary["issues"],
    }


def test_run(project):
    """Run the project's confirmed mapping over every staged row and undo it all;
    return the report (``report``)."""
    env = project.env
    cr = env.cr
    # what is pending is written first, outside the Test (as Odoo's savepoint does):
    # the hooks kept below are then only those the Test must not run
    cr.flush()
    sequences = _sequences(cr)
    hooks = _hooks(cr)
    result = None
    try:
        with cr.savepoint():
            # every row's fate is what it says: the audit halts none of its objects
            run = project.with_context(migration_test_run=True)._new_run("full")
            run.execute()
            env.flush_all()
            result = report(run)
            raise _Undo()
    except _Undo:
        pass
    finally:
        _restore_hooks(cr, hooks)
        env.invalidate_all(flush=False)
        _restore_sequences(cr, sequences)
    return result
