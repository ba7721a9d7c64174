"""Signed links in mails: a password reset (1 hour) and an email confirmation (7 days).

A link's token is signed with itsdangerous under a salt of its own purpose, so one kind of link is
never taken for another. It names the account and a fingerprint of the field it acts on: a reset
link dies once the password changes (so it works once), a confirmation link once the email does.
"""
import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..core.errors import DomainError
from .services import load_user

TOKEN_MAX = 300
INVALID = "This link is not valid: ask for a new one."
EXPIRED = "This link has expired: ask for a new one."
USED = "This link was already used or is no longer valid: ask for a new one."


@dataclass(frozen=True)
class Purpose:
    """What a link does: its salt, how long it lives and the account field it is bound to."""

    salt: str
    lifetime: timedelta
    field: str

    @property
    def seconds(self):
        """Return the lifetime in whole seconds."""
        return int(self.lifetime.total_seconds())


RESET = Purpose("password-reset", timedelta(hours=1), "password")
CONFIRM = Purpose("email-confirmation", timedelta(days=7), "email")


class BadLink(DomainError):
    """A link that is forged, expired, already used or for an account that cannot use it."""

    status = 400
    code = "link_invalid"


def _serializer(purpose):
    """Return the signer of one purpose's links."""
    return URLSafeTimedSerializer(current_app.secret_key, salt=purpose.salt)


def _fingerprint(purpose, user):
    """Return a short fingerprint of the account field the purpose is bound to."""
    value = f"{purpose.salt}:{getattr(user, purpose.field) or ''}"
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def make_token(purpose, user):
    """Return a signed token for a link of this purpose to the user."""
    return _serializer(purpose).dumps([user.user_id, _fingerprint(purpose, user)])


def token_holder(purpose, token):
    """Return the active user a link's token was made for while it is fresh and unused, else raise BadLink."""
    if not isinstance(token, str) or len(token) > TOKEN_MAX:
        raise BadLink(INVALID)
    try:
        user_id, fingerprint = _serializer(purpose).loads(token, max_age=purpose.seconds)
    except SignatureExpired:
        raise BadLink(EXPIRED, code="link_expired") from None
    except (BadSignature, ValueError, TypeError):
        raise BadLink(INVALID) from None
    user = load_user(user_id) if isinstance(user_id, int) and not isinstance(user_id, bool) else None
    if user is None or not user.is_active or not hmac.compare_digest(_fingerprint(purpose, user), str(fingerprint)):
        raise BadLink(USED, code="link_used")
    return user
