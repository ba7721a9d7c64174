"""The JSON API at /api/v1: bearer tokens, the services the pages call, and its OpenAPI 3 spec and docs.

It only translates HTTP to service calls and back: every rule lives in the services, and every
error is answered by the app's handlers (application/errors.py) in the shape of `errors.py` here.
"""
import hashlib

from ..extensions import cors, csrf, jwt
from . import docs
from .spec import BLUEPRINTS


def register(app):
    """Add the API's routes, its spec and docs, token checks and (when CORS_ORIGINS lists origins) CORS."""
    # tokens are signed with a key of their own, derived from SECRET_KEY (a session cookie is never a token)
    app.config.setdefault("JWT_SECRET_KEY", hashlib.sha256(f"api-tokens:{app.config['SECRET_KEY']}".encode()).hexdigest())
    jwt.init_app(app)
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
        csrf.exempt(module.bp)
    app.register_blueprint(docs.bp)
    if app.config["CORS_ORIGINS"]:
        cors.init_app(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
                      expose_headers=["Retry-After", "WWW-Authenticate", "Location"], supports_credentials=False)
