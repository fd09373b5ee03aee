"""Which PostgreSQL errors mean "another worker got there first" (the step is tried
again) rather than "the rows are refused" (they fail with the reason)."""

from types import SimpleNamespace

from migration_bridge.services.errors import concurrent_update


def pg_error(code, constraint=None):
    """What psycopg2 raises carries these two attributes."""
    return SimpleNamespace(pgcode=code, diag=SimpleNamespace(constraint_name=constraint))


def test_odoo_s_concurrency_errors_are_tried_again():
    for code in ("40001", "40P01", "55P03"):  # serialization, deadlock, lock not available
        assert concurrent_update(pg_error(code))


def test_a_follower_inserted_by_another_worker_is_tried_again():
    error = pg_error("23505", "mail_followers_mail_followers_res_partner_res_model_id_uniq")
    assert concurrent_update(error)


def test_other_refusals_are_the_rows_own():
    assert not concurrent_update(pg_error("23505", "res_partner_x_vat_uniq"))
    assert not concurrent_update(pg_error("23505"))
    assert not concurrent_update(pg_error("23502", "res_partner_name_notnull"))
    assert not concurrent_update(ValueError("not a database error"))
