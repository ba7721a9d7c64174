"""The Flask application class: Flask itself, with answers it repeats on every request kept.

Flask asks for each hook and view whether it is a coroutine function (`ensure_sync`), builds the
session cookie's signing serializer, and checks and decodes the session cookie, on every request.
The first two depend only on the function and on the secret keys, so they are worked out once; a
session cookie that was checked once under the same keys decodes to the same values, so those are
kept (only its age is checked again), as long as they are plain values.
"""
import threading

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, TimestampSigner

KEPT_FUNCTIONS = 1000  # hooks and views are a fixed set; anything made per request is not kept
KEPT_COOKIES = 20_000  # session cookies a process keeps decoded; past that it starts afresh
PLAIN = (str, int, float, bool, type(None))
SIGNER_CLOCK = TimestampSigner(b"only its clock is used")  # the time the cookie signer checks ages by


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with one signing serializer per set of secret keys, and each cookie
    decoded once (its age is checked at every request, as the signer checks it)."""

    def __init__(self):
        self._serializers = {}
        self._opened = {}  # (the serializer of the secret keys, cookie) -> (signed at, decoded values)
        self._lock = threading.Lock()

    def get_signing_serializer(self, app):
        """Return the serializer for the app's current secret key and fallbacks, made once."""
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._serializers.get(key)
        if serializer is None:
            serializer = self._serializers[key] = super().get_signing_serializer(app)
        return serializer

    def open_session(self, app, request):
        """Return the request's session, decoding a cookie seen before from what it held then."""
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        key = (id(serializer), cookie)
        opened = self._opened.get(key)
        if opened is not None and 0 <= SIGNER_CLOCK.get_timestamp() - opened[0] <= max_age:
            return self.session_class(opened[1])
        try:
            data, signed_at = serializer.loads(cookie, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if isinstance(data, dict) and all(type(value) in PLAIN for value in data.values()):
            with self._lock:
                if len(self._opened) >= KEPT_COOKIES:
                    self._opened.clear()
                self._opened[key] = (int(signed_at.timestamp()), dict(data))
        return self.session_class(data)


class EnrollmentApp(Flask):
    """The site's Flask app."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.session_interface = SessionInterface()
        self._sync = {}

    def ensure_sync(self, func):
        """Return Flask's answer for func, worked out once per function."""
        try:
            return self._sync[func]
        except KeyError:
            made = super().ensure_sync(func)
            if len(self._sync) < KEPT_FUNCTIONS:
                self._sync[func] = made
            return made
        except TypeError:  # an unhashable callable
            return super().ensure_sync(func)
