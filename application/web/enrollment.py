"""Enroll, drop, join and leave waitlists, and a student's own registration."""
from flask import Blueprint, flash, render_template, request, url_for
from flask_login import login_required

from ..core.errors import DomainError
from ..enrollment import services
from .access import viewer
from .forms import CourseActionForm
from .requests import back_to, kept_page

bp = Blueprint("enrollment", __name__)

FLASH_CATEGORY = {"enrolled": "success", "waitlisted": "success", "full": "warning", "unknown_course": "danger",
                  "window_closed": "warning", "time_conflict": "warning", "credit_limit": "warning",
                  "prerequisite": "warning", "drop_deadline": "warning", "busy": "warning"}


def _course_action(action):
    """Run an enroll, drop or waitlist service for the submitted courseID, flash the outcome, return its code."""
    form = CourseActionForm()
    try:
        done = action(viewer(), form.courseID.data)
    except DomainError as exc:
        if exc.status == 400:
            raise
        flash(exc.message, FLASH_CATEGORY.get(exc.code, "info"))
        return exc.code
    flash(done.message, FLASH_CATEGORY.get(done.code, "info"))
    return done.code


@bp.route("/enrollment", methods=["GET"])
@login_required
def my_enrollments():
    """Show the signed-in student's enrollments by term (with credits and the week), and their waitlists."""
    registration = services.my_registration(viewer())
    return kept_page(registration.basis, lambda: render_template("enrollment/list.html", registration=registration,
                                                                 title="My Enrollments"))


@bp.route("/enrollment", methods=["POST"])
@login_required
def enroll():
    """Enroll the signed-in student in the posted courseID."""
    code = _course_action(services.enroll)
    default = url_for("enrollment.my_enrollments" if code == "enrolled" else "courses.catalog")
    return back_to(request.form.get("next"), default)


@bp.route("/enrollment/drop", methods=["POST"])
@login_required
def drop():
    """Drop the posted courseID for the signed-in student."""
    _course_action(services.drop)
    return back_to(request.form.get("next"), url_for("enrollment.my_enrollments"))


@bp.route("/waitlist", methods=["POST"])
@login_required
def join_waitlist():
    """Enroll the student in the posted courseID when a seat is free for them, else put them in line."""
    _course_action(services.join_waitlist)
    return back_to(request.form.get("next"), url_for("enrollment.my_enrollments"))


@bp.route("/waitlist/leave", methods=["POST"])
@login_required
def leave_waitlist():
    """Take the student off the posted courseID's waitlist."""
    _course_action(services.leave_waitlist)
    return back_to(request.form.get("next"), url_for("enrollment.my_enrollments"))
