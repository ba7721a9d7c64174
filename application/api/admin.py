"""Administration: accounts (find, change a role, deactivate, reactivate) and the audit log."""
from flask import current_app
from flask_smorest import Blueprint

from ..staff import audit, users
from .operations import actor, operation
from .schemas import PageQuerySchema
from .staff_schemas import AccountChangesSchema, AccountSchema, AccountsSchema, AuditLogSchema, SearchQuerySchema

bp = Blueprint("api-admin", __name__, url_prefix="/api/v1/admin",
               description="Administrators: accounts and the audit log of every staff action.")


@operation(bp, "/users", "GET", response=AccountsSchema, auth="required", query=SearchQuerySchema,
           errors=(400, 403, 404))
def accounts(args):
    """One page of accounts whose name or email holds `q`, by last then first name."""
    found, page = users.find_users(actor(), args["q"], args["page"], current_app.config["ROSTER_PER_PAGE"])
    return {"items": found, "pagination": page}


@operation(bp, "/users/<user_id:user_id>", "PATCH", response=AccountSchema, auth="required",
           body=AccountChangesSchema, limits=("writes",), errors=(400, 403, 404, 409))
def change(changes, user_id):
    """Change an account's role, or deactivate (`"active": false`: its sessions and tokens end) or
    reactivate it; never one's own account (409 own_account)."""
    user = users.account(actor(), user_id)
    if "role" in changes:
        user = users.change_role(actor(), user_id, changes["role"])
    if "active" in changes:
        user = users.set_active(actor(), user_id, changes["active"])
    return user


@operation(bp, "/audit", "GET", response=AuditLogSchema, auth="required", query=PageQuerySchema,
           errors=(403, 404))
def audit_log(args):
    """One page of the audit log, newest first."""
    entries, page = audit.log_page(actor(), args["page"], current_app.config["ROSTER_PER_PAGE"])
    return {"items": entries, "pagination": page}
