"""Unbound Flask extensions, initialised by the app factory."""
import atexit

from flask import request
from flask_caching import Cache
from flask_cors import CORS
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mailman import Mail
from flask_mongoengine import MongoEngine
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

db = MongoEngine()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)
talisman = Talisman()
cache = Cache()
jwt = JWTManager()
cors = CORS()
mail = Mail()


@limiter.request_filter
def reads_are_never_limited():
    """Skip the limiter's lookups on reads: every limit of the site is on a write (a POST, PUT, PATCH or DELETE)."""
    return request.method in ("GET", "HEAD", "OPTIONS")


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
