"""Typed domain errors: what a service raises when a rule refuses a request.

The web layer turns them into pages and flashes, the API into JSON; both read `status` (the HTTP
status that fits), `code` (machine-readable) and `message` (for people), and `errors` (per field).
"""


class DomainError(Exception):
    """A request that the rules refuse."""

    status = 400
    code = "bad_request"

    def __init__(self, message, *, code=None, errors=None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.errors = errors or {}


class NotFound(DomainError):
    """Something the request names does not exist."""

    status = 404
    code = "not_found"


class Forbidden(DomainError):
    """The acting user may not do this."""

    status = 403
    code = "forbidden"


class Conflict(DomainError):
    """The request clashes with the current state (a full course, a duplicate)."""

    status = 409
    code = "conflict"


class Unavailable(DomainError):
    """The request could not be served just now; trying again may work."""

    status = 503
    code = "unavailable"


class Invalid(DomainError):
    """Submitted values break the rules; `errors` maps each field to its messages."""

    status = 422
    code = "invalid"

    def __init__(self, errors, message=None):
        first = next((msgs[0] for msgs in errors.values() if msgs), "The submitted values are not valid.")
        super().__init__(message or first, errors=errors)
