"""Unbound Flask extensions, initialised by the app factory."""
import atexit
import functools
from datetime import timezone

from flask import current_app, request
from flask_caching import Cache
from flask_cors import CORS
from flask_jwt_extended import JWTManager
from flask_jwt_extended.config import config as jwt_config
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mailman import Mail
from flask_mongoengine import MongoEngine
from flask_wtf.csrf import CSRFProtect
from jwt import api_jwt

from . import limit_store  # noqa: F401 - registers the thread-safe store for memory:// before the limiter starts
from .security import SecurityHeaders

READS = frozenset(("GET", "HEAD", "OPTIONS"))


class FormProtect(CSRFProtect):
    """Flask-WTF's CSRF protection, asking the request's method before the view's exemptions (a read is never
    checked either way, and the pages are mostly read)."""

    def protect(self, apply_exemptions=False):
        """Check the CSRF token of a request whose method needs one."""
        if request.method not in current_app.config["WTF_CSRF_METHODS"]:
            return None
        return super().protect(apply_exemptions=apply_exemptions)


db = MongoEngine()
login_manager = LoginManager()
csrf = FormProtect()


class WriteLimiter(Limiter):
    """Flask-Limiter, skipping its lookups on reads: every limit of the site is on a write
    (a POST, PUT, PATCH or DELETE), so a GET, HEAD or OPTIONS request never waits for them, and its
    answer carries no limit headers to add."""

    def init_app(self, app):
        """Bind the limiter to the app; its after-request step (the limit headers) and its teardown (forgetting
        what the request counted) run on writes only."""
        super().init_app(app)
        steps = app.after_request_funcs.setdefault(None, [])
        for position, step in enumerate(steps):
            if isinstance(step, functools.partial) and step.args == (self,):
                steps[position] = functools.partial(_on_writes_only, step)
        teardowns = app.teardown_request_funcs.setdefault(None, [])
        for position, step in enumerate(teardowns):
            if getattr(step, "__self__", None) is self:
                teardowns[position] = functools.partial(_on_writes_only, step)

    def _check_request_limit(self, callable_name=None, in_middleware=True):
        """Check the limits of a write; answer a read at once."""
        if request.method in READS:
            return None
        return super()._check_request_limit(callable_name=callable_name, in_middleware=in_middleware)


def _on_writes_only(step, given):
    """Run a limiter's after-request or teardown step for a write; hand a read's response (or error) back as it is."""
    return given if request.method in READS else step(given)

class TokenManager(JWTManager):
    """flask-jwt-extended's manager, checking each API token's signature once per process.

    A token that verified decodes to the same claims under the same keys, so a token seen before
    gets its claims again after only its expiry is checked, on the clock PyJWT checks it by.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._verified = {}  # (token, csrf value, allow_expired, the decoding settings) -> claims

    def _decode_jwt_from_config(self, encoded_token, csrf_value=None, allow_expired=False):
        """Return the verified claims of a token: checked once, then only for expiry."""
        settings = (jwt_config.decode_key, tuple(jwt_config.decode_algorithms), jwt_config.decode_audience,
                    jwt_config.decode_issuer, jwt_config.leeway)
        key = (encoded_token, csrf_value, allow_expired, repr(settings))
        claims = self._verified.get(key)
        now = api_jwt.datetime.now(tz=timezone.utc).timestamp()
        if claims is not None and (allow_expired or "exp" not in claims
                                   or claims["exp"] > now - jwt_config.leeway):
            return dict(claims)
        claims = super()._decode_jwt_from_config(encoded_token, csrf_value=csrf_value, allow_expired=allow_expired)
        if all(type(value) in (str, int, float, bool, type(None)) for value in claims.values()):
            if len(self._verified) >= KEPT_TOKENS:
                self._verified.clear()
            self._verified[key] = dict(claims)
        return claims


KEPT_TOKENS = 20_000  # verified API tokens a process keeps; past that it starts afresh
limiter = WriteLimiter(key_func=get_remote_address)
security_headers = SecurityHeaders()
cache = Cache()
jwt = TokenManager()
cors = CORS()
mail = Mail()


@atexit.register
def release_rate_limit_store():
    """Close the rate-limit store's MongoDB client before the interpreter shuts down.

    The limits library's MongoDB store opens its client lazily, and its finalizer asks for the
    client: if no request ever used it, that finalizer would try to open one while Python is
    tearing down its imports (a traceback in the worker's last log lines).
    """
    storage = getattr(limiter, "_storage", None)
    if storage is None or not hasattr(storage, "_storage_uri"):
        return
    client = getattr(storage, "_storage", None)
    if client is not None:
        client.close()
    storage._storage = _ClosedClient()


class _ClosedClient:
    """Stands in for a closed client: false, and closing it again does nothing."""

    def __bool__(self):
        return False

    def close(self):
        """Nothing is open."""
