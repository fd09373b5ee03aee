"""What ``mail.message``'s ``create()`` computes, which the message adapter batches
(``loader/targets/mail_message``): the sender's address, whether a message is on a
record, and the reply-to of a record's messages (from 19.0 it names the author, so it
is asked per author)."""

from . import MAJOR

#: the reply-to Odoo gives a message depends on its author (19.0 on)
REPLY_TO_BY_AUTHOR = MAJOR >= 19


def author_email(env, author_id):
    """The sender address Odoo gives a message of ``author_id`` with no ``email_from``."""
    Thread = env["mail.thread"]
    if MAJOR >= 19:
        return Thread._message_compute_author(author_id, email_from=None)[1]
    return Thread._message_compute_author(author_id, email_from=None, raise_on_email=False)[1]


def on_record(env, vals):
    """Whether a message of these values is posted on a record's thread."""
    if MAJOR >= 19:
        return env["mail.message"]._is_thread_message(vals)
    return env["mail.message"].is_thread_message(vals)


def reply_to_key(vals):
    """What, beside the record, the reply-to of a message depends on."""
    return vals.get("author_id") if REPLY_TO_BY_AUTHOR else None


def reply_to(records, key):
    """{record id: reply-to} for messages on ``records`` (of one ``reply_to_key``)."""
    if REPLY_TO_BY_AUTHOR:
        return records.sudo()._notify_get_reply_to(default=None, author_id=key)
    return records._notify_get_reply_to(default=None)
