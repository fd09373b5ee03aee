"""How a cron says it has work left.

17.0 has no progress API: the cron triggers itself again (``ir.cron._trigger``).
18.0 reports ``_notify_progress(done, remaining)`` and 19.0 ``_commit_progress``: with
work remaining the server runs the cron again at once. A cron record's
``numbercall`` (17.0 only: its default, 1, runs it once) is set where it exists.
"""

from . import MAJOR

#: 17.0's crons count their calls (``numbercall``); later series repeat until archived
COUNTS_CALLS = MAJOR < 18


def continue_later(cron, done, remaining):
    """Tell the server ``cron`` processed ``done`` items and has ``remaining`` left.

    Outside the cron runner (a test, a shell) and on 17.0 the cron is triggered again
    when work remains; inside it, from 18.0, the progress is reported and the runner
    calls the cron again at once."""
    if COUNTS_CALLS or not cron.env.context.get("ir_cron_progress_id"):
        if remaining:
            cron._trigger()
    elif MAJOR >= 19:
        cron._commit_progress(done, remaining=remaining)
    else:
        cron._notify_progress(done=done, remaining=remaining)


def repeat_forever(crons):
    """A cron that runs until it is archived (17.0's ``numbercall = -1``)."""
    if COUNTS_CALLS:
        crons.write({"numbercall": -1, "doall": False})
