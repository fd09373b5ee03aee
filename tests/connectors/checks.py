"""Checks the connector tests share: no credential anywhere a person could see it."""

import base64
import json
from urllib.parse import quote


def forms(secret):
    """A credential and the forms it could leak in (URL-encoded, base64)."""
    value = str(secret)
    found = {value, quote(value, safe=""), base64.b64encode(value.encode()).decode().rstrip("=")}
    return {form for form in found if len(form) >= 6}


def texts_of_records(records):
    """Everything a log record could print: message, arguments, exception text."""
    texts = []
    for record in records:
        texts.append(record.getMessage())
        texts.append(repr(record.args))
        if record.exc_info and record.exc_info[1] is not None:
            texts.append(str(record.exc_info[1]))
            texts.append(repr(record.exc_info[1]))
        if record.exc_text:
            texts.append(record.exc_text)
    return texts


def assert_no_credential(secrets, texts):
    """No credential (nor its encoded forms) in any of ``texts``."""
    for text in texts:
        if not isinstance(text, str):
            text = json.dumps(text, default=repr) if isinstance(text, dict | list) else repr(text)
        for secret in secrets:
            for form in forms(secret):
                assert form not in text, "a credential shows in: %s" % text[:300]
