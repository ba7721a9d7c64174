"""API token rules: which account a token still stands for, and revoked token families.

A token names its user and carries the account stamp, a fingerprint of the user's password hash and
session stamp: a changed or reset password, "Sign out everywhere", logging out of the site, or an
account that is deactivated or removed makes every token issued before it worthless. Revoking
a token revokes its whole family (the access and refresh tokens issued together at sign-in and the
access tokens refreshed from them); the revocation is kept, under a TTL index, only until every
token of the family has expired.
"""
import hashlib

from ..core.clock import utcnow
from ..core.store import collection_of
from .models import TokenRevocation
from .services import load_user, mark_seen

STAMP_LENGTH = 16


def account_stamp(user):
    """Return a short fingerprint of the password hash and session stamp (it changes whenever either does)."""
    return hashlib.sha256(f"{user.password or ''}|{user.session_stamp or ''}".encode()).hexdigest()[:STAMP_LENGTH]


def token_holder(user_id, stamp):
    """Return the active user a token names while its account stamp still matches, else None."""
    user = load_user(user_id)
    if user is None or not user.is_active or account_stamp(user) != stamp:
        return None
    mark_seen(user)
    return user


def revoke_family(family, lifetime):
    """Revoke every token of a family; the TTL index forgets it after `lifetime`, the longest any of them lives."""
    until = utcnow() + lifetime
    collection_of(TokenRevocation).update_one({"family": family}, {"$max": {"expires_at": until}}, upsert=True)


def is_revoked(family):
    """Return True when a token family was revoked (a token without a family is never trusted)."""
    if not isinstance(family, str) or not family:
        return True
    return collection_of(TokenRevocation).find_one({"family": family}, projection={"_id": 1}) is not None
