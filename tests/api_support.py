"""Helpers for the JSON API tests: sign in for tokens, send requests with a bearer token, move the clock."""
from datetime import datetime, timedelta

from tests.conftest import PASSWORD


class ApiActions:
    """Sign a test client in to the API and call it with bearer tokens."""

    def __init__(self, client):
        self.client = client

    def tokens(self, email, password=PASSWORD):
        """Sign in and return the token response body."""
        response = self.client.post("/api/v1/auth/tokens", json={"email": email, "password": password})
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()

    def token(self, user):
        """Return an access token for a user made with make.user()."""
        return self.tokens(user.email)["access_token"]

    def call(self, method, path, token=None, **kwargs):
        """Send a request, with `Authorization: Bearer <token>` when a token is given."""
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.client.open(path, method=method.upper(), headers=headers, **kwargs)

    def get(self, path, token=None, **kwargs):
        """GET path."""
        return self.call("GET", path, token, **kwargs)

    def post(self, path, token=None, **kwargs):
        """POST path."""
        return self.call("POST", path, token, **kwargs)

    def patch(self, path, token=None, **kwargs):
        """PATCH path."""
        return self.call("PATCH", path, token, **kwargs)

    def delete(self, path, token=None, **kwargs):
        """DELETE path."""
        return self.call("DELETE", path, token, **kwargs)


class Clock:
    """Moves the time that API tokens and mailed links are issued and checked at, and last-seen marks taken."""

    def __init__(self, monkeypatch):
        import time

        import flask_jwt_extended.tokens
        import itsdangerous.timed
        import jwt.api_jwt

        from application.accounts import services
        from application.core.clock import utcnow

        clock = self
        self.offset = timedelta(0)

        class AnyDatetime(type):
            def __instancecheck__(cls, value):
                return isinstance(value, datetime)

        class Shifted(datetime, metaclass=AnyDatetime):
            @classmethod
            def now(cls, tz=None):
                return datetime.now(tz) + clock.offset

        monkeypatch.setattr(jwt.api_jwt, "datetime", Shifted)
        monkeypatch.setattr(flask_jwt_extended.tokens, "datetime", Shifted)
        monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp",
                            lambda signer: int(time.time() + clock.offset.total_seconds()))
        monkeypatch.setattr(services, "utcnow", lambda: utcnow() + clock.offset)

    def travel(self, delta):
        """Move the clock forward by a timedelta."""
        self.offset += delta


def assert_error(response, status, reason=None, fields=()):
    """Check an API error response: its status, shape, reason and the fields it names."""
    body = response.get_json()
    assert response.status_code == status, (response.status_code, body)
    assert {"code", "status", "message", "errors"} <= set(body), body
    assert body["code"] == status and isinstance(body["status"], str) and body["message"]
    assert all(isinstance(messages, list) and messages for messages in body["errors"].values())
    if reason is not None:
        assert body.get("reason") == reason, body
    for field in fields:
        assert field in body["errors"], body
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    return body
