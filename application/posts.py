"""Course discussion boards: write, edit and delete posts."""
from bson import ObjectId
from bson.errors import InvalidId
from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from . import pipelines
from .extensions import limiter
from .forms import ConfirmForm, PostForm
from .models import Enrollment, Post, utcnow
from .permissions import can_delete, can_edit, can_post

bp = Blueprint("posts", __name__)


def _post_limit():
    """Return the post-creation rate limit from the config."""
    return current_app.config["POST_RATE_LIMIT"]


def _per_user():
    """Key rate limits on the signed-in user rather than the address."""
    return f"user:{current_user.user_id}" if current_user.is_authenticated else "anonymous"


def _post_or_404(post_id):
    """Return the post with this id, or answer 404 for a malformed or unknown id."""
    try:
        oid = ObjectId(post_id)
    except (InvalidId, TypeError):
        abort(404, description="There is no such post.")
    post = Post.objects(id=oid).first()
    if post is None:
        abort(404, description="There is no such post.")
    return post


def _board(course_id, page=1):
    """Return the URL of a course's board."""
    return url_for("courses.detail", course_id=course_id, page=page if page > 1 else None, _anchor="discussion")


@bp.route("/course/<course_id>/posts", methods=["POST"])
@login_required
@limiter.limit(_post_limit, key_func=_per_user)
def create(course_id):
    """Add a post to a course's board (enrolled students, its instructor, admins)."""
    course = pipelines.course_detail(course_id) if len(course_id) <= 20 else None
    if course is None:
        abort(404, description=f"There is no course {course_id[:20]!r}.")
    enrolled = Enrollment.exists(current_user.user_id, course_id)
    if not can_post(current_user, course, enrolled):
        abort(403, description="Only students enrolled in this course, its instructor and admins can post here.")
    form = PostForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        return redirect(_board(course_id))
    now = utcnow()
    Post(courseID=course_id, user_id=current_user.user_id, title=form.title.data,
         body=form.body.data, created_at=now, updated_at=now).save()
    flash("Your post is on the board.", "success")
    return redirect(_board(course_id))


@bp.route("/post/<post_id>/edit", methods=["GET", "POST"])
@login_required
def edit(post_id):
    """Let the author change a post's title and message."""
    post = _post_or_404(post_id)
    if not can_edit(current_user, post):
        abort(403, description="Only the author can edit this post.")
    form = PostForm(obj=post)
    if form.validate_on_submit():
        post.update(set__title=form.title.data, set__body=form.body.data, set__updated_at=utcnow())
        flash("Your post is updated.", "success")
        return redirect(_board(post.courseID))
    return render_template("posts/edit.html", form=form, post=post, title="Edit post")


@bp.route("/post/<post_id>/delete", methods=["POST"])
@login_required
def delete(post_id):
    """Delete a post (its author or an admin)."""
    post = _post_or_404(post_id)
    if not can_delete(current_user, post):
        abort(403, description="Only the author or an admin can delete this post.")
    if ConfirmForm().validate_on_submit():
        post.delete()
        flash("The post is deleted.", "info")
    return redirect(_board(post.courseID))
