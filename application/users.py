"""User profiles."""
from flask import Blueprint, abort, current_app, render_template
from flask_login import current_user

from . import pipelines
from .models import Course, User
from .paging import Page, requested_page

bp = Blueprint("users", __name__)


@bp.route("/user/<int:user_id>")
def profile(user_id):
    """Show a user's name, role, courses and posts (email only to the user and admins)."""
    user = User.objects(user_id=user_id).exclude("password").first() if user_id < 2**53 else None
    if user is None:
        abort(404, description="There is no such user.")
    page = Page(requested_page(), current_app.config["POSTS_PER_PAGE"])
    posts, page.total = pipelines.user_posts(user_id, page.skip, page.per_page)
    if page.total:
        page.require_exists()
    taken = pipelines.student_enrollments(user_id, Course.objects.terms())
    taught = list(Course.objects(instructor_id=user_id).only("courseID", "title", "term").order_by("courseID"))
    viewer = current_user if current_user.is_authenticated else None
    show_email = viewer is not None and (viewer.user_id == user_id or viewer.is_admin)
    return render_template("users/profile.html", user=user, posts=posts, page=page, taken=taken,
                           taught=taught, show_email=show_email, title=user.full_name)
