"""Rows a run finds exactly as the last run wrote them: left unchanged unread.

A delta over a large export that changed little spends its time here rather than
transforming, resolving and comparing every row again.
"""


def same_rows(load, staging_ids):
    """The rows the last run wrote exactly as they are now: {staging id: (record,
    source id)}. Such a row is unchanged without being read again when

    - the last link of its source key has the row's hash and was written under the
      same mapping (columns, targets, value and owner matches);
    - every reference of the row was found then, none to the object's own rows;
    - its record and every record it pointed to are still in Odoo.

    A row that had a reference missing goes the long way: the record may be
    there now. A sample run reads every row."""
    if load.ctx.run.kind == "sample" or not staging_ids:
        return {}
    load.env["migration.staging.record"].flush_model()
    load.env["migration.record.link"].flush_model()
    by_row = _last_links_of_rows(load, staging_ids)
    rows_of_key = {}
    wanted = {}
    for found in by_row.values():
        for key, model, res_id, _source_id, refs in found:
            rows_of_key[key] = rows_of_key.get(key, 0) + 1
            wanted.setdefault(model, set()).add(res_id)
            for ref_model, ids in refs.items():
                wanted.setdefault(ref_model, set()).update(ids)
    there = _still_in_odoo(load.env, wanted)
    same = {}
    for staging_id, found in by_row.items():
        if len(found) != 1:
            continue  # ambiguous: the long way
        key, model, res_id, source_id, refs = found[0]
        if rows_of_key[key] != 1 or res_id not in there[model]:
            continue
        if all(set(ids) <= there[m] for m, ids in refs.items()):
            same[staging_id] = (load.env[model].browse(res_id), source_id)
    return same


def _last_links_of_rows(load, staging_ids):
    """{staging id: [(source key, model, res_id, source id, refs)]}: the links written
    under the current mapping, with the row's hash and complete references, that are
    the last link of their source key (whichever project wrote it)."""
    cr = load.env.cr
    # two plain look-ups (by id, then by the row_hash index): a join of the two
    # tables is planned badly while they fill up
    cr.execute(
        "SELECT id, row_hash FROM migration_staging_record WHERE id IN %s "
        "AND state NOT IN ('problem', 'excluded') AND row_hash IS NOT NULL",
        (tuple(staging_ids),),
    )
    rows_of_hash = {}
    for staging_id, row_hash in cr.fetchall():
        rows_of_hash.setdefault(row_hash, []).append(staging_id)
    if not rows_of_hash:
        return {}
    cr.execute(
        """
        SELECT row_hash, id, source_key, model, res_id, source_id, refs
          FROM migration_record_link
         WHERE row_hash IN %(hashes)s AND project_id = %(project)s
           AND source_object = %(object)s AND rolled_back IS NOT TRUE
           AND settings_hash = %(settings)s AND refs IS NOT NULL
        """,
        {
            "hashes": tuple(rows_of_hash),
            "project": load.ctx.project.id,
            "object": load.obj.object_name,
            "settings": load.settings_hash,
        },
    )
    candidates = [
        (staging_id, *link)
        for row_hash, *link in cr.fetchall()
        for staging_id in rows_of_hash[row_hash]
    ]
    if not candidates:
        return {}
    cr.execute(
        """
        SELECT DISTINCT ON (source_key) source_key, id FROM migration_record_link
         WHERE source_key IN %s AND source_object = %s AND model IN %s
           AND rolled_back IS NOT TRUE
      ORDER BY source_key, id DESC
        """,
        (
            tuple({c[2] for c in candidates}),
            load.obj.object_name,
            tuple(load.adapter.models),
        ),
    )
    last = dict(cr.fetchall())
    by_row = {}
    for staging_id, link_id, key, model, res_id, source_id, refs in candidates:
        if last.get(key) == link_id:
            by_row.setdefault(staging_id, []).append((key, model, res_id, source_id, refs))
    return by_row


def _still_in_odoo(env, wanted):
    """{model: ids of ``wanted[model]`` that exist}, one query per model."""
    return {
        model: set(env[model].browse(sorted(ids)).exists().ids) if model in env else set()
        for model, ids in wanted.items()
    }
