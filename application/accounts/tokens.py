"""API token rules: which account a token still stands for, and revoked token families.

A token names its user and carries a stamp of that user's password hash: a changed password, or
an account that is deactivated or removed, makes every token issued before it worthless. Revoking
a token revokes its whole family (the access and refresh tokens issued together at sign-in and the
access tokens refreshed from them); the revocation is kept, under a TTL index, only until every
token of the family has expired.
"""
import hashlib

from ..core.clock import utcnow
from ..core.store import collection_of
from .models import TokenRevocation
from .services import load_user

STAMP_LENGTH = 16


def password_stamp(user):
    """Return a short fingerprint of the user's password hash (it changes whenever the password does)."""
    return hashlib.sha256((user.password or "").encode()).hexdigest()[:STAMP_LENGTH]


def token_holder(user_id, stamp):
    """Return the active user a token names while its password stamp still matches, else None."""
    user = load_user(user_id)
    if user is None or not user.is_active or password_stamp(user) != stamp:
        return None
    return user


def revoke_family(family, lifetime):
    """Revoke every token of a family; the TTL index forgets it after `lifetime`, the longest any of them lives."""
    until = utcnow() + lifetime
    collection_of(TokenRevocation).update_one({"family": family}, {"$max": {"expires_at": until}}, upsert=True)


def is_revoked(family):
    """Return True when a token family was revoked (a token without a family is never trusted)."""
    if not isinstance(family, str) or not family:
        return True
    return TokenRevocation.objects(family=family).only("id").first() is not None
