"""The OpenAPI 3 document, built with flask-smorest from the API's blueprints once per process.

The document depends on the code alone, so it is built on a bare Flask app the first time it is
asked for and kept; the apps that serve requests register the same blueprints for their routes only.
"""
import functools
import json
from http import HTTPStatus

from flask import Flask
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from ..web import converters
from . import account, admin, auth, courses, me, people, posts, staff
from .account_schemas import ProfileChangesSchema
from .schemas import ErrorSchema, PostChangesSchema

BLUEPRINTS = (auth, courses, me, account, people, posts, staff, admin)
DESCRIPTION = """\
Everything a student does on the site, as JSON, under the same rules as the site's pages.

**Tokens.** `POST /api/v1/auth/tokens` with `{"email", "password"}` answers an access token
(15 minutes by default) and a refresh token (30 days). Send the access token as
`Authorization: Bearer <token>`. `POST /api/v1/auth/refresh` with the refresh token as the bearer
token answers a new access token; `DELETE /api/v1/auth/tokens` revokes the presented token together
with every token of the same sign-in. A new password, or a removed or deactivated account, voids
the account's tokens.

**Errors** are always `{"code": <HTTP status>, "status": <short name>, "message": <text>,
"errors": {<field>: [<messages>]}, "reason": <machine-readable cause>}`; `reason` is present where
one is known: `full`, `already_enrolled`, `not_enrolled`, `unknown_course`, `staff`, `teaching`,
`bad_credentials`, `too_many_attempts`, `token_missing`, `token_invalid`, `token_expired`,
`token_revoked`, `token_stale`, `invalid`, `not_json`, `too_large`, `rate_limited`, `bad_page`,
`bad_term`, `bad_search`, … A 401 carries `WWW-Authenticate: Bearer`, a 429 `Retry-After`.

**Pagination** is an object in the body: `{"items": [...], "pagination": {"page", "per_page",
"total", "pages"}}`; a page past the end is a 404.
"""
SETTINGS = {
    "API_TITLE": "Enrollment API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "API_SPEC_OPTIONS": {"info": {"description": DESCRIPTION}},
}
HEADERS = {
    401: {"WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}},
    405: {"Allow": {"description": "The methods this resource takes.", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
}


class EnrollmentApi(Api):
    """flask-smorest's Api, documenting this API's error body and only the statuses each operation answers."""

    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None  # each operation lists the statuses it answers, and only those

    def _register_error_handlers(self):
        """Register nothing: the apps serving the API answer errors in application/errors.py."""

    def _register_pagination_header(self):
        """Register nothing: this API paginates in the body, not in an X-Pagination header."""

    def _register_responses(self):
        """Register one documented error response per error status, with its headers."""
        for status in HTTPStatus:
            if status >= 400:
                response = {"description": status.phrase, "schema": ErrorSchema,
                            **({"headers": HEADERS[status]} if status in HEADERS else {})}
                prepare_response(response, self.spec, self.DEFAULT_RESPONSE_CONTENT_TYPE)
                self.spec.components.response(status.name, response, lazy=True)


EXAMPLES = {converters.CourseIdConverter: "CS101-F26", converters.ObjectIdConverter: "6a1f00000000000000000001",
            converters.UserIdConverter: "2"}


@functools.cache
def openapi_json():
    """Return the OpenAPI document as JSON text (built on first use)."""
    builder = Flask(__name__)
    builder.config.update(SETTINGS)
    converters.register(builder)
    api = EnrollmentApi(builder)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    api.spec.components.schema("PostChanges", {"minProperties": 1}, schema=PostChangesSchema)
    api.spec.components.schema("ProfileChanges", {"minProperties": 1}, schema=ProfileChangesSchema)
    for converter, example in EXAMPLES.items():
        api.register_converter(converter, lambda c, example=example: {"type": "string", "pattern": f"^{c.regex}$",
                                                                      "example": example})
    for module in BLUEPRINTS:
        api.register_blueprint(module.bp)
    return json.dumps(api.spec.to_dict(), indent=2)
