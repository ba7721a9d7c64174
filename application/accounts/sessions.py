"""Sessions that can be ended: every session and remember-me cookie carries the account's session stamp.

Flask-Login keeps `User.get_id()`, "<user_id>:<stamp>", in the session and in the remember-me
cookie. Logging out, a new password, a password reset, deactivation and "Sign out everywhere"
give the account a new stamp, so every copy of an older cookie stops working at once, and so does
every API token (its account stamp covers the session stamp, see tokens.py).
"""
import hmac
import re
import secrets

from flask import request
from flask_login.utils import _create_identifier

from ..core.store import collection_of
from .models import User
from .services import load_user, mark_seen

SESSION_ID = re.compile(r"([0-9]{1,16}):([A-Za-z0-9_-]{1,64})")


def new_stamp():
    """Return a fresh, unguessable session stamp."""
    return secrets.token_urlsafe(12)


_BROWSERS = {}  # (address, user agent) -> Flask-Login's identifier of that browser
BROWSERS_MAX = 20_000


def browser_identifier():
    """Return Flask-Login's identifier of the requesting browser (a hash of its address and user agent, checked
    against the session on every request), worked out once per pair."""
    environ = request.environ  # the headers as the server handed them over: what request.headers reads
    pair = (environ.get("HTTP_X_FORWARDED_FOR", request.remote_addr), environ.get("HTTP_USER_AGENT"))
    identifier = _BROWSERS.get(pair)
    if identifier is None:
        identifier = _create_identifier()
        if len(_BROWSERS) >= BROWSERS_MAX:
            _BROWSERS.clear()
        _BROWSERS[pair] = identifier
    return identifier


def load_session(raw_id):
    """Return the active user a session or remember-me cookie names under the account's current stamp, else None.

    One read of the user; at most one small write a minute (last_seen).
    """
    match = SESSION_ID.fullmatch(raw_id) if isinstance(raw_id, str) else None
    if match is None:
        return None
    user = load_user(match[1])
    if user is None or not user.is_active or not hmac.compare_digest(user.get_id(), raw_id):
        return None
    mark_seen(user)
    return user


def end_sessions(user, guard=None, **changes):
    """Give the account a new session stamp, writing `changes` with it; return True when it was written.

    Every session, remember-me cookie and API token made before stops working. `guard` holds field
    values the stored account must still have (e.g. the password hash a reset link was made for):
    when one changed meanwhile, nothing is written and the answer is False.
    """
    stamp = new_stamp()
    written = collection_of(User).update_one({**(guard or {}), "user_id": user.user_id},
                                             {"$set": {"session_stamp": stamp, **changes}})
    if not written.matched_count:
        return False
    user.session_stamp = stamp
    for name, value in changes.items():
        setattr(user, name, value)
    return True


def deactivate(user):
    """Deactivate an account: it can no longer sign in, and its sessions and tokens end now."""
    end_sessions(user, active=False)
