"""Course discussion boards: write, edit and delete posts."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..core.errors import Invalid
from ..discussion import moderation, services
from ..extensions import limiter
from .access import viewer
from .courses import render_course
from .forms import PostForm, show_errors

bp = Blueprint("posts", __name__)


def _post_limit():
    """Return the post-creation rate limit from the config."""
    return current_app.config["POST_RATE_LIMIT"]


def _per_user():
    """Key rate limits on the signed-in user rather than the address."""
    return f"user:{current_user.user_id}" if current_user.is_authenticated else "anonymous"


def _board(course_id):
    """Return the URL of a course's board."""
    return url_for("courses.detail", course_id=course_id, _anchor="discussion")


@bp.route("/course/<course_id:course_id>/posts", methods=["POST"])
@login_required
@limiter.limit(_post_limit, key_func=_per_user)
def create(course_id):
    """Add a post to a course's board; a refused post re-renders the page with what was typed."""
    form = PostForm()
    try:
        services.create_post(viewer(), course_id, form.title.data, form.body.data)
    except Invalid as exc:
        show_errors(form, exc)
        return render_course(course_id, form, status=422)
    flash("Your post is on the board.", "success")
    return redirect(_board(course_id))


@bp.route("/post/<object_id:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit(post_id):
    """Let the author change a post's title and message."""
    post = services.editable_post(viewer(), post_id)
    form = PostForm() if request.method == "POST" else PostForm(obj=post)
    status = 200
    if request.method == "POST":
        try:
            services.update_post(viewer(), post, form.title.data, form.body.data)
        except Invalid as exc:
            show_errors(form, exc)
            status = 422
        else:
            flash("Your post is updated.", "success")
            return redirect(_board(post.courseID))
    return render_template("posts/edit.html", form=form, post=post, title="Edit post"), status


@bp.route("/post/<object_id:post_id>/delete", methods=["POST"])
@login_required
def delete(post_id):
    """Delete one's own post, or remove another's from a board one moderates."""
    post, outcome = moderation.take_down(viewer(), post_id)
    flash("The post is deleted." if outcome == "deleted" else "The post is removed from the board; its author "
          "sees that staff removed it.", "info")
    return redirect(_board(post.courseID))
