"""The API's error body, used for every failure under /api/ (the app's error handlers call `api_error`).

    {"code": 409, "status": "Conflict", "message": "CS101 is full: no seats are left.",
     "errors": {}, "reason": "full"}

`errors` maps each field to its messages; `reason` is the machine-readable cause where one is
known (a rule's code such as full or already_enrolled, or one of the codes below).
"""
from flask import jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from ..accounts.throttle import TooManyAttempts
from ..core.errors import DomainError

API_PREFIX = "/api/"
MESSAGES = {
    400: "The request could not be read.",
    401: "Send a valid access token: Authorization: Bearer <token>.",
    403: "You are not allowed to do that.",
    404: "There is no such resource.",
    405: "This resource does not take that method.",
    413: "The body is too large: the API takes at most 1 MB.",
    415: "Send the body as JSON (Content-Type: application/json).",
    422: "The submitted values are not valid.",
    429: "Too many requests: slow down and try again later.",
    500: "Something went wrong on our side.",
    503: "The service is unavailable just now.",
}
REASONS = {400: "bad_request", 405: "method_not_allowed", 413: "too_large", 415: "not_json", 422: "invalid",
           429: "rate_limited", 500: "server_error"}
ALLOWED_HEADERS = ("Allow", "Retry-After")


def is_api_request():
    """Return True when the request is addressed to the JSON API."""
    return request.path.startswith(API_PREFIX)


def error_response(status, message=None, *, errors=None, reason=None, headers=None):
    """Return the API's JSON error response; a 401 always names the Bearer scheme."""
    errors = errors or {}
    first = next((f"{field}: {messages[0]}" for field, messages in errors.items() if messages), None)
    body = {"code": status, "status": HTTP_STATUS_CODES.get(status, "Error"),
            "message": message or first or MESSAGES.get(status, "The request failed."), "errors": errors}
    reason = reason or REASONS.get(status)
    if reason:
        body["reason"] = reason
    headers = dict(headers or {})
    if status == 401:
        headers.setdefault("WWW-Authenticate", "Bearer")
    return jsonify(body), status, headers


def field_errors(messages):
    """Return webargs' {location: {field: [messages]}} as {field: [messages]}, nested fields joined by dots."""
    flat = {}

    def walk(name, value):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{name}.{key}" if name else str(key), inner)
        else:
            items = value if isinstance(value, list) else [value]
            flat.setdefault(name or "_schema", []).extend(str(item) for item in items)

    for location, value in (messages or {}).items():
        walk("" if isinstance(value, dict) else str(location), value)
    return flat


def api_error(exc, status, message):
    """Answer an exception under /api/ in the API's shape: an HTTP error, a rule's refusal or a failure."""
    if isinstance(exc, DomainError):
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyAttempts) else None
        return error_response(exc.status, exc.message, errors=exc.errors, reason=exc.code, headers=headers)
    if isinstance(exc, HTTPException):
        data = getattr(exc, "data", None) or {}
        headers = {name: value for name, value in exc.get_headers() if name in ALLOWED_HEADERS}
        headers.update(data.get("headers") or {})
        errors = field_errors(data.get("messages"))
        if status == 429 and message:
            message = f"Too many requests (at most {message}): try again later."
        return error_response(status, data.get("message") or (None if errors else message), errors=errors,
                              headers=headers)
    return error_response(500)
