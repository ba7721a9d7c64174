"""Administration pages: accounts (roles, deactivation) and the audit log."""
from flask import Blueprint, current_app, flash, render_template, request, url_for

from ..accounts.models import ROLES
from ..accounts.roles import Permission
from ..staff import audit, users
from .access import permission_required, viewer
from .requests import back_to, requested_page

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
@permission_required(Permission.MANAGE_USERS)
def accounts():
    """Find accounts by name or email."""
    query = request.args.get("q", "")
    found, page = users.find_users(viewer(), query, requested_page(), current_app.config["ROSTER_PER_PAGE"])
    return render_template("admin/users.html", users=found, page=page, query=query, roles=ROLES, title="Accounts")


@bp.route("/users/<user_id:user_id>/role", methods=["POST"])
@permission_required(Permission.MANAGE_USERS)
def role(user_id):
    """Give an account another role."""
    user = users.change_role(viewer(), user_id, request.form.get("role"))
    flash(f"{user.full_name} is now {'an' if user.role[0] in 'aeiou' else 'a'} {user.role}.", "success")
    return back_to(request.form.get("next"), url_for("admin.accounts"))


@bp.route("/users/<user_id:user_id>/deactivate", methods=["POST"])
@permission_required(Permission.MANAGE_USERS)
def deactivate(user_id):
    """Deactivate an account: it cannot sign in, and its sessions and tokens end."""
    user = users.set_active(viewer(), user_id, False)
    flash(f"{user.full_name}'s account is deactivated.", "info")
    return back_to(request.form.get("next"), url_for("admin.accounts"))


@bp.route("/users/<user_id:user_id>/reactivate", methods=["POST"])
@permission_required(Permission.MANAGE_USERS)
def reactivate(user_id):
    """Reactivate an account."""
    user = users.set_active(viewer(), user_id, True)
    flash(f"{user.full_name}'s account is active again.", "info")
    return back_to(request.form.get("next"), url_for("admin.accounts"))


@bp.route("/audit")
@permission_required(Permission.ADMIN)
def audit_log():
    """List every staff action, newest first."""
    entries, page = audit.log_page(viewer(), requested_page(), current_app.config["ROSTER_PER_PAGE"])
    return render_template("admin/audit.html", entries=entries, page=page, title="Audit log")
