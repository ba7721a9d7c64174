"""Friendly error pages (HTML), JSON for JSON clients, and the API's own JSON shape under /api/."""
import logging

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .api.errors import api_error, is_api_request
from .core.errors import DomainError

log = logging.getLogger(__name__)

TITLES = {
    400: "That request did not make sense",
    403: "You are not allowed to do that",
    404: "We could not find that page",
    405: "That action is not allowed here",
    411: "That request needs a length",
    413: "That upload is too large",
    415: "That kind of request is not accepted here",
    422: "Please check what you sent",
    429: "Slow down a little",
    500: "Something went wrong on our side",
    503: "The service is unavailable",
}


def wants_json():
    """Return True when the client asked for JSON rather than a page."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def render_error(code, message):
    """Return the error response for a status code and a message for the person."""
    if wants_json():
        return jsonify(error=TITLES.get(code, "Error"), message=message, status=code), code
    return render_template("errors/error.html", code=code, heading=TITLES.get(code, "Error"),
                           message=message, title=TITLES.get(code, "Error")), code


def respond(exc, code, message):
    """Return the answer to an error: the API's JSON under /api/, else a page (or JSON for JSON clients)."""
    if is_api_request():
        return api_error(exc, code, message)
    return render_error(code, message)


def handle_http(exc):
    """Answer an HTTP error with its own description when it has a useful one."""
    code = exc.code or 500
    message = exc.description if exc.description and not _is_default(exc) else None
    return respond(exc, code, message)


def _is_default(exc):
    """Return True when the description is werkzeug's generic text."""
    return exc.description == type(exc).description


def handle_csrf(exc):
    """Explain a missing or stale CSRF token."""
    return respond(exc, 400, "The form was missing its security token or it expired. "
                              "Go back, reload the page and try again.")


def handle_domain(exc):
    """Answer a rule's refusal that a view did not turn into a message of its own."""
    return respond(exc, exc.status, exc.message)


def handle_unexpected(exc):
    """Log an unexpected exception and show the 500 page without a traceback."""
    if isinstance(exc, HTTPException):
        return handle_http(exc)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return respond(exc, 500, None)


def register(app):
    """Install the handlers on the app."""
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(DomainError, handle_domain)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
