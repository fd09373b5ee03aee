"""Local stand-ins of the platforms' APIs for the connector tests (tests/test_connectors*.py).

Each is a ThreadingHTTPServer on 127.0.0.1 (port 0), started by the tests, behaving as
its platform's documentation says, with faults the tests script (429 with Retry-After,
a transient 500, malformed JSON, a slow answer, an expired token, a server that dies).
"""
