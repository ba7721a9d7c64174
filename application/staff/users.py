"""User administration: find accounts, change a role, deactivate and reactivate; administrators only."""
import re

from ..accounts.models import ROLES, User, require_user_id
from ..accounts.roles import Permission, can
from ..accounts.sessions import deactivate
from ..core.checks import search_text
from ..core.errors import Conflict, DomainError, Forbidden, NotFound
from ..core.paging import Page
from .audit import record

QUERY_MAX = 100


def _admin(actor):
    """Raise Forbidden unless the actor may manage accounts."""
    if not can(actor, Permission.MANAGE_USERS):
        raise Forbidden("Only administrators manage accounts.")


def find_users(actor, query="", page_number=1, per_page=25):
    """Return (users, Page): accounts whose name or email contains query, by last then first name."""
    _admin(actor)
    page, query = Page(page_number, per_page), search_text(query, QUERY_MAX)
    users = User.objects.exclude("password", "session_stamp")
    if query:
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        users = users.filter(__raw__={"$or": [{"first_name": pattern}, {"last_name": pattern}, {"email": pattern}]})
    page.total = users.count()
    page.require_exists()
    return list(users.order_by("last_name", "first_name", "user_id").skip(page.skip).limit(page.per_page)), page


def _account(actor, user_id):
    """Return another account by user_id, or raise (an administrator never acts on their own account here)."""
    _admin(actor)
    user = User.objects(user_id=require_user_id(user_id)).first()
    if user is None:
        raise NotFound("There is no such user.")
    if user.user_id == actor.user_id:
        raise Conflict("Administrators do not change their own role or account here: ask another administrator.",
                       code="own_account")
    return user


def change_role(actor, user_id, role):
    """Give an account another role; return the User."""
    user = _account(actor, user_id)
    if role not in ROLES:
        raise DomainError(f"The role must be one of {', '.join(ROLES)}.", code="bad_role")
    if user.role != role:
        record(actor, "role changed", f"user {user.user_id}", {"role": user.role}, {"role": role})
        User.objects(user_id=user.user_id).update(set__role=role)
        user.role = role
    return user


def set_active(actor, user_id, active):
    """Deactivate an account (it cannot sign in; its sessions and tokens end; its records stay) or reactivate it."""
    user = _account(actor, user_id)
    if user.is_active == active:
        return user
    if active:
        User.objects(user_id=user.user_id).update(set__active=True)
        user.active = True
    else:
        deactivate(user)
    record(actor, "account reactivated" if active else "account deactivated", f"user {user.user_id}",
           {"active": not active}, {"active": active})
    return user



def account(actor, user_id):
    """Return another account for an administrator to act on, or raise."""
    return _account(actor, user_id)
