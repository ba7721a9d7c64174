"""The Flask application class: Flask itself, with two answers it repeats on every request kept.

Flask asks for each hook and view whether it is a coroutine function (`ensure_sync`), and builds
the session cookie's signing serializer, on every request; both depend only on the function and
on the secret keys, so they are worked out once.
"""
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

KEPT_FUNCTIONS = 1000  # hooks and views are a fixed set; anything made per request is not kept


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with one signing serializer per set of secret keys."""

    def __init__(self):
        self._serializers = {}

    def get_signing_serializer(self, app):
        """Return the serializer for the app's current secret key and fallbacks, made once."""
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._serializers.get(key)
        if serializer is None:
            serializer = self._serializers[key] = super().get_signing_serializer(app)
        return serializer


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
