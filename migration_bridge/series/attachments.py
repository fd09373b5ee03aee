"""An attachment's contents: the addon writes and reads ``raw`` (bytes), which every
series has; ``datas`` (base64) is gone in 20.0 and is never used."""

#: the field holding an attachment's bytes
CONTENT = "raw"
