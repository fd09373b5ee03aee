"""An attachment's contents: the addon writes and reads ``raw``, which every series has;
``datas`` (base64) is gone in 20.0 and is never used.

Up to 19.0 ``raw`` reads as ``bytes``. From 20.0 a binary field's value is typed
(``odoo/tools/binary.py``): reading ``raw`` gives a ``BinaryValue`` (``BinaryBytes``, or
a file of the filestore read lazily), which is no ``bytes`` (no ``len``, no slicing, not
equal to bytes) but gives them with ``bytes(value)`` or ``.content``, and streams them
with ``.open()``; writing ``raw`` still takes ``bytes``
(``odoo/addons/base/models/ir_attachment.py``: ``_check_contents``). Code that needs the
bytes of an attachment asks ``content``.
"""

from . import MAJOR

#: the field holding an attachment's bytes
CONTENT = "raw"

#: reading a binary field gives a ``BinaryValue`` rather than ``bytes`` (20.0 on)
TYPED_BINARY = MAJOR >= 20


def content(attachment):
    """The attachment's contents as ``bytes`` (``b""`` when it has none)."""
    raw = attachment.raw
    if not raw:
        return b""
    return bytes(raw) if TYPED_BINARY else raw
