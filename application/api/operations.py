"""How every API route is declared: its token check, JSON body or query, response, rate limit and errors.

`operation` stacks the same decorators in the same order for every route, so each one checks in
this order: the token (401), the write limit (429), the body's media type (415), the body or the
query against its schema (400, 422), then the view; and the spec lists every status it can answer.
"""
import functools
from http import HTTPStatus

from flask import abort, current_app, request
from flask_jwt_extended import get_current_user, get_jwt_identity, jwt_required

from ..accounts.models import Anonymous
from ..core.stamps import digest, kept
from ..extensions import limiter

BEARER = [{"bearerAuth": []}]
SECURITY = {"required": BEARER, "refresh": BEARER, "any": BEARER, "optional": [{}, *BEARER]}
TOKEN_CHECKS = {"required": {}, "refresh": {"refresh": True}, "any": {"verify_type": False},
                "optional": {"optional": True}}
WRITES_SCOPE = "api-writes"


def actor():
    """Return the user the request's token names, or Anonymous when it carries none."""
    user = get_current_user()
    return user if user is not None else Anonymous()


def per_user():
    """Key rate limits on the token's user: more tokens for one account do not raise its ceiling."""
    return f"api-user:{get_jwt_identity()}"


def _write_limit():
    """Return the limit on API writes per user from the config."""
    return current_app.config["API_WRITE_RATE_LIMIT"]


def _post_limit():
    """Return the limit on new posts per user from the config (the site's own)."""
    return current_app.config["POST_RATE_LIMIT"]


LIMITS = {
    "writes": limiter.shared_limit(_write_limit, scope=WRITES_SCOPE, key_func=per_user),
    "posts": limiter.limit(_post_limit, key_func=per_user),
}


def no_content():
    """Return an empty 204 response (no body, no content type)."""
    response = current_app.response_class(status=204)
    del response.headers["Content-Type"]
    return response


def kept_json(basis, result, schema):
    """Return the JSON answer of `result` dumped by `schema`, kept under a digest of the URL, the caller's
    account (its stored document) and `basis`: all the answer follows from, read fresh (a service's basis).

    The answer is made once per distinct basis and then only looked up; nothing in it is ever old.
    Without a caller's stored document (or in debug mode) `result` goes back to the route's own
    response step.
    """
    caller = actor()
    who = getattr(caller, "stored_digest", None) if caller.is_authenticated else "anyone"
    if who is None or current_app.debug:
        return result
    body = kept("api:" + digest((request.full_path, who, basis)),
                lambda: current_app.json.response(schema().dump(result)).get_data())
    return current_app.response_class(body, mimetype="application/json")


def only_json(view):
    """Refuse a body that is not JSON with 415 before it is read."""
    @functools.wraps(view)
    def checked(*args, **kwargs):
        if not request.is_json:
            abort(415, description="Send the body as JSON (Content-Type: application/json).")
        return view(*args, **kwargs)

    return checked


def operation(blp, rule, method, *, status=200, response=None, auth=None, body=None, query=None,
              limits=(), errors=()):
    """Register a view on the blueprint with everything it checks and documents (see the module)."""
    def decorator(func):
        view = func
        # one schema object per operation: given the class, webargs would build (and deep-copy the
        # fields of) a new one on every request
        if query is not None:
            # unknown query parameters are refused (422) like unknown body fields, not silently dropped
            view = blp.arguments(query(), location="query", unknown=None)(view)
        if body is not None:
            view = only_json(blp.arguments(body())(view))
        for name in limits:
            view = LIMITS[name](view)
        view = blp.response(status, response)(view)
        statuses = [*errors, 500]
        statuses += [400, 413, 415] if body is not None else []
        statuses += [400] if query is not None else []
        statuses += [429] if limits else []
        if auth is not None:
            view = jwt_required(**TOKEN_CHECKS[auth])(view)
            view = blp.doc(security=SECURITY[auth])(view)
            statuses.append(401)
        for code in sorted(set(statuses)):
            view = blp.alt_response(code, response=HTTPStatus(code).name)(view)
        blp.route(rule, methods=[method], endpoint=func.__name__)(view)
        return func

    return decorator
