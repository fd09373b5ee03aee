"""The errors of the connectors: what went wrong, on which object and call, as a user reads it.

Every error names the platform, the source object, the method and the URL path of the
call (never its credentials: paths carry none, and any text that came back from the
server is masked), the HTTP status, and the platform's own title and detail (a
D-Tools ProblemDetails, a HubSpot or Pipedrive error body). ``as_problem()`` turns one
into the blocking Problem the readers use, for the object's issues.

A pause is not an error: an extraction that must wait (the daily budget is spent, the
server asked for a long wait) returns an outcome with ``resume_after``; ``Paused`` is
only how the layers below tell the extraction so.
"""

from ..errors import MigrationError, Problem


class ConnectorError(MigrationError):
    """A call to a platform's API failed: what, where (object, method, path) and why."""

    code = "api_error"
    hint = ""

    def __init__(
        self,
        reason,
        platform=None,
        object_name=None,
        method=None,
        path=None,
        status=None,
        title=None,
        detail=None,
    ):
        self.reason = reason
        self.platform = platform
        self.object_name = object_name
        self.method = method
        self.path = path
        self.status = status
        self.title = title
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self):
        where = ", ".join(part for part in (self.platform, self.object_name) if part)
        call = " ".join(part for part in (self.method, self.path) if part)
        text = "%s: %s" % (where, call) if where and call else (where or call or "API")
        text += ": " + self.reason
        said = ": ".join(part for part in (self.title, self.detail) if part)
        if said:
            text += " (%s)" % said
        if self.hint:
            text += "; " + self.hint
        return text

    def __str__(self):
        return self.message

    def __repr__(self):
        return "%s(%r)" % (self.__class__.__name__, self.message)

    def as_problem(self):
        return Problem(self.code, self.message, file=self.object_name, blocking=True)


class ConnectorAuthError(ConnectorError):
    """401 or 403: the credentials are missing, wrong, expired or lack a right."""

    code = "api_auth"
    hint = "check the connection's credentials (a key or token that expired must be made again)"


class ConnectorUnavailable(ConnectorError):
    """The call kept failing (connection refused, timeouts, 5xx, 429) after every retry."""

    code = "api_unavailable"
    hint = "the extraction keeps its place: run it again later and it resumes"


class ConnectorResponseError(ConnectorError):
    """The server answered something that is not what its API documents (bad JSON...)."""

    code = "api_bad_response"


class ExtractionIncomplete(ConnectorError):
    """Tables were asked of an object whose extraction has not finished."""

    code = "api_incomplete"


class Paused(Exception):  # noqa: N818 - a control signal, not an error
    """The extraction must wait until ``resume_after`` (epoch seconds) before any call."""

    def __init__(self, resume_after, reason):
        super().__init__(reason)
        self.resume_after = resume_after
        self.reason = reason
