"""Profiles."""
from flask import Blueprint, current_app, render_template
from flask_login import current_user, login_required

from ..accounts.profiles import profile as profile_of
from .requests import requested_page

bp = Blueprint("users", __name__)


@bp.route("/user/<user_id:user_id>")
@login_required
def profile(user_id):
    """Show a person's name, role, posts, and the enrollments the viewer may see."""
    view = profile_of(current_user, user_id, requested_page(), current_app.config["POSTS_PER_PAGE"])
    return render_template("users/profile.html", profile=view, user=view.user, title=view.user.full_name)
